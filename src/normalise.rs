//! Stage 5: form sections → normalised values (amounts, thresholds) → the record's fields.

use crate::record::{
    Budget, BudgetItem, Declaration, Indicator, OtherColumn, Source, Target, Task, Warning,
    SCHEMA_ID,
};
use crate::sections::Sections;
use crate::value::{parse_amount_noted, parse_thresholds_noted, Amount};

/// Read an amount cell; an empty, unreadable or unit-less one leaves a warning. `what`
/// names the cell for a warning, built only when there is one.
fn amount(
    raw: Option<&str>,
    unit: Option<&str>,
    what: impl Fn() -> String,
    loc: &crate::record::Loc,
    warnings: &mut Vec<Warning>,
) -> Option<Amount> {
    if let Some(raw) = raw.filter(|r| is_nil_placeholder(r)) {
        warnings.push(Warning::new(
            "missing_amount",
            format!(
                "{}: the amount cell holds only the placeholder {raw:?}",
                what()
            ),
            Some(loc.clone()),
        ));
        return None;
    }
    let Some(raw) = raw else {
        let what = what();
        warnings.push(Warning::new(
            "missing_amount",
            format!("{what}: the amount cell is empty"),
            Some(loc.clone()),
        ));
        return None;
    };
    let a = parse_amount_noted(raw, unit).map(|(a, repaired)| {
        if repaired {
            warnings.push(repaired_warning(
                format!("{}: amount {raw:?}", what()),
                &format!("{} {}", a.value, a.unit.as_deref().unwrap_or("")),
                loc,
            ));
        }
        a
    });
    match &a {
        None => warnings.push(Warning::new(
            "unreadable_amount",
            format!("{}: cannot read the amount {raw:?}; left null", what()),
            Some(loc.clone()),
        )),
        Some(a) if a.yuan.is_none() => warnings.push(Warning::new(
            "unknown_unit",
            format!(
                "{}: amount {raw:?} has no currency unit; yuan left null",
                what()
            ),
            Some(loc.clone()),
        )),
        _ => {}
    }
    a
}

/// A cell holding only the form's mark for "none" in place of an amount: a dash or slash
/// (`—`, `——`, `-`, `－`, `/`) or `无`.
pub(crate) fn is_nil_placeholder(raw: &str) -> bool {
    let t = crate::grid::trim(raw);
    t == "无"
        || (!t.is_empty()
            && t.chars()
                .all(|c| matches!(c, '—' | '-' | '－' | '–' | '―' | '/' | '／')))
}

fn other_columns(cols: Vec<(String, String)>) -> Vec<OtherColumn> {
    cols.into_iter()
        .map(|(label, value)| OtherColumn { label, value })
        .collect()
}

/// OCR's misreadings in a number were repaired to read a cell (`45O,385.73`, `≥l60个`):
/// the value is likely right, but a person should look at the cell.
fn repaired_warning(what: String, read_as: &str, loc: &crate::record::Loc) -> Warning {
    Warning::new(
        "ocr_repaired",
        format!(
            "{what} read through OCR misreadings (letters for digits, a misread point, \
             separator or comparison sign) as {}",
            read_as.trim_end()
        ),
        Some(loc.clone()),
    )
}

/// A target's thresholds, and whether OCR misreadings were repaired to read them.
fn target(text: Option<String>) -> (Target, bool) {
    let (thresholds, repaired) = text
        .as_deref()
        .map(parse_thresholds_noted)
        .unwrap_or_default();
    (Target { text, thresholds }, repaired)
}

