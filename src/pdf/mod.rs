//! Stage 2 (PDF): bytes → page geometry → table grid, from the PDF's own geometry.
//!
//! [`backend`] turns each page into glyphs (placed by origin, transforms, `/Rotate` and
//! Form XObjects applied) and ruling lines (stroked paths and thin filled rectangles).
//! [`lattice`] rebuilds bordered tables from the rules; pages without rules go through
//! [`stream`], which finds columns and rows from text alignment. Pages are then stitched:
//! a table continued on the next page goes on, a row split by the page break is joined,
//! a repeated header row is dropped, and page numbers/running headers never become cells.

mod backend;
mod cell_gaps;
mod cmap;
mod font;
pub mod geometry;
mod lattice;
pub mod layout_text;
mod ocr_layer;
pub mod stream;
mod text;
mod util;

use std::panic::{catch_unwind, AssertUnwindSafe};

use regex::Regex;

use crate::error::{Error, Result};
use crate::grid::{Cell, Grid, Layout, Row};
use crate::record::{Loc, Warning};
use crate::sections::is_framework_name;
use backend::{Backend, LopdfBackend};
use geometry::{Glyph, PageGeom, Rect};

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    pub password: Option<String>,
}

/// A cell as found on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TCell {
    pub text: String,
    pub col: Option<usize>,
    pub bbox: Rect,
    /// Bottom of the cell's lowest glyph, where known (lattice cells): tells a row cut
    /// by a page break (every continued cell cut at the same last line) from a fresh one.
    pub text_y0: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TRow {
    pub cells: Vec<TCell>,
    pub bbox: Rect,
    /// Per cell (same order), where known (lattice): the room its last text line leaves
    /// beyond that of the table's tightest (wrapped) line, in ems of its font. Text
    /// carried over a page break must have been wrapped there: its next characters did
    /// not fit in that room.
    pub last_line_room: Vec<Option<f64>>,
    /// Per cell (same order), where known (a stream indicator table): the widest line
    /// its column shows on the page, in ems. A column is as wide on every page, so the
    /// room a cut cell's last line had is measured against the wider page's lines (a
    /// page holding one row of the table shows little of the column's width).
    pub col_measure: Vec<Option<f64>>,
    /// Columns (lattice) whose cell no rule closes at the table's top edge (first row)
    /// or bottom edge (last row, cells that start in it): a merged cell running on
    /// across the page break.
    pub open_above: Vec<usize>,
    /// With each column, how many rows above this one its cell starts (a merged cell
    /// over the page's last rows).
    pub open_below: Vec<(usize, usize)>,
}

/// What a page holds, in reading order.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// A table; `xs` are its column edges (for telling a continuation from a new table).
    Table {
        rows: Vec<TRow>,
        bbox: Rect,
        xs: Vec<f64>,
    },
    /// A line of text outside any table (a title, a note).
    Line(TRow),
}

impl Item {
    fn top(&self) -> f64 {
        match self {
            Item::Table { bbox, .. } => bbox.y1,
            Item::Line(r) => r.bbox.y1,
        }
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// Page geometry of every page, under `catch_unwind`. Unreadable pages become warnings.
pub(crate) fn load_pages(bytes: &[u8], opts: &PdfOptions) -> Result<(Vec<PageGeom>, Vec<Warning>)> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::UnsupportedFormat {
            what: "not a PDF (no %PDF- header)".into(),
        });
    }
    let password = opts.password.as_deref();
    let mut backend = catch_unwind(AssertUnwindSafe(|| LopdfBackend::open(bytes, password)))
        .map_err(|p| Error::corrupt_pdf(format!("PDF parser failed: {}", panic_message(p))))??;
    let n = backend.page_count();
    if n == 0 {
        return Err(Error::corrupt_pdf("no pages (damaged or truncated file)"));
    }
    if truncated(bytes) {
        return Err(Error::corrupt_pdf("the file ends before %%EOF (truncated)"));
    }
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    for number in 1..=n {
        let r = catch_unwind(AssertUnwindSafe(|| backend.page(number)));
        let msg = match r {
            Ok(Ok(p)) => {
                pages.push(p);
                continue;
            }
            Ok(Err(m)) => m,
            Err(p) => format!("PDF parser failed: {}", panic_message(p)),
        };
        warnings.push(Warning::new(
            "pdf_page_unreadable",
            format!("page {number} could not be read: {msg}"),
            Some(Loc::Page {
                page: number,
                bbox: [0.0, 0.0, 0.0, 0.0],
            }),
        ));
    }
    if pages.is_empty() {
        let msg = warnings
            .first()
            .map(|w| w.message.clone())
            .unwrap_or_else(|| "no readable page".into());
        return Err(Error::CorruptPdf {
            message: msg,
            position: crate::error::Position {
                page: Some(1),
                ..Default::default()
            },
        });
    }
    Ok((pages, warnings))
}

/// A PDF cut short: no `%%EOF` marker near the end (writers always put one there).
fn truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// Rebuild the declaration table of a PDF as a grid of cells with page + bbox locations.
pub fn read_pdf(bytes: &[u8], opts: &PdfOptions) -> Result<Grid<'static>> {
    let (pages, mut warnings) = load_pages(bytes, opts)?;
    let page_count = pages.iter().map(|p| p.number).max().unwrap_or(0);
    let glyphs: usize = pages
        .iter()
        .map(|p| p.glyphs.iter().filter(|g| !g.ch.is_whitespace()).count())
        .sum();
    let unmapped: usize = pages.iter().map(|p| p.unmapped).sum();
    if glyphs == 0 && unmapped == 0 {
        return Err(Error::NoTextLayer { pages: page_count });
    }
    if unmapped > glyphs {
        return Err(Error::UnsupportedFormat {
            what: format!(
                "PDF text cannot be decoded: {unmapped} of {} characters use fonts without a \
                 Unicode mapping (no usable ToUnicode, no known encoding, no character \
                 names in the embedded font): {}; run OCR on it",
                unmapped + glyphs,
                font::unmapped_summary(&pages)
            ),
        });
    }
    if unmapped > 0 {
        warnings.push(Warning::new(
            "pdf_unmapped_glyphs",
            format!(
                "{unmapped} character(s) in fonts without a Unicode mapping were skipped, so \
                 the record may miss text: {}",
                font::unmapped_summary(&pages)
            ),
            None,
        ));
    }
    let running = running_lines(&pages);
    let mut any_lattice = false;
    let mut page_items: Vec<(f64, bool, PageItems)> = Vec::new();
    let mut seps: Vec<f64> = Vec::new();
    let mut indicators = stream::IndicatorTable::default();
    // Learnt from every page, but only once a page without ruled tables needs it: a
    // bordered PDF never pays the extra pass over its glyph lines.
    let narrow_once = std::cell::OnceCell::new();
    let narrow = || {
        *narrow_once.get_or_init(|| {
            stream::NarrowEdges::of_pages(pages.iter().map(|p| p.glyphs.as_slice()))
        })
    };
    for page in &pages {
        let (items, lattice) = page_layout(page, &running, &seps, &mut indicators, &narrow);
        // Column separators of a stream table carry over to the next page.
        seps = items
            .iter()
            .rev()
            .find_map(|i| match i {
                Item::Table { xs, .. } if !lattice => Some(xs.clone()),
                _ => None,
            })
            .unwrap_or_default();
        any_lattice |= lattice;
        let bottom = items
            .iter()
            .map(|i| match i {
                Item::Table { bbox, .. } => bbox.y0,
                Item::Line(r) => r.bbox.y0,
            })
            .fold(f64::INFINITY, f64::min);
        page_items.push((
            bottom,
            lattice,
            PageItems {
                number: page.number,
                full: false,
                items,
            },
        ));
    }
    // Pages whose content reaches the lowest bottom seen (within a line) are full. A
    // browser keeps two lines of a paragraph together at a page end (widows), so its
    // page may end a line and the part of another early: within two lines then.
    let lowest = page_items
        .iter()
        .map(|(b, _, _)| *b)
        .fold(f64::INFINITY, f64::min);
    let size = median_ink_size(pages.iter().flat_map(|p| &p.glyphs)).unwrap_or(0.0);
    let slack = FULL_PAGE_SLACK.max(FULL_PAGE_SLACK_EMS * size);
    let page_items = page_items
        .into_iter()
        .map(|(b, lattice, mut p)| {
            // (Borderless pages only: a bordered row-span cell's box is its rules', down
            // to the table's edge whatever its text.)
            p.full = b <= lowest + slack
                && (lattice || !last_row_above_label(&p.items, LABEL_BELOW_EMS * size));
            p
        })
        .collect();
    let mut rows = stitch(page_items);
    // A page-number or 续表 line copied into the table as a row of its own (a table
    // pasted from a paged document) is dropped, as the text reader drops it.
    rows.retain(|r| {
        let mut cells = r.non_empty();
        !matches!((cells.next(), cells.next()),
            (Some(c), None) if page_furniture(c.text.trim()))
    });
    join_split_labels(&mut rows);
    if any_lattice {
        // A bordered table drawn from an export that lacks row-span cells (rows shifted
        // left) is put back like its text (`crate::realign`).
        crate::realign::rows(&mut rows, true);
    }
    Ok(Grid {
        rows,
        layout: if any_lattice {
            Layout::PdfLattice
        } else {
            Layout::PdfStream
        },
        pages: Some(page_count),
        warnings,
        spaced_lines: Vec::new(),
        labels: Default::default(),
    })
}

