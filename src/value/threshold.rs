//! Thresholds: every comparison in a target text.
//!
//! One left-to-right scan over normalised text. At each number the quantity grammar reads
//! number + unit; then the text right before it is matched against prefix comparisons
//! (`≥`, `不少于`, `达到`…), the text right after against suffix ones (`以上`, `以内`…),
//! and a second quantity after a range separator makes a `between`. Numbers that are
//! years, dates, ordinals, list numbers, classes or codes are stepped over whole.

use rust_decimal::Decimal;

use super::norm::{first, norm_char, skip_spaces, trim_spaces_end, Norm};
use super::number::CnForm;
use super::quantity::{may_start, number_extent, quantity, Kind, Qty};
use super::unit::{Unit, CLASS_UNITS, DATE_UNITS};
use super::{Op, Threshold};

/// How strongly a prefix states its comparison; a suffix (`以上`) overrides weak ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// `在`, `介于`: only frame a suffix or a range.
    Neutral,
    /// `达到`, `为`, `约`, `控制在`: a suffix states it better (`达到90%以上`).
    Weak,
    Word,
    Symbol,
}

/// Prefix comparisons: (word, op, strength, chars that must not precede it).
/// The last field keeps words like 作为/成为 (为), 节约 (约), 下达 (达) out.
const PREFIX_OPS: &[(&str, Option<Op>, Strength, &str)] = &[
    ("≥", Some(Op::Ge), Strength::Symbol, ""),
    (">=", Some(Op::Ge), Strength::Symbol, ""),
    ("=>", Some(Op::Ge), Strength::Symbol, ""),
    ("≤", Some(Op::Le), Strength::Symbol, ""),
    ("<=", Some(Op::Le), Strength::Symbol, ""),
    ("=<", Some(Op::Le), Strength::Symbol, ""),
    (">", Some(Op::Gt), Strength::Symbol, ""),
    ("<", Some(Op::Lt), Strength::Symbol, ""),
    ("=", Some(Op::Eq), Strength::Symbol, ""),
    ("≈", Some(Op::Eq), Strength::Weak, ""),
    ("大于等于", Some(Op::Ge), Strength::Word, ""),
    ("大于或等于", Some(Op::Ge), Strength::Word, ""),
    ("高于或等于", Some(Op::Ge), Strength::Word, ""),
    ("不低于", Some(Op::Ge), Strength::Word, ""),
    ("不少于", Some(Op::Ge), Strength::Word, ""),
    ("不小于", Some(Op::Ge), Strength::Word, ""),
    ("不得低于", Some(Op::Ge), Strength::Word, ""),
    ("不得少于", Some(Op::Ge), Strength::Word, ""),
    ("至少", Some(Op::Ge), Strength::Word, ""),
    ("最少", Some(Op::Ge), Strength::Word, ""),
    ("最低", Some(Op::Ge), Strength::Word, ""),
    ("小于等于", Some(Op::Le), Strength::Word, ""),
    ("小于或等于", Some(Op::Le), Strength::Word, ""),
    ("低于或等于", Some(Op::Le), Strength::Word, ""),
    ("不超过", Some(Op::Le), Strength::Word, ""),
    ("不高于", Some(Op::Le), Strength::Word, ""),
    ("不多于", Some(Op::Le), Strength::Word, ""),
    ("不大于", Some(Op::Le), Strength::Word, ""),
    ("不超出", Some(Op::Le), Strength::Word, ""),
    ("不得超过", Some(Op::Le), Strength::Word, ""),
    ("不得高于", Some(Op::Le), Strength::Word, ""),
    ("未超过", Some(Op::Le), Strength::Word, ""),
    ("最多", Some(Op::Le), Strength::Word, ""),
    ("至多", Some(Op::Le), Strength::Word, ""),
    ("最高", Some(Op::Le), Strength::Word, ""),
    ("超过", Some(Op::Gt), Strength::Word, ""),
    ("超", Some(Op::Gt), Strength::Word, ""),
    ("逾", Some(Op::Gt), Strength::Word, ""),
    ("突破", Some(Op::Gt), Strength::Word, ""),
    ("高于", Some(Op::Gt), Strength::Word, ""),
    ("大于", Some(Op::Gt), Strength::Word, ""),
    ("多于", Some(Op::Gt), Strength::Word, ""),
    ("低于", Some(Op::Lt), Strength::Word, ""),
    ("少于", Some(Op::Lt), Strength::Word, ""),
    ("小于", Some(Op::Lt), Strength::Word, ""),
    ("不足", Some(Op::Lt), Strength::Word, ""),
    ("不到", Some(Op::Lt), Strength::Word, ""),
    ("等于", Some(Op::Eq), Strength::Word, ""),
    ("达到", Some(Op::Ge), Strength::Weak, ""),
    ("高达", Some(Op::Ge), Strength::Weak, ""),
    (
        "达",
        Some(Op::Ge),
        Strength::Weak,
        "到下传表发送抵直转通雷长高",
    ),
    (
        "为",
        Some(Op::Eq),
        Strength::Weak,
        "作成认称因以行分划列评定视更较最极尤颇改转身之",
    ),
    ("约为", Some(Op::Eq), Strength::Weak, ""),
    ("大约", Some(Op::Eq), Strength::Weak, ""),
    (
        "约",
        Some(Op::Eq),
        Strength::Weak,
        "节制签预合条履简集公特契违相邀缔大",
    ),
    ("控制在", Some(Op::Le), Strength::Weak, ""),
    ("保持在", Some(Op::Eq), Strength::Weak, ""),
    ("维持在", Some(Op::Eq), Strength::Weak, ""),
    ("稳定在", Some(Op::Eq), Strength::Weak, ""),
    ("多达", Some(Op::Ge), Strength::Weak, ""),
    ("提高到", Some(Op::Ge), Strength::Weak, ""),
    ("提高至", Some(Op::Ge), Strength::Weak, ""),
    ("提升到", Some(Op::Ge), Strength::Weak, ""),
    ("提升至", Some(Op::Ge), Strength::Weak, ""),
    ("增加到", Some(Op::Ge), Strength::Weak, ""),
    ("增加至", Some(Op::Ge), Strength::Weak, ""),
    ("增长到", Some(Op::Ge), Strength::Weak, ""),
    ("增长至", Some(Op::Ge), Strength::Weak, ""),
    ("上升到", Some(Op::Ge), Strength::Weak, ""),
    ("上升至", Some(Op::Ge), Strength::Weak, ""),
    ("降低到", Some(Op::Le), Strength::Weak, ""),
    ("降低至", Some(Op::Le), Strength::Weak, ""),
    ("下降到", Some(Op::Le), Strength::Weak, ""),
    ("下降至", Some(Op::Le), Strength::Weak, ""),
    ("减少到", Some(Op::Le), Strength::Weak, ""),
    ("减少至", Some(Op::Le), Strength::Weak, ""),
    ("压缩到", Some(Op::Le), Strength::Weak, ""),
    ("压缩至", Some(Op::Le), Strength::Weak, ""),
    ("缩短到", Some(Op::Le), Strength::Weak, ""),
    ("缩短至", Some(Op::Le), Strength::Weak, ""),
    ("控制到", Some(Op::Le), Strength::Weak, ""),
    ("介于", None, Strength::Neutral, ""),
    ("在", None, Strength::Neutral, "存现实所正内外"),
];

/// Suffix comparisons after number and unit.
const SUFFIX_OPS: &[(&str, Op, Strength)] = &[
    ("(含)以上", Op::Ge, Strength::Word),
    ("及以上", Op::Ge, Strength::Word),
    ("或以上", Op::Ge, Strength::Word),
    ("以上", Op::Ge, Strength::Word),
    ("(含)以下", Op::Le, Strength::Word),
    ("及以下", Op::Le, Strength::Word),
    ("或以下", Op::Le, Strength::Word),
    ("以下", Op::Le, Strength::Word),
    ("及以内", Op::Le, Strength::Word),
    ("或以内", Op::Le, Strength::Word),
    ("以内", Op::Le, Strength::Word),
    ("之内", Op::Le, Strength::Word),
    ("及其以上", Op::Ge, Strength::Word),
    ("及其以下", Op::Le, Strength::Word),
    ("左右", Op::Eq, Strength::Weak),
];

/// Units after which a bare `内` means "within" (`3个工作日内`).
const TIME_UNITS: &[&str] = &[
    "天",
    "日",
    "周",
    "月",
    "年",
    "小时",
    "个小时",
    "分钟",
    "秒",
    "工作日",
    "个工作日",
    "自然日",
    "个自然日",
    "个月",
    "季度",
    "个季度",
    "学期",
    "学年",
    "年度",
    "时",
];

const RANGE_SEPS: &[&str] = &["--", "~~", "-", "~", "至", "到"];
/// `介于80与90之间`: these separate a range only when `之间` closes it.
const PAIR_SEPS: &[&str] = &["和", "与"];
const RANGE_ENDS: &[&str] = &["之间", "范围内", "区间内", "区间", "不等"];

fn is_break_char(c: char) -> bool {
    matches!(c, '。' | ';' | '、' | '!' | '?' | '\n' | '\r' | '｡')
}

fn is_circled(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{249B}' | '\u{2776}'..='\u{2793}' | '\u{3251}'..='\u{325F}')
}

