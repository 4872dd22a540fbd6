//! Fuzz target: any bytes through the whole pipeline must give one record that serialises
//! to JSON, without a panic (extract_bytes catches panics, so a caught one is reported as an
//! `internal` error: this target turns that back into a crash for the fuzzer to keep).
//!
//! Under `cargo fuzz` (cfg `fuzzing`) this is a libFuzzer target. Built as a plain binary
//! (`cargo run --bin extract -- FILE_OR_DIR...`) it replays files, e.g. `seeds/` or a
//! corpus, on a stable toolchain.
#![cfg_attr(fuzzing, no_main)]

use declx::{extract_bytes, ErrorKind, Options};

fn one_input(data: &[u8]) {
    let record = extract_bytes("fuzz", data, &Options::default());
    if let Some(e) = record.error() {
        assert_ne!(e.kind, ErrorKind::Internal, "caught panic: {}", e.message);
    }
    let line = record.to_json_line();
    let parsed: Result<serde_json::Value, _> = serde_json::from_str(&line);
    assert!(parsed.is_ok(), "record is not JSON: {line}");
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| one_input(data));

#[cfg(not(fuzzing))]
fn main() {
    use std::path::{Path, PathBuf};

    fn collect(p: &Path, out: &mut Vec<PathBuf>) {
        match std::fs::read_dir(p) {
            Ok(entries) => {
                let mut paths: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                paths.sort();
                for path in paths {
                    collect(&path, out);
                }
            }
            Err(_) => out.push(p.to_path_buf()),
        }
    }

    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: extract FILE_OR_DIR... (replays inputs through extract_bytes)");
        std::process::exit(2);
    }
    let mut files = Vec::new();
    for a in &args {
        collect(Path::new(a), &mut files);
    }
    for f in &files {
        match std::fs::read(f) {
            Ok(data) => one_input(&data),
            Err(e) => eprintln!("{}: {e}", f.display()),
        }
    }
    println!(
        "replayed {} input(s): no panic, every record is JSON",
        files.len()
    );
}
