//! Value normalisation: amounts and target thresholds, read through OCR noise.
//! Every part of declx that reads a number goes through this module.
//!
//! PROVISIONAL: the interface is fixed; the grammar is being written (issue 3).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::record::{ser_decimal, ser_opt_decimal};

/// An amount as written and as exact numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The cell as written (trimmed).
    pub raw: String,
    /// The number in `unit`.
    #[serde(serialize_with = "ser_decimal")]
    pub value: Decimal,
    /// The unit from the cell or, failing that, from the column header (`万元`, `元`, `亿元`).
    pub unit: Option<String>,
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
    pub unit: Option<String>,
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
    pub base_unit: Option<String>,
}

/// The unit a column header states: `预算金额（万元）` → `万元`, `金额(元)` → `元`.
pub fn unit_from_header(header: &str) -> Option<String> {
    let open = header.find(['（', '('])?;
    let rest = &header[open..];
    let inner: String = rest
        .chars()
        .skip(1)
        .take_while(|c| *c != '）' && *c != ')')
        .filter(|c| !c.is_whitespace())
        .collect();
    if inner.ends_with('元') {
        Some(inner)
    } else {
        None
    }
}

/// Read a cell that should hold one amount. `default_unit` is the column header's unit,
/// used when the cell states none. `None` when the cell is not one amount.
pub fn parse_amount(raw: &str, default_unit: Option<&str>) -> Option<Amount> {
    let raw = raw.trim();
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    let value: Decimal = digits.parse().ok()?;
    let unit = default_unit.map(str::to_string);
    let yuan = match unit.as_deref() {
        Some("元") => Some(value),
        Some("万元") => value.checked_mul(Decimal::from(10_000)),
        Some("亿元") => value.checked_mul(Decimal::from(100_000_000)),
        _ => None,
    };
    Some(Amount {
        raw: raw.to_string(),
        value,
        unit,
        yuan,
    })
}

/// Every comparison in a target text, in order.
pub fn parse_thresholds(_text: &str) -> Vec<Threshold> {
    Vec::new()
}