/// Bytes of a clause break at the start of `s`, if one is there.
fn break_len(s: &str) -> Option<usize> {
    let c = first(s)?;
    if is_break_char(c) || is_circled(c) {
        return Some(c.len_utf8());
    }
    // Thousands commas are read by the number grammar before the scanner gets here, so
    // any `,` left is a clause break; `.` is one unless a digit follows.
    if c == ',' {
        return Some(1);
    }
    if c == '.' {
        let next = s[1..].trim_start_matches(' ');
        if !next.starts_with(|d: char| d.is_ascii_digit()) {
            return Some(1);
        }
    }
    None
}

/// A list number at a clause start: `1.` `2、` `3)` `(4)` `（一）` `一、`.
fn list_marker(s: &str) -> Option<usize> {
    let (t, lead) = skip_spaces(s);
    // Every form starts with one of these; most clauses start with a word.
    let c = first(t)?;
    if !(c == '(' || c.is_ascii_digit() || super::number::cn_start(c)) {
        return None;
    }
    if let Some(inner) = t.strip_prefix('(') {
        let n = inner
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || super::number::cn_start(*c))
            .last()
            .map(|(p, c)| p + c.len_utf8())?;
        if n <= 9 && inner[n..].starts_with(')') {
            return Some(lead + 1 + n + 1);
        }
        return None;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let after = &t[digits..];
        let c = first(after)?;
        let marker = match c {
            '、' | ')' => true,
            '.' => !after[1..].starts_with(|d: char| d.is_ascii_digit()),
            _ => false,
        };
        return marker.then_some(lead + digits + c.len_utf8());
    }
    // 一、 二、 十一、
    let cn: usize = t
        .chars()
        .take_while(|c| super::number::cn_start(*c))
        .take(3)
        .map(char::len_utf8)
        .sum();
    if cn > 0 && t[cn..].starts_with('、') {
        return Some(lead + cn + '、'.len_utf8());
    }
    None
}

/// PREFIX_OPS indices grouped by each word's last character (sorted by it), so a position
/// is compared only with the few words that can end there (this runs at every number of
/// every cell); most text before a number ends in none of them and fails the lookup.
/// Longest word first within a group (PREFIX_OPS order among equal lengths), so the first
/// word that fits is the one to take. Each index comes with the word's char before the
/// last, if any, which rules out most of a group (≈20 words end in 于) without comparing.
type ByLast = Vec<(char, Vec<(Option<char>, usize)>)>;
static PREFIX_BY_LAST: std::sync::LazyLock<ByLast> = std::sync::LazyLock::new(|| {
    let mut by: ByLast = Vec::new();
    for (i, (w, ..)) in PREFIX_OPS.iter().enumerate() {
        let mut rev = w.chars().rev();
        let Some(c) = rev.next() else {
            continue;
        };
        let entry = (rev.next(), i);
        match by.iter_mut().find(|(k, _)| *k == c) {
            Some((_, v)) => v.push(entry),
            None => by.push((c, vec![entry])),
        }
    }
    for (_, v) in &mut by {
        v.sort_by_key(|&(_, i)| std::cmp::Reverse(PREFIX_OPS.get(i).map_or(0, |w| w.0.len())));
    }
    by.sort_by_key(|(c, _)| *c);
    by
});

/// The last UTF-8 bytes of the words in [`PREFIX_OPS`]: text before a number that ends
/// in none of them is rejected before the char is decoded and looked up.
const PREFIX_LAST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < PREFIX_OPS.len() {
        let w = PREFIX_OPS[k].0.as_bytes();
        if let Some(b) = w.last() {
            t[*b as usize] = true;
        }
        k += 1;
    }
    t
};

/// The ideographs U+4000..=U+9FFF that end a word of [`PREFIX_OPS`], one bit each (index
/// code point / 64 − 0x100), worked out at compile time from the words' UTF-8 bytes: the
/// text before most numbers ends in an ideograph, which this rejects without decoding it
/// (a last-byte test alone passes about a third of them).
const PREFIX_LAST_IDEOGRAPHS: [u64; 384] = {
    let mut bits = [0u64; 384];
    let mut k = 0;
    while k < PREFIX_OPS.len() {
        let w = PREFIX_OPS[k].0.as_bytes();
        let n = w.len();
        if n >= 3 && w[n - 3] >= 0xE4 && w[n - 3] <= 0xE9 {
            let word = (((w[n - 3] & 0x0F) as usize) << 6) | ((w[n - 2] & 0x3F) as usize);
            bits[word - 0x100] |= 1 << (w[n - 1] & 0x3F);
        }
        k += 1;
    }
    bits
};

/// Whether `b` (the bytes before a number) may end in a word of [`PREFIX_OPS`], from its
/// last bytes alone: the last byte must end some word, and a last ideograph must be one
/// that ends a word.
fn may_end_prefix(b: &[u8]) -> bool {
    let Some(&last) = b.last() else {
        return false;
    };
    if !PREFIX_LAST_BYTES[usize::from(last)] {
        return false;
    }
    match b.len().checked_sub(3).and_then(|k| b.get(k..)) {
        // In valid UTF-8 a lead byte E4..=E9 three bytes from the end starts the last char.
        Some(&[b0 @ 0xE4..=0xE9, b1, _]) => {
            let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
            word.checked_sub(0x100)
                .and_then(|w| PREFIX_LAST_IDEOGRAPHS.get(w))
                .is_some_and(|w| w & (1 << (last & 0x3F)) != 0)
        }
        _ => true,
    }
}

/// One prefix comparison ending at `end` (spaces before `end` skipped): (op, strength, start).
fn prefix_op_at(s: &str, end: usize) -> Option<(Option<Op>, Strength, usize)> {
    let before = trim_spaces_end(&s[..end]);
    // The comparison signs, the commonest prefixes, answered from their bytes: no other
    // word ends in them, none bars a char before it, and the longer one goes first.
    let b = before.as_bytes();
    let sign = match b {
        [.., 0xE2, 0x89, 0xA5] => Some((Op::Ge, 3)),
        [.., 0xE2, 0x89, 0xA4] => Some((Op::Le, 3)),
        [.., b'>', b'='] | [.., b'=', b'>'] => Some((Op::Ge, 2)),
        [.., b'<', b'='] | [.., b'=', b'<'] => Some((Op::Le, 2)),
        [.., b'='] => Some((Op::Eq, 1)),
        [.., b'>'] => Some((Op::Gt, 1)),
        [.., b'<'] => Some((Op::Lt, 1)),
        _ => None,
    };
    if let Some((op, len)) = sign {
        return Some((Some(op), Strength::Symbol, b.len() - len));
    }
    if !may_end_prefix(b) {
        return None;
    }
    let mut rev = before.chars().rev();
    let last = rev.next()?;
    let penult = rev.next();
    let at = PREFIX_BY_LAST
        .binary_search_by_key(&last, |(c, _)| *c)
        .ok()?;
    let (_, candidates) = PREFIX_BY_LAST.get(at)?;
    let fitting = candidates
        .iter()
        .filter(|(p, _)| p.is_none() || *p == penult)
        .filter_map(|&(_, i)| PREFIX_OPS.get(i));
    for (w, op, st, bad) in fitting {
        if let Some(head) = before.strip_suffix(w) {
            if head.chars().next_back().is_some_and(|p| bad.contains(p)) {
                continue;
            }
            return Some((*op, *st, head.len()));
        }
    }
    None
}

/// `end` moved back over rate phrases (`每人每月`, `每年`) that may stand between a
/// comparison and its number: `不低于每人每月600元`.
fn skip_rates(s: &str, end: usize) -> usize {
    let mut end = end;
    for _ in 0..3 {
        let before = s[..end].trim_end_matches(' ');
        // The last three chars, on the stack: this runs for every number without a
        // comparison right before it.
        let mut last3 = [(0usize, '\0'); 3];
        let mut n = 0;
        for (slot, ic) in last3.iter_mut().zip(before.char_indices().rev()) {
            *slot = ic;
            n += 1;
        }
        let tail = &last3[..n];
        let found = tail
            .iter()
            .skip(1)
            .find(|(_, c)| *c == '每')
            .map(|(p, _)| *p)
            .filter(|p| {
                tail.iter()
                    .take_while(|(q, _)| q > p)
                    .all(|(_, c)| ('\u{4E00}'..='\u{9FFF}').contains(c))
            });
        match found {
            Some(p) => end = p,
            None => break,
        }
    }
    end
}

/// The comparison before a number: the strongest of up to three stacked prefixes
/// (`达到≥`, `> =`, `大于 等于`), and where the first of them starts.
fn prefix_ops(s: &str, end: usize) -> Option<(Option<Op>, Strength, usize)> {
    let (mut op, mut st, mut start) = prefix_op_at(s, end).or_else(|| {
        prefix_op_at(s, skip_rates(s, end)).filter(|(_, st, _)| *st >= Strength::Word)
    })?;
    for _ in 0..2 {
        let Some((op2, st2, start2)) = prefix_op_at(s, start) else {
            break;
        };
        // `>` then `=` (or 大于 then 等于) written apart: one >= / <=.
        op = match (op2, op) {
            (Some(Op::Gt | Op::Ge), Some(Op::Eq)) => Some(Op::Ge),
            (Some(Op::Lt | Op::Le), Some(Op::Eq)) => Some(Op::Le),
            _ if st2 > st => op2,
            _ => op,
        };
        st = st.max(st2);
        start = start2;
    }
    Some((op, st, start))
}

