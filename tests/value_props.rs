//! Property tests: a value written in a random noisy notation reads back exactly, and no
//! input makes the value functions panic.

use declx::value::cli::value_line;
use declx::value::{parse_amount, parse_thresholds, unit_from_header, Op};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Full-width form of an ASCII digit or sign.
fn wide(c: char) -> char {
    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
}

#[derive(Debug, Clone)]
struct Noise {
    /// Thousands separator: none, `,`, `，`, ` `, `, ` (OCR space after the comma).
    sep: usize,
    /// Digits spread apart by OCR (`1 2 3`), only without separators.
    spread: bool,
    /// Per digit: full-width or not.
    wide: Vec<bool>,
    /// Decimal point: `.`, `．`, `. ` (OCR space after it).
    point: usize,
}

fn noise() -> impl Strategy<Value = Noise> {
    (
        0usize..5,
        any::<bool>(),
        prop::collection::vec(any::<bool>(), 40),
        0usize..3,
    )
        .prop_map(|(sep, spread, wide, point)| Noise {
            sep,
            spread,
            wide,
            point,
        })
}

/// Write `d` (non-negative) in the notation `n` describes.
fn noisy(d: Decimal, n: &Noise) -> String {
    let text = d.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let sep = ["", ",", "，", " ", ", "][n.sep];
    let mut out = String::new();
    let mut k = 0;
    let mut push = |out: &mut String, c: char| {
        let w = n.wide.get(k).copied().unwrap_or(false);
        k += 1;
        out.push(if w { wide(c) } else { c });
    };
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 {
            let left = digits.len() - i;
            if n.spread && sep.is_empty() {
                out.push(' ');
            } else if left.is_multiple_of(3) {
                out.push_str(sep);
            }
        }
        push(&mut out, *c);
    }
    if !frac.is_empty() {
        out.push_str([".", "．", ". "][n.point]);
        for c in frac.chars() {
            push(&mut out, c);
        }
    }
    out
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (0u64..1_000_000_000_000, 0u32..5).prop_map(|(m, scale)| Decimal::new(m as i64, scale))
}

const PREFIXES: &[(&str, i64)] = &[
    ("", 1),
    ("十", 10),
    ("百", 100),
    ("千", 1_000),
    ("万", 10_000),
    ("十万", 100_000),
    ("百万", 1_000_000),
    ("千万", 10_000_000),
    ("亿", 100_000_000),
];

