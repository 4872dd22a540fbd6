//! Value normalisation: amounts and target thresholds, read through OCR noise.
//! Every part of declx that reads a number goes through this module.
//!
//! Layers, each its own file: `norm` folds full-width and spacing chars (keeping a map
//! back to the text as written); `number` is the nom grammar for Arabic digits through
//! OCR noise and for Chinese and financial numerals; `unit` splits magnitude prefixes
//! from base units; `quantity` joins them; `threshold` scans target texts for
//! comparisons; `amount` reads amount cells; [`cli`] is `declx value`.
//!
//! Representation choices (see also `output.md`):
//! - `±3%` is `between` -3 and 3 (unit `%`), with any metric before it.
//! - A bare magnitude (`350亿`) has `unit` `亿`, `base_value` 35000000000, `base_unit` null.
//! - Percent signs and the word `百分比` become unit `%`; `百分之五` is 5 `%`.
//! - Chinese numerals keep their place units in the number: `一百二十万元` is
//!   1200000 `元` (the 万 is part of the numeral), while `120万元` is 120 `万元`; both
//!   give the same `base_value`/`yuan`. `九成` is 9 `成`, base 90 `%`.
//! - Years and dates (`2023年`, `2025年12月`, `1-6月`), list numbers, ordinals (`第3批`),
//!   classes (`三级以上`) and codes (`GB/T 1234-2008`, `020-12345678`, `5G`) are never
//!   thresholds, except that a class or unitless Chinese numeral with a comparison
//!   symbol (`≥3级`) is.
//! - A cell that is one clause ending in a value with no comparison (`100%`,
//!   `资金到位率100%`) is one `=` threshold; anywhere else such a number is not.
//! - Weak words (`达到`, `为`, `控制在`) yield to a suffix (`达到90%以上` is one `>=`);
//!   symbols and strong words win over suffixes.
//! - Digit runs split by one OCR space join when one side is a lone digit (`1 0` → 10) or
//!   the groups are thousands (`1 068 910`); otherwise they are two numbers (`10 20`).

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::record::{ser_decimal, ser_opt_decimal};

mod amount;
pub mod cli;
pub(crate) mod norm;
mod number;
mod ocr;
mod quantity;
mod threshold;
mod unit;

/// An amount as written and as exact numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The cell as written (trimmed).
    pub raw: String,
    /// The number in `unit`.
    #[serde(serialize_with = "ser_decimal")]
    pub value: Decimal,
    /// The unit from the cell or, failing that, from the column header (`万元`, `元`, `亿元`).
    /// Borrowed from the unit tables when it is a known unit (nearly always): one fewer
    /// allocation per amount.
    pub unit: Option<Cow<'static, str>>,
    /// The amount in yuan, exact; `None` when the unit is not a currency unit or unknown.
    #[serde(serialize_with = "ser_opt_decimal")]
    pub yuan: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "between")]
    Between,
}

/// One comparison in a target text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub metric: Option<String>,
    pub op: Op,
    /// Set unless `op` is `between`.
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Decimal>,
    /// Set when `op` is `between`.
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub min: Option<Decimal>,
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub max: Option<Decimal>,
    /// Borrowed from the unit tables when it is a known unit (nearly always).
    pub unit: Option<Cow<'static, str>>,
    /// `value` with the unit's magnitude prefix applied (`2600亿元` → 260000000000).
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub base_value: Option<Decimal>,
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub base_min: Option<Decimal>,
    #[serde(
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub base_max: Option<Decimal>,
    /// The unit without its magnitude prefix (`亿元` → `元`); `None` for a bare `亿`/`万`.
    pub base_unit: Option<Cow<'static, str>>,
}

/// The unit a column header states: `预算金额（万元）` → `万元`, `金额(元)` → `元`,
/// `金额（单位：万元）` → `万元`. Only currency units count (the header of an amount column).
pub fn unit_from_header(header: &str) -> Option<String> {
    let folded = norm::fold(header);
    let s: &str = &folded;
    // `（万元）`, or a bare `单位：万元` label.
    let inner = match s.rfind('(') {
        Some(open) => s[open + 1..].split(')').next()?,
        None => s.split_once("单位")?.1,
    };
    let inner: String = inner.chars().filter(|c| *c != ' ').collect();
    // A note may list the unit after another word (`（小写，元）`, `（大写、单位：万元）`).
    inner.rsplit([',', '、', ';']).find_map(|part| {
        let part = part.strip_prefix("单位").unwrap_or(part);
        let u = unit::parse_unit(part.trim_start_matches(':'))?;
        u.is_yuan().then(|| u.text.into_owned())
    })
}

