//! The batch promise: for any bytes at all, `extract_bytes` returns exactly one record, never
//! panics (a caught panic would show as an `internal` error), and the record is valid JSON
//! that satisfies the published schema. Inputs: arbitrary bytes, and the seed declaration
//! mutated the way real files are damaged (edited cells, lost lines, stray tabs and
//! garbage, truncation, another encoding).

use std::sync::OnceLock;

use declx::{extract_bytes, ErrorKind, Options, Record};
use proptest::prelude::*;

const SEED: &str = include_str!("../fixtures/guangzhou-science-tech-2023.txt");

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(declx::schema::DECLARATION_SCHEMA).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema compiles")
    })
}

fn check(bytes: &[u8], opts: &Options) -> Result<(), TestCaseError> {
    let record: Record = extract_bytes("case.txt", bytes, opts);
    if let Some(e) = record.error() {
        prop_assert_ne!(
            e.kind,
            ErrorKind::Internal,
            "a panic was caught: {}",
            e.message
        );
    }
    prop_assert_eq!(record.source().bytes, bytes.len() as u64);
    let line = record.to_json_line();
    prop_assert!(!line.contains('\n'), "one record is one line");
    let value: serde_json::Value = serde_json::from_str(&line)
        .map_err(|e| TestCaseError::fail(format!("not JSON ({e}): {line}")))?;
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    prop_assert!(
        errors.is_empty(),
        "schema violations {:?} in {}",
        errors,
        line
    );
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    EditCell {
        line: usize,
        cell: usize,
        text: String,
    },
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertTabs {
        line: usize,
        at: usize,
        n: usize,
    },
    InsertGarbage {
        line: usize,
        at: usize,
        bytes: Vec<u8>,
    },
}

/// Cell contents that exercise the value readers: numbers in many spellings, comparisons,
/// units, labels, and random text.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("83, 179. 29".to_string()),
        Just("１２，３４５．６".to_string()),
        Just("一百二十万".to_string()),
        Just("≥90%".to_string()),
        Just("80%～90%".to_string()),
        Just("不低于800项".to_string()),
        Just("2600亿元".to_string()),
        Just("-0.00".to_string()),
        Just("99999999999999999999999999999999".to_string()),
        Just("1e308".to_string()),
        Just("预算金额（万元）".to_string()),
        Just("产出指标".to_string()),
        Just("效益指标".to_string()),
        Just("≥".to_string()),
        Just("%".to_string()),
        "\\PC{0,12}",
        "[0-9,. ]{0,10}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let line = 0usize..40;
    prop_oneof![
        4 => (line.clone(), 0usize..6, cell_text())
            .prop_map(|(line, cell, text)| Mutation::EditCell { line, cell, text }),
        2 => line.clone().prop_map(Mutation::DeleteLine),
        1 => line.clone().prop_map(Mutation::DuplicateLine),
        1 => (line.clone(), line.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (line.clone(), 0usize..200, 1usize..4)
            .prop_map(|(line, at, n)| Mutation::InsertTabs { line, at, n }),
        1 => (line, 0usize..200, proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(line, at, bytes)| Mutation::InsertGarbage { line, at, bytes }),
    ]
}

/// Apply mutations to the seed, as byte lines (garbage may make them invalid UTF-8).
fn mutate(muts: &[Mutation]) -> Vec<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = SEED.split('\n').map(|l| l.as_bytes().to_vec()).collect();
    for m in muts {
        let n = lines.len().max(1);
        match m {
            Mutation::EditCell { line, cell, text } => {
                if let Some(l) = lines.get_mut(line % n) {
                    let s = String::from_utf8_lossy(l).into_owned();
                    let mut cells: Vec<String> = s.split('\t').map(str::to_string).collect();
                    let k = cell % cells.len().max(1);
                    if let Some(c) = cells.get_mut(k) {
                        *c = text.clone();
                    }
                    *l = cells.join("\t").into_bytes();
                }
            }
            Mutation::DeleteLine(i) => {
                if !lines.is_empty() {
                    lines.remove(i % n);
                }
            }
            Mutation::DuplicateLine(i) => {
                if let Some(l) = lines.get(i % n).cloned() {
                    lines.insert(i % n, l);
                }
            }
            Mutation::SwapLines(a, b) => {
                if !lines.is_empty() {
                    lines.swap(a % n, b % n);
                }
            }
            Mutation::InsertTabs { line, at, n: tabs } => {
                if let Some(l) = lines.get_mut(line % n) {
                    let at = at % (l.len() + 1);
                    // Keep UTF-8 characters whole so the text stays text.
                    let at = (0..=at)
                        .rev()
                        .find(|&i| i == l.len() || (l[i] as i8) >= -0x40)
                        .unwrap_or(0);
                    l.splice(at..at, std::iter::repeat_n(b'\t', *tabs));
                }
            }
            Mutation::InsertGarbage { line, at, bytes } => {
                if let Some(l) = lines.get_mut(line % n) {
                    let at = at % (l.len() + 1);
                    l.splice(at..at, bytes.iter().copied());
                }
            }
        }
    }
    lines
}