/// An integer in Chinese numerals, lower-case or financial, in the standard written form.
fn chinese(n: u64, financial: bool) -> String {
    let digits: Vec<char> = if financial {
        "零壹贰叁肆伍陆柒捌玖".chars().collect()
    } else {
        "零一二三四五六七八九".chars().collect()
    };
    let small = if financial {
        ["", "拾", "佰", "仟"]
    } else {
        ["", "十", "百", "千"]
    };
    if n == 0 {
        return "零".into();
    }
    let secs = [n % 10_000, (n / 10_000) % 10_000, n / 100_000_000];
    let big = ["", "万", "亿"];
    let mut out = String::new();
    let mut gap = false;
    for k in (0..3).rev() {
        let sec = secs[k];
        if sec == 0 {
            gap |= !out.is_empty();
            continue;
        }
        if !out.is_empty() && (gap || sec < 1000) {
            out.push(digits[0]);
        }
        let mut zero = false;
        let mut wrote = false;
        for pos in (0..4).rev() {
            let d = (sec / 10u64.pow(pos as u32) % 10) as usize;
            if d == 0 {
                zero |= wrote;
                continue;
            }
            if zero {
                out.push(digits[0]);
                zero = false;
            }
            out.push(digits[d]);
            out.push_str(small[pos]);
            wrote = true;
        }
        out.push_str(big[k]);
        gap = false;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn value_amount_noisy_round_trip(d in decimal(), n in noise(), p in 0..PREFIXES.len(), header in any::<bool>()) {
        let (prefix, mag) = PREFIXES[p];
        let text = noisy(d, &n);
        let (cell, default) = if header {
            (text.clone(), Some(format!("{prefix}元")))
        } else {
            (format!("{text}{prefix}元"), None)
        };
        let a = parse_amount(&cell, default.as_deref());
        prop_assert!(a.is_some(), "unread: {cell:?} / {default:?}");
        let a = a.unwrap();
        prop_assert_eq!(a.value, d, "{:?}", cell);
        let want = format!("{prefix}元");
        prop_assert_eq!(a.unit.as_deref(), Some(want.as_str()));
        prop_assert_eq!(a.yuan, Some(d * Decimal::from(mag)));
    }

    #[test]
    fn value_threshold_noisy_round_trip(d in decimal(), n in noise(), p in 0..PREFIXES.len(),
                                        op in 0usize..6, base in 0usize..4) {
        let (prefix, mag) = PREFIXES[p];
        let (sym, want) = [("≥", Op::Ge), ("＞＝", Op::Ge), ("不少于", Op::Ge), ("≤", Op::Le),
                           ("不超过", Op::Le), ("＜", Op::Lt)][op];
        let base_unit = ["元", "人次", "家", "平方米"][base];
        let text = format!("年度服务指标{sym}{}{prefix}{base_unit}。", noisy(d, &n));
        let ts = parse_thresholds(&text);
        prop_assert_eq!(ts.len(), 1, "{:?} → {:?}", text, ts);
        let t = &ts[0];
        prop_assert_eq!(t.op, want);
        prop_assert_eq!(t.value, Some(d), "{:?}", text);
        let want = format!("{prefix}{base_unit}");
        prop_assert_eq!(t.unit.as_deref(), Some(want.as_str()));
        prop_assert_eq!(t.base_value, Some(d * Decimal::from(mag)));
        prop_assert_eq!(t.base_unit.as_deref(), Some(base_unit));
        prop_assert_eq!(t.metric.as_deref(), Some("年度服务指标"));
    }

    #[test]
    fn value_chinese_integers_round_trip(n in 1u64..1_000_000_000_000, financial in any::<bool>(),
                                         unit in 0usize..3) {
        let u = ["元", "人", "项"][unit];
        let text = format!("{}{u}", chinese(n, financial));
        let a = parse_amount(&text, None);
        prop_assert!(a.is_some(), "unread: {text}");
        let a = a.unwrap();
        prop_assert_eq!(a.value, Decimal::from(n), "{}", text);
        let ts = parse_thresholds(&format!("数量不少于{text}"));
        prop_assert_eq!(ts.len(), 1, "{}", text);
        prop_assert_eq!(ts[0].base_value, Some(Decimal::from(n)), "{}", text);
    }

    #[test]
    fn value_never_panics_on_any_string(s in any::<String>(), u in any::<Option<String>>()) {
        let _ = parse_amount(&s, u.as_deref());
        let _ = parse_thresholds(&s);
        let _ = unit_from_header(&s);
        let _ = value_line(&s, u.as_deref());
    }

    #[test]
    fn value_never_panics_on_numberish_text(
        s in "[0-9０-９,，.．。 　万亿千百十元%％‰≥≤≧≦<>=＞＜＝一二两三四五六七八九十百千万亿零〇壹贰叁肆伍陆柒捌玖拾佰仟角分整点之以上下内至到~～—±（）()第年月日号级类:/、；;A-Za-z个项家人次-]{0,40}",
        u in prop::option::of("[万亿千百十元人次()（）]{0,4}"),
    ) {
        if let Some(a) = parse_amount(&s, u.as_deref()) {
            prop_assert_eq!(a.raw.as_str(), s.trim());
        }
        for t in parse_thresholds(&s) {
            // The shape the contract promises: value xor min/max, metrics cut from the text.
            if t.op == Op::Between {
                prop_assert!(t.value.is_none() && t.min.is_some() && t.max.is_some());
                prop_assert!(t.min <= t.max, "{:?} → {:?}", s, t);
            } else {
                prop_assert!(t.value.is_some() && t.min.is_none() && t.max.is_none());
            }
            if let Some(m) = &t.metric {
                prop_assert!(!m.is_empty() && s.contains(m.as_str()), "{:?} → {:?}", s, t);
            }
        }
    }
}

#[test]
fn value_chinese_renderer_is_standard() {
    assert_eq!(chinese(1_200_000, false), "一百二十万");
    assert_eq!(chinese(100_050_000, false), "一亿零五万");
    assert_eq!(chinese(10_005, false), "一万零五");
    assert_eq!(chinese(1234, true), "壹仟贰佰叁拾肆");
}
