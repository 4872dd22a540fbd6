//! Layout text (`pdftotext -layout`, column-keeping OCR) gives the record of the
//! tab-separated text of the same form. Inputs live in `fixtures/layout/` (outside the
//! golden loop): `pdftotext -layout` of the three seed PDFs.
//!
//! Where the reader stands: every bordered (lattice) rendition, and the seed's and seed
//! 3's landscape ones, give the tab text's whole record (`landscape_full_record`,
//! `lattice_full_record` for the seed); the borderless ones and seed 7's landscape one
//! do not yet give all their indicator rows (see `full_record_equivalence`, ignored).
//! Two other forms (`declx::synth` seeds 3 and 7, rendered the same way) keep the reader
//! from being tuned to the seed: `fields_floor` holds what each case matches,
//! `field_report` prints the counts. Two held-out forms (seeds 11 and 19), never tuned
//! on, show how far that carries: seed 11's bordered and borderless renditions now give
//! their whole record, seed 19's not every indicator row yet.

mod common;

use common::*;
use declx::pdf::layout_text::looks_like_layout_text;
use serde_json::Value;

const LATTICE: &str = include_str!("../fixtures/layout/seed-lattice.layout.txt");
const LANDSCAPE: &str = include_str!("../fixtures/layout/seed-landscape.layout.txt");
const STREAM: &str = include_str!("../fixtures/layout/seed-stream.layout.txt");

/// Strings with white space removed (pdftotext inserts spaces at wraps and
/// justification), locations and column_shift warnings dropped.
fn comparable(v: &Value) -> Value {
    fn squash(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), squash(v))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(squash).collect()),
            Value::String(s) => Value::String(s.chars().filter(|c| !c.is_whitespace()).collect()),
            other => other.clone(),
        }
    }
    squash(&without_column_warnings(&without_locations(v)))
}

fn record(text: &str) -> Value {
    comparable(&extract_str("form.layout.txt", text))
}

fn first_difference(got: &Value, want: &Value) -> String {
    let g = serde_json::to_string_pretty(got).unwrap_or_default();
    let w = serde_json::to_string_pretty(want).unwrap_or_default();
    g.lines()
        .zip(w.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| format!("line {i}:\n  layout: {a}\n  tabs:   {b}"))
        .unwrap_or_else(|| "lengths differ".into())
}

fn assert_fields(name: &str, text: &str, fields: &[&str]) {
    let got = record(text);
    assert!(got.get("error").is_none(), "{name}: error record {got}");
    let want = record(SEED);
    for f in fields {
        assert!(
            got[f] == want[f],
            "{name}: field {f} differs; {}",
            first_difference(&got[f], &want[f])
        );
    }
}

#[test]
fn detected_on_pdftotext_layout() {
    for (name, t) in [
        ("lattice", LATTICE),
        ("landscape", LANDSCAPE),
        ("stream", STREAM),
    ] {
        assert!(looks_like_layout_text(t), "{name}");
    }
}

#[test]
fn not_detected_on_other_text_layouts() {
    let layouts = [
        ("tabs", SEED.to_string()),
        ("pipes", to_pipes(SEED)),
        ("markdown", to_markdown(SEED)),
        ("cell-per-line", to_cell_per_line(SEED)),
        ("cell-stream", to_cell_stream(SEED)),
        ("spaced", to_spaced(SEED)),
        ("crlf", SEED.replace('\n', "\r\n")),
    ];
    for (name, t) in &layouts {
        assert!(!looks_like_layout_text(t), "{name}");
    }
}

#[test]
fn not_detected_on_heldout_inputs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldout");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("no {}", dir.display());
    };
    let mut seen = 0;
    for e in entries.flatten() {
        let p = e.path();
        let name = p.to_string_lossy().into_owned();
        if name.ends_with(".json") || name.ends_with("README.md") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        seen += 1;
        assert!(!looks_like_layout_text(&text), "{name}");
    }
    // The two space-aligned cases (hangzhou, changsha) are among them.
    assert!(seen >= 6, "{seen}");
}

#[test]
fn lattice_budget_goal_department_title() {
    assert_fields(
        "lattice",
        LATTICE,
        &[
            "title",
            "department",
            "budget",
            "overall_goal",
            "other_tasks",
            "other_fields",
        ],
    );
}

