//! Stage 2 (PDF): bytes → page layout → table grid, from the PDF's own geometry.
//!
//! PROVISIONAL: interface fixed, backend being written (issue 5).

use crate::error::{Error, Result};
use crate::grid::Grid;

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    pub password: Option<String>,
}

/// Rebuild the declaration table of a PDF as a grid of cells with page + bbox locations.
pub fn read_pdf(_bytes: &[u8], _opts: &PdfOptions) -> Result<Grid> {
    Err(Error::UnsupportedFormat {
        what: "PDF input is not implemented yet".into(),
    })
}
