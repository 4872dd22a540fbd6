//! Stage 5: form sections → normalised values (amounts, thresholds) → the record's fields.

use crate::record::{
    Budget, BudgetItem, Declaration, Indicator, OtherColumn, Source, Target, Task, Warning,
    SCHEMA_ID,
};
use crate::sections::Sections;
use crate::value::{parse_amount, parse_thresholds, Amount};

/// Read an amount cell; an empty, unreadable or unit-less one leaves a warning. `what`
/// names the cell for a warning, built only when there is one.
fn amount(
    raw: Option<&str>,
    unit: Option<&str>,
    what: impl Fn() -> String,
    loc: &crate::record::Loc,
    warnings: &mut Vec<Warning>,
) -> Option<Amount> {
    let Some(raw) = raw else {
        let what = what();
        warnings.push(Warning::new(
            "missing_amount",
            format!("{what}: the amount cell is empty"),
            Some(loc.clone()),
        ));
        return None;
    };
    let a = parse_amount(raw, unit);
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

fn other_columns(cols: Vec<(String, String)>) -> Vec<OtherColumn> {
    cols.into_iter()
        .map(|(label, value)| OtherColumn { label, value })
        .collect()
}

fn target(text: Option<String>) -> Target {
    let thresholds = text.as_deref().map(parse_thresholds).unwrap_or_default();
    Target { text, thresholds }
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
                let amount = amount(
                    e.raw.as_deref(),
                    e.unit.as_deref(),
                    what,
                    &e.loc,
                    &mut warnings,
                );
                BudgetItem {
                    amount,
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
    let tasks = s
        .tasks
        .unwrap_or_default()
        .into_iter()
        .map(|t| {
            let what = || format!("task {}", t.name.as_deref().unwrap_or("?"));
            let amount = amount(
                t.amount_raw.as_deref(),
                t.unit.as_deref(),
                what,
                &t.loc,
                &mut warnings,
            );
            Task {
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
        .map(|r| {
            let period_target = target(r.period);
            // Most templates repeat the period target as the annual one: the same text
            // reads the same, so its thresholds are copied instead of parsed again.
            let annual_target = match r.annual {
                Some(a) if period_target.text.as_deref() == Some(a.as_str()) => Target {
                    thresholds: period_target.thresholds.clone(),
                    text: Some(a),
                },
                a => target(a),
            };
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
    }
}
