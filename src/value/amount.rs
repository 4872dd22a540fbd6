//! Amount cells: exactly one number with an optional unit, in exact decimals.

use std::borrow::Cow;

use super::norm::fold;
use super::quantity::{quantity, Kind, Qty};
use super::unit::{parse_unit, Unit};
use super::Amount;

/// Currency marks around an amount that say nothing about its value.
const LEADS: &[&str] = &["人民币", "RMB", "¥", "$"];

/// Words opening a bracketed note on an amount's parts (其中 of which, 含 including).
const NOTE_LEADS: &[&str] = &["其中", "含", "包含", "包括"];

/// The amount of a cell, and whether OCR misreadings in it were repaired.
pub(crate) fn parse(raw: &str, default_unit: Option<&str>) -> Option<(Amount, bool)> {
    let raw = crate::grid::trim(raw);
    let (q, neg, as_written) = read(raw)?;
    // `45O,385.73` and `83179。29` read as written (O as zero inside numbers, 。 as the
    // point of an amount) but are repairs too; most cells hold neither an O nor a 。
    // (lead byte E3), which one memchr settles.
    let repaired = !as_written
        || memchr::memchr3(b'O', b'o', 0xE3, raw.as_bytes()).is_some()
            && (super::norm::has_ocr_zeros(raw) || point_read_as_full_stop(raw));
    let value = if neg { -q.value } else { q.value };
    // The header is read only when the cell's unit leaves it a say.
    let header = || default_unit.and_then(parse_unit);
    let unit: Option<Unit> = match q.unit {
        // A bare magnitude in the cell takes the header's base unit: 1.2亿 under (元) is
        // 亿元, 1234.56万 under (万元) is 万元; the cell's magnitude wins.
        Some(u) if u.base.is_none() => match header().and_then(|h| h.base) {
            Some(b) => Some(Unit {
                text: [&*u.text, &*b].concat().into(),
                mag: u.mag,
                base: Some(b),
            }),
            None => Some(u),
        },
        Some(u) => Some(u),
        None => header(),
    };
    let unit_text = unit.as_ref().map(|u| u.text.clone()).or_else(|| {
        default_unit
            .map(|d| d.trim())
            .filter(|d| !d.is_empty())
            .map(|d| Cow::Owned(d.to_string()))
    });
    let yuan = match &unit {
        Some(u) if u.is_yuan() => value.checked_mul(u.mag).map(|y| y.normalize()),
        Some(_) => None,
        // Nothing in any unit of money is nothing: `0.00` under a header without a unit
        // is 0 yuan, and the form's sums can still be checked.
        None if value.is_zero() => Some(rust_decimal::Decimal::ZERO),
        None => None,
    };
    Some((
        Amount {
            raw: raw.to_string(),
            value: value.normalize(),
            unit: unit_text,
            yuan,
        },
        repaired,
    ))
}

/// Whether `parse` reads `raw` as an amount, without building it (the form stage asks
/// this of many cells it does not keep).
pub(crate) fn is_amount(raw: &str) -> bool {
    // Most cells asked are names (基本支出, 财政拨款): with nothing that can start a number
    // they are no amount, known without folding and parsing them. A cell OCR read with
    // letters only for its digits (`lOO.OO`) opens with one of them.
    let opens_as_digit = raw
        .trim_start()
        .chars()
        .next()
        .is_some_and(super::ocr::digitish);
    (opens_as_digit || super::threshold::may_hold_number(raw)) && read(raw.trim()).is_some()
}

/// The quantity of an amount cell (trimmed), whether it is negative, and whether it read
/// as written: `None` when the cell is not exactly one amount. A cell that does not read
/// as written is tried once more with its number repaired
/// ([`super::ocr::repair_amount`]: letters for digits, misread separators). Whether a
/// cell read as written was repaired all the same is `parse`'s to ask: `is_amount` does
/// not need it.
fn read(raw: &str) -> Option<(Qty, bool, bool)> {
    if let Some((q, neg)) = read_as_written(raw) {
        return Some((q, neg, true));
    }
    let (q, neg) = read_as_written(&super::ocr::repair_amount(raw)?)?;
    Some((q, neg, false))
}