#[test]
fn landscape_budget_goal_department_title() {
    assert_fields(
        "landscape",
        LANDSCAPE,
        &[
            "title",
            "department",
            "budget",
            "overall_goal",
            "tasks",
            "checks",
            "warnings",
            "other_tasks",
            "other_fields",
        ],
    );
}

#[test]
fn stream_title_department() {
    assert_fields("stream", STREAM, &["title", "department", "other_tasks"]);
}

const ALL_FIELDS: [&str; 10] = [
    "title",
    "department",
    "budget",
    "overall_goal",
    "tasks",
    "other_tasks",
    "indicators",
    "other_fields",
    "checks",
    "warnings",
];

/// The landscape rendition gives the tab text's whole record: tasks above indicators
/// on one page, target columns set one space apart, letter-spaced justified lines, a
/// row cut by a page break with its label columns empty on the next page.
#[test]
fn landscape_full_record() {
    assert_fields("landscape", LANDSCAPE, &ALL_FIELDS);
    let got = record(LANDSCAPE);
    let want = record(SEED);
    assert_eq!(got["indicators"], want["indicators"]);
}

/// The bordered rendition gives the tab text's whole record too: task contents
/// letter-spaced into the amount's column, target cells letter-spaced straight across
/// both target columns, cells set one space after their neighbour on every line, a last
/// column no line shows apart, continuations on pages of their own.
#[test]
fn lattice_full_record() {
    assert_fields("lattice", LATTICE, &ALL_FIELDS);
    let got = record(LATTICE);
    let want = record(SEED);
    assert_eq!(got["indicators"], want["indicators"]);
    assert_eq!(got["tasks"], want["tasks"]);
}

/// The target: the whole record equals the tab text's for every rendition. Not reached
/// yet for the stream rendition (rows with no blank line between them, labels lifted
/// to the wrong rows).
#[test]
#[ignore]
fn full_record_equivalence() {
    assert_fields("stream", STREAM, &ALL_FIELDS);
}

/// Print the grid of `DECLX_LAYOUT_DUMP` (a debugging aid, not a check).
#[test]
#[ignore]
fn dump_grid() {
    let Ok(path) = std::env::var("DECLX_LAYOUT_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let Some(g) = declx::pdf::layout_text::grid_from_layout_text(&text) else {
        println!("not layout text");
        return;
    };
    for r in &g.rows {
        let cells: Vec<&str> = r.cells.iter().map(|c| &*c.text).collect();
        println!("{:?} {:?}", r.loc.line(), cells);
    }
}

/// Layout texts of other forms: `pdftotext -layout` of the LibreOffice renditions
/// (`make_pdfs.sh`) of two declarations from `declx::synth` (seeds 3 and 7; one task, a
/// single target column, spaced amounts), kept with the tab text they were made from.
const OTHER: [(&str, &str, &str); 6] = [
    (
        "synth-3 lattice",
        include_str!("../fixtures/layout/synth-3.txt"),
        include_str!("../fixtures/layout/synth-3-lattice.layout.txt"),
    ),
    (
        "synth-3 landscape",
        include_str!("../fixtures/layout/synth-3.txt"),
        include_str!("../fixtures/layout/synth-3-landscape.layout.txt"),
    ),
    (
        "synth-3 stream",
        include_str!("../fixtures/layout/synth-3.txt"),
        include_str!("../fixtures/layout/synth-3-stream.layout.txt"),
    ),
    (
        "synth-7 lattice",
        include_str!("../fixtures/layout/synth-7.txt"),
        include_str!("../fixtures/layout/synth-7-lattice.layout.txt"),
    ),
    (
        "synth-7 landscape",
        include_str!("../fixtures/layout/synth-7.txt"),
        include_str!("../fixtures/layout/synth-7-landscape.layout.txt"),
    ),
    (
        "synth-7 stream",
        include_str!("../fixtures/layout/synth-7.txt"),
        include_str!("../fixtures/layout/synth-7-stream.layout.txt"),
    ),
];