/// The suffix comparison at `s` (after the unit): (op, strength, bytes).
fn suffix_op(s: &str, unit: Option<&Unit>) -> Option<(Op, Strength, usize)> {
    let (t, gap) = skip_spaces(s);
    if gap > 2 {
        return None;
    }
    let (t, inc) = match t.strip_prefix("(含)") {
        Some(r) if r.starts_with("以") => (r, "(含)".len()),
        _ => (t, 0),
    };
    let mut found = SUFFIX_OPS
        .iter()
        .find(|(w, _, _)| t.starts_with(w))
        .map(|(w, op, st)| (*op, *st, w.len()));
    if found.is_none() && t.starts_with('内') {
        let timed = unit
            .and_then(|u| u.base.as_deref())
            .is_some_and(|b| TIME_UNITS.contains(&b));
        if timed {
            found = Some((Op::Le, Strength::Word, '内'.len_utf8()));
        }
    }
    let (mut op, st, len) = found?;
    let mut total = gap + inc + len;
    // `以上(含)` / `以上(不含)`: the latter is strict.
    let tail = &s[total..];
    if tail.starts_with("(含)") {
        total += "(含)".len();
    } else if tail.starts_with("(不含)") {
        total += "(不含)".len();
        op = match op {
            Op::Ge => Op::Gt,
            Op::Le => Op::Lt,
            o => o,
        };
    }
    Some((op, st, total))
}

fn unit_base(q: &Qty) -> Option<&str> {
    q.unit.as_ref().and_then(|u| u.base.as_deref())
}

fn is_year(q: &Qty) -> bool {
    match &q.kind {
        Kind::Arabic(a) => {
            a.plain
                && a.int_digits == 4
                && q.value >= Decimal::from(1900)
                && q.value <= Decimal::from(2100)
        }
        Kind::Chinese(CnForm::Digits) => true,
        _ => false,
    }
}

fn year_unit(q: &Qty) -> bool {
    unit_base(q).is_some_and(|b| b.starts_with('年'))
}

/// Why a quantity is no threshold, judged from the text around it.
fn is_code(s: &str, start: usize, q: &Qty) -> bool {
    let before = &s[..start];
    let prev = before.chars().next_back();
    if prev == Some('第') {
        return true; // ordinal: 第3批
    }
    if prev.is_some_and(|p| matches!(p, '_' | '#' | '@' | '\\' | '№' | '*' | '^')) {
        return true;
    }
    if prev.is_some_and(|p| matches!(p, '/' | '.' | ':')) {
        // 1/2, PM2.5, No.3, 9:30, 1:1 — but not `标准：100元`.
        let p2 = before[..before.len() - 1].chars().next_back();
        if p2.is_some_and(|p| p.is_ascii_alphanumeric()) {
            return true;
        }
    }
    if before
        .trim_end_matches(' ')
        .chars()
        .next_back()
        .is_some_and(|p| p.is_ascii_alphabetic())
    {
        return true; // GB/T 1234, ISO9001, H7N9
    }
    if prev == Some('-') {
        let p2 = before[..before.len() - 1].chars().next_back();
        if p2.is_some_and(|p| p.is_ascii_alphanumeric()) {
            return true; // 020-12345678, COVID-19
        }
    }
    code_after(&s[start + q.num_len..], q)
}

/// Why a quantity is no threshold, judged from its own notation and what follows it.
fn code_after(after: &str, q: &Qty) -> bool {
    if let Kind::Arabic(a) = &q.kind {
        if a.leading_zero || a.dotted || (a.plain && a.int_digits >= 11 && q.unit.is_none()) {
            return true;
        }
        if q.unit.is_none() && first(after).is_some_and(|c| c.is_ascii_alphabetic()) {
            return true; // 5G, 3A级
        }
        let mut it = after.chars();
        // A rate's denominator (`200/10万`) is its unit, read as such: no code.
        let rate = q.unit.as_ref().is_some_and(|u| u.text.starts_with('/'));
        if !rate
            && matches!(it.next(), Some(':' | '/'))
            && it.next().is_some_and(|c| c.is_ascii_digit())
        {
            return true; // 9:00, 2023/12, 1:1
        }
    }
    false
}

struct Range {
    q2: Qty,
    /// Byte offset of the second number.
    start2: usize,
    /// Byte offset where the range (after the second unit) ends.
    end: usize,
    needs_close: bool,
}

/// An interval starting at `start`: an opening bracket right before it, two quantities
/// parted by a comma, and a closing bracket, at least one of the brackets square
/// (`[85,100]`, `(0,5天]`; a pair in round brackets alone is no interval). Read apart
/// from the number at `start`, which takes `85,100` for one number with a thousands
/// separator. Both quantities, where the opening bracket stands and where the interval
/// ends.
fn interval_around(s: &str, start: usize) -> Option<(Qty, Qty, usize, usize)> {
    const OPEN_SQUARE: &[char] = &['[', '［', '【'];
    const CLOSE: &[char] = &[']', '］', '】', ')', '）'];
    let before = super::norm::trim_spaces_end(s.get(..start)?);
    let opener = before.chars().next_back()?;
    let square_open = OPEN_SQUARE.contains(&opener);
    if !square_open && !matches!(opener, '(' | '（') {
        return None;
    }
    let open = before.len() - opener.len_utf8();
    let rest = s.get(start..)?;
    let close = rest.find(CLOSE).filter(|&c| c <= 48)?;
    let closer = rest.get(close..)?.chars().next()?;
    if !square_open && !matches!(closer, ']' | '］' | '】') {
        return None;
    }
    let inner = rest.get(..close)?;
    let (a, b) = inner.split_once([',', '，'])?;
    let whole = |t: &str| {
        let t = t.trim_matches(' ');
        quantity(t).filter(|q| q.len == t.len())
    };
    let (q1, mut q2) = (whole(a)?, whole(b)?);
    let mut end = start + close + closer.len_utf8();
    // A unit written after the brackets stands for both ends (`(0,5]天`, `[90,100)%`).
    if q1.unit.is_none() && q2.unit.is_none() {
        let (t, gap) = skip_spaces(s.get(end..)?);
        if gap <= 1 {
            if let Some((u, len)) = super::unit::unit_at(t) {
                q2.unit = Some(u);
                end += gap + len;
            }
        }
    }
    Some((q1, q2, open, end))
}

/// A second quantity after a range separator, at `at` (just after the first quantity).
fn range_after(s: &str, at: usize) -> Option<Range> {
    let (t, gap) = skip_spaces(&s[at..]);
    if gap > 1 {
        return None;
    }
    let (sep, needs_close) = RANGE_SEPS
        .iter()
        .find(|w| t.starts_with(*w))
        .map(|w| (*w, false))
        .or_else(|| {
            PAIR_SEPS
                .iter()
                .find(|w| t.starts_with(*w))
                .map(|w| (*w, true))
        })?;
    let (t2, gap2) = skip_spaces(&t[sep.len()..]);
    if gap2 > 1 {
        return None;
    }
    let q2 = quantity(t2)?;
    let start2 = at + gap + sep.len() + gap2;
    Some(Range {
        end: start2 + q2.len,
        start2,
        q2,
        needs_close,
    })
}

fn norm_dec(d: Decimal) -> Decimal {
    d.normalize()
}

/// A unit named in brackets at the end of the metric (`满意度（%）≥90`), used when the
/// number itself has none.
fn bracket_unit(metric: Option<&str>) -> Option<Unit> {
    let m = metric?.trim_end();
    let inner = m.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let inner = &inner[open..];
    let inner = inner.chars().skip(1).collect::<String>();
    super::unit::parse_unit(&inner)
}

fn threshold(metric: Option<String>, op: Op, value: Decimal, unit: Option<&Unit>) -> Threshold {
    let bracket;
    let unit = match unit {
        Some(u) => Some(u),
        None => {
            bracket = bracket_unit(metric.as_deref());
            bracket.as_ref()
        }
    };
    let (unit_text, base_value, base_unit) = match unit {
        Some(u) => (
            Some(u.text.clone()),
            value.checked_mul(u.mag),
            u.base.clone(),
        ),
        None => (None, Some(value), None),
    };
    Threshold {
        metric,
        op,
        value: Some(norm_dec(value)),
        min: None,
        max: None,
        unit: unit_text,
        base_value: base_value.map(norm_dec),
        base_min: None,
        base_max: None,
        base_unit,
    }
}

fn between(
    metric: Option<String>,
    (min, mag_min): (Decimal, Decimal),
    (max, mag_max): (Decimal, Decimal),
    unit: Option<&Unit>,
) -> Threshold {
    let bracket;
    let (unit, mag_min, mag_max) = match unit {
        Some(u) => (Some(u), mag_min, mag_max),
        None => {
            bracket = bracket_unit(metric.as_deref());
            let m = bracket.as_ref().map_or(Decimal::ONE, |u| u.mag);
            (bracket.as_ref(), m, m)
        }
    };
    // `10万至1亿元`: the range is stated in the last number's unit (亿元), so the first
    // number is converted to it (0.001 亿元); its base value stays 100000 元.
    let min_stated = if mag_min == mag_max || mag_max.is_zero() {
        Some(min)
    } else {
        min.checked_mul(mag_min)
            .and_then(|m| m.checked_div(mag_max))
    };
    Threshold {
        metric,
        op: Op::Between,
        value: None,
        min: min_stated.map(norm_dec),
        max: Some(norm_dec(max)),
        unit: unit.map(|u| u.text.clone()),
        base_value: None,
        base_min: min.checked_mul(mag_min).map(norm_dec),
        base_max: max.checked_mul(mag_max).map(norm_dec),
        base_unit: unit.and_then(|u| u.base.clone()),
    }
}

