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
