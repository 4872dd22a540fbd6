//! Stage 1: bytes in. Reading a file or stdin, hashing it, and telling text from PDF
//! from things declx cannot read.

use std::io::Read;
use std::path::Path;

use encoding_rs::Encoding;
use sha2::{Digest, Sha256};

use crate::decode;
use crate::error::{Error, Result};
use crate::record::Format;

/// Read a whole input; `-` is stdin.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        Ok(std::fs::read(path)?)
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    // The digest's own lower-hex formatting: one pass, not a format! per byte.
    format!("{:x}", Sha256::digest(bytes))
}

/// What the bytes are. Known binary formats are named so the message says what to do;
/// PDFs are recognised by their header (allowing leading junk, as readers do); anything
/// else must look like text in some encoding.
pub fn sniff(bytes: &[u8]) -> Result<Format> {
    sniff_probed(bytes).map(|(format, _)| format)
}

/// What `sniff` learnt of a text's UTF-16 reading: `Some(answer)` of
/// `decode::utf16_without_bom` when it was asked (no BOM), for `decode` to reuse.
pub(crate) type Utf16Probe = Option<Option<&'static Encoding>>;

/// `sniff`, with the UTF-16 test's answer when it ran (it decodes and scores the first
/// 4 KiB in both byte orders; decoding needs the same answer).
pub(crate) fn sniff_probed(bytes: &[u8]) -> Result<(Format, Utf16Probe)> {
    if bytes.is_empty() {
        return Err(Error::Empty { blank: false });
    }
    if let Some(what) = known_binary(bytes) {
        return Err(Error::UnsupportedFormat {
            what: what.to_string(),
        });
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Ok((Format::Pdf, None));
    }
    if Encoding::for_bom(bytes).is_some() {
        return Ok((Format::Text, None));
    }
    let utf16 = decode::utf16_without_bom(bytes);
    if utf16.is_some() {
        return Ok((Format::Text, Some(utf16)));
    }
    if looks_binary(bytes) {
        return Err(Error::UnsupportedFormat {
            what: "binary data, not text or PDF (control or NUL bytes); \
                   declx reads declarations saved as text or PDF"
                .to_string(),
        });
    }
    Ok((Format::Text, Some(utf16)))
}

/// Bytes looked at for NUL/control bytes.
const BINARY_SAMPLE: usize = 8192;

/// NUL or C0 control bytes (other than tab, line ends, form feed, ESC) in more than 2% of
/// the head. GBK, GB18030, Big5 and UTF-8 never use these byte values inside a character,
/// so a text in any of them has none; a stray NUL in a long text is tolerated.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..BINARY_SAMPLE).unwrap_or(bytes);
    // Runs on every input: compares without branches, counted in u8 lanes per chunk of
    // 128 bytes (a whole number of vectors; a u8 count cannot overflow), which the
    // compiler turns into SIMD; a table lookup per byte does not vectorise.
    let controls: usize = head
        .chunks(128)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(is_control(b)))))
        .sum();
    controls * 50 > head.len()
}

/// The bytes `looks_binary` counts: C0 controls other than tab, line ends, form feed and
/// ESC, and DEL.
fn is_control(b: u8) -> bool {
    ((b < 0x20) & !matches!(b, 0x09 | 0x0a | 0x0d | 0x0c | 0x1b)) | (b == 0x7f)
}

/// Recognisable non-text formats, by magic number, with what to do about them.
fn known_binary(b: &[u8]) -> Option<&'static str> {
    let starts = |m: &[u8]| b.starts_with(m);
    let head = b.get(..4096).unwrap_or(b);
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    let what = if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        if has(b"word/") {
            "a Word document (.docx); save it as text (UTF-8) or PDF first"
        } else if has(b"xl/") {
            "an Excel workbook (.xlsx); save the sheet as text (tab-separated) or PDF first"
        } else if has(b"ppt/") {
            "a PowerPoint presentation (.pptx); save it as PDF first"
        } else if has(b"opendocument") {
            "an OpenDocument file (.odt/.ods); save it as text or PDF first"
        } else if has(b"OFD.xml") {
            "an OFD document; export it as PDF first"
        } else {
            "a ZIP archive; unpack it and give declx the files inside"
        }
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "a legacy Office/WPS document (.doc/.xls/.wps); save it as text (UTF-8) or PDF first"
    } else if starts(b"{\\rtf") {
        "an RTF document; save it as plain text (UTF-8) or PDF first"
    } else if starts(b"\x89PNG\r\n\x1a\n")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || (starts(b"RIFF") && b.get(8..12) == Some(b"WEBP"))
        || is_bmp(b)
    {
        "an image (a scan?); run OCR and give declx the text or a PDF with a text layer"
    } else if starts(&[0x1F, 0x8B]) {
        "a gzip-compressed file; decompress it first"
    } else if starts(b"BZh") && b.get(4..10) == Some(&[0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) {
        "a bzip2-compressed file; decompress it first"
    } else if starts(&[0xFD, b'7', b'z', b'X', b'Z', 0]) {
        "an xz-compressed file; decompress it first"
    } else if starts(&[0x28, 0xB5, 0x2F, 0xFD]) {
        "a zstd-compressed file; decompress it first"
    } else if starts(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        "a 7z archive; unpack it first"
    } else if starts(b"Rar!\x1a\x07") {
        "a RAR archive; unpack it first"
    } else if starts(b"\x7fELF")
        || starts(&[0xFE, 0xED, 0xFA, 0xCE])
        || starts(&[0xFE, 0xED, 0xFA, 0xCF])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE])
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
        || starts(b"\0asm")
        || is_pe(b)
    {
        "an executable program, not a document"
    } else if starts(b"SQLite format 3\0") {
        "an SQLite database, not a document"
    } else if starts(&[0xFF, 0xFE, 0, 0]) || starts(&[0, 0, 0xFE, 0xFF]) {
        "UTF-32 text, which declx does not read; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)"
    } else {
        return None;
    };
    Some(what)
}

/// `BM` plus a little-endian file size equal to the length: text can start with "BM".
fn is_bmp(b: &[u8]) -> bool {
    match (b.get(..2), b.get(2..6)) {
        (Some(b"BM"), Some(&[a, c, d, e])) => u32::from_le_bytes([a, c, d, e]) as usize == b.len(),
        _ => false,
    }
}

/// `MZ` whose header points at a `PE\0\0` signature: text can start with "MZ".
fn is_pe(b: &[u8]) -> bool {
    if !b.starts_with(b"MZ") {
        return false;
    }
    let Some(&[a, c, d, e]) = b.get(0x3C..0x40) else {
        return false;
    };
    let off = u32::from_le_bytes([a, c, d, e]) as usize;
    b.get(off..off.saturating_add(4)) == Some(b"PE\0\0")
}