/// A form label split over two rows (`总体绩效` over `目标`: a label cell broken by
/// OCR or typed over two table rows), the second row holding nothing but the label's
/// rest in the same first cell, is one label: the text reader joins it too. Only where
/// neither piece is a label and the two together are.
fn join_split_labels(rows: &mut Vec<Row<'static>>) {
    let mut i = 1;
    while i < rows.len() {
        let joined = match (rows.get(i - 1), rows.get(i)) {
            (Some(prev), Some(row)) => {
                let mut cells = row.non_empty();
                match (
                    row.cells.first(),
                    prev.cells.first(),
                    cells.next(),
                    cells.next(),
                ) {
                    (Some(rest), Some(head), Some(only), None)
                        if std::ptr::eq(rest, only)
                            && rest.col == head.col
                            && !head.text.is_empty() =>
                    {
                        let both = format!("{}{}", head.text.trim(), rest.text.trim());
                        (crate::sections::is_label(&both)
                            && !crate::sections::is_label(head.text.trim())
                            && !crate::sections::is_label(rest.text.trim()))
                        .then_some(both)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match (
            joined,
            rows.get_mut(i - 1).and_then(|r| r.cells.first_mut()),
        ) {
            (Some(both), Some(head)) => {
                head.text = both.into();
                rows.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// Page-number lines: the worded ones text input also drops (第 1 页 / 第1页，共3页 /
/// 共3页 / - 1 - / Page 1 of 3, [`crate::grid::is_page_number`]) and, on a PDF page, where
/// a line standing alone can be nothing else, `1/3` and a bare number.
pub(crate) fn is_page_number(text: &str) -> bool {
    static BARE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    crate::grid::is_page_number(text)
        || BARE
            .get_or_init(|| Regex::new(r"^([0-9]+\s*/\s*[0-9]+|[0-9]{1,4})$").ok())
            .as_ref()
            .is_some_and(|re| re.is_match(text))
}

/// Whether a row's one cell is page furniture: a page number or 续表 mark, or both, one
/// line after the other (a borderless table's rows are found from line gaps, so the
/// page number and the 续表 mark under it, set as close as a cell's wrapped lines,
/// come out as one cell: `第 1 页，共 3 页续表`).
fn page_furniture(text: &str) -> bool {
    crate::grid::is_page_number(text)
        || text.char_indices().skip(1).any(|(i, _)| {
            let (a, b) = text.split_at(i);
            crate::grid::is_page_number(a.trim()) && crate::grid::is_page_number(b.trim())
        })
}

/// Page margins where running headers and footers live (fraction of the page height).
const MARGIN: f64 = 0.12;

fn in_margin(page: &PageGeom, r: &Rect) -> bool {
    r.y0 > page.height * (1.0 - MARGIN) || r.y1 < page.height * MARGIN
}

/// Text lines that repeat in the same margin position on several pages (running headers).
fn running_lines(pages: &[PageGeom]) -> Vec<(String, f64)> {
    if pages.len() < 2 {
        return Vec::new();
    }
    let mut seen: std::collections::HashMap<(String, i64), usize> = Default::default();
    for p in pages {
        let refs: Vec<&Glyph> = p.glyphs.iter().collect();
        for line in text::lines(&refs) {
            let Some(b) = text::bbox_of(&line) else {
                continue;
            };
            if !in_margin(p, &b) {
                continue;
            }
            let t = text::line_text(&line);
            *seen.entry((t, (b.y0 / 4.0).round() as i64)).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|((t, y), _)| (t, y as f64 * 4.0))
        .collect()
}

/// Mark page numbers and running headers/footers as used so they never become cells.
fn drop_furniture(page: &PageGeom, used: &mut [bool], running: &[(String, f64)]) {
    let free: Vec<(usize, &Glyph)> = page
        .glyphs
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.get(*i).copied().unwrap_or(true))
        .collect();
    let refs: Vec<&Glyph> = free.iter().map(|(_, g)| *g).collect();
    let lines = text::lines(&refs);
    // Each line's box and text, and whether it repeats a running line: a line is
    // tested beside its neighbours, so this is worked out once per line.
    let info: Vec<Option<(Rect, String, bool)>> = lines
        .iter()
        .map(|line| {
            let b = text::bbox_of(line)?;
            let t = text::line_text(line);
            let running = running
                .iter()
                .any(|(rt, y)| *rt == t && (b.y0 - y).abs() <= 4.0);
            Some((b, t, running))
        })
        .collect();
    let is_running = |k: usize| matches!(info.get(k), Some(Some((_, _, true))));
    for (k, line) in lines.iter().enumerate() {
        let Some(Some((b, t, running))) = info.get(k) else {
            continue;
        };
        let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let numbered = is_page_number(t) || is_page_number(&compact);
        let repeated = *running && {
            // The line toward the body: below a header, above a footer.
            let top = b.y0 > page.height * (1.0 - MARGIN);
            let other = if top { Some(k + 1) } else { k.checked_sub(1) };
            !other
                .and_then(|j| Some((j, lines.get(j)?)))
                .is_some_and(|(j, o)| {
                    let (upper, lower) = if top {
                        (line.as_slice(), o.as_slice())
                    } else {
                        (o.as_slice(), line.as_slice())
                    };
                    !is_running(j) && (set_flush(upper, lower, b.x0) || interleaved(upper, lower))
                })
        };
        if in_margin(page, b) && (numbered || repeated) {
            for g in line {
                if let Some(i) = free
                    .iter()
                    .find(|(_, fg)| std::ptr::eq(*fg, *g))
                    .map(|(i, _)| *i)
                {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                }
            }
        }
    }
}

/// The median size of the inked glyphs (whitespace carries no size worth counting), the
/// body text's size wherever most of the text is body.
fn median_ink_size<'a>(glyphs: impl Iterator<Item = &'a Glyph>) -> Option<f64> {
    let mut s: Vec<f64> = glyphs
        .filter(|g| !g.ch.is_whitespace())
        .map(|g| g.size)
        .collect();
    s.sort_by(f64::total_cmp);
    s.get(s.len() / 2).copied()
}

/// Text of one column: `upper`'s text starting at `x0` is followed in `lower`, less than
/// a line's height below, flush with it at the same size. Two cells of a borderless
/// table may open with the same words at the top of two pages (a continued cell's first
/// line, wrapped into the next), or end with the same words there (a cell's last line
/// cut off by the page break, `理。`, the next row's cell right under it); a running
/// header or footer is a block of its own, whose lines repeat together, set apart from
/// the body.
fn set_flush(upper: &[&Glyph], lower: &[&Glyph], x0: f64) -> bool {
    let (Some(su), Some(sl)) = (
        median_ink_size(upper.iter().copied()),
        median_ink_size(lower.iter().copied()),
    ) else {
        return false;
    };
    if (su - sl).abs() > 0.05 * su {
        return false;
    }
    // The run of each line that starts at x0 (its cell's text: neighbouring cells stand
    // at least half an em apart).
    let run = |l: &[&Glyph]| -> Option<(f64, f64, f64, f64)> {
        let start = l
            .iter()
            .position(|g| !g.ch.is_whitespace() && (g.bbox.x0 - x0).abs() <= 0.25 * su)?;
        let first = l.get(start)?;
        let (mut x1, mut y0, mut y1) = (first.bbox.x1, first.bbox.y0, first.bbox.y1);
        for g in l.iter().skip(start + 1) {
            if g.bbox.x0 - x1 > 0.5 * su {
                break;
            }
            x1 = x1.max(g.bbox.x1);
            y0 = y0.min(g.bbox.y0);
            y1 = y1.max(g.bbox.y1);
        }
        Some((first.bbox.x0, x1, y0, y1))
    };
    let (Some(u), Some(l)) = (run(upper), run(lower)) else {
        return false;
    };
    let gap = u.2 - l.3;
    (-0.1 * su..=su).contains(&gap)
}

/// Two lines whose boxes overlap in height by more than a tenth of their text size: a
/// one-line cell set vertically centred beside a wrapped one, half a line off its
/// lines (a borderless table's row at a page top, `改善城乡人居环` / `境` beside its
/// one-line target). A running header is set apart from the body below it, never
/// level with it.
fn interleaved(upper: &[&Glyph], lower: &[&Glyph]) -> bool {
    let (Some(u), Some(l), Some(size)) = (
        text::bbox_of(upper),
        text::bbox_of(lower),
        median_ink_size(upper.iter().copied()),
    ) else {
        return false;
    };
    l.y1 - u.y0 > 0.1 * size
}

/// Word's page header (页眉): small text in the top margin over a lone rule across the
/// page (the 页眉 style's bottom border: no vertical rule meets it, so it is no table's
/// edge). On a one-page form repetition cannot tell it, and its wording reads like a
/// title (`XX局2023年度部门整体预算绩效目标`); a title is set larger than the body, a
/// header no larger.
fn drop_header_over_rule(page: &PageGeom, used: &mut [bool]) {
    let top = page.height * (1.0 - MARGIN);
    let lone = |h: &&geometry::HRule| {
        h.y > top
            && h.x1 - h.x0 >= 0.5 * page.width
            && !page.vrules.iter().any(|v| {
                v.y0 - 1.0 <= h.y && h.y <= v.y1 + 1.0 && v.x >= h.x0 - 1.0 && v.x <= h.x1 + 1.0
            })
    };
    let Some(rule_y) = page
        .hrules
        .iter()
        .filter(lone)
        .map(|h| h.y)
        .reduce(f64::max)
    else {
        return;
    };
    let Some(usual) = median_ink_size(page.glyphs.iter()) else {
        return;
    };
    let above: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| {
            !used.get(i).copied().unwrap_or(true) && page.glyphs[i].bbox.y0 >= rule_y - 0.5
        })
        .collect();
    if above
        .iter()
        .any(|&i| page.glyphs[i].size > usual * 1.05 && !page.glyphs[i].ch.is_whitespace())
    {
        return;
    }
    for i in above {
        if let Some(u) = used.get_mut(i) {
            *u = true;
        }
    }
}

/// One page's tables and free lines, top to bottom; whether it had ruled tables.
pub(crate) fn page_layout(
    page: &PageGeom,
    running: &[(String, f64)],
    inherited: &[f64],
    indicators: &mut stream::IndicatorTable,
    narrow: &dyn Fn() -> stream::NarrowEdges,
) -> (Vec<Item>, bool) {
    let mut used = vec![false; page.glyphs.len()];
    let mut items = lattice::tables_on_page(page, &mut used);
    let lattice = !items.is_empty();
    drop_furniture(page, &mut used, running);
    drop_header_over_rule(page, &mut used);
    let rest: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
        .collect();
    if lattice {
        items.extend(free_lines(&rest));
    } else {
        items.extend(stream::page_items(&rest, inherited, indicators, narrow()));
    }
    items.sort_by(|a, b| b.top().total_cmp(&a.top()));
    (items, lattice)
}

/// Lines of text outside tables; a wide gap (2 em) splits a line into cells, and so does
/// a typed space of an em or more (`整　（小写）`): a text line parts its cells at U+3000
/// or two spaces, which a PDF draws as such a space.
pub(crate) fn free_lines(glyphs: &[&Glyph]) -> Vec<Item> {
    let mut out = Vec::new();
    for line in text::lines(glyphs) {
        let mut cells: Vec<TCell> = Vec::new();
        let mut cur: Vec<&Glyph> = Vec::new();
        for g in line {
            if let Some(last) = cur.iter().rev().find(|p| !p.ch.is_whitespace()) {
                let gap = g.bbox.x0 - last.bbox.x1;
                let em = g.size.max(1.0);
                let typed = cur.last().is_some_and(|p| p.ch.is_whitespace());
                if !g.ch.is_whitespace() && (gap > 2.0 * em || (typed && gap > 0.9 * em)) {
                    push_cell(&mut cells, &cur);
                    cur.clear();
                }
            }
            cur.push(g);
        }
        push_cell(&mut cells, &cur);
        if let Some(bbox) = cells.iter().map(|c| c.bbox).reduce(|a, b| a.union(&b)) {
            out.push(Item::Line(TRow {
                cells,
                bbox,
                last_line_room: Vec::new(),
                col_measure: Vec::new(),
                open_above: Vec::new(),
                open_below: Vec::new(),
            }));
        }
    }
    out
}

fn push_cell(cells: &mut Vec<TCell>, glyphs: &[&Glyph]) {
    let t = text::line_text(glyphs);
    if t.is_empty() {
        return;
    }
    if let Some(bbox) = text::bbox_of(glyphs) {
        cells.push(TCell {
            text: t,
            col: Some(cells.len()),
            bbox,
            text_y0: None,
        });
    }
}

fn same_columns(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= EDGE_TOLERANCE)
}

/// Columns holding text in a row.
fn text_cols(r: &TRow) -> Vec<usize> {
    r.cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .filter_map(|c| c.col)
        .collect()
}

/// Whether the first row on a new page carries on the last row of the previous page.
/// The previous page must be filled to the bottom margin (`full`), the new row's text
/// must sit only in columns the previous row also fills, and not every one of those
/// texts may already end a sentence (a fresh row after a complete one), unless the new
/// row goes on with the next number of a numbered list or holds only the last column
/// the previous row fills.
fn continues(prev: &TRow, next: &TRow, full: bool) -> bool {
    let (a, b) = (text_cols(prev), text_cols(next));
    if !full || a.is_empty() || b.is_empty() || !b.iter().all(|c| a.contains(c)) {
        return false;
    }
    if header_meets_first_row(prev, b.len()) {
        return header_rest(prev, next);
    }
    // A next-page row of framework names in full (a level-2 name over empty cells, its
    // row printed alone at the page top) is a row of its own: the rest of a cell cut by
    // the page end is no whole level name (a cut name's rest, `指标`, is none).
    if next
        .cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .all(|c| is_framework_name(&c.text))
    {
        return false;
    }
    // The next page's row holds only the last column the row above fills: the tail of
    // that cell (its neighbours ended on the previous page). A row of its own has its
    // name, or any other cell, beside it; a framework name in full (a level label a
    // form puts in the wrong column) is a whole cell.
    if a.len() >= 2
        && b.len() == 1
        && b.first() == a.iter().max()
        && !next.cells.iter().any(|c| is_framework_name(&c.text))
    {
        return true;
    }
    let finished = |t: &str| {
        let mut back = t.chars().rev();
        let last = back.next();
        // `2.` after a digit opens the next list item, it does not end one.
        let list_number =
            matches!(last, Some('.' | '．')) && back.next().is_some_and(|c| c.is_ascii_digit());
        // A framework name in full (质量指标) is a whole cell: the next page's row beside
        // it (a lone level-2 row at the table's top there) is one of its own.
        (last.is_some_and(|ch| "。．.！!？?；;".contains(ch)) && !list_number)
            || is_framework_name(t)
    };
    let carried_at = |c: &TCell| c.col.is_some_and(|k| b.contains(&k));
    let next_text = |c: &TCell| {
        next.cells
            .iter()
            .find(|n| n.col == c.col)
            .map_or("", |n| n.text.as_str())
    };
    // A cell that opens with what never opens one goes on from the cell above it: a
    // unit after the number that cell ends with (`…数量≥41` / `项。`), or closing
    // punctuation. Whatever the other cells' last lines had room for (a list item's
    // next number did not fit beside `…498项。`, as the room measure guessed it would).
    let opens_mid_text = prev.cells.iter().filter(|c| carried_at(c)).any(|c| {
        let t = next_text(c).trim_start();
        (c.text.trim_end().ends_with(|ch: char| ch.is_ascii_digit())
            && crate::value::starts_with_whole_unit(t))
            || t.starts_with(|ch: char| "，。、；：！？）》」』】”’％".contains(ch))
    });
    if opens_mid_text {
        return true;
    }
    // A numbered list cut after a complete item goes on with the next number, whether
    // or not that item filled its last line (items may be paragraphs of their own). A
    // name beside it (no punctuation at all) was cut too, wrapped over the break
    // (`保障困难群众基本` / `生活`): a fresh row's list starts at 1.
    let lists_go_on = prev
        .cells
        .iter()
        .filter(|c| carried_at(c))
        .map(|c| continues_list(&c.text, next_text(c)));
    if lists_go_on.clone().any(|on| on)
        && prev
            .cells
            .iter()
            .filter(|c| carried_at(c))
            .zip(lists_go_on)
            .all(|(c, on)| on || !c.text.contains(|ch| "，,、：:；;。．.！!？?".contains(ch)))
    {
        return true;
    }
    // A finished text beside which the new page's cell opens a numbered list at its
    // first item is a fresh row's: a list cut after an item goes on with the next number.
    if prev
        .cells
        .iter()
        .filter(|c| carried_at(c))
        .any(|c| finished(&c.text) && list_number(next_text(c)).is_some_and(|(n, _)| n == 1))
    {
        return false;
    }
    // A text whose last line had room for what the next page's cell starts with was
    // not cut by the page end. Where the next page shows the column wider than this
    // one's lines did, the line had that much more room.
    let measure = |row: &TRow, col: Option<usize>| {
        let i = row.cells.iter().position(|n| n.col == col)?;
        row.col_measure.get(i).copied().flatten()
    };
    let short_line = prev
        .cells
        .iter()
        .zip(&prev.last_line_room)
        .filter(|(c, _)| carried_at(c))
        .any(|(c, room)| {
            let wider = measure(prev, c.col)
                .zip(measure(next, c.col))
                .map_or(0.0, |(here, there)| (there - here).max(0.0));
            room.is_some_and(|r| r + wider > leading_chunk_ems(next_text(c)) + ROOM_TOLERANCE_EMS)
        });
    if short_line {
        return false;
    }
    let carried: Vec<&TCell> = prev.cells.iter().filter(|c| carried_at(c)).collect();
    let open = carried.iter().filter(|c| !finished(&c.text)).count();
    if open == carried.len() {
        // Every carried text stops mid-sentence: the page break cut the row.
        return true;
    }
    if open == 0 {
        return false;
    }
    // Some texts are complete, some not (an indicator name beside finished targets): a
    // cut row stops all its cells at the page end, on the same last line; a complete row
    // ends them wherever their text ends.
    let bottoms: Vec<f64> = carried.iter().filter_map(|c| c.text_y0).collect();
    if bottoms.len() < carried.len() {
        return true;
    }
    let lo = bottoms.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = bottoms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pairs: Vec<(&str, &str, bool)> = carried
        .iter()
        .map(|c| (c.text.as_str(), next_text(c), finished(&c.text)))
        .collect();
    hi - lo <= SAME_LINE_TOLERANCE && !separate_targets(&pairs)
}

/// A page's last row whose carried cells all end on one line looks cut, but a one-line
/// row (a level-3 name filling its line beside a finished target) ends that way too.
/// The targets tell: a value cell holding several targets numbers them (a list cut
/// between items is joined by `continues_list`) or runs them on after `；`, so a cell
/// ending one whole target with a full stop, above a next-page cell holding another, is
/// two rows' values. `pairs` are the carried cells (text, the next page's text below it,
/// whether the text is finished). Only where the unfinished cells read as names (no
/// punctuation at all): a sentence cut by the page end shows its commas.
fn separate_targets(pairs: &[(&str, &str, bool)]) -> bool {
    let (done, open): (Vec<_>, Vec<_>) = pairs.iter().partition(|p| p.2);
    let ends_target = |t: &str| !t.trim_end().ends_with(['；', ';']) && one_target(t);
    !done.is_empty()
        && done.iter().all(|(t, n, _)| ends_target(t) && one_target(n))
        && open
            .iter()
            .all(|(t, _, _)| !t.contains(|c| "，,、：:；;。．！!？?".contains(c)))
}

/// One whole target: a single sentence (no list number, no sentence end but a final
/// one) whose threshold names its metric (`覆盖街镇数量不低于5个。`).
fn one_target(t: &str) -> bool {
    let t = t.trim();
    let body = t.trim_end_matches(|c| "。．.！!？?；;".contains(c));
    if list_number(t).is_some() || body.contains(|c| "。！？；;".contains(c)) {
        return false;
    }
    let ts = crate::value::parse_thresholds(t);
    ts.len() == 1 && ts.iter().all(|th| th.metric.is_some())
}

/// Whether `next` opens the list item after the last one `prev` holds (`…。2. …` then
/// `3. …`): a fresh row's list starts at 1, so the next number means the list was cut.
fn continues_list(prev: &str, next: &str) -> bool {
    let Some((n, _)) = list_number(next) else {
        return false;
    };
    // The last item number of `prev`: at its start or after a sentence end.
    let mut last = list_number(prev).map(|(k, _)| k);
    for (i, ch) in prev.char_indices() {
        if "。；;".contains(ch) {
            let rest = prev[i + ch.len_utf8()..].trim_start();
            if let Some((k, _)) = list_number(rest) {
                last = Some(k);
            }
        }
    }
    last.is_some_and(|k| k + 1 == n)
}

/// A leading list number (`3.`, `3．`, `3、`; not a decimal such as `3.5`) and the rest.
fn list_number(t: &str) -> Option<(u32, &str)> {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n = t[..digits].parse().ok()?;
    let rest = &t[digits..];
    let sep = rest.chars().next().filter(|c| ".．、".contains(*c))?;
    let rest = &rest[sep.len_utf8()..];
    (!rest.starts_with(|c: char| c.is_ascii_digit())).then_some((n, rest))
}

/// Room measures are rough (advance widths, justified spacing): ems of slack.
const ROOM_TOLERANCE_EMS: f64 = 0.25;

/// Width in ems of what a line break cannot split at the start of `t`: a full-width
/// character, a run of full-width digits (numbers break after their `，` or `．`, not
/// inside a run of digits: `３８，１３` / `６．７８`) or a run of ASCII letters and digits
/// (after any opening brackets, which may not end a line), with the closing punctuation
/// that may not begin a line.
fn leading_chunk_ems(t: &str) -> f64 {
    let mut chars = t.chars().peekable();
    let mut ems = 0.0;
    while chars.next_if(|c| "（《「『“‘〔【".contains(*c)).is_some() {
        ems += 1.0;
    }
    // A comparison sign is not parted from the number it bounds (`≥1890项。` comes down
    // whole when it does not fit): it counts with that number.
    let digit = |c: &char| c.is_ascii_digit() || crate::value::is_fullwidth_digit(*c);
    let mut ahead = chars.clone();
    let mut sign = 0.0;
    while let Some(c) = ahead.next_if(|c| "≥≤≧≦＞＜＝<>=".contains(*c)) {
        sign += if c.is_ascii() { ASCII_EMS } else { 1.0 };
    }
    if sign > 0.0 && ahead.peek().is_some_and(digit) {
        ems += sign;
        chars = ahead;
    }
    match chars.next() {
        None => return 0.0,
        Some(c) if c.is_ascii_alphanumeric() => {
            ems += ASCII_EMS;
            while chars
                .next_if(|n| n.is_ascii_alphanumeric() || ".,%".contains(*n))
                .is_some()
            {
                ems += ASCII_EMS;
            }
        }
        Some(c) if crate::value::is_fullwidth_digit(c) => {
            ems += 1.0;
            while chars
                .next_if(|n| crate::value::is_fullwidth_digit(*n))
                .is_some()
            {
                ems += 1.0;
            }
        }
        Some(_) => ems += 1.0,
    }
    while chars
        .next_if(|n| "。，、；：？！）》」』”’%．％".contains(*n))
        .is_some()
    {
        ems += 1.0;
    }
    ems
}

/// An ASCII character is at most this wide (ems), a CJK one is one em.
const ASCII_EMS: f64 = 0.6;

/// Glyph bottoms on one text line differ by less than this (points).
const SAME_LINE_TOLERANCE: f64 = 4.0;

/// The indicator table's header row at a page end carries on only into the rest of a
/// header cell cut there, alone on its row: a next row with text in `next_filled` ≥ 2
/// columns is the table's first, never the header's continuation (both page stitchers,
/// geometry and layout text, ask this).
pub(crate) fn header_meets_first_row(prev: &TRow, next_filled: usize) -> bool {
    next_filled >= 2 && crate::sections::is_indicator_header(&texts(prev))
}

/// Whether `next` holds the rest of the indicator header row `prev`, cut by the page
/// end in several cells at once (`一级指` / `标` and `实施周期` / `指标值`, Writer printing an
/// HTML table with narrow columns): every text of `next` is short, has no digit, sits
/// under a header cell and makes with it a header cell's name, and at least one of those
/// header cells names no column alone. A table's first row is level names and targets.
fn header_rest(prev: &TRow, next: &TRow) -> bool {
    let mut cut = false;
    let all_rest = next.cells.iter().filter(|c| !c.text.is_empty()).all(|c| {
        let Some(above) = prev
            .cells
            .iter()
            .find(|p| p.col == c.col && !p.text.is_empty())
        else {
            return false;
        };
        let mut joined = above.text.clone();
        geometry::push_joined(&mut joined, &c.text);
        let short =
            c.text.trim().chars().count() <= 6 && !c.text.contains(|ch: char| ch.is_numeric());
        cut |= !crate::sections::is_indicator_header_cell(&above.text);
        short && crate::sections::is_indicator_header_cell(&joined)
    });
    all_rest && cut
}

fn texts(r: &TRow) -> Vec<&str> {
    r.cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect()
}

fn to_row(page: u32, r: TRow) -> Row<'static> {
    let loc = |b: Rect| Loc::Page {
        page,
        bbox: b.to_array(),
    };
    Row {
        loc: loc(r.bbox),
        cells: r
            .cells
            .into_iter()
            .map(|c| Cell {
                text: c.text.into(),
                col: c.col,
                loc: loc(c.bbox),
            })
            .collect(),
    }
}

/// One page's items for stitching; `full` when its content reaches the bottom margin.
pub(crate) struct PageItems {
    pub number: u32,
    pub full: bool,
    pub items: Vec<Item>,
}

/// Pages → grid rows, stitching tables continued across page breaks.
pub(crate) fn stitch(pages: Vec<PageItems>) -> Vec<Row<'static>> {
    let mut rows: Vec<Row> = Vec::new();
    // The open table at the end of the previous page: its columns, header and last row.
    let mut open: Option<(Vec<f64>, Vec<String>, TRow)> = None;
    let mut prev_full = false;
    for PageItems {
        number: page,
        full,
        items,
    } in pages
    {
        let n_items = items.len();
        for (k, item) in items.into_iter().enumerate() {
            match item {
                Item::Line(r) => {
                    open = None;
                    rows.push(to_row(page, r));
                }
                Item::Table { rows: trs, xs, .. } => {
                    let carried = if k == 0 { open.take() } else { None };
                    let mut header: Vec<String> = trs
                        .first()
                        .map(|r| texts(r).into_iter().map(str::to_string).collect())
                        .unwrap_or_default();
                    let mut it = trs.into_iter().peekable();
                    let (same, other): (Option<_>, Option<_>) = match carried {
                        Some(c) if same_columns(&c.0, &xs) => (Some(c), None),
                        c => (None, c),
                    };
                    // The next page's part of a table may have other column edges (its
                    // rows use fewer columns): a row cut by the break still continues
                    // in the cells it shares with the last row, read in that row's columns.
                    // The row joined to the previous page's last one stays this page's
                    // last row when no other follows it: a cell cut by two page breaks
                    // (a whole page of one task's content) goes on to a third page.
                    let mut joined: Option<TRow> = None;
                    if let Some((_, _, plast)) = other {
                        let first = it.peek().and_then(|f| in_columns_of(&plast, f));
                        if let Some(first) = first.filter(|f| continues(&plast, f, prev_full)) {
                            if let Some(last) = rows.last_mut() {
                                joined = it.next();
                                join_row(last, &first);
                            }
                        }
                    }
                    if let Some((pxs, pheader, plast)) = same {
                        header = pheader;
                        // A repeated header row at the page top.
                        if it
                            .peek()
                            .is_some_and(|r| !header.is_empty() && texts(r) == header)
                        {
                            it.next();
                        }
                        let mut emptied = false;
                        if let Some(first) = it.peek() {
                            if continues(&plast, first, prev_full) {
                                if let (Some(first), Some(last)) = (it.next(), rows.last_mut()) {
                                    join_row(last, &first);
                                    joined = Some(first);
                                }
                            } else if let Some(first) = it.peek_mut() {
                                lift_to_span_start(&mut rows, &plast, first, page);
                                if prev_full {
                                    rejoin_split_names(&mut rows, first, page);
                                }
                                emptied = first.cells.iter().all(|c| c.text.is_empty());
                            }
                        }
                        // A row whose text all went back to the previous page is gone.
                        if emptied {
                            it.next();
                        }
                        let _ = pxs;
                    }
                    let mut last: Option<TRow> = joined;
                    for r in it {
                        last = Some(r.clone());
                        rows.push(to_row(page, r));
                    }
                    open = if k + 1 == n_items {
                        last.map(|l| (xs, header, l))
                    } else {
                        None
                    };
                }
            }
        }
        if n_items == 0 {
            open = None;
        }
        prev_full = full;
    }
    rows
}

/// `next` with the columns of the cells of `prev` its text cells line up with (both
/// edges within [`EDGE_TOLERANCE`], or the left edge with the text inside the cell: the
/// short rest of a left-aligned text cut by the page end); `None` when one of them lines
/// up with none.
fn in_columns_of(prev: &TRow, next: &TRow) -> Option<TRow> {
    // A centred column's rest (a wrapped name's last characters, set on its own line
    // in the middle of the cell's part on the next page) shares the cell's centre.
    let centred = |a: &Rect, b: &Rect| {
        ((a.x0 + a.x1) - (b.x0 + b.x1)).abs() / 2.0 <= CENTRE_TOLERANCE
            && b.x0 >= a.x0
            && b.x1 <= a.x1
    };
    let lined_up = |a: &Rect, b: &Rect| {
        ((a.x0 - b.x0).abs() <= EDGE_TOLERANCE && b.x1 <= a.x1 + EDGE_TOLERANCE) || centred(a, b)
    };
    let cells = next
        .cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| {
            let p = prev.cells.iter().find(|p| lined_up(&p.bbox, &c.bbox))?;
            Some(TCell {
                col: p.col,
                ..c.clone()
            })
        })
        .collect::<Option<Vec<TCell>>>()?;
    Some(TRow {
        cells,
        bbox: next.bbox,
        last_line_room: Vec::new(),
        col_measure: Vec::new(),
        open_above: Vec::new(),
        open_below: Vec::new(),
    })
}

/// A page whose content ends this close (points) above the lowest content bottom of
/// the document reaches its bottom margin, or within [`FULL_PAGE_SLACK_EMS`] of its
/// text size, if more (two line pitches of about 1.4 em).
const FULL_PAGE_SLACK: f64 = 20.0;
const FULL_PAGE_SLACK_EMS: f64 = 2.8;

/// How far (ems) a row-span label of an earlier row must run on below the page's last
/// row for that row to have ended before the page did: a line and a half.
const LABEL_BELOW_EMS: f64 = 2.1;

/// Whether the page's last table row ends its text more than `gap` above a cell of an
/// earlier row (a row-span label, 绩效指标 written one character per line from the
/// indicator header down): the page had room below that row, so the page break cut no
/// row, though the page is full.
fn last_row_above_label(items: &[Item], gap: f64) -> bool {
    let Some(Item::Table { rows, .. }) = items.last() else {
        return false;
    };
    let Some((last, earlier)) = rows.split_last() else {
        return false;
    };
    let bottom = last
        .cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .filter_map(|c| c.text_y0)
        .fold(f64::INFINITY, f64::min);
    bottom.is_finite()
        && earlier
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| !c.text.is_empty() && c.bbox.y0 < bottom - gap)
}

/// Column edges of one table on two pages agree within this (points).
const EDGE_TOLERANCE: f64 = 12.0;

/// How far (points) apart the centres of a centred cell's two parts may be.
const CENTRE_TOLERANCE: f64 = 2.0;

/// A merged cell running on across a page break (no rule closes it at the page end nor
/// at the next page's top) whose text was drawn on the next page only (a spreadsheet
/// centres it on the whole cell): the text goes back to the row the cell starts in, on
/// the previous page (its last row or one above, where the cell spans several), where
/// the text form has it.
fn lift_to_span_start(rows: &mut [Row], plast: &TRow, first: &mut TRow, page: u32) {
    let n = rows.len();
    for c in first.cells.iter_mut().filter(|c| !c.text.is_empty()) {
        let Some(k) = c.col else {
            continue;
        };
        if !first.open_above.contains(&k) {
            continue;
        }
        let Some(&(_, up)) = plast.open_below.iter().find(|(col, _)| *col == k) else {
            continue;
        };
        // The start row is on the previous page, and every row from it down to the last
        // is there too (the cell spans them all).
        let Some(from) = n.checked_sub(up + 1) else {
            continue;
        };
        let on_prev_page = |r: &Row| matches!(r.loc, Loc::Page { page: p, .. } if p + 1 == page);
        if !rows
            .get(from..)
            .is_some_and(|rs| rs.iter().all(on_prev_page))
        {
            continue;
        }
        let spanned_empty = rows.get(from..).is_some_and(|rs| {
            rs.iter().all(|r| {
                r.cells
                    .iter()
                    .all(|lc| lc.col != Some(k) || lc.text.is_empty())
            })
        });
        if !spanned_empty {
            continue;
        }
        if let Some(lc) = rows
            .get_mut(from)
            .and_then(|r| r.cells.iter_mut().find(|lc| lc.col == Some(k)))
        {
            lc.text = std::mem::take(&mut c.text).into();
        }
    }
}

/// Writer breaks the text of a row-span cell where the page ends (`效益` at the foot of
/// one page, `指标` atop the next) while the rows beside it are whole: where a cell of the
/// new page's first row and the previous page's last text in that column spell an
/// indicator framework name together, and neither does alone, the rest goes back.
fn rejoin_split_names(rows: &mut [Row], first: &mut TRow, page: u32) {
    for c in first.cells.iter_mut().filter(|c| !c.text.is_empty()) {
        let on_prev_page = |r: &Row| matches!(r.loc, Loc::Page { page: p, .. } if p + 1 == page);
        let above = rows
            .iter_mut()
            .rev()
            .take_while(|r| on_prev_page(r))
            .find_map(|r| {
                r.cells
                    .iter_mut()
                    .find(|pc| pc.col == c.col && !pc.text.is_empty())
            });
        let Some(above) = above else {
            continue;
        };
        let mut joined = above.text.to_string();
        geometry::push_joined(&mut joined, &c.text);
        if !is_framework_name(&above.text)
            && !is_framework_name(&c.text)
            && is_framework_name(&joined)
        {
            above.text = joined.into();
            c.text.clear();
        }
    }
}

/// Append a continuation row's cell texts to the row it continues (by column).
fn join_row(last: &mut Row, next: &TRow) {
    for c in &next.cells {
        if c.text.is_empty() {
            continue;
        }
        // The anchored cell of that column is the nearest non-empty one at or left of it.
        let target = last
            .cells
            .iter_mut()
            .filter(|lc| lc.col.is_some() && lc.col <= c.col && !lc.text.is_empty())
            .max_by_key(|lc| lc.col);
        if let Some(t) = target {
            geometry::push_joined(t.text.to_mut(), &c.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_split_over_two_rows_is_joined() {
        let grid_row = |texts: &[&str]| Row {
            cells: texts
                .iter()
                .enumerate()
                .map(|(k, t)| Cell {
                    text: t.to_string().into(),
                    col: Some(k),
                    loc: Loc::Page {
                        page: 1,
                        bbox: [0.0; 4],
                    },
                })
                .collect(),
            loc: Loc::Page {
                page: 1,
                bbox: [0.0; 4],
            },
        };
        let mut rows = vec![
            grid_row(&["部门名称", "某局", ""]),
            grid_row(&["总体绩效", "完成任务。", ""]),
            grid_row(&["目标", "", ""]),
            grid_row(&["年度重点工作任务", "名称", "内容"]),
        ];
        join_split_labels(&mut rows);
        let firsts: Vec<&str> = rows.iter().map(|r| r.cells[0].text.as_ref()).collect();
        assert_eq!(firsts, ["部门名称", "总体绩效目标", "年度重点工作任务"]);
        // A row's own label stays (联系人 under 部门名称 is a label of its own).
        let mut rows = vec![grid_row(&["部门名称", "某局"]), grid_row(&["联系人", ""])];
        join_split_labels(&mut rows);
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn typed_em_space_parts_a_free_line() {
        use text::tests::{glyph, word};
        // `整　（小写）`: the text parts cells at U+3000, the PDF draws an em-wide space.
        let mut gs = word("资金总额整", 50.0, 700.0, 10.0);
        let mut sp = glyph(' ', 100.0, 700.0, 10.0);
        sp.bbox.x1 = 110.0;
        gs.push(sp);
        gs.extend(word("（小写）3万元", 110.0, 700.0, 10.0));
        // A narrow typed space (`1. 构建`) stays inside its cell.
        gs.extend(word("1.", 50.0, 680.0, 10.0));
        gs.push(glyph(' ', 60.0, 680.0, 10.0));
        gs.extend(word("构建", 63.0, 680.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let cells: Vec<Vec<String>> = free_lines(&refs)
            .iter()
            .map(|it| match it {
                Item::Line(r) => r.cells.iter().map(|c| c.text.clone()).collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                vec!["资金总额整".to_string(), "（小写）3万元".to_string()],
                vec!["1. 构建".to_string()],
            ]
        );
    }

    #[test]
    fn leading_chunk_widths() {
        // What a line break cannot split at a text's start, in ems.
        for (t, ems) in [
            ("", 0.0),
            ("项", 1.0),
            ("项目", 1.0),
            ("、市场", 1.0),
            ("。", 1.0),
            ("（一）", 3.0),
            ("《办法》", 2.0),
            ("作用，支持", 1.0),
            ("abc 项目", 1.8),
            ("12.5%以上", 3.0),
            ("95%", 1.8),
            // Full-width digits run together; a number breaks after its `，` or `．`.
            ("６．７８", 2.0),
            ("１２３，４５６．７８", 4.0),
            ("９５％", 3.0),
            ("６", 1.0),
            ("６项", 1.0),
            // A sign goes with its number; alone it is a character of its own.
            ("≥1890项。", 1.0 + 4.0 * 0.6),
            ("＞20%。", 1.0 + 3.0 * 0.6 + 1.0),
            (">=5", 3.0 * 0.6),
            ("≥项", 1.0),
        ] {
            let got = leading_chunk_ems(t);
            assert!((got - ems).abs() < 1e-9, "{t:?}: {got} ems, want {ems}");
        }
    }

    fn cell(t: &str, col: usize) -> TCell {
        TCell {
            text: t.into(),
            col: Some(col),
            bbox: Rect::new(0.0, 0.0, 1.0, 1.0),
            text_y0: None,
        }
    }
    fn row(ts: &[&str]) -> TRow {
        TRow {
            cells: ts.iter().enumerate().map(|(i, t)| cell(t, i)).collect(),
            bbox: Rect::new(0.0, 0.0, 1.0, 1.0),
            last_line_room: Vec::new(),
            col_measure: Vec::new(),
            open_above: Vec::new(),
            open_below: Vec::new(),
        }
    }
    fn table(rows: Vec<TRow>) -> Item {
        Item::Table {
            rows,
            bbox: Rect::new(0.0, 0.0, 1.0, 1.0),
            xs: vec![0.0, 10.0, 20.0, 30.0],
        }
    }

    /// Two pages stitched: the first full, the second going on from it.
    fn two_pages(first: Vec<Item>, second: Vec<Item>) -> Vec<Row<'static>> {
        stitch(vec![
            PageItems {
                number: 1,
                full: true,
                items: first,
            },
            PageItems {
                number: 2,
                full: false,
                items: second,
            },
        ])
    }

    fn texts(rows: &[Row]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    /// An indicator header cut by the page end in two cells at once goes on at the next
    /// page's top; the table's first row there (level names, or a level-3 name and its
    /// targets with the level names centred lower) does not.
    #[test]
    fn indicator_header_cut_in_several_cells() {
        let header = row(&["一级指", "二级指标", "三级指标", "实施周期", "年度指标值"]);
        let rest = row(&["标", "", "", "指标值", ""]);
        assert!(continues(&header, &rest, true));
        assert!(!continues(&header, &rest, false));
        for first in [
            row(&[
                "产出指标",
                "数量指标",
                "培育壮大科技创新型企业",
                "资金支付进度≥95%。",
                "",
            ]),
            row(&["", "", "培育壮大", "资金支付", "资金支付"]),
            row(&["标", "", "", "指标值", "≥95%"]),
        ] {
            assert!(!continues(&header, &first, true), "{:?}", texts_of(&first));
        }
        // Two rests under header cells that each name a column alone: a row of its own.
        let whole = row(&["一级指标", "二级指标", "三级指标", "实施周期", "年度指标值"]);
        assert!(!continues(
            &whole,
            &row(&["", "", "", "指标值", "指标值"]),
            true
        ));
    }

    /// A row cut by the page end inside a number: the next page's cell opens with the
    /// unit (`项。`), so the row goes on there, though another cell's last line seemed to
    /// have room for what its next-page cell starts with.
    #[test]
    fn a_unit_opening_a_cell_continues_the_cut_number() {
        let mut prev = row(&[
            "开展项目",
            "1. 开展项目数量不低于498项。2. 重点主攻方向数量≥41",
            "1. 开展项目数量不低于498项。",
        ]);
        prev.last_line_room = vec![Some(0.0), Some(0.0), Some(3.0)];
        let next = row(&["", "项。", "2. 重点主攻方向数量≥41项。"]);
        assert!(continues(&prev, &next, true));
        let fresh = row(&["", "项目完成率", "2. 重点主攻方向数量≥41项。"]);
        assert!(!continues(&prev, &fresh, true));
    }

    fn texts_of(r: &TRow) -> Vec<&str> {
        r.cells.iter().map(|c| c.text.as_str()).collect()
    }

    /// A task's content filling a whole page between the pages its row starts and ends
    /// on: the middle page's one row joins the row above, and the third page's rest
    /// joins that row too (the joined row stayed the open table's last row).
    #[test]
    fn cell_cut_by_two_page_breaks_is_one_cell() {
        let page = |number: u32, full: bool, rows: Vec<TRow>| PageItems {
            number,
            full,
            items: vec![table(rows)],
        };
        let got = stitch(vec![
            page(
                1,
                true,
                vec![
                    row(&["名称", "主要实施内容", "金额"]),
                    row(&["高标准农田建设", "培养一批青年", "1,000"]),
                ],
            ),
            page(
                2,
                true,
                vec![row(&["", "骨干人才，加强与高校、科研院所合", ""])],
            ),
            page(
                3,
                false,
                vec![
                    row(&["", "作，构建多元投入机制。", ""]),
                    row(&["法律援助服务", "组织开展宣传培训活动。", "2,000"]),
                ],
            ),
        ]);
        assert_eq!(
            texts(&got),
            vec![
                vec!["名称", "主要实施内容", "金额"],
                vec![
                    "高标准农田建设",
                    "培养一批青年骨干人才，加强与高校、科研院所合作，构建多元投入机制。",
                    "1,000"
                ],
                vec!["法律援助服务", "组织开展宣传培训活动。", "2,000"],
            ]
        );
    }

    /// The rest of a left-aligned target cut by the page end is short: it starts where
    /// the target's cell does and ends well inside it, and goes to that cell's column
    /// though the next page numbers its columns otherwise.
    #[test]
    fn short_rest_of_a_cut_cell_lines_up_with_it() {
        let at = |t: &str, col: usize, x0: f64, x1: f64| TCell {
            text: t.into(),
            col: Some(col),
            bbox: Rect::new(x0, 100.0, x1, 140.0),
            text_y0: None,
        };
        let prev = TRow {
            cells: vec![
                at("加强项目全过程监管", 3, 310.0, 400.0),
                at(
                    "1. 覆盖街镇数量≥172个。2. 重点主攻方向数量",
                    4,
                    425.0,
                    538.0,
                ),
            ],
            bbox: Rect::new(310.0, 100.0, 538.0, 140.0),
            last_line_room: Vec::new(),
            col_measure: Vec::new(),
            open_above: Vec::new(),
            open_below: Vec::new(),
        };
        let next = TRow {
            cells: vec![at("", 4, 0.0, 0.0), at("不低于24项。", 5, 425.0, 480.0)],
            bbox: Rect::new(425.0, 700.0, 480.0, 710.0),
            last_line_room: Vec::new(),
            col_measure: Vec::new(),
            open_above: Vec::new(),
            open_below: Vec::new(),
        };
        let got = in_columns_of(&prev, &next).map(|r| {
            r.cells
                .iter()
                .map(|c| (c.text.clone(), c.col))
                .collect::<Vec<_>>()
        });
        assert_eq!(got, Some(vec![("不低于24项。".to_string(), Some(4))]));
    }

    /// A centred task name wrapped at the page end (synth-1241: `保障性住房建` / `设`):
    /// its rest is centred again in the middle of the row's part on the next page, and
    /// goes to the name's column by their shared centre, so the row is carried on.
    #[test]
    fn centred_rest_of_a_cut_name_lines_up_with_it() {
        let at = |t: &str, col: usize, x0: f64, x1: f64| TCell {
            text: t.into(),
            col: Some(col),
            bbox: Rect::new(x0, 100.0, x1, 140.0),
            text_y0: None,
        };
        let tr = |cells: Vec<TCell>| TRow {
            cells,
            bbox: Rect::new(130.0, 100.0, 538.0, 140.0),
            last_line_room: Vec::new(),
            col_measure: Vec::new(),
            open_above: Vec::new(),
            open_below: Vec::new(),
        };
        let prev = tr(vec![
            at("保障性住房建", 1, 130.6, 193.6),
            at("以源头创新和应用", 2, 201.6, 290.1),
            at("128965.92", 3, 307.8, 357.2),
            at("形成可复制可推广的经验。打好关", 4, 374.5, 537.4),
        ]);
        let next = tr(vec![
            at("设", 1, 156.9, 167.4),
            at("为导向，开展专项督查和绩效评价，", 2, 201.6, 290.4),
            at("键领域“攻坚战”。年度任务按期完成。", 4, 374.5, 537.4),
        ]);
        let first = in_columns_of(&prev, &next);
        let cols = first
            .as_ref()
            .map(|r| r.cells.iter().map(|c| c.col).collect::<Vec<_>>());
        assert_eq!(cols, Some(vec![Some(1), Some(2), Some(4)]));
        assert!(first.is_some_and(|f| continues(&prev, &f, true)));
        // Off the name's centre (a word starting inside its cell), no column is shared.
        let off = tr(vec![at("设", 1, 160.0, 170.5)]);
        assert!(in_columns_of(&prev, &off).is_none());
    }

    #[test]
    fn carried_text_must_have_been_wrapped() {
        let mut prev = row(&["", "≥160个", "建设"]);
        let next = row(&["", "不少于2万家次", "次。"]);
        // Room unknown (stream rows): open texts carry on.
        assert!(continues(&prev, &next, true));
        // Room for the next page's first character was left: the row was complete.
        prev.last_line_room = vec![None, Some(3.0), Some(0.2)];
        assert!(!continues(&prev, &next, true));
        // Closing punctuation does not begin a line: `次。` needed two ems.
        prev.last_line_room = vec![None, Some(0.3), Some(1.5)];
        assert!(continues(&prev, &next, true));
        // Nor does an opening bracket end one: `（可` needed two ems.
        let label = row(&["其他需完成的任务", "做好日常工作。"]);
        let next = row(&["（可选填）", ""]);
        let mut prev = label.clone();
        prev.last_line_room = vec![Some(1.5), Some(5.0)];
        assert!(continues(&prev, &next, true));
        prev.last_line_room = vec![Some(2.5), Some(5.0)];
        assert!(!continues(&prev, &next, true));
    }

    /// A page holding one row of a borderless indicator table shows its target column
    /// only as wide as the header (实施周期指标值): `不少于3万个` seemed to leave 1.5 em,
    /// too little for `≥5万人次`. The next page's lines show the column wider: the
    /// line had that room, and the row was complete (chengdu, Word-like, no margins).
    #[test]
    fn next_pages_wider_column_gives_the_last_line_room() {
        let mut prev = row(&["", "新增公办幼儿园学位", "不少于3万个", "不少于6000个"]);
        prev.last_line_room = vec![None, Some(0.0), Some(1.5), Some(0.0)];
        let mut next = row(&["", "培训中小学教师人次", "≥5万人次", "≥1.2万人次"]);
        assert!(continues(&prev, &next, true));
        prev.col_measure = vec![Some(4.0), Some(9.0), Some(7.0), Some(5.8)];
        next.col_measure = vec![Some(4.0), Some(9.0), Some(8.9), Some(8.3)];
        assert!(!continues(&prev, &next, true));
        // A next page no wider leaves the room as it was.
        next.col_measure = prev.col_measure.clone();
        assert!(continues(&prev, &next, true));
    }

    /// A target cut by the page end right before its sign: `≥1890` does not part from
    /// its sign, so three ems of room on the last line did not hold what came down
    /// (synth-21, LibreOffice's HTML table: `开展项目数量` / `≥1890项。`).
    #[test]
    fn sign_comes_down_with_its_number() {
        let mut prev = row(&["", "激发市场交易活", "开展项目数量"]);
        prev.last_line_room = vec![None, Some(0.1), Some(3.0)];
        let next = row(&["", "力，推动科技成果转移转化", "≥1890项。"]);
        assert!(continues(&prev, &next, true));
        // A whole first word fitted in the room left: a fresh row.
        prev.last_line_room = vec![None, Some(0.1), Some(4.0)];
        assert!(!continues(&prev, &next, true));
    }

    /// A borderless row's longest cell (a task's outcome) runs onto the next page after
    /// its other cells ended: the next page's first row holds only that column, and
    /// carries it on although its text above ended a sentence (synth-12, LibreOffice
    /// without borders). A framework name alone there is a misplaced label's cell.
    #[test]
    fn last_column_alone_at_page_top_carries_on() {
        let prev = row(&[
            "",
            "市容环境整治",
            "围绕国家急需领域开展研究。",
            "42594.50",
            "提升整体能力。",
        ]);
        let tail = row(&["", "", "", "", "年度任务按期完成。"]);
        assert!(continues(&prev, &tail, true));
        // Not a page that was not filled, nor a row with another cell beside it.
        assert!(!continues(&prev, &tail, false));
        let fresh = row(&["", "", "实施重点区域综合整治。", "", "年度任务按期完成。"]);
        assert!(!continues(&prev, &fresh, true));
        let label = row(&["", "", "", "", "生态效益指标"]);
        assert!(!continues(&prev, &label, true));
    }

    /// A page's last row of one line in every cell (a level-3 name filling its line
    /// beside a finished target) looks cut; its target and the next page's, each one
    /// whole unnumbered target, are two rows' values (synth-260, synth-71 with footers).
    #[test]
    fn one_line_row_of_whole_targets_at_page_end_is_complete() {
        let on_one_line = |mut r: TRow| {
            for c in &mut r.cells {
                c.text_y0 = (!c.text.is_empty()).then_some(100.0);
            }
            r
        };
        let prev = on_one_line(row(&["", "改善城乡人居环境", "覆盖街镇数量不低于5个。"]));
        let next = row(&["", "加强项目全过程监管", "培训人次≥16万人次。"]);
        assert!(!continues(&prev, &next, true));
        // A list cut between items goes on with the next number.
        let list = on_one_line(row(&["", "加强项目全过程", "1. 覆盖街镇数量不低于5个。"]));
        assert!(continues(
            &list,
            &row(&["", "监管", "2. 培训人次≥16万人次。"]),
            true
        ));
        // Sentences that are no targets (a task's outcome) carry on as before.
        let task = on_one_line(row(&["", "保障性住房建", "打好关键领域攻坚战。"]));
        assert!(continues(
            &task,
            &row(&["", "设", "年度任务按期完成。"]),
            true
        ));
        // So does a row whose unfinished cell shows a sentence (its commas), and a
        // target run on after `；`.
        let clause = on_one_line(row(&["", "落实政策文件，加强", "覆盖街镇数量不低于5个。"]));
        assert!(continues(&clause, &next, true));
        let run_on = on_one_line(row(&["", "改善城乡人居环境", "覆盖街镇数量不低于5个；"]));
        assert!(continues(&run_on, &next, true));
    }

    /// A borderless indicator header at a page end: the next page's first row is the
    /// table's, unless it is the rest of a header cell alone.
    #[test]
    fn header_row_at_page_end_carries_on_only_into_a_cut_header_cell() {
        let header = row(&[
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "实施周期指标",
        ]);
        let first = row(&[
            "",
            "产出指标",
            "数量指标",
            "保障困难群众基本",
            "高新技术企业认定数",
        ]);
        assert!(!continues(&header, &first, true));
        let rest = row(&["", "", "", "", "值"]);
        assert!(continues(&header, &rest, true));
    }

    /// Lone level-2 rows (level names over empty cells) on both sides of a page break:
    /// a name in full is a whole cell, the next page's name starts a row of its own.
    #[test]
    fn framework_name_at_page_end_is_complete() {
        let prev = row(&["", "", "质量指标"]);
        assert!(!continues(&prev, &row(&["", "", "时效指标"]), true));
        // A name cut by the page end still carries on.
        assert!(continues(
            &row(&["", "", "社会效益"]),
            &row(&["", "", "指标"]),
            true
        ));
    }

    /// A level-3 name cut by the page end (its target beside it finished) above a
    /// level-2 name alone at the next page's top, read into the level-3 column where it
    /// is printed centred over its merged cells (synth-821 borderless): a row of its
    /// own, not the name's rest.
    #[test]
    fn level2_name_alone_at_page_top_is_a_row_of_its_own() {
        let prev = row(&[
            "",
            "带动社会投资",
            "1. 开展项目数量不超过32项。2. 资金支付进度=88%。",
        ]);
        assert!(!continues(&prev, &row(&["", "可持续影响指标", ""]), true));
        // Any other rest carries on.
        assert!(continues(&prev, &row(&["", "项目", ""]), true));
    }

    #[test]
    fn list_number_does_not_finish_a_text() {
        let next = row(&["", "全市技术合同成交额=1423亿元。"]);
        assert!(continues(
            &row(&["", "1.道路养护里程≥110公里。2."]),
            &next,
            true
        ));
        assert!(!continues(
            &row(&["", "道路养护里程≥110公里。"]),
            &next,
            true
        ));
    }

    #[test]
    fn next_list_number_continues_a_finished_text() {
        let mut prev = row(&["", "1. 培训人次≥25万人次。2.认定数≥5413家。"]);
        // Room left on the last line does not matter: items may be paragraphs.
        prev.last_line_room = vec![None, Some(4.0)];
        let next = row(&["", "3. 项目完成率≥95%。"]);
        assert!(continues(&prev, &next, true));
        // Another number, a decimal or no list at all start a fresh row.
        for t in ["1. 项目完成率≥95%。", "3.5亿元以上。", "项目完成率≥95%。"] {
            assert!(!continues(&prev, &row(&["", t]), true), "{t}");
        }
        let single = row(&["", "认定数≥5413家。"]);
        assert!(!continues(&single, &next, true));
        assert!(!continues(&prev, &next, false));
    }

    /// The next list number goes on a cut row though a name beside it, cut mid-word,
    /// ended higher on the page (`保障困难群众基本` / `生活`); a finished text beside it
    /// that does not go on with a list leaves the question to the other tests.
    #[test]
    fn next_list_number_beside_a_cut_name_continues() {
        let mut prev = row(&[
            "保障困难群众基本",
            "1. 覆盖街镇数量≥79个。2. 覆盖街镇数量＞82个。",
        ]);
        prev.last_line_room = vec![Some(0.9), Some(0.0)];
        // The name's one line ends above the targets' second.
        prev.cells[0].text_y0 = Some(40.0);
        prev.cells[1].text_y0 = Some(28.0);
        let next = row(&["生活", "3. 开展项目数量达到1474项。"]);
        assert!(continues(&prev, &next, true));
        let mut beside = row(&[
            "",
            "1. 覆盖街镇数量≥79个。2. 覆盖街镇数量＞82个。",
            "≥80%。",
        ]);
        beside.last_line_room = vec![None, Some(0.0), Some(6.0)];
        let next = row(&["", "3. 开展项目数量达到1474项。", "≥90%。"]);
        assert!(!continues(&beside, &next, true));
        // A cut sentence beside the list is no name: the rule says nothing of it.
        let mut cut = row(&["甲，乙", "1. 覆盖街镇数量≥79个。2. 覆盖街镇数量＞82个。"]);
        cut.last_line_room = vec![Some(0.0), Some(6.0)];
        assert!(!continues(
            &cut,
            &row(&["丙", "3. 开展项目数量达到1474项。"]),
            true
        ));
    }

    #[test]
    fn split_row_joined_and_header_dropped() {
        let p1 = vec![
            Item::Line(row(&["标题"])),
            table(vec![
                row(&["名称", "内容", "金额"]),
                row(&["甲", "第一页的", "1.00"]),
            ]),
        ];
        let p2 = vec![table(vec![
            row(&["名称", "内容", "金额"]),
            row(&["", "续文", ""]),
            row(&["乙", "新行", "2.00"]),
        ])];
        let rows = two_pages(p1, p2);
        let t = texts(&rows);
        assert_eq!(
            t,
            vec![
                vec!["标题"],
                vec!["名称", "内容", "金额"],
                vec!["甲", "第一页的续文", "1.00"],
                vec!["乙", "新行", "2.00"],
            ]
        );
        assert_eq!(rows[3].loc.page(), Some(2));
    }

    /// Writer breaks a row-span label where the page ends; the next page's first row is
    /// a fresh row (its own level-2 name, complete targets) whose label column holds the
    /// label's rest.
    #[test]
    fn a_label_split_by_the_page_end_is_joined_back() {
        let p1 = vec![table(vec![
            row(&["一级指标", "二级指标", "三级指标", "指标值"]),
            row(&["产出指标", "数量指标", "完成项目", "≥5项。"]),
            row(&["效益", "经济效益指标", "", ""]),
        ])];
        let p2 = vec![table(vec![
            row(&["指标", "社会效益指标", "惠及群众", "≥100人。"]),
            row(&["满意度指标", "服务对象满意度指标", "满意度", "≥90%。"]),
        ])];
        let rows = two_pages(p1, p2);
        let t = texts(&rows);
        assert_eq!(t[2], vec!["效益指标", "经济效益指标", "", ""]);
        assert_eq!(t[3], vec!["", "社会效益指标", "惠及群众", "≥100人。"]);
        assert_eq!(t.len(), 5);
    }

    /// Calc draws a row-span label centred on the whole merged cell: when the cell starts
    /// in a page's last row and runs on (no rule at the page end nor at the next page's
    /// top), its text can stand on the next page only; it belongs to the row the cell
    /// starts in.
    #[test]
    fn a_span_label_drawn_on_the_next_page_goes_to_the_row_it_starts_in() {
        let mut last = row(&["效益指标", "", "监管到位", "≥5项。"]);
        last.open_below = vec![(0, 0), (1, 0)];
        let mut first = row(&["", "可持续影响指标", "带动投资", "≥3亿元。"]);
        first.open_above = vec![0, 1];
        let pages = |last: TRow, first: TRow| {
            two_pages(
                vec![table(vec![
                    row(&["一级指标", "二级指标", "三级指标", "指标值"]),
                    last,
                ])],
                vec![table(vec![first])],
            )
        };
        let t = texts(&pages(last.clone(), first.clone()));
        assert_eq!(
            t[1],
            vec!["效益指标", "可持续影响指标", "监管到位", "≥5项。"]
        );
        assert_eq!(t[2], vec!["", "", "带动投资", "≥3亿元。"]);
        // A rule closes the cell at the page end: the label is the next row's own.
        last.open_below = vec![(0, 0)];
        let t = texts(&pages(last, first));
        assert_eq!(t[1], vec!["效益指标", "", "监管到位", "≥5项。"]);
        assert_eq!(t[2], vec!["", "可持续影响指标", "带动投资", "≥3亿元。"]);
    }

    #[test]
    fn page_numbers_recognised() {
        for t in [
            "第 1 页",
            "第1页，共3页",
            "- 2 -",
            "共3页",
            "3/8",
            "Page 2 of 5",
            "7",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        assert!(!is_page_number("第一部分"));
        assert!(!is_page_number("16,583.94"));
    }

    #[test]
    fn not_a_pdf_is_unsupported() {
        let e = read_pdf(b"hello world", &PdfOptions::default()).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::UnsupportedFormat);
    }
}
