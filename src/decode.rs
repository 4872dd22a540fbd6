//! Stage 2 (text): bytes → text. Encoding detection: BOM, then a UTF-16 heuristic, then
//! strict UTF-8, then chardetng with Chinese as the default guess.
//!
//! PROVISIONAL: interface fixed, detection being written.

use encoding_rs::Encoding;

use crate::error::Result;
use crate::record::Warning;

#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Canonical name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, `GBK`, `Big5`, …
    pub encoding: String,
    pub warnings: Vec<Warning>,
}

/// The encoding a `--encoding` label names (`gbk`, `gb18030`, `utf-16le`, `big5`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded> {
    let enc = forced.unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = enc.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name().to_string(),
        warnings: Vec::new(),
    })
}
