//! `declx extract` / `declx schema` as a user meets them: options, exit codes, messages.

use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::Value;

mod common;

use common::{declx, output_with_stdin};

fn run(args: &[&str]) -> Output {
    declx()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("declx runs")
}

const FIXTURE: &str = "fixtures/guangzhou-science-tech-2023.txt";

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let missing_list = dir.path().join("no-such-list");
    let cases: Vec<Vec<&str>> = vec![
        vec!["extract"],
        vec!["extract", "--no-such-option", FIXTURE],
        vec!["extract", "--shard", "0/3", FIXTURE],
        vec!["extract", "--shard", "4/3", FIXTURE],
        vec!["extract", "--shard", "two", FIXTURE],
        vec!["extract", "--encoding", "klingon", FIXTURE],
        vec![
            "extract",
            "--files-from",
            missing_list.to_str().expect("utf-8"),
        ],
        vec!["extract", "--resume", FIXTURE],
        vec!["extract", "--jobs", "0", FIXTURE],
        vec!["extract", "--fail-on", "sometimes", FIXTURE],
        vec!["extract", "--timeout-per-file", "-1", FIXTURE],
        vec!["extract", "--files-from", "-", "-"],
        vec!["no-such-command"],
    ];
    for args in cases {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert!(!out.stderr.is_empty(), "{args:?}: says why");
    }
}

#[test]
fn error_records_exit_1_and_name_the_file() {
    let out = run(&["extract", "-q", "no-such-file.txt", FIXTURE]);
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 2, "one record per input, even failed ones");
    assert_eq!(lines[0]["error"]["kind"], "io");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("no-such-file.txt"))
        .collect();
    assert_eq!(failed.len(), 1, "one line for the failed file: {stderr}");
    assert_eq!(out.status.code(), Some(1));
    let never = run(&["extract", "-q", "--fail-on", "never", "no-such-file.txt"]);
    assert_eq!(never.status.code(), Some(0));
    // --quiet drops the summary but still names failed files.
    assert!(!stderr.contains("files,"), "no summary with -q");
}

#[test]
fn summary_goes_to_stderr_records_to_stdout() {
    let out = run(&["extract", FIXTURE]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 files, 1 records"), "{stderr}");
    assert!(stderr.contains("MB/s"));
}

#[test]
fn stdin_and_pretty() {
    let bytes = std::fs::read(FIXTURE).expect("fixture");
    let out = output_with_stdin(declx().args(["extract", "-q", "--pretty", "-"]), &bytes);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().count() > 5, "indented");
    let v: Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(v["source"]["path"], "-");
    assert_eq!(v["source"]["bytes"], bytes.len());
}