/// What one number in the text turned out to be.
enum Tok {
    Threshold {
        t: Threshold,
        end: usize,
    },
    /// A value with no comparison: a threshold only if it is all the cell says.
    Bare {
        q: Qty,
        op_start: usize,
        end: usize,
    },
    /// Not a quantity (year, code, ordinal…); `date` when it starts or extends a date.
    Skip {
        end: usize,
        date: bool,
    },
}

struct Scan<'a> {
    orig: &'a str,
    n: &'a Norm<'a>,
    s: &'a str,
    /// Metric text may not reach back before this (last break or threshold end).
    floor: usize,
    /// End of the last year/month/day token, to see `12月` in `2025年12月` as a date.
    date_end: Option<usize>,
    /// The previous threshold while no clause break has come since, by its index in
    /// `out`: its metric serves one that has none (`执行率≥90%且≤100%` gives both the
    /// metric `执行率`). An index, so the metric is copied only when it is used.
    last: Option<usize>,
    /// The thresholds read so far.
    out: Vec<Threshold>,
}

/// Byte offset of the last `:` or `：` in `m`, as `m.rfind([':', '：'])`, in one walk back
/// over the bytes (this runs on every metric). `：` is EF BC 9A; std's reverse search for
/// it stops at every 9A, a common last byte of ideographs, and costed more than the rest
/// of the metric's cleaning.
fn last_colon(m: &str) -> Option<usize> {
    let b = m.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match b[i] {
            b':' => return Some(i),
            // A 9A ends `：` only behind EF BC; in valid UTF-8 those two bytes then start
            // that char, so `i - 2` is its boundary.
            0x9A if i >= 2 && b[i - 2] == 0xEF && b[i - 1] == 0xBC => return Some(i - 2),
            _ => {}
        }
    }
    None
}

/// A char that names something (not punctuation, not a digit). Most metrics start with an
/// ideograph, which is alphabetic: answered without the Unicode tables.
fn names(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || (c.is_alphanumeric() && !c.is_ascii_digit())
}

/// Whether `m` is a metric as it stands: an ideograph of U+4E00..=U+9FFF first, none of
/// the lead words' first chars (并, 以, 且, 其), then only ideographs of U+4000..=U+9FFF
/// and ASCII letters and digits. Such a text has no space, colon, bracket or bullet for
/// [`clean_metric`] to cut and its first char names something, so it is its own metric;
/// most metrics are such, and this answers in one walk over the bytes.
fn plain_metric(m: &str) -> bool {
    let b = m.as_bytes();
    match first(m) {
        Some(c)
            if ('\u{4E00}'..='\u{9FFF}').contains(&c)
                && !matches!(c, '并' | '以' | '且' | '其') => {}
        _ => return false,
    }
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        match x {
            // A valid str has two continuation bytes after a three-byte lead.
            0xE4..=0xE9 => i += 3,
            _ if x.is_ascii_alphanumeric() => i += 1,
            _ => return false,
        }
    }
    true
}

/// Trim a metric: spaces, a label colon, leading conjunctions and bullets.
fn clean_metric(raw: &str) -> Option<String> {
    if plain_metric(raw) {
        return Some(raw.to_string());
    }
    clean_metric_full(raw)
}

/// [`clean_metric`] without its shortcut for a plain metric.
fn clean_metric_full(raw: &str) -> Option<String> {
    let mut m = crate::grid::trim(raw);
    // `指标：完成率` → `完成率`; `满意度：` → `满意度`.
    if let Some(p) = last_colon(m) {
        // The text after the colon, sliced (the colon is `:` or `：`).
        let colon = m[p..].chars().next().map_or(0, char::len_utf8);
        let after = m[p + colon..].trim();
        if !after.is_empty() {
            return clean_metric(after).or_else(|| Some(after.to_string()));
        }
        m = m[..p].trim();
    }
    // A bracket the metric opens and never closes is the note's, not the metric's
    // (`≥3项（国家级≥1项）`: 国家级).
    if m.starts_with(['（', '(']) && !m.contains(['）', ')']) {
        m = m.trim_start_matches(['（', '(']).trim_start();
    }
    // Most metrics start with a char no lead word starts with: a first-byte test skips
    // the eight string compares.
    const LEADS: [&str; 8] = ["并且", "以及", "且", "其中", "-", "•", "·", "*"];
    if let Some(&b0) = m.as_bytes().first() {
        if LEADS.iter().any(|l| l.as_bytes()[0] == b0) {
            for lead in LEADS {
                if let Some(r) = m.strip_prefix(lead) {
                    m = r.trim_start();
                }
            }
        }
    }
    m = m.trim_end_matches([' ', '(', '（']);
    // Punctuation or digits alone (`+`, `“`, `3`) name nothing.
    m.chars().any(names).then(|| m.to_string())
}

impl<'a> Scan<'a> {
    /// A scan of `orig` from its start, `n` its normalised text.
    fn new(orig: &'a str, n: &'a Norm<'a>) -> Self {
        Scan {
            orig,
            n,
            s: &n.text,
            floor: 0,
            date_end: None,
            last: None,
            out: Vec::new(),
        }
    }

    fn metric(&self, from: usize, to: usize) -> Option<String> {
        if to <= from {
            return None;
        }
        let raw = self.orig.get(self.n.orig(from)..self.n.orig(to))?;
        clean_metric(raw)
    }

    /// The metric before a comparison, or the previous one in the same clause.
    fn metric_or_last(&self, from: usize, to: usize) -> Option<String> {
        self.metric(from, to).or_else(|| self.last_metric())
    }

    /// The metric of the previous threshold in the clause.
    fn last_metric(&self) -> Option<String> {
        self.last
            .and_then(|k| self.out.get(k))
            .and_then(|t| t.metric.clone())
    }

    /// `45%±1%`, `3000±200人`: the number `q` at `i` (ending at `qend`) followed by a
    /// plus-minus sign and a second number is the band `q - d` to `q + d`. Both numbers
    /// must be stated in one unit (or one of them bare), so the band is plain arithmetic.
    fn band_around(&self, i: usize, q: &Qty, qend: usize) -> Option<Tok> {
        let s = self.s;
        let after = s[qend..].trim_start_matches(' ');
        let sign = ["±", "+/-", "+-"].iter().find(|w| after.starts_with(*w))?;
        let rest = after[sign.len()..].trim_start_matches(' ');
        let at = s.len() - rest.len();
        let d = quantity(rest)?;
        let unit = match (q.unit.as_ref(), d.unit.as_ref()) {
            (Some(a), Some(b)) if a.text != b.text => return None,
            (a, b) => b.or(a),
        };
        let lo = q.value.checked_sub(d.value)?;
        let hi = q.value.checked_add(d.value)?;
        let mag = unit.map_or(Decimal::ONE, |u| u.mag);
        let start = prefix_ops(s, i).map_or(i, |(_, _, st)| st);
        let t = between(
            self.metric_or_last(self.floor, start),
            (lo, mag),
            (hi, mag),
            unit,
        );
        Some(Tok::Threshold { t, end: at + d.len })
    }

    fn in_date(&self, start: usize) -> bool {
        self.date_end
            .is_some_and(|e| e <= start && self.s[e..start].trim().is_empty())
    }

