//! Labels with characters misread by OCR (`数量措标`, `社会效益指栎`, `年度指栎值`):
//! OCR confuses similar glyphs (指/措, 标/栎, 量/最, 态/杰, 满/瞒), and a label off by one
//! of them is still that label when no other label is as close.
//!
//! The rule (and where it must not apply):
//! - only cells of ideographs throughout, exactly as long as the label (OCR swaps a
//!   glyph, it seldom drops one; a longer cell is a sentence about the label);
//! - one character off; two for labels of eight characters or more (`服务对象瞒意度措标`);
//! - for four- and five-character framework names (`数量指标`, `质量指标`), only in the
//!   `指标` suffix: their two-character stems are what tells them apart, and a level-3
//!   name one stem character away (`效率指标`) is ordinary text — unless every char off
//!   is a glyph OCR confuses with the name's by shape (`数最指标`, `时郊措标`: [`CONFUSED`];
//!   then two off from four characters);
//! - the closest label must be unique: `X量指标` is as close to 数量指标 as to 质量指标 and
//!   is no name.
//!
//! Callers that keep the name in the record put the label's own spelling there and an
//! `ocr_repaired` warning beside it.

use std::borrow::Cow;

use crate::grid::Grid;
use crate::record::{Loc, Warning};

/// Whether `b` is basic-block ideographs throughout (3 bytes each, lead E4..E9), as
/// every label is.
fn ideographs(b: &[u8]) -> bool {
    !b.is_empty()
        && b.len().is_multiple_of(3)
        && b.chunks_exact(3).all(|c| matches!(c[0], 0xE4..=0xE9))
}

/// Pairs of glyphs OCR engines confuse by shape, each with a character of the form's
/// labels (指/措: the same right side under a different radical; 量/最, 质/贡: the same
/// frame, one stroke group off). A misreading to one of these says more than any other
/// character off: it is what a scan of the label gives, seldom another word.
const CONFUSED: &[(char, char)] = &[
    ('指', '措'),
    ('标', '栎'),
    ('量', '最'),
    ('质', '贡'),
    ('效', '郊'),
    ('态', '杰'),
    ('满', '瞒'),
    ('意', '竟'),
    ('象', '橡'),
    ('务', '条'),
    ('度', '废'),
    ('济', '挤'),
    ('出', '山'),
    ('出', '岀'),
    ('支', '攴'),
    ('金', '全'),
    ('额', '頟'),
    ('资', '贸'),
    ('投', '设'),
];

/// Whether OCR confuses the ideograph of `label` (3 bytes) with `read`'s.
fn confused(label: &[u8], read: &[u8]) -> bool {
    let (Ok(l), Ok(r)) = (std::str::from_utf8(label), std::str::from_utf8(read)) else {
        return false;
    };
    let (Some(l), Some(r)) = (l.chars().next(), r.chars().next()) else {
        return false;
    };
    CONFUSED.iter().any(|&(a, b)| a == l && b == r)
}

/// How many chars `a` and `b` (ideographs, same length) differ in, whether all of them
/// are in the last two (the `指标` of a framework name), and whether each is a glyph
/// OCR confuses with `b`'s (see [`CONFUSED`]).
fn distance(a: &[u8], b: &[u8]) -> (usize, bool, bool) {
    let chars = a.len() / 3;
    let mut off = 0;
    let mut only_suffix = true;
    let mut all_confused = true;
    for (k, (x, y)) in a.chunks_exact(3).zip(b.chunks_exact(3)).enumerate() {
        if x != y {
            off += 1;
            if k + 2 < chars {
                only_suffix = false;
            }
            if all_confused && !confused(y, x) {
                all_confused = false;
            }
            if off > 2 {
                break; // farther than any rule allows
            }
        }
    }
    (off, only_suffix, all_confused)
}

