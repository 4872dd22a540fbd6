//! OCR noise sweep: the held-out declarations, the seed and a few `declx::synth` forms
//! through `scripts/ocr_noise_sweep.py` (one noise kind at a time, seeded, at a few
//! rates), each noisy record against its clean text's. A report, not a gate: it needs
//! Python 3, so it is ignored by default.
//!
//!     cargo build && cargo test --test ocr_sweep -- --ignored --nocapture
//!
//! `OCR_BIN` is the declx binary (default the debug build beside this test); the
//! script's other variables (`OCR_KINDS`, `OCR_RATES`, `OCR_SEEDS`, `OCR_SHOW`) pass
//! through. `DECLX_SWEEP_SEEDS=30,31` replaces the synth seeds.

mod common;

use std::path::PathBuf;
use std::process::Command;

const SYNTH_SEEDS: [u64; 6] = [1, 2, 4, 5, 8, 11];

#[test]
#[ignore = "report: needs python3; run with --ignored --nocapture"]
fn ocr_noise_sweep() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ocr-sweep");
    std::fs::create_dir_all(&work).expect("work dir");
    let mut forms: Vec<PathBuf> = std::fs::read_dir(root.join("tests/heldout"))
        .expect("tests/heldout")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt" || x == "md")
                && !p.to_string_lossy().ends_with(".truth.json")
        })
        .collect();
    forms.sort();
    forms.push(root.join("fixtures/guangzhou-science-tech-2023.txt"));
    for (name, text) in
        common::sweep::synth_texts("DECLX_SWEEP_SEEDS", &SYNTH_SEEDS, |t| t.to_string())
    {
        let p = work.join(format!("{name}.txt"));
        std::fs::write(&p, text).expect("write synth text");
        forms.push(p);
    }
    let bin = std::env::var("OCR_BIN").unwrap_or_else(|_| {
        // tests run from target/<profile>/deps; the binary is one folder up.
        let exe = std::env::current_exe().expect("test path");
        let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
        dir.join("declx").to_string_lossy().into_owned()
    });
    let status = Command::new("python3")
        .arg(root.join("scripts/ocr_noise_sweep.py"))
        .args(&forms)
        .env("OCR_BIN", bin)
        .env("OCR_OUT", work.join("noisy"))
        .status()
        .expect("python3");
    assert!(status.success());
}
