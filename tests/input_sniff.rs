//! Bad input through the whole pipeline: always one record, with the right error kind and
//! a message that says what the file is.

use declx::{extract_bytes, ErrorKind, Options, Record};

fn run(bytes: &[u8]) -> Record {
    extract_bytes("in.bin", bytes, &Options::default())
}

fn kind_and_message(bytes: &[u8]) -> (ErrorKind, String) {
    let r = run(bytes);
    let e = r
        .error()
        .unwrap_or_else(|| panic!("expected an error record: {}", r.to_json_line()));
    (e.kind, e.message.clone())
}

fn assert_unsupported(bytes: &[u8], words: &str) {
    let (kind, msg) = kind_and_message(bytes);
    assert_eq!(kind, ErrorKind::UnsupportedFormat, "{msg}");
    assert!(msg.contains(words), "{msg:?} should mention {words:?}");
}

fn zip_with(name: &str) -> Vec<u8> {
    let mut b = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    b.extend_from_slice(&[0; 16]);
    b.extend_from_slice(name.as_bytes());
    b.extend_from_slice(&[0x78, 0x9c, 0x00, 0xff, 0x13]);
    b
}

#[test]
fn empty_file() {
    let (kind, msg) = kind_and_message(b"");
    assert_eq!(kind, ErrorKind::Empty);
    assert!(msg.contains("empty"), "{msg}");
}

#[test]
fn blank_file_in_any_encoding() {
    for bytes in [
        &b" \r\n\t\n"[..],
        b"\xef\xbb\xbf",
        b"\xff\xfe\x20\x00\x0a\x00",
    ] {
        assert_eq!(kind_and_message(bytes).0, ErrorKind::Empty);
    }
}

#[test]
fn office_and_archives() {
    assert_unsupported(&zip_with("word/document.xml"), "Word");
    assert_unsupported(&zip_with("xl/workbook.xml"), "Excel");
    assert_unsupported(
        &zip_with("mimetypeapplication/vnd.oasis.opendocument.text"),
        "OpenDocument",
    );
    assert_unsupported(&zip_with("OFD.xml"), "OFD");
    assert_unsupported(&zip_with("data.csv"), "ZIP");
    assert_unsupported(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0", ".doc");
    assert_unsupported(b"{\\rtf1\\ansi\\ansicpg936 \\'b2\\'bf}", "RTF");
    assert_unsupported(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], "gzip");
    assert_unsupported(b"7z\xbc\xaf\x27\x1c\0\x04", "7z");
    assert_unsupported(b"Rar!\x1a\x07\x01\0", "RAR");
}

#[test]
fn images_say_run_ocr() {
    assert_unsupported(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "OCR");
    assert_unsupported(b"\xff\xd8\xff\xe0\0\x10JFIF\0", "OCR");
    assert_unsupported(b"GIF89a\x01\0\x01\0", "image");
    assert_unsupported(b"II*\0\x08\0\0\0", "image");
}

#[test]
fn executables() {
    let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
    elf.extend_from_slice(&[0; 56]);
    assert_unsupported(&elf, "executable");
    let mut pe = b"MZ".to_vec();
    pe.resize(0x40, 0);
    pe[0x3c] = 0x40;
    pe.extend_from_slice(b"PE\0\0");
    assert_unsupported(&pe, "executable");
}

#[test]
fn binary_data() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_unsupported(&bytes, "binary");
    assert_unsupported(&[0u8; 100], "binary");
    assert_unsupported(b"\x01\x02\x03\x04\x05\x06", "binary");
}

#[test]
fn text_starting_like_magic_is_still_text() {
    // "MZ" and "BM" start ordinary words; without the rest of the header they are text.
    for t in ["MZ 部门名称\t某局\n", "BM 部门名称\t某局\n"] {
        assert_eq!(
            kind_and_message(t.as_bytes()).0,
            ErrorKind::NotADeclaration,
            "{t}"
        );
    }
}

#[test]
fn text_that_is_not_a_declaration() {
    let gbk = encoding_rs::GBK
        .encode("关于印发《2023年工作要点》的通知\n各区人民政府：\n")
        .0;
    let r = run(&gbk);
    assert_eq!(r.error().map(|e| e.kind), Some(ErrorKind::NotADeclaration));
    assert_eq!(
        r.source().encoding.as_deref(),
        Some("GBK"),
        "the failure still says how it was read"
    );
}

#[test]
fn utf16_without_bom_is_text_not_binary() {
    let s = std::fs::read_to_string("fixtures/guangzhou-science-tech-2023.txt").expect("seed");
    let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let r = run(&bytes);
    assert_ne!(
        r.error().map(|e| e.kind),
        Some(ErrorKind::UnsupportedFormat)
    );
    assert_eq!(r.source().encoding.as_deref(), Some("UTF-16LE"));
}

#[test]
fn utf32_is_named() {
    assert_unsupported(b"\xff\xfe\0\0a\0\0\0", "UTF-32");
}

#[test]
fn pdf_header_after_junk_is_pdf() {
    let r = run(b"junk\n%PDF-1.7\n%%EOF");
    assert_eq!(r.source().format, declx::record::Format::Pdf);
}

#[test]
fn a_stray_nul_in_a_long_text_is_tolerated() {
    let mut s = std::fs::read("fixtures/guangzhou-science-tech-2023.txt").expect("seed");
    s.insert(500, 0);
    let r = run(&s);
    assert_ne!(
        r.error().map(|e| e.kind),
        Some(ErrorKind::UnsupportedFormat)
    );
}
