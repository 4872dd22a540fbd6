//! The compact JSON writer for records: the bytes `serde_json::to_writer` writes for the
//! same record (field order, escaping, number forms), written straight into one buffer.
//!
//! serde's derive stays the definition of the contract (pretty output, the schema tests);
//! this writer exists because the batch writes every record compact and serde_json's
//! string escaping walks a byte at a time with a branch per byte (9 % of a text batch's
//! instructions on CJK text), and `#[serde(flatten)]` turns each located item into a map
//! serialised entry by entry. `tests/json_writer.rs` checks it writes what serde_json
//! writes, byte for byte, on every fixture and on generated declarations.

use rust_decimal::Decimal;

use super::{
    Budget, BudgetItem, Check, Declaration, ErrorInfo, Failure, Format, Indicator, Loc,
    OtherColumn, OtherField, Record, Source, Target, Task, Warning,
};
use crate::value::{Amount, Op, Threshold};

/// serde_json's escapes: `\"`, `\\`, the short forms for 08 09 0A 0C 0D, `\u00XX` (lower
/// case hex) for the other controls; nothing else (DEL and non-ASCII are written as is).
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 0x20 {
        t[x] = b'u';
        x += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes in `x` needs escaping: a control (below 0x20), `"` or
/// `\`. The classic "has a byte below n" / "has a zero byte" word tests: exact for the
/// word as a whole (a borrow can only mark bytes above one that really matched).
#[inline]
fn word_needs_escape(x: u64) -> bool {
    let control = x.wrapping_sub(ONES * 0x20) & !x;
    let q = x ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q;
    let s = x ^ (ONES * u64::from(b'\\'));
    let slash = s.wrapping_sub(ONES) & !s;
    (control | quote | slash) & HIGHS != 0
}

/// Whether any byte of `b` needs escaping (a control, `"` or `\\`): compares with no
/// branch, or-ed into one flag, so the loop vectorises.
#[inline]
fn needs_escape(b: &[u8]) -> bool {
    b.iter().fold(0u8, |acc, &x| {
        acc | (u8::from(x < 0x20) | u8::from(x == b'"') | u8::from(x == b'\\'))
    }) != 0
}

/// A JSON string, bytes that need it escaped as serde_json escapes them (a string that
/// has any is walked eight bytes at a time past its clean text).
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Nearly every record string has nothing to escape (CJK text, names, amounts): one
    // branch-free pass over the whole string, which the compiler turns into SIMD compares,
    // settles it, and the string is copied as is.
    if !needs_escape(b) {
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    while i < b.len() {
        if let Some(word) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            if !word_needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let x = b[i];
        let esc = ESCAPE[usize::from(x)];
        i += 1;
        if esc == 0 {
            continue;
        }
        out.extend_from_slice(&b[start..i - 1]);
        start = i;
        if esc == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(x >> 4)]);
            out.push(HEX[usize::from(x & 0xF)]);
        } else {
            out.push(b'\\');
            out.push(esc);
        }
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_int<I: itoa::Integer>(out: &mut Vec<u8>, i: I) {
    out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes());
}

/// As `ser_decimal`: whole numbers by the integer writer, the rest as the decimal's text.
fn write_decimal(out: &mut Vec<u8>, d: &Decimal) {
    let d = d.normalize();
    if let Some(i) = super::whole_i64(&d) {
        write_int(out, i);
        return;
    }
    // The decimal's text without `Display` (a formatter round per amount): a normalised
    // decimal with a fraction is its mantissa with the point `scale` digits from the right.
    let scale = d.scale();
    let m = d.mantissa();
    let Some(pow) = 10u128.checked_pow(scale) else {
        use std::io::Write;
        // Writing into a Vec cannot fail.
        let _ = write!(out, "{d}");
        return;
    };
    if m < 0 {
        out.push(b'-');
    }
    let u = m.unsigned_abs();
    write_int(out, u / pow);
    if scale == 0 {
        // A whole number beyond i64.
        return;
    }
    out.push(b'.');
    let mut digits = itoa::Buffer::new();
    let frac = digits.format(u % pow).as_bytes();
    for _ in frac.len()..scale as usize {
        out.push(b'0');
    }
    out.extend_from_slice(frac);
}

fn write_opt_decimal(out: &mut Vec<u8>, d: Option<&Decimal>) {
    match d {
        Some(d) => write_decimal(out, d),
        None => out.extend_from_slice(b"null"),
    }
}

