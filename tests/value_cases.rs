//! Table-driven value cases: `tests/value_cases/*.txt`, one readable case a line.

use std::str::FromStr;

use declx::value::{parse_amount_noted, parse_thresholds_noted, Op, Threshold};
use rust_decimal::Decimal;

fn cases(file: &str) -> Vec<(usize, String, String)> {
    let path = format!("{}/tests/value_cases/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let (input, expected) = l
                .split_once(" => ")
                .unwrap_or_else(|| panic!("{file}:{}: no ` => `", n + 1));
            (n + 1, input.to_string(), expected.trim().to_string())
        })
        .collect()
}

fn dec(s: &str) -> Option<Decimal> {
    (s != "-").then(|| Decimal::from_str(s).unwrap_or_else(|e| panic!("bad number {s}: {e}")))
}

fn opt(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_string())
}

fn op(s: &str) -> Op {
    match s {
        ">=" => Op::Ge,
        "<=" => Op::Le,
        ">" => Op::Gt,
        "<" => Op::Lt,
        "=" => Op::Eq,
        "between" => Op::Between,
        _ => panic!("bad op {s}"),
    }
}

fn range(s: &str) -> (Option<Decimal>, Option<Decimal>) {
    let (a, b) = s
        .split_once("..")
        .unwrap_or_else(|| panic!("bad range {s}"));
    (dec(a), dec(b))
}

/// `>= 800 项 | base 800 项 | metric 开展项目数量`
fn expected_threshold(spec: &str) -> Threshold {
    let parts: Vec<&str> = spec.split(" | ").collect();
    assert_eq!(
        parts.len(),
        3,
        "want `OP V U | base BV BU | metric M`: {spec}"
    );
    let head: Vec<&str> = parts[0].split_whitespace().collect();
    let base: Vec<&str> = parts[1].split_whitespace().collect();
    assert!(
        head.len() == 3 && base.len() == 3 && base[0] == "base",
        "{spec}"
    );
    let metric = parts[2]
        .strip_prefix("metric ")
        .unwrap_or_else(|| panic!("{spec}"));
    let op = op(head[0]);
    let mut t = Threshold {
        metric: opt(metric.trim()),
        op,
        value: None,
        min: None,
        max: None,
        unit: opt(head[2]).map(Into::into),
        base_value: None,
        base_min: None,
        base_max: None,
        base_unit: opt(base[2]).map(Into::into),
    };
    if op == Op::Between {
        (t.min, t.max) = range(head[1]);
        (t.base_min, t.base_max) = range(base[1]);
    } else {
        t.value = dec(head[1]);
        t.base_value = dec(base[1]);
    }
    t
}

fn show(ts: &[Threshold]) -> String {
    ts.iter()
        .map(|t| serde_json::to_string(t).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n      ")
}

/// An expectation ending in ` ~ocr` is read through OCR misreadings, which the record
/// must report; any other case must not be reported as repaired.
fn ocr_mark(expected: &str) -> (&str, bool) {
    match expected.strip_suffix(" ~ocr") {
        Some(e) => (e, true),
        None => (expected, false),
    }
}

#[test]
fn value_threshold_cases() {
    let n = threshold_file("thresholds.txt");
    assert!(n >= 150, "only {n} threshold cases");
}

/// OCR's misreadings inside numbers: repaired where a human still reads the number,
/// kept where the letters may be meant (`H2O`, `5S`, `O2O`, book titles).
#[test]
fn value_ocr_threshold_cases() {
    let n = threshold_file("ocr_thresholds.txt");
    assert!(n >= 40, "only {n} OCR threshold cases");
}

#[test]
fn value_ocr_amount_cases() {
    let n = amount_file("ocr_amounts.txt");
    assert!(n >= 20, "only {n} OCR amount cases");
}

fn threshold_file(file: &str) -> usize {
    let cases = cases(file);
    let mut failures = Vec::new();
    for (line, input, expected) in &cases {
        let (expected, want_repaired) = ocr_mark(expected);
        let want: Vec<Threshold> = if expected == "none" {
            Vec::new()
        } else {
            expected.split(" || ").map(expected_threshold).collect()
        };
        let (got, repaired) = parse_thresholds_noted(input);
        if got != want || repaired != want_repaired {
            failures.push(format!(
                "{file}:{line}: {input}\n  want {}{}\n  got  {}{}",
                show(&want),
                if want_repaired { " ~ocr" } else { "" },
                show(&got),
                if repaired { " ~ocr" } else { "" },
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} threshold cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn value_amount_cases() {
    let n = amount_file("amounts.txt");
    assert!(n >= 50, "only {n} amount cases");
}

fn amount_file(file: &str) -> usize {
    let cases = cases(file);
    let mut failures = Vec::new();
    for (line, input, expected) in &cases {
        let (expected, want_repaired) = ocr_mark(expected);
        let (cell, unit) = match input.rsplit_once(" @") {
            Some((c, u)) => (c, Some(u)),
            None => (input.as_str(), None),
        };
        let noted = parse_amount_noted(cell, unit);
        let repaired = noted.as_ref().is_some_and(|(_, r)| *r);
        let got = noted.map(|(a, _)| a);
        let ok = repaired == want_repaired
            && if expected == "none" {
                got.is_none()
            } else {
                let f: Vec<&str> = expected.split_whitespace().collect();
                assert!(f.len() == 4 && f[2] == "yuan", "{file}:{line}: bad spec");
                got.as_ref().is_some_and(|a| {
                    Some(a.value) == dec(f[0])
                        && a.unit.as_deref() == opt(f[1]).as_deref()
                        && a.yuan == dec(f[3])
                        && a.raw == cell.trim()
                })
            };
        if !ok {
            failures.push(format!(
                "{file}:{line}: {input}\n  want {expected}{}\n  got  {got:?}{}",
                if want_repaired { " ~ocr" } else { "" },
                if repaired { " ~ocr" } else { "" },
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} amount cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn value_unit_from_header_cases() {
    use declx::value::unit_from_header as h;
    let cases = [
        ("预算金额（万元）", Some("万元")),
        ("金额(元)", Some("元")),
        ("拟投入的资金（万元）", Some("万元")),
        ("金额（单位：万元）", Some("万元")),
        ("单位：亿元", Some("亿元")),
        ("金额（ 万 元 ）", Some("万元")),
        ("预算金额（千元）", Some("千元")),
        // The unit after another word of the note.
        ("金额（小写，元）", Some("元")),
        ("金额（小写、单位：万元）", Some("万元")),
        ("金额（大写）", None),
        ("数量（项，个）", None),
        ("数量（项）", None),
        ("期望达到的目标（概述）", None),
        ("预算金额", None),
        ("", None),
    ];
    for (header, want) in cases {
        assert_eq!(h(header).as_deref(), want, "{header}");
    }
}
