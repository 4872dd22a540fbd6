//! The seed declaration re-encoded: detection must give back the UTF-8 original.

use declx::decode::{decode, encoding_for_label};

const SEED: &str = "fixtures/guangzhou-science-tech-2023.txt";

fn seed() -> String {
    std::fs::read_to_string(SEED).expect("seed fixture")
}

fn fixture(suffix: &str) -> Vec<u8> {
    let path = format!("fixtures/guangzhou-science-tech-2023.{suffix}.txt");
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run scripts/make-encoding-fixtures.py)"))
}

fn assert_decodes(bytes: &[u8], want_encoding: &str, want_text: &str) {
    let d = decode(bytes, None).expect("decodes");
    assert_eq!(d.encoding, want_encoding);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    assert!(d.text == want_text, "text differs from the seed");
}

#[test]
fn utf8_plain() {
    let s = seed();
    assert_decodes(s.as_bytes(), "UTF-8", &s);
}

#[test]
fn utf8_with_bom_is_stripped() {
    assert_decodes(&fixture("utf8-bom"), "UTF-8", &seed());
}

#[test]
fn gbk() {
    assert_decodes(&fixture("gbk"), "GBK", &seed());
}

#[test]
fn gb18030_with_crlf() {
    // The seed needs no four-byte sequence, so these bytes are valid GBK and say so.
    let s = seed().replace('\n', "\r\n");
    assert_decodes(&fixture("gb18030-crlf"), "GBK", &s);
}

#[test]
fn gb18030_with_a_four_byte_character() {
    let s = format!("{}\n备注\t注册商标®\n", seed());
    let (bytes, _, bad) = encoding_rs::GB18030.encode(&s);
    assert!(!bad);
    assert_decodes(&bytes, "GB18030", &s);
}

#[test]
fn utf16le_with_bom() {
    assert_decodes(&fixture("utf16le-bom"), "UTF-16LE", &seed());
}

#[test]
fn utf16be_without_bom() {
    let s = seed();
    let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_decodes(&bytes, "UTF-16BE", &s);
}

#[test]
fn utf16le_without_bom() {
    let s = seed();
    let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_decodes(&bytes, "UTF-16LE", &s);
}

#[test]
fn utf16be_with_bom_and_cr_line_ends() {
    let s = seed().replace('\n', "\r");
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    assert_decodes(&bytes, "UTF-16BE", &s);
}

/// Big5 cannot write the simplified seed: a traditional-Chinese declaration excerpt.
const TRADITIONAL: &str = "部門整體預算績效目標申報表\n\
部門名稱\t臺北市政府科學技術局\t\t\t\n\
預算整體情況\t部門預算支出\t預算金額（萬元）\t收入來源\t預算金額（萬元）\n\
\t基本支出\t16,583.94\t財政撥款\t450,385.73\n\
總體績效目標\t推動科技成果轉化，促進產業鏈創新鏈深度融合。\n\
產出指標\t數量指標\t開展項目數量\t≧800項\t≧800項\n\
滿意度指標\t服務對象滿意度指標\t滿意度\t≧90%\t≧90%\n";

#[test]
fn big5_traditional() {
    let (bytes, _, bad) = encoding_rs::BIG5.encode(TRADITIONAL);
    assert!(!bad);
    assert_decodes(&bytes, "Big5", TRADITIONAL);
}

#[test]
fn forced_encoding_is_used_and_named() {
    let gbk = fixture("gbk");
    let d = decode(&gbk, encoding_for_label("GB18030")).expect("decodes");
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d.text, seed());
    let d = decode(&gbk, encoding_for_label(" gb2312 ")).expect("decodes");
    assert_eq!(d.encoding, "GBK");
    let d = decode(&fixture("utf16le-bom"), encoding_for_label("utf-16")).expect("decodes");
    assert_eq!(d.encoding, "UTF-16LE");
    assert_eq!(d.text, seed(), "a forced encoding still drops its BOM");
    let d = decode(&fixture("utf8-bom"), encoding_for_label("UTF8")).expect("decodes");
    assert_eq!(d.text, seed());
}

#[test]
fn forcing_the_wrong_encoding_is_an_encoding_error() {
    let err = decode(&fixture("gbk"), encoding_for_label("utf-8")).expect_err("garbage");
    assert_eq!(err.kind(), declx::ErrorKind::Encoding);
    let msg = err.to_string();
    assert!(msg.contains("UTF-8") && msg.contains("--encoding"), "{msg}");
}

#[test]
fn labels() {
    for (label, name) in [
        ("utf-8", "UTF-8"),
        ("utf8", "UTF-8"),
        ("GBK", "GBK"),
        ("gb2312", "GBK"),
        ("gb18030", "GB18030"),
        ("utf-16le", "UTF-16LE"),
        ("UTF-16BE", "UTF-16BE"),
        ("utf-16", "UTF-16LE"),
        ("Big5", "Big5"),
    ] {
        let enc = encoding_for_label(label).unwrap_or_else(|| panic!("{label}"));
        assert_eq!(declx::decode::canonical_name(enc), name, "{label}");
    }
    assert!(encoding_for_label("klingon").is_none());
    assert!(
        encoding_for_label("iso-2022-kr").is_none(),
        "the replacement encoding"
    );
}

/// Through the whole pipeline, each re-encoded fixture gives the seed's record: only
/// `source` (path, bytes, hash, encoding) may differ.
#[test]
fn encoded_fixtures_extract_like_the_seed() {
    fn without_source(path: &str) -> (serde_json::Value, String) {
        let r = declx::extract_path(std::path::Path::new(path), &declx::Options::default());
        let mut v: serde_json::Value = serde_json::from_str(&r.to_json_line()).expect("JSON");
        let enc = v["source"]["encoding"].as_str().unwrap_or("").to_string();
        if let Some(o) = v.as_object_mut() {
            o.remove("source");
        }
        (v, enc)
    }
    let (seed, enc) = without_source(SEED);
    assert_eq!(enc, "UTF-8");
    assert!(seed.get("error").is_none(), "the seed reads: {seed}");
    for (suffix, want) in [
        ("gbk", "GBK"),
        ("gb18030-crlf", "GBK"),
        ("utf16le-bom", "UTF-16LE"),
        ("utf8-bom", "UTF-8"),
    ] {
        let (v, enc) = without_source(&format!(
            "fixtures/guangzhou-science-tech-2023.{suffix}.txt"
        ));
        assert_eq!(enc, want, "{suffix}");
        assert!(v == seed, "{suffix} reads differently from the seed");
    }
}
