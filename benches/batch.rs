//! End-to-end batch throughput and memory of the release `declx` binary over a generated
//! archive (see `docs/batch.md`). Run: `cargo bench --bench batch`.
//!
//! Env: DECLX_BENCH_FILES (default 20000), DECLX_BENCH_SMALL (default 1000),
//! DECLX_BENCH_REPEAT (default 3), DECLX_BENCH_DIR (default: a temp dir),
//! DECLX_BENCH_BIN (default: the binary cargo built; `scripts/pgo-build.sh` makes another).
//!
//! Reports MB/s and files/s at --jobs 1 and 2 (best of the repeats, wall clock), the
//! speedup, and peak RSS (the binary's own VmHWM, from --summary) at the small and large
//! corpus sizes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Run {
    wall: f64,
    bytes: u64,
    files: u64,
    rss: u64,
    cpu: f64,
}

fn run(dir: &Path, jobs: u32, extra: &[&str], summary: &Path) -> Run {
    let t0 = Instant::now();
    let bin = std::env::var_os("DECLX_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_declx")));
    let status = Command::new(bin)
        .args([
            "extract",
            "-q",
            "--fail-on",
            "never",
            "--jobs",
            &jobs.to_string(),
        ])
        .args(extra)
        .arg("--summary")
        .arg(summary)
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let wall = t0.elapsed().as_secs_f64();
    if !matches!(status, Ok(s) if s.success()) {
        eprintln!("declx failed: {status:?}");
        std::process::exit(1);
    }
    let s: serde_json::Value = std::fs::read(summary)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    Run {
        wall,
        bytes: s["bytes"].as_u64().unwrap_or(0),
        files: s["files"].as_u64().unwrap_or(0),
        rss: s["peak_rss_bytes"].as_u64().unwrap_or(0),
        cpu: s["cpu_seconds"].as_f64().unwrap_or(0.0),
    }
}

fn corpus(root: &Path, n: u64) -> PathBuf {
    let dir = root.join(format!("corpus-{n}"));
    let marker = dir.join(".complete");
    if !marker.exists() {
        let t0 = Instant::now();
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = declx::synth::write_corpus(&dir, n, 42, 3) {
            eprintln!("cannot write corpus: {e}");
            std::process::exit(1);
        }
        let _ = std::fs::write(&marker, b"");
        eprintln!("generated {n} files in {:.1} s", t0.elapsed().as_secs_f64());
    }
    dir
}

fn main() {
    let large = env_u64("DECLX_BENCH_FILES", 20_000);
    let small = env_u64("DECLX_BENCH_SMALL", 1_000);
    let repeat = env_u64("DECLX_BENCH_REPEAT", 3).max(1);
    let tmp = tempfile::tempdir().ok();
    let root = match std::env::var_os("DECLX_BENCH_DIR") {
        Some(d) => PathBuf::from(d),
        None => match &tmp {
            Some(t) => t.path().to_path_buf(),
            None => {
                eprintln!("no temp dir");
                std::process::exit(1);
            }
        },
    };
    let big = corpus(&root, large);
    let little = corpus(&root, small);
    let summary = root.join("summary.json");

    // Warm the page cache so the first measured run is not a disk benchmark.
    run(&big, 2, &[], &summary);

    println!(
        "| run | files | MB | best wall s | MB/s | files/s | CPU s | MB per CPU-s | peak RSS MiB |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut best = [f64::MAX; 2];
    for (i, jobs) in [1u32, 2].into_iter().enumerate() {
        let mut best_run: Option<Run> = None;
        for _ in 0..repeat {
            let r = run(&big, jobs, &[], &summary);
            if r.wall < best[i] {
                best[i] = r.wall;
                best_run = Some(r);
            }
        }
        if let Some(r) = best_run {
            row(&format!("JSONL, --jobs {jobs}"), &r);
        }
    }
    let out_dir = root.join("out");
    let r = run(
        &big,
        2,
        &["-o", out_dir.to_str().unwrap_or("out")],
        &summary,
    );
    row("-o DIR, --jobs 2", &r);
    let _ = std::fs::remove_dir_all(&out_dir);
    println!();
    println!("speedup --jobs 2 / --jobs 1: {:.2}x", best[0] / best[1]);

    let mut rss = Vec::new();
    for (n, dir) in [(small, &little), (large, &big)] {
        let peak = (0..repeat)
            .map(|_| run(dir, 2, &[], &summary).rss)
            .max()
            .unwrap_or(0);
        println!(
            "peak RSS at {n} files (--jobs 2): {:.1} MiB",
            peak as f64 / 1048576.0
        );
        rss.push(peak as f64);
    }
    if rss.len() == 2 && rss[0] > 0.0 {
        println!(
            "peak RSS ratio {large}/{small} files: {:.2}",
            rss[1] / rss[0]
        );
    }
}

fn row(name: &str, r: &Run) {
    let mb = r.bytes as f64 / 1e6;
    println!(
        "| {name} | {} | {mb:.1} | {:.2} | {:.1} | {:.0} | {:.2} | {:.1} | {:.1} |",
        r.files,
        r.wall,
        mb / r.wall,
        r.files as f64 / r.wall,
        r.cpu,
        if r.cpu > 0.0 { mb / r.cpu } else { 0.0 },
        r.rss as f64 / 1048576.0
    );
}
