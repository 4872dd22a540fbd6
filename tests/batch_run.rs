//! The batch runner end to end, through the real binary, over a generated archive of a few
//! hundred declarations with bad files mixed in. These tests do not depend on the form
//! reader succeeding: they check accounting, order, determinism, resume, shards, timeouts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use declx::synth::{self, Kind};
use serde_json::Value;

const N: u64 = 300;

mod common;

use common::{declx, output_with_stdin};

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("declx runs")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is one JSON record"))
        .collect()
}

fn path_of(r: &Value) -> String {
    r["source"]["path"].as_str().unwrap_or_default().to_string()
}

fn kind_of(r: &Value) -> Option<String> {
    r["error"]["kind"].as_str().map(str::to_string)
}

/// A generated archive: (root, paths in sorted order, kind by path).
struct Corpus {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    sorted: Vec<PathBuf>,
    kinds: BTreeMap<PathBuf, Kind>,
}

fn corpus(n: u64) -> Corpus {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("archive");
    let files = synth::write_corpus(&root, n, 2024, 15).expect("corpus written");
    // Files the default --glob leaves out.
    std::fs::write(root.join("region-0").join("notes.docx"), b"PK\x03\x04").expect("write");
    std::fs::write(root.join("scan.png"), b"\x89PNG").expect("write");
    let mut sorted: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    sorted.sort(); // Path ordering is by component: the order declx walks in
    Corpus {
        _tmp: tmp,
        root,
        sorted,
        kinds: files.into_iter().collect(),
    }
}

#[test]
fn every_input_is_one_record_in_sorted_order() {
    let c = corpus(N);
    let summary = c.root.parent().expect("parent").join("summary.json");
    let out = run(declx()
        .args(["extract", "--jobs", "2", "--summary"])
        .arg(&summary)
        .arg(&c.root));
    let recs = records(&out);
    assert_eq!(recs.len() as u64, N, "records out = inputs");
    let got: Vec<String> = recs.iter().map(path_of).collect();
    let want: Vec<String> = c
        .sorted
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(got, want, "records come in sorted path order");

    let mut bad = 0;
    for r in &recs {
        let p = PathBuf::from(path_of(r));
        if let Some(Kind::Bad(b)) = c.kinds.get(&p) {
            bad += 1;
            let k = kind_of(r).unwrap_or_else(|| panic!("{p:?} ({b:?}) should be an error record"));
            assert!(
                b.expected_kinds().iter().any(|e| e.as_str() == k),
                "{p:?} is {b:?}, got kind {k}"
            );
        }
    }
    assert!(bad > 10, "the corpus mixes in bad files ({bad})");

    // Exit status 1 (error records), one stderr line per failed file, naming it.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for r in recs.iter().filter(|r| kind_of(r).is_some()) {
        assert!(stderr.contains(&path_of(r)), "stderr names {}", path_of(r));
    }
    let s: Value =
        serde_json::from_slice(&std::fs::read(&summary).expect("summary")).expect("json");
    assert_eq!(s["files"], N);
    assert_eq!(s["records"], N);
    let by_kind: u64 = s["errors_by_kind"]
        .as_object()
        .expect("map")
        .values()
        .map(|v| v.as_u64().unwrap_or(0))
        .sum();
    assert_eq!(s["errors"].as_u64(), Some(by_kind));
    assert_eq!(s["exit_code"], 1);
}

#[test]
fn jobs_1_and_2_give_byte_identical_output() {
    let c = corpus(N);
    let one = run(declx().args(["extract", "-q", "--jobs", "1"]).arg(&c.root));
    let two = run(declx().args(["extract", "-q", "--jobs", "2"]).arg(&c.root));
    let tiny_window = run(declx()
        .args(["extract", "-q", "--jobs", "2", "--window", "1"])
        .arg(&c.root));
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ");
    assert!(one.stdout == tiny_window.stdout, "--window 1 differs");
    let pretty1 = run(declx()
        .args(["extract", "-q", "--pretty", "--jobs", "1"])
        .arg(&c.root));
    let pretty2 = run(declx()
        .args(["extract", "-q", "--pretty", "--jobs", "2"])
        .arg(&c.root));
    assert!(pretty1.stdout == pretty2.stdout);
}