/// Held-out forms (`declx::synth` seeds 11 and 19, rendered the same way), added after
/// the reader was last tuned and never tuned on: what they give measures how far the
/// reader carries to forms nobody looked at.
const HELD_OUT: [(&str, &str, &str); 6] = [
    (
        "synth-11 lattice",
        include_str!("../fixtures/layout/synth-11.txt"),
        include_str!("../fixtures/layout/synth-11-lattice.layout.txt"),
    ),
    (
        "synth-11 landscape",
        include_str!("../fixtures/layout/synth-11.txt"),
        include_str!("../fixtures/layout/synth-11-landscape.layout.txt"),
    ),
    (
        "synth-11 stream",
        include_str!("../fixtures/layout/synth-11.txt"),
        include_str!("../fixtures/layout/synth-11-stream.layout.txt"),
    ),
    (
        "synth-19 lattice",
        include_str!("../fixtures/layout/synth-19.txt"),
        include_str!("../fixtures/layout/synth-19-lattice.layout.txt"),
    ),
    (
        "synth-19 landscape",
        include_str!("../fixtures/layout/synth-19.txt"),
        include_str!("../fixtures/layout/synth-19-landscape.layout.txt"),
    ),
    (
        "synth-19 stream",
        include_str!("../fixtures/layout/synth-19.txt"),
        include_str!("../fixtures/layout/synth-19-stream.layout.txt"),
    ),
];

