//! Every subcommand stops quietly when the reader of its stdout has gone
//! (`declx schema | head -3`): no panic message, no failure exit for `schema`/`value`.
//! The pipe's read end is closed before the child starts, so every write fails (no race).

use std::process::{Command, Stdio};

fn run_into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_declx"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("run declx");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn schema_into_a_closed_pipe_exits_zero_without_panic() {
    let (code, err) = run_into_closed_pipe(&["schema"]);
    assert!(!err.contains("panicked"), "stderr: {err}");
    assert_eq!(code, Some(0), "stderr: {err}");
}

#[test]
fn value_into_a_closed_pipe_exits_zero_without_panic() {
    let (code, err) = run_into_closed_pipe(&["value", "≥95%"]);
    assert!(!err.contains("panicked"), "stderr: {err}");
    assert_eq!(code, Some(0), "stderr: {err}");
}

#[test]
fn extract_into_a_closed_pipe_says_why_it_stopped_without_panic() {
    let (code, err) = run_into_closed_pipe(&["extract", "--quiet", "fixtures"]);
    assert!(!err.contains("panicked"), "stderr: {err}");
    assert!(err.contains("Broken pipe"), "stderr: {err}");
    assert_eq!(code, Some(1), "stderr: {err}");
}
