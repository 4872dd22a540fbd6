//! Write the generated corpus `cargo bench --bench batch` measures to a directory, so
//! profiles (callgrind, perf) and output comparisons run on the same files.
//!
//! Usage: `make_corpus DIR N [SEED [BAD_PERCENT]]` (the bench uses seed 42, 3 % bad).

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1).and_then(|s| s.parse().ok())) else {
        eprintln!("usage: make_corpus DIR N [SEED [BAD_PERCENT]]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let bad = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3);
    let dir = PathBuf::from(dir);
    let _ = std::fs::remove_dir_all(&dir);
    match declx::synth::write_corpus(&dir, n, seed, bad) {
        Ok(files) => eprintln!("wrote {} files to {}", files.len(), dir.display()),
        Err(e) => {
            eprintln!("cannot write corpus: {e}");
            std::process::exit(1);
        }
    }
}