/// The one three-character label of `labels` (`指标值`, `目标值`) that `text` spells with
/// one glyph OCR confuses with the label's by shape (`指栎值`, `措标值`: [`CONFUSED`]).
/// Too short for [`misread_of`], where one character would be a third of the label:
/// only such a confusion counts, never any other character off.
pub(crate) fn confused_misread_of<'l>(text: &str, labels: &[&'l str]) -> Option<&'l str> {
    if text.len() != 9 || !ideographs(text.as_bytes()) {
        return None;
    }
    let mut found = labels.iter().filter(|l| l.len() == text.len()).filter(|l| {
        let (off, _, all_confused) = distance(text.as_bytes(), l.as_bytes());
        off == 1 && all_confused
    });
    let first = found.next()?;
    found.next().is_none().then_some(*first)
}

/// The one label of `labels` that `text` (already normalised: no white space) spells
/// with OCR's misread characters, by the rule above; `None` for an exact label (the
/// callers' own lookup finds those) or anything else. `short_stems` asks for the
/// four-/five-character rule of framework names.
pub(crate) fn misread_of<'l>(text: &str, labels: &[&'l str], short_stems: bool) -> Option<&'l str> {
    // Only labels of the cell's byte length can be that close: most cells meet none.
    if !(12..=60).contains(&text.len()) || !labels.iter().any(|l| l.len() == text.len()) {
        return None;
    }
    if !ideographs(text.as_bytes()) {
        return None;
    }
    let mut best: Option<(&'l str, usize)> = None;
    let mut tie = false;
    for &label in labels {
        if label.len() != text.len() {
            continue;
        }
        let (off, only_suffix, all_confused) = distance(text.as_bytes(), label.as_bytes());
        if off == 0 {
            return None;
        }
        let chars = label.len() / 3;
        // Glyphs OCR confuses by shape (`数最指标`, `时郊措标`): two off from four chars, in
        // the stem too (`效率指标` is off by a glyph no scan gives for 益, and stays).
        let allowed = if chars >= 8 || (all_confused && chars >= 4) {
            2
        } else {
            1
        };
        if off > allowed || short_stems && chars <= 5 && !only_suffix && !all_confused {
            continue;
        }
        match best {
            Some((_, d)) if d < off => {}
            Some((b, d)) if d == off => tie |= b != label,
            _ => {
                best = Some((label, off));
                tie = false;
            }
        }
    }
    if tie {
        return None;
    }
    best.map(|(l, _)| l)
}

/// Whether `text` may be a misread framework name: cheap byte tests first (this runs on
/// every cell the indicator reader asks about). Every framework name ends in 指标, and one
/// of those two chars survives a misreading.
pub(crate) fn may_be_misread_name(text: &str) -> bool {
    let b = text.as_bytes();
    (12..=42).contains(&b.len()) && b.len().is_multiple_of(3) && {
        let n = b.len();
        // 指 E6 8C 87 or its misreading 措 E6 8E AA; 标 E6 A0 87 or 栎 E6 A0 8E.
        matches!(
            b.get(n - 6..n - 3),
            Some([0xE6, 0x8C, 0x87] | [0xE6, 0x8E, 0xAA])
        ) || matches!(
            b.get(n - 3..),
            Some([0xE6, 0xA0, 0x87] | [0xE6, 0xA0, 0x8E])
        )
    }
}

/// The warning for a label read through a misreading, kept as the label's spelling.
pub(crate) fn warning(what: &str, written: &str, read: &str, loc: &Loc) -> Warning {
    Warning::new(
        "ocr_repaired",
        format!("{what} {written:?} read as {read}: a character misread by OCR"),
        Some(loc.clone()),
    )
}

/// Budget words of six characters or more: the lines and column groups of the budget
/// block (shorter ones, 基本支出 or 财政拨款, are left alone: one character is a quarter
/// of them, and `ocr_labels`' rule keeps to long labels).
const BUDGET_WORDS: &[&str] = &[
    "部门预算支出",
    "事业发展性支出",
    "按预算级次划分",
    "财政专项资金",
    "其他事业发展性支出",
    "市本级使用资金",
    "区本级使用资金",
    "县本级使用资金",
    "省本级使用资金",
    "本级使用资金",
    "拟用于对下转移支付资金",
    "一般公共预算拨款",
    "政府性基金预算拨款",
    "国有资本经营预算拨款",
];

/// Amount column headers, read only with their currency note (`预算全额（万元）`): the
/// note says the cell is a header, so a four-character word may be one character off.
const AMOUNT_HEADERS: &[&str] = &["预算金额", "拟投入的资金", "年度预算金额"];

