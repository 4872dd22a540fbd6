//! Producer matrix (issue #5): declarations rendered by PDF producers other than
//! LibreOffice Writer's table export (re-distilled by ghostscript, cairo, qpdf, mutool;
//! exported from a spreadsheet, a .docx and an HTML table by LibreOffice; the HTML table
//! printed by Chromium; fpdf2 tables;
//! fonts whose ToUnicode is missing or broken, matplotlib's Type3 fonts) must give the
//! record of their text, or an error record where the fonts keep no text. A report, not
//! a gate: it needs the tools of `scripts/producer_pdfs.py`, so it is ignored by default.
//!
//!     cargo test --release --test pdf_producers -- --ignored --nocapture
//!
//! Texts: the seed, the held-out declarations `DECLX_PRODUCER_HELDOUT` names (default
//! two) re-laid as tab text, and `declx::synth::declaration(seed)` for a few seeds.
//! Work files go to `$CARGO_TARGET_TMPDIR/pdf-producers` (a PDF is made again only when
//! its text changed; `DECLX_PRODUCER_DIR` puts them elsewhere); for every mismatch `<text>.<producer>.{got,want}.json`.
//! `DECLX_TOOLS` overrides the shared tools directory, `DECLX_PRODUCERS=gs,xlsx` keeps
//! some producers, `DECLX_PRODUCER_SEEDS=5,8` replaces the synth seeds and
//! `DECLX_PRODUCER_HELDOUT=a,b` the held-out texts (empty: none).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pdf_comparable;
use common::sweep::{found, grid_as_tabs, pdf_grid_rows, pdf_record, synth_texts, tools_dir};
use serde_json::Value;

const SYNTH_SEEDS: [u64; 2] = [1, 2];
const HELDOUT: [&str; 2] = ["hubei-education-dept-2024", "chengdu-education-2022"];
const PRODUCERS: [&str; 29] = [
    "lo",
    "lo-stream",
    "gs",
    "gs-stream",
    "cairo",
    "qpdf-objstm",
    "qpdf-lin",
    "mutool",
    "xlsx",
    "docx",
    "html",
    "fpdf",
    "fpdf-stream",
    "fpdf-stream-pad",
    // A web page printed to PDF by Chromium (Skia): Type3 fonts whose ToUnicode names
    // radicals (⻔ for 门), each cell's rules drawn as its own rectangles.
    "chromium",
    "chromium-stream",
    // Fonts without a usable Unicode mapping (see scripts/producer_pdfs.py): decodable
    // from the embedded font or glyph names, partly decodable, or not at all (an
    // unsupported_format error record naming the fonts).
    "fpdf-no-tu",
    "fpdf-null-tu",
    "fpdf-pua-tu",
    "mpl-type3",
    "lo-title-no-tu",
    "lo-no-tu",
    "gs-no-tu",
    "lo-ttf-no-tu",
    "fpdf-otf-no-tu",
    // Adobe-GB1 CID fonts without ToUnicode: decodable through Adobe's GB1 table.
    "gb1-cff",
    "gb1-stsong",
    "gb1-cff-ros",
    // A Noto (Adobe-Identity-0) CFF labelled Adobe-GB1: unsupported_format, not garbage.
    "gb1-label-only",
];

/// A text as one tab-separated line per row (the grid declx reads from it), which is
/// what the producer script lays out.
fn as_tab_text(text: &str) -> String {
    grid_as_tabs(&declx::grid::from_text(text))
}

fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![(
        "seed".to_string(),
        common::SEED.replace("\r\n", "\n").to_string(),
    )];
    let heldout: Vec<String> = match std::env::var("DECLX_PRODUCER_HELDOUT") {
        Ok(list) => list.split(',').map(String::from).collect(),
        Err(_) => HELDOUT.iter().map(|s| s.to_string()).collect(),
    };
    for name in heldout.iter().filter(|n| !n.is_empty()) {
        let bytes =
            std::fs::read(root.join(format!("tests/heldout/{name}.txt"))).unwrap_or_default();
        if let Ok(d) = declx::decode::decode(&bytes, None) {
            texts.push((name.clone(), as_tab_text(&d.text)));
        }
    }
    texts.extend(synth_texts(
        "DECLX_PRODUCER_SEEDS",
        &SYNTH_SEEDS,
        as_tab_text,
    ));
    texts
}

