//! The output contract (`declaration/1`) as Rust types. Serialising these is the only
//! way declx writes records, so the JSON Schema in `schema/` and these types move together.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind};
use crate::value::{Amount, Threshold};

mod json;

pub const SCHEMA_ID: &str = "declaration/1";

/// Write a decimal as a JSON number with exactly its digits (no f64 round trip).
pub(crate) fn ser_decimal<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let d = d.normalize();
    // Whole numbers (yuan amounts, most values) are written by the integer writer: the
    // same digits as the decimal's text, without formatting and re-parsing it.
    if let Some(i) = whole_i64(&d) {
        return s.serialize_i64(i);
    }
    let text = d.to_string();
    let raw = serde_json::value::RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
    raw.serialize(s)
}

/// A normalised decimal with no fraction that fits an `i64`.
fn whole_i64(d: &Decimal) -> Option<i64> {
    if d.scale() != 0 {
        return None;
    }
    i64::try_from(d.mantissa()).ok()
}

pub(crate) fn ser_opt_decimal<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_decimal(d, s),
        None => s.serialize_none(),
    }
}

/// Where an item came from: a text line, or a PDF page and box.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Loc {
    Line { line: usize },
    Page { page: u32, bbox: [f64; 4] },
}

impl Loc {
    pub fn line(&self) -> Option<usize> {
        match self {
            Loc::Line { line } => Some(*line),
            Loc::Page { .. } => None,
        }
    }
    pub fn page(&self) -> Option<u32> {
        match self {
            Loc::Page { page, .. } => Some(*page),
            Loc::Line { .. } => None,
        }
    }
    /// The smallest location covering both (same page boxes are united).
    pub fn union(&self, other: &Loc) -> Loc {
        match (self, other) {
            (Loc::Page { page: p1, bbox: a }, Loc::Page { page: p2, bbox: b }) if p1 == p2 => {
                Loc::Page {
                    page: *p1,
                    bbox: [
                        a[0].min(b[0]),
                        a[1].min(b[1]),
                        a[2].max(b[2]),
                        a[3].max(b[3]),
                    ],
                }
            }
            _ => self.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Pdf,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub path: String,
    pub format: Format,
    pub encoding: Option<String>,
    pub sha256: String,
    pub bytes: u64,
    pub pages: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    pub unit: Option<String>,
    pub items: Vec<BudgetItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetItem {
    /// Shared with the other items of its section (see [`Indicator::level1`]).
    pub section: Option<Arc<str>>,
    pub name: Option<String>,
    pub amount: Option<Amount>,
    /// The amount cell was left empty or holds only the form's placeholder for none
    /// (`—`, `-`, `/`, `无`): no amount, and nothing to add in a sum (not in the record).
    #[serde(skip)]
    pub nil: bool,
    /// The cell holds the placeholder itself (not left empty): the form states there is
    /// none, which counts as nothing in a sum even where no 合计 states the whole.
    #[serde(skip)]
    pub stated_none: bool,
    /// The side a budget block's label names (收入预算调整 → income) where the item's
    /// section is a column of a matrix (年初预算 | 调整数 | 调整后预算); not in the record.
    #[serde(skip)]
    pub side: Option<BudgetSide>,
    #[serde(flatten)]
    pub loc: Loc,
}

/// Income or expenditure, as a budget block's label names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetSide {
    Income,
    Expenditure,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub name: Option<String>,
    pub content: Option<String>,
    pub expected_outcome: Option<String>,
    pub amount: Option<Amount>,
    /// The amount cell holds only the form's placeholder for none (`—`, `-`, `/`,
    /// `无`): no amount, and nothing to add in the tasks' sum (not in the record).
    #[serde(skip)]
    pub nil: bool,
    /// The sum in yuan of the parts an amount column is split into with no total
    /// (财政拨款 | 其他资金), every part read: no amount of the task's own (no single
    /// cell holds it), but the task-sum checks add it (not in the record).
    #[serde(skip)]
    pub parts_yuan: Option<Decimal>,
    /// Cells of columns the template adds to the task table, by header (an additive
    /// field of contract 1: absent where the table has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_columns: Vec<OtherColumn>,
    #[serde(flatten)]
    pub loc: Loc,
}

/// One cell of a column a template adds to the task or indicator table (分值, 评分标准,
/// 指标解释, 预计完成时间, 备注), with the column's header.
#[derive(Debug, Clone, Serialize)]
pub struct OtherColumn {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub text: Option<String>,
    pub thresholds: Vec<Threshold>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Shared with the other rows of the same merged level-1/level-2 cell: one name
    /// read once, not a copy per row.
    pub level1: Option<Arc<str>>,
    pub level2: Option<Arc<str>>,
    pub level3: Option<String>,
    pub period_target: Target,
    pub annual_target: Target,
    /// See [`Task::other_columns`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_columns: Vec<OtherColumn>,
    #[serde(flatten)]
    pub loc: Loc,
}

#[derive(Debug, Clone, Serialize)]
pub struct OtherField {
    pub label: String,
    pub value: Option<String>,
    #[serde(flatten)]
    pub loc: Loc,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub rule: String,
    pub ok: bool,
    #[serde(serialize_with = "ser_opt_decimal")]
    pub expected_yuan: Option<Decimal>,
    #[serde(serialize_with = "ser_opt_decimal")]
    pub actual_yuan: Option<Decimal>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub loc: Option<Loc>,
}

impl Warning {
    pub fn new(code: &'static str, message: impl Into<String>, loc: Option<Loc>) -> Self {
        Warning {
            code,
            message: message.into(),
            loc,
        }
    }
}

/// A successfully read declaration.
#[derive(Debug, Clone, Serialize)]
pub struct Declaration {
    pub schema: &'static str,
    pub source: Source,
    pub title: Option<String>,
    pub department: Option<String>,
    pub budget: Option<Budget>,
    pub overall_goal: Option<String>,
    pub tasks: Vec<Task>,
    pub other_tasks: Option<String>,
    pub indicators: Vec<Indicator>,
    pub other_fields: Vec<OtherField>,
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
    /// The task table's total rows (name, amount read), kept in `other_fields` as
    /// written; here for the checks only.
    #[serde(skip)]
    pub task_totals: Vec<(String, Option<Amount>)>,
    /// The task table has no amount column: no task check.
    #[serde(skip)]
    pub tasks_without_amounts: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
}

/// An input that could not be read: still one record.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub schema: &'static str,
    pub source: Source,
    pub error: ErrorInfo,
}

/// One record per input, always.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Record {
    Declaration(Box<Declaration>),
    Failure(Box<Failure>),
}

