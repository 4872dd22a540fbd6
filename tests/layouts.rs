//! The same declaration in every text layout real archives hold gives the same record
//! (apart from `source` and locations).

mod common;

use common::*;
use serde_json::Value;

fn record(text: &str) -> Value {
    let v = extract_str("layout.txt", text);
    assert!(v.get("error").is_none(), "error record: {v}");
    v
}

fn assert_same(layout: &str, text: &str, columns_known: bool) {
    let base = without_locations(&record(SEED));
    let mut got = without_locations(&record(text));
    let mut want = base.clone();
    if !columns_known {
        // A framework name in the wrong column can only be seen where columns exist.
        got = without_column_warnings(&got);
        want = without_column_warnings(&want);
    }
    if got != want {
        let g = serde_json::to_string_pretty(&got).unwrap_or_default();
        let w = serde_json::to_string_pretty(&want).unwrap_or_default();
        let first_diff = g
            .lines()
            .zip(w.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {i}:\n  {layout}: {a}\n  tabs: {b}"))
            .unwrap_or_else(|| "lengths differ".into());
        panic!("{layout} layout gives another record; first difference at {first_diff}");
    }
}

#[test]
fn pipes() {
    assert_same("pipes", &to_pipes(SEED), true);
}

#[test]
fn markdown() {
    assert_same("markdown", &to_markdown(SEED), true);
}

#[test]
fn grid_table_with_wrapped_cells() {
    // Wide and narrow columns: the overall goal wraps over dozens of lines either way.
    assert_same("grid-table-16", &to_grid_table(SEED, 16), true);
    assert_same("grid-table-30", &to_grid_table(SEED, 30), true);
}

#[test]
fn cell_per_line() {
    assert_same("cell-per-line", &to_cell_per_line(SEED), false);
}

#[test]
fn cell_stream_without_rows() {
    assert_same("cell-stream", &to_cell_stream(SEED), false);
}

#[test]
fn spaced_rows() {
    assert_same("spaced", &to_spaced(SEED), false);
}

#[test]
fn crlf_and_cr_line_ends() {
    assert_same("crlf", &SEED.replace('\n', "\r\n"), true);
    assert_same("cr", &SEED.replace('\n', "\r"), true);
}

#[test]
fn seed_keeps_its_column_shift_warning() {
    let v = record(SEED);
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .map(|a| a.iter().filter_map(|w| w["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"column_shift"), "{codes:?}");
    assert!(codes.contains(&"merged_label_moved"), "{codes:?}");
}

/// The seed saved from a spreadsheet as CSV: every row padded to the sheet's width,
/// cells with commas, quotes or line breaks quoted (the csv crate's writer, as Excel does).
fn to_csv(text: &str, pad: bool, terminator: csv::Terminator) -> String {
    let grid = declx::grid::from_text(text);
    let width = grid.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(terminator)
        .from_writer(Vec::new());
    for row in &grid.rows {
        let mut cells: Vec<&str> = row.cells.iter().map(|c| &*c.text).collect();
        if pad {
            cells.resize(width, "");
        }
        w.write_record(&cells).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn csv_from_a_spreadsheet_or_a_script() {
    let excel = to_csv(SEED, true, csv::Terminator::CRLF);
    assert!(
        excel.contains("\"83, 179. 29\""),
        "amounts with commas are quoted"
    );
    assert_same("csv", &excel, true);
    // A script's export drops trailing empty cells.
    assert_same(
        "ragged csv",
        &to_csv(SEED, false, csv::Terminator::Any(b'\n')),
        true,
    );
}
