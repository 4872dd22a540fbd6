//! The library's typed errors. Each maps to one `error.kind` of the output contract;
//! the CLI turns them into error records and an exit code.

use std::fmt;

/// The contract's error kinds (`error.kind` in a failed record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Io,
    UnsupportedFormat,
    Encoding,
    EncryptedPdf,
    CorruptPdf,
    NoTextLayer,
    NotADeclaration,
    Empty,
    /// The per-file time budget ran out (batch runs only).
    Timeout,
    /// A bug in declx itself (a caught panic); the batch goes on.
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::Encoding => "encoding",
            ErrorKind::EncryptedPdf => "encrypted_pdf",
            ErrorKind::CorruptPdf => "corrupt_pdf",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::NotADeclaration => "not_a_declaration",
            ErrorKind::Empty => "empty",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the input an error was found (rust-csv style), when it is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    pub line: Option<usize>,
    pub page: Option<u32>,
    pub byte: Option<u64>,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(p) = self.page {
            parts.push(format!("page {p}"));
        }
        if let Some(l) = self.line {
            parts.push(format!("line {l}"));
        }
        if let Some(b) = self.byte {
            parts.push(format!("byte {b}"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// Why one input could not be turned into a declaration record.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("unsupported format: {what}")]
    UnsupportedFormat { what: String },
    #[error("cannot decode text{}: {message}", at_suffix(.position))]
    Encoding { message: String, position: Position },
    #[error("the PDF is encrypted and needs a password (--password){}", if *.wrong_password { "; the password given is wrong" } else { "" })]
    EncryptedPdf { wrong_password: bool },
    #[error("corrupt PDF{}: {message}", at_suffix(.position))]
    CorruptPdf { message: String, position: Position },
    #[error("the PDF has no text layer ({pages} page(s) of images: a scan); run OCR first")]
    NoTextLayer { pages: u32 },
    #[error("not a declaration: {reason}")]
    NotADeclaration { reason: String },
    #[error("the file is empty{}", if *.blank { " (only white space)" } else { "" })]
    Empty { blank: bool },
    #[error("gave up after {seconds} s (--timeout-per-file)")]
    Timeout { seconds: f64 },
    #[error("internal error (a bug in declx, please report it): {message}")]
    Internal { message: String },
}

fn at_suffix(p: &Position) -> String {
    let s = p.to_string();
    if s.is_empty() {
        s
    } else {
        format!(" at {s}")
    }
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io(_) => ErrorKind::Io,
            Error::UnsupportedFormat { .. } => ErrorKind::UnsupportedFormat,
            Error::Encoding { .. } => ErrorKind::Encoding,
            Error::EncryptedPdf { .. } => ErrorKind::EncryptedPdf,
            Error::CorruptPdf { .. } => ErrorKind::CorruptPdf,
            Error::NoTextLayer { .. } => ErrorKind::NoTextLayer,
            Error::NotADeclaration { .. } => ErrorKind::NotADeclaration,
            Error::Empty { .. } => ErrorKind::Empty,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Internal { .. } => ErrorKind::Internal,
        }
    }

    pub fn corrupt_pdf(message: impl Into<String>) -> Self {
        Error::CorruptPdf {
            message: message.into(),
            position: Position::default(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