/// Real words one character from an amount header (a total, a final account): spelled
/// right, never respelled (`预算总额（万元）` heads a total, not a misread 预算金额).
const NEAR_AMOUNT_HEADERS: &[&str] = &[
    "预算总额",
    "预算余额",
    "预算数额",
    "预算定额",
    "预算限额",
    "决算金额",
    "结算金额",
    "核算金额",
    "概算金额",
    "年度决算金额",
    "年度预算总额",
];

/// Cells that spell a budget word or an amount column header with a character misread
/// by OCR take its spelling, each with an `ocr_repaired` warning: the budget block is
/// found and read by those words (a `预算全额（万元）` header lost its column's amounts).
/// Cells of other lengths or with other chars are not compared.
pub(crate) fn respell_cells(grid: &mut Grid<'_>) -> Vec<Warning> {
    let mut out = Vec::new();
    for row in &mut grid.rows {
        for cell in &mut row.cells {
            // Cells come trimmed from the grid (`clean_cell`, the PDF readers); this runs
            // on every cell of every form, so they are not trimmed again.
            let t: &str = &cell.text;
            // Empty cells (two in five of a tab text's) have nothing to respell.
            if t.is_empty() {
                continue;
            }
            // A table rule read as the only text of an empty cell: the cell is empty
            // (`—` alone is the form's placeholder and stays).
            if crate::grid::is_lone_rule_mark(t) {
                cell.text = Cow::Borrowed("");
                continue;
            }
            let kept = without_rule_mark(t);
            let t2 = kept.unwrap_or(t);
            // Fast rejections: every word is 4..=11 ideographs, with a note of up to 6
            // chars; most cells are amounts, sentences or exact labels.
            let label = if (12..=60).contains(&t2.len())
                && matches!(t2.as_bytes().first(), Some(0xE4..=0xE9))
            {
                respelled(t2)
            } else {
                None
            };
            if kept.is_none() && label.is_none() {
                continue;
            }
            if let Some(k) = kept {
                out.push(Warning::new(
                    "ocr_repaired",
                    format!(
                        "cell {t:?} read as {k:?}: a stray table-rule mark read by OCR dropped"
                    ),
                    Some(cell.loc.clone()),
                ));
            }
            if let Some(fixed) = &label {
                out.push(warning("label", t2, fixed, &cell.loc));
            }
            let text = label.unwrap_or_else(|| t2.to_string());
            cell.text = Cow::Owned(text);
        }
    }
    out
}

/// A cell with a stray mark of the scan's table rules at its edge (`|产出指标`,
/// `3,218.46_`, `数量指标—`, `丨≥90%`), without it. One mark only, not a run (`填报人：____`
/// is a blank to fill in), never the whole cell (`—` is a placeholder). A leading `—` only
/// before an ideograph or an amount with its decimals (`—15,663.52`: no budget amount is
/// negative; before other numbers it may be a minus sign); `丨` never beside a digit (it
/// is OCR's reading of a `1` there, which the number reader repairs: `丨00%`).
fn without_rule_mark(t: &str) -> Option<&str> {
    // By bytes first: every mark starts with 7C, 5F, EF, E2 or is 丨 (E4 B8 A8) and ends
    // with 7C, 5F, 9C, BF, 94 or A8, and most cells neither start nor end so.
    // (丨 is E4 B8 A8.)
    let b = t.as_bytes();
    let starts = matches!(b, [0x7C | 0x5F | 0xEF | 0xE2, ..] | [0xE4, 0xB8, 0xA8, ..]);
    let ends = matches!(
        b,
        [.., 0x7C | 0x5F | 0x9C | 0xBF | 0x94] | [.., 0xE4, 0xB8, 0xA8]
    );
    if !starts && !ends {
        return None;
    }
    let is_mark = |c: char| matches!(c, '|' | '｜' | '_' | '＿' | '—' | '丨');
    let mut chars = t.chars();
    let first = chars.next()?;
    let last = chars.next_back()?;
    let inner = |c: Option<char>| c.is_some_and(|c| !is_mark(c) && !c.is_whitespace());
    // A digit, a number's own mark or OCR's 0 (`丨,000.00` is 1,000.00, `丨.5` is 1.5,
    // `丨O0%` is 100%).
    let digit = |c: Option<char>| {
        c.is_some_and(|c| {
            crate::value::is_digit_any(c)
                || matches!(c, ',' | '.' | '，' | '．' | 'O' | 'o' | '〇' | 'l' | 'I')
        })
    };
    if is_mark(first) && inner(t[first.len_utf8()..].chars().next()) {
        let rest = &t[first.len_utf8()..];
        let next = rest.chars().next();
        let before_ideograph = next.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        let keep = match first {
            '—' => !before_ideograph && !is_decimal_amount(rest),
            // Unless read as a 1 it would break the amount's thousands groups
            // (`丨450,385.73`).
            '丨' => digit(next) && !(is_decimal_amount(rest) && rest.find(',') == Some(3)),
            _ => false,
        };
        if !keep {
            return Some(rest);
        }
    }
    let body = &t[..t.len() - last.len_utf8()];
    let prev = body.chars().next_back();
    // A 丨 after an amount's two decimals is no third one (`957.51丨`).
    let digit_gun = last == '丨' && digit(prev) && !is_decimal_amount(body);
    if is_mark(last) && inner(prev) && !digit_gun {
        return Some(body);
    }
    None
}

