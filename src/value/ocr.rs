//! OCR misreadings inside numbers, repaired where a human would still read the number.
//!
//! Scanned tables come back from OCR engines (Tesseract, PaddleOCR, ABBYY, WPS) with
//! letters for digits (`l`/`I`/`丨` for 1, `O`/`o`/`〇` for 0, `S` 5, `B` 8, `Z` 2, `b` 6),
//! other marks for the decimal point (`。`, `·`, `,`) and the thousands separator (`、`,
//! `.`), and book-title marks for comparison signs (`》90%`). Each rule here needs the
//! context that makes the number unmistakable: a comparison right before it, a real digit
//! beside the letter, a unit right after the decimal, or a cell that must be one amount.
//! Everything else keeps its letters (`H2O`, `CO2`, `ISO9001`, `5S管理`, `O2O`, `II类`).
//! Callers report a repaired cell (`ocr_repaired` warning), so no repair is silent.
//!
//! Only chars this module changes differ from the text as written: metrics and units
//! are still cut from the writer's text.

use super::norm::norm_char;
use super::unit::unit_at;

/// The digit OCR's `l`/`I`/`丨` or `O`/`o`/`〇` stands for.
fn one_or_zero(c: char) -> Option<char> {
    match c {
        'l' | 'I' | '丨' => Some('1'),
        'O' | 'o' | '〇' => Some('0'),
        _ => None,
    }
}

/// The digit a rarer letter confusion stands for: read only right after a comparison.
fn other_digit(c: char) -> Option<char> {
    match c {
        'S' => Some('5'),
        'B' => Some('8'),
        'Z' => Some('2'),
        'b' => Some('6'),
        _ => None,
    }
}

fn letter_digit(c: char) -> Option<char> {
    one_or_zero(c).or_else(|| other_digit(c))
}

pub(super) fn digitish(c: char) -> bool {
    c.is_ascii_digit() || letter_digit(c).is_some()
}

/// Words and signs after which a number follows (the folded text before it ends so).
const COMPARISONS: &[&str] = &[
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "不少于",
    "不低于",
    "不小于",
    "不超过",
    "不高于",
    "不多于",
    "不大于",
    "大于",
    "小于",
    "高于",
    "低于",
    "达到",
    "至少",
    "超过",
    "控制在",
];

/// Whether the folded chars before `at` (spaces skipped) end with a comparison.
fn comparison_before(f: &[char], at: usize) -> bool {
    let mut end = at;
    while end > 0 && f.get(end - 1) == Some(&' ') {
        end -= 1;
    }
    let head: String = f[end.saturating_sub(4)..end].iter().collect();
    COMPARISONS.iter().any(|w| head.ends_with(w))
}

/// Whether a unit (or `%`) starts at `at`: what a decimal's digits run into.
fn unit_after(f: &[char], at: usize) -> bool {
    let rest: String = f[at.min(f.len())..].iter().take(8).collect();
    unit_at(&rest).is_some()
}

/// Whether the comma between the number starting at `start` and the one ending at `end`
/// parts the ends of an interval (`[1,5天]`, `(0,5天]`): an opening bracket right before,
/// a closing one within a few chars after, one of them square.
fn interval(f: &[char], start: usize, end: usize) -> bool {
    let Some(open) = start.checked_sub(1).and_then(|k| f.get(k)) else {
        return false;
    };
    if !matches!(open, '[' | '［' | '【' | '(' | '（') {
        return false;
    }
    let close = f
        .iter()
        .skip(end)
        .take(8)
        .find(|c| matches!(c, ']' | '］' | '】' | ')' | '）' | '[' | '(' | '（' | '［'));
    match close {
        Some(']' | '］' | '】') => true,
        Some(')' | '）') => matches!(open, '[' | '［' | '【'),
        _ => false,
    }
}