    /// Read the number at `i` and decide what it is.
    fn token(&self, i: usize) -> Option<Tok> {
        let s = self.s;
        let q = quantity(&s[i..])?;
        let qend = i + q.len;
        let skip = |end, date| Some(Tok::Skip { end, date });
        // Interval notation: [85,100], [90%,100%], (0,5天].
        if let Some((q1, q2, open, end)) = interval_around(s, i) {
            let u1 = q1.unit.as_ref();
            let u2 = q2.unit.as_ref();
            let mag1 = u1.or(u2).map_or(Decimal::ONE, |u| u.mag);
            let mag2 = u2.or(u1).map_or(Decimal::ONE, |u| u.mag);
            let ordered = matches!(
                (q1.value.checked_mul(mag1), q2.value.checked_mul(mag2)),
                (Some(a), Some(b)) if a <= b
            );
            if ordered {
                let t = between(
                    self.metric_or_last(self.floor, open),
                    (q1.value, mag1),
                    (q2.value, mag2),
                    u2.or(u1),
                );
                return Some(Tok::Threshold { t, end });
            }
        }

        if is_code(s, i, &q) {
            return skip(qend, false);
        }
        if let Kind::Chinese(CnForm::Digits) = q.kind {
            return skip(qend, year_unit(&q));
        }
        if is_year(&q) && year_unit(&q) {
            return skip(qend, true);
        }
        if unit_base(&q).is_some_and(|b| DATE_UNITS.contains(&b)) && self.in_date(i) {
            return skip(qend, true);
        }

        // Ranges: 80%-90%, 3~5家, 80%至90%, 介于80与90之间.
        let range = range_after(s, qend).and_then(|r| {
            let after = &s[r.end..];
            let close = RANGE_ENDS
                .iter()
                .find(|w| after.trim_start_matches(' ').starts_with(*w))
                .map(|w| after.len() - after.trim_start_matches(' ').len() + w.len());
            if r.needs_close && close.is_none() {
                return None;
            }
            Some((r, close.unwrap_or(0)))
        });
        if let Some((r, close)) = &range {
            let q2 = &r.q2;
            let years = is_year(&q) && is_year(q2) && (q2.unit.is_none() || year_unit(q2));
            // 1-6月, 5月-12月: a span of the calendar, not a range of amounts.
            let months = unit_base(q2).is_some_and(|b| DATE_UNITS.contains(&b));
            if years || months || matches!(q2.kind, Kind::Chinese(CnForm::Digits)) {
                return skip(r.end, true);
            }
            let u1 = q.unit.as_ref();
            let u2 = q2.unit.as_ref();
            // A unit written once applies to both ends (80-90%, 3-5万元).
            let unit = u2.or(u1);
            let mag1 = u1.or(u2).map_or(Decimal::ONE, |u| u.mag);
            let mag2 = u2.or(u1).map_or(Decimal::ONE, |u| u.mag);
            let lo = q.value.checked_mul(mag1);
            let hi = q2.value.checked_mul(mag2);
            let ordered = matches!((lo, hi), (Some(a), Some(b)) if a <= b);
            let coded = code_after(&s[r.start2 + q2.num_len..], q2);
            if ordered && !coded && !q2_is_class(q2) {
                let start = prefix_ops(s, i).map_or(i, |(_, _, st)| st);
                let t = between(
                    self.metric_or_last(self.floor, start),
                    (q.value, mag1),
                    (q2.value, mag2),
                    unit,
                );
                let mut end = r.end + close;
                if let Some((_, _, l)) = suffix_op(&s[end..], unit) {
                    end += l;
                }
                return Some(Tok::Threshold { t, end });
            }
            // 2023-12-31, 020-1234: not a range and not a quantity either.
            if s[qend..].starts_with('-') {
                return skip(r.end, false);
            }
        }

        // 45%±1%: a band around the number before the sign (44 to 46), where a bare
        // ±1% would be read as -1 to 1.
        if let Some(t) = self.band_around(i, &q, qend) {
            return Some(t);
        }

        // ±3%: a symmetric band.
        let before = s[..i].trim_end_matches(' ');
        let pm = ["±", "+/-", "+-", "正负"]
            .iter()
            .find(|w| before.ends_with(*w))
            .map(|w| before.len() - w.len());
        // A minus sign right after a comparison: ≥-5%.
        let neg_at = (pm.is_none() && s[..i].ends_with('-')).then(|| i - 1);
        let mut prefix = match (pm, neg_at) {
            (Some(p), _) => prefix_ops(s, p),
            (None, Some(p)) => prefix_ops(s, p),
            (None, None) => prefix_ops(s, i),
        };
        // 至少开展5场: an adverb may stand before a short verb; the verb is then the metric
        // if nothing precedes the adverb.
        let mut verb_metric = None;
        if prefix.is_none() && pm.is_none() && neg_at.is_none() {
            if let Some((op, at, verb)) = adverb_before(s, i, self.floor) {
                prefix = Some((Some(op), Strength::Word, at));
                if self.metric(self.floor, at).is_none() {
                    verb_metric = Some(verb);
                }
            } else if let Some((op, at)) = comparison_of_before(s, i, self.floor) {
                // 不超过预算的110%: the comparison governs the share of what it names.
                prefix = Some((Some(op), Strength::Word, at));
            }
        }
        let neg = neg_at.is_some() && prefix.is_some();
        let value = if neg { -q.value } else { q.value };
        let suffix = suffix_op(&s[qend..], q.unit.as_ref());
        let end = qend + suffix.map_or(0, |(_, _, l)| l);
        let op_start = prefix.map_or(pm.unwrap_or(i), |(_, _, st)| st);
        let symbol = prefix.is_some_and(|(_, st, _)| st == Strength::Symbol);

        // Classes (三级以上医院) and unitless Chinese numerals (一流) need a symbol.
        let class = unit_base(&q).is_some_and(|b| CLASS_UNITS.contains(&b));
        let cn_bare = matches!(q.kind, Kind::Chinese(_)) && q.unit.is_none();
        if (class || cn_bare) && !symbol {
            return skip(qend, false);
        }

        if pm.is_some() {
            let mag = q.unit.as_ref().map_or(Decimal::ONE, |u| u.mag);
            let t = between(
                self.metric_or_last(self.floor, op_start),
                (-q.value, mag),
                (q.value, mag),
                q.unit.as_ref(),
            );
            return Some(Tok::Threshold { t, end });
        }
        let op = match (prefix, suffix) {
            (Some((Some(op), st, _)), _) if st >= Strength::Word => Some(op),
            (_, Some((op, st, _))) if st >= Strength::Word => Some(op),
            (Some((Some(op), _, _)), _) => Some(op),
            (_, Some((op, _, _))) => Some(op),
            _ => None,
        };
        match op {
            Some(op) => {
                let metric = self
                    .metric(self.floor, op_start)
                    .or_else(|| verb_metric.and_then(|(a, b)| self.metric(a, b)))
                    .or_else(|| self.last_metric());
                let t = threshold(metric, op, value, q.unit.as_ref());
                Some(Tok::Threshold { t, end })
            }
            // A month or day with no comparison is a date (12月31日前), never a value.
            None if unit_base(&q).is_some_and(|b| DATE_UNITS.contains(&b)) => skip(qend, true),
            None => Some(Tok::Bare { q, op_start, end }),
        }
    }
}

/// Adverbs of comparison that may stand apart from the number (至少开展5场).
const ADVERB_OPS: &[(&str, Op)] = &[
    ("至少", Op::Ge),
    ("最少", Op::Ge),
    ("至多", Op::Le),
    ("最多", Op::Le),
];

/// An adverb up to four ideographs before `end` (not before `floor`):
/// (op, adverb start, verb span).
fn adverb_before(s: &str, end: usize, floor: usize) -> Option<(Op, usize, (usize, usize))> {
    let before = s.get(floor..end)?.trim_end_matches(' ');
    let stop = floor + before.len();
    let mut at = stop;
    for (n, c) in before.chars().rev().enumerate() {
        if n > 5 || !('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return None;
        }
        at -= c.len_utf8();
        for (w, op) in ADVERB_OPS {
            if s[at..].starts_with(w) && at + w.len() < stop {
                return Some((*op, at, (at + w.len(), stop)));
            }
        }
    }
    None
}

/// Comparisons that may govern a share of something named between them and the number
/// (`不超过预算的110%`, `不低于上年的95%`, `达到全省平均水平的90%`).
const COMPARISON_OF: &[(&str, Op)] = &[
    ("不超过", Op::Le),
    ("不高于", Op::Le),
    ("不多于", Op::Le),
    ("不大于", Op::Le),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不小于", Op::Ge),
    ("达到", Op::Ge),
    ("超过", Op::Gt),
    ("高于", Op::Gt),
    ("低于", Op::Lt),
    ("少于", Op::Lt),
];

/// A comparison word before a number, parted from it by what the number is a share of,
/// ending in `的` right before the number (up to eight ideographs, not before `floor`):
/// (op, comparison start). The words between are no metric of their own.
fn comparison_of_before(s: &str, end: usize, floor: usize) -> Option<(Op, usize)> {
    let before = s.get(floor..end)?.trim_end_matches(' ');
    if !before.ends_with('的') {
        return None;
    }
    let stop = floor + before.len();
    let mut at = stop;
    for (n, c) in before.chars().rev().enumerate() {
        if n > 11 || !('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return None;
        }
        at -= c.len_utf8();
        // Up to eight ideographs between the comparison and the number, 的 included:
        // the `n + 1` walked back so far.
        let gap = n + 1;
        for (w, op) in COMPARISON_OF {
            let w_len = w.chars().count();
            if s[at..].starts_with(w) && gap > w_len && gap - w_len <= 8 {
                // `不超过` is also read as `超过` one char on: the longer word wins.
                let longer = COMPARISON_OF.iter().any(|(l, _)| {
                    l.len() > w.len() && l.ends_with(w) && s[..at + w.len()].ends_with(l)
                });
                if longer {
                    continue;
                }
                return Some((*op, at));
            }
        }
    }
    None
}

fn q2_is_class(q: &Qty) -> bool {
    unit_base(q).is_some_and(|b| CLASS_UNITS.contains(&b))
}

/// Characters that may close a cell after its value (`100%。`).
/// What may close a cell after its value: spaces, sentence ends, line ends.
const CLOSING: [char; 8] = [' ', '。', '.', ';', ',', '!', '\n', '\r'];

fn only_closing(s: &str) -> bool {
    s.chars().all(|c| CLOSING.contains(&c))
}

/// The CJK ideographs U+4E00..=U+9FFF that may start a quantity (numerals), one bit each,
/// worked out at compile time: the scanner asks this of nearly every char.
const NUMERAL_IDEOGRAPHS: [u64; 328] = {
    let mut bits = [0u64; 328];
    let mut o = 0;
    while o < 328 * 64 {
        if let Some(c) = char::from_u32(0x4E00 + o as u32) {
            if may_start(c) {
                bits[o / 64] |= 1 << (o % 64);
            }
        }
        o += 1;
    }
    bits
};

/// Bytes of the run at the start of `s` of chars that can start no list number, break or
/// quantity: ASCII letters and ideographs that are no numerals. Most of any text is such
/// runs, which the scanner only steps over, so they are read from the UTF-8 bytes: an
/// ideograph's first two bytes give its code point / 64 (a word of the bitset) and its last
/// byte the code point % 64 (the bit), and no char is decoded.
fn plain_run(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_alphabetic() => i += 1,
            // Lead bytes of U+4000..=U+9FFF; a valid str has two continuation bytes after.
            Some(&b0 @ 0xE4..=0xE9) => {
                let (Some(b1), Some(b2)) = (b.get(i + 1), b.get(i + 2)) else {
                    break;
                };
                let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
                let numeral = word
                    .checked_sub(0x4E00 / 64)
                    .and_then(|w| NUMERAL_IDEOGRAPHS.get(w))
                    .is_none_or(|w| w & (1 << (b2 & 0x3F)) != 0);
                if numeral {
                    break;
                }
                i += 3;
            }
            _ => break,
        }
    }
    i
}

