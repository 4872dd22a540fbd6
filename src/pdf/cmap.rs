//! CMaps: embedded ToUnicode and code→CID maps (parsed here, never panicking), and the
//! predefined CJK encodings (`UniGB-UCS2-H`, `GBK-EUC-H`, …) that pdf-extract panics on,
//! decoded from the codes themselves (UCS-2/UTF-16 code units, GBK/Big5/SJIS bytes via
//! encoding_rs).

use std::collections::HashMap;

/// Cap on entries expanded from ranges: a hostile CMap must not eat memory.
const MAX_ENTRIES: usize = 1 << 18;

/// One codespace range: codes of `len` bytes from `lo` to `hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRange {
    pub len: usize,
    pub lo: u32,
    pub hi: u32,
}

/// What an embedded CMap stream says.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    pub codespace: Vec<CodeRange>,
    /// code → Unicode text (ToUnicode maps).
    pub unicode: HashMap<u32, String>,
    /// code ranges → first CID (encoding CMaps).
    pub cid_ranges: Vec<(u32, u32, u32)>,
    pub cid_chars: HashMap<u32, u32>,
    /// `/Name usecmap`: a predefined CMap this one extends.
    pub use_cmap: Option<String>,
}

impl CMap {
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(c) = self.cid_chars.get(&code) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|(lo, _, start)| start + (code - lo))
    }
}

/// Split the next code off `bytes` by codespace ranges; `(code, length)`.
pub fn next_code(space: &[CodeRange], bytes: &[u8]) -> (u32, usize) {
    let mut code = 0u32;
    for len in 1..=4usize.min(bytes.len()) {
        code = (code << 8) | u32::from(bytes[len - 1]);
        if space
            .iter()
            .any(|r| r.len == len && r.lo <= code && code <= r.hi)
        {
            return (code, len);
        }
    }
    // Not in any range: take the shortest declared length (2 when none is declared).
    let len = space
        .iter()
        .map(|r| r.len)
        .min()
        .unwrap_or(2)
        .clamp(1, 4)
        .min(bytes.len())
        .max(1);
    let code = bytes
        .iter()
        .take(len)
        .fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
    (code, len)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Int(i64),
    Name(String),
    Word(String),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut hex = Vec::new();
                let mut nibble: Option<u8> = None;
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if let Some(v) = (data[i] as char).to_digit(16) {
                        match nibble.take() {
                            Some(h) => hex.push(h << 4 | v as u8),
                            None => nibble = Some(v as u8),
                        }
                    }
                    i += 1;
                }
                if let Some(h) = nibble {
                    hex.push(h << 4);
                }
                i += 1;
                out.push(Tok::Hex(hex));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings do not occur in the parts we read; skip balanced parens.
                let mut depth = 0i32;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Tok::Name(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let w = String::from_utf8_lossy(&data[start..i]).into_owned();
                match w.parse::<i64>() {
                    Ok(n) => out.push(Tok::Int(n)),
                    Err(_) => out.push(Tok::Word(w)),
                }
            }
        }
    }
    out
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'[' | b']' | b'(' | b')' | b'/' | b'%')
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
}

/// UTF-16BE bytes to text; lone surrogates dropped.
pub fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| {
            let hi = u16::from(c[0]);
            let lo = c.get(1).map(|b| u16::from(*b)).unwrap_or(0);
            hi << 8 | lo
        })
        .collect();
    char::decode_utf16(units).filter_map(|r| r.ok()).collect()
}