/// Read a cell that should hold one amount. `default_unit` is the column header's unit,
/// used when the cell states none (a unit in the cell overrides it). `None` when the cell
/// is not exactly one amount (text, two numbers, `—`, `无`).
pub fn parse_amount(raw: &str, default_unit: Option<&str>) -> Option<Amount> {
    amount::parse(raw, default_unit).map(|(a, _)| a)
}

/// [`parse_amount`], and whether the cell was read through OCR misreadings (letters for
/// digits, `。` or `·` for the point, `、` or `.` between thousands): the record says so.
pub fn parse_amount_noted(raw: &str, default_unit: Option<&str>) -> Option<(Amount, bool)> {
    amount::parse(raw, default_unit)
}

/// A full-width digit (`０`–`９`): OCR and Chinese word processors write amounts in them.
pub(crate) fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// An ASCII or full-width digit (amounts come in both).
pub(crate) fn is_digit_any(c: char) -> bool {
    c.is_ascii_digit() || is_fullwidth_digit(c)
}

/// Whether `parse_amount(raw, None)` reads `raw`, without building the amount.
pub(crate) fn is_amount(raw: &str) -> bool {
    amount::is_amount(raw)
}

/// Every comparison in a target text, in order.
pub fn parse_thresholds(text: &str) -> Vec<Threshold> {
    parse_thresholds_noted(text).0
}

/// [`parse_thresholds`], and whether OCR misreadings in its numbers were repaired to read
/// them (`≥l60个`, `》90%`, `≥3。2万亩`, `≥8O%`): the record says so. A repair that
/// changes no threshold is not reported.
pub fn parse_thresholds_noted(text: &str) -> (Vec<Threshold>, bool) {
    // One walk settles both repair questions for a clean text (nearly all of them).
    let screen = ocr::screen(text);
    let fixed = if screen.may_repair {
        ocr::repair_target(text)
    } else {
        None
    };
    match fixed {
        Some(fixed) => {
            // Metrics are cut from the text as written: one that spans a repaired char
            // (`肆0o<壹`: metric `肆0o`) is taken back from the original text.
            let ts: Vec<Threshold> = threshold::parse(&fixed)
                .into_iter()
                .map(|mut t| {
                    if let Some(m) = t.metric.take() {
                        t.metric = if text.contains(m.as_str()) {
                            Some(m)
                        } else {
                            ocr::as_written(text, &fixed, &m)
                        };
                    }
                    t
                })
                .collect();
            let repaired =
                !ts.is_empty() && (norm::has_ocr_zeros(text) || ts != threshold::parse(text));
            (ts, repaired)
        }
        None => {
            let ts = threshold::parse(text);
            let repaired = !ts.is_empty() && screen.has_o && norm::has_ocr_zeros(text);
            (ts, repaired)
        }
    }
}

/// The unit of a cell or header split into magnitude and base: `万人次` → (10000, `人次`);
/// `None` if the text is not one unit. A bare `亿` has base `None`.
pub fn split_unit(unit: &str) -> Option<(Decimal, Option<String>)> {
    unit::parse_unit(unit).map(|u| (u.mag, u.base.map(std::borrow::Cow::into_owned)))
}

/// Whether `text` starts with a unit (`亿`, `万人次`, `项`, `%`): what follows a number
/// in a target.
pub(crate) fn starts_with_unit(text: &str) -> bool {
    unit::unit_at(text).is_some()
}

/// Whether `text` opens with a whole unit word: one no letter, digit or ideograph goes on
/// from (`项。`, `万人次`; not `项目完成率`, whose 项 is no unit).
pub(crate) fn starts_with_whole_unit(text: &str) -> bool {
    unit::unit_at(text).is_some_and(|(_, n)| {
        text.get(n..)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Whether a whole text is a unit (`项`, `万元`, `%`, `人次`), as a word-spaced line sets
/// one apart from its number.
pub(crate) fn is_unit(text: &str) -> bool {
    unit::parse_unit(text).is_some()
}