/// How a repaired target was read, for its warning: `>= 160 个; >= 90 %`.
fn thresholds_read(t: &Target) -> String {
    let show = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    t.thresholds
        .iter()
        .map(|x| {
            let op = serde_json::to_value(x.op)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let v = match (x.value, x.min, x.max) {
                (Some(v), _, _) => show(Some(v)),
                (None, a, b) => format!("{}..{}", show(a), show(b)),
            };
            format!("{op} {v} {}", x.unit.as_deref().unwrap_or(""))
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn declaration(s: Sections, source: Source, mut warnings: Vec<Warning>) -> Declaration {
    warnings.extend(s.warnings);
    let budget = s.budget.map(|entries| Budget {
        unit: s.budget_unit.clone(),
        items: entries
            .into_iter()
            .map(|e| {
                let what = || {
                    format!(
                        "budget {} / {}",
                        e.section.as_deref().unwrap_or("?"),
                        e.name.as_deref().unwrap_or("?")
                    )
                };
                let stated_none = e.raw.as_deref().is_some_and(is_nil_placeholder);
                let nil = e.raw.is_none() || stated_none;
                let amount = amount(
                    e.raw.as_deref(),
                    e.unit.as_deref(),
                    what,
                    &e.loc,
                    &mut warnings,
                );
                BudgetItem {
                    amount,
                    nil,
                    stated_none,
                    side: e.side,
                    section: e.section,
                    name: e.name,
                    loc: e.loc,
                }
            })
            .collect(),
    });
    let budget = budget.map(|mut b| {
        // Headers without a unit, amounts that all state the same one (`16,583.94万元`):
        // that is the block's unit.
        if b.unit.is_none() {
            let mut units = b
                .items
                .iter()
                .filter_map(|i| i.amount.as_ref()?.unit.as_deref());
            if let Some(first) = units.next() {
                if units.all(|u| u == first) {
                    b.unit = Some(first.to_string());
                }
            }
        }
        b
    });
    let tasks_without_amounts = s.tasks_without_amounts;
    let tasks = s
        .tasks
        .unwrap_or_default()
        .into_iter()
        .map(|t| {
            let what = || format!("task {}", t.name.as_deref().unwrap_or("?"));
            // (A table without an amount column misses no amount.)
            let amount = if tasks_without_amounts {
                None
            } else {
                amount(
                    t.amount_raw.as_deref(),
                    t.unit.as_deref(),
                    what,
                    &t.loc,
                    &mut warnings,
                )
            };
            // Parts are summed only when every one reads in yuan (a placeholder for
            // none adds nothing); any other part leaves the sum unknown.
            let parts_yuan = (amount.is_none() && !t.amount_parts.is_empty())
                .then(|| {
                    t.amount_parts
                        .iter()
                        .try_fold(rust_decimal::Decimal::ZERO, |s, p| {
                            if is_nil_placeholder(p) {
                                return Some(s);
                            }
                            let (a, _) = parse_amount_noted(p, t.unit.as_deref())?;
                            s.checked_add(a.yuan?)
                        })
                })
                .flatten();
            Task {
                nil: t.amount_raw.as_deref().is_some_and(is_nil_placeholder),
                parts_yuan,
                name: t.name,
                content: t.content,
                expected_outcome: t.expected_outcome,
                amount,
                other_columns: other_columns(t.other_columns),
                loc: t.loc,
            }
        })
        .collect();
    let indicators = s
        .indicators
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let (period_target, period_repaired) = target(r.period);
            // Most templates repeat the period target as the annual one: the same text
            // reads the same, so its thresholds are copied instead of parsed again.
            let (annual_target, annual_repaired) = match r.annual {
                Some(a) if period_target.text.as_deref() == Some(a.as_str()) => (
                    Target {
                        thresholds: period_target.thresholds.clone(),
                        text: Some(a),
                    },
                    period_repaired,
                ),
                a => target(a),
            };
            for (repaired, which, t) in [
                (period_repaired, "period", &period_target),
                (annual_repaired, "annual", &annual_target),
            ] {
                if repaired {
                    let what = format!(
                        "indicator row {} ({}): {which} target {:?}",
                        i + 1,
                        r.level3.as_deref().unwrap_or("no level-3 name"),
                        t.text.as_deref().unwrap_or("")
                    );
                    warnings.push(repaired_warning(what, &thresholds_read(t), &r.loc));
                }
            }
            Indicator {
                level1: r.level1,
                level2: r.level2,
                level3: r.level3,
                period_target,
                annual_target,
                other_columns: other_columns(r.other_columns),
                loc: r.loc,
            }
        })
        .collect();
    let task_totals = s
        .task_totals
        .into_iter()
        .map(|t| {
            let what = || format!("task total {}", t.name);
            let a = amount(
                Some(&t.amount_raw),
                t.unit.as_deref(),
                what,
                &t.loc,
                &mut warnings,
            );
            (t.name, a)
        })
        .collect();
    Declaration {
        schema: SCHEMA_ID,
        source,
        title: s.title.map(|t| t.text),
        department: s.department.map(|t| t.text),
        budget,
        overall_goal: s.overall_goal.map(|t| t.text),
        tasks,
        other_tasks: s.other_tasks.map(|t| t.text),
        indicators,
        other_fields: s.other_fields,
        checks: Vec::new(),
        warnings,
        task_totals,
        tasks_without_amounts,
    }
}
