//! The pipeline, one input at a time: bytes → (text | PDF layout) → grid → form sections →
//! normalised values → checks → record. Never panics: a caught panic becomes an
//! `internal` error record.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use encoding_rs::Encoding;

use crate::error::{Error, Result};
use crate::grid::Grid;
use crate::record::{Declaration, Format, Record, Source, Warning};
use crate::{checks, decode, grid, input, normalise, pdf, sections};

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a text encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// Password for encrypted PDFs.
    pub password: Option<String>,
}

fn guess_format(path: &str) -> Format {
    if path.to_ascii_lowercase().ends_with(".pdf") {
        Format::Pdf
    } else {
        Format::Text
    }
}

/// A source block for an input whose bytes could not even be read.
pub fn source_without_bytes(path: &str) -> Source {
    Source {
        path: path.to_string(),
        format: guess_format(path),
        encoding: None,
        sha256: input::sha256_hex(&[]),
        bytes: 0,
        pages: None,
    }
}

/// Read and extract one file (`-` is stdin). Always one record.
pub fn extract_path(path: &Path, opts: &Options) -> Record {
    let shown = path.to_string_lossy().into_owned();
    match input::read_input(path) {
        Ok(bytes) => extract_bytes(&shown, &bytes, opts),
        Err(e) => Record::failure(source_without_bytes(&shown), &e),
    }
}

/// Extract one input already in memory. Always one record, never a panic.
pub fn extract_bytes(path: &str, bytes: &[u8], opts: &Options) -> Record {
    let mut source = Source {
        path: path.to_string(),
        format: guess_format(path),
        encoding: None,
        sha256: input::sha256_hex(bytes),
        bytes: bytes.len() as u64,
        pages: None,
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| run(bytes, opts, &mut source)));
    match outcome {
        Ok(Ok(decl)) => Record::Declaration(Box::new(decl)),
        Ok(Err(e)) => Record::failure(source, &e),
        Err(panic) => Record::failure(
            source,
            &Error::Internal {
                message: panic_message(panic.as_ref()),
            },
        ),
    }
}

/// The text a caught panic carried.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

fn run(bytes: &[u8], opts: &Options, source: &mut Source) -> Result<Declaration> {
    // Forced UTF-16 is text even where its NUL bytes would look binary to the sniffer.
    let forced_utf16 = opts
        .encoding
        .is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
    let (format, utf16) = if forced_utf16 && !bytes.is_empty() {
        (Format::Text, None)
    } else {
        input::sniff_probed(bytes)?
    };
    source.format = format;
    let mut warnings: Vec<Warning> = Vec::new();
    // The decoded text outlives the grid: text cells borrow from it.
    let text: String;
    let grid: Grid = match format {
        Format::Pdf => {
            let g = pdf::read_pdf(
                bytes,
                &pdf::PdfOptions {
                    password: opts.password.clone(),
                },
            )?;
            source.pages = g.pages;
            text = String::new();
            g
        }
        Format::Text => {
            let decoded = decode::decode_probed(bytes, opts.encoding, utf16)?;
            source.encoding = Some(decoded.encoding.clone());
            if decoded.text.trim().is_empty() {
                return Err(Error::Empty { blank: true });
            }
            warnings.extend(decoded.warnings);
            // A space-aligned text's table border OCR read as a mark at a line's margin
            // (`｜        质量指标  …`) is padding: it shifts the line's columns.
            let cleaned = match grid::without_margin_marks(&decoded.text) {
                Some((cleaned, w)) => {
                    warnings.push(w);
                    cleaned
                }
                None => decoded.text,
            };
            // Big5 is the traditional-character encoding: its forms' labels are read in
            // simplified spelling.
            text = match (decoded.encoding == "Big5")
                .then(|| decode::fold_traditional(&cleaned))
                .flatten()
            {
                Some((folded, w)) => {
                    warnings.push(w);
                    folded
                }
                None => cleaned,
            };
            text_grid(&text)?
        }
    };
    let mut grid = grid;
    let before_grid = warnings.len();
    warnings.extend(grid.warnings.iter().cloned());
    // Budget words and amount headers with a character misread by OCR take their own
    // spelling before the form is read by them (a no-op on clean text).
    warnings.extend(crate::ocr_labels::respell_cells(&mut grid));
    // A form in traditional characters (a Unicode text, a PDF) has no label the form
    // logic knows: read it again in simplified characters. Only then, so that simplified
    // files (nearly all) pay nothing for it. (Big5 text was converted when decoded.)
    let folded: String;
    let read = match sections::read(&grid) {
        Err(Error::NotADeclaration { reason })
            if format == Format::Text
                && !warnings.iter().any(|w| w.code == "traditional_folded") =>
        {
            match decode::fold_traditional(&text) {
                Some((f, w)) => {
                    folded = f;
                    let mut g = text_grid(&folded)?;
                    // The first reading's grid warnings were of a text not read.
                    warnings.truncate(before_grid);
                    warnings.push(w);
                    warnings.extend(g.warnings.iter().cloned());
                    warnings.extend(crate::ocr_labels::respell_cells(&mut g));
                    let form = sections::read(&g)?;
                    grid = g;
                    Ok(form)
                }
                None => Err(Error::NotADeclaration { reason }),
            }
        }
        // A PDF's cells are the text: converted in place.
        Err(Error::NotADeclaration { reason }) if format == Format::Pdf => {
            let mut changed = 0;
            for cell in grid.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                let (f, n) = decode::to_simplified(&cell.text);
                if n > 0 {
                    changed += n;
                    cell.text = std::borrow::Cow::Owned(f);
                }
            }
            if changed == 0 {
                Err(Error::NotADeclaration { reason })
            } else {
                warnings.push(decode::traditional_warning(changed));
                warnings.extend(crate::ocr_labels::respell_cells(&mut grid));
                sections::read(&grid)
            }
        }
        other => other,
    };
    let form = read?;
    let mut decl = normalise::declaration(form, source.clone(), warnings);
    decl.checks = checks::run(&decl);
    // A borderless PDF table's rows and columns were guessed: say where the result looks
    // off. (Layout text goes through the same reader but keeps its own warnings: text
    // output stays as it was.)
    if format == Format::Pdf && grid.layout == grid::Layout::PdfStream {
        let doubts = crate::uncertain::warnings(&decl);
        decl.warnings.extend(doubts);
    }
    Ok(decl)
}

/// The grid of a decoded text: the layout reader for text from `pdftotext -layout` or a
/// column-keeping OCR engine (cells wrapped over several lines), else one row per line.
fn text_grid(text: &str) -> Result<Grid<'_>> {
    match pdf::layout_text::grid_from_layout_text(text) {
        Some(g) => Ok(g),
        None => {
            if grid::html::looks_like_html(text) {
                grid::html::check(text)?;
            }
            Ok(grid::from_text(text))
        }
    }
}