/// A float as serde_json writes it (PDF boxes only: not worth a copy of its float
/// formatting, which has changed between serde_json versions).
fn write_f64(out: &mut Vec<u8>, f: f64) {
    if serde_json::to_writer(&mut *out, &f).is_err() {
        out.extend_from_slice(b"null");
    }
}

/// `key` for a literal key: the separator, quotes and colon are one constant, appended
/// with one copy (a record has hundreds of keys).
macro_rules! key {
    ($out:expr, true, $k:literal) => {
        $out.extend_from_slice(concat!("\"", $k, "\":").as_bytes())
    };
    ($out:expr, false, $k:literal) => {
        $out.extend_from_slice(concat!(",\"", $k, "\":").as_bytes())
    };
}

/// `,"key":` (or without the comma for a first field). Keys are our own ASCII names.
#[inline]
fn key(out: &mut Vec<u8>, first: bool, k: &str) {
    if !first {
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(k.as_bytes());
    out.extend_from_slice(b"\":");
}

/// The flattened location fields, after at least one other field.
fn write_loc_fields(out: &mut Vec<u8>, loc: &Loc) {
    match loc {
        Loc::Line { line } => {
            key!(out, false, "line");
            write_int(out, *line);
        }
        Loc::Page { page, bbox } => {
            key!(out, false, "page");
            write_int(out, *page);
            key!(out, false, "bbox");
            out.push(b'[');
            for (i, f) in bbox.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_f64(out, *f);
            }
            out.push(b']');
        }
    }
}

fn write_seq<T>(out: &mut Vec<u8>, items: &[T], each: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        each(out, item);
    }
    out.push(b']');
}

