//! A quick throughput check, not run by default:
//! `cargo test --release --test value_bench -- --ignored --nocapture`.

use std::time::Instant;

use declx::value::{parse_amount, parse_thresholds};

#[test]
#[ignore]
fn value_bench_throughput() {
    let path = format!(
        "{}/fixtures/guangzhou-science-tech-2023.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    // Every cell of the real declaration, as the pipeline would pass them.
    let cells: Vec<&str> = text.lines().flat_map(|l| l.split('\t')).collect();
    let bytes: usize = cells.iter().map(|c| c.len()).sum();
    let rounds = 200;
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for c in &cells {
            n += parse_thresholds(c).len();
            n += usize::from(parse_amount(c, Some("万元")).is_some());
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} cells × {rounds}: {mb:.1} MB in {secs:.2}s = {:.1} MB/s ({:.0} cells/s), {n} results",
        cells.len(),
        mb / secs,
        (cells.len() * rounds) as f64 / secs
    );
}