/// Parse an embedded CMap (ToUnicode or encoding). Unknown content is skipped.
pub fn parse(data: &[u8]) -> CMap {
    let toks = tokens(data);
    let mut cm = CMap::default();
    let mut entries = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let Tok::Word(w) = &toks[i] else {
            if let (Tok::Name(n), Some(Tok::Word(w))) = (&toks[i], toks.get(i + 1)) {
                if w == "usecmap" {
                    cm.use_cmap = Some(n.clone());
                }
            }
            i += 1;
            continue;
        };
        i += 1;
        match w.as_str() {
            "begincodespacerange" => {
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1))
                {
                    cm.codespace.push(CodeRange {
                        len: lo.len().clamp(1, 4),
                        lo: be(lo),
                        hi: be(hi),
                    });
                    i += 2;
                }
            }
            "beginbfchar" => {
                while let (Some(Tok::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                    match dst {
                        Tok::Hex(d) => {
                            cm.unicode.insert(be(src), utf16be(d));
                        }
                        Tok::Name(n) => {
                            if let Some(c) = glyph_name_char(n) {
                                cm.unicode.insert(be(src), c.to_string());
                            }
                        }
                        _ => break,
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1))
                {
                    let (lo, hi) = (be(lo), be(hi));
                    i += 2;
                    match toks.get(i) {
                        Some(Tok::Hex(d)) => {
                            i += 1;
                            if hi < lo || entries + (hi - lo) as usize > MAX_ENTRIES {
                                continue;
                            }
                            entries += (hi - lo) as usize + 1;
                            // Increment the last code unit of the destination.
                            let mut units: Vec<u16> = d
                                .chunks(2)
                                .map(|c| {
                                    u16::from(c[0]) << 8
                                        | c.get(1).map(|b| u16::from(*b)).unwrap_or(0)
                                })
                                .collect();
                            for code in lo..=hi {
                                let s: String = char::decode_utf16(units.iter().copied())
                                    .filter_map(|r| r.ok())
                                    .collect();
                                cm.unicode.insert(code, s);
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                        }
                        Some(Tok::Open) => {
                            i += 1;
                            let mut code = lo;
                            while let Some(Tok::Hex(d)) = toks.get(i) {
                                if code <= hi && entries < MAX_ENTRIES {
                                    cm.unicode.insert(code, utf16be(d));
                                    entries += 1;
                                }
                                code = code.saturating_add(1);
                                i += 1;
                            }
                            if toks.get(i) == Some(&Tok::Close) {
                                i += 1;
                            }
                        }
                        _ => break,
                    }
                }
            }
            "begincidchar" => {
                while let (Some(Tok::Hex(src)), Some(Tok::Int(cid))) =
                    (toks.get(i), toks.get(i + 1))
                {
                    cm.cid_chars
                        .insert(be(src), (*cid).clamp(0, u32::MAX as i64) as u32);
                    i += 2;
                }
            }
            "begincidrange" => {
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Int(cid))) =
                    (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                {
                    let (lo, hi) = (be(lo), be(hi));
                    if lo <= hi {
                        cm.cid_ranges
                            .push((lo, hi, (*cid).clamp(0, u32::MAX as i64) as u32));
                    }
                    i += 3;
                }
            }
            _ => {}
        }
    }
    cm
}

/// Glyph names that carry their code point (`uni4E2D`, `u1F600`) or the common ASCII ones.
pub fn glyph_name_char(name: &str) -> Option<char> {
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 {
            return u32::from_str_radix(&hex[..4], 16)
                .ok()
                .and_then(char::from_u32);
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
        }
    }
    let mut cs = name.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if c.is_ascii_alphabetic() {
            return Some(c);
        }
    }
    let c = match name {
        "space" => ' ',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        "semicolon" => ';',
        "hyphen" | "minus" => '-',
        "percent" => '%',
        "parenleft" => '(',
        "parenright" => ')',
        "slash" => '/',
        "plus" => '+',
        "equal" => '=',
        "less" => '<',
        "greater" => '>',
        "underscore" => '_',
        "quotesingle" => '\'',
        "quotedbl" => '"',
        "numbersign" => '#',
        "ampersand" => '&',
        "asterisk" => '*',
        "at" => '@',
        "exclam" => '!',
        "question" => '?',
        "bracketleft" => '[',
        "bracketright" => ']',
        _ => return None,
    };
    Some(c)
}

/// Adobe-GB1 CID → Unicode, generated from Adobe's `Adobe-GB1-UCS2` CMap by
/// `scripts/make-gb1-table.py` (BSD-3-Clause, see `adobe-gb1-ucs2.LICENSE`): a count N,
/// N big-endian UTF-16 units indexed by CID (0: none; a high surrogate: look in the tail),
/// then (CID, high, low) triples. Static data read in place: nothing is parsed or
/// allocated, so fonts that never need it cost nothing.
static GB1: &[u8] = include_bytes!("adobe-gb1-ucs2.bin");

