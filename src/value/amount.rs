//! Amount cells: exactly one number with an optional unit, in exact decimals.

use std::borrow::Cow;

use super::norm::fold;
use super::quantity::{quantity, Kind, Qty};
use super::unit::{parse_unit, Unit};
use super::Amount;

/// Currency marks around an amount that say nothing about its value.
const LEADS: &[&str] = &["人民币", "RMB", "¥", "$"];

pub(crate) fn parse(raw: &str, default_unit: Option<&str>) -> Option<Amount> {
    let raw = raw.trim();
    let (q, neg) = read(raw)?;
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
    Some(Amount {
        raw: raw.to_string(),
        value: value.normalize(),
        unit: unit_text,
        yuan,
    })
}

/// Whether `parse` reads `raw` as an amount, without building it (the form stage asks
/// this of many cells it does not keep).
pub(crate) fn is_amount(raw: &str) -> bool {
    // Most cells asked are names (基本支出, 财政拨款): with nothing that can start a number
    // they are no amount, known without folding and parsing them.
    super::threshold::may_hold_number(raw) && read(raw.trim()).is_some()
}

/// The quantity of an amount cell (trimmed) and whether it is negative: `None` when the
/// cell is not exactly one amount. A cell that does not read as written is tried once
/// more with OCR's letters for digits ([`ocr_letter_digits`]).
fn read(raw: &str) -> Option<(Qty, bool)> {
    read_as_written(raw).or_else(|| read_as_written(&ocr_letter_digits(raw)?))
}

/// OCR reads 1 as `l` or `I` and 0 as `O` or `o` (`l6,583.94`, `45O,385.73`, `O.OO`). In
/// a cell that should be one amount, a leading number written with digits and those
/// letters is read with the letters as digits, when it holds a real digit or ends in a
/// `.` and two decimals (`O.OO`), and no Latin word goes on after it (`5 Items`, `ISO`).
/// Only amount cells get this (thresholds keep `II类`); `None` when nothing changes.
fn ocr_letter_digits(raw: &str) -> Option<String> {
    let is_letter = |c: u8| matches!(c, b'l' | b'I' | b'O' | b'o');
    let s = raw.trim();
    let b = s.as_bytes();
    // Most cells that get here are text: rejected on their first byte.
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_digit() || is_letter(*c))
    {
        return None;
    }
    let end = b
        .iter()
        .position(|c| !(c.is_ascii_digit() || is_letter(*c) || matches!(c, b',' | b'.' | b' ')))
        .unwrap_or(b.len());
    let (num, rest) = s.split_at(end);
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) || !num.bytes().any(is_letter) {
        return None;
    }
    let two_decimals = num.trim_end().rsplit_once('.').is_some_and(|(_, f)| {
        f.len() == 2
            && f.bytes()
                .all(|c| c.is_ascii_digit() || c == b'O' || c == b'o')
    });
    if !num.bytes().any(|c| c.is_ascii_digit()) && !two_decimals {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    out.extend(num.chars().map(|c| match c {
        'l' | 'I' => '1',
        'O' | 'o' => '0',
        c => c,
    }));
    out.push_str(rest);
    Some(out)
}

fn read_as_written(raw: &str) -> Option<(Qty, bool)> {
    let folded = fold(raw);
    let mut s = folded.trim();
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