#[test]
fn shards_partition_the_inputs() {
    let c = corpus(N);
    let single = run(declx().args(["extract", "-q"]).arg(&c.root));
    let mut union: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    for k in 1..=3 {
        let part = run(declx()
            .args(["extract", "-q", "--shard", &format!("{k}/3")])
            .arg(&c.root));
        let text = String::from_utf8_lossy(&part.stdout).into_owned();
        assert!(!text.is_empty(), "shard {k} is not empty");
        for line in text.lines() {
            let r: Value = serde_json::from_str(line).expect("json");
            assert!(seen.insert(path_of(&r)), "{} is in two shards", path_of(&r));
            union.push(line.to_string());
        }
    }
    let mut all: Vec<String> = String::from_utf8_lossy(&single.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    union.sort();
    all.sort();
    assert_eq!(union.len() as u64, N);
    assert!(
        union == all,
        "the union of the shards' records is the single run's"
    );
}

#[test]
fn files_from_a_list_or_stdin() {
    let c = corpus(60);
    let list = c.root.parent().expect("parent").join("list.txt");
    let mut text = String::new();
    for p in c.sorted.iter().rev() {
        text.push_str(&format!("{}\n", p.display()));
    }
    text.push('\n'); // blank lines are skipped
    std::fs::write(&list, &text).expect("list");
    let from_file = run(declx().args(["extract", "-q", "--files-from"]).arg(&list));
    let paths: Vec<String> = records(&from_file).iter().map(path_of).collect();
    let want: Vec<String> = c
        .sorted
        .iter()
        .rev()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(paths, want, "list order is kept");

    let from_stdin = output_with_stdin(
        declx().args(["extract", "-q", "--files-from", "-"]),
        text.as_bytes(),
    );
    assert!(from_stdin.stdout == from_file.stdout);
}

#[test]
fn glob_selects_files_inside_directories() {
    let c = corpus(80);
    let pdfs = run(declx()
        .args(["extract", "-q", "--glob", "*.PDF"])
        .arg(&c.root));
    let want = c
        .sorted
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert_eq!(records(&pdfs).len(), want);
    let one_dir = run(declx()
        .args(["extract", "-q", "--glob", "region-1/**/*.txt"])
        .arg(&c.root));
    let recs = records(&one_dir);
    assert!(!recs.is_empty());
    assert!(recs.iter().all(|r| path_of(r).contains("region-1/")));
    // The default takes text and PDF files, not the .docx or .png.
    let all = run(declx().args(["extract", "-q"]).arg(&c.root));
    assert_eq!(records(&all).len(), 80);
}

#[test]
fn a_stalled_file_becomes_a_timeout_record() {
    let c = corpus(40);
    let victim = c.sorted[5].clone();
    let name = victim
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let t0 = Instant::now();
    let out = run(declx()
        .env("DECLX_TEST_HOOK", format!("sleep=30000:{name}"))
        .args(["extract", "-q", "--jobs", "1", "--timeout-per-file", "0.5"])
        .arg(&c.root));
    assert!(t0.elapsed() < Duration::from_secs(20), "the batch moved on");
    let recs = records(&out);
    assert_eq!(recs.len(), 40);
    assert_eq!(path_of(&recs[5]), victim.to_string_lossy());
    assert_eq!(kind_of(&recs[5]).as_deref(), Some("timeout"));
    // The timeout record still identifies the input's bytes.
    let bytes = std::fs::read(&victim).expect("read");
    assert_eq!(recs[5]["source"]["bytes"], bytes.len());
    assert!(
        recs.iter()
            .filter(|r| kind_of(r).as_deref() == Some("timeout"))
            .count()
            == 1
    );
}

#[test]
fn a_panic_becomes_an_internal_record() {
    let c = corpus(40);
    let victim = c.sorted[7]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let out = run(declx()
        .env("DECLX_TEST_HOOK", format!("panic={victim}"))
        .args(["extract", "--jobs", "2"])
        .arg(&c.root));
    let recs = records(&out);
    assert_eq!(recs.len(), 40, "nothing lost");
    assert_eq!(kind_of(&recs[7]).as_deref(), Some("internal"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked at"),
        "no raw panic output: {stderr}"
    );
    assert!(stderr.contains(&victim));
}

/// A walked directory holding a named pipe: opening it would block a worker until the
/// timeout (nobody writes to it), so the walk records it as an `io` error without opening.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_walked_directory_is_an_io_record_at_once() {
    let c = corpus(20);
    let fifo = c.root.join("region-0").join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo unavailable");
        return;
    }
    let t0 = Instant::now();
    let out = run(declx()
        .args(["extract", "-q", "--timeout-per-file", "60"])
        .arg(&c.root));
    assert!(
        t0.elapsed() < Duration::from_secs(30),
        "the pipe was not opened"
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 21, "every walked entry is one record");
    let pipe: Vec<&Value> = recs
        .iter()
        .filter(|r| path_of(r) == fifo.to_string_lossy())
        .collect();
    assert_eq!(pipe.len(), 1);
    assert_eq!(kind_of(pipe[0]).as_deref(), Some("io"));
    let msg = pipe[0]["error"]["message"].as_str().unwrap_or_default();
    assert!(msg.contains("named pipe"), "{msg}");
}