fn gb1_word(i: usize) -> Option<u16> {
    let b = GB1.get(2 * i..2 * i + 2)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

/// The character of an Adobe-GB1 CID (any supplement up to 5), `None` where Adobe maps
/// it to nothing.
pub fn gb1_char(cid: u32) -> Option<char> {
    let n = usize::from(gb1_word(0)?);
    let cid = usize::try_from(cid).ok().filter(|c| *c < n)?;
    match gb1_word(1 + cid)? {
        0 => None,
        0xD800..=0xDBFF => {
            let mut i = 1 + n;
            while let (Some(c), Some(hi), Some(lo)) =
                (gb1_word(i), gb1_word(i + 1), gb1_word(i + 2))
            {
                if usize::from(c) == cid {
                    return char::decode_utf16([hi, lo]).next()?.ok();
                }
                i += 3;
            }
            None
        }
        u => char::from_u32(u32::from(u)),
    }
}

/// How a predefined (named) CMap turns codes into text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Predefined {
    /// `Identity-H/V`: codes are CIDs; text needs a ToUnicode map or the font's cmap.
    Identity,
    /// `Uni*-UCS2-*`, `Uni*-UTF16-*`: codes are UTF-16 code units.
    Utf16,
    /// Legacy multi-byte encodings (GBK, Big5, Shift-JIS, EUC-KR) decoded by encoding_rs.
    Bytes(&'static encoding_rs::Encoding),
    /// `GB-H/V`: GB 2312 as two 7-bit bytes (0x21–0x7E each), EUC without the high bits.
    Gb7,
}

impl Predefined {
    /// Recognise a predefined CMap name; `None` when unknown.
    pub fn from_name(name: &str) -> Option<Predefined> {
        let base = name
            .strip_suffix("-H")
            .or_else(|| name.strip_suffix("-V"))
            .unwrap_or(name);
        if base == "Identity" {
            return Some(Predefined::Identity);
        }
        if base.starts_with("Uni") && (base.contains("UCS2") || base.contains("UTF16")) {
            return Some(Predefined::Utf16);
        }
        if base == "GB" {
            return Some(Predefined::Gb7);
        }
        let enc: &'static encoding_rs::Encoding = if base.starts_with("GB") {
            encoding_rs::GB18030
        } else if base.contains("B5") || base.starts_with("CNS") {
            encoding_rs::BIG5
        } else if base.contains("RKSJ") {
            encoding_rs::SHIFT_JIS
        } else if base == "EUC" || base == "H" || base == "V" {
            encoding_rs::EUC_JP
        } else if base.starts_with("KSC") {
            encoding_rs::EUC_KR
        } else {
            return None;
        };
        Some(Predefined::Bytes(enc))
    }

    pub fn is_vertical(name: &str) -> bool {
        name.ends_with("-V") || name == "V"
    }

    /// The next code and its length in bytes.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        let Some(&b0) = bytes.first() else {
            return (0, 0);
        };
        let len = match self {
            Predefined::Identity | Predefined::Gb7 => 2,
            Predefined::Utf16 => {
                let unit = be(&bytes[..bytes.len().min(2)]);
                if (0xD800..0xDC00).contains(&unit) {
                    4
                } else {
                    2
                }
            }
            Predefined::Bytes(enc) => {
                let lead = if *enc == encoding_rs::SHIFT_JIS {
                    matches!(b0, 0x81..=0x9F | 0xE0..=0xFC)
                } else {
                    b0 >= 0x81 && b0 != 0xFF
                };
                if !lead {
                    1
                } else if *enc == encoding_rs::GB18030
                    && bytes.get(1).is_some_and(|b| (0x30..=0x39).contains(b))
                {
                    4
                } else if *enc == encoding_rs::EUC_JP && b0 == 0x8F {
                    3
                } else {
                    2
                }
            }
        };
        let len = len.min(bytes.len());
        (be(&bytes[..len]), len)
    }

    /// Text for a code, when the encoding carries it.
    pub fn text(&self, code: u32, len: usize) -> Option<String> {
        let bytes = code.to_be_bytes();
        let bytes = &bytes[4 - len.clamp(1, 4)..];
        match self {
            Predefined::Identity => None,
            Predefined::Utf16 => {
                let s = utf16be(bytes);
                (!s.is_empty()).then_some(s)
            }
            Predefined::Bytes(enc) => {
                let (s, had_errors) = enc.decode_without_bom_handling(bytes);
                (!had_errors && !s.is_empty()).then(|| s.into_owned())
            }
            Predefined::Gb7 => {
                if len != 2 || !bytes.iter().all(|b| (0x21..=0x7E).contains(b)) {
                    return None;
                }
                let euc = [bytes[0] | 0x80, bytes[1] | 0x80];
                let (s, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&euc);
                (!had_errors && !s.is_empty()).then(|| s.into_owned())
            }
        }
    }

    /// CID of a code where it is known without the CMap file: the proportional ASCII
    /// block (CIDs 1–95 in Adobe-GB1, -CNS1, -Japan1, -Korea1).
    pub fn ascii_cid(&self, code: u32, len: usize) -> Option<u32> {
        match self {
            Predefined::Identity => Some(code),
            Predefined::Utf16 if (0x20..=0x7E).contains(&code) => Some(code - 31),
            Predefined::Bytes(_) if len == 1 && (0x20..=0x7E).contains(&code) => Some(code - 31),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar\n\
        1 beginbfrange <0020> <0022> <0041> endbfrange\n\
        1 beginbfrange <0030> <0031> [<6587> <D83DDE00>] endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn parses_tounicode() {
        let cm = parse(TOUNICODE);
        assert_eq!(cm.codespace.len(), 1);
        assert_eq!(cm.unicode.get(&0x10).map(String::as_str), Some("中"));
        assert_eq!(cm.unicode.get(&0x22).map(String::as_str), Some("C"));
        assert_eq!(cm.unicode.get(&0x31).map(String::as_str), Some("😀"));
        assert_eq!(next_code(&cm.codespace, &[0x00, 0x10, 0x41]), (0x10, 2));
    }

    #[test]
    fn garbage_does_not_panic() {
        let cm = parse(b"beginbfrange <FFFFFFFF> <00> <> [ <zz endbfrange <<<< ((( ]]");
        assert!(cm.unicode.len() <= 1);
        let _ = next_code(&[], &[0xFF]);
    }

    #[test]
    fn predefined_cjk() {
        let gbk = Predefined::from_name("GBK-EUC-H").unwrap();
        let bytes = [b'A', 0xD6, 0xD0];
        assert_eq!(gbk.next_code(&bytes), (0x41, 1));
        let (code, len) = gbk.next_code(&bytes[1..]);
        assert_eq!(gbk.text(code, len).as_deref(), Some("中"));
        let ucs = Predefined::from_name("UniGB-UCS2-H").unwrap();
        let (code, len) = ucs.next_code(&[0x4E, 0x2D]);
        assert_eq!(ucs.text(code, len).as_deref(), Some("中"));
        assert_eq!(Predefined::from_name("Foo-H"), None);
        // GB-H is GB 2312 in 7-bit bytes: 中 is EUC D6D0, so 5650 — not "VP".
        let gb7 = Predefined::from_name("GB-H").unwrap();
        let (code, len) = gb7.next_code(b"VP");
        assert_eq!((code, len), (0x5650, 2));
        assert_eq!(gb7.text(code, len).as_deref(), Some("中"));
        assert_eq!(gb7.text(0x5610, 2), None);
    }

    #[test]
    fn adobe_gb1_cids() {
        // CIDs of Adobe's GB1 tables: the ASCII block, the ideographic full stop, a
        // GB 2312 hanzi, one outside the BMP (supplement 5); CID 0 is .notdef.
        assert_eq!(gb1_char(34), Some('A'));
        assert_eq!(gb1_char(98), Some('\u{3002}'));
        assert_eq!(gb1_char(4559), Some('中'));
        assert_eq!(gb1_char(0x5620), Some('\u{20087}'));
        assert_eq!(gb1_char(0), None);
        assert_eq!(gb1_char(30284), None);
        assert_eq!(gb1_char(u32::MAX), None);
    }
}