/// Whether `s` holds a char that may start a quantity once folded (`may_start(norm_char(c))`
/// for some char): without one no quantity can be read anywhere in it. Read from the
/// bytes as in [`plain_run`]: ASCII digits answer at once, ideographs by the numeral bitset
/// without decoding; only other non-ASCII chars (full-width digits and the like) are
/// decoded and folded.
pub(super) fn may_hold_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x.is_ascii_digit() {
                return true;
            }
            i += 1;
            continue;
        }
        if (0xE4..=0xE9).contains(&x) {
            let (Some(b1), Some(b2)) = (b.get(i + 1), b.get(i + 2)) else {
                return false;
            };
            let word = (usize::from(x & 0x0F) << 6) | usize::from(b1 & 0x3F);
            let numeral = word
                .checked_sub(0x4E00 / 64)
                .and_then(|w| NUMERAL_IDEOGRAPHS.get(w))
                .is_none_or(|w| w & (1 << (b2 & 0x3F)) != 0);
            if numeral {
                // A numeral, or a char of U+4000..=U+4DFF, which the bitset does not
                // cover: decide that one by its char.
                match s.get(i..).and_then(first) {
                    Some(c) if may_start(norm_char(c)) => return true,
                    Some(_) => {}
                    None => return false,
                }
            }
            i += 3;
            continue;
        }
        let Some(c) = s.get(i..).and_then(first) else {
            return false;
        };
        if may_start(norm_char(c)) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

/// ASCII bytes the scanner only steps over: no letter (a plain run), digit (a number or
/// list number), space, `(` (a list number), or clause break (`break_len`).
const INERT_ASCII: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0u8;
    while b < 0x80 {
        t[b as usize] = !b.is_ascii_alphanumeric()
            && !matches!(
                b,
                b' ' | b'(' | b';' | b'!' | b'?' | b'\n' | b'\r' | b',' | b'.'
            );
        b += 1;
    }
    t
};

/// Every comparison in `text`, in order.
pub(crate) fn parse(text: &str) -> Vec<Threshold> {
    if let Some(rest) = after_lone_zero(text) {
        return parse(&format!("0{rest}"));
    }
    if let Some(ts) = value_with_note(text) {
        return ts;
    }
    scan(text, true)
}

/// A value with a bracketed note after it (`100%（≥95%）`, `100%（以实际为准）`,
/// `1200人次（2024年）`, `90%（以上）`): the value before the note is the cell's value, as if the note
/// were not there, and the note adds its own comparisons (a tolerance, a floor). Read so
/// only where the note gets in the way: when the whole cell reads as no threshold, or the
/// note's comparisons would stand for the cell's (`100%（≥95%）` is not just `≥95%`).
/// A note that only restates the value (`≥3个（含3个）`) leaves the cell as it reads.
fn value_with_note(text: &str) -> Option<Vec<Threshold>> {
    let t = text.trim_end_matches(CLOSING);
    let body = t.strip_suffix(['）', ')'])?;
    let open = body.rfind(['（', '('])?;
    let (head, inner) = (body.get(..open)?, body.get(open..)?);
    let inner = inner.get(inner.chars().next()?.len_utf8()..)?;
    // One note, closing the cell: no bracket inside it, a value before it.
    if inner.contains(['（', '(', '）', ')']) || head.trim().is_empty() {
        return None;
    }
    let value = scan(head, true);
    if value.is_empty() || value.iter().any(|t| t.op != Op::Eq) {
        return None;
    }
    // A note of words only may be the value's own suffix (`90%（以上）` is `90%以上`).
    if !may_hold_number(inner) {
        let joined = scan(&format!("{head}{inner}"), true);
        if !joined.is_empty() {
            return Some(joined);
        }
    }
    let note = scan(inner, false);
    if note.is_empty() {
        // The whole cell's reading, when it has one, stands (read here once, not again
        // by the caller).
        let whole = scan(text, true);
        if !whole.is_empty() {
            return Some(whole);
        }
    }
    Some(value.into_iter().chain(note).collect())
}

/// The comparisons of `text`; with `cell_rule`, a cell that is nothing but a value
/// (`100%`, `资金到位率100%`) is one `=` threshold too.
fn scan(text: &str, cell_rule: bool) -> Vec<Threshold> {
    // Every comparison is read at a number: a text with nothing that may start one has none.
    // (Most texts have an ASCII digit, found by a byte scan.)
    if !text.bytes().any(|b| b.is_ascii_digit()) && !text.chars().any(|c| may_start(norm_char(c))) {
        return Vec::new();
    }
    let n = Norm::new(text);
    let sc = Scan::new(text, &n);
    if let Some(out) = simple(&sc) {
        return out;
    }
    scan_all(sc, cell_rule)
}

/// [`scan`]'s general reading, for any text.
fn scan_all(mut sc: Scan, cell_rule: bool) -> Vec<Threshold> {
    let s = sc.s;
    let mut bare: Vec<(Qty, usize, usize, usize)> = Vec::new(); // (q, floor, op_start, end)
    let mut breaks = 0usize;
    let mut clause_start = true;
    // A value before its metric: `90%≤满意度≤100%`, `60≤得分`.
    let mut pending: Option<Pending> = None;
    let mut i = 0usize;
    while let Some(&b0) = s.as_bytes().get(i) {
        // ASCII that is no letter, digit, space, bracket or clause break (`=`, `%`, `>`):
        // nothing starts at it and it ends a clause start, as the tests below would say.
        if INERT_ASCII[usize::from(b0)] {
            clause_start = false;
            i += 1;
            continue;
        }
        let rest = &s[i..];
        // Only a letter or a lead byte of U+4000..=U+9FFF may start a plain run.
        if b0.is_ascii_alphabetic() || (0xE4..=0xE9).contains(&b0) {
            let plain = plain_run(rest);
            if plain > 0 {
                clause_start = false;
                i += plain;
                continue;
            }
        }
        if b0 == b' ' {
            i += 1;
            continue;
        }
        let Some(c) = first(rest) else { break };
        // `list_marker`'s own first test (`rest` starts with no space here), without the call.
        if clause_start && (c == '(' || c.is_ascii_digit() || super::number::cn_start(c)) {
            if let Some(len) = list_marker(rest) {
                i += len;
                sc.floor = i;
                sc.last = None;
                continue;
            }
        }
        // A digit breaks no clause.
        if let Some(len) = (!b0.is_ascii_digit()).then(|| break_len(rest)).flatten() {
            if let Some(p) = pending.take() {
                let alone = p.alone(&sc, i);
                sc.out.extend(alone);
            }
            i += len;
            sc.floor = i;
            sc.last = None;
            breaks += 1;
            clause_start = true;
            continue;
        }
        // `(1)` and `（一）` inside a clause are list numbers too.
        if c == '(' {
            if let Some(len) = list_marker(rest) {
                i += len;
                sc.floor = i;
                sc.last = None;
                continue;
            }
        }
        clause_start = false;
        if may_start(c) {
            match sc.token(i) {
                Some(Tok::Threshold { t, end }) => {
                    // Pushed as is when no value waits for it (nearly always): no
                    // one-element vector per threshold.
                    match pending.take() {
                        Some(p) => {
                            let t = p.merge(&sc, t, i);
                            sc.last = (!t.is_empty()).then(|| sc.out.len() + t.len() - 1);
                            sc.out.extend(t);
                        }
                        None => {
                            sc.last = Some(sc.out.len());
                            sc.out.push(t);
                        }
                    }
                    sc.floor = end;
                    clause_start = true;
                    i = end;
                    continue;
                }
                Some(Tok::Bare { q, op_start, end }) => {
                    if let Some((op, len)) = symbol_after(&s[end..]) {
                        if let Some(p) = pending.take() {
                            let alone = p.alone(&sc, i);
                            sc.out.extend(alone);
                        }
                        i = end + len;
                        sc.floor = i;
                        pending = Some(Pending {
                            q,
                            op,
                            metric_start: i,
                        });
                        continue;
                    }
                    bare.push((
                        q,
                        if breaks == 0 { sc.floor } else { usize::MAX },
                        op_start,
                        end,
                    ));
                    i = end;
                    continue;
                }
                Some(Tok::Skip { end, date }) => {
                    sc.date_end = date.then_some(end);
                    i = end.max(i + c.len_utf8());
                    continue;
                }
                None => {
                    let ext = number_extent(rest);
                    if ext > 0 {
                        i += ext;
                        continue;
                    }
                }
            }
        }
        i += c.len_utf8();
    }
    if let Some(p) = pending.take() {
        let alone = p.alone(&sc, s.len());
        sc.out.extend(alone);
    }
    if cell_rule && sc.out.is_empty() && bare.len() == 1 {
        if let Some((q, floor, op_start, end)) = bare.pop() {
            if let Some(t) = cell_value(&sc, &q, floor, op_start, end) {
                sc.out.push(t);
            }
        }
    }
    sc.out
}