/// A target text with its OCR misreadings in numbers repaired; `None` when there is
/// nothing to repair (nearly always: the first test is a byte scan).
pub(crate) fn repair_target(text: &str) -> Option<String> {
    if !may_need_repair(text) {
        return None;
    }
    // Decisions are taken on folded chars (full-width digits and signs as ASCII); only
    // repaired chars change in `out`.
    let f0: Vec<char> = text.chars().map(norm_char).collect();
    let mut out: Vec<char> = text.chars().collect();
    let mut f = f0.clone();
    let mut changed = false;
    let mut set = |f: &mut Vec<char>, out: &mut Vec<char>, i: usize, c: char| {
        f[i] = c;
        out[i] = c;
        changed = true;
    };
    // Book-title marks read for comparison signs: `》90%`, `《5个工作日`, when no title
    // they could close or open stands in the text.
    for i in 0..f.len() {
        // A digit next, or a 1/0 look-alike opening a number that has a real digit
        // (`》l50个`, `》O.5%`: two misreadings in one target).
        let next = f[i + 1..].iter().position(|c| *c != ' ').map(|k| i + 1 + k);
        let next_digit = next.is_some_and(|j| {
            f[j].is_ascii_digit()
                || (one_or_zero(f[j]).is_some()
                    && f[j..]
                        .iter()
                        .take_while(|c| digitish(**c) || matches!(c, '.' | ','))
                        .any(char::is_ascii_digit))
        });
        match f[i] {
            '》' if next_digit && !f[..i].contains(&'《') => set(&mut f, &mut out, i, '≥'),
            '《' if next_digit && !f[i + 1..].contains(&'》') => set(&mut f, &mut out, i, '≤'),
            _ => {}
        }
    }
    // Letters for digits, run by run.
    let mut i = 0;
    while i < f.len() {
        if !digitish(f[i]) {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i + 1;
        while b < f.len() {
            if digitish(f[b]) {
                b += 1;
            } else if matches!(f[b], ',' | '.') && f.get(b + 1).is_some_and(|c| digitish(*c)) {
                b += 2;
            } else if f[b] == ' '
                && f.get(b + 1).is_some_and(|c| digitish(*c))
                && comparison_before(&f, a)
            {
                // An OCR-spaced number after a comparison (`≥ l 2 00批次`) is one run.
                b += 2;
            } else {
                break;
            }
        }
        i = b;
        let run = &f[a..b];
        let real = run.iter().filter(|c| c.is_ascii_digit()).count();
        let letters = run.iter().filter(|c| letter_digit(**c).is_some()).count();
        if letters == 0 || real == 0 {
            continue;
        }
        let latin = |c: Option<&char>| c.is_some_and(char::is_ascii_alphabetic);
        if latin(a.checked_sub(1).and_then(|k| f.get(k))) || latin(f.get(b)) {
            continue; // a word or code (`H2O`, `CO2`, `5Other`)
        }
        let cmp = comparison_before(&f, a);
        let starts_digit = run[0].is_ascii_digit();
        let ok = if cmp {
            true
        } else if starts_digit {
            // Without a comparison only the 1/0 look-alikes, inside the number or
            // before a unit (`10l` alone may be litres).
            run.iter().all(|c| other_digit(*c).is_none())
                && (one_or_zero(run[run.len() - 1]).is_none()
                    || matches!(run[run.len() - 1], 'O' | 'o' | '〇')
                    || unit_after(&f, b))
        } else {
            // A number opening with a 1/0 look-alike and going on into a unit
            // (`l00%`, `到位后I0个工作日`): `O2O模式` and `O3浓度` have no unit after.
            run.iter().all(|c| other_digit(*c).is_none()) && unit_after(&f, b)
        };
        if !ok {
            continue;
        }
        for k in a..b {
            if let Some(d) = letter_digit(f[k]) {
                set(&mut f, &mut out, k, d);
            }
        }
    }
    // Decimal points read as `。` or `·` (or `,` before one or two digits), and the
    // thousands separator read as `、` right after a comparison.
    for i in 1..f.len() {
        let c = f[i];
        if !matches!(c, '。' | '·' | ',' | '、') || !f[i - 1].is_ascii_digit() {
            continue;
        }
        let after = f[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if after == 0 {
            continue;
        }
        let mut s = i;
        while s > 0 && f[s - 1].is_ascii_digit() {
            s -= 1;
        }
        let whole_before = s == 0 || !matches!(f[s - 1], ',' | '.' | '、' | '。' | '·');
        let end = i + 1 + after;
        let fix = match c {
            '。' | '·' => whole_before && unit_after(&f, end),
            ',' => whole_before && after <= 2 && unit_after(&f, end) && !interval(&f, s, end),
            _ => {
                whole_before
                    && (after == 3 && i - s <= 3 || point_by_enumeration_comma(&f, end, after))
                    && comparison_before(&f, s)
                    && f.get(end) != Some(&'、')
            }
        };
        if fix {
            // `、` before three digits is a thousands mark, before one or two and a unit
            // the point (`≥99、5%`).
            let mark = if c == '、' && after == 3 { ',' } else { '.' };
            set(&mut f, &mut out, i, mark);
        }
    }
    changed.then(|| out.into_iter().collect())
}

/// Whether a `、` followed by `after` digits ending at `end` can only be OCR's point:
/// one or two digits and then a unit (`≥99、5%`, `≥3、5万人`); a list goes on with
/// another number (`≥1、2、3级` stays, as the caller's `、` test after `end` says).
fn point_by_enumeration_comma(f: &[char], end: usize, after: usize) -> bool {
    after <= 2 && unit_after(f, end)
}

/// The span of `text` that `part` of its repaired form (`fixed`, from
/// [`repair_target`]) stands for: repairs change chars one for one, so the span has the
/// same char positions in both.
pub(crate) fn as_written(text: &str, fixed: &str, part: &str) -> Option<String> {
    let at = fixed.find(part)?;
    let start = fixed[..at].chars().count();
    let len = part.chars().count();
    let span: String = text.chars().skip(start).take(len).collect();
    (!span.is_empty()).then_some(span)
}

/// What one walk over a target text tells before it is parsed: whether
/// [`repair_target`] may change it ([`may_need_repair`]), and whether it holds an `O` or
/// `o` at all (without one, `norm::has_ocr_zeros` is false and not asked).
pub(crate) struct Screen {
    pub may_repair: bool,
    pub has_o: bool,
}

/// How far [`screen`] steps past a byte that leads a char: 0 for the bytes it must
/// look at (the table letters, `,`, and the leads of `·`, `、。〇《》` and `丨`), else the
/// char's length (1 for a byte that leads none: valid UTF-8 never steps onto one).
const STEP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut x = 0xC0;
    while x < 0xF8 {
        t[x] = if x < 0xE0 {
            2
        } else if x < 0xF0 {
            3
        } else {
            4
        };
        x += 1;
    }
    let looked_at = [
        b'l', b'I', b'O', b'o', b'S', b'B', b'Z', b'b', b',', 0xC2, 0xE3, 0xE4, 0xEF,
    ];
    let mut k = 0;
    while k < looked_at.len() {
        t[looked_at[k] as usize] = 0;
        k += 1;
    }
    t
};

/// [`Screen`] of `text`. Every target text is asked, and nearly all are clean: the walk
/// steps over a char by its lead byte with one table lookup, and looks further only at
/// the few bytes that may start a repair.
pub(crate) fn screen(text: &str) -> Screen {
    let b = text.as_bytes();
    let digit = |k: Option<usize>| k.and_then(|k| b.get(k)).is_some_and(u8::is_ascii_digit);
    let hit = Screen {
        may_repair: true,
        has_o: true,
    };
    let mut has_o = false;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let step = STEP[usize::from(x)];
        if step != 0 {
            i += usize::from(step);
            continue;
        }
        let found = match x {
            b',' => digit(i.checked_sub(1)),
            0xC2 => b.get(i + 1) == Some(&0xB7) && digit(i.checked_sub(1)),
            // `、` `。` (E3 80 81/82) after a digit; `〇` `《` `》` (E3 80 87/8A/8B).
            0xE3 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0x81 | 0x82)) => digit(i.checked_sub(1)),
                (Some(0x80), Some(0x87 | 0x8A | 0x8B)) => true,
                _ => false,
            },
            // `丨` (E4 B8 A8).
            0xE4 => b.get(i + 1) == Some(&0xB8) && b.get(i + 2) == Some(&0xA8),
            // Full-width `ｌ` `Ｉ` `Ｏ` `ｏ` (EF BD 8C, EF BC A9, EF BC AF, EF BD 8F): read
            // as their ASCII forms are, so looked at as they are.
            0xEF => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0xBD), Some(0x8C)) | (Some(0xBC), Some(0xA9)) => true,
                (Some(0xBC), Some(0xAF)) | (Some(0xBD), Some(0x8F)) => {
                    has_o = true;
                    true
                }
                _ => false,
            },
            // The table letters.
            _ => {
                has_o |= matches!(x, b'O' | b'o');
                letter_beside_digit(b, i)
            }
        };
        if found {
            return hit;
        }
        i += match x {
            0xE3 | 0xE4 | 0xEF => 3,
            0xC2 => 2,
            _ => 1,
        };
    }
    Screen {
        may_repair: false,
        has_o,
    }
}

