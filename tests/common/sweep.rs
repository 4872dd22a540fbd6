//! Helpers of the PDF sweep and the producer matrix (`tests/pdf_sweep.rs`,
//! `tests/pdf_producers.rs`): both render texts to PDF and score the PDF's record
//! against the text's.

use std::path::{Path, PathBuf};

use declx::grid::Grid;
use serde_json::Value;

use super::{checked_json, pdf_comparable};

/// The rendering tools: `DECLX_TOOLS`, or `shared/tools` beside the checkout (beside the
/// main checkout when this is a git worktree elsewhere). A missing directory stops the run
/// with a message: every render failing would otherwise read as a 0/N score.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DECLX_TOOLS") {
        return PathBuf::from(dir);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tried = vec![manifest.join("../shared/tools")];
    // A worktree's common git dir is the main checkout's `.git`.
    if let Ok(out) = std::process::Command::new("git")
        .args(["rev-parse", "--path-format=absolute", "--git-common-dir"])
        .current_dir(manifest)
        .output()
    {
        let common = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if let Some(main) = common.parent() {
            tried.push(main.join("../shared/tools"));
        }
    }
    match tried.iter().find(|d| d.join("render_pdf.py").is_file()) {
        Some(d) => d.clone(),
        None => panic!("rendering tools not found (tried {tried:?}); set DECLX_TOOLS"),
    }
}

/// A grid as one tab-separated line per row, cells at their column where the layout
/// knows it, line breaks and tabs inside a cell as spaces.
pub fn grid_as_tabs(g: &Grid<'_>) -> String {
    let mut out = String::new();
    for row in &g.rows {
        let mut cells: Vec<String> = Vec::new();
        for (i, c) in row.cells.iter().enumerate() {
            let at = if g.layout.has_columns() {
                c.col.unwrap_or(i)
            } else {
                cells.len()
            };
            if cells.len() <= at {
                cells.resize(at + 1, String::new());
            }
            cells[at] = c.text.replace(['\n', '\t'], " ");
        }
        out += &cells.join("\t");
        out.push('\n');
    }
    out
}

/// The record of an input, as the comparison with a PDF's record sees it.
pub fn pdf_record(path: &str, bytes: &[u8]) -> Value {
    pdf_comparable(checked_json(&declx::extract_bytes(
        path,
        bytes,
        &declx::Options::default(),
    )))
}

/// How many of `want[key]`'s items `got[key]` holds, each matched once.
pub fn found(got: &Value, want: &Value, key: &str) -> (usize, usize) {
    let empty = Vec::new();
    let want = want[key].as_array().unwrap_or(&empty);
    let mut pool: Vec<&Value> = got[key].as_array().unwrap_or(&empty).iter().collect();
    let mut n = 0;
    for w in want {
        if let Some(i) = pool.iter().position(|g| *g == w) {
            pool.remove(i);
            n += 1;
        }
    }
    (n, want.len())
}

/// The grid the PDF reader made, one row a line, cells as `col:text` (empty when the
/// PDF cannot be read).
pub fn pdf_grid_rows(bytes: &[u8]) -> String {
    let Ok(g) = declx::pdf::read_pdf(bytes, &declx::pdf::PdfOptions::default()) else {
        return String::new();
    };
    let rows: Vec<String> = g
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r
                .non_empty()
                .map(|c| format!("{}:{}", c.col.map_or(-1, |k| k as i64), c.text))
                .collect();
            cells.join("\t")
        })
        .collect();
    rows.join("\n")
}

/// `synth-<seed>` declarations as tab text, for the seeds listed in the environment
/// variable `var` (`30,31,32`) or else `default`.
pub fn synth_texts(
    var: &str,
    default: &[u64],
    as_tab_text: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let seeds: Vec<u64> = match std::env::var(var) {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        Err(_) => default.to_vec(),
    };
    seeds
        .into_iter()
        .map(|seed| {
            let (text, _) = declx::synth::declaration(seed);
            (format!("synth-{seed}"), as_tab_text(&text))
        })
        .collect()
}
