//! Golden tests, tokei-style: every `fixtures/<case>.<ext>` with a
//! `fixtures/<case>.expected.json` beside it is one test. Adding a case means dropping in
//! the two files. `DECLX_BLESS=1 cargo test --test golden` writes missing expected files
//! (review them by hand before committing).

mod common;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

fn expected_path(input: &Path) -> PathBuf {
    let name = input.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    input.with_file_name(format!("{stem}.expected.json"))
}

fn run_case(input: &Path) -> Result<(), Failed> {
    let shown = input.to_string_lossy().replace('\\', "/");
    let record = declx::extract_path(Path::new(&shown), &declx::Options::default());
    let actual = common::checked_json(&record);
    let exp_path = expected_path(input);
    let pretty = serde_json::to_string_pretty(&actual).map_err(|e| e.to_string())? + "\n";
    if !exp_path.exists() {
        if std::env::var_os("DECLX_BLESS").is_some() {
            std::fs::write(&exp_path, pretty).map_err(|e| e.to_string())?;
            return Ok(());
        }
        return Err(format!(
            "{} is missing (DECLX_BLESS=1 writes it)",
            exp_path.display()
        )
        .into());
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&exp_path).map_err(|e| e.to_string())?)
            .map_err(|e| format!("{}: {e}", exp_path.display()))?;
    if expected != actual {
        let got = std::env::temp_dir().join(format!(
            "declx-golden-{}.actual.json",
            input.file_name().and_then(|n| n.to_str()).unwrap_or("case")
        ));
        let _ = std::fs::write(&got, &pretty);
        return Err(format!(
            "{} differs from {} (actual written to {}; diff them)",
            shown,
            exp_path.display(),
            got.display()
        )
        .into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    inputs.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        p.is_file() && !name.ends_with(".json") && !name.starts_with('.') && !name.ends_with(".md")
    });
    inputs.sort();
    let trials = inputs
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("?")
                .to_string();
            Trial::test(name, move || run_case(&p))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
