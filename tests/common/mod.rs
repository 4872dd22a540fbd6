//! Shared test helpers: every record a test produces is validated against the shipped
//! JSON Schema.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use declx::{Options, Record};
use serde_json::Value;

pub mod sweep;

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(declx::schema::DECLARATION_SCHEMA).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema compiles")
    })
}

/// The record as JSON, after checking it against `schema/declaration.schema.json`.
pub fn checked_json(record: &Record) -> Value {
    let line = record.to_json_line();
    let value: Value = serde_json::from_str(&line).expect("record is valid JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "record does not match the schema:\n{}\n{}",
        errors.join("\n"),
        line
    );
    value
}

pub fn extract_str(path: &str, text: &str) -> Value {
    checked_json(&declx::extract_bytes(
        path,
        text.as_bytes(),
        &Options::default(),
    ))
}

pub fn extract_bytes(path: &str, bytes: &[u8]) -> Value {
    checked_json(&declx::extract_bytes(path, bytes, &Options::default()))
}

pub const SEED: &str = include_str!("../../fixtures/guangzhou-science-tech-2023.txt");

/// Remove what legitimately differs between renditions of one declaration: the source
/// block and every `line`/`page`/`bbox` location.
pub fn without_locations(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "source" | "line" | "page" | "bbox"))
                .map(|(k, v)| (k.clone(), without_locations(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_locations).collect()),
        other => other.clone(),
    }
}

/// What a PDF rendition must keep of its text's record: no `source`, no locations, no
/// warnings, and strings without white space (a space at a PDF line end is not drawn).
pub fn pdf_comparable(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "source" | "line" | "page" | "bbox" | "warnings")
                })
                .map(|(k, v)| (k, pdf_comparable(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(pdf_comparable).collect()),
        Value::String(s) => Value::String(s.chars().filter(|c| !c.is_whitespace()).collect()),
        other => other,
    }
}

/// The rows of a tab-separated form: `None` for a blank line (a page break).
fn tab_rows(text: &str) -> Vec<Option<Vec<String>>> {
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                None
            } else {
                Some(l.split('\t').map(|c| c.trim().to_string()).collect())
            }
        })
        .collect()
}

/// Re-lay a tab-separated form as `| a | b |` rows.
pub fn to_pipes(text: &str) -> String {
    let mut out = String::new();
    for row in tab_rows(text) {
        match row {
            Some(cells) if cells.len() > 1 => {
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            Some(cells) => out.push_str(&format!("{}\n", cells.join(""))),
            None => out.push('\n'),
        }
    }
    out
}

/// Re-lay as markdown tables: a `|---|` rule under the first row of every table.
pub fn to_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut in_table = false;
    for row in tab_rows(text) {
        match row {
            Some(cells) if cells.len() > 1 => {
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
                if !in_table {
                    out.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
                    in_table = true;
                }
            }
            Some(cells) => {
                out.push_str(&format!("{}\n", cells.join("")));
                in_table = false;
            }
            None => {
                out.push('\n');
                in_table = false;
            }
        }
    }
    out
}

/// One cell per line, a blank line between rows, empty cells simply missing.
pub fn to_cell_per_line(text: &str) -> String {
    let mut out = String::new();
    for cells in tab_rows(text).into_iter().flatten() {
        let cells: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        if cells.is_empty() {
            continue;
        }
        for c in cells {
            out.push_str(c);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// One cell per line with a blank line between every cell: no row structure at all.
pub fn to_cell_stream(text: &str) -> String {
    let mut out = String::new();
    for cells in tab_rows(text).into_iter().flatten() {
        for c in cells.iter().filter(|c| !c.is_empty()) {
            out.push_str(c);
            out.push_str("\n\n");
        }
    }
    out
}

/// Display width: CJK and full-width characters take two columns.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// A cell wrapped to `width` columns as pandoc and tabulate wrap: CJK anywhere, never
/// at a space (the space would be lost at the line end), so `3. 高` keeps its space.
fn wrap_cell(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let mut next = cur.clone();
        next.push(c);
        if display_width(&next) > width && !cur.is_empty() {
            // Carry the word or number that runs into the break, and a space before it.
            let mut carry = String::new();
            while cur.ends_with(|p: char| p == ' ' || p.is_ascii_graphic()) {
                if let Some(p) = cur.pop() {
                    carry.insert(0, p);
                }
            }
            if cur.is_empty() {
                cur = carry;
                carry = String::new();
            }
            lines.push(cur);
            cur = carry;
        }
        cur.push(c);
    }
    lines.push(cur);
    lines
}

/// Re-lay a tab-separated form as a grid table (pandoc, tabulate, RST): every row closed
/// by a `+---+` rule, cells wrapped to a fixed width over several lines. Lone cells
/// (titles, notes) stay lines outside the table.
pub fn to_grid_table(text: &str, width: usize) -> String {
    let rows = tab_rows(text);
    let n = rows.iter().flatten().map(Vec::len).max().unwrap_or(1);
    let rule = format!("+{}\n", format!("{}+", "-".repeat(width + 2)).repeat(n));
    let mut out = String::new();
    let mut in_table = false;
    for row in rows {
        match row {
            Some(cells) if cells.len() > 1 => {
                if !in_table {
                    out.push_str(&rule);
                    in_table = true;
                }
                let wrapped: Vec<Vec<String>> = (0..n)
                    .map(|i| wrap_cell(cells.get(i).map_or("", |c| c.trim()), width))
                    .collect();
                let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
                for k in 0..height {
                    out.push('|');
                    for w in &wrapped {
                        let piece = w.get(k).map_or("", String::as_str);
                        out.push(' ');
                        out.push_str(piece);
                        out.push_str(&" ".repeat(width.saturating_sub(display_width(piece)) + 1));
                        out.push('|');
                    }
                    out.push('\n');
                }
                out.push_str(&rule);
            }
            Some(cells) => {
                in_table = false;
                out.push_str(&format!("{}\n", cells.join("")));
            }
            None => {
                in_table = false;
                out.push('\n');
            }
        }
    }
    out
}

/// Cells split by runs of spaces (empty cells widen the gap), as OCR engines write rows.
pub fn to_spaced(text: &str) -> String {
    let mut out = String::new();
    for row in tab_rows(text) {
        match row {
            Some(cells) => {
                let mut line = String::new();
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        line.push_str("    ");
                    }
                    line.push_str(c);
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
            None => out.push('\n'),
        }
    }
    out
}

/// Drop warnings that only a layout with real columns can raise.
pub fn without_column_warnings(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(ws) = v.get_mut("warnings").and_then(Value::as_array_mut) {
        ws.retain(|w| w.get("code").and_then(Value::as_str) != Some("column_shift"));
    }
    v
}

/// The built `declx` binary, without the test hook variable a parent test may have set.
pub fn declx() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_declx"));
    c.env_remove("DECLX_TEST_HOOK");
    c
}

/// Run `cmd` with `input` on its stdin; its stdout and stderr are captured.
pub fn output_with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}