#[test]
fn output_dir_names() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).expect("mkdir");
    std::fs::create_dir_all(&b).expect("mkdir");
    std::fs::write(a.join("x.txt"), "x").expect("write");
    std::fs::write(b.join("x.txt"), "y").expect("write");
    std::fs::write(a.join("y.txt"), "z").expect("write");
    let out_dir = dir.path().join("out");
    let o = |args: &[&Path]| {
        let mut c = declx();
        c.args(["extract", "-q", "-o"]).arg(&out_dir);
        for p in args {
            c.arg(p);
        }
        c.stdin(Stdio::null()).output().expect("runs")
    };
    // Distinct stems: flat names.
    o(&[&a.join("x.txt"), &a.join("y.txt")]);
    assert!(out_dir.join("x.json").is_file());
    assert!(out_dir.join("y.json").is_file());
    std::fs::remove_dir_all(&out_dir).expect("rm");
    // Same stem from two folders: both mirror their path.
    o(&[&a.join("x.txt"), &b.join("x.txt")]);
    let mirror = |p: &Path| {
        let rel: std::path::PathBuf = p
            .components()
            .filter(|c| matches!(c, std::path::Component::Normal(_)))
            .collect();
        out_dir.join(rel).with_extension("json")
    };
    assert!(mirror(&a.join("x.txt")).is_file());
    assert!(mirror(&b.join("x.txt")).is_file());
    // --files-from mirrors the listed path; a same-stem neighbour keeps its extension.
    std::fs::remove_dir_all(&out_dir).expect("rm");
    std::fs::write(a.join("x.pdf"), "%PDF-").expect("write");
    let list = dir.path().join("list");
    std::fs::write(
        &list,
        format!(
            "{}\n{}\n",
            a.join("x.txt").display(),
            a.join("x.pdf").display()
        ),
    )
    .expect("list");
    let mut c = declx();
    c.args(["extract", "-q", "-o"])
        .arg(&out_dir)
        .arg("--files-from")
        .arg(&list);
    c.stdin(Stdio::null()).output().expect("runs");
    assert!(mirror(&a.join("x.txt")).is_file());
    assert!(mirror(&a.join("x.pdf.json"))
        .with_extension("json")
        .is_file());
    // No temp files left behind.
    let leftovers = std::fs::read_dir(&out_dir)
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .map(|e| e.file_name().to_string_lossy().contains("declx-tmp"))
                .unwrap_or(false)
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn help_explains_every_option_with_an_example() {
    let out = run(&["extract", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for opt in [
        "--files-from",
        "--glob",
        "--pretty",
        "--output-dir",
        "--resume",
        "--jobs",
        "--shard",
        "--timeout-per-file",
        "--fail-on",
        "--summary",
        "--quiet",
        "--window",
        "--encoding",
        "--password",
    ] {
        let at = help.find(opt).unwrap_or_else(|| panic!("{opt} in --help"));
        let section = &help[at..];
        let next = section[2..]
            .find("\n  -")
            .map(|i| i + 2)
            .unwrap_or(section.len());
        assert!(section[..next].contains("Example"), "{opt} has an example");
    }
    assert!(help.contains("Exit status"));
}

#[test]
fn schema_prints_the_json_schema() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v.is_object());
}

#[test]
fn error_records_match_the_schema() {
    let schema: Value = serde_json::from_slice(&run(&["schema"]).stdout).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let dir = tempfile::tempdir().expect("tmp");
    declx::synth::write_corpus(dir.path(), 40, 9, 50).expect("corpus");
    let out = declx()
        .args(["extract", "-q"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: Value = serde_json::from_str(line).expect("json");
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?} in {line}");
    }
}

#[test]
fn exit_status_follows_fail_on() {
    // The fixture reads cleanly (all checks hold) but has warnings.
    let code = |args: &[&str]| run(args).status.code();
    assert_eq!(code(&["extract", "-q", FIXTURE]), Some(0));
    assert_eq!(
        code(&["extract", "-q", "--fail-on", "check", FIXTURE]),
        Some(0)
    );
    assert_eq!(
        code(&["extract", "-q", "--fail-on", "warning", FIXTURE]),
        Some(1)
    );
    // One task amount changed: task amounts ≠ 财政专项资金, a failed check.
    let dir = tempfile::tempdir().expect("tmp");
    let off = dir.path().join("off-by-one.txt");
    let text = std::fs::read_to_string(FIXTURE).expect("fixture");
    std::fs::write(&off, text.replace("106,891.00", "106,892.00")).expect("write");
    let off = off.to_str().expect("utf-8");
    assert_eq!(
        code(&["extract", "-q", off]),
        Some(0),
        "a failed check is a finding, not an error"
    );
    assert_eq!(code(&["extract", "-q", "--fail-on", "check", off]), Some(1));
    assert_eq!(
        code(&["extract", "-q", "--fail-on", "never", off, "missing.txt"]),
        Some(0)
    );
    let s = dir.path().join("s.json");
    run(&[
        "extract",
        "-q",
        "--summary",
        s.to_str().expect("utf-8"),
        off,
        FIXTURE,
    ]);
    let v: Value = serde_json::from_slice(&std::fs::read(&s).expect("summary")).expect("json");
    assert_eq!(v["ok"], 2);
    assert!(v["checks_failed"].as_u64().unwrap_or(0) >= 1);
    assert_eq!(v["records_with_failed_checks"], 1);
    assert!(v["warnings"].as_u64().unwrap_or(0) >= 2);
}
