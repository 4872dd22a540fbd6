//! A quantity: one number (any notation) with its unit, as one grammar over normalised text.

use nom::bytes::complete::tag;
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use super::norm::skip_spaces;
use super::number::{arabic, chinese, cn_digit, cn_start, Arabic, CnForm};
use super::unit::{unit_at, Unit};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Arabic(Arabic),
    Chinese(CnForm),
    /// 百分之五, 千分之三.
    PercentWords,
    /// 壹仟贰佰叁拾肆元伍角陆分.
    Financial,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Qty {
    pub value: Decimal,
    pub kind: Kind,
    /// Bytes of the number alone.
    pub num_len: usize,
    /// Bytes of number, spaces and unit.
    pub len: usize,
    pub unit: Option<Unit>,
}

/// Can a quantity start with this char (cheap pre-check for the scanner)?
pub(crate) const fn may_start(c: char) -> bool {
    c.is_ascii_digit() || cn_start(c) || c == '百' || c == '千'
}

/// Up to two spaces between a number and its unit.
fn unit_after(s: &str) -> Option<(Unit, usize)> {
    let (t, gap) = skip_spaces(s);
    // An amount cell ends with its number: nothing to read.
    if gap > 2 || t.is_empty() {
        return None;
    }
    unit_at(t).map(|(u, l)| (u, gap + l))
}

/// 百分之五 / 千分之三 / 百分之12.5.
fn percent_words(i: &str) -> IResult<&str, Qty> {
    let (rest, w) = nom::branch::alt((tag("百分之"), tag("千分之"))).parse(i)?;
    let unit = if w == "百分之" { "%" } else { "‰" };
    let err = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit));
    let (value, n) = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let (r, a) = arabic(rest)?;
        (a.value, rest.len() - r.len())
    } else if rest.starts_with('百') {
        (Decimal::from(100), '百'.len_utf8()) // 百分之百
    } else {
        let (v, n, _) = chinese(rest).ok_or_else(err)?;
        (v, n)
    };
    let len = w.len() + n;
    Ok((
        &i[len..],
        Qty {
            value,
            kind: Kind::PercentWords,
            num_len: len,
            len,
            unit: Some(Unit::plain(unit)),
        },
    ))
}

/// One financial digit followed by `unit` (伍角, 陆分), with an optional 零 before it.
fn cn_place(s: &str, unit: char) -> Option<(u32, usize)> {
    let (s, z) = match s.strip_prefix('零') {
        Some(r) => (r, '零'.len_utf8()),
        None => (s, 0),
    };
    let mut it = s.chars();
    let c = it.next()?;
    let d = cn_digit(c)?;
    (it.next() == Some(unit)).then_some((d, z + c.len_utf8() + unit.len_utf8()))
}

/// The 元角分 tail after an integer in yuan: (yuan fraction, bytes).
fn jiao_fen(s: &str) -> (Decimal, usize) {
    let mut frac = Decimal::ZERO;
    let mut len = 0;
    if let Some((d, l)) = cn_place(s, '角') {
        frac += Decimal::new(i64::from(d), 1);
        len += l;
    }
    if let Some((d, l)) = cn_place(&s[len..], '分') {
        frac += Decimal::new(i64::from(d), 2);
        len += l;
    }
    for end in ["整", "正"] {
        if s[len..].starts_with(end) {
            len += end.len();
            break;
        }
    }
    (frac, len)
}

/// A quantity at the start of normalised text.
pub(crate) fn quantity(s: &str) -> Option<Qty> {
    if s.starts_with(['百', '千']) {
        if let Ok((_, q)) = percent_words(s) {
            return Some(q);
        }
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        let (rest, a) = arabic(s).ok()?;
        let num_len = s.len() - rest.len();
        let (unit, ulen) = match unit_after(rest) {
            Some((u, l)) => (Some(u), l),
            None => (None, 0),
        };
        return Some(Qty {
            value: a.value,
            kind: Kind::Arabic(a),
            num_len,
            len: num_len + ulen,
            unit,
        });
    }
    // Financial amounts in 元角分 with no yuan part: 伍角陆分, 零元伍角.
    let zero_yuan = ["零元", "零圆"]
        .iter()
        .find(|z| s.starts_with(*z))
        .map_or(0, |z| z.len());
    if zero_yuan > 0 || cn_place(s, '角').is_some() {
        let (frac, fl) = jiao_fen(&s[zero_yuan..]);
        let len = zero_yuan + fl;
        return Some(Qty {
            value: frac,
            kind: Kind::Financial,
            num_len: len,
            len,
            unit: Some(Unit::plain("元")),
        });
    }
    let (value, num_len, form) = chinese(s)?;
    let rest = &s[num_len..];
    if form == CnForm::Units {
        for y in ["元", "圆"] {
            if let Some(after) = rest.strip_prefix(y) {
                let (frac, fl) = jiao_fen(after);
                if fl > 0 {
                    let len = num_len + y.len() + fl;
                    return Some(Qty {
                        value: value.checked_add(frac)?,
                        kind: Kind::Financial,
                        num_len: len,
                        len,
                        unit: Some(Unit::plain("元")),
                    });
                }
            }
        }
    }
    let (unit, ulen) = match unit_after(rest) {
        Some((u, l)) => (Some(u), l),
        None => (None, 0),
    };
    Some(Qty {
        value,
        kind: Kind::Chinese(form),
        num_len,
        len: num_len + ulen,
        unit,
    })
}

/// Bytes a number takes even when it is no quantity (so `2023` is skipped whole, not
/// re-read as `023`).
pub(crate) fn number_extent(s: &str) -> usize {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return arabic(s).map(|(r, _)| s.len() - r.len()).unwrap_or(1);
    }
    chinese(s).map(|(_, n, _)| n).unwrap_or(0)
}