/// `DECLX_GRID_PDF=a.pdf cargo test --test pdf_producers -- --ignored grid_of --nocapture`
/// prints one PDF's grid rows.
#[test]
#[ignore = "a debugging aid"]
fn grid_of() {
    if let Some(p) = std::env::var_os("DECLX_GRID_PDF") {
        println!("{}", pdf_grid_rows(&std::fs::read(p).unwrap_or_default()));
    }
}

#[test]
#[ignore = "needs LibreOffice (Writer, Calc), ghostscript, poppler, qpdf, mupdf-tools, fpdf2, openpyxl, python-docx, pikepdf, matplotlib"]
fn pdf_producers_report() {
    let dir = std::env::var_os("DECLX_PRODUCER_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-producers"));
    std::fs::create_dir_all(&dir).expect("work directory");
    let producers: Vec<String> = match std::env::var("DECLX_PRODUCERS") {
        Ok(list) => list.split(',').map(String::from).collect(),
        Err(_) => PRODUCERS.iter().map(|s| s.to_string()).collect(),
    };
    let texts = texts();
    let mut paths = Vec::new();
    for (name, text) in &texts {
        let txt = dir.join(format!("{name}.txt"));
        // Unchanged texts keep their modification time, so their PDFs are reused.
        if std::fs::read_to_string(&txt).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&txt, text).expect("write text");
        }
        paths.push(txt);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/producer_pdfs.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&dir)
        .args(&paths)
        .arg("--only")
        .arg(producers.join(","))
        .arg("--tools")
        .arg(tools_dir())
        .output()
        .expect("run python3");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));

    println!(
        "{:<28} {:<14} {:>5} {:>7} {:>6} {:>10}",
        "text", "producer", "pages", "fields", "tasks", "indicators"
    );
    let frac = |(a, b): (usize, usize)| format!("{a}/{b}");
    let (mut all, mut full) = (0, 0);
    for (name, text) in &texts {
        let want = pdf_record("form.txt", text.as_bytes());
        let keys: Vec<String> = want
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for producer in &producers {
            all += 1;
            let pdf = dir.join(format!("{name}.{producer}.pdf"));
            let Ok(bytes) = std::fs::read(&pdf) else {
                println!("{name:<28} {producer:<14} no PDF");
                continue;
            };
            let raw = common::checked_json(&declx::extract_bytes(
                &pdf.to_string_lossy(),
                &bytes,
                &declx::Options::default(),
            ));
            let pages = raw["source"]["pages"].as_u64().unwrap_or(0);
            let unmapped = raw["warnings"]
                .as_array()
                .is_some_and(|ws| ws.iter().any(|w| w["code"] == "pdf_unmapped_glyphs"));
            let got = pdf_comparable(raw);
            if let Some(e) = got.get("error") {
                println!("{name:<28} {producer:<14} error record: {}", e["kind"]);
                continue;
            }
            let equal = keys
                .iter()
                .filter(|k| got[k.as_str()] == want[k.as_str()])
                .count();
            full += usize::from(equal == keys.len());
            if equal < keys.len() {
                let write = |suffix: &str, v: &Value| {
                    let path = dir.join(format!("{name}.{producer}.{suffix}.json"));
                    let _ =
                        std::fs::write(path, serde_json::to_string_pretty(v).unwrap_or_default());
                };
                write("got", &got);
                write("want", &want);
                let path = dir.join(format!("{name}.{producer}.grid.txt"));
                let _ = std::fs::write(path, pdf_grid_rows(&bytes));
            }
            println!(
                "{:<28} {:<14} {:>5} {:>7} {:>6} {:>10}{}",
                name,
                producer,
                pages,
                frac((equal, keys.len())),
                frac(found(&got, &want, "tasks")),
                frac(found(&got, &want, "indicators")),
                if unmapped { " pdf_unmapped_glyphs" } else { "" }
            );
        }
    }
    println!("whole record equal: {full}/{all}");
}
