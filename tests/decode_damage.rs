//! Undecodable bytes: warnings naming the line, never a crash; garbage is an error.

use declx::decode::decode;
use declx::record::Loc;

fn gbk(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

fn seed() -> String {
    std::fs::read_to_string("fixtures/guangzhou-science-tech-2023.txt").expect("seed")
}

fn lines_warned(d: &declx::decode::Decoded) -> Vec<usize> {
    d.warnings
        .iter()
        .filter(|w| w.code == "decode_error")
        .filter_map(|w| w.loc.as_ref().and_then(Loc::line))
        .collect()
}

#[test]
fn invalid_utf8_in_the_middle_warns_with_the_line() {
    let s = seed();
    let mut lines: Vec<String> = s.split('\n').map(str::to_string).collect();
    let mut bytes = Vec::new();
    for (i, l) in lines.iter_mut().enumerate() {
        bytes.extend_from_slice(l.as_bytes());
        if i == 11 {
            bytes.extend_from_slice(&[0xFF, 0xFE, 0x80]);
        }
        bytes.push(b'\n');
    }
    let d = decode(&bytes, None).expect("a damaged text is still text");
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(lines_warned(&d), vec![12]);
    let w = &d.warnings[0];
    assert!(
        w.message.contains("UTF-8") && w.message.contains("line 12"),
        "{}",
        w.message
    );
    assert!(d.text.contains('\u{FFFD}'));
}

#[test]
fn invalid_gbk_in_the_middle_warns_with_the_line_crlf() {
    let s = seed().replace('\n', "\r\n");
    let mut bytes = gbk(&s);
    // A lone lead byte before the first CR of line 8.
    let mut line = 1;
    let mut at = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        }
        if line == 8 && b == b'\r' {
            at = Some(i);
            break;
        }
    }
    let at = at.expect("line 8");
    bytes.insert(at, 0x81);
    let d = decode(&bytes, None).expect("decodes");
    assert_eq!(d.encoding, "GBK");
    assert_eq!(lines_warned(&d), vec![8]);
}

#[test]
fn invalid_bytes_on_cr_only_lines() {
    let bytes =
        b"\xb2\xbf\xc3\xc5\xc3\xfb\xb3\xc6\r\xd4\xa4\xcb\xe3\r\xff\r\xbd\xf0\xb6\xee".to_vec();
    let d = decode(&bytes, None).expect("decodes");
    assert_eq!(d.encoding, "GBK");
    assert_eq!(lines_warned(&d), vec![3]);
}

#[test]
fn truncated_utf8_character_at_the_end() {
    let s = seed();
    let bytes = &s.as_bytes()[..s.len() - 2];
    let cut = bytes.iter().rposition(|&b| b >= 0xC0).expect("a lead byte");
    let d = decode(&bytes[..cut + 1], None).expect("decodes");
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.warnings.len(), 1);
}

#[test]
fn many_damaged_lines_are_capped() {
    let mut bytes = Vec::new();
    for i in 0..100 {
        bytes
            .extend_from_slice(gbk(&format!("第{i}行\t部门预算支出\t预算金额（万元）")).as_slice());
        bytes.extend_from_slice(b"\x81\n");
    }
    let d = decode(&bytes, None).expect("decodes");
    assert_eq!(d.encoding, "GBK");
    assert_eq!(lines_warned(&d).len(), 20);
    assert_eq!(d.warnings.len(), 21);
    assert!(
        d.warnings[20].message.contains("80 more"),
        "{}",
        d.warnings[20].message
    );
}

#[test]
fn mostly_garbage_is_an_encoding_error_with_a_position() {
    let mut bytes = b"ok\n".to_vec();
    bytes.extend(std::iter::repeat_n([0xFFu8, 0x81], 200).flatten());
    let err = decode(&bytes, encoding_rs::Encoding::for_label(b"gbk")).expect_err("garbage");
    match err {
        declx::Error::Encoding { position, .. } => {
            assert_eq!(position.line, Some(2));
            assert_eq!(position.byte, Some(3));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn invisible_debris_is_no_content() {
    // Copy and paste leaves zero-width spaces, soft hyphens, a BOM mid-text and NULs:
    // they show nothing, so the text reads as without them (`1,2\u{AD}06` is 1,206).
    let s = seed();
    let dirty: String = s
        .split('\n')
        .enumerate()
        .map(|(i, l)| match i % 4 {
            0 => l.replacen("部门", "部\u{200B}门", 1),
            1 => l.replacen(',', ",\u{AD}", 1),
            2 => format!("\u{FEFF}{l}\u{0}"),
            _ => l.replacen('万', "\u{200D}万\u{2060}", 1),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(dirty, s);
    let d = decode(dirty.as_bytes(), None).expect("text");
    assert_eq!(d.text, s);
    assert!(d.warnings.is_empty());
}

/// A GBK text read as Windows-1252 and saved as UTF-8, as an archive holds it.
fn mojibake(s: &str) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&gbk(s))
        .0
        .into_owned()
}

#[test]
fn mojibake_of_gbk_is_turned_back_when_lossless() {
    let s = seed();
    let m = mojibake(&s);
    assert!(m.starts_with("²¿ÃÅ") || m.contains("²¿ÃÅ"), "{}", &m[..40]);
    let d = decode(m.as_bytes(), None).expect("mojibake is read back");
    assert_eq!(d.text, s);
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(
        d.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
        vec!["mojibake_repaired"]
    );
    // Latin-1 read (the C1 controls kept) is the same text.
    let latin1: String = gbk(&s).iter().map(|&b| char::from(b)).collect();
    assert_eq!(decode(latin1.as_bytes(), None).expect("text").text, s);
}

#[test]
fn mojibake_that_lost_a_byte_is_an_encoding_error() {
    // 垚 is 88 90 in GBK; Windows-1252 defines no 0x90, and a converter that replaces
    // such bytes leaves U+FFFD: what the byte was cannot be told.
    let s = format!("{}填表人：李垚\n", seed());
    let m = mojibake(&s).replace('\u{90}', "\u{FFFD}");
    assert!(m.contains('\u{FFFD}'));
    match decode(m.as_bytes(), None) {
        Err(declx::error::Error::Encoding { message, .. }) => {
            assert!(message.contains("mojibake"), "{message}")
        }
        other => panic!(
            "expected an encoding error, got {:?}",
            other.map(|d| d.warnings)
        ),
    }
}

#[test]
fn latin_text_is_not_mojibake() {
    let s = "Société générale: élève, café, crème brûlée, à côté, déjà vu, façade, naïve, Noël, Zürich, Ångström.\n".repeat(3);
    // (Detection may still take such a text for GBK, as before: it is no form either
    // way; what matters here is that no byte round trip is claimed.)
    let d = decode(s.as_bytes(), None).expect("text");
    assert!(d.warnings.iter().all(|w| w.code != "mojibake_repaired"));
}