#[derive(Debug, Clone, Copy)]
enum Wire {
    Utf8,
    Utf8Bom,
    Gbk,
    Utf16Le,
    Utf16BeBom,
}

fn encode(lines: &[Vec<u8>], wire: Wire, crlf: bool) -> Vec<u8> {
    let sep: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let joined = lines.join(sep);
    let text = String::from_utf8_lossy(&joined);
    match wire {
        Wire::Utf8 => joined,
        Wire::Utf8Bom => [&b"\xef\xbb\xbf"[..], &joined].concat(),
        Wire::Gbk => encoding_rs::GBK.encode(&text).0.into_owned(),
        Wire::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Wire::Utf16BeBom => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
    }
}

fn wire() -> impl Strategy<Value = Wire> {
    prop_oneof![
        3 => Just(Wire::Utf8),
        1 => Just(Wire::Utf8Bom),
        2 => Just(Wire::Gbk),
        1 => Just(Wire::Utf16Le),
        1 => Just(Wire::Utf16BeBom),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, &Options::default())?;
    }

    #[test]
    fn arbitrary_bytes_forced(bytes in proptest::collection::vec(any::<u8>(), 0..512),
                              label in prop::sample::select(vec!["utf-8", "gbk", "gb18030", "big5", "utf-16le", "utf-16be"])) {
        let opts = Options { encoding: declx::decode::encoding_for_label(label), ..Options::default() };
        check(&bytes, &opts)?;
    }

    #[test]
    fn text_like_bytes(s in "[\\t\\n\\r 0-9,.%≥≤部门名称预算金额万元指标（）]{0,300}", wire in wire()) {
        let lines = vec![s.into_bytes()];
        check(&encode(&lines, wire, false), &Options::default())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn mutated_seed(muts in proptest::collection::vec(mutation(), 0..12),
                    wire in wire(),
                    crlf in any::<bool>(),
                    cut in proptest::option::weighted(0.3, any::<prop::sample::Index>())) {
        let mut bytes = encode(&mutate(&muts), wire, crlf);
        if let Some(cut) = cut {
            let at = cut.index(bytes.len() + 1);
            bytes.truncate(at);
        }
        check(&bytes, &Options::default())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any excerpt of two or more seed lines, in any supported wire form, is detected and
    /// decoded back exactly.
    #[test]
    fn reencoded_excerpts_decode_back(start in 0usize..40, len in 2usize..40, wire in wire(), crlf in any::<bool>()) {
        let lines: Vec<Vec<u8>> = SEED.split('\n').map(|l| l.as_bytes().to_vec()).collect();
        let start = start % lines.len();
        let end = (start + len).min(lines.len());
        let excerpt = &lines[start..end];
        let text = String::from_utf8(excerpt.join(if crlf { &b"\r\n"[..] } else { &b"\n"[..] }))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assume!(!text.is_ascii());
        let want = match wire {
            Wire::Utf8 | Wire::Utf8Bom => "UTF-8",
            Wire::Gbk => "GBK",
            Wire::Utf16Le => "UTF-16LE",
            Wire::Utf16BeBom => "UTF-16BE",
        };
        let d = declx::decode::decode(&encode(excerpt, wire, crlf), None)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(d.encoding.as_str(), want);
        prop_assert!(d.text == text, "text differs");
        prop_assert!(d.warnings.is_empty());
    }
}

/// Fixed cases the strategies reach only by luck.
#[test]
fn edge_cases() {
    let cases: Vec<Vec<u8>> = vec![
        vec![],
        vec![0],
        vec![0xFF],
        vec![0xFE, 0xFF],
        vec![0xFF, 0xFE],
        vec![0xFF, 0xFE, 0x00],
        b"\xef\xbb\xbf".to_vec(),
        b"%PDF-".to_vec(),
        b"%PDF-1.7\n".to_vec(),
        vec![0x84, 0x31, 0x95, 0x33],
        vec![0x81; 3],
        vec![0x81, 0x30],
        SEED.as_bytes()[..SEED.len() / 2].to_vec(),
        SEED.replace('\t', "").into_bytes(),
        SEED.replace('\n', "\r").into_bytes(),
        SEED.replace('\n', "").into_bytes(),
        SEED.repeat(3).into_bytes(),
    ];
    for bytes in cases {
        if let Err(e) = check(&bytes, &Options::default()) {
            panic!("{bytes:02x?}: {e}");
        }
    }
}
