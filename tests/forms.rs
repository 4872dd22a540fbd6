//! Many small form cases in one readable spec file, pulldown-cmark style:
//! `tests/forms.spec`. Each case is `### title`, the input (a `→` stands for a tab),
//! `---`, then the expected summary lines (a line break inside a value shows as `⏎`). Only the kinds of line a case lists are
//! compared (a case about indicators lists only `indicator:` lines).

mod common;

use serde_json::Value;

/// A value as summary text; a line break inside a cell shows as `⏎`.
fn s(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::String(s) => s.replace('\n', "⏎"),
        other => other.to_string(),
    }
}

/// The record as summary lines: `kind: text`.
fn summary(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = v.get("error") {
        out.push(format!("error: {}", s(&e["kind"])));
        return out;
    }
    out.push(format!("title: {}", s(&v["title"])));
    out.push(format!("department: {}", s(&v["department"])));
    out.push(format!("budget_unit: {}", s(&v["budget"]["unit"])));
    out.push(format!("goal: {}", s(&v["overall_goal"])));
    out.push(format!("other_tasks: {}", s(&v["other_tasks"])));
    for it in v["budget"]["items"].as_array().into_iter().flatten() {
        out.push(format!(
            "budget: {} / {} = {}",
            s(&it["section"]),
            s(&it["name"]),
            s(&it["amount"]["yuan"])
        ));
    }
    for t in v["tasks"].as_array().into_iter().flatten() {
        out.push(format!(
            "task: {} | {} | {} | {}",
            s(&t["name"]),
            s(&t["content"]),
            s(&t["amount"]["yuan"]),
            s(&t["expected_outcome"])
        ));
    }
    for i in v["indicators"].as_array().into_iter().flatten() {
        out.push(format!(
            "indicator: {} / {} / {} | {} | {}",
            s(&i["level1"]),
            s(&i["level2"]),
            s(&i["level3"]),
            s(&i["period_target"]["text"]),
            s(&i["annual_target"]["text"])
        ));
    }
    // Added columns of task and indicator rows: `columns: <task name or level3> | label =
    // value; …`.
    let tasks = v["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| &t["name"]);
    let inds = v["indicators"].as_array().into_iter().flatten();
    let rows = v["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(tasks)
        .chain(inds.map(|i| (i, &i["level3"])));
    for (row, name) in rows {
        if let Some(cols) = row["other_columns"].as_array() {
            let cols: Vec<String> = cols
                .iter()
                .map(|c| format!("{} = {}", s(&c["label"]), s(&c["value"])))
                .collect();
            out.push(format!("columns: {} | {}", s(name), cols.join("; ")));
        }
    }
    for f in v["other_fields"].as_array().into_iter().flatten() {
        out.push(format!("other: {} = {}", s(&f["label"]), s(&f["value"])));
    }
    for c in v["checks"].as_array().into_iter().flatten() {
        out.push(format!(
            "check: {} {}",
            s(&c["rule"]),
            if c["ok"] == true { "ok" } else { "FAILED" }
        ));
    }
    for w in v["warnings"].as_array().into_iter().flatten() {
        out.push(format!("warning: {}", s(&w["code"])));
    }
    out
}

struct Case {
    title: String,
    line: usize,
    input: String,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let spec = include_str!("forms.spec");
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    let mut in_expect = false;
    for (n, line) in spec.lines().enumerate() {
        if let Some(title) = line.strip_prefix("### ") {
            cases.extend(cur.take());
            cur = Some(Case {
                title: title.trim().to_string(),
                line: n + 1,
                input: String::new(),
                expected: Vec::new(),
            });
            in_expect = false;
            continue;
        }
        let Some(c) = cur.as_mut() else { continue };
        if line == "---" && !in_expect {
            in_expect = true;
        } else if in_expect {
            if !line.trim().is_empty() {
                c.expected.push(line.trim_end().to_string());
            }
        } else {
            c.input.push_str(&line.replace('→', "\t"));
            c.input.push('\n');
        }
    }
    cases.extend(cur);
    cases
}

#[test]
fn form_spec_cases() {
    let cases = cases();
    assert!(cases.len() >= 20, "only {} cases parsed", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let v = common::extract_str("case.txt", c.input.trim_start_matches('\n'));
        // (Trimmed as the expected lines are: an empty value ends its line in `= `.)
        let got: Vec<String> = summary(&v)
            .into_iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        let kinds: Vec<&str> = c
            .expected
            .iter()
            .filter_map(|l| l.split_once(':').map(|(k, _)| k))
            .collect();
        let got: Vec<&String> = got
            .iter()
            .filter(|l| l.split_once(':').is_some_and(|(k, _)| kinds.contains(&k)))
            .collect();
        let want: Vec<&String> = c.expected.iter().collect();
        if got != want {
            failures.push(format!(
                "case {:?} (tests/forms.spec:{}):\n  want:\n    {}\n  got:\n    {}",
                c.title,
                c.line,
                want.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n    "),
                got.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