/// Whether `s` is an amount written with its decimals (`15,663.52`, `0.00`): digits,
/// thousands commas, a point and two decimals. OCR's letters for 0 and 1 count as digits
/// (`6OO.OO`, which the amount reader repairs: a `—` before it is a rule's mark too).
fn is_decimal_amount(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    let digit = |c: &u8| c.is_ascii_digit() || matches!(c, b'O' | b'o' | b'l' | b'I');
    n >= 4
        && b[n - 3] == b'.'
        && b[n - 2..].iter().all(digit)
        && digit(&b[0])
        && b[..n - 3].iter().all(|c| digit(c) || *c == b',')
        && b.iter().any(u8::is_ascii_digit)
}

/// Whether the last char of `stem` is 出, 金, 分 or 款 or the one before it 支, 资, 划 or
/// 拨: every budget word ends in 支出, 资金, 划分 or 拨款, and one misread char leaves one
/// of the two. Read from the bytes, without decoding chars (most cells asked are
/// level-3 and task names): the last char found by stepping back over continuation
/// bytes, and a 3-byte char's encoding matched just before it is that char there.
fn budget_word_ending(stem: &str) -> bool {
    let b = stem.as_bytes();
    // Where the last char starts: back over its continuation bytes.
    let mut k = b.len();
    while k > 0 {
        k -= 1;
        if b[k] & 0xC0 != 0x80 {
            break;
        }
    }
    // 出 金 分 款 as the last char; 支 资 划 拨 just before it.
    matches!(
        b.get(k..),
        Some([0xE5, 0x87, 0xBA] | [0xE9, 0x87, 0x91] | [0xE5, 0x88, 0x86] | [0xE6, 0xAC, 0xBE])
    ) || matches!(
        k.checked_sub(3).and_then(|j| b.get(j..k)),
        Some([0xE6, 0x94, 0xAF] | [0xE8, 0xB5, 0x84] | [0xE5, 0x88, 0x92] | [0xE6, 0x8B, 0xA8])
    )
}

