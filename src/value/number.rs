//! Number grammar (nom): Arabic digits through OCR noise, Chinese and financial numerals.
//! Works on normalised text (see `norm`): digits are ASCII, separators `,` `.` and ' '.

use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, digit1};
use nom::combinator::{not, opt, peek};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};
use rust_decimal::Decimal;

/// A number in Arabic digits and what its notation says about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Arabic {
    pub value: Decimal,
    /// Digits in the integer part.
    pub int_digits: usize,
    /// Written as one unbroken digit run (no separators, spaces or decimal point).
    pub plain: bool,
    /// Integer part starts with 0 and has more digits (`020`, `007`): a code, not a quantity.
    pub leading_zero: bool,
    /// No fractional part.
    pub is_int: bool,
    /// A second decimal point follows (`1.2.3`, `2023.12.31`): a version or a date.
    pub dotted: bool,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// 0–2 spaces (OCR gap, thousands space).
fn gap0(i: &str) -> IResult<&str, &str> {
    take_while_m_n(0, 2, |c| c == ' ').parse(i)
}

fn gap1(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 2, |c| c == ' ').parse(i)
}

/// Exactly three digits, not followed by a fourth: one thousands group.
fn group3(i: &str) -> IResult<&str, &str> {
    terminated(
        take_while_m_n(3, 3, is_digit),
        not(peek(take_while_m_n(1, 1, is_digit))),
    )
    .parse(i)
}

/// `,` (with OCR spaces around) and a thousands group.
fn comma_group(i: &str) -> IResult<&str, &str> {
    preceded((gap0, char(','), gap0), group3).parse(i)
}

/// A digit run after a space.
fn spaced_run(i: &str) -> IResult<&str, &str> {
    preceded(gap1, digit1).parse(i)
}

/// Decimal point (OCR spaces around it allowed) followed by a digit.
fn point(i: &str) -> IResult<&str, ()> {
    let (i, _) = (gap0, char('.'), opt(char(' '))).parse(i)?;
    let (_, _) = peek(take_while_m_n(1, 1, is_digit)).parse(i)?;
    Ok((i, ()))
}

fn grouping_ok(runs: &[usize]) -> bool {
    matches!(runs.first(), Some(1..=3)) && runs.iter().skip(1).all(|r| *r == 3)
}

/// Digit runs split by single OCR spaces: joined when one side is a lone digit
/// (`1 0` → 10), kept apart otherwise (`10 20` is two numbers).
fn ocr_runs<'a>(mut rest: &'a str, first: &str, out: &mut String) -> &'a str {
    let mut last = first.len();
    while let Ok((r, g)) = spaced_run(rest) {
        if last == 1 || g.len() == 1 {
            out.push_str(g);
            last = g.len();
            rest = r;
        } else {
            break;
        }
    }
    rest
}

/// An Arabic number: `1,234.5`, `83, 179. 29`, `1 068 910`, `1 0`.
/// Comma or space groups count as thousands only when every group after the first has
/// exactly three digits; otherwise the number ends there (two numbers, not one).
pub(crate) fn arabic(i: &str) -> IResult<&str, Arabic> {
    match plain_arabic(i) {
        Some(fast) => Ok(fast),
        None => arabic_grammar(i),
    }
}

fn arabic_grammar(i: &str) -> IResult<&str, Arabic> {
    let (mut rest, first) = digit1(i)?;
    let mut int = String::from(first);
    let mut runs = vec![first.len()];
    // The last piece an OCR space parted (`1 2 00`: `2`), which the one-lone-digit rule
    // asks about, not the run it joined.
    let mut piece = first.len();
    let mut plain = true;
    loop {
        if let Ok((r, g)) = comma_group(rest) {
            if grouping_ok(&runs) {
                int.push_str(g);
                runs.push(3);
                piece = 3;
                rest = r;
                plain = false;
                continue;
            }
            break;
        }
        if let Ok((r, g)) = spaced_run(rest) {
            let last = runs.last().copied().unwrap_or(0);
            if g.len() == 3 && grouping_ok(&runs) {
                runs.push(3);
            } else if last == 1 || piece == 1 || g.len() == 1 {
                if let Some(l) = runs.last_mut() {
                    *l += g.len();
                }
            } else {
                break;
            }
            int.push_str(g);
            piece = g.len();
            rest = r;
            plain = false;
            continue;
        }
        break;
    }
    let mut frac = String::new();
    if let Ok((r, ())) = point(rest) {
        if let Ok((r, f)) = digit1::<&str, nom::error::Error<&str>>(r) {
            frac.push_str(f);
            rest = ocr_runs(r, f, &mut frac);
            plain = false;
        }
    }
    let dotted = !frac.is_empty()
        && rest
            .strip_prefix('.')
            .is_some_and(|r| r.starts_with(is_digit));
    let text = if frac.is_empty() {
        int.clone()
    } else {
        format!("{int}.{frac}")
    };
    let value = match Decimal::from_str_exact(&text) {
        Ok(v) => v,
        Err(_) => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::TooLarge,
            )))
        }
    };
    Ok((
        rest,
        Arabic {
            value,
            int_digits: int.len(),
            plain,
            leading_zero: int.len() > 1 && int.starts_with('0'),
            is_int: frac.is_empty(),
            dotted,
        },
    ))
}