impl Record {
    pub fn failure(source: Source, err: &Error) -> Record {
        let message = format!("{}: {}", source.path, err);
        Record::Failure(Box::new(Failure {
            schema: SCHEMA_ID,
            source,
            error: ErrorInfo {
                kind: err.kind(),
                message,
            },
        }))
    }

    pub fn source(&self) -> &Source {
        match self {
            Record::Declaration(d) => &d.source,
            Record::Failure(f) => &f.source,
        }
    }

    pub fn error(&self) -> Option<&ErrorInfo> {
        match self {
            Record::Declaration(_) => None,
            Record::Failure(f) => Some(&f.error),
        }
    }

    pub fn failed_checks(&self) -> usize {
        match self {
            Record::Declaration(d) => d.checks.iter().filter(|c| !c.ok).count(),
            Record::Failure(_) => 0,
        }
    }

    pub fn warning_count(&self) -> usize {
        match self {
            Record::Declaration(d) => d.warnings.len(),
            Record::Failure(_) => 0,
        }
    }

    /// One JSON line (no trailing newline).
    pub fn to_json_line(&self) -> String {
        let mut buf = Vec::new();
        json::write_record(&mut buf, self);
        // The writer copies valid UTF-8 and adds ASCII only; never panic on the output
        // path all the same.
        String::from_utf8(buf)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// One JSON line as serde_json writes it from the derived `Serialize` (the definition
    /// the compact writer follows byte for byte; tests compare the two).
    pub fn to_json_line_serde(&self) -> String {
        // Serialising our own types cannot fail (no maps with non-string keys, RawValue is
        // always built from a valid decimal), but never panic on the output path either.
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"schema":"{SCHEMA_ID}","error":{{"kind":"internal","message":"serialisation failed: {e}"}}}}"#)
        })
    }

    /// One JSON line as bytes (no trailing newline), for writers. The buffer is sized
    /// from the input up front: growing it from 128 bytes to a typical 20 KB record took
    /// a dozen reallocations and copies per input.
    pub fn to_json_bytes(&self) -> Vec<u8> {
        let hint = self.source().bytes.saturating_mul(3).saturating_add(4096);
        let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).min(1 << 18));
        json::write_record(&mut buf, self);
        buf
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| self.to_json_line_serde())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The integer route writes exactly what the decimal's text would have been.
    #[test]
    fn whole_decimals_written_as_their_text() {
        #[derive(Serialize)]
        struct W(#[serde(serialize_with = "ser_decimal")] Decimal);
        let mut cases = vec![
            Decimal::ZERO,
            Decimal::new(0, 3),
            -Decimal::new(0, 3),
            Decimal::new(-0, 0),
            Decimal::new(1_000, 2),
            Decimal::new(-123_400, 2),
            Decimal::new(5, 1),
            Decimal::new(-5, 3),
            Decimal::new(i64::MAX, 0),
            Decimal::new(i64::MIN, 0),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::from_i128_with_scale(10_i128.pow(20), 1),
        ];
        for m in [1_i64, 7, 479_272_400, 2_049_493_500, 999_999_999_999] {
            for scale in 0..6 {
                cases.push(Decimal::new(m, scale));
                cases.push(Decimal::new(-m, scale));
                cases.push(Decimal::new(m * 10_i64.pow(scale), scale));
            }
        }
        for d in cases {
            let json = serde_json::to_string(&W(d)).unwrap();
            assert_eq!(json, d.normalize().to_string(), "{d:?}");
        }
    }
}