/// A letter at `i` beside a digit, or beside a point or comma beside one (`≥l.2万`).
fn letter_beside_digit(b: &[u8], i: usize) -> bool {
    let digit = |k: Option<usize>| k.and_then(|k| b.get(k)).is_some_and(u8::is_ascii_digit);
    let mark = |k: Option<usize>| {
        k.and_then(|k| b.get(k))
            .is_some_and(|c| matches!(c, b'.' | b','))
    };
    // (A digit a space away too: OCR spaces every glyph, `≥ l 2 00批次`, `≥ 9 O%`.)
    digit(i.checked_sub(1))
        || digit(Some(i + 1))
        || mark(i.checked_sub(1)) && digit(i.checked_sub(2))
        || mark(Some(i + 1)) && digit(Some(i + 2))
        || b.get(i + 1) == Some(&b' ') && digit(Some(i + 2))
        || i.checked_sub(1).and_then(|k| b.get(k)) == Some(&b' ') && digit(i.checked_sub(2))
}

/// Whether `text` holds something [`repair_target`] may change: a table letter or `,`
/// beside an ASCII digit, `。`/`、`/`·` after one, `《》〇丨`.
fn may_need_repair(text: &str) -> bool {
    screen(text).may_repair
}

/// A cell that should be one amount, with OCR's misreadings in its leading number
/// repaired: letters for digits (any of them: the cell holds one number), and separators
/// read by their groups (`1.315.372.20`, `1、315、372.20`, `2180·00`, `131537,22`).
/// `None` when the cell opens with no number or nothing changes.
pub(crate) fn repair_amount(raw: &str) -> Option<String> {
    let s = raw.trim();
    let f: Vec<char> = s.chars().map(norm_char).collect();
    if !f.first().is_some_and(|c| digitish(*c)) {
        return None;
    }
    let sep = |c: char| matches!(c, ',' | '.' | '、' | '。' | '·');
    let end = f
        .iter()
        .position(|c| !(digitish(*c) || sep(*c) || *c == ' '))
        .unwrap_or(f.len());
    let (num, rest) = f.split_at(end);
    if rest.first().is_some_and(char::is_ascii_alphabetic) {
        return None; // a Latin word goes on (`5 Items`, `ISO`)
    }
    // Groups of digits between separators (OCR spaces dropped).
    let mut groups: Vec<String> = vec![String::new()];
    let mut seps: Vec<char> = Vec::new();
    for (k, &c) in num.iter().enumerate() {
        // A space between two digits separates thousands (`132.480 000.00`); beside a
        // mark (`83, 179. 29`) it is only OCR's gap.
        let gap = c == ' '
            && k.checked_sub(1)
                .and_then(|j| num.get(j))
                .is_some_and(|c| digitish(*c))
            && num.get(k + 1).is_some_and(|c| digitish(*c));
        if sep(c) || gap {
            seps.push(c);
            groups.push(String::new());
        } else if c != ' ' {
            let d = letter_digit(c).unwrap_or(c);
            if let Some(g) = groups.last_mut() {
                g.push(d);
            }
        }
    }
    if groups.iter().any(String::is_empty) {
        return None;
    }
    let real = num.iter().any(char::is_ascii_digit);
    let letters = num.iter().any(|c| letter_digit(*c).is_some());
    let last = groups.last().map_or(0, String::len);
    // The last separator is the decimal point unless a thousands group follows it.
    // A group of four digits or more is a decimal part only after a point.
    let pointed = matches!(seps.last(), Some('.' | '。' | '·'));
    let decimal = !seps.is_empty() && (last <= 2 || last > 3 && pointed);
    if !seps.is_empty() && last > 3 && !pointed {
        return None;
    }
    // Thousands marks are one mark throughout, spaces aside (OCR's gaps): `,` then `.`
    // between groups is two amounts glued (`90,590.007,206.50`), not one. `。` and `·`
    // only ever stand for the point.
    let marks = &seps[..seps.len() - usize::from(decimal)];
    let mut visible = marks.iter().filter(|c| **c != ' ');
    if let Some(m) = visible.next() {
        if matches!(m, '。' | '·') || visible.any(|c| c != m) {
            return None;
        }
    }
    // A space only ever separates thousands (`10 20` is two numbers).
    if decimal && seps.last() == Some(&' ') {
        return None;
    }
    // A comma before one or two digits is a point only where it cannot be a thousands
    // comma that lost a digit: after thousands groups (`2,650,00`), a run of more than
    // three digits (`131537,22`) or a lone zero (`0,00`); `1,23` stays unread.
    if decimal
        && seps.last() == Some(&',')
        && seps.len() == 1
        && groups[0].len() <= 3
        && groups[0] != "0"
    {
        return None;
    }
    let thousands = &groups[1..groups.len() - usize::from(decimal)];
    if thousands.iter().any(|g| g.len() != 3)
        || groups[0].len() > 3 && seps.len() > usize::from(decimal)
    {
        return None;
    }
    // A last group of one or two digits after thousands groups (`2,650,00`) cannot be
    // a thousands group: its mark, whatever it is, is the decimal point.
    let two_decimals = decimal && last == 2;
    // A cell holding only a zero's shape (`O`, `o`, `〇`) is the zero a budget writes
    // for a source it does not use (其他资金 | O): no other amount looks like one letter.
    let lone_zero = num.len() == 1 && rest.is_empty() && one_or_zero(num[0]) == Some('0');
    if !(real || letters && two_decimals || lone_zero) {
        return None; // `lO`, `I类`
    }
    // S, B, Z and b only in a number shaped as an amount (`S00.00`, `1,B00`): `B2B` or
    // `Z1` alone is a code.
    let shaped = two_decimals || seps.len() > usize::from(decimal);
    if num.iter().any(|c| other_digit(*c).is_some()) && !shaped {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for (k, g) in groups.iter().enumerate() {
        if k > 0 {
            out.push(if decimal && k == groups.len() - 1 {
                '.'
            } else {
                ','
            });
        }
        out.push_str(g);
    }
    let orig_rest: String = s.chars().skip(end).collect();
    out.push_str(&orig_rest);
    (out != s).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte test [`screen`] stands for: every byte asked.
    fn may_need_repair_by_bytes(text: &str) -> bool {
        let b = text.as_bytes();
        let digit = |k: Option<usize>| k.and_then(|k| b.get(k)).is_some_and(u8::is_ascii_digit);
        b.iter().enumerate().any(|(i, &x)| match x {
            // A letter beside a digit, or beside a point or comma beside one (`≥l.2万`).
            b'l' | b'I' | b'O' | b'o' | b'S' | b'B' | b'Z' | b'b' => {
                let mark = |k: Option<usize>| {
                    k.and_then(|k| b.get(k))
                        .is_some_and(|c| matches!(c, b'.' | b','))
                };
                digit(i.checked_sub(1))
                    || digit(Some(i + 1))
                    || mark(i.checked_sub(1)) && digit(i.checked_sub(2))
                    || mark(Some(i + 1)) && digit(Some(i + 2))
                    || b.get(i + 1) == Some(&b' ') && digit(Some(i + 2))
                    || i.checked_sub(1).and_then(|k| b.get(k)) == Some(&b' ')
                        && digit(i.checked_sub(2))
            }
            b',' => digit(i.checked_sub(1)),
            // `·` (C2 B7) after a digit.
            0xC2 => b.get(i + 1) == Some(&0xB7) && digit(i.checked_sub(1)),
            // `、` `。` (E3 80 81/82) after a digit; `〇` `《` `》` (E3 80 87/8A/8B).
            0xE3 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0x81 | 0x82)) => digit(i.checked_sub(1)),
                (Some(0x80), Some(0x87 | 0x8A | 0x8B)) => true,
                _ => false,
            },
            // `丨` (E4 B8 A8).
            0xE4 => b.get(i + 1) == Some(&0xB8) && b.get(i + 2) == Some(&0xA8),
            // Full-width `ｌ` `Ｉ` `Ｏ` `ｏ` (EF BD 8C, EF BC A9, EF BC AF, EF BD 8F): read
            // as their ASCII forms are, so looked at as they are.
            0xEF => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xBD), Some(0x8C | 0x8F)) | (Some(0xBC), Some(0xA9 | 0xAF))
            ),
            _ => false,
        })
    }

    proptest::proptest! {
        /// The screen never calls a text clean that the byte test would repair, and
        /// says whether it holds an O exactly.
        #[test]
        fn screen_is_the_byte_test(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "9", "l", "I", "O", "o", "S", "B", "Z", "b", "x", ",", ".", " ",
                "。", "、", "·", "〇", "《", "》", "丨", "个", "率", "≥", "％", "万", "一",
                "\u{3001}", "\u{3000}", "é", "😀", "中", "丫", "丩", "㐀", "ｌ", "Ｏ", "ｏ",
                "Ｉ", "，",
            ]), 0..12)
        ) {
            let text: String = parts.concat();
            let s = screen(&text);
            proptest::prop_assert_eq!(s.may_repair, may_need_repair_by_bytes(&text));
            if !s.may_repair {
                proptest::prop_assert_eq!(s.has_o, text.contains(['O', 'o']));
            }
        }
    }

    #[test]
    fn targets() {
        let r = |t: &str| repair_target(t);
        assert_eq!(r("≥l60个").as_deref(), Some("≥160个"));
        assert_eq!(r("数量≥1丨0个").as_deref(), Some("数量≥110个"));
        assert_eq!(r("》90%").as_deref(), Some("≥90%"));
        assert_eq!(r("≥3。2万亩").as_deref(), Some("≥3.2万亩"));
        assert_eq!(r("H2O排放≤5吨"), None);
        assert_eq!(r("开展5S管理"), None);
        assert_eq!(r("《2023年工作要点》"), None);
        assert_eq!(r("完成率≥90%。2.新增"), None);
        assert_eq!(r("开展项目数量≥800项。"), None);
        // A metric over a repaired char is taken back as written.
        assert_eq!(
            as_written("肆0o<壹", "肆00<壹", "肆00").as_deref(),
            Some("肆0o")
        );
    }

    #[test]
    fn amounts() {
        let r = |t: &str| repair_amount(t);
        assert_eq!(r("1.315.372.20").as_deref(), Some("1,315,372.20"));
        assert_eq!(r("2180·00").as_deref(), Some("2180.00"));
        assert_eq!(r("S00.00").as_deref(), Some("500.00"));
        assert_eq!(r("1,234,56").as_deref(), Some("1,234.56"));
        assert_eq!(r("1,2345"), None);
        assert_eq!(r("90,590.007,206.50"), None);
        assert_eq!(r("132.480 000.00").as_deref(), Some("132,480,000.00"));
        assert_eq!(r("5 Items"), None);
        assert_eq!(r("16,583.94"), None);
    }
}