/// Most cells write numbers as one digit run, maybe in `,` thousands groups, with maybe
/// `.` and a fraction run (`42`, `90.5`, `204,949.35`); read those straight from the
/// bytes, without the strings the full grammar builds. `None` when a space follows a run
/// or separator (OCR gaps: the full grammar must judge), or when the digits might not fit
/// an i64 (the full grammar then decides).
fn plain_arabic(i: &str) -> Option<(&str, Arabic)> {
    let b = i.as_bytes();
    let digits = |from: usize| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let first_run = digits(0);
    let mut end = first_run;
    let mut int_digits = first_run;
    // `,` and exactly three digits: a thousands group while the first run has 1-3 digits;
    // after a longer run (`1234,567`) the number ends at the comma.
    while b.get(end) == Some(&b',') {
        match b.get(end + 1) {
            Some(b' ') => return None,
            _ if digits(end + 1) == 3 && (1..=3).contains(&first_run) => {
                end += 4;
                int_digits += 3;
            }
            _ => break,
        }
    }
    let int_end = end;
    let mut frac_len = 0;
    match b.get(int_end) {
        Some(b' ') => return None,
        Some(b'.') => match b.get(int_end + 1) {
            Some(b' ') => return None,
            Some(c) if c.is_ascii_digit() => {
                frac_len = digits(int_end + 1);
                end = int_end + 1 + frac_len;
                if b.get(end) == Some(&b' ') {
                    return None; // an OCR space may split the fraction
                }
            }
            _ => {} // `5.` ends a list number or sentence: an integer
        },
        _ => {}
    }
    if first_run == 0 || int_digits + frac_len > 18 {
        return None;
    }
    let mut mantissa: i64 = 0;
    for c in b.get(..end)?.iter().filter(|c| c.is_ascii_digit()) {
        mantissa = mantissa * 10 + i64::from(c - b'0');
    }
    let value = Decimal::try_new(mantissa, u32::try_from(frac_len).ok()?).ok()?;
    let rest = i.get(end..)?;
    let dotted = frac_len > 0
        && rest
            .strip_prefix('.')
            .is_some_and(|r| r.starts_with(is_digit));
    Some((
        rest,
        Arabic {
            value,
            int_digits,
            plain: int_end == first_run && frac_len == 0,
            leading_zero: int_digits > 1 && b.first() == Some(&b'0'),
            is_int: frac_len == 0,
            dotted,
        },
    ))
}