fn write_source(out: &mut Vec<u8>, s: &Source) {
    out.push(b'{');
    key!(out, true, "path");
    write_str(out, &s.path);
    key!(out, false, "format");
    out.extend_from_slice(match s.format {
        Format::Text => b"\"text\"",
        Format::Pdf => b"\"pdf\"",
    });
    key!(out, false, "encoding");
    write_opt_str(out, s.encoding.as_deref());
    key!(out, false, "sha256");
    write_str(out, &s.sha256);
    key!(out, false, "bytes");
    write_int(out, s.bytes);
    key!(out, false, "pages");
    match s.pages {
        Some(p) => write_int(out, p),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

fn write_amount(out: &mut Vec<u8>, a: Option<&Amount>) {
    let Some(a) = a else {
        out.extend_from_slice(b"null");
        return;
    };
    out.push(b'{');
    key!(out, true, "raw");
    write_str(out, &a.raw);
    key!(out, false, "value");
    write_decimal(out, &a.value);
    key!(out, false, "unit");
    write_opt_str(out, a.unit.as_deref());
    key!(out, false, "yuan");
    write_opt_decimal(out, a.yuan.as_ref());
    out.push(b'}');
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Ge => ">=",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::Lt => "<",
        Op::Eq => "=",
        Op::Between => "between",
    }
}

fn write_threshold(out: &mut Vec<u8>, t: &Threshold) {
    out.push(b'{');
    key!(out, true, "metric");
    write_opt_str(out, t.metric.as_deref());
    key!(out, false, "op");
    write_str(out, op_name(t.op));
    // Skipped when absent, as `skip_serializing_if` does.
    for (k, v) in [("value", &t.value), ("min", &t.min), ("max", &t.max)] {
        if let Some(v) = v {
            key(out, false, k);
            write_decimal(out, v);
        }
    }
    key!(out, false, "unit");
    write_opt_str(out, t.unit.as_deref());
    for (k, v) in [
        ("base_value", &t.base_value),
        ("base_min", &t.base_min),
        ("base_max", &t.base_max),
    ] {
        if let Some(v) = v {
            key(out, false, k);
            write_decimal(out, v);
        }
    }
    key!(out, false, "base_unit");
    write_opt_str(out, t.base_unit.as_deref());
    out.push(b'}');
}

fn write_target(out: &mut Vec<u8>, t: &Target) {
    out.push(b'{');
    key!(out, true, "text");
    write_opt_str(out, t.text.as_deref());
    key!(out, false, "thresholds");
    write_seq(out, &t.thresholds, write_threshold);
    out.push(b'}');
}

fn write_budget(out: &mut Vec<u8>, b: &Budget) {
    out.push(b'{');
    key!(out, true, "unit");
    write_opt_str(out, b.unit.as_deref());
    key!(out, false, "items");
    write_seq(out, &b.items, |out, i: &BudgetItem| {
        out.push(b'{');
        key!(out, true, "section");
        write_opt_str(out, i.section.as_deref());
        key!(out, false, "name");
        write_opt_str(out, i.name.as_deref());
        key!(out, false, "amount");
        write_amount(out, i.amount.as_ref());
        write_loc_fields(out, &i.loc);
        out.push(b'}');
    });
    out.push(b'}');
}

fn write_task(out: &mut Vec<u8>, t: &Task) {
    out.push(b'{');
    key!(out, true, "name");
    write_opt_str(out, t.name.as_deref());
    key!(out, false, "content");
    write_opt_str(out, t.content.as_deref());
    key!(out, false, "expected_outcome");
    write_opt_str(out, t.expected_outcome.as_deref());
    key!(out, false, "amount");
    write_amount(out, t.amount.as_ref());
    write_other_columns(out, &t.other_columns);
    write_loc_fields(out, &t.loc);
    out.push(b'}');
}

fn write_indicator(out: &mut Vec<u8>, i: &Indicator) {
    out.push(b'{');
    key!(out, true, "level1");
    write_opt_str(out, i.level1.as_deref());
    key!(out, false, "level2");
    write_opt_str(out, i.level2.as_deref());
    key!(out, false, "level3");
    write_opt_str(out, i.level3.as_deref());
    key!(out, false, "period_target");
    let period_at = out.len();
    write_target(out, &i.period_target);
    let period_end = out.len();
    key!(out, false, "annual_target");
    // An annual target that repeats the period target (a third of the generated
    // archive's indicators) is the same JSON: copied, not written again.
    let (a, p) = (&i.annual_target, &i.period_target);
    if a.text == p.text && a.thresholds == p.thresholds {
        out.extend_from_within(period_at..period_end);
    } else {
        write_target(out, a);
    }
    write_other_columns(out, &i.other_columns);
    write_loc_fields(out, &i.loc);
    out.push(b'}');
}

/// `other_columns`, written only where there are some (as serde skips it).
fn write_other_columns(out: &mut Vec<u8>, cols: &[OtherColumn]) {
    if cols.is_empty() {
        return;
    }
    key!(out, false, "other_columns");
    write_seq(out, cols, |out, c| {
        out.push(b'{');
        key!(out, true, "label");
        write_str(out, &c.label);
        key!(out, false, "value");
        write_str(out, &c.value);
        out.push(b'}');
    });
}

fn write_other_field(out: &mut Vec<u8>, f: &OtherField) {
    out.push(b'{');
    key!(out, true, "label");
    write_str(out, &f.label);
    key!(out, false, "value");
    write_opt_str(out, f.value.as_deref());
    write_loc_fields(out, &f.loc);
    out.push(b'}');
}

fn write_check(out: &mut Vec<u8>, c: &Check) {
    out.push(b'{');
    key!(out, true, "rule");
    write_str(out, &c.rule);
    key!(out, false, "ok");
    out.extend_from_slice(if c.ok { b"true" } else { b"false" });
    key!(out, false, "expected_yuan");
    write_opt_decimal(out, c.expected_yuan.as_ref());
    key!(out, false, "actual_yuan");
    write_opt_decimal(out, c.actual_yuan.as_ref());
    key!(out, false, "message");
    write_str(out, &c.message);
    out.push(b'}');
}

fn write_warning(out: &mut Vec<u8>, w: &Warning) {
    out.push(b'{');
    key!(out, true, "code");
    write_str(out, w.code);
    key!(out, false, "message");
    write_str(out, &w.message);
    if let Some(loc) = &w.loc {
        write_loc_fields(out, loc);
    }
    out.push(b'}');
}

fn write_declaration(out: &mut Vec<u8>, d: &Declaration) {
    out.push(b'{');
    key!(out, true, "schema");
    write_str(out, d.schema);
    key!(out, false, "source");
    write_source(out, &d.source);
    key!(out, false, "title");
    write_opt_str(out, d.title.as_deref());
    key!(out, false, "department");
    write_opt_str(out, d.department.as_deref());
    key!(out, false, "budget");
    match &d.budget {
        Some(b) => write_budget(out, b),
        None => out.extend_from_slice(b"null"),
    }
    key!(out, false, "overall_goal");
    write_opt_str(out, d.overall_goal.as_deref());
    key!(out, false, "tasks");
    write_seq(out, &d.tasks, write_task);
    key!(out, false, "other_tasks");
    write_opt_str(out, d.other_tasks.as_deref());
    key!(out, false, "indicators");
    write_seq(out, &d.indicators, write_indicator);
    key!(out, false, "other_fields");
    write_seq(out, &d.other_fields, write_other_field);
    key!(out, false, "checks");
    write_seq(out, &d.checks, write_check);
    key!(out, false, "warnings");
    write_seq(out, &d.warnings, write_warning);
    out.push(b'}');
}

fn write_error(out: &mut Vec<u8>, e: &ErrorInfo) {
    out.push(b'{');
    key!(out, true, "kind");
    write_str(out, e.kind.as_str());
    key!(out, false, "message");
    write_str(out, &e.message);
    out.push(b'}');
}

fn write_failure(out: &mut Vec<u8>, f: &Failure) {
    out.push(b'{');
    key!(out, true, "schema");
    write_str(out, f.schema);
    key!(out, false, "source");
    write_source(out, &f.source);
    key!(out, false, "error");
    write_error(out, &f.error);
    out.push(b'}');
}

/// Append the record's compact JSON to `out`.
pub(crate) fn write_record(out: &mut Vec<u8>, rec: &Record) {
    match rec {
        Record::Declaration(d) => write_declaration(out, d),
        Record::Failure(f) => write_failure(out, f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde_str(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).unwrap()
    }

    #[test]
    fn strings_escaped_as_serde_json_does() {
        let mut all = String::new();
        for c in (0u8..0x80).map(char::from) {
            all.push(c);
        }
        for s in [
            "",
            "a",
            "\"",
            "\\",
            "一二三四五六七八九十\n",
            "01234567\"",
            "0123456\"7",
            "\u{7f}\u{1f}\u{0}",
            "部门整体预算绩效目标申报表\t\r\n\u{8}\u{c}",
            &all,
        ] {
            let mut got = Vec::new();
            write_str(&mut got, s);
            assert_eq!(got, serde_str(s), "{s:?}");
        }
    }

    #[test]
    fn word_test_is_exact() {
        for x in 0..=255u8 {
            for pos in 0..8 {
                for fill in [b'a', 0xE4, 0x7F, 0xFF, 0x20, b'#', b']'] {
                    let mut w = [fill; 8];
                    w[pos] = x;
                    let want = w.iter().any(|&b| ESCAPE[usize::from(b)] != 0);
                    assert_eq!(word_needs_escape(u64::from_le_bytes(w)), want, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn whole_string_test_is_exact() {
        for x in 0..=255u8 {
            for len in [1, 7, 16, 33, 70] {
                for pos in 0..len {
                    let mut c = vec![0xE4u8; len];
                    c[pos] = x;
                    assert_eq!(
                        needs_escape(&c),
                        ESCAPE[usize::from(x)] != 0,
                        "{x} at {pos}"
                    );
                }
            }
        }
        assert!(!needs_escape(b""));
    }

    proptest! {
        #[test]
        fn any_string_as_serde_json(s in "(\\PC|[\u{0}-\u{1f}\"\\\\\u{7f}一-龥])*") {
            let mut got = Vec::new();
            write_str(&mut got, &s);
            prop_assert_eq!(got, serde_str(&s));
        }

        #[test]
        fn decimals_as_ser_decimal(m in any::<i64>(), scale in 0u32..12) {
            #[derive(serde::Serialize)]
            struct W(#[serde(serialize_with = "crate::record::ser_decimal")] Decimal);
            let d = Decimal::new(m, scale);
            let mut got = Vec::new();
            write_decimal(&mut got, &d);
            prop_assert_eq!(got, serde_json::to_vec(&W(d)).unwrap());
        }

        #[test]
        fn wide_decimals_as_ser_decimal(m in -(1i128 << 96) + 1..(1i128 << 96), scale in 0u32..=28) {
            #[derive(serde::Serialize)]
            struct W(#[serde(serialize_with = "crate::record::ser_decimal")] Decimal);
            let d = Decimal::from_i128_with_scale(m, scale);
            let mut got = Vec::new();
            write_decimal(&mut got, &d);
            prop_assert_eq!(got, serde_json::to_vec(&W(d)).unwrap());
        }

        #[test]
        fn floats_as_serde_json(f in any::<f64>()) {
            let mut got = Vec::new();
            write_f64(&mut got, f);
            prop_assert_eq!(got, serde_json::to_vec(&f).unwrap());
        }
    }
}