/// Whether a `。` stands between digits (OCR spaces aside): read as the point.
fn point_read_as_full_stop(raw: &str) -> bool {
    raw.match_indices('。').any(|(i, m)| {
        let before = raw[..i].trim_end().ends_with(|c: char| c.is_ascii_digit());
        let after = raw[i + m.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
        before && after
    })
}

fn read_as_written(raw: &str) -> Option<(Qty, bool)> {
    let folded = fold(raw);
    let mut s = crate::grid::trim(&folded);
    // (Most cells start with a digit: no lead to strip.)
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        for lead in LEADS {
            if let Some(r) = s.strip_prefix(lead) {
                s = r.trim_start();
            }
        }
    }
    // A trailing 整 closes financial amounts (壹万元整); an end mark closes sentences.
    s = s.trim_end_matches(['整', '正', '。', ' ']);
    // OCR reads a decimal point as 。 (`83179。29`). In a cell that is one amount, a 。
    // between digits can be nothing else; the grammar below still has to read it whole.
    let pointed;
    if let Some((a, b)) = s.split_once('。') {
        // OCR may space it too: `83, 179。 29`.
        if a.trim_end().ends_with(|c: char| c.is_ascii_digit())
            && b.trim_start().starts_with(|c: char| c.is_ascii_digit())
            && !s.contains('.')
        {
            pointed = format!("{a}.{b}");
            s = pointed.as_str();
        }
    }
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => (true, r),
        _ => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    // A note in brackets after the amount naming its parts (`2,000.00（其中：上级补助
    // 500.00）`, `120（含结转20）`): the cell's amount is the one before it.
    let s = match s.strip_suffix(')').and_then(|r| r.split_once('(')) {
        Some((num, note))
            if NOTE_LEADS.iter().any(|w| note.trim_start().starts_with(w))
                && num
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit() || c == '元') =>
        {
            num.trim_end()
        }
        _ => s,
    };
    // A unit in brackets after the number: `100.00（万元）`.
    let bracketed;
    let s = match s.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((num, unit)) if parse_unit(unit).is_some() => {
            bracketed = format!("{}{}", num.trim_end(), unit.trim());
            bracketed.as_str()
        }
        _ => s,
    };
    let q = quantity(s)?;
    if q.len != s.len() {
        return None; // text, a second number, or a unit we do not know
    }
    match &q.kind {
        Kind::Arabic(a) if a.leading_zero || a.dotted => return None,
        Kind::Chinese(super::number::CnForm::Digits) => return None,
        _ => {}
    }
    Some((q, neg))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `parse` says a cell was repaired exactly when the tests its memchr
        /// prefilter skips would have.
        #[test]
        fn repaired_as_before(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "5", "O", "o", "l", ",", ".", " ", "。", "、", "·", "万元", "元",
                "-", "整", "x", "人民币",
            ]), 0..10),
            shaped in "[0-9]{1,4}([,.。·、 ]?[0-9Oo]{1,3}){0,3}(万元|元)?",
            which in proptest::bool::ANY,
        ) {
            // Amount-shaped cells too: few of the free mixes read as one amount.
            let raw: String = if which { parts.concat() } else { shaped };
            let before = read_as_written(raw.trim()).map_or_else(
                || {
                    super::super::ocr::repair_amount(raw.trim())
                        .and_then(|r| read_as_written(&r))
                        .map(|_| true)
                },
                |_| {
                    Some(
                        super::super::norm::has_ocr_zeros(raw.trim())
                            || point_read_as_full_stop(raw.trim()),
                    )
                },
            );
            proptest::prop_assert_eq!(parse(&raw, None).map(|(_, r)| r), before);
        }
    }

    #[test]
    fn repaired_flags() {
        let r = |t: &str| parse(t, None).map(|(_, r)| r);
        assert_eq!(r("83179。29"), Some(true));
        assert_eq!(r("45O,385.73"), Some(true));
        assert_eq!(r("l6,583.94"), Some(true));
        assert_eq!(r("16,583.94"), Some(false));
        assert_eq!(r("1,234.56万元"), Some(false));
    }
}