/// Sweep forms a fix was drawn from (`scripts/layout_text_sweep.py`), kept so the gain
/// stays: synth 8's landscape rendition has a level-2 name over an empty row between
/// one-line rows and two one-line rows glued around a label line; it gives its whole
/// record since zones of three columns lift their labels. The others give theirs since
/// the seventh round: a unit opening a line after a blank one (synth 97 lattice), a
/// spread line `数    ≥   25482` (synth 70), a table's last row alone on a page
/// (synth 91 landscape), a value cut from its unit by a page break (synth 2 lattice),
/// one-sentence targets glued by a label line (synth 31 landscape), a task cut where
/// its outcome's sentence ends (synth 71 lattice). The eighth round: a justified
/// cell's last words lined up on a few lines are no column start (synth 101
/// landscape, its whole record; synth 75 landscape, every indicator row); a cell's
/// first list number `1.` never ends its line (synth 30 landscape, every indicator row),
/// and a run whose `1.` a separator cuts through moves whole (synth 79 lattice); a
/// task's outcome set one space after its wide amount is cut from it (synth 37
/// lattice, its whole record); a label joined one space before its cell outside the
/// indicator table still shows the column start (synth 74 landscape, its whole record:
/// `总体绩效目标 加快…` read the goal's lines out of order); a budget label wrapped
/// wider than its column moves whole (synth 75 landscape's budget). The ninth round:
/// a one-line level-3 name as wide as its column, centred on a target that ended its
/// sentence, ends its row (synth 2 stream, the first borderless whole record); the
/// goal's last line glued to the task header stays in the goal, and a page's first
/// rows stay under the page before's level-2 name (synth 34 and 51 stream, whole); a
/// task cell ending a sentence with room for the next line's first character ends its
/// borderless row, also in a page's first lines (synth 75 stream whole; synth 75 and
/// 30 landscape and held-out synth 11 stream whole too); of the cells a page break
/// cut, only the one stopping mid-sentence takes a continuation set in no column's
/// place (synth 58 stream, whole). The tenth round: row-span labels centred in print,
/// a row as tall as its column with the most lines (pdftotext sets interleaved lines of
/// two cells a page line each) and a row gap a fifth of a line (synth 2, 58 and 77
/// landscape, 53, 60 and 81 lattice, 90 stream: whole); a target column's line opening
/// a list at `1.` below a cell whose list ended a sentence starts the next row (synth 81
/// stream, whole); a page-top continuation matched to its cell by a reference row
/// fuller than the cut row lines the two up from the right (synth 72 lattice, whole:
/// a level-3 name's last line went on in its target); a level-2 name alone at a page's
/// top is joined to the cut row above by no one (synth 36 lattice, whole); a numbered
/// target that ended a sentence ends its cell unless the next number follows (synth 70,
/// 72 and 101 stream, whole), also where the next row's level-3 name's last line stands
/// between the two (synth 98 stream, whole); a wrapped cell from a blank line to its
/// row's end is that row's, no row-span label (synth 60 stream, whole: the first row's
/// level-3 name, beside the level-1 label, was read apart from its target). The
/// eleventh round: cells joined one space apart are cut where a word of ideographs, a
/// unit or a number meets the next target's word (synth 17, 28 and 39 landscape,
/// whole), and a joined run is cut at the next separator it crosses where the first
/// fits no cut (synth 15 landscape, whole); a one-line level-3 name centred beside a
/// three-line target, read as a row of its own inside the target's row, goes back to it
/// (synth 6 landscape, whole). Session 19: a task's amount wrapped in its narrow column
/// and pushed one space after the content's first line is one cell in the amount column
/// (synth 29, 37 and 55 stream, whole); a page's first lines after a finished task row
/// start a new row (synth 22 landscape, whole); a column edge through the first
/// character of a task name opening its line moves before it (synth 55 lattice, whole:
/// the name's centred tail stood right of the edge). Session 20: the level-1/level-2
/// edge of a continuation page pdftotext packed left, where no line holds names of both
/// levels, is put between them (synth 51 landscape, whole). Session 23: a borderless
/// row ends after a cell's sentence with room where the cells' lines alternate (synth
/// 74 stream, whole: two task rows were glued). Session 24: a joined run that repeats
/// itself parts in the middle (synth 9 and 69 lattice, whole), a cut leaves no part
/// wider than its column (synth 38 stream, whole). Session 25: a first list number
/// inside a joined run opens the next cell, no cut leaves a unit opening a cell, and
/// letter-spaced stretches set no column width (synth 26 lattice and stream, 56
/// landscape, whole); a page-top cell opening the next number of a cut cell's list
/// goes on in it (synth 32 and 68 lattice, whole). Session 26: a whole level name at a
/// page's foot takes no continuation (synth 54 stream, whole: `经济效益指标`, set at its
/// span's top beside a cut target, took the target's rest); a last page holding only
/// one cell's last line goes on in the cut row's one open cell (synth 24 landscape,
/// whole: `提升公共服务供给能` / `力`).
const SWEPT: [(&str, &str, &str); 56] = [
    (
        "synth-8 landscape",
        include_str!("../fixtures/layout/synth-8.txt"),
        include_str!("../fixtures/layout/synth-8-landscape.layout.txt"),
    ),
    (
        "synth-97 lattice",
        include_str!("../fixtures/layout/synth-97.txt"),
        include_str!("../fixtures/layout/synth-97-lattice.layout.txt"),
    ),
    (
        "synth-70 lattice",
        include_str!("../fixtures/layout/synth-70.txt"),
        include_str!("../fixtures/layout/synth-70-lattice.layout.txt"),
    ),
    (
        "synth-70 landscape",
        include_str!("../fixtures/layout/synth-70.txt"),
        include_str!("../fixtures/layout/synth-70-landscape.layout.txt"),
    ),
    (
        "synth-91 landscape",
        include_str!("../fixtures/layout/synth-91.txt"),
        include_str!("../fixtures/layout/synth-91-landscape.layout.txt"),
    ),
    (
        "synth-2 lattice",
        include_str!("../fixtures/layout/synth-2.txt"),
        include_str!("../fixtures/layout/synth-2-lattice.layout.txt"),
    ),
    (
        "synth-31 landscape",
        include_str!("../fixtures/layout/synth-31.txt"),
        include_str!("../fixtures/layout/synth-31-landscape.layout.txt"),
    ),
    (
        "synth-71 lattice",
        include_str!("../fixtures/layout/synth-71.txt"),
        include_str!("../fixtures/layout/synth-71-lattice.layout.txt"),
    ),
    (
        "synth-101 landscape",
        include_str!("../fixtures/layout/synth-101.txt"),
        include_str!("../fixtures/layout/synth-101-landscape.layout.txt"),
    ),
    (
        "synth-75 landscape",
        include_str!("../fixtures/layout/synth-75.txt"),
        include_str!("../fixtures/layout/synth-75-landscape.layout.txt"),
    ),
    (
        "synth-30 landscape",
        include_str!("../fixtures/layout/synth-30.txt"),
        include_str!("../fixtures/layout/synth-30-landscape.layout.txt"),
    ),
    (
        "synth-79 lattice",
        include_str!("../fixtures/layout/synth-79.txt"),
        include_str!("../fixtures/layout/synth-79-lattice.layout.txt"),
    ),
    (
        "synth-37 lattice",
        include_str!("../fixtures/layout/synth-37.txt"),
        include_str!("../fixtures/layout/synth-37-lattice.layout.txt"),
    ),
    (
        "synth-74 landscape",
        include_str!("../fixtures/layout/synth-74.txt"),
        include_str!("../fixtures/layout/synth-74-landscape.layout.txt"),
    ),
    (
        "synth-2 stream",
        include_str!("../fixtures/layout/synth-2.txt"),
        include_str!("../fixtures/layout/synth-2-stream.layout.txt"),
    ),
    (
        "synth-34 stream",
        include_str!("../fixtures/layout/synth-34.txt"),
        include_str!("../fixtures/layout/synth-34-stream.layout.txt"),
    ),
    (
        "synth-51 stream",
        include_str!("../fixtures/layout/synth-51.txt"),
        include_str!("../fixtures/layout/synth-51-stream.layout.txt"),
    ),
    (
        "synth-75 stream",
        include_str!("../fixtures/layout/synth-75.txt"),
        include_str!("../fixtures/layout/synth-75-stream.layout.txt"),
    ),
    (
        "synth-58 stream",
        include_str!("../fixtures/layout/synth-58.txt"),
        include_str!("../fixtures/layout/synth-58-stream.layout.txt"),
    ),
    (
        "synth-74 stream",
        include_str!("../fixtures/layout/synth-74.txt"),
        include_str!("../fixtures/layout/synth-74-stream.layout.txt"),
    ),
    (
        "synth-2 landscape",
        include_str!("../fixtures/layout/synth-2.txt"),
        include_str!("../fixtures/layout/synth-2-landscape.layout.txt"),
    ),
    (
        "synth-53 lattice",
        include_str!("../fixtures/layout/synth-53.txt"),
        include_str!("../fixtures/layout/synth-53-lattice.layout.txt"),
    ),
    (
        "synth-58 landscape",
        include_str!("../fixtures/layout/synth-58.txt"),
        include_str!("../fixtures/layout/synth-58-landscape.layout.txt"),
    ),
    (
        "synth-60 lattice",
        include_str!("../fixtures/layout/synth-60.txt"),
        include_str!("../fixtures/layout/synth-60-lattice.layout.txt"),
    ),
    (
        "synth-77 landscape",
        include_str!("../fixtures/layout/synth-77.txt"),
        include_str!("../fixtures/layout/synth-77-landscape.layout.txt"),
    ),
    (
        "synth-81 lattice",
        include_str!("../fixtures/layout/synth-81.txt"),
        include_str!("../fixtures/layout/synth-81-lattice.layout.txt"),
    ),
    (
        "synth-90 stream",
        include_str!("../fixtures/layout/synth-90.txt"),
        include_str!("../fixtures/layout/synth-90-stream.layout.txt"),
    ),
    (
        "synth-81 stream",
        include_str!("../fixtures/layout/synth-81.txt"),
        include_str!("../fixtures/layout/synth-81-stream.layout.txt"),
    ),
    (
        "synth-72 lattice",
        include_str!("../fixtures/layout/synth-72.txt"),
        include_str!("../fixtures/layout/synth-72-lattice.layout.txt"),
    ),
    (
        "synth-36 lattice",
        include_str!("../fixtures/layout/synth-36.txt"),
        include_str!("../fixtures/layout/synth-36-lattice.layout.txt"),
    ),
    (
        "synth-70 stream",
        include_str!("../fixtures/layout/synth-70.txt"),
        include_str!("../fixtures/layout/synth-70-stream.layout.txt"),
    ),
    (
        "synth-72 stream",
        include_str!("../fixtures/layout/synth-72.txt"),
        include_str!("../fixtures/layout/synth-72-stream.layout.txt"),
    ),
    (
        "synth-101 stream",
        include_str!("../fixtures/layout/synth-101.txt"),
        include_str!("../fixtures/layout/synth-101-stream.layout.txt"),
    ),
    (
        "synth-98 stream",
        include_str!("../fixtures/layout/synth-98.txt"),
        include_str!("../fixtures/layout/synth-98-stream.layout.txt"),
    ),
    (
        "synth-60 stream",
        include_str!("../fixtures/layout/synth-60.txt"),
        include_str!("../fixtures/layout/synth-60-stream.layout.txt"),
    ),
    (
        "synth-15 landscape",
        include_str!("../fixtures/layout/synth-15.txt"),
        include_str!("../fixtures/layout/synth-15-landscape.layout.txt"),
    ),
    (
        "synth-17 landscape",
        include_str!("../fixtures/layout/synth-17.txt"),
        include_str!("../fixtures/layout/synth-17-landscape.layout.txt"),
    ),
    (
        "synth-28 landscape",
        include_str!("../fixtures/layout/synth-28.txt"),
        include_str!("../fixtures/layout/synth-28-landscape.layout.txt"),
    ),
    (
        "synth-39 landscape",
        include_str!("../fixtures/layout/synth-39.txt"),
        include_str!("../fixtures/layout/synth-39-landscape.layout.txt"),
    ),
    (
        "synth-6 landscape",
        include_str!("../fixtures/layout/synth-6.txt"),
        include_str!("../fixtures/layout/synth-6-landscape.layout.txt"),
    ),
    (
        "synth-29 stream",
        include_str!("../fixtures/layout/synth-29.txt"),
        include_str!("../fixtures/layout/synth-29-stream.layout.txt"),
    ),
    (
        "synth-37 stream",
        include_str!("../fixtures/layout/synth-37.txt"),
        include_str!("../fixtures/layout/synth-37-stream.layout.txt"),
    ),
    (
        "synth-55 stream",
        include_str!("../fixtures/layout/synth-55.txt"),
        include_str!("../fixtures/layout/synth-55-stream.layout.txt"),
    ),
    (
        "synth-22 landscape",
        include_str!("../fixtures/layout/synth-22.txt"),
        include_str!("../fixtures/layout/synth-22-landscape.layout.txt"),
    ),
    (
        "synth-55 lattice",
        include_str!("../fixtures/layout/synth-55.txt"),
        include_str!("../fixtures/layout/synth-55-lattice.layout.txt"),
    ),
    (
        "synth-51 landscape",
        include_str!("../fixtures/layout/synth-51.txt"),
        include_str!("../fixtures/layout/synth-51-landscape.layout.txt"),
    ),
    (
        "synth-9 lattice",
        include_str!("../fixtures/layout/synth-9.txt"),
        include_str!("../fixtures/layout/synth-9-lattice.layout.txt"),
    ),
    (
        "synth-38 stream",
        include_str!("../fixtures/layout/synth-38.txt"),
        include_str!("../fixtures/layout/synth-38-stream.layout.txt"),
    ),
    (
        "synth-69 lattice",
        include_str!("../fixtures/layout/synth-69.txt"),
        include_str!("../fixtures/layout/synth-69-lattice.layout.txt"),
    ),
    (
        "synth-26 lattice",
        include_str!("../fixtures/layout/synth-26.txt"),
        include_str!("../fixtures/layout/synth-26-lattice.layout.txt"),
    ),
    (
        "synth-26 stream",
        include_str!("../fixtures/layout/synth-26.txt"),
        include_str!("../fixtures/layout/synth-26-stream.layout.txt"),
    ),
    (
        "synth-56 landscape",
        include_str!("../fixtures/layout/synth-56.txt"),
        include_str!("../fixtures/layout/synth-56-landscape.layout.txt"),
    ),
    (
        "synth-32 lattice",
        include_str!("../fixtures/layout/synth-32.txt"),
        include_str!("../fixtures/layout/synth-32-lattice.layout.txt"),
    ),
    (
        "synth-68 lattice",
        include_str!("../fixtures/layout/synth-68.txt"),
        include_str!("../fixtures/layout/synth-68-lattice.layout.txt"),
    ),
    (
        "synth-54 stream",
        include_str!("../fixtures/layout/synth-54.txt"),
        include_str!("../fixtures/layout/synth-54-stream.layout.txt"),
    ),
    (
        "synth-24 landscape",
        include_str!("../fixtures/layout/synth-24.txt"),
        include_str!("../fixtures/layout/synth-24-landscape.layout.txt"),
    ),
];