/// The commonest shape of a target, read without the general scanner: clauses
/// `[N. ]metric[signs]number[unit]` parted by `。` (`1. 项目完成率≥95%。2. 培训人次达到3万人次。`).
/// `None` at anything else, and the caller scans. On these texts the scanner's loop only
/// steps over the metric (a plain run) and the signs, and of its tests at the number only
/// the ones called here can fire (an interval needs a bracket before the number, a range
/// or suffix a word after it, `-` or `±` a sign this shape has not); the scanner's own
/// functions decide the rest, so both read the same (tests compare them).
fn simple(sc: &Scan) -> Option<Vec<Threshold>> {
    let s = sc.s;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let mut floor = i;
        // A list number `1. ` as `list_marker` reads one at a clause start.
        let d = b[i..].iter().take_while(|x| x.is_ascii_digit()).count();
        if d > 0 {
            if d > 2 || b.get(i + d) != Some(&b'.') || b.get(i + d + 1) != Some(&b' ') {
                return None;
            }
            floor = i + d + 1;
            i = floor + 1;
        }
        let run = plain_run(s.get(i..)?);
        if run == 0 {
            return None;
        }
        let mut j = i + run;
        // Signs the scanner steps over: `≥`, `≤` and inert ASCII `>`, `<`, `=`.
        loop {
            match b.get(j..)? {
                [0xE2, 0x89, 0xA4 | 0xA5, ..] => j += 3,
                [b'>' | b'<' | b'=', ..] => j += 1,
                _ => break,
            }
        }
        if !b.get(j)?.is_ascii_digit() {
            return None;
        }
        let q = quantity(s.get(j..)?)?;
        let qend = j + q.len;
        let next = match s.get(qend..)? {
            "" => qend,
            rest if rest.starts_with('。') => qend + '。'.len_utf8(),
            _ => return None,
        };
        if !matches!(q.kind, Kind::Arabic(_)) || is_code(s, j, &q) || is_year(&q) {
            return None;
        }
        if unit_base(&q).is_some_and(|u| DATE_UNITS.contains(&u) || CLASS_UNITS.contains(&u)) {
            return None;
        }
        if s.get(..j)?.trim_end_matches(' ').ends_with("正负") {
            return None;
        }
        let (Some(op), _, op_start) = prefix_ops(s, j)? else {
            return None;
        };
        out.push(threshold(
            sc.metric(floor, op_start),
            op,
            q.value,
            q.unit.as_ref(),
        ));
        i = next;
    }
    (!out.is_empty()).then_some(out)
}

/// A comparison symbol right after a value that stands before its metric.
fn symbol_after(s: &str) -> Option<(Op, usize)> {
    let (t, gap) = skip_spaces(s);
    let (op, len) = match first(t)? {
        '≤' => (Op::Le, '≤'.len_utf8()),
        '≥' => (Op::Ge, '≥'.len_utf8()),
        '<' | '>' => {
            let (u, g2) = skip_spaces(&t[1..]);
            match (t.starts_with('<'), u.starts_with('=')) {
                (true, true) => (Op::Le, 2 + g2),
                (false, true) => (Op::Ge, 2 + g2),
                (true, false) => (Op::Lt, 1),
                (false, false) => (Op::Gt, 1),
            }
        }
        _ => return None,
    };
    // A metric must follow, not another number.
    let after = t[len..].trim_start_matches(' ');
    let metric_next = first(after).is_some_and(|c| !c.is_ascii_digit() && !may_start(c));
    metric_next.then_some((op, gap + len))
}

/// `90%≤` waiting for its metric and maybe an upper bound.
struct Pending {
    q: Qty,
    op: Op,
    metric_start: usize,
}

impl Pending {
    /// `90%≤满意度≤100%` → between; anything else → both stand alone.
    fn merge(self, sc: &Scan, t: Threshold, at: usize) -> Vec<Threshold> {
        let low = matches!(self.op, Op::Le | Op::Lt) && matches!(t.op, Op::Le | Op::Lt);
        let high = matches!(self.op, Op::Ge | Op::Gt) && matches!(t.op, Op::Ge | Op::Gt);
        let unit = self
            .q
            .unit
            .clone()
            .or_else(|| t.unit.as_deref().and_then(super::unit::parse_unit));
        let mag = unit.as_ref().map_or(Decimal::ONE, |u| u.mag);
        let (Some(v), Some(bv)) = (t.value, t.base_value) else {
            let mut v = self.alone(sc, at);
            v.push(t);
            return v;
        };
        if !(low || high) {
            let mut v = self.alone(sc, at);
            v.push(t);
            return v;
        }
        let q = (self.q.value, self.q.value.checked_mul(mag));
        let (lo, hi) = if low {
            (q, (v, Some(bv)))
        } else {
            ((v, Some(bv)), q)
        };
        if lo.0 > hi.0 {
            let mut v = self.alone(sc, at);
            v.push(t);
            return v;
        }
        vec![Threshold {
            metric: t.metric.clone(),
            op: Op::Between,
            value: None,
            min: Some(norm_dec(lo.0)),
            max: Some(norm_dec(hi.0)),
            unit: t
                .unit
                .clone()
                .or_else(|| unit.as_ref().map(|u| u.text.clone())),
            base_value: None,
            base_min: lo.1.map(norm_dec),
            base_max: hi.1.map(norm_dec),
            base_unit: t.base_unit.clone().or_else(|| unit.and_then(|u| u.base)),
        }]
    }

    /// `60≤得分` alone: the metric follows, so the comparison turns round (得分 ≥ 60).
    fn alone(self, sc: &Scan, end: usize) -> Vec<Threshold> {
        let op = match self.op {
            Op::Le => Op::Ge,
            Op::Lt => Op::Gt,
            Op::Ge => Op::Le,
            Op::Gt => Op::Lt,
            o => o,
        };
        let metric = sc.metric(self.metric_start, end);
        vec![threshold(metric, op, self.q.value, self.q.unit.as_ref())]
    }
}

/// A cell opening with a lone zero numeral and nothing but a unit or a short word after
/// it (`零起`, `〇次`, `零投诉`): what follows the zero, to be read as `0起` is. The
/// numeral grammar reads 零 only before other digits (`一百零五`), so a zero alone was no
/// number at all.
fn after_lone_zero(text: &str) -> Option<&str> {
    let t = text.trim();
    let rest = t.strip_prefix(['零', '〇'])?;
    let word = rest.trim_end_matches(CLOSING);
    if is_figurative_zero(word) {
        return None;
    }
    let n = word.chars().count();
    let short_word = (1..=4).contains(&n)
        && word
            .chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) && !may_start(c) && c != '点');
    (short_word || (n > 0 && super::unit::parse_unit(word).is_some())).then_some(rest)
}

/// Words a zero stands before as a figure of speech, not a count: a stance or a manner
/// (`零容忍` zero tolerance, `零距离` close at hand, `零门槛` open to all, `零接触`
/// contactless). Such a target is qualitative: it names nothing that could be counted
/// to zero, and gives no threshold (`零投诉`, `零事故` do: none of them, = 0).
fn is_figurative_zero(word: &str) -> bool {
    ["容忍", "距离", "门槛", "接触"].contains(&word.trim())
}

/// The cell-only rule: a cell that is just a value (`100%`, `800项`), or one clause
/// naming a metric and ending in its value (`资金到位率100%`), is one `=` threshold.
fn cell_value(sc: &Scan, q: &Qty, floor: usize, op_start: usize, end: usize) -> Option<Threshold> {
    if floor == usize::MAX {
        return None;
    }
    let rest = &sc.s[end..];
    if !only_closing(rest) {
        return word_after_value(sc, q, floor, op_start, rest);
    }
    let metric = sc.metric(floor, op_start);
    let numeric = matches!(
        q.kind,
        Kind::Arabic(_) | Kind::PercentWords | Kind::Financial
    );
    if metric.is_some() && !numeric {
        return None;
    }
    // A lone 4-digit year-like number (`2023`) is a year, not a target value.
    if is_year(q) && q.unit.is_none() {
        return None;
    }
    // A cell that is a negative number: `-1,234.5`.
    let minus = sc.s.get(floor..op_start).is_some_and(|m| m.trim() == "-");
    let value = if minus { -q.value } else { q.value };
    Some(threshold(metric, Op::Eq, value, q.unit.as_ref()))
}