/// The spelling of a misread budget word or amount header, if `t` is one.
fn respelled(t: &str) -> Option<String> {
    // A trailing currency note: `（万元）`, `(元)`.
    // (The closing bracket is tested first: most cells have none, and are not searched.)
    // By bytes (`）` is EF BC 89): three bytes of a char at the end are that char.
    let note_at = if matches!(t.as_bytes(), [.., 0xEF, 0xBC, 0x89] | [.., b')']) {
        t.rfind(['（', '('])
    } else {
        None
    };
    let (stem, note) = match note_at {
        Some(k) => t.split_at(k),
        None => (t, ""),
    };
    if note.is_empty() {
        // Every budget word ends in 支出, 资金, 划分 or 拨款, and one misread char leaves
        // one of the two: most cells (level-3 names, task names) end otherwise.
        if !budget_word_ending(stem) {
            return None;
        }
        // A budget word as written (most cells that get here, on clean forms) is no
        // misreading of another: known without comparing it with each word.
        if BUDGET_WORDS.contains(&stem) {
            return None;
        }
        return misread_of(stem, BUDGET_WORDS, false).map(str::to_string);
    }
    let inner: String = note
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '(' | ')' | ' '))
        .collect();
    // `方元` is no unit: OCR's 方 for 万 (the two differ by one stroke), in the one
    // place a currency unit is expected. The header's own word is respelled too if it
    // is one character off.
    if inner == "方元" {
        let word = match misread_of(stem, AMOUNT_HEADERS, false) {
            Some(w) if !NEAR_AMOUNT_HEADERS.contains(&stem) => w,
            _ => stem,
        };
        return Some(format!("{word}{}", note.replacen('方', "万", 1)));
    }
    if !matches!(inner.as_str(), "万元" | "元" | "亿元") {
        return None;
    }
    if NEAR_AMOUNT_HEADERS.contains(&stem) {
        return None;
    }
    misread_of(stem, AMOUNT_HEADERS, false).map(|w| format!("{w}{note}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &[
        "产出指标",
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "效益指标",
        "社会效益指标",
        "生态效益指标",
        "经济效益指标",
        "服务对象满意度指标",
    ];

    /// Three-character headers only through a confusion of [`CONFUSED`], one char off.
    #[test]
    fn three_character_headers() {
        let labels = ["指标值", "目标值"];
        let r = |t: &str| confused_misread_of(t, &labels);
        assert_eq!(r("指栎值"), Some("指标值"));
        assert_eq!(r("措标值"), Some("指标值"));
        assert_eq!(r("目栎值"), Some("目标值"));
        assert_eq!(r("指标值"), None); // exact: the callers' own lookup
        assert_eq!(r("拍标值"), None); // not a shape OCR confuses
        assert_eq!(r("措栎值"), None); // two off
        assert_eq!(r("指标"), None);
        assert_eq!(r("a标值"), None);
    }

    #[test]
    fn misread_names() {
        let m = |t: &str| misread_of(t, NAMES, true);
        assert_eq!(m("数量措标"), Some("数量指标"));
        assert_eq!(m("质量指栎"), Some("质量指标"));
        assert_eq!(m("生杰效益指标"), Some("生态效益指标"));
        assert_eq!(m("服务对象瞒意度措标"), Some("服务对象满意度指标"));
        // Short stems are guessed only through glyphs OCR confuses by shape (量/最,
        // 效/郊, 质/贡); exact names are the caller's.
        assert_eq!(m("数最指标"), Some("数量指标"));
        assert_eq!(m("时郊措标"), Some("时效指标"));
        assert_eq!(m("贡量指标"), Some("质量指标"));
        assert_eq!(m("数量措栎"), Some("数量指标"));
        assert_eq!(m("满竟度指标"), None); // level 1: not in NAMES here
        assert_eq!(m("效率指标"), None);
        assert_eq!(m("数据指标"), None);
        assert_eq!(m("质最措标"), Some("质量指标"));
        assert_eq!(m("贡最措标"), None); // three off
        assert_eq!(m("数量指标"), None);
        // Two misreads in a six-char name: too far, unless both are glyphs OCR confuses.
        assert_eq!(m("社会郊益描标"), None);
        assert_eq!(m("社会郊益措标"), Some("社会效益指标"));
        // Ties: as close to two names.
        assert_eq!(m("社济效益指标"), None);
        assert_eq!(m("数量指标完成"), None);
    }

    proptest::proptest! {
        /// The byte test is the char test it replaced.
        #[test]
        fn budget_word_ending_is_the_char_test(s in "[a支出资金划分拨款预算一éД𠀀]{0,6}") {
            let mut end = s.chars().rev();
            let (last, before) = (end.next(), end.next());
            let want = matches!(last, Some('出' | '金' | '分' | '款'))
                || matches!(before, Some('支' | '资' | '划' | '拨'));
            proptest::prop_assert_eq!(budget_word_ending(&s), want);
        }
    }

    #[test]
    fn budget_words_and_headers() {
        assert_eq!(respelled("部门预算攴出").as_deref(), Some("部门预算支出"));
        assert_eq!(
            respelled("拟用于对下转移攴付资金").as_deref(),
            Some("拟用于对下转移支付资金")
        );
        assert_eq!(
            respelled("预算全额（万元）").as_deref(),
            Some("预算金额（万元）")
        );
        assert_eq!(respelled("预算金额（万元）"), None);
        assert_eq!(
            respelled("预算金额（方元）").as_deref(),
            Some("预算金额（万元）")
        );
        assert_eq!(respelled("金额(方元)").as_deref(), Some("金额(万元)"));
        assert_eq!(
            respelled("预算全额（方元）").as_deref(),
            Some("预算金额（万元）")
        );
        assert_eq!(respelled("土方量（方）"), None);
        // Without the note a four-character word is not guessed; nor with another note.
        assert_eq!(respelled("预算全额"), None);
        assert_eq!(respelled("预算全额（个）"), None);
        assert_eq!(respelled("其他资全"), None);
        // A sentence of the same length is too far from every word.
        assert_eq!(respelled("完成年度建设任务"), None);
        // Real words one character from a header are spelled right.
        for w in [
            "预算总额（万元）",
            "决算金额（元）",
            "预算余额（万元）",
            "年度预算总额（万元）",
        ] {
            assert_eq!(respelled(w), None, "{w}");
        }
    }

    /// `respelled` returns early on a budget word as written: no word is a misreading
    /// of another (the comparison it skips would find none).
    #[test]
    fn exact_budget_words_are_not_misread() {
        for w in BUDGET_WORDS {
            assert_eq!(misread_of(w, BUDGET_WORDS, false), None, "{w}");
        }
    }

    #[test]
    fn rule_marks() {
        assert_eq!(without_rule_mark("|产出指标"), Some("产出指标"));
        assert_eq!(without_rule_mark("3,218.46_"), Some("3,218.46"));
        assert_eq!(without_rule_mark("数量指标—"), Some("数量指标"));
        assert_eq!(without_rule_mark("｜≥90%"), Some("≥90%"));
        assert_eq!(without_rule_mark("—"), None);
        assert_eq!(without_rule_mark("填报人：____"), None);
        assert_eq!(without_rule_mark("—5"), None);
        assert_eq!(without_rule_mark("产出指标"), None);
    }

    /// Marks a table rule leaves at a cell's edge, and the look-alikes that are the
    /// cell's own text (a minus sign, a range's dash, OCR's `丨` for a `1`).
    #[test]
    fn rule_marks_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("丨产出指标", Some("产出指标")),
            ("服务对象满意度指标丨", Some("服务对象满意度指标")),
            ("丨≥90%", Some("≥90%")),
            ("≥90%丨", Some("≥90%")),
            ("—15,663.52", Some("15,663.52")),
            ("—0.00", Some("0.00")),
            ("—229,255.28", Some("229,255.28")),
            ("丨450,385.73", Some("450,385.73")),
            ("957.51丨", Some("957.51")),
            ("485,738.17丨", Some("485,738.17")),
            // A 1 read as 丨 beside a digit: the number reader's (`丨00%` is 100%).
            ("丨80,000.00", None),
            ("丨0.00", None),
            ("100丨", None),
            ("丨,000.00", None),
            ("丨.5万亩", None),
            ("丨O0%", None),
            ("丨〇0%", None),
            ("3.5丨", None),
            // A dash before a number that is no amount with decimals: a minus sign.
            ("—5", None),
            ("—3.5", None),
            ("—5.00%", None),
            ("80%—90%", None),
            ("丨", None),
            ("丨丨", None),
        ];
        for (t, want) in cases {
            assert_eq!(without_rule_mark(t), *want, "{t}");
        }
    }

    #[test]
    fn may_be_name_bytes() {
        assert!(may_be_misread_name("数量措标"));
        assert!(may_be_misread_name("数量指栎"));
        assert!(may_be_misread_name("数量措栎"));
        assert!(!may_be_misread_name("数量描述"));
        assert!(!may_be_misread_name("指标"));
    }
}