/// Plain digit chars of Chinese numerals (lower and financial forms).
pub(crate) const fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' | '壹' | '弌' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '弍' => 2,
        '三' | '叁' | '參' | '叄' | '弎' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_small(c: char) -> Option<u128> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn cn_big(c: char) -> Option<u128> {
    Some(match c {
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// Can a Chinese numeral start with this char?
pub(crate) const fn cn_start(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '拾')
}

/// How a Chinese numeral was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CnForm {
    /// With place units: 一百二十万, 壹仟贰佰.
    Units,
    /// Digit by digit, no units: 二〇二三 (years, codes).
    Digits,
}

/// A Chinese numeral at the start of `i`: value, bytes consumed, form.
/// Bare place units (百, 千, 万) are not numerals; only 十 may stand without a digit.
pub(crate) fn chinese(i: &str) -> Option<(Decimal, usize, CnForm)> {
    let mut chars = i.char_indices().peekable();
    // Digit-by-digit form: two or more plain digits in a row.
    let mut head = i.chars();
    let two_digits =
        head.next().and_then(cn_digit).is_some() && head.next().and_then(cn_digit).is_some();
    let digits: Vec<(usize, char)> = if two_digits {
        i.char_indices()
            .take_while(|(_, c)| cn_digit(*c).is_some())
            .collect()
    } else {
        Vec::new()
    };
    if digits.len() >= 2 {
        let all_plain = !digits.iter().any(|(_, c)| *c == '两' || *c == '兩');
        let run_end = digits.last().map(|(p, c)| p + c.len_utf8()).unwrap_or(0);
        let next = i.get(run_end..).and_then(|r| r.chars().next());
        let next_is_unit = next.is_some_and(|c| cn_small(c).is_some() || cn_big(c).is_some());
        // 一百零五 has 零 then digits, not a digit run; a run followed by a unit is odd
        // (三五十), so digit form only when no unit follows.
        let zero_led = digits
            .iter()
            .take(digits.len() - 1)
            .any(|(_, c)| cn_digit(*c) == Some(0));
        if all_plain && !next_is_unit && !(zero_led && digits.len() == 2) {
            let mut v: u128 = 0;
            for (_, c) in &digits {
                v = v.checked_mul(10)?.checked_add(u128::from(cn_digit(*c)?))?;
            }
            return Some((
                Decimal::try_from_i128_with_scale(i128::try_from(v).ok()?, 0).ok()?,
                run_end,
                CnForm::Digits,
            ));
        }
    }
    let (mut yi, mut wan, mut sec): (u128, u128, u128) = (0, 0, 0);
    let mut cur: Option<u128> = None;
    let mut last_small: Option<u128> = None; // last place unit within this section
    let mut last_big: Option<u128> = None; // set right after 万/亿
    let mut zero_gap = false; // 零 seen since the last unit
    let mut seen_digit = false;
    let mut end = 0usize;
    while let Some((p, c)) = chars.next() {
        if let Some(d) = cn_digit(c) {
            if cur.is_some() {
                break; // 十四五: a second digit with no unit between
            }
            if d == 0 {
                zero_gap = true;
                // A 零 counts as consumed only if a digit follows (一百零五), else stop.
                if chars
                    .peek()
                    .is_none_or(|(_, n)| cn_digit(*n).is_none_or(|d| d == 0))
                {
                    break;
                }
                end = p + c.len_utf8();
                continue;
            }
            cur = Some(u128::from(d));
            seen_digit = true;
            end = p + c.len_utf8();
        } else if let Some(u) = cn_small(c) {
            let n = match cur {
                Some(n) => n,
                // 十 alone at the start of a section: 十二 = 12, 二十万零十 is rare; allow.
                None if u == 10 && sec == 0 && last_small.is_none() => 1,
                None => break,
            };
            if last_small.is_some_and(|l| u >= l) {
                break;
            }
            sec += n * u;
            cur = None;
            last_small = Some(u);
            last_big = None;
            zero_gap = false;
            seen_digit = true;
            end = p + c.len_utf8();
        } else if let Some(b) = cn_big(c) {
            let part = sec + cur.unwrap_or(0);
            if b == 10_000 {
                if wan != 0 || part == 0 {
                    break;
                }
                wan = part;
            } else {
                // 一万亿: what stands before 亿 (万 included) is the count of 亿.
                let low = wan * 10_000 + part;
                match yi.checked_mul(100_000_000).and_then(|y| y.checked_add(low)) {
                    Some(y) if low > 0 => yi = y,
                    _ => break,
                }
                wan = 0;
            }
            sec = 0;
            cur = None;
            last_small = None;
            last_big = Some(b);
            zero_gap = false;
            end = p + c.len_utf8();
        } else {
            break;
        }
    }
    if !seen_digit || end == 0 {
        return None;
    }
    // Colloquial tail: 二百五 = 250, 一万五 = 15000 (a digit right after a unit, no 零).
    let mut colloquial = false;
    let tail = match (cur, zero_gap) {
        (Some(d), false) => match (last_small, last_big) {
            (Some(u), None) if u >= 100 => {
                colloquial = true;
                d * (u / 10)
            }
            (None, Some(b)) => {
                colloquial = true;
                d * (b / 10)
            }
            _ => d,
        },
        (Some(d), true) => d,
        (None, _) => 0,
    };
    let int = yi
        .checked_mul(100_000_000)?
        .checked_add(wan.checked_mul(10_000)?)?
        .checked_add(sec)?
        .checked_add(tail)?;
    let mut value = Decimal::try_from_i128_with_scale(i128::try_from(int).ok()?, 0).ok()?;
    // Decimal part: 一点五, 十二点零五; then an optional 万/亿 (一点五万 = 15000).
    let rest = &i[end..];
    if let Some(after) = rest.strip_prefix('点') {
        let mut fd = String::new();
        let mut flen = 0;
        for c in after.chars() {
            match cn_digit(c) {
                Some(d) if c != '两' && c != '兩' => {
                    fd.push(char::from_digit(d, 10).unwrap_or('0'));
                    flen += c.len_utf8();
                }
                _ => break,
            }
        }
        if !fd.is_empty() && last_big.is_none() && !colloquial {
            let frac = Decimal::from_str_exact(&format!("0.{fd}")).ok()?;
            value = value.checked_add(frac)?;
            end += '点'.len_utf8() + flen;
            if let Some(b) = i.get(end..).and_then(|r| r.chars().next()) {
                if let Some(m) = cn_big(b) {
                    value = value.checked_mul(Decimal::from(u64::try_from(m).ok()?))?;
                    end += b.len_utf8();
                }
            }
        }
    }
    Some((value, end, CnForm::Units))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Option<(String, String)> {
        arabic(s)
            .ok()
            .map(|(r, n)| (n.value.normalize().to_string(), r.to_string()))
    }
    fn c(s: &str) -> Option<String> {
        chinese(s).map(|(v, _, _)| v.normalize().to_string())
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(a("83, 179. 29"), Some(("83179.29".into(), "".into())));
        assert_eq!(a("1 068 910元"), Some(("1068910".into(), "元".into())));
        assert_eq!(a("1 0篇"), Some(("10".into(), "篇".into())));
        assert_eq!(a("10 20"), Some(("10".into(), " 20".into())));
        assert_eq!(a("1,23"), Some(("1".into(), ",23".into())));
        assert_eq!(a("1234,567"), Some(("1234".into(), ",567".into())));
    }

    #[test]
    fn plain_path_agrees_with_grammar() {
        let heads = [
            "0", "7", "42", "007", "2023", "90.5", "0.50", "1.2", "3.14159", "12",
        ];
        let tails = [
            "", "%", ".", ".3", ". 5", "..", "项", ".5.6", "a", "-1", ":30", "9", "。", "x.1",
        ];
        let mut cases: Vec<String> = vec![
            "9".repeat(18),
            "9".repeat(19),
            "1.".to_string() + &"5".repeat(17),
        ];
        for h in heads {
            for t in tails {
                cases.push(format!("{h}{t}"));
            }
        }
        for s in &cases {
            if let Some(fast) = plain_arabic(s) {
                let slow = arabic_grammar(s).ok();
                assert_eq!(Some(fast.clone()), slow, "{s}");
                assert_eq!(
                    fast.1.value.scale(),
                    slow.map_or(99, |x| x.1.value.scale()),
                    "{s}"
                );
            }
        }
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(c("一百二十万"), Some("1200000".into()));
        assert_eq!(c("两千"), Some("2000".into()));
        assert_eq!(c("十二"), Some("12".into()));
        assert_eq!(c("一百零五"), Some("105".into()));
        assert_eq!(c("二百五"), Some("250".into()));
        assert_eq!(c("一万五"), Some("15000".into()));
        assert_eq!(c("三亿五千万"), Some("350000000".into()));
        assert_eq!(c("一万亿"), Some("1000000000000".into()));
        assert_eq!(c("二〇二三"), Some("2023".into()));
        assert_eq!(c("十四五"), Some("14".into()));
        assert_eq!(c("一点五"), Some("1.5".into()));
        assert_eq!(c("百"), None);
    }
}

#[cfg(test)]
mod overflow {
    use super::*;

    #[test]
    fn huge_numerals_do_not_panic() {
        let many_yi = format!("九千九百九十九{}", "亿".repeat(12));
        let _ = chinese(&many_yi);
        let _ = chinese(&"九".repeat(60));
        let _ = chinese(&format!("一点{}", "五".repeat(60)));
        let _ = arabic(&"9".repeat(60));
        let _ = arabic(&format!("1.{}", "9".repeat(60)));
    }
}