/// Every case: (name, tab text, layout text).
fn all_cases() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut v = vec![
        ("seed lattice", SEED, LATTICE),
        ("seed landscape", SEED, LANDSCAPE),
        ("seed stream", SEED, STREAM),
    ];
    v.extend(OTHER);
    v.extend(HELD_OUT);
    v.extend(SWEPT);
    v
}

/// Top-level fields of the layout text's record equal to the tab text's, and rows of
/// `tasks` / `indicators` found verbatim.
fn matches(tab: &str, layout: &str) -> (Vec<String>, usize, usize, usize, usize) {
    let want = record(tab);
    let got = record(layout);
    let same: Vec<String> = want
        .as_object()
        .map(|m| {
            m.keys()
                .filter(|k| got[k.as_str()] == want[k.as_str()])
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let rows = |f: &str| {
        let g = got[f].as_array().cloned().unwrap_or_default();
        let w = want[f].as_array().cloned().unwrap_or_default();
        (w.iter().filter(|r| g.contains(r)).count(), w.len())
    };
    let (t, tn) = rows("tasks");
    let (i, n) = rows("indicators");
    (same, t, tn, i, n)
}

#[test]
fn other_forms_detected_as_layout_text() {
    for (name, tab, layout) in OTHER {
        assert!(looks_like_layout_text(layout), "{name}");
        assert!(!looks_like_layout_text(tab), "{name} tab text");
    }
}

/// What every layout text gives today, as a floor (fields equal to the tab text's
/// record, task and indicator rows found verbatim), so a change that loses one shows.
/// `field_report` prints the rest.
#[test]
fn fields_floor() {
    let base = ["schema", "title", "department", "other_tasks"];
    for (name, tab, layout) in all_cases() {
        let (same, tasks, _, rows, _) = matches(tab, layout);
        // Task rows found verbatim where the field as a whole still differs.
        let min_tasks = match name {
            "synth-19 stream" => 4,
            _ => 0,
        };
        assert!(tasks >= min_tasks, "{name}: {tasks} task rows match");
        // Every field but the indicators.
        const BUT_INDICATORS: [&str; 6] = [
            "budget",
            "overall_goal",
            "tasks",
            "other_fields",
            "checks",
            "warnings",
        ];
        const BUT_WARNINGS: [&str; 9] = [
            "title",
            "department",
            "budget",
            "overall_goal",
            "tasks",
            "other_tasks",
            "indicators",
            "other_fields",
            "checks",
        ];
        let (extra, min_rows): (&[&str], usize) = match name {
            "seed landscape" => (&ALL_FIELDS, 17),
            "seed lattice" => (&ALL_FIELDS, 17),
            "seed stream" => (&BUT_INDICATORS, 15),
            "synth-3 lattice" => (&ALL_FIELDS, 22),
            "synth-3 stream" => (&ALL_FIELDS, 22),
            "synth-7 lattice" => (&ALL_FIELDS, 18),
            "synth-7 stream" => (&BUT_INDICATORS, 17),
            "synth-3 landscape" => (&ALL_FIELDS, 22),
            // Whole since a level-2 label is no longer lifted onto a level-1 name's
            // own line (session 28).
            "synth-7 landscape" => (&ALL_FIELDS, 18),
            "synth-11 lattice" => (&ALL_FIELDS, 20),
            "synth-11 landscape" => (&BUT_INDICATORS, 17),
            "synth-11 stream" => (&ALL_FIELDS, 20),
            // Whole since session 25's cut and level-column rules (stream: all but the
            // task rows).
            "synth-19 lattice" => (&ALL_FIELDS, 22),
            "synth-19 landscape" => (&ALL_FIELDS, 22),
            "synth-19 stream" => (
                &[
                    "budget",
                    "overall_goal",
                    "indicators",
                    "other_fields",
                    "checks",
                    "warnings",
                ],
                22,
            ),
            "synth-8 landscape" => (&ALL_FIELDS, 21),
            "synth-97 lattice" => (&ALL_FIELDS, 17),
            "synth-70 lattice" => (&ALL_FIELDS, 15),
            "synth-70 landscape" => (&ALL_FIELDS, 15),
            // Right after a repair: a `merged_label_moved` warning the tab text lacks.
            "synth-91 landscape" => (&BUT_WARNINGS, 19),
            "synth-2 lattice" => (&ALL_FIELDS, 19),
            "synth-31 landscape" => (&ALL_FIELDS, 17),
            "synth-71 lattice" => (&ALL_FIELDS, 21),
            "synth-101 landscape" => (&ALL_FIELDS, 17),
            "synth-75 landscape" => (&ALL_FIELDS, 18),
            "synth-30 landscape" => (&ALL_FIELDS, 20),
            "synth-79 lattice" => (&BUT_INDICATORS, 19),
            "synth-37 lattice" => (&ALL_FIELDS, 20),
            "synth-74 landscape" => (&ALL_FIELDS, 15),
            "synth-2 stream" => (&ALL_FIELDS, 19),
            "synth-34 stream" => (&ALL_FIELDS, 23),
            // Right after a repair too (`merged_label_moved`).
            "synth-51 stream" => (&BUT_WARNINGS, 17),
            "synth-75 stream" => (&BUT_WARNINGS, 18),
            "synth-58 stream" => (&ALL_FIELDS, 17),
            "synth-74 stream" => (&ALL_FIELDS, 15),
            "synth-2 landscape" => (&ALL_FIELDS, 19),
            "synth-53 lattice" => (&ALL_FIELDS, 26),
            "synth-58 landscape" => (&ALL_FIELDS, 17),
            "synth-60 lattice" => (&ALL_FIELDS, 22),
            "synth-77 landscape" => (&ALL_FIELDS, 15),
            "synth-81 lattice" => (&ALL_FIELDS, 21),
            "synth-90 stream" => (&ALL_FIELDS, 15),
            "synth-81 stream" => (&ALL_FIELDS, 21),
            "synth-72 lattice" => (&ALL_FIELDS, 16),
            "synth-36 lattice" => (&ALL_FIELDS, 19),
            "synth-70 stream" => (&ALL_FIELDS, 15),
            "synth-72 stream" => (&ALL_FIELDS, 16),
            "synth-101 stream" => (&ALL_FIELDS, 17),
            "synth-98 stream" => (&ALL_FIELDS, 21),
            "synth-60 stream" => (&ALL_FIELDS, 22),
            "synth-15 landscape" => (&ALL_FIELDS, 16),
            "synth-17 landscape" => (&ALL_FIELDS, 16),
            "synth-28 landscape" => (&ALL_FIELDS, 21),
            "synth-39 landscape" => (&ALL_FIELDS, 17),
            "synth-6 landscape" => (&ALL_FIELDS, 20),
            "synth-29 stream" => (&ALL_FIELDS, 21),
            "synth-37 stream" => (&ALL_FIELDS, 20),
            "synth-55 stream" => (&ALL_FIELDS, 15),
            "synth-22 landscape" => (&ALL_FIELDS, 14),
            "synth-55 lattice" => (&ALL_FIELDS, 15),
            "synth-51 landscape" => (&ALL_FIELDS, 17),
            "synth-9 lattice" => (&ALL_FIELDS, 17),
            "synth-38 stream" => (&ALL_FIELDS, 18),
            "synth-69 lattice" => (&ALL_FIELDS, 17),
            "synth-26 lattice" => (&ALL_FIELDS, 17),
            "synth-26 stream" => (&ALL_FIELDS, 17),
            "synth-56 landscape" => (&ALL_FIELDS, 17),
            "synth-32 lattice" => (&ALL_FIELDS, 16),
            "synth-68 lattice" => (&ALL_FIELDS, 15),
            "synth-54 stream" => (&ALL_FIELDS, 17),
            "synth-24 landscape" => (&ALL_FIELDS, 17),
            _ => (&[], 0),
        };
        for f in base.iter().chain(extra) {
            assert!(same.iter().any(|s| s == f), "{name}: {f} differs");
        }
        assert!(rows >= min_rows, "{name}: {rows} indicator rows match");
    }
}

/// Print how many fields of each layout text match its tab text (a progress report,
/// not a check): `cargo test --test layout_text -- --ignored field_report --nocapture`.
#[test]
#[ignore]
fn field_report() {
    for (name, tab, layout) in all_cases() {
        let (same, t, tn, i, n) = matches(tab, layout);
        let n_fields = record(tab).as_object().map_or(0, |m| m.len());
        println!(
            "{name}: {}/{n_fields} fields; tasks {t}/{tn}; indicators {i}/{n}; same: {same:?}",
            same.len()
        );
    }
}

/// Print the task and indicator rows of `DECLX_LAYOUT_CASE` (a case name of
/// `field_report`) that the layout text gets wrong, beside the tab text's (a debugging
/// aid, not a check).
#[test]
#[ignore]
fn row_diff() {
    let Ok(want_case) = std::env::var("DECLX_LAYOUT_CASE") else {
        return;
    };
    for (name, tab, layout) in all_cases() {
        if name != want_case {
            continue;
        }
        let (want, got) = (record(tab), record(layout));
        for f in ["tasks", "indicators"] {
            let g = got[f].as_array().cloned().unwrap_or_default();
            let w = want[f].as_array().cloned().unwrap_or_default();
            for (i, r) in w.iter().enumerate() {
                if !g.contains(r) {
                    println!("{f}[{i}] want {r}");
                    if let Some(x) = g.get(i) {
                        println!("{f}[{i}] got  {x}");
                    }
                }
            }
            if g.len() != w.len() {
                println!("{f}: {} rows, want {}", g.len(), w.len());
            }
        }
    }
}
