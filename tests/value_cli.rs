//! `declx value` as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn declx() -> Command {
    Command::new(env!("CARGO_BIN_EXE_declx"))
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn value_cli_texts_as_arguments() {
    let out = declx()
        .args([
            "value",
            "--unit",
            "万元",
            "16,583.94",
            "全市技术合同成交额≥2600亿元。",
        ])
        .output()
        .expect("run declx");
    assert!(out.status.success());
    let v = lines(&out.stdout);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["text"], "16,583.94");
    // Exact JSON numbers, not floats: the raw text is compared.
    let first = String::from_utf8_lossy(&out.stdout);
    assert!(
        first.contains(r#""value":16583.94,"unit":"万元","yuan":165839400"#),
        "{first}"
    );
    assert_eq!(v[1]["amount"], serde_json::Value::Null);
    assert_eq!(v[1]["thresholds"][0]["op"], ">=");
    assert_eq!(v[1]["thresholds"][0]["unit"], "亿元");
    assert_eq!(v[1]["thresholds"][0]["base_unit"], "元");
    assert!(first.contains(r#""base_value":260000000000"#));
}

#[test]
fn value_cli_streams_stdin_in_order_and_survives_bad_bytes() {
    let mut child = declx()
        .arg("value")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run declx");
    let n = 20_000;
    let mut stdin = child.stdin.take().expect("stdin");
    // Write from another thread: output is read while input is still going in.
    let writer = std::thread::spawn(move || {
        for i in 0..n {
            let line = if i == 7 {
                b"\xff\xfe bad bytes \xe4\xb8\r\n".to_vec()
            } else {
                format!("数量≥{i}项\r\n").into_bytes()
            };
            stdin.write_all(&line).expect("write");
        }
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    assert!(out.status.success());
    let v = lines(&out.stdout);
    assert_eq!(v.len(), n);
    for (i, l) in v.iter().enumerate() {
        if i == 7 {
            assert!(l["text"].as_str().is_some_and(|t| t.contains('\u{FFFD}')));
            continue;
        }
        assert_eq!(
            l["thresholds"][0]["value"],
            serde_json::json!(i),
            "line {i}"
        );
    }
}

#[test]
fn value_cli_help_has_an_example() {
    let out = declx()
        .args(["value", "--help"])
        .output()
        .expect("run declx");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Example: declx value"), "{help}");
    assert!(help.contains("--unit"), "{help}");
}