/// A whole cell of a value and a short word after it, with nothing before the value:
/// a share of the whole done (`100%覆盖`, `100%完成`: = 100 %), or none of something
/// (`零投诉`, `0事故`: the word is the metric, = 0). Other words after a value
/// (`12月底前完成`, `3个工作日内办结`) are no such target.
fn word_after_value(
    sc: &Scan,
    q: &Qty,
    floor: usize,
    op_start: usize,
    rest: &str,
) -> Option<Threshold> {
    let word = rest.trim_end_matches(CLOSING);
    let short_word = (1..=4).contains(&word.chars().count())
        && word.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let nothing_before =
        sc.s.get(floor..op_start)
            .is_some_and(|m| m.trim().is_empty());
    if !short_word || !nothing_before || (q.value.is_zero() && is_figurative_zero(word)) {
        return None;
    }
    match &q.unit {
        Some(u) if u.text == "%" => Some(threshold(None, Op::Eq, q.value, Some(u))),
        None if q.value.is_zero() => Some(threshold(Some(word.to_string()), Op::Eq, q.value, None)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte walk answers as the char-by-char definition, over every char of the
    /// Basic Multilingual Plane (the ideograph bitset, the blocks it does not cover,
    /// full-width digits) and behind every alignment.
    #[test]
    fn may_hold_number_as_chars() {
        let by_chars = |s: &str| s.chars().any(|c| may_start(norm_char(c)));
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("基本{c}支出"), format!("a{c}")] {
                assert_eq!(may_hold_number(&s), by_chars(&s), "{s:?}");
            }
        }
        for s in [
            "",
            "基本支出",
            "财政拨款",
            "人民币",
            "ＲＭＢ",
            "—",
            "壹万元",
            "１２",
            "〇",
            "㐀𠀀",
        ] {
            assert_eq!(may_hold_number(s), by_chars(s), "{s:?}");
        }
    }

    /// The first fitting word of the index is the longest fitting one, as if every word
    /// were tried in PREFIX_OPS order keeping a strictly longer one.
    #[test]
    fn prefix_lookup_takes_the_longest_word() {
        for (w, ..) in PREFIX_OPS {
            for lead in ["", "作", "节", "到", "存", "指标"] {
                let s = format!("{lead}{w}");
                let mut best: Option<(&str, Option<Op>, Strength)> = None;
                for (w2, op, st, bad) in PREFIX_OPS {
                    if s.ends_with(w2) && best.is_none_or(|(b, _, _)| w2.len() > b.len()) {
                        let prev = s[..s.len() - w2.len()].chars().next_back();
                        if prev.is_some_and(|p| bad.contains(p)) {
                            continue;
                        }
                        best = Some((w2, *op, *st));
                    }
                }
                let want = best.map(|(w2, op, st)| (op, st, s.len() - w2.len()));
                assert_eq!(prefix_op_at(&s, s.len()), want, "{s}");
            }
        }
    }

    /// A text whose last bytes `may_end_prefix` rejects ends in no prefix word: checked
    /// for every char of the Basic Multilingual Plane after a plain and a numeral char.
    #[test]
    fn may_end_prefix_keeps_every_word_end() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let ends_word = PREFIX_OPS.iter().any(|(w, ..)| w.ends_with(c));
            for s in [format!("{c}"), format!("指标{c}"), format!("a三{c}")] {
                if ends_word {
                    assert!(may_end_prefix(s.as_bytes()), "{s:?}");
                }
                if !may_end_prefix(s.as_bytes()) {
                    assert_eq!(prefix_op_at(&s, s.len()), None, "{s:?}");
                }
            }
        }
    }

    /// A metric `plain_metric` takes as it stands is what the full cleaning gives.
    #[test]
    fn plain_metric_is_its_own_cleaning() {
        let chars = [
            "完成", "率", "并", "以", "且", "其", "中", "及", "a", "Z", "9", "㐀", "䷀", "：", ":",
            "（", "(", "）", " ", "\u{3000}", "-", "•", "·", "*", "𠀀", "，",
        ];
        let mut n = 0;
        for a in chars {
            for b in chars {
                for c in chars {
                    let s = format!("{a}{b}{c}");
                    if plain_metric(&s) {
                        n += 1;
                        assert_eq!(clean_metric_full(&s).as_deref(), Some(s.as_str()), "{s:?}");
                    }
                }
            }
        }
        assert!(n > 100);
    }

    /// The scanner's inert ASCII bytes start nothing: no plain run, space, list number,
    /// clause break or quantity.
    #[test]
    fn inert_ascii_starts_nothing() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            let s = format!("{c}x");
            let inert = plain_run(&s) == 0
                && c != ' '
                && c != '('
                && list_marker(&s).is_none()
                && break_len(&s).is_none()
                && !may_start(c);
            assert_eq!(INERT_ASCII[usize::from(b)], inert, "{c:?}");
        }
    }

    /// One char of what [`plain_run`] steps over, through the bitset.
    fn plain_char(c: char) -> bool {
        if c.is_ascii_alphabetic() {
            return true;
        }
        let o = (c as u32).wrapping_sub(0x4E00) as usize;
        NUMERAL_IDEOGRAPHS
            .get(o / 64)
            .is_some_and(|w| w & (1 << (o % 64)) == 0)
    }

    #[test]
    fn plain_char_is_a_non_numeral_ideograph_or_letter() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = c.is_ascii_alphabetic()
                || (('\u{4E00}'..='\u{9FFF}').contains(&c) && !may_start(c));
            assert_eq!(plain_char(c), want, "{c:?}");
        }
    }

    #[test]
    fn plain_run_is_the_run_of_plain_chars() {
        let by_chars = |s: &str| {
            s.char_indices()
                .find(|(_, c)| !plain_char(*c))
                .map_or(s.len(), |(p, _)| p)
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}{c}x");
            assert_eq!(plain_run(&s), by_chars(&s), "{c:?}");
        }
        for s in [
            "",
            "完成率≥90%",
            "abc一二",
            "数量不低于三十项",
            "ab c",
            "项目１",
        ] {
            assert_eq!(plain_run(s), by_chars(s), "{s}");
        }
    }

    #[test]
    fn names_is_alphanumeric_but_digits() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                names(c),
                c.is_alphanumeric() && !c.is_ascii_digit(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn last_colon_is_rfind() {
        for m in [
            "",
            ":",
            "：",
            "指标：完成率",
            "a:b：c",
            "满意度：",
            "口径",
            "a:口",
            "：:",
        ] {
            assert_eq!(last_colon(m), m.rfind([':', '：']), "{m}");
        }
    }

    proptest::proptest! {
        /// The byte walk finds what the char search finds, among chars that share its
        /// bytes (`＝` EF BC 9D, `蚚` E8 9A 9A, `ｚ` EF BD 9A, `Ｚ` EF BC BA).
        #[test]
        fn last_colon_matches_rfind(m in "[:：＝蚚ｚＺ指标a ]{0,12}|\\PC{0,16}") {
            proptest::prop_assert_eq!(last_colon(&m), m.rfind([':', '：']));
        }
    }

    /// Both readings of `text`: `simple`'s (if it takes the text) and the general one's.
    fn both(text: &str) -> (Option<Vec<Threshold>>, Vec<Threshold>, Vec<Threshold>) {
        let n = Norm::new(text);
        let sc = || Scan::new(text, &n);
        (simple(&sc()), scan_all(sc(), true), scan_all(sc(), false))
    }

    /// What `simple` relies on: no range, pair or suffix word starts with the `。` it
    /// ends a clause at.
    #[test]
    fn simple_clause_end_starts_no_word() {
        for w in RANGE_SEPS.iter().chain(PAIR_SEPS).chain(RANGE_ENDS) {
            assert!(!w.starts_with('。'));
        }
        for (w, ..) in SUFFIX_OPS {
            assert!(!w.starts_with('。'));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Wherever `simple` reads a text, the general scanner reads the same thresholds,
        /// over clauses built from parts that sit at each of its edges (list numbers that
        /// are none, prefix words in the metric, ordinals, letters, years, dates, classes,
        /// codes, full-width signs and units, words after the unit).
        #[test]
        fn simple_reads_as_the_scanner(clauses in proptest::collection::vec((
            proptest::sample::select(vec!["", "1. ", "12. ", "123. ", "1.", "1、", " "]),
            proptest::sample::select(vec![
                "项目完成率", "资金支付进度达到", "满意度不低于", "第", "GDP增长率", "正负",
                "培训人次", "达", "超", "在", "至少开展", "每人每月", "覆盖率大于", "年度",
                "一流", "并且完成", "其中", "PM", "覆盖", "不超过", "大于", "约",
            ]),
            proptest::sample::select(vec![
                "", "≥", "≤", ">", "<", "=", ">=", "=>", "<=", "＞", "＜", "＝", "≧", "≥≥", "=<", "> =",
            ]),
            proptest::sample::select(vec![
                "95", "0", "007", "2025", "1,234", "12.5", "3.2.1", "100000000000", "5O", "1900",
            ]),
            proptest::sample::select(vec![
                "%", "％", "万人次", "项", "月", "级", "年", "亿元", "", "个工作日", "km", "天",
                "人", "家",
            ]),
            proptest::sample::select(vec!["。", "", "；", "以上。", "-90%。", "。 ", "内。"]),
        ), 1..4)) {
            let text: String = clauses
                .iter()
                .map(|(a, b, c, d, e, f)| format!("{a}{b}{c}{d}{e}{f}"))
                .collect();
            let (fast, all, all_bare) = both(&text);
            if let Some(fast) = fast {
                proptest::prop_assert_eq!(&fast, &all, "{}", text);
                proptest::prop_assert_eq!(&fast, &all_bare, "{}", text);
            }
        }
    }

    #[test]
    fn simple_takes_the_common_shapes() {
        for text in [
            "项目完成率≥95%。",
            "1. 高新技术企业认定数=3676家。2. 新增就业人数＞28472人。3. 培训人次不低于48万人次。",
            "资金支付进度达到87%",
        ] {
            let (fast, all, _) = both(text);
            assert_eq!(fast.as_ref(), Some(&all), "{text}");
        }
    }

    #[test]
    fn prefix_index_covers_every_word() {
        let indexed: usize = PREFIX_BY_LAST.iter().map(|(_, v)| v.len()).sum();
        assert_eq!(indexed, PREFIX_OPS.len());
        for (c, v) in PREFIX_BY_LAST.iter() {
            for &(p, i) in v {
                let w = PREFIX_OPS[i].0;
                assert!(w.ends_with(*c));
                assert_eq!(p, w.chars().rev().nth(1));
            }
        }
    }
}