/// `--max-file-size` refuses a larger file before reading it; smaller files are read.
#[test]
fn a_file_over_max_file_size_is_an_io_record() {
    let c = corpus(10);
    let big = c.root.join("big.txt");
    std::fs::write(&big, vec![b'x'; 5000]).expect("write");
    let out = run(declx()
        .args(["extract", "-q", "--max-file-size", "4K"])
        .arg(&c.root));
    let recs = records(&out);
    assert_eq!(recs.len(), 11);
    for r in &recs {
        let bytes = std::fs::metadata(path_of(r)).expect("stat").len();
        if bytes > 4096 {
            assert_eq!(kind_of(r).as_deref(), Some("io"), "{}", path_of(r));
            let msg = r["error"]["message"].as_str().unwrap_or_default();
            assert!(msg.contains("--max-file-size"), "{msg}");
        } else {
            assert_ne!(kind_of(r).as_deref(), Some("io"), "{}", path_of(r));
        }
    }
    assert!(recs.iter().any(|r| path_of(r) == big.to_string_lossy()));
    // A bad size is a usage error, not a run.
    let bad = run(declx()
        .args(["extract", "--max-file-size", "1T"])
        .arg(&c.root));
    assert!(!bad.status.success());
    assert!(bad.stdout.is_empty());
}

fn json_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                let rel = p.strip_prefix(dir).expect("under dir").to_path_buf();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

#[test]
fn output_dir_mirrors_the_tree() {
    let c = corpus(50);
    let out_dir = c.root.parent().expect("parent").join("out");
    // Same stem in one folder: both keep their extension.
    let d = c.root.join("region-2").join("dept-00");
    std::fs::write(d.join("twin.txt"), b"x").expect("write");
    std::fs::write(d.join("twin.pdf"), b"x").expect("write");
    let out = run(declx()
        .args(["extract", "-q", "-o"])
        .arg(&out_dir)
        .arg(&c.root));
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let files = json_files(&out_dir);
    assert_eq!(files.len(), 52);
    for p in &c.sorted {
        let rel = p.strip_prefix(&c.root).expect("rel").with_extension("json");
        let bytes = files.get(&rel).unwrap_or_else(|| panic!("{rel:?} written"));
        let v: Value = serde_json::from_slice(bytes).expect("json");
        assert_eq!(path_of(&v), p.to_string_lossy());
    }
    assert!(files.contains_key(&PathBuf::from("region-2/dept-00/twin.txt.json")));
    assert!(files.contains_key(&PathBuf::from("region-2/dept-00/twin.pdf.json")));
}

#[test]
fn resume_after_a_killed_run_gives_the_uninterrupted_output() {
    let c = corpus(N);
    let base = c.root.parent().expect("parent").to_path_buf();
    let full = base.join("full");
    let resumed = base.join("resumed");
    let o = run(declx()
        .args(["extract", "-q", "-o"])
        .arg(&full)
        .arg(&c.root));
    assert_eq!(o.status.code(), Some(1));
    let want = json_files(&full);
    assert_eq!(want.len() as u64, N);

    // Slow every file down, kill the run part-way.
    let mut child = declx()
        .env("DECLX_TEST_HOOK", "sleep=10:")
        .args(["extract", "-q", "--jobs", "2", "-o"])
        .arg(&resumed)
        .arg(&c.root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let t0 = Instant::now();
    while json_files_count(&resumed) < 40 && t0.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill");
    let _ = child.wait();
    let partial = json_files(&resumed);
    assert!(
        !partial.is_empty() && (partial.len() as u64) < N,
        "killed part-way: {}",
        partial.len()
    );
    for bytes in partial.values() {
        serde_json::from_slice::<Value>(bytes).expect("no half-written .json");
    }

    let summary = base.join("resume-summary.json");
    let o = run(declx()
        .args(["extract", "-q", "--resume", "--summary"])
        .arg(&summary)
        .arg("-o")
        .arg(&resumed)
        .arg(&c.root));
    assert_eq!(o.status.code(), Some(1), "same exit status as the full run");
    assert!(
        json_files(&resumed) == want,
        "final output equals the uninterrupted run's"
    );
    let s: Value =
        serde_json::from_slice(&std::fs::read(&summary).expect("summary")).expect("json");
    assert_eq!(s["files"], N);
    assert_eq!(s["records"], N);
    assert!(s["skipped"].as_u64().unwrap_or(0) >= partial.len() as u64 - 2);

    // A changed input is redone, not skipped.
    let victim = &c.sorted[0];
    std::fs::write(victim, b"changed").expect("write");
    let o = run(declx()
        .args(["extract", "-q", "--resume", "--summary"])
        .arg(&summary)
        .arg("-o")
        .arg(&resumed)
        .arg(&c.root));
    assert_eq!(o.status.code(), Some(1));
    let s: Value =
        serde_json::from_slice(&std::fs::read(&summary).expect("summary")).expect("json");
    assert_eq!(s["skipped"].as_u64(), Some(N - 1));
}

fn json_files_count(dir: &Path) -> usize {
    if dir.exists() {
        json_files(dir).len()
    } else {
        0
    }
}
