//! Decode throughput on a large concatenation of the seed (ignored by default; run with
//! `cargo test --release --test decode_throughput -- --ignored --nocapture`).

use std::time::Instant;

use declx::decode::decode;

fn measure(label: &str, bytes: &[u8], want: &str) {
    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        let d = decode(bytes, None).expect("decodes");
        assert_eq!(d.encoding, want);
    }
    let secs = start.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "{label}: {:.1} MB in {:.1} ms = {:.0} MB/s",
        bytes.len() as f64 / 1e6,
        secs * 1e3,
        bytes.len() as f64 / 1e6 / secs
    );
}

#[test]
#[ignore]
fn throughput() {
    let seed = std::fs::read_to_string("fixtures/guangzhou-science-tech-2023.txt").expect("seed");
    let big = seed.repeat(1500); // ~21 MB of UTF-8
    measure("UTF-8", big.as_bytes(), "UTF-8");
    measure("GBK", &encoding_rs::GBK.encode(&big).0, "GBK");
    let le: Vec<u8> = big.encode_utf16().flat_map(u16::to_le_bytes).collect();
    measure("UTF-16LE (no BOM)", &le, "UTF-16LE");
    // One declaration at a time, as a batch sees them.
    let gbk = encoding_rs::GBK.encode(&seed).0.into_owned();
    let start = Instant::now();
    let n = 2000;
    for _ in 0..n {
        let d = decode(&gbk, None).expect("decodes");
        assert_eq!(d.encoding, "GBK");
    }
    let per = start.elapsed().as_secs_f64() / n as f64;
    println!(
        "GBK, one {} KB declaration: {:.0} µs each",
        gbk.len() / 1024,
        per * 1e6
    );
}
