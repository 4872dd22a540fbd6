//! The compact record writer against serde_json on the derived `Serialize`: the same
//! bytes for every fixture (text, CSV, PDF, broken inputs), for generated declarations and
//! bad files, and for the JSON-unfriendly text a path or an error message can carry.

use std::path::Path;

use declx::{extract_bytes, extract_path, synth, Options, Record};

fn same(rec: &Record, what: &str) {
    let fast = rec.to_json_line();
    let serde = rec.to_json_line_serde();
    assert_eq!(fast, serde, "{what}");
    assert_eq!(rec.to_json_bytes(), serde.into_bytes(), "{what}");
}

#[test]
fn fixtures_written_as_serde_json_writes_them() {
    let mut n = 0;
    let mut dirs = vec![Path::new("fixtures").to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            if p.to_string_lossy().ends_with(".json") {
                continue;
            }
            same(&extract_path(&p, &Options::default()), &p.to_string_lossy());
            n += 1;
        }
    }
    assert!(n > 20, "only {n} fixtures");
}

#[test]
fn generated_files_written_as_serde_json_writes_them() {
    for i in 0..300 {
        let f = synth::file(7, i, 20);
        let path = format!("gen/{i}.{}", if i % 50 == 0 { "pdf" } else { "txt" });
        same(&extract_bytes(&path, &f.bytes, &Options::default()), &path);
    }
}

#[test]
fn awkward_paths_and_messages_escaped_alike() {
    for path in [
        "a\"b\\c.txt",
        "tab\there\nnewline\r\u{1}\u{7f}.txt",
        "目录/申报表 “2023”.txt",
        "",
    ] {
        for bytes in [
            &b""[..],
            b"\x00\x01\x02binary",
            "部门名称\t某局\n".as_bytes(),
        ] {
            same(&extract_bytes(path, bytes, &Options::default()), path);
        }
    }
}
