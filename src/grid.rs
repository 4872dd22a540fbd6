//! Stage 3: text → grid of cells. Recognises the layouts real archives hold: tab-separated
//! rows, `| a | b |` pipes and markdown tables, comma-separated values as Excel/WPS save
//! them, one cell per line (blank lines between rows, empty cells missing), and rows whose
//! cells are split by runs of spaces; HTML tables (`html`).
//! Layouts that lose column positions give cells with `col: None`; the form stage then
//! works from labels and value shapes instead.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::record::{Loc, Warning};

pub mod html;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Tabs,
    Pipes,
    /// Comma-separated values (RFC 4180 quoting), as a spreadsheet saves a sheet.
    Csv,
    CellPerLine,
    Spaced,
    /// Cells split by single spaces (OCR engines and PDF viewers' copies of a table
    /// often leave one space between cells, and Chinese sets no spaces of its own).
    WordSpaced,
    /// An HTML table (a saved web page, or an `.xls` written as HTML).
    Html,
    PdfLattice,
    PdfStream,
}

impl Layout {
    /// Whether a cell's `col` is its real table column.
    pub fn has_columns(self) -> bool {
        matches!(
            self,
            Layout::Tabs | Layout::Pipes | Layout::Csv | Layout::Html | Layout::PdfLattice
        )
    }
}

/// A cell. Its text is borrowed from the decoded text where the layout allows (tab- and
/// pipe-separated rows, one cell per line): most cells are never copied, only the ones
/// the form stage takes into the record. PDF and CSV cells own theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'t> {
    pub text: Cow<'t, str>,
    /// Table column, when the layout keeps it.
    pub col: Option<usize>,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row<'t> {
    /// Every cell of the row; in column layouts empty cells are kept (text "").
    pub cells: Vec<Cell<'t>>,
    pub loc: Loc,
}

impl<'t> Row<'t> {
    pub fn non_empty(&self) -> impl Iterator<Item = &Cell<'t>> {
        self.cells.iter().filter(|c| !c.text.is_empty())
    }
}

#[derive(Debug, Clone)]
pub struct Grid<'t> {
    pub rows: Vec<Row<'t>>,
    pub layout: Layout,
    /// Page count (PDF only).
    pub pages: Option<u32>,
    pub warnings: Vec<Warning>,
    /// A space-aligned text's lines (empty in other layouts): where its cells start
    /// (display columns, see [`Grid::display_starts`]).
    pub spaced_lines: Vec<&'t str>,
    /// Each cell's section label once worked out (realign, then the form stage).
    pub(crate) labels: crate::sections::LabelMemo,
}

impl Grid<'_> {
    /// Where each of `cells` starts on its line (display columns, CJK two wide), in a
    /// space-aligned text: a cell is found among its line's pieces in order, as its text
    /// or the start of it (a wrapped rest may have been joined on). `None` in other
    /// layouts, or where a cell is not found.
    pub(crate) fn display_starts(&self, cells: &[&Cell<'_>]) -> Option<Vec<usize>> {
        if self.spaced_lines.is_empty() {
            return None;
        }
        let mut out = Vec::with_capacity(cells.len());
        // The line being read, its pieces, and the next piece to look at.
        let (mut line_no, mut pieces, mut next) = (0, Vec::new(), 0);
        for c in cells {
            let line = c.loc.line()?;
            if line != line_no {
                let raw = self.spaced_lines.get(line.checked_sub(1)?)?;
                (line_no, pieces, next) = (line, spaced_pieces(raw), 0);
            }
            let found = pieces.iter().enumerate().skip(next).find(|(_, (_, t))| {
                let t = clean_cell(t);
                !t.is_empty() && c.text.starts_with(&*t)
            });
            let (i, (start, _)) = found?;
            out.push(*start);
            next = i + 1;
        }
        Some(out)
    }
}

/// Trim a cell: ASCII and ideographic spaces, NBSP, zero-width characters; and close up
/// letter-spaced CJK text (`广 州 市 科 学 技 术 局`, as OCR engines and distributed
/// alignment give it) — see [`unspace_cjk`].
pub fn clean_cell(s: &str) -> Cow<'_, str> {
    unspace_cjk(trim_cell(s))
}

/// Whether `t` is one stroke of a scan's table rule OCR read as text (`|`, `｜`, `丨`,
/// `_`, `＿`); never `—`, the form's placeholder.
pub(crate) fn is_lone_rule_mark(t: &str) -> bool {
    t.len() <= 3 && matches!(t, "|" | "｜" | "丨" | "_" | "＿")
}

/// The length of a table-rule mark at the start of `line` that stands where the table's
/// border does in a space-aligned text: a stroke (`|`, `｜`, `丨`, `_`, `＿`) alone on
/// the line or followed by two or more spaces, in a line with no pipe after it (a pipe
/// row starts `|  |`).
fn margin_mark_len(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let n = match b.first()? {
        b'|' | b'_' => 1,
        0xEF | 0xE4 => 3,
        _ => return None,
    };
    let mark = line.get(..n)?;
    if !is_lone_rule_mark(mark) {
        return None;
    }
    let rest = line.get(n..)?.trim_end_matches('\r');
    let spaced = rest.starts_with("  ") || rest.trim().is_empty();
    (spaced && !rest.contains(is_pipe)).then_some(n)
}

/// `text` with each table-rule mark OCR read at a line's margin (see [`margin_mark_len`])
/// turned into spaces of its display width, so the line's cells keep their columns, and
/// an `ocr_repaired` warning naming the first such line; `None` (no copy) in a text with
/// tabs or when no line starts with one, as in every clean text (a byte test at each
/// line start).
pub fn without_margin_marks(text: &str) -> Option<(String, Warning)> {
    let b = text.as_bytes();
    // Only space-aligned text places cells by columns: a tab text's cells are parted by
    // tabs, and its first tab is found within a line or two.
    if has_tab(text) {
        return None;
    }
    let may = |i: usize| matches!(b.get(i), Some(b'|' | b'_' | 0xEF | 0xE4));
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', b).map(|i| i + 1));
    let first = starts.filter(|&i| may(i)).find(|&i| {
        let rest = text.get(i..).unwrap_or("");
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        rest.get(..end).and_then(margin_mark_len).is_some()
    })?;
    let mut out = String::with_capacity(text.len());
    let mut first_line = None;
    for (k, line) in text.split_inclusive('\n').enumerate() {
        let at = out.len();
        match margin_mark_len(line).filter(|_| at >= first) {
            Some(n) => {
                first_line.get_or_insert(k + 1);
                let width = line.get(..n).map_or(1, display_width);
                out.extend(std::iter::repeat_n(' ', width));
                out.push_str(line.get(n..).unwrap_or(""));
            }
            None => out.push_str(line),
        }
    }
    let line = first_line.unwrap_or(1);
    let w = Warning::new(
        "ocr_repaired",
        "a stray table-rule mark read by OCR at a line's margin dropped",
        Some(Loc::Line { line }),
    );
    Some((out, w))
}

/// `t` without a rule mark OCR read outside its outer pipes (`_| a | b |`, `| a | b |丨`):
/// text beyond them is no cell. Only a stroke that is no pipe itself (`||` may open a
/// row with an empty cell).
fn without_outer_marks(t: &str) -> &str {
    let mark = |c: char| matches!(c, '_' | '＿' | '丨' | '—');
    let mut t = t;
    if let Some(c) = t.chars().next().filter(|&c| mark(c)) {
        if t[c.len_utf8()..].trim_start().starts_with(is_pipe) {
            t = t[c.len_utf8()..].trim_start();
        }
    }
    if let Some(c) = t.chars().next_back().filter(|&c| mark(c)) {
        if t[..t.len() - c.len_utf8()].trim_end().ends_with(is_pipe) {
            t = t[..t.len() - c.len_utf8()].trim_end();
        }
    }
    t
}

/// Control characters pad too: a DOS end-of-file mark (^Z) or a stray NUL at a line's
/// end is no cell text.
fn is_cell_padding(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{200b}'
}

/// Whether both ends of `b` are an ASCII non-space or a 3-byte char [`solid_3`] knows
/// is no white space or padding: then neither trim has anything to take.
fn solid_ends(b: &[u8]) -> bool {
    let start_done = match b {
        [x, ..] if solid_ascii(*x) => true,
        [lead, x, y, ..] => solid_3(*lead, *x, *y),
        _ => false,
    };
    let end_done = match b {
        [.., x] if solid_ascii(*x) => true,
        [.., lead, x, y] => solid_3(*lead, *x, *y),
        _ => false,
    };
    start_done && end_done
}

/// `s` without padding at either end. Runs on every cell: an end that is an ASCII
/// non-space or a common ideograph (lead byte E4..E9, never padding) is settled from
/// its bytes; only other ends are decoded and tested.
fn trim_cell(s: &str) -> &str {
    if solid_ends(s.as_bytes()) {
        s
    } else {
        s.trim_matches(is_cell_padding)
    }
}

/// `s.trim()`, with an end that is an ASCII non-space, a common ideograph, CJK
/// punctuation or a full-width form settled from its bytes (as [`trim_cell`]: none of
/// them is white space); std's trim decodes both end chars and looks non-ASCII ones up
/// in the White_Space table, about 90 instructions on a CJK cell, which most cells are.
pub(crate) fn trim(s: &str) -> &str {
    if solid_ends(s.as_bytes()) {
        s
    } else {
        s.trim()
    }
}

/// An ASCII non-space, non-control byte.
fn solid_ascii(x: u8) -> bool {
    (0x21..0x7f).contains(&x)
}

/// Whether the three bytes `lead x y`, where a char starts with `lead`, are a char that
/// is no padding (see `is_cell_padding`), from the bytes alone: a common ideograph (lead
/// E4..E9); CJK punctuation (lead E3) but U+3000 (E3 80 80); a full-width form (lead
/// EF) but U+FEFF (EF BB BF). Cells end most often in such chars, `。` and `）` among
/// them. (In a valid str a lead byte from E3 to EF starts a char of three bytes.)
fn solid_3(lead: u8, x: u8, y: u8) -> bool {
    match lead {
        0xE4..=0xE9 => true,
        0xE3 => (x, y) != (0x80, 0x80),
        0xEF => (x, y) != (0xBB, 0xBF),
        _ => false,
    }
}

/// Whether a line is blank (white space only), as `line.trim().is_empty()`; a line that
/// starts with an ASCII non-space, an ideograph or CJK punctuation (nearly every line)
/// is settled by its first bytes.
fn is_blank(line: &str) -> bool {
    let solid = match line.as_bytes() {
        [x, ..] if solid_ascii(*x) => true,
        [lead, x, y, ..] => solid_3(*lead, *x, *y),
        _ => false,
    };
    !solid && line.trim().is_empty()
}

/// `clean_cell` of a cell built as a String (space-split cells), kept without a copy
/// when there is nothing to change.
fn clean_owned(s: String) -> Cow<'static, str> {
    match clean_cell(&s) {
        Cow::Borrowed(t) if t.len() == s.len() => {}
        changed => return Cow::Owned(changed.into_owned()),
    }
    Cow::Owned(s)
}

/// Characters Chinese text sets without spaces: ideographs, CJK punctuation and
/// full-width forms.
fn is_solid(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF01..=0xFF60 | 0x20000..=0x3FFFF)
}

/// Byte width of the inline space (` `, U+3000, NBSP) starting at `i`, if one does.
fn inline_space_width(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..)? {
        [b' ', ..] => Some(1),
        [0xE3, 0x80, 0x80, ..] => Some(3),
        [0xC2, 0xA0, ..] => Some(2),
        _ => None,
    }
}

/// The runs of inline spaces in `s` (byte ranges), each with whether it stands between
/// two CJK characters. memchr finds them: this runs on every cell, most hold none.
fn space_runs(s: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let b = s.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = b.get(from..)?;
        let start = memchr::memchr3_iter(b' ', 0xE3, 0xC2, rest)
            .map(|i| from + i)
            .find(|&i| inline_space_width(b, i).is_some())?;
        let mut end = start;
        while let Some(w) = inline_space_width(b, end) {
            end += w;
        }
        from = end;
        let before = s.get(..start).and_then(|t| t.chars().next_back());
        let after = s.get(end..).and_then(|t| t.chars().next());
        Some((
            start,
            end,
            before.is_some_and(is_solid) && after.is_some_and(is_solid),
        ))
    })
}

/// Whether `b` may hold an inline space (` `, NBSP C2 A0, U+3000 E3 80 80): a space, or
/// the pair C2 A0 or 80 80 (which U+3000 ends with, and otherwise only the rare chars
/// U+x000 of the 3-byte blocks). False means `space_runs` finds nothing.
fn may_hold_inline_space(b: &[u8]) -> bool {
    let pairs = b.iter().zip(b.iter().skip(1)).fold(0u8, |acc, (&x, &y)| {
        acc | u8::from(x == b' ')
            | (u8::from(x == 0xC2) & u8::from(y == 0xA0))
            | (u8::from(x == 0x80) & u8::from(y == 0x80))
    });
    pairs != 0 || b.last() == Some(&b' ')
}

/// Whether some part of `line` may hold an inline space by [`may_hold_inline_space`]:
/// false means no cell cut from it does. A space, C2 (NBSP's first byte) or the pair
/// 80 80 anywhere; three memchr-crate searches over the line, where four in five lines
/// of a tab text have none, instead of one pair test per cell.
fn may_hold_inline_space_line(line: &str) -> bool {
    static PAIR: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(&[0x80, 0x80]));
    let b = line.as_bytes();
    memchr::memchr2(b' ', 0xC2, b).is_some() || PAIR.find(b).is_some()
}

/// Remove the spaces between CJK characters when the text is letter-spaced: more of its
/// CJK neighbours stand apart than together. Chinese never separates words by spaces, so
/// such spaces are OCR or alignment artefacts; a cell that is mostly set solid
/// (`张三 李四`, `目标： 完成…`) keeps its spaces, since there they may mean something.
pub fn unspace_cjk(s: &str) -> Cow<'_, str> {
    // Most cells hold no inline space at all: one branch-free pass over byte pairs
    // settles them before any search is set up (memchr3 stops at every 、。 for E3).
    if !may_hold_inline_space(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    // Most cells hold no space between two CJK characters (`1. 构建`): only the spaces'
    // neighbours are looked at before the whole text is.
    let apart = space_runs(s).filter(|r| r.2).count();
    if apart == 0 {
        return Cow::Borrowed(s);
    }
    let together = s
        .chars()
        .zip(s.chars().skip(1))
        .filter(|(a, b)| is_solid(*a) && is_solid(*b))
        .count();
    if apart <= together {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (start, end, _) in space_runs(s).filter(|r| r.2) {
        out.push_str(s.get(copied..start).unwrap_or(""));
        copied = end;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    Cow::Owned(out)
}

fn is_pipe(c: char) -> bool {
    c == '|' || c == '｜'
}

/// Pipes (`|` or `｜`) in a line, counting at most `limit`. Every line of every input is
/// asked: one memchr2 pass for `|` and for 9C, the last byte of `｜` (EF BD 9C), which
/// is that char exactly when EF BD stand before it (EF is always a lead byte). A memmem
/// search for the three bytes cost more than the count on a short line.
fn pipe_count_upto(line: &str, limit: usize) -> usize {
    let b = line.as_bytes();
    memchr::memchr2_iter(b'|', 0x9C, b)
        .filter(|&i| {
            b.get(i) == Some(&b'|') || b.get(i.wrapping_sub(2)..i) == Some(&[0xEF, 0xBD][..])
        })
        .take(limit)
        .count()
}

/// A markdown (ATX) heading's text without its marks: `## 标题 ##` → `标题`; other lines
/// as they are (`#` must be followed by a space, as CommonMark has it: `#1` is text).
fn without_heading_marks(line: &str) -> &str {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return line;
    }
    match line.get(hashes..) {
        Some(rest) if rest.starts_with([' ', '\t']) => {
            let rest = rest.trim();
            let closed = rest.trim_end_matches('#');
            if closed.len() < rest.len() && (closed.is_empty() || closed.ends_with([' ', '\t'])) {
                closed.trim_end()
            } else {
                rest
            }
        }
        _ => line,
    }
}

/// A markdown cell without its emphasis marks (`**项目**`, `__合计__`, `*备注*`,
/// `**部门名称**：某局`): they are no part of the text a label or an amount is read
/// from. Marks are dropped only in pairs; a lone `*` (a footnote mark) stays.
fn without_emphasis(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    let mut out = Cow::Borrowed(t);
    for mark in ["**", "__"] {
        if out.matches(mark).count() % 2 == 0 && out.contains(mark) {
            out = Cow::Owned(out.replace(mark, ""));
        }
    }
    // Italic over the whole cell.
    if let Some(inner) = out
        .strip_prefix('*')
        .and_then(|r| r.strip_suffix('*'))
        .filter(|r| !r.is_empty() && !r.contains('*'))
    {
        out = Cow::Owned(inner.to_string());
    }
    out
}

/// A markdown cell's line breaks, which a markdown row (one line) writes as `<br>`
/// (`<br/>`, `<br />`, any case), as the line breaks of a cell.
fn with_line_breaks(s: &str) -> Cow<'_, str> {
    if !s.contains('<') {
        return Cow::Borrowed(s);
    }
    static BR: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"(?i)\s*<br\s*/?>\s*").ok());
    match BR.as_ref() {
        Some(re) => re.replace_all(s, "\n"),
        None => Cow::Borrowed(s),
    }
}

/// A markdown cell cleaned as [`clean_cell`] does, after its `<br>`s became line breaks
/// and its emphasis marks went.
fn clean_markdown_cell(s: &str) -> Cow<'_, str> {
    match with_line_breaks(s) {
        Cow::Borrowed(b) => without_emphasis_cleaned(b),
        Cow::Owned(o) => Cow::Owned(without_emphasis_cleaned(&o).into_owned()),
    }
}

fn without_emphasis_cleaned(s: &str) -> Cow<'_, str> {
    match without_emphasis(s) {
        Cow::Borrowed(b) => clean_cell(b),
        Cow::Owned(o) => Cow::Owned(clean_cell(&o).into_owned()),
    }
}

/// A line set as a markdown table row: opening and closing with a pipe, three or more
/// pipes in all.
fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(is_pipe) && t.ends_with(is_pipe) && pipe_count_upto(t, 3) >= 3
}

/// A pipe table's row whose pipes OCR read as `丨` (U+4E28, a CJK stroke of the same
/// shape), with `|` for each: the line has no pipe, opens and closes with `丨` and holds
/// three or more, each standing apart (a space, another `丨` or the line's end on both
/// sides), as a table rule does and a character of text (`1500丨`, OCR's 1) does not.
fn ocr_pipe_row(t: &str) -> Option<String> {
    if !(t.starts_with('丨') && t.ends_with('丨')) || t.contains(is_pipe) {
        return None;
    }
    let apart = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c == '丨');
    let mut n = 0;
    for (i, c) in t.char_indices().filter(|&(_, c)| c == '丨') {
        let before = t.get(..i).and_then(|s| s.chars().next_back());
        let after = t.get(i + c.len_utf8()..).and_then(|s| s.chars().next());
        if !(apart(before) && apart(after)) {
            return None;
        }
        n += 1;
    }
    (n >= 3).then(|| t.replace('丨', "|"))
}

/// A pipe row's cells, without the empty pieces its outer pipes leave.
fn pipe_parts(t: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = t.split(is_pipe).collect();
    if t.starts_with(is_pipe) {
        parts.remove(0);
    }
    if t.ends_with(is_pipe) && !parts.is_empty() {
        parts.pop();
    }
    parts
}

fn is_markdown_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.chars()
            .all(|c| matches!(c, '|' | '｜' | '-' | ':' | '+' | ' ' | '\t' | '='))
}

/// Split a line on runs of two or more spaces, on ideographic spaces, or on tabs: OCR and
/// copy-paste give some rows of a space-aligned text tabs instead, and a row is read by
/// the separators it has.
fn split_spaced(line: &str) -> Vec<String> {
    spaced_pieces(line).into_iter().map(|(_, t)| t).collect()
}

/// The cells of a space-aligned line with the display column each starts at (see
/// [`split_spaced`]).
fn spaced_pieces(line: &str) -> Vec<(usize, String)> {
    // Each cell with its display column, the width of the run of spaces before it and
    // whether that run was of ideographic spaces only.
    let mut parts: Vec<(usize, usize, bool, String)> = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0usize;
    let mut gap = 0usize;
    // Whether the run of spaces being read (and the one before `cur`) is all U+3000.
    let mut ideo = true;
    let mut gap_ideo = false;
    let mut col = 0usize;
    let mut start = 0usize;
    for c in line.chars() {
        let w = char_width(c);
        col += if c == '\t' { 2 } else { w };
        if c == ' ' || c == '\u{a0}' {
            spaces += 1;
            ideo = false;
            continue;
        }
        if c == '\u{3000}' || c == '\t' {
            spaces += 2;
            ideo &= c == '\u{3000}';
            continue;
        }
        if spaces > 0 {
            if spaces >= 2 {
                if !cur.is_empty() {
                    parts.push((start, gap, gap_ideo, std::mem::take(&mut cur)));
                }
                gap = spaces;
                gap_ideo = ideo;
            } else if !cur.is_empty() {
                cur.push(' ');
            }
            spaces = 0;
        }
        ideo = true;
        if cur.is_empty() {
            start = col - w;
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        parts.push((start, gap, gap_ideo, cur));
    }
    // A word letter-spaced in its cell (`合  计`, `部  门  名  称`): lone ideographs two
    // or three spaces apart, each another character, part no cells, as in a tab line
    // (`tab_cells`); columns stand further apart, and `无    无` stays two cells. Typed
    // into Word, the letters stand one or two ideographic spaces apart (`合　　计`).
    let mut cells: Vec<(usize, String)> = Vec::with_capacity(parts.len());
    let mut letters = false;
    for (start, gap, gap_ideo, text) in parts {
        let lone = lone_ideograph(Some(&text));
        match cells.last_mut() {
            Some((_, prev))
                if lone
                    && ((2..=3).contains(&gap) || (gap_ideo && gap == 4))
                    && (letters || lone_ideograph(Some(prev)))
                    && !prev.ends_with(text.as_str()) =>
            {
                prev.push_str(&" ".repeat(gap));
                prev.push_str(&text);
                letters = true;
            }
            _ => {
                cells.push((start, text));
                letters = false;
            }
        }
    }
    cells
}

/// A line whose cells single spaces separate: no run of spaces, and a space between
/// words of two or more characters next to a CJK one (`部门名称 某市司法局`). Letter-
/// spaced lines (`部 门 名 称`) are not: their spaces part characters, not cells.
fn is_word_spaced(line: &str) -> bool {
    let t = line.trim();
    if !t.contains(' ') || has_space_run(t) {
        return false;
    }
    let words: Vec<&str> = t.split(' ').collect();
    let long = words.iter().filter(|w| w.chars().count() >= 2).count();
    let cjk_gap = words
        .windows(2)
        .any(|p| p[0].chars().next_back().is_some_and(is_solid) || p[1].starts_with(is_solid));
    cjk_gap && long * 2 > words.len()
}

/// Split a word-spaced line (see [`is_word_spaced`]) into cells, keeping together what
/// a space inside one cell parts: OCR-spaced numbers (`83, 179. 29`), a comparison sign
/// before its number (`≥ 800`), a unit after its number (`800 项`), ASCII words.
fn split_words(line: &str) -> Vec<String> {
    // A page number copied with the table (`第 1 页，共 2 页`) is one piece of page
    // furniture, not five cells.
    if is_page_number(line.trim()) {
        return vec![line.trim().to_string()];
    }
    let mut cells: Vec<String> = Vec::new();
    // Whether the last cell is a letter-spaced word (`部 门 名 称`): single ideographs
    // one space apart are one word, set solid.
    let mut letters = false;
    let words: Vec<&str> = line
        .split([' ', '\u{a0}', '\u{3000}', '\t'])
        .filter(|w| !w.is_empty())
        .collect();
    // An amount with spaces between its thousands (`6 842 315.20`): groups of three
    // digits after one to three, the last with its decimals, are one number.
    let mut spaced_number_end = 0;
    for (i, w) in words.iter().enumerate() {
        if i < spaced_number_end {
            if let Some(prev) = cells.last_mut() {
                prev.push(' ');
                prev.push_str(w);
            }
            continue;
        }
        let groups = thousands_spaced(&words[i..]);
        if groups > 1 {
            spaced_number_end = i + groups;
            cells.push(w.to_string());
            letters = false;
            continue;
        }
        let single = {
            let mut cs = w.chars();
            cs.next().is_some_and(is_solid) && cs.next().is_none()
        };
        match cells.last_mut() {
            Some(prev) if single && letters => prev.push_str(w),
            Some(prev) if word_continues(prev, w) => {
                prev.push(' ');
                prev.push_str(w);
                letters = false;
                continue;
            }
            _ => cells.push(w.to_string()),
        }
        letters = single;
    }
    cells
}

/// How many words open `words` as one amount written with spaces between its
/// thousands (`6`, `842`, `315.20`): a first group of one to three digits, groups of
/// exactly three, the last with one or two decimals; 0 where they do not.
fn thousands_spaced(words: &[&str]) -> usize {
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    match words.first() {
        Some(first) if digits(first) && first.len() <= 3 => {}
        _ => return 0,
    }
    for (k, w) in words.iter().enumerate().skip(1) {
        match w.split_once('.') {
            None if w.len() == 3 && digits(w) => continue,
            Some((int, dec))
                if int.len() == 3 && digits(int) && (1..=2).contains(&dec.len()) && digits(dec) =>
            {
                return k + 1;
            }
            _ => return 0,
        }
    }
    0
}

/// Whether `next` goes on the cell `prev` (see [`split_words`]).
fn word_continues(prev: &str, next: &str) -> bool {
    let is_op = |s: &str| !s.is_empty() && s.chars().all(|c| "≥≤><=＞＜＝≧≦》《".contains(c));
    let numeric = |s: &str| {
        s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || ",.，．%≥≤><=＞＜＝- ".contains(c))
    };
    // `1. 构建…`, `…工作。2. 加快…`: a list number never ends a cell.
    let list_number = {
        let body = prev.trim_end_matches(['.', '．', '、']);
        body.len() < prev.len()
            && body.ends_with(|c: char| c.is_ascii_digit())
            && !body
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .ends_with(|c: char| c.is_ascii_digit() || ",.，．".contains(c))
            && body
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count()
                <= 2
    };
    let ends_digit = prev.ends_with(|c: char| c.is_ascii_digit());
    let starts_digit = next.starts_with(|c: char| c.is_ascii_digit());
    // `83, 179. 29`: a number cut after its separator.
    (prev.ends_with([',', '.', '，', '．']) && numeric(prev) && starts_digit)
        || is_op(prev)
        // `不低于 90%`: a comparison word before its number, as a sign is.
        || (starts_digit && COMPARISON_WORDS.iter().any(|w| prev.ends_with(w)))
        || list_number
        // `800 项`, `95 %`: a short unit after a bare number.
        || (ends_digit && numeric(prev) && !starts_digit && crate::value::is_unit(next))
        // ASCII words (`ISO 9001`) are one cell; numbers next to each other are two,
        // and so are a number's unit and the number after it (`≥20 TB 20`, a score).
        || (prev.ends_with(|c: char| c.is_ascii_alphabetic())
            && next.starts_with(|c: char| c.is_ascii_alphanumeric())
            && !(starts_digit && unit_after_number(prev)))
}

/// Comparison words a target opens with (see [`word_continues`]).
const COMPARISON_WORDS: &[&str] = &[
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "不多于",
    "不大于",
    "不小于",
    "大于等于",
    "小于等于",
    "至少",
    "达到",
    "高于",
    "低于",
    "大于",
    "小于",
    "超过",
    "控制在",
];

/// Whether a cell ends in a number and its unit (`≥20 TB`, `5 GB`).
fn unit_after_number(cell: &str) -> bool {
    match cell.rsplit_once(' ') {
        Some((before, unit)) => {
            before.ends_with(|c: char| c.is_ascii_digit()) && crate::value::is_unit(unit)
        }
        None => false,
    }
}

// memchr's searchers, built once: std's `contains` sets up a Two-Way searcher per call
// for a string needle and for a non-ASCII char (every line of every input).
static TWO_SPACES: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("  "));

fn has_space_run(line: &str) -> bool {
    static IDEOGRAPHIC_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}"));
    let t = line.trim().as_bytes();
    TWO_SPACES.find(t).is_some() || IDEOGRAPHIC_SPACE.find(t).is_some() || has_nbsp_run(t)
}

/// Whether a line holds two spaces in a row of which one is a no-break space (U+00A0):
/// a table copied from a web page keeps its cells apart with `&nbsp;` runs, which the
/// space-aligned reader takes as spaces.
fn has_nbsp_run(t: &[u8]) -> bool {
    memchr::memmem::find_iter(t, "\u{a0}").any(|i| {
        let after = t.get(i + 2..).unwrap_or_default();
        let before = t.get(..i).unwrap_or_default();
        after.starts_with(b" ") || after.starts_with("\u{a0}".as_bytes()) || before.ends_with(b" ")
    })
}

/// Whether a line holds two ASCII spaces in a row.
fn has_double_space(line: &str) -> bool {
    TWO_SPACES.find(line.as_bytes()).is_some()
}

/// The cells of a tab-separated line some of whose tabs became runs of spaces (OCR
/// engines and copies out of PDF viewers give a tab between some cells and two to four
/// spaces between others): a run of two or more ASCII spaces parts cells as a tab does,
/// one run one tab, at the line's start too (a lost tab after an empty cell). The
/// caller trims a run at the line's end, which parts nothing: trailing empty cells are
/// padding either way. A single space stays inside its cell (`1. 构建`, `83, 179. 29`).
fn tab_cells(line: &str) -> impl Iterator<Item = &str> {
    let b = line.as_bytes();
    let mut start = 0;
    // Where the piece before the next run of spaces starts.
    let mut piece = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        if start > b.len() {
            return None;
        }
        while i < b.len() {
            let at = i;
            match b[i] {
                b'\t' => {
                    i += 1;
                }
                b' ' if b.get(i + 1) == Some(&b' ') => {
                    while b.get(i) == Some(&b' ') {
                        i += 1;
                    }
                    // A word letter-spaced in its cell (`合  计`, `部  门  名  称`): a
                    // run between two lone ideographs is no lost tab.
                    if lone_ideograph(line.get(piece..at))
                        && lone_ideograph(line.get(i..).map(|r| {
                            let end = r
                                .find('\t')
                                .into_iter()
                                .chain(r.find("  "))
                                .min()
                                .unwrap_or(r.len());
                            r.get(..end).unwrap_or(r)
                        }))
                    {
                        piece = i;
                        continue;
                    }
                    piece = i;
                }
                _ => {
                    i += 1;
                    continue;
                }
            }
            if b.get(at) == Some(&b'\t') {
                piece = i;
            }
            let from = start;
            start = i;
            // ASCII bytes are char boundaries on both sides.
            return Some(line.get(from..at).unwrap_or(""));
        }
        let from = start;
        start = b.len() + 1;
        Some(line.get(from..).unwrap_or(""))
    })
}

/// Whether a piece of a line is one CJK ideograph (no spaces around it).
fn lone_ideograph(piece: Option<&str>) -> bool {
    let mut cs = piece.unwrap_or("").chars();
    cs.next()
        .is_some_and(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF))
        && cs.next().is_none()
}

/// Whether a line holds a tab (memchr crate: std's char search is a byte loop here).
fn has_tab(line: &str) -> bool {
    memchr::memchr(b'\t', line.as_bytes()).is_some()
}

/// `s.split(b as char)` for an ASCII byte, with memchr's search: every line and
/// every tab-separated cell of every input goes through here.
fn split_byte(s: &str, b: u8) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut hits = memchr::memchr_iter(b, s.as_bytes());
    std::iter::from_fn(move || {
        let from = start;
        if from > s.len() {
            return None;
        }
        let to = hits.next().unwrap_or(s.len());
        start = to + 1;
        // An ASCII byte is a char boundary on both sides.
        Some(s.get(from..to).unwrap_or(""))
    })
}

/// Split text into lines, accepting LF, CRLF and lone CR line ends.
pub fn lines(text: &str) -> Vec<&str> {
    // Most texts end lines with LF only. The memchr crate's SIMD search, not std's
    // char searcher (a byte loop on short haystacks, 3 % of a batch run).
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        let mut out: Vec<&str> = split_byte(text, b'\n').collect();
        // A final line end (or an empty text) leaves no line after it.
        if out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        return out;
    }
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes);
    while let Some(i) = ends.next() {
        out.push(text.get(start..i).unwrap_or(""));
        start = i + 1;
        // CRLF is one line end: skip its LF, which the iterator reports next.
        if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            ends.next();
            start = i + 2;
        }
    }
    if start < bytes.len() {
        out.push(text.get(start..).unwrap_or(""));
    }
    out
}

fn detect(lines: &[&str]) -> Layout {
    // Sized up front: collecting a filter starts small and grows.
    let mut content: Vec<&str> = Vec::with_capacity(lines.len());
    content.extend(lines.iter().copied().filter(|l| !is_blank(l)));
    if content.is_empty() {
        return Layout::CellPerLine;
    }
    // A handful of separator lines make a table; titles and notes stay single cells.
    let enough = |n: usize| n * 4 >= content.len();
    let piped = |l: &&&str| pipe_count_upto(l, 2) >= 2;
    // Pipe rows among the lines without a tab first: when there are none, the pipe rows
    // are at most the tab lines, and a tab text (most inputs) is settled without a
    // pipe search of its tab lines (their ideographs' 9C bytes stop that search often).
    // Counted in one pass, without collecting either kind of line.
    let (mut tabs, mut pipes_without_tabs) = (0, 0);
    for l in &content {
        if has_tab(l) {
            tabs += 1;
        } else if piped(&l) {
            pipes_without_tabs += 1;
        }
    }
    let pipes = || pipes_without_tabs + content.iter().filter(|l| has_tab(l) && piped(l)).count();
    // Space runs are counted only when neither tabs nor pipes decided.
    let spaced = || content.iter().filter(|l| has_space_run(l)).count();
    if enough(tabs) && (pipes_without_tabs == 0 || tabs >= pipes()) {
        Layout::Tabs
    } else if enough(pipes()) {
        Layout::Pipes
    } else {
        let spaced = spaced();
        if is_csv(&content, spaced) {
            Layout::Csv
        } else if enough(spaced) {
            Layout::Spaced
        } else {
            let single = content.iter().filter(|l| is_word_spaced(l)).count();
            if enough(single) && single > spaced * 4 {
                Layout::WordSpaced
            } else {
                Layout::CellPerLine
            }
        }
    }
}

/// Fields in a line split on commas outside `"…"` (the line taken on its own).
fn csv_fields(line: &str) -> usize {
    let mut quoted = false;
    let mut fields = 1;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => fields += 1,
            _ => {}
        }
    }
    fields
}

/// Most lines of a saved sheet hold three or more comma-separated fields (a spreadsheet
/// keeps empty cells as `,,`; a script's export may drop trailing ones). Prose and OCR
/// text have commas too (`83, 179. 29`), but on few lines, and their cells are split by
/// runs of spaces, which CSV lines seldom have.
fn is_csv(content: &[&str], spaced: usize) -> bool {
    // Cheap reject: a CSV form has at least two commas on most lines.
    let commas: usize = content
        .iter()
        .map(|l| memchr::memchr_iter(b',', l.as_bytes()).count())
        .sum();
    if commas < content.len() {
        return false;
    }
    let rows = content.iter().filter(|l| csv_fields(l) >= 3).count();
    rows * 5 >= content.len() * 3 && rows > spaced
}

/// Longest run of lines one quoted cell may span before the quoting is taken to be
/// accidental (an unbalanced `"` must not swallow the rest of the file).
const MAX_QUOTED_LINES: u64 = 60;

/// Tab-separated rows the way Excel/WPS copy them: a cell holding line breaks is wrapped
/// in `"…"` (with `""` for a quote). `None` when the text has no such cells or the
/// quoting does not hold together.
fn quoted_tab_rows(text: &str) -> Option<Vec<Row<'static>>> {
    // A quote opening a cell follows a tab or a line end: one memchr pass over the quotes
    // (std's substring search runs twice over the whole text).
    let b = text.as_bytes();
    let opens_cell = |i: usize| i == 0 || matches!(b.get(i - 1), Some(b'\t' | b'\n'));
    if !memchr::memchr_iter(b'"', b).any(opens_cell) {
        return None;
    }
    delimited_rows(&with_stray_quotes_escaped(text), b'\t', true)
        .filter(|(_, multi_line)| *multi_line)
        .map(|(rows, _)| rows)
}

/// `text` with each tab cell that opens with a quote mark its quoting does not close
/// (`"老兵驿站"建设数量`, the closing mark followed by more of the cell on its line)
/// written as Excel quotes a cell, so the csv reader keeps its marks: Excel and WPS
/// quote only cells holding line breaks, so such a cell's marks are its text. (A closing
/// mark followed by spaces is a quoted cell whose tab was lost, see `delimited_rows`.)
fn with_stray_quotes_escaped(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let ends_cell = |c: &u8| matches!(c, b'\t' | b'\n' | b'\r');
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            // The closing mark: the next lone `"` (`""` is a quote inside).
            let mut j = i + 1;
            let close = loop {
                match memchr::memchr(b'"', b.get(j..).unwrap_or(&[])) {
                    Some(k) if b.get(j + k + 1) == Some(&b'"') => j += k + 2,
                    Some(k) => break Some(j + k),
                    None => break None,
                }
            };
            match close {
                Some(q)
                    if !b[i..q].contains(&b'\n')
                        && !matches!(b.get(q + 1), None | Some(b' '))
                        && !b.get(q + 1).is_some_and(ends_cell) =>
                {
                    let end = b[i..].iter().position(ends_cell).map_or(b.len(), |p| i + p);
                    let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
                    // Quote marks and cell ends are ASCII: char boundaries.
                    o.push_str(text.get(copied..i).unwrap_or(""));
                    o.push('"');
                    o.push_str(&text.get(i..end).unwrap_or("").replace('"', "\"\""));
                    o.push('"');
                    copied = end;
                    i = end;
                }
                Some(q) => i = q + 1,
                None => break,
            }
        }
        // On to the next cell's start.
        match b
            .get(i..)
            .and_then(|r| r.iter().position(|c| matches!(c, b'\t' | b'\n')))
        {
            Some(p) => i += p + 1,
            None => break,
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(text.get(copied..).unwrap_or(""));
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// Comma-separated rows. Where the quoting does not hold together (a stray `"`), the
/// commas alone split the cells, as a spreadsheet would show the file.
fn csv_rows(text: &str) -> Vec<Row<'static>> {
    let text = without_formula_marks(text);
    delimited_rows(&text, b',', true)
        .or_else(|| delimited_rows(&text, b',', false))
        .map(|(rows, _)| rows)
        .unwrap_or_default()
}

/// A CSV field written as a spreadsheet formula, `="320.00"` (Excel's way to keep a
/// number or a code as text), as the plain quoted field `"320.00"`: the csv reader takes
/// a quote only at a field's start, so `="16,583.94"` would be cut at its comma. Only
/// `="` opening a field (at a line's start or after a comma) is rewritten.
fn without_formula_marks(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let opens_field = |i: usize| i == 0 || matches!(b.get(i - 1), Some(b',' | b'\n' | b'\r'));
    let marks: Vec<usize> = memchr::memmem::find_iter(b, b"=\"")
        .filter(|&i| opens_field(i))
        .collect();
    if marks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for i in marks {
        // `=` is ASCII, so `i` and `i + 1` are char boundaries.
        out.push_str(text.get(from..i).unwrap_or(""));
        from = i + 1;
    }
    out.push_str(text.get(from..).unwrap_or(""));
    Cow::Owned(out)
}

/// The text of a cell a spreadsheet wrote as a formula yielding a string (`="320.00"`,
/// which a fully quoted field `"=""320.00"""` reads as): the string; other cells as
/// they are.
fn formula_text(t: &str) -> &str {
    let t = t.trim();
    t.strip_prefix("=\"")
        .and_then(|r| r.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
        .unwrap_or(t)
}

/// Rows of a delimited text read by the csv crate, and whether any cell spans lines.
/// `None` when the quoting does not hold together.
fn delimited_rows(text: &str, delimiter: u8, quoting: bool) -> Option<(Vec<Row<'static>>, bool)> {
    // Quoting always pairs its quote marks; an odd count means a stray `"`.
    if quoting && text.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
        return None;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .double_quote(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut multi_line = false;
    let mut lines = LineCounter::new(text);
    loop {
        let start = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return None,
        }
        let end = rdr.position().line();
        if quoting && end.saturating_sub(start) > MAX_QUOTED_LINES {
            return None;
        }
        multi_line |= record.iter().any(|f| f.contains('\n'));
        // The reader's line count lags on CRLF ends, so the line is counted from the
        // record's first byte, as `lines` counts them.
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let loc = Loc::Line {
            line: lines.line_at(byte),
        };
        // Runs of spaces in a tab row's field: tabs lost, as in `text_grid`'s tab
        // lines. A quoted cell over several lines is one cell up to its last line, which
        // holds what followed its closing quote on that line (`2.…"   612,500.00`).
        // A run at the row's end parts nothing (see `tab_cells`).
        let last = record.len().saturating_sub(1);
        fn field(f: &str, is_last: bool) -> (usize, &str) {
            let f = if is_last { f.trim_end_matches(' ') } else { f };
            (f.rfind('\n').map_or(0, |n| n + 1), f)
        }
        let lost_tabs = delimiter == b'\t'
            && record.iter().enumerate().any(|(i, f)| {
                let (from, f) = field(f, i == last);
                has_double_space(f.get(from..).unwrap_or(""))
            });
        let cells: Vec<Cell> = if lost_tabs {
            record
                .iter()
                .enumerate()
                .flat_map(|(i, f)| {
                    let (from, f) = field(f, i == last);
                    let (quoted, rest) = f.split_at(from);
                    let mut parts: Vec<String> = tab_cells(rest).map(str::to_string).collect();
                    // The quoted cell's lines and the first piece of its last line.
                    if let Some(first) = parts.first_mut().filter(|_| !quoted.is_empty()) {
                        first.insert_str(0, quoted);
                    }
                    parts.into_iter().map(|t| Cell {
                        text: Cow::Owned(clean_cell(&cell_line_ends(&t)).into_owned()),
                        col: None,
                        loc: loc.clone(),
                    })
                })
                .collect()
        } else {
            record
                .iter()
                .enumerate()
                .map(|(c, t)| Cell {
                    text: Cow::Owned(clean_cell(&cell_line_ends(formula_text(t))).into_owned()),
                    col: Some(c),
                    loc: loc.clone(),
                })
                .collect()
        };
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        rows.push(Row { cells, loc });
    }
    Some((rows, multi_line))
}

/// A quoted cell's line breaks as `\n`: a copy saved with CRLF (or CR) ends keeps them
/// inside the quotes, where line splitting does not reach.
fn cell_line_ends(t: &str) -> Cow<'_, str> {
    if t.contains('\r') {
        Cow::Owned(t.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(t)
    }
}

/// 1-based line numbers of byte offsets met in increasing order, with LF, CRLF and lone
/// CR line ends as `lines` takes them.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `byte` that is not a line end.
    fn line_at(&mut self, byte: usize) -> usize {
        let mut to = byte.min(self.bytes.len());
        while matches!(self.bytes.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        while self.pos < to {
            match self.bytes[self.pos] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(self.pos + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.line
    }
}

/// A page-number line copied along with the table (`第 1 页 共 3 页`, `- 2 -`,
/// `Page 1 of 3`), or the mark a table carried over to the next page opens with (`续表`,
/// `（续表）`, `续上表`, `表2（续）`): page furniture, not a cell. A bare number or `1/3` alone is not
/// taken, as a one-cell-per-line text has value rows like that (the PDF reader, which
/// sees where a line stands on its page, adds them: `pdf::is_page_number`).
pub(crate) fn is_page_number(text: &str) -> bool {
    static RE: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?ix)^(
                第\s*[0-9一二三四五六七八九十]+\s*页([，,、/／\s]*共\s*[0-9]+\s*页)?
              | 共\s*[0-9]+\s*页([，,、/／\s]*第\s*[0-9]+\s*页)?
              | [-—–－]\s*[0-9]+\s*[-—–－]
              | page\s*[0-9]+(\s*of\s*[0-9]+)?
              | [（(]?\s*续\s*上?\s*表\s*[0-9一二三四五六七八九十]*\s*[）)]?[:：]?
              | 附?表\s*[0-9一二三四五六七八九十]*\s*[（(]\s*续(表)?\s*[）)]
            )$",
        )
        .ok()
    });
    // Cheap reject: every form holds 页, 续, a dash or a P.
    text.len() <= 40
        && may_be_page_number(text.as_bytes())
        && RE.as_ref().is_some_and(|re| re.is_match(text))
}

/// Whether UTF-8 `b` holds 页, 续, `-`, `—`, `–`, `－`, `P` or `p`: the chars every page
/// number has. Tested on bytes (a char test decoded each char of every short cell); a
/// multi-byte char's lead byte never occurs inside another char, so a match is a char.
fn may_be_page_number(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'-' | b'P' | b'p' => return true,
            // 页 E9 A1 B5, 续 E7 BB AD, — E2 80 94, – E2 80 93, － EF BC 8D
            // Any other three-byte char (most ideographs) is stepped over whole.
            0xE0..=0xEF => {
                if let Some(&[x, y]) = b.get(i + 1..i + 3) {
                    if matches!(
                        (b[i], x, y),
                        (0xE9, 0xA1, 0xB5)
                            | (0xE7, 0xBB, 0xAD)
                            | (0xE2, 0x80, 0x94)
                            | (0xE2, 0x80, 0x93)
                            | (0xEF, 0xBC, 0x8D)
                    ) {
                        return true;
                    }
                }
                i += 3;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// Whether a row's filled cells, trimmed and joined by a space, are a page number. The
/// joined text is built only when it passes `is_page_number`'s cheap tests (at most 40
/// bytes, one of its chars in some cell): most rows are neither, and a join per row cost
/// two allocations.
fn joined_is_page_number(r: &Row<'_>) -> bool {
    let mut len = 0;
    for (k, c) in r.non_empty().enumerate() {
        len += trim(&c.text).len() + usize::from(k > 0);
        if len > 40 {
            return false;
        }
    }
    if !r
        .non_empty()
        .any(|c| may_be_page_number(trim(&c.text).as_bytes()))
    {
        return false;
    }
    let joined: Vec<&str> = r.non_empty().map(|c| c.text.trim()).collect();
    is_page_number(&joined.join(" "))
}

/// Rows that are nothing but a page number, or the title again (a page break repeats
/// it at the next page's top; as a row inside a table it had become a target's rest).
/// A page number a space run cut in two (`第 1 页  共 2 页`) is still one; a page
/// number ending a footer row (`填报人：… 联系电话：… - 1 -`) leaves the row.
fn drop_page_numbers(rows: &mut Vec<Row<'_>>) {
    let mut titles: Vec<String> = Vec::new();
    for r in rows.iter_mut() {
        // The last two filled cells, found from the end without collecting the indices.
        let mut filled = (0..r.cells.len())
            .rev()
            .filter(|&i| !r.cells[i].text.is_empty());
        if let (Some(last), Some(before)) = (filled.next(), filled.next()) {
            // Only the page's own numbering: a 续表 mark ends no footer, and a bare
            // `共20页` may be a target (a brochure's pages), not a footer's count.
            let t = trim(&r.cells[last].text);
            if is_page_number(t)
                && !t.contains('续')
                && !t.starts_with('共')
                && !is_page_number(trim(&r.cells[before].text))
            {
                r.cells[last].text = Cow::Borrowed("");
            }
        }
    }
    rows.retain(|r| {
        let mut cells = r.non_empty();
        match (cells.next(), cells.next()) {
            (Some(c), None) if is_page_number(&c.text) => false,
            (Some(_), Some(_)) => !joined_is_page_number(r),
            (Some(c), None) if is_title_line(c.text.trim()) => {
                let t = c.text.trim();
                if titles.iter().any(|s| s == t) {
                    false
                } else {
                    titles.push(t.to_string());
                    true
                }
            }
            _ => true,
        }
    });
}

/// Build the grid of a decoded text.
pub fn from_text(text: &str) -> Grid<'_> {
    let mut grid = text_grid(text);
    grid.labels = crate::sections::LabelMemo::over(text);
    if grid.layout.has_columns() {
        // Rows that lack their row-span cells (HTML-style exports, space-aligned rows
        // in a tab-separated text) go back to their columns.
        crate::realign::rows_with(&mut grid.rows, false, &grid.labels);
    }
    drop_page_numbers(&mut grid.rows);
    grid
}

fn text_grid<'t>(text: &'t str) -> Grid<'t> {
    if html::looks_like_html(text) {
        return Grid {
            rows: html::rows(text),
            layout: Layout::Html,
            pages: None,
            warnings: Vec::new(),
            spaced_lines: Vec::new(),
            labels: Default::default(),
        };
    }
    let lines = lines(text);
    let layout = detect(&lines);
    if layout == Layout::Csv {
        return Grid {
            rows: csv_rows(text),
            layout,
            pages: None,
            warnings: Vec::new(),
            spaced_lines: Vec::new(),
            labels: Default::default(),
        };
    }
    if layout == Layout::Tabs {
        if let Some(rows) = quoted_tab_rows(text) {
            return Grid {
                rows: join_wrapped_cells(rows),
                layout,
                pages: None,
                warnings: Vec::new(),
                spaced_lines: Vec::new(),
                labels: Default::default(),
            };
        }
    }
    // At most a row a line: sized up front, not grown from empty.
    let mut rows: Vec<Row> = Vec::with_capacity(lines.len());
    let mut warnings = Vec::new();
    let mut block: Vec<Cell> = Vec::new();
    let mut tab_row_width = 1;
    for (i, raw) in lines.iter().enumerate() {
        let line_no = i + 1;
        let loc = Loc::Line { line: line_no };
        if is_blank(raw) {
            if layout == Layout::CellPerLine && !block.is_empty() {
                let loc = block[0].loc.clone();
                rows.push(Row {
                    cells: std::mem::take(&mut block),
                    loc,
                });
            }
            continue;
        }
        let cell = |col: Option<usize>, text: Cow<'t, str>| Cell {
            text,
            col,
            loc: loc.clone(),
        };
        let cells: Vec<Cell> = match layout {
            // A markdown table in a tab text (two files pasted together: a tab export
            // and a markdown one): its rule lines are no rows, its rows are split on
            // their pipes, as in a markdown text.
            Layout::Tabs if !has_tab(raw) && is_pipe_row(raw) => {
                if is_markdown_rule(raw) {
                    continue;
                }
                pipe_parts(without_outer_marks(trim(raw)))
                    .into_iter()
                    .enumerate()
                    .map(|(c, s)| cell(Some(c), clean_markdown_cell(s)))
                    .collect()
            }
            // A row without tabs in a tab-separated text, split on runs of spaces: its
            // leading empty cells are lost, so its columns are left to `realign`.
            Layout::Tabs if !has_tab(raw) => split_spaced(raw)
                .into_iter()
                .map(|s| cell(None, clean_owned(s)))
                .collect(),
            // Tabs and runs of spaces mixed in one line: some of the row's tabs were
            // lost, and with them where its cells stand (a run may stand for several
            // tabs), so its columns are left to `realign`, as a space-aligned row's.
            Layout::Tabs if has_double_space(raw) => tab_cells(raw.trim_end_matches(' '))
                .map(|s| cell(None, clean_cell(s)))
                .collect(),
            Layout::Tabs => {
                // Sized up front: collect cannot know the split's length and grew the row.
                // The widest tab row so far, not a count of this line's tabs (a second
                // pass over every line): a table's rows have the same tabs, nearly all.
                let mut cells = Vec::with_capacity(tab_row_width);
                // A line with no inline space has none in any cell: its cells are only
                // trimmed (`unspace_cjk` would leave each as it is), without a test per cell.
                let inline = may_hold_inline_space_line(raw);
                cells.extend(split_byte(raw, b'\t').enumerate().map(|(c, s)| {
                    let text = if inline {
                        clean_cell(s)
                    } else {
                        Cow::Borrowed(trim_cell(s))
                    };
                    cell(Some(c), text)
                }));
                tab_row_width = tab_row_width.max(cells.len());
                cells
            }
            Layout::Pipes => {
                if is_markdown_rule(raw) {
                    continue;
                }
                let t = without_outer_marks(trim(raw));
                // A row whose pipes OCR read as `丨` (a CJK stroke of the same shape):
                // split on them as on pipes, and say so.
                if let Some(row) = ocr_pipe_row(t) {
                    if !warnings.iter().any(|w: &Warning| w.message.contains('丨')) {
                        warnings.push(Warning::new(
                            "ocr_repaired",
                            "a table row whose pipes OCR read as `丨` split on them",
                            Some(loc.clone()),
                        ));
                    }
                    let cells: Vec<Cell> = pipe_parts(&row)
                        .into_iter()
                        .enumerate()
                        .map(|(c, s)| {
                            cell(Some(c), Cow::Owned(clean_markdown_cell(s).into_owned()))
                        })
                        .collect();
                    rows.push(Row { cells, loc });
                    continue;
                }
                if pipe_count_upto(t, 1) == 0 {
                    // A line outside the table (title, notes): cells by space runs; a
                    // markdown heading's marks (`# 2024年度…申报表`) are no text of it.
                    split_spaced(without_heading_marks(t))
                        .into_iter()
                        .enumerate()
                        .map(|(c, s)| {
                            cell(Some(c), Cow::Owned(clean_markdown_cell(&s).into_owned()))
                        })
                        .collect()
                } else {
                    let mut parts = pipe_parts(t);
                    // A row opening with two pipes and nothing between (`||  | 成本指标 |`)
                    // one cell wider than the row above: the table's border read twice
                    // by OCR, not an empty first cell.
                    if parts.first().is_some_and(|p| p.is_empty())
                        && rows
                            .last()
                            .is_some_and(|r| r.cells.len() + 1 == parts.len())
                    {
                        parts.remove(0);
                        warnings.push(Warning::new(
                            "ocr_repaired",
                            "a table border read twice by OCR (`||`) read as one",
                            Some(loc.clone()),
                        ));
                    }
                    parts
                        .into_iter()
                        .enumerate()
                        .map(|(c, s)| cell(Some(c), clean_markdown_cell(s)))
                        .collect()
                }
            }
            Layout::Spaced => split_spaced(raw)
                .into_iter()
                .map(|s| cell(None, clean_owned(s)))
                .collect(),
            Layout::WordSpaced => split_words(raw)
                .into_iter()
                .map(|s| cell(None, clean_owned(s)))
                .collect(),
            Layout::CellPerLine => {
                block.push(Cell {
                    text: clean_cell(raw),
                    col: None,
                    loc,
                });
                continue;
            }
            Layout::Csv | Layout::Html | Layout::PdfLattice | Layout::PdfStream => {
                unreachable_layout()
            }
        };
        rows.push(Row { cells, loc });
    }
    if !block.is_empty() {
        let loc = block[0].loc.clone();
        rows.push(Row { cells: block, loc });
    }
    if layout == Layout::Tabs {
        rows = join_broken_rows(rows);
    }
    if layout == Layout::Pipes {
        rows = join_grid_rows(rows, &lines);
    }
    if layout == Layout::CellPerLine {
        rows = split_long_blocks(rows);
        rows = join_cut_label_lines(rows);
    }
    if matches!(layout, Layout::Tabs | Layout::Pipes) {
        rows = join_wrapped_cells(rows);
    }
    if layout == Layout::WordSpaced {
        rows = join_word_spaced_rests(rows);
    }
    if layout == Layout::Spaced {
        rows = join_spaced_rests(rows, &lines);
        rows = place_spaced_amounts(rows, &lines);
    }
    Grid {
        rows,
        layout,
        pages: None,
        warnings,
        spaced_lines: if layout == Layout::Spaced {
            lines
        } else {
            Vec::new()
        },
        labels: Default::default(),
    }
}

/// One cell a line, a label its cell broke over two lines (`年度重点` / `工作任务`,
/// `绩效` / `指标`: a PDF viewer's or Word's copy of a narrow label column) is one line:
/// two lines, one cell each, that make a label neither is alone. (The pieces had been
/// read as text: a goal ran on over the whole task and indicator tables.) So is a level
/// name of the indicator framework cut the same way (`社会效益` / `指标`, `服务对象满` /
/// `意度指标`), whose pieces had been read as a level-3 name and its target.
fn join_cut_label_lines(rows: Vec<Row<'_>>) -> Vec<Row<'_>> {
    let framework = crate::sections::is_framework_name;
    let is_label = |t: &str| crate::sections::is_label(t) || framework(t);
    // Two short pieces, neither a label alone, that make one together.
    let pieces_make_label = |p: &str, r: &str| {
        let (p, r) = (p.trim(), r.trim());
        !p.is_empty()
            && !r.is_empty()
            && p.chars().count() <= 8
            && r.chars().count() <= 8
            && !is_label(p)
            && !is_label(r)
            && is_label(&format!("{p}{r}"))
    };
    let mut out: Vec<Row<'_>> = Vec::with_capacity(rows.len());
    for row in rows {
        let rest = match row.cells.as_slice() {
            [rest] => Some(rest.text.trim()),
            _ => None,
        };
        let cut = match (out.last(), rest) {
            (Some(prev), Some(r)) => match prev.cells.as_slice() {
                [piece] => follows(prev, &row) && pieces_make_label(&piece.text, r),
                _ => false,
            },
            _ => false,
        };
        // The label's two lines with its value's one line between (`总体绩效` / text /
        // `目标`: an OCR engine reads a two-line label cell and the one-line value
        // centred beside it line by line): the label is whole, its value after it.
        let around = !cut
            && match (out.len().checked_sub(2).map(|i| &out[i..]), rest) {
                (Some([first, value]), Some(r)) => {
                    match (first.cells.as_slice(), value.cells.as_slice()) {
                        ([piece], [v]) => {
                            let v = v.text.trim();
                            follows(first, value)
                                && follows(value, &row)
                                && !v.is_empty()
                                && !is_label(v)
                                && pieces_make_label(&piece.text, r)
                        }
                        _ => false,
                    }
                }
                _ => false,
            };
        let into = match (cut, around) {
            (true, _) => out.len().checked_sub(1),
            (_, true) => out.len().checked_sub(2),
            _ => None,
        };
        match into
            .and_then(|i| out.get_mut(i))
            .and_then(|r| r.cells.first_mut())
        {
            Some(piece) => {
                let whole = format!("{}{}", piece.text.trim(), rest.unwrap_or(""));
                piece.text = Cow::Owned(whole);
            }
            None => out.push(row),
        }
    }
    out
}

/// No row of the form has this many cells (the widest, a task row with added columns,
/// has about ten).
const MAX_ROW_CELLS: usize = 16;

/// A table copied cell by cell (a PDF viewer's copy: each cell its own line) with no
/// blank line between rows reads as one paragraph of every cell. Such a block is no
/// row: each of its lines is a row of one cell, and the form reads them in order. A
/// block is such a paragraph when it is longer than any row, or when it is the whole
/// text and a section label (年度绩效指标, 部门名称) stands after its first line: a row
/// opens with its label, so a short form (or a cover letter over one) copied this way
/// is no row either. (Where blank lines part the text, its blocks are rows or
/// paragraphs of a reading-order copy, which the form reader tells apart.)
fn split_long_blocks(rows: Vec<Row<'_>>) -> Vec<Row<'_>> {
    let whole = rows.len() == 1;
    let paragraph = |r: &Row<'_>| {
        r.cells.len() > MAX_ROW_CELLS
            || (whole
                && r.cells
                    .iter()
                    .skip(1)
                    .any(|c| crate::sections::is_label(&c.text)))
    };
    if !rows.iter().any(paragraph) {
        return rows;
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if !paragraph(&row) {
            out.push(row);
            continue;
        }
        out.extend(row.cells.into_iter().map(|c| Row {
            loc: c.loc.clone(),
            cells: vec![c],
        }));
    }
    out
}

/// Rule lines with `+` joints that make a text a grid table (pandoc, tabulate, RST):
/// a top rule, one under the header and one under each of at least two rows. A table
/// ruled only at its top, under its header and at its bottom (prettytable, MySQL) has
/// three, and its lines between rules are rows of their own.
const GRID_TABLE_RULES: usize = 4;

/// A grid table closes every row with a `+---+` rule, and a row's cells wrap over the
/// lines between two rules: those lines are one row, each cell's pieces joined. Lines of
/// another cell count (a row whose spans differ) are left as rows of their own.
fn join_grid_rows<'t>(rows: Vec<Row<'t>>, lines: &[&str]) -> Vec<Row<'t>> {
    let is_grid_rule = |l: &str| is_markdown_rule(l) && l.contains('+');
    if lines.iter().filter(|l| is_grid_rule(l)).count() < GRID_TABLE_RULES {
        return rows;
    }
    // Each line's row group: a rule, a blank line or a line outside the table ends one.
    let mut group = Vec::with_capacity(lines.len());
    let mut g = 0usize;
    for l in lines {
        let t = trim(l);
        let in_table = !t.is_empty() && !is_markdown_rule(l) && pipe_count_upto(t, 1) > 0;
        if !in_table {
            g += 1;
        }
        group.push(g);
        if !in_table {
            g += 1;
        }
    }
    let group_of = |r: &Row| match r.loc {
        Loc::Line { line } => group.get(line.wrapping_sub(1)).copied(),
        Loc::Page { .. } => None,
    };
    let mut out: Vec<Row<'t>> = Vec::with_capacity(rows.len());
    let mut last_group = None;
    for row in rows {
        let g = group_of(&row);
        let joins = g.is_some()
            && g == last_group
            && out
                .last()
                .is_some_and(|prev| prev.cells.len() == row.cells.len());
        last_group = g;
        match out.last_mut() {
            Some(prev) if joins => {
                for (into, piece) in prev.cells.iter_mut().zip(row.cells) {
                    if piece.text.is_empty() {
                        continue;
                    }
                    if into.text.is_empty() {
                        into.text = piece.text;
                        continue;
                    }
                    push_wrapped(into.text.to_mut(), &piece.text);
                }
            }
            _ => out.push(row),
        }
    }
    out
}

/// Append the next line of a wrapped cell to its text.
fn push_wrapped(joined: &mut String, piece: &str) {
    // Wrapped at a space between words or number groups (`83, 179.` / `29`); CJK text
    // wraps anywhere and joins without one.
    let spaced = piece.starts_with(|c: char| c.is_ascii_alphanumeric())
        && joined.ends_with(|c: char| c.is_ascii_alphanumeric() || ",.;:".contains(c));
    if spaced {
        joined.push(' ');
    }
    joined.push_str(piece);
}

/// Lines that finish a cell of the row above: an OCR engine reads a table line by line,
/// so a cell whose text wraps in its box goes on on the next line, in the same column,
/// the line's other cells empty (`→→推进关键核心→…` / `→→技术攻关→→`). Such a line is
/// one cell (or a section label's rest with its header cells' rests, see
/// [`wrapped_cell_cols`]), under a cell of a row with two or more, and keeps its
/// separators (a line
/// that is one cell without them is a title or a note, or the rest of a row
/// `join_broken_rows` joins). It is left as a row of its own where it may be one or
/// where the form reads it on its own:
/// - a section label, a level-1 or level-2 name of the indicator framework (`质量指标`
///   under `数量指标`), a page number, a note in the first column (`填报人：…`);
/// - a number or a comparison in it: an amount, a target, a level-3 name with its
///   target (`就业培训人次≥300人次`) start rows, and a target's rest goes on with its
///   cell in the form (which knows a cut target from a complete one);
/// - the cell above ends a sentence (`。`, `；`), or the line starts a numbered item
///   (`二、`, `（三）`): free text (总体绩效目标) keeps its paragraphs, which the form
///   joins itself;
///
/// and a label or level name cut in two (`服务对象` / `满意度指标`) always joins.
fn join_wrapped_cells(rows: Vec<Row<'_>>) -> Vec<Row<'_>> {
    let mut out: Vec<Row<'_>> = Vec::with_capacity(rows.len());
    // Lines joined onto the last row of `out`.
    let mut joined = 0;
    for row in rows {
        let cols = out.last().and_then(|prev| {
            let cols = wrapped_cell_cols(prev, &row)?;
            // The line right below the row above: a row with a quoted cell over several
            // lines, or joined from several, ends that many lines below its first.
            let end = prev.loc.line()? + row_breaks(prev) + joined;
            (row.loc.line() == Some(end + 1)).then_some(cols)
        });
        let pieces = cols.map(|cols| cols.into_iter().map(|c| (c, c)).collect());
        join_or_push(&mut out, row, pieces, &mut joined);
    }
    out
}

/// Joins `row`'s pieces (`(cell of the row above, cell of this row)`) onto the last row
/// of `out`, or, without pieces, pushes it as a row of its own; `joined` counts the
/// lines joined onto that row.
fn join_or_push<'t>(
    out: &mut Vec<Row<'t>>,
    row: Row<'t>,
    pieces: Option<Vec<(usize, usize)>>,
    joined: &mut usize,
) {
    match (pieces, out.last_mut()) {
        (Some(pieces), Some(prev)) => {
            for (into, from) in pieces {
                if let (Some(into), Some(piece)) = (prev.cells.get_mut(into), row.cells.get(from)) {
                    push_wrapped(into.text.to_mut(), &piece.text);
                }
            }
            *joined += 1;
        }
        _ => {
            out.push(row);
            *joined = 0;
        }
    }
}

/// Line breaks inside a row's cells.
fn row_breaks(row: &Row<'_>) -> usize {
    row.cells
        .iter()
        .map(|c| memchr::memchr_iter(b'\n', c.text.as_bytes()).count())
        .sum()
}

/// The columns of `row`'s cells when they finish wrapped cells of `prev` (see
/// [`join_wrapped_cells`]): its one cell; or, where its first cell finishes a section
/// label cut in two (`年度重点` / `工作任务`), that and the rests of the label row's
/// other cells beside it (`期望达到的` / `目标（概述）`).
fn wrapped_cell_cols(prev: &Row<'_>, row: &Row<'_>) -> Option<Vec<usize>> {
    // Most rows have two cells with text: they are settled first, by the second.
    // A section label stands in the table's first column, so only a line starting
    // there may hold a label's rest among others.
    let mut filled = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.is_empty());
    let (at, cell) = filled.next()?;
    let more = filled.next().is_some();
    if row.cells.len() < 2 || row.cells.iter().any(|c| c.col.is_none()) {
        return None;
    }
    if more && at > 0 {
        return rests_of_cut_row(prev, row);
    }
    if !more {
        let rest = rest_joins(prev, at, &cell.text) && !wider_than_above(prev, at, &cell.text);
        return rest.then(|| vec![at]);
    }
    // A rest line leaves some of the label row's cells without a rest, but for a label
    // and its value: a whole row below a row (most lines that get here) fills as many.
    let count = row.non_empty().count();
    let above_count = prev.non_empty().count();
    let above = &prev.cells.first()?.text;
    let is_label = crate::sections::is_label;
    if count > above_count
        || (count == above_count && count > 2)
        || above.is_empty()
        || above.len() + cell.text.len() > crate::sections::MAX_LABEL_BYTES
        || is_label(above)
        || is_label(&cell.text)
        || !is_label(&format!("{above}{}", cell.text))
    {
        return None;
    }
    let cols = filled_columns(row);
    cols.iter()
        .all(|&i| prev.cells.get(i).is_some_and(|c| !c.text.is_empty()))
        .then_some(cols)
}

/// The columns of `row` holding text.
fn filled_columns(row: &Row<'_>) -> Vec<usize> {
    row.cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// The columns of `row`'s cells when they are the rests of several cells of `prev`
/// wrapped at once (`→公共文化→开展公→4,860.00→群众基本文化需求得` /
/// `→服务体系建设→益性文化惠民演出…→→到有效保障。`): `prev` holds one amount alone in a
/// cell, in a column where `row` is empty (a task row's own amount: a row of its own has
/// its amount, a rest line has none), and each of `row`'s cells finishes the cell above
/// it as a lone rest would ([`rest_joins`]: no number, label or level name, numbered item,
/// nor a cell above that ends a sentence).
fn rests_of_cut_row(prev: &Row<'_>, row: &Row<'_>) -> Option<Vec<usize>> {
    // The amount test first: indicator rows (most rows with several cells) have none. A
    // budget row has two (its expenditure's and its income's), and an optional line of
    // it may be blank in both: only a row with one amount goes on this way.
    // (Counted by their first char: an amount OCR misread, `1,320·00`, is one too.)
    let mut amounts = prev
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| starts_with_digit(&c.text));
    let (Some((at, amount)), None) = (amounts.next(), amounts.next()) else {
        return None;
    };
    if !is_bare_amount(&amount.text) || row.cells.get(at).is_some_and(|r| !r.text.is_empty()) {
        return None;
    }
    let cols = filled_columns(row);
    cols.iter()
        .all(|&i| {
            row.cells
                .get(i)
                .is_some_and(|c| rest_joins(prev, i, &c.text))
        })
        .then_some(cols)
}

/// Whether `t` starts with a digit, ASCII or full-width. By bytes first: most cells fail
/// at their first.
fn starts_with_digit(t: &str) -> bool {
    t.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || t.starts_with(crate::value::is_fullwidth_digit)
}

/// Whether `t` is an amount and nothing else (`4,860.00`, `１，８００．００`): digits
/// with thousands and decimal marks.
fn is_bare_amount(t: &str) -> bool {
    starts_with_digit(t)
        && t.chars()
            .all(|c| crate::value::is_digit_any(c) || matches!(c, ',' | '.' | ' ' | '，' | '．'))
}

/// Whether `text`, alone on its line, finishes cell `at` of the row above, `prev` (see
/// [`join_wrapped_cells`] for when it does not).
fn rest_joins(prev: &Row<'_>, at: usize, text: &str) -> bool {
    if prev.non_empty().nth(1).is_none() {
        return false;
    }
    let Some(above) = prev.cells.get(at).filter(|c| !c.text.is_empty()) else {
        return false;
    };
    // A label or level name cut in two (`服务对象` / `满意度指标`) is one; a label
    // alone is a row of its own (labels are also read by shape: `…意见`).
    if whole_money_name(&above.text) && whole_money_name(text) {
        return false;
    }
    let whole = format!("{}{}", above.text, text);
    if crate::sections::is_framework_name(&whole)
        || (crate::sections::is_label(&whole) && !crate::sections::is_label(text))
    {
        return true;
    }
    // Read as the form reads it: without a stray table-rule mark at its edge (`成本指标丨`
    // is a level name of its own), and a level name misread by OCR (`数最指标`, `质量措标`)
    // is still one.
    let bare = text.trim_matches(['|', '｜', '丨', '_', '＿', '—']);
    let own_row = crate::sections::is_label(bare)
        || crate::sections::is_framework_name(bare)
        || crate::ocr_labels::may_be_misread_name(bare)
        || is_page_number(text)
        // A total row that lost its amounts (`合计` alone) closes the table above; it is
        // never the end of a task's name.
        || crate::sections::is_total_name(bare)
        || (at == 0 && text.contains(['：', ':']))
        || text.contains(|c: char| {
            c.is_ascii_digit() || c.is_numeric() || "≥≤<>＜＞=＝%％".contains(c)
        });
    let ends_sentence = above
        .text
        .trim_end()
        .ends_with(['。', '；', ';', '！', '!', '？', '?']);
    // A numbered item (`二、…`, `（三）…`; digits are kept out above) starts a line of
    // its own in free text.
    let item = {
        let t = text.trim_start_matches(['（', '(']);
        let numeral = t
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        numeral > 0
            && t.chars()
                .nth(numeral)
                .is_some_and(|c| "、.．）)".contains(c))
    };
    !own_row && !ends_sentence && !item
}

/// Whether a lone cell is wider than the cell above it in its column, by more than an
/// ideograph (a break at a word's end), where the row above has text right of that
/// cell: a name's text wraps where its box is full, so its first line is the widest,
/// and such a line is a cell of its own, as a level-3 name whose target was left empty
/// (`接收进馆档案 | ≥3000卷` / `档案数字化扫描页数`). (A row's last cell, a value or free
/// text, is left to wrap as copies give it.)
fn wider_than_above(prev: &Row<'_>, at: usize, text: &str) -> bool {
    let beside = prev
        .cells
        .get(at + 1..)
        .is_some_and(|rest| rest.iter().any(|c| !c.text.is_empty()));
    beside
        && prev
            .cells
            .get(at)
            .is_some_and(|above| display_width(text) > display_width(&above.text) + 2)
}

/// Whether `text`, alone on its line under cell `at` of the row above, is the next line
/// of a task's content (`（1）受理申请；` / `（2）组织专家鉴定会。`), though it starts an item
/// or the line above ends a sentence (`rest_joins` keeps such lines as rows): the cell
/// above is a text beside its row's amount (a task's content, with the amount right after
/// it), and the line is text, no amount, label or level name. A task row always has its
/// name in the first cell, so a line under the content column is no row of its own.
fn content_rest(prev: &Row<'_>, at: usize, text: &str) -> bool {
    let (Some(above), Some(next)) = (prev.cells.get(at), prev.cells.get(at + 1)) else {
        return false;
    };
    let t = text.trim();
    at >= 1
        && prev
            .cells
            .first()
            .is_some_and(|c| !c.text.trim().is_empty())
        // (A negative amount too: a task cut by an adjustment, `-50.0000`.)
        && is_bare_amount(next.text.trim().trim_start_matches(['-', '－', '−']))
        && above.text.chars().count() >= 6
        && !whole_money_name(above.text.trim())
        && t.chars().count() >= 4
        && !starts_with_digit(t)
        && !crate::value::is_amount(t)
        && !crate::sections::is_label(t)
        && !crate::sections::is_framework_name(t)
        && !crate::sections::is_total_name(t)
        && !is_page_number(t)
}

/// A budget item's whole name, short and ending as the form's money words end
/// (`事业收入`, `其他资金`, `上年结转`, `财政拨款`): two such, one under the other, are
/// two items (`其他资金` / `事业收入` with its amount left blank), not one name wrapped.
fn whole_money_name(t: &str) -> bool {
    let n = t.chars().count();
    (4..=12).contains(&n)
        && t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && SPENDING_ENDS
            .iter()
            .chain(FUNDING_ENDS)
            .any(|w| t.ends_with(w))
}

/// How a budget item's name ends on the expenditure side (`基本支出`, `公用经费`) and on the
/// income side (`财政拨款`, `其他资金`, `上年结转`, and the sources of the 2022+ templates
/// that split the income by its budget: `一般公共预算`, `政府性基金`, `国有资本经营预算`,
/// `财政专户`; an institution's `用事业基金弥补收支差额`, income that covers its deficit).
pub(crate) const SPENDING_ENDS: &[&str] = &["支出", "经费"];
pub(crate) const FUNDING_ENDS: &[&str] = &[
    "收入",
    "拨款",
    "资金",
    "结转",
    "结余",
    "预算",
    "基金",
    "专户",
    "收支差额",
];

/// Lines of a single-spaced text (OCR, a PDF viewer's copy: see [`is_word_spaced`])
/// that finish cells of the table row above: a cell whose text wraps in its box goes
/// on on the next line, which holds only the rests (`优抚对象抚恤 按时足额发放各类优抚对象抚
/// 3,600.00 …` / `补助 恤补助资金。`). No positions are left, so the evidence is the
/// cells: the line has fewer cells than the row above (a table row of three or more),
/// and each of its cells, in order, finishes the next text cell above (not a label, a
/// level name or a cell with a number: those are complete), as a lone rest would
/// ([`rest_joins`]: no number, label, level name, note or numbered item of its own) and
/// narrower than that cell (a box wraps where it is full). A lone cell must be at most
/// half as wide: a shorter line may be a level-3 name whose target was left empty.
/// (Before, each rest line was a task or an indicator row of its own.)
fn join_word_spaced_rests(rows: Vec<Row<'_>>) -> Vec<Row<'_>> {
    let complete = |t: &str| {
        let t = t.trim();
        t.is_empty()
            || crate::sections::is_label(t)
            || crate::sections::is_framework_name(t)
            || t.contains(|c: char| {
                c.is_ascii_digit() || c.is_numeric() || "≥≤<>＜＞=＝%％".contains(c)
            })
    };
    let mut out: Vec<Row<'_>> = Vec::with_capacity(rows.len());
    let mut joined = 0;
    for row in rows {
        let pieces = out.last().and_then(|prev| {
            let next_line = prev.loc.line()? + joined + 1;
            if prev.cells.len() < 3
                || row.cells.len() >= prev.cells.len()
                || row.loc.line()? != next_line
            {
                return None;
            }
            let open: Vec<usize> = (0..prev.cells.len())
                .filter(|&i| prev.cells.get(i).is_some_and(|c| !complete(&c.text)))
                .collect();
            if row.cells.len() > open.len() {
                return None;
            }
            let lone = row.cells.len() == 1;
            let fits = row.cells.iter().zip(&open).all(|(c, &at)| {
                let (w, above) = (
                    display_width(c.text.trim()),
                    prev.cells
                        .get(at)
                        .map_or(0, |a| display_width(a.text.trim())),
                );
                rest_joins(prev, at, &c.text) && if lone { w * 2 <= above } else { w < above }
            });
            fits.then(|| open.iter().copied().zip(0..row.cells.len()).collect())
        });
        join_or_push(&mut out, row, pieces, &mut joined);
    }
    out
}

/// A space-aligned text's lines that finish a cell of the row above (OCR's wrapped
/// cells, see [`join_wrapped_cells`]): one cell, indented to where a cell of the line
/// above starts (display columns, CJK two wide; one off allowed, as OCR places text by
/// pixels). A line at the margin is a title, a label or a note, or the rest of a label
/// cut in two.
fn join_spaced_rests<'t>(rows: Vec<Row<'t>>, lines: &[&str]) -> Vec<Row<'t>> {
    let line_of = |r: &Row<'_>| r.loc.line().and_then(|l| lines.get(l.wrapping_sub(1)));
    let mut out: Vec<Row<'t>> = Vec::with_capacity(rows.len());
    let mut joined = 0;
    for row in rows {
        let at = out.last().and_then(|prev| {
            let [cell] = row.cells.as_slice() else {
                return None;
            };
            let raw = line_of(&row)?;
            if has_tab(raw) || row.loc.line()? != prev.loc.line()? + joined + 1 {
                return None;
            }
            if !raw.starts_with(char::is_whitespace) {
                // At the margin only the rest of a label cut in two (`年度重` /
                // `点工作任务`): other lines there are titles, labels and notes.
                let first = prev.cells.first()?;
                let whole = format!("{}{}", first.text, cell.text);
                let is_label = crate::sections::is_label;
                let margin = line_of(prev)?.starts_with(|c: char| !c.is_whitespace());
                let cut = !is_label(&first.text) && !is_label(&cell.text) && is_label(&whole);
                return (margin && cut).then_some((0, false));
            }
            let indent = display_width(raw.get(..raw.len() - raw.trim_start().len())?);
            let starts = cell_starts(line_of(prev)?)?;
            if starts.len() != prev.cells.len() {
                return None;
            }
            let at = starts.iter().position(|s| s.abs_diff(indent) <= 1)?;
            // (Only a line that ends before the next cell above starts: one running
            // on past it is no cell of that column at all.)
            let in_column = starts
                .get(at + 1)
                .is_some_and(|next| indent + display_width(&cell.text) < *next);
            if in_column && wider_than_above(prev, at, &cell.text) {
                return None;
            }
            if rest_joins(prev, at, &cell.text) {
                return Some((at, false));
            }
            content_rest(prev, at, &cell.text).then_some((at, true))
        });
        // A task content's next numbered item (`（1）…；` / `（2）…`) keeps its line
        // break, as a goal's items do; other lines close up, as a task's wrapped cells
        // do (a layout may wrap right after a `。`).
        if let (Some((at, true)), Some(prev)) = (at, out.last_mut()) {
            if let (Some(into), Some(piece)) = (prev.cells.get_mut(at), row.cells.first()) {
                if crate::sections::starts_list_item(&piece.text) {
                    into.text.to_mut().push('\n');
                }
            }
        }
        join_or_push(&mut out, row, at.map(|(at, _)| vec![(at, 0)]), &mut joined);
    }
    out
}

/// A space-aligned line of amounts under a line of more item names (资金总额 …
/// 国有资本经营预算 财政专户管理资金 单位资金 over four amounts, the blank cells shown only
/// by wider gaps): each amount is set right after the name it stands under,
/// and the two lines become one row of `name amount` pairs, names without an amount
/// standing alone. Only where every amount falls under a name of its own. (Before, the
/// amounts were paired in order: 单位资金's amount went to 政府性基金预算's neighbour.)
fn place_spaced_amounts<'t>(rows: Vec<Row<'t>>, lines: &[&str]) -> Vec<Row<'t>> {
    // An amount of money: a bare number or one in yuan (`5000户` is a target's rest).
    let money = |t: &str| {
        crate::value::parse_amount(t.trim(), None)
            .is_some_and(|a| a.unit.as_deref().is_none_or(|u| u.ends_with('元')))
    };
    let line_of = |r: &Row<'_>| r.loc.line().and_then(|l| lines.get(l.wrapping_sub(1)));
    let mut out: Vec<Row<'t>> = Vec::with_capacity(rows.len());
    for row in rows {
        let placed = out.last().and_then(|prev| {
            let (n, m) = (prev.cells.len(), row.cells.len());
            if m == 0
                || n <= m + 1
                || row.loc.line()? != prev.loc.line()? + 1
                || !row.cells.iter().all(|c| money(&c.text))
                || prev
                    .cells
                    .iter()
                    .any(|c| crate::value::is_amount(c.text.trim()))
            {
                return None;
            }
            let names = cell_starts(line_of(prev)?)?;
            let amounts = cell_starts(line_of(&row)?)?;
            if names.len() != n || amounts.len() != m {
                return None;
            }
            // The name each amount stands under: the nearest by the middle of their
            // text (a layout may set either flush left, flush right or centred).
            let mid = |start: usize, c: &Cell<'_>| 2 * start + display_width(c.text.trim());
            let name_mids: Vec<usize> = names
                .iter()
                .zip(&prev.cells)
                .map(|(s, c)| mid(*s, c))
                .collect();
            let mut under = Vec::with_capacity(m);
            for (a, c) in amounts.iter().zip(&row.cells) {
                let at = mid(*a, c);
                let mut by_distance: Vec<(usize, usize)> = name_mids
                    .iter()
                    .enumerate()
                    .map(|(j, x)| (x.abs_diff(at), j))
                    .collect();
                by_distance.sort_unstable();
                let (d, j) = *by_distance.first()?;
                let tie = by_distance.get(1).is_some_and(|(d2, _)| *d2 == d);
                if tie || j == 0 || under.last().is_some_and(|l| *l >= j) {
                    return None;
                }
                under.push(j);
            }
            Some(under)
        });
        match (placed, out.last_mut()) {
            (Some(under), Some(prev)) => {
                let mut amounts = row.cells.into_iter();
                let mut cells = Vec::with_capacity(prev.cells.len() + under.len());
                for (j, c) in std::mem::take(&mut prev.cells).into_iter().enumerate() {
                    cells.push(c);
                    if under.contains(&j) {
                        cells.extend(amounts.next());
                    }
                }
                prev.cells = cells;
            }
            _ => out.push(row),
        }
    }
    out
}

/// Display columns of a text in a space-aligned layout: CJK characters and full-width
/// forms two, others one.
fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    if is_solid(c) || c == '\u{3000}' {
        2
    } else {
        1
    }
}

/// The display column where each cell of a space-aligned line starts, the cells as
/// [`split_spaced`] parts them; `None` for a line with tabs (no columns to count).
fn cell_starts(line: &str) -> Option<Vec<usize>> {
    if has_tab(line) {
        return None;
    }
    Some(spaced_pieces(line).into_iter().map(|(s, _)| s).collect())
}

/// Longest run of lines one unquoted cell's line breaks may spread a row over.
const MAX_BROKEN_ROW_LINES: usize = 8;

/// Rows of a tab text whose cells held line breaks that were copied unquoted (Word's
/// plain-text copy of a table): the row runs over several lines, each line after the
/// first going on with the cell the line before broke off. Only where the text keeps its
/// empty cells (a row ending in an empty cell shows it), so a table's rows all have the same
/// cell count: lines that are each short of the row before and together make exactly
/// its cell count, each break inside text, are one row.
fn join_broken_rows(rows: Vec<Row<'_>>) -> Vec<Row<'_>> {
    let keeps_empty_cells = rows
        .iter()
        .any(|r| r.cells.len() >= 2 && r.cells.last().is_some_and(|c| c.text.is_empty()));
    if !keeps_empty_cells {
        return rows;
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // The cell count of the row before, within the lines' block; across a blank line (a
    // page break, where the next table may have other columns) the widest row of the
    // block ahead.
    let mut width = None;
    let mut i = 0;
    while i < rows.len() {
        if i > 0 && !follows(&rows[i - 1], &rows[i]) {
            width = None;
        }
        let w = width.unwrap_or_else(|| block_width(&rows[i..]));
        let mut end = broken_row_end(&rows, i, w);
        // The row before may be narrower than the table (a merged cell: 资金情况's four
        // amounts under a six-column table): the lines may make up the width of the rows
        // after them instead, when the row right after them has that width.
        let wider = block_width(&rows[i..]);
        if end == i && wider > w {
            let e = broken_row_end(&rows, i, wider);
            if rows
                .get(e + 1)
                .is_some_and(|r| r.cells.len() == wider && follows(&rows[e], r))
            {
                end = e;
            }
        }
        // A row narrower than the table (a merged cell: `年度目标 | ①…` in a five-column
        // table, as Word copies it, one tab per cell it has) whose last cell goes on over
        // lines without a tab: those lines are its rest, as after a whole row (they had
        // been fields of their own, the goal cut after its first line).
        let narrow = (2..w).contains(&rows[i].cells.len())
            && rows[i].cells.iter().all(|c| c.col.is_some())
            && rows[i].cells.last().is_some_and(|c| !c.text.is_empty());
        if end == i && narrow && rows.get(i + 1).is_some_and(|r| r.cells.len() == 1) {
            end = last_cell_lines_end(&rows, i, true);
        }
        let n = rows[i].cells.len();
        if end > i {
            spans.push((i, end));
        }
        // A row that was whole (lines going on with its last cell or not) sets the width.
        if n >= 2 && (end == i || n >= w) {
            width = Some(n);
        }
        i = end + 1;
    }
    if spans.is_empty() {
        return rows;
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut spans = spans.into_iter().peekable();
    let mut rows = rows.into_iter().enumerate();
    while let Some((i, row)) = rows.next() {
        let Some(&(_, end)) = spans.peek().filter(|(start, _)| *start == i) else {
            out.push(row);
            continue;
        };
        spans.next();
        let mut joined = row;
        for (_, part) in rows.by_ref().take(end - i) {
            let mut cells = part.cells.into_iter();
            if let (Some(last), Some(first)) = (joined.cells.last_mut(), cells.next()) {
                last.text = Cow::Owned(format!("{}\n{}", last.text, first.text));
            }
            joined.cells.extend(cells);
        }
        for (c, cell) in joined.cells.iter_mut().enumerate() {
            cell.col = Some(c);
        }
        out.push(joined);
    }
    out
}

/// The last of the lines without a tab that go on with the last cell of `rows[end]`, a
/// row ending in text (`end` when there are none). A line that is a section label is a
/// title, one with a `：` a note (`单位：万元`, `注：…`), a page number or `续表` page
/// furniture, a level name of the indicator framework a row of its own (space-aligned, its empty cells lost); after a row that was
/// whole the lines must also be followed by a row of the table.
fn last_cell_lines_end(rows: &[Row<'_>], end: usize, after_whole: bool) -> usize {
    let mut last = end;
    while last < end + MAX_BROKEN_ROW_LINES
        && rows.get(last + 1).is_some_and(|r| {
            r.cells.len() == 1
                && follows(&rows[last], r)
                && !r.cells[0].text.contains(['：', ':'])
                && !is_page_number(r.cells[0].text.trim())
                && !is_title_line(r.cells[0].text.trim())
                && !is_part_heading(r.cells[0].text.trim())
                && !crate::sections::is_label(&r.cells[0].text)
                && !crate::sections::is_framework_name(&r.cells[0].text)
        })
        && !label_cut_at(rows, last + 1)
    {
        last += 1;
    }
    let table_goes_on = || {
        rows.get(last + 1)
            .is_some_and(|r| r.cells.len() >= 2 && follows(&rows[last], r))
    };
    if last > end && after_whole && !table_goes_on() {
        return end;
    }
    last
}

/// The form's title (`…绩效目标申报表`, `…目标表（2024年度）`), which a page break repeats
/// at the next page's top: never the rest of the cell above it.
fn is_title_line(t: &str) -> bool {
    let bare = match t.find(['（', '(']) {
        Some(i) if t.ends_with(['）', ')']) => t.get(..i).unwrap_or(t),
        _ => t,
    };
    bare.chars().nth(40).is_none()
        && !bare.contains(['，', '。', '；', ','])
        && (bare.ends_with("申报表") || bare.ends_with("目标表"))
}

/// A heading of one of the form's parts (`二、重点项目绩效目标`, `三、年度绩效指标`): a
/// Chinese list numeral and `、` before a short phrase with no sentence punctuation that
/// names a part (…目标, …指标, …情况, …任务). It opens the next part, never the rest of
/// the cell above it (a goal's numbered items are sentences, or do not end so).
pub(crate) fn is_part_heading(t: &str) -> bool {
    let Some((num, rest)) = t.split_once('、') else {
        return false;
    };
    !num.is_empty()
        && num.chars().all(|c| "一二三四五六七八九十".contains(c))
        && rest.chars().count() <= 16
        && !rest.contains(['，', '。', '；', ',', ';', '：', ':'])
        && ["目标", "指标", "情况", "任务"]
            .iter()
            .any(|w| rest.ends_with(w))
}

/// Whether `b` is on the line right after `a`.
fn follows(a: &Row<'_>, b: &Row<'_>) -> bool {
    a.loc.line().is_some_and(|l| b.loc.line() == Some(l + 1))
}

/// The most cells of a row in the block of consecutive lines `rows` starts.
fn block_width(rows: &[Row<'_>]) -> usize {
    let mut w = rows.first().map_or(0, |r| r.cells.len());
    for pair in rows.windows(2) {
        if !follows(&pair[0], &pair[1]) {
            break;
        }
        w = w.max(pair[1].cells.len());
    }
    w
}

/// A label cell broken inside by Word's copy (`预算整体` / `情况 → 部门预算支出 → …`,
/// `总体绩效` / `目标 → …`): `rows[i]`, a line without a tab, and the tab row after it
/// are one row when the two pieces make a label that neither is alone.
fn label_cut_at(rows: &[Row<'_>], i: usize) -> bool {
    let (Some(first), Some(next)) = (rows.get(i), rows.get(i + 1)) else {
        return false;
    };
    let ([piece], Some(rest)) = (first.cells.as_slice(), next.cells.first()) else {
        return false;
    };
    let (piece, rest) = (piece.text.trim(), rest.text.trim());
    next.cells.len() >= 2
        && next.cells.iter().all(|c| c.col.is_some())
        && follows(first, next)
        && !piece.is_empty()
        && !rest.is_empty()
        && !crate::sections::is_label(piece)
        && !crate::sections::is_label(rest)
        && crate::sections::is_label(&format!("{piece}{rest}"))
}

/// The last row of a row broken over lines that starts at `rows[i]`, given the cell count
/// of the row before it (`i` itself when the row is whole).
fn broken_row_end(rows: &[Row<'_>], i: usize, width: usize) -> usize {
    let first = &rows[i];
    if label_cut_at(rows, i) {
        return i + 1;
    }
    let broke_in_text = |r: &Row<'_>| r.cells.last().is_some_and(|c| !c.text.is_empty());
    // Only a tab row breaks this way; a space-aligned one is left to `realign`.
    let tabbed = first.cells.iter().all(|c| c.col.is_some());
    if first.cells.len() < 2 || !tabbed || !broke_in_text(first) {
        return i;
    }
    if first.cells.len() >= width {
        return last_cell_lines_end(rows, i, true);
    }
    let mut total = first.cells.len();
    for j in i + 1..rows.len().min(i + MAX_BROKEN_ROW_LINES) {
        let part = &rows[j];
        let n = part.cells.len();
        // A line without tabs split on space runs into several cells is a space-aligned
        // row (its cells have no column), not the rest of a broken one.
        let space_aligned = n > 1 && part.cells.iter().any(|c| c.col.is_none());
        // A line opening with a section label starts a row of its own: a short row
        // above a wider table (部门名称 | X over a 5-cell budget header, under a 6-column
        // task table) would otherwise add up to the width.
        if !follows(&rows[j - 1], part)
            || n >= width
            || space_aligned
            || part.cells.first().is_none_or(|c| c.text.is_empty())
            || part
                .cells
                .first()
                .is_some_and(|c| crate::sections::is_label(&c.text))
        {
            return i;
        }
        total += n - 1;
        if total == width {
            return last_cell_lines_end(rows, j, false);
        }
        if total > width || !broke_in_text(part) {
            return i;
        }
    }
    i
}

// CSV and HTML are read whole above, and `detect` never returns a PDF layout for text; kept total
// without panicking.
fn unreachable_layout() -> Vec<Cell<'static>> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word-spaced lines (one space between cells): where cells part and where a space
    /// stays inside a cell.
    #[test]
    fn word_spaced_cells() {
        let cases: &[(&str, &[&str])] = &[
            ("部门名称 某市司法局", &["部门名称", "某市司法局"]),
            (
                "基本支出 16,583.94 财政拨款 450,385.73",
                &["基本支出", "16,583.94", "财政拨款", "450,385.73"],
            ),
            (
                "3,456.78 3,000.00 456.78",
                &["3,456.78", "3,000.00", "456.78"],
            ),
            (
                "人才支撑计划 83, 179. 29 目标",
                &["人才支撑计划", "83, 179. 29", "目标"],
            ),
            (
                "人才支撑计划 83， 179． 29",
                &["人才支撑计划", "83， 179． 29"],
            ),
            ("开展项目数量 ≥ 800 项", &["开展项目数量", "≥ 800 项"]),
            ("满意度 ≥ 95 %", &["满意度", "≥ 95 %"]),
            ("满意度 ≥95 % ≥90%", &["满意度", "≥95 %", "≥90%"]),
            ("满意度 >= 90%", &["满意度", ">= 90%"]),
            (
                "数量指标 改造数量 12 处 12 处",
                &["数量指标", "改造数量", "12 处", "12 处"],
            ),
            (
                "数量指标 改造数量 12 改造小区数",
                &["数量指标", "改造数量", "12", "改造小区数"],
            ),
            (
                "社会效益指标 1. 构建体系。2. 推进建设。",
                &["社会效益指标", "1. 构建体系。2. 推进建设。"],
            ),
            ("效益 1、 构建体系", &["效益", "1、 构建体系"]),
            (
                "质量指标 通过 ISO 9001 认证 合格",
                &["质量指标", "通过", "ISO 9001", "认证", "合格"],
            ),
            (
                "预算 2,000.00 居住条件改善",
                &["预算", "2,000.00", "居住条件改善"],
            ),
            ("年份 2024. 目标", &["年份", "2024.", "目标"]),
            ("产出 100. 合格", &["产出", "100.", "合格"]),
            (
                "部 门 名 称 广州市越秀区北京街道办事处",
                &["部门名称", "广州市越秀区北京街道办事处"],
            ),
            (
                "绩 效 指 标 一级指标 二级指标",
                &["绩效指标", "一级指标", "二级指标"],
            ),
            ("　部门名称　某局 ", &["部门名称", "某局"]),
            // A comparison word before its number, as a sign is.
            (
                "满意度指标 市场主体满意度 不低于 90%",
                &["满意度指标", "市场主体满意度", "不低于 90%"],
            ),
            (
                "成本 单位成本 不超过 0.2万元",
                &["成本", "单位成本", "不超过 0.2万元"],
            ),
        ];
        for (line, want) in cases {
            assert_eq!(split_words(line), *want, "{line}");
        }
    }

    /// Which lines count as word-spaced: single spaces between words next to CJK,
    /// not letter-spaced text, not space-aligned text, not ASCII prose.
    #[test]
    fn word_spaced_lines() {
        let cases: &[(&str, bool)] = &[
            ("部门名称 某市司法局", true),
            ("基本支出 16,583.94 财政拨款 450,385.73", true),
            ("产出指标 数量指标 老旧小区改造数量 ≥25个", true),
            ("部门名称", false),
            ("部 门 名 称 某 市", false),
            ("部门名称  某市司法局", false),
            ("部门名称\t某市司法局", false),
            ("hello world foo", false),
            ("1. 构建", true),
            ("", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_word_spaced(line), *want, "{line:?}");
        }
        assert_eq!(
            from_text(
                "部门名称 某市司法局\n绩效指标 一级指标 二级指标\n产出指标 数量指标 培训 ≥5次\n"
            )
            .layout,
            Layout::WordSpaced
        );
        // A space-aligned text with a few single-spaced lines stays space-aligned.
        assert_eq!(
            from_text("部门名称  某市司法局\n绩效指标  一级指标  二级指标\n产出指标 数量指标\n")
                .layout,
            Layout::Spaced
        );
    }

    /// Letter-spaced CJK closes up; text set solid keeps its spaces.
    #[test]
    fn control_characters_are_padding() {
        for (cell, want) in [
            ("\u{1a}", ""),
            ("服务对象满意度指标\u{1a}", "服务对象满意度指标"),
            ("\u{0}\u{0}100%", "100%"),
            ("≥90%\u{7f}", "≥90%"),
            ("a\u{1a}b", "a\u{1a}b"),
        ] {
            assert_eq!(clean_cell(cell), want, "{cell:?}");
        }
        // A DOS end-of-file mark after the last row is no row of its own.
        let g = from_text("部门名称\t某局\n\u{1a}");
        assert!(
            g.rows
                .iter()
                .flat_map(|r| r.non_empty())
                .all(|c| !c.text.contains('\u{1a}')),
            "{:?}",
            g.rows
        );
    }

    #[test]
    fn a_table_copied_cell_by_cell_is_read_line_by_line() {
        let cells: Vec<String> = (0..40).map(|i| format!("单元格{i}")).collect();
        let text = cells.join("\n");
        let g = from_text(&text);
        assert_eq!(g.layout, Layout::CellPerLine);
        assert_eq!(g.rows.len(), 40);
        assert!(g.rows.iter().all(|r| r.cells.len() == 1));
        // Rows set apart by blank lines keep their cells together.
        let g = from_text("部门名称\n某局\n\n绩效指标\n一级指标\n二级指标\n");
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1].cells.len(), 3);
    }

    #[test]
    fn letter_spaced_cjk_closed_up() {
        let cases: &[(&str, &str)] = &[
            // OCR letter spacing
            ("广 州 市 科 学 技 术 局", "广州市科学技术局"),
            ("部 门 名 称", "部门名称"),
            ("产 出 指 标", "产出指标"),
            ("服 务 对 象 满 意 度 指 标", "服务对象满意度指标"),
            ("预 算 金 额 （ 万 元 ）", "预算金额（万元）"),
            ("联 系 人 ：", "联系人："),
            ("部  门  名  称", "部门名称"),
            ("部\u{3000}门\u{3000}名\u{3000}称", "部门名称"),
            ("姓\u{3000}\u{3000}名", "姓名"),
            ("单\u{a0}位", "单位"),
            ("王 五", "王五"),
            ("基 本 支 出", "基本支出"),
            // numbers and Latin keep their spaces; CJK around them closes up
            ("开 展 项 目 数 量 ≥ 800 项", "开展项目数量 ≥ 800 项"),
            ("满 意 度 ≥ 90%", "满意度 ≥ 90%"),
            ("第 1 批 次", "第 1 批次"),
            ("I S O 认 证", "I S O 认证"),
            ("2 0 2 3 年 度", "2 0 2 3 年度"),
            // mostly solid: spaces may mean something, kept
            ("张三 李四", "张三 李四"),
            ("广州 市科学 技术局", "广州 市科学 技术局"),
            (
                "年度目标： 完成12个村的提升改造",
                "年度目标： 完成12个村的提升改造",
            ),
            ("单位负责人 张三 联系人 李四", "单位负责人 张三 联系人 李四"),
            ("部门名称", "部门名称"),
            ("1. 构建科学高效的实验室体系", "1. 构建科学高效的实验室体系"),
            ("83, 179. 29", "83, 179. 29"),
            ("１６，５８３．９４", "１６，５８３．９４"),
            ("Page 1 of 2", "Page 1 of 2"),
            ("", ""),
            ("各", "各"),
            // a tie is not letter-spacing
            ("张三 李", "张三 李"),
            // line breaks inside a cell are not spaces
            ("基本\n支出", "基本\n支出"),
            ("基 本\n支 出", "基本\n支出"),
        ];
        for (input, want) in cases {
            assert_eq!(unspace_cjk(input), *want, "{input:?}");
        }
        assert_eq!(clean_cell("  部 门 名 称\u{3000} "), "部门名称");
    }
    /// The byte test for a page number's chars answers as the char test for every char
    /// alone and between others.
    #[test]
    fn page_number_chars_by_bytes() {
        let by_chars =
            |t: &str| t.contains(['页', '续']) || t.contains(['-', '—', '–', '－', 'P', 'p']);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for t in [c.to_string(), format!("第{c}页"), format!("一{c}二")] {
                assert_eq!(may_be_page_number(t.as_bytes()), by_chars(&t), "{t:?}");
            }
        }
    }

    use proptest::prelude::*;

    proptest! {
        /// A row's joined-cells page-number test answers as joining the cells first.
        #[test]
        fn joined_page_number_is_join(cells in proptest::collection::vec("[ 第共页续0-9一—\\-Pa表（）]{0,12}", 0..5)) {
            let row = Row {
                cells: cells
                    .iter()
                    .map(|t| Cell { text: Cow::Borrowed(t.as_str()), col: None, loc: Loc::Line { line: 1 } })
                    .collect(),
                loc: Loc::Line { line: 1 },
            };
            let joined: Vec<&str> = row.non_empty().map(|c| c.text.trim()).collect();
            prop_assert_eq!(joined_is_page_number(&row), is_page_number(&joined.join(" ")));
        }

        #[test]
        fn trim_cell_is_trim_matches(s in "[ \t\u{b}\u{c}\u{1a}\u{0}\u{7f}\r\n\u{85}\u{a0}\u{3000}\u{feff}\u{200b}\u{2028}一耀。a1\u{4000}\u{9fff}、）：\u{3001}\u{303f}\u{fe10}\u{ff01}\u{fffd}\u{ffff}\u{e000}]{0,12}") {
            prop_assert_eq!(trim_cell(&s), s.trim_matches(is_cell_padding));
        }

        #[test]
        fn trim_is_std_trim(s in "[ \t\u{b}\u{c}\u{1a}\u{0}\u{7f}\r\n\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{202f}\u{205f}\u{3000}\u{feff}\u{200b}\u{2028}\u{2029}一耀。a1\u{4000}\u{9fff}、）：\u{3001}\u{303f}\u{fe10}\u{ff01}\u{fffd}\u{ffff}\u{e000}\u{10000}é]{0,12}") {
            prop_assert_eq!(trim(&s), s.trim());
        }

        #[test]
        fn is_blank_is_trim_empty(s in "[ \t\u{b}\u{c}\r\u{85}\u{a0}\u{3000}\u{2028}\u{feff}一。）a]{0,6}") {
            prop_assert_eq!(is_blank(&s), s.trim().is_empty());
        }

        /// The layout decided with the pipe search of tab lines skipped where it cannot
        /// matter is the one decided by counting every line.
        #[test]
        fn detect_is_detect_by_counts(lines in proptest::collection::vec("[\t|｜一务 ]{0,8}", 0..12)) {
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            prop_assert_eq!(detect(&lines), detect_by_counts(&lines));
        }

        #[test]
        fn inline_space_precheck_misses_no_space(s in "[ \u{3000}\u{a0}、。一耀\u{5000}Āa\u{2000}]{0,30}") {
            if !may_hold_inline_space(s.as_bytes()) {
                prop_assert_eq!(space_runs(&s).count(), 0);
            }
        }
    }

    proptest! {
        /// No cell of a line the line test clears may hold an inline space.
        #[test]
        fn inline_space_line_test_covers_its_cells(line in "[ \t\u{3000}\u{a0}\u{4000}、。一耀a]{0,24}") {
            if !may_hold_inline_space_line(&line) {
                for cell in line.split('\t') {
                    prop_assert!(!may_hold_inline_space(cell.as_bytes()));
                    prop_assert_eq!(clean_cell(cell), trim_cell(cell));
                }
            }
        }
    }

    /// A space at every offset of texts of every length.
    #[test]
    fn inline_space_precheck_at_every_offset() {
        for len in 0..70 {
            for at in 0..len {
                for space in [" ", "\u{3000}", "\u{a0}"] {
                    let t = format!("{}{space}{}", "a".repeat(at), "a".repeat(len - at));
                    assert!(may_hold_inline_space(t.as_bytes()), "{t:?}");
                }
            }
            assert!(!may_hold_inline_space("一".repeat(len).as_bytes()));
        }
    }

    #[test]
    fn split_byte_is_std_split() {
        for s in [
            "",
            "\t",
            "\t\t",
            "a",
            "a\t",
            "\ta",
            "a\tb",
            "一\t二\t\t三",
            "\n\n",
            "a\nb\n",
            "83, 179. 29\t万元\t",
        ] {
            for b in [b'\t', b'\n'] {
                let got: Vec<&str> = split_byte(s, b).collect();
                let want: Vec<&str> = s.split(b as char).collect();
                assert_eq!(got, want, "{s:?} by {b}");
            }
        }
    }

    proptest! {
        #[test]
        fn split_byte_is_std_split_on_any_text(s in "[\t\na一二 ]{0,40}") {
            let got: Vec<&str> = split_byte(&s, b'\t').collect();
            let want: Vec<&str> = s.split('\t').collect();
            prop_assert_eq!(got, want);
        }
    }

    fn pipe_count(line: &str) -> usize {
        pipe_count_upto(line, usize::MAX)
    }

    /// `detect` as it was, counting the pipe rows among all lines.
    fn detect_by_counts(lines: &[&str]) -> Layout {
        let content: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if content.is_empty() {
            return Layout::CellPerLine;
        }
        let tabs = content.iter().filter(|l| has_tab(l)).count();
        let pipes = content
            .iter()
            .filter(|l| pipe_count_upto(l, 2) >= 2)
            .count();
        let enough = |n: usize| n * 4 >= content.len();
        if enough(tabs) && tabs >= pipes {
            Layout::Tabs
        } else if enough(pipes) {
            Layout::Pipes
        } else {
            // The rest of `detect` does not depend on the pipe count.
            detect(lines)
        }
    }

    #[test]
    fn pipes_counted_on_bytes() {
        for l in [
            "",
            "a|b",
            "｜a｜b｜",
            "| 一 ｜ 二 |",
            "丨|",
            "｜｜",
            "|||",
            "\u{ff5c}\u{ff5d}",
            "｝｜",
            "\u{ef9c}\u{ff9c}\u{7f1c}｜\u{3f9c}",
            "a\u{9c}|",
        ] {
            let want = l.chars().filter(|c| is_pipe(*c)).count();
            assert_eq!(pipe_count(l), want, "{l}");
            assert_eq!(pipe_count_upto(l, 2), want.min(2), "{l}");
        }
    }

    #[test]
    fn line_ends() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("a", &["a"]),
            ("a\n", &["a"]),
            ("a\r", &["a"]),
            ("a\r\n", &["a"]),
            ("a\r\nb\rc\nd", &["a", "b", "c", "d"]),
            ("a\n\nb\n", &["a", "", "b"]),
            ("a\r\r\nb", &["a", "", "b"]),
            ("a\n\rb", &["a", "", "b"]),
            ("\r\n\r\n", &["", ""]),
            ("\r\r", &["", ""]),
            ("一\r\n二\r三", &["一", "二", "三"]),
        ];
        for (text, want) in cases {
            assert_eq!(lines(text), *want, "{text:?}");
        }
    }

    #[test]
    fn tabs_lost_to_space_runs_part_cells() {
        fn cells(line: &str) -> Vec<&str> {
            tab_cells(line.trim_end_matches(' ')).collect()
        }
        // One run one tab; a single space stays in its cell.
        assert_eq!(
            cells("\t财政专项资金   83, 179. 29  市本级\t411.73"),
            vec!["", "财政专项资金", "83, 179. 29", "市本级", "411.73"]
        );
        // At the start a run is a lost tab after an empty cell; between two tabs it is
        // one more empty cell; at the end it parts nothing.
        assert_eq!(
            cells("    \t质量指标\t  \t"),
            vec!["", "", "质量指标", "", "", ""]
        );
        assert_eq!(cells("\t甲\t乙   "), vec!["", "甲", "乙"]);
        assert_eq!(cells("甲\t\t乙"), vec!["甲", "", "乙"]);
        let grid = from_text("绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\n\t产出指标  数量指标\t面积   ≥3万亩\n");
        let row: Vec<_> = grid.rows[1]
            .non_empty()
            .map(|c| (c.col, c.text.as_ref()))
            .collect();
        assert_eq!(
            row,
            vec![
                (Some(1), "产出指标"),
                (Some(2), "数量指标"),
                (Some(3), "面积"),
                (Some(4), "≥3万亩")
            ]
        );
    }

    #[test]
    fn wrapped_cell_rests_join_the_cell_above() {
        let texts = |text: &str| -> Vec<Vec<String>> {
            from_text(text)
                .rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
                .collect()
        };
        let head = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\n";
        // A lone rest in the column of a cell with text, twice over.
        let got = texts(&format!(
            "{head}\t产出指标\t数量指标\t开展科技\t≥800项\n\t\t\t项目\t\n\t\t\t数量\t\n"
        ));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1][3], "开展科技项目数量");
        // A level name cut in two is one.
        let got = texts(&format!(
            "{head}\t满意度指标\t服务对象\t满意度\t≥90%\n\t\t满意度指标\t\t\n"
        ));
        assert_eq!(got[1][2], "服务对象满意度指标");
        // Rows of their own: a level name (misread, or with a table rule's mark too), a
        // number or comparison, after a sentence's
        // end, a line without separators, not under text.
        for rest in [
            "\t\t质量指标\t\t",
            "\t\t成本指标_\t\t",
            "\t\t成本指标丨\t\t",
            "\t\t数最指标\t\t",
            "\t\t审核意见\t\t",
            "\t\t\t就业培训人次≥300人次\t",
            "\t\t\t\t持续提升",
            "补充\t\t\t\t",
            "其他",
            // A total row that lost its amounts.
            "\t\t\t合计\t",
            "\t\t\t小计\t",
            "\t\t\t金额合计\t",
        ] {
            let text = format!("{head}\t产出指标\t数量指标\t培训人次\t≥100人次。\n{rest}\n");
            assert_eq!(texts(&text).len(), 3, "{rest:?}");
        }
        // A label's value goes on; a numbered item starts a line of its own.
        let got = texts("总体绩效目标\t兜牢民生底线，\t\n\t提升养老服务\t\n");
        assert_eq!(
            got,
            vec![vec!["总体绩效目标", "兜牢民生底线，提升养老服务", ""]]
        );
        let got = texts("总体绩效目标\t兜牢民生底线，\t\n\t二、提升养老服务\t\n");
        assert_eq!(got.len(), 2);
        let got = texts(&format!(
            "{head}\t产出指标\t数量指标\t培训人次\t≥100人次\n\n\t\t\t培训\t\n"
        ));
        assert_eq!(got.len(), 3, "a blank line between: no rest");
    }

    #[test]
    fn spaced_split_keeps_single_spaces() {
        assert_eq!(
            split_spaced("  基本支出   83, 179. 29　财政拨款"),
            vec!["基本支出", "83, 179. 29", "财政拨款"]
        );
        // A row with tabs in a space-aligned text is split on them.
        assert_eq!(
            split_spaced("\t\t基本支出\t83, 179. 29\t\t财政拨款 其他\t"),
            vec!["基本支出", "83, 179. 29", "财政拨款 其他"]
        );
    }

    #[test]
    fn layouts_detected() {
        assert_eq!(from_text("a\tb\nc\td\n").layout, Layout::Tabs);
        assert_eq!(
            from_text("| a | b |\n|---|---|\n| c | d |\n").layout,
            Layout::Pipes
        );
        assert_eq!(from_text("a    b\nc    d\n").layout, Layout::Spaced);
        // A web page's copy parts cells with no-break spaces (`&nbsp;`).
        assert_eq!(
            from_text("a\u{a0}\u{a0}b\nc \u{a0}d\n").layout,
            Layout::Spaced
        );
        assert_eq!(
            from_text("a\u{a0}b\nc\u{a0}d\n").layout,
            Layout::CellPerLine
        );
        assert_eq!(from_text("a\nb\n\nc\n").layout, Layout::CellPerLine);
    }

    #[test]
    fn csv_detected_and_read() {
        // A sheet saved by a spreadsheet: every row padded, amounts with commas quoted.
        let sheet =
            "部门名称,某局,,\r\n预算,基本支出,\"83,179.29\",\r\n,,,\r\n目标,\"1.甲\n2.乙\",,\r\n";
        let g = from_text(sheet);
        assert_eq!(g.layout, Layout::Csv);
        assert_eq!(g.rows.len(), 3, "the all-empty row is dropped");
        assert_eq!(g.rows[1].cells[2].text, "83,179.29");
        assert_eq!(g.rows[2].cells[1].text, "1.甲\n2.乙");
        assert_eq!(g.rows[2].loc, Loc::Line { line: 4 });
        assert_eq!(g.rows[2].cells[1].col, Some(1));
        // A script's export drops trailing empty cells; a title line has no commas.
        let ragged = "申报表\n部门名称,某局,x\n,基本支出,1.00,财政拨款,2.00\n,项目支出,3.00\n";
        assert_eq!(from_text(ragged).layout, Layout::Csv);
        // A stray quote: the commas alone split the cells.
        let g = from_text("a,\"b,c\nd,e,f\ng,h,i\n");
        assert_eq!(g.layout, Layout::Csv);
        assert_eq!(g.rows.len(), 3);
    }

    #[test]
    fn commas_in_prose_and_ocr_numbers_are_not_csv() {
        for text in [
            // OCR'd amounts split by space runs.
            "基本支出   83, 179. 29   财政拨款   77, 016. 43\n项目支出   1, 234. 00   其他\n总体目标   提升, 优化\n",
            // One cell per line, amounts with thousands separators.
            "部门名称\n某局\n\n基本支出\n83, 179. 29\n\n项目支出\n1,234,567.00\n",
            // Tabs win over commas.
            "a,b,c\td\ne,f,g\th\n",
        ] {
            assert_ne!(from_text(text).layout, Layout::Csv, "{text}");
        }
    }

    #[test]
    fn quoted_multi_line_cells_are_one_cell() {
        let g = from_text("a\t\"1.x\n2.y\"\tb\nc\td\te\n");
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].cells[1].text, "1.x\n2.y");
        assert_eq!(g.rows[1].loc, Loc::Line { line: 3 });
        // An unbalanced quote falls back to plain splitting.
        let g = from_text("a\t\"x\tb\nc\td\n");
        assert_eq!(g.rows.len(), 2);
    }

    /// An Excel/WPS copy saved with CRLF ends: the line break inside a quoted cell is
    /// the cell's, with no `\r` left in its text; a cell that opens with a quote mark
    /// its quoting does not close (`"老兵驿站"建设数量`: Excel quotes only cells holding
    /// line breaks) keeps its marks.
    #[test]
    fn quoted_cells_of_a_crlf_copy_and_stray_quotes() {
        let g = from_text(
            "a\t\"1.x\r\n2.y\"\tb\r\n\"老兵驿站\"建设数量\t\u{2265}10个\r\n\"\"\"q\"\"r\"\tt\r\n",
        );
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[0].cells[1].text, "1.x\n2.y");
        assert_eq!(g.rows[1].cells[0].text, "\"老兵驿站\"建设数量");
        assert_eq!(g.rows[1].cells[1].text, "\u{2265}10个");
        assert_eq!(g.rows[1].loc, Loc::Line { line: 3 });
        // A cell Excel quoted for its own quote marks reads as before.
        assert_eq!(g.rows[2].cells[0].text, "\"q\"r");
    }

    #[test]
    fn markdown_rules_dropped_and_columns_kept() {
        let g = from_text("| a | | b |\n|---|---|---|\n| c | d | e |\n");
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].cells[1].text, "");
        assert_eq!(g.rows[0].cells[2].col, Some(2));
    }

    /// A table rule's mark at a line's margin in space-aligned text, and what is not one.
    #[test]
    fn margin_marks() {
        let cases: &[(&str, Option<usize>)] = &[
            ("｜      项目支出   876.54", Some(3)),
            ("丨              质量指标    工程质量验收合格率", Some(3)),
            ("|                       筹集保障性租赁住房", Some(1)),
            ("_", Some(1)),
            ("＿  ", Some(3)),
            // A pipe row, a cell's edge mark, a placeholder, a numeral.
            ("|  | 财政专项资金 | 158,300.00 |", None),
            ("|产出指标", None),
            ("| 产出指标", None),
            ("—      —", None),
            ("一      产出指标", None),
        ];
        for (line, want) in cases {
            assert_eq!(margin_mark_len(line), *want, "{line:?}");
        }
        assert!(without_margin_marks("部门名称  某局\n        基本支出  3.00\n").is_none());
        let (text, w) =
            without_margin_marks("部门名称  某局\n｜      基本支出  3.00\n_\n").unwrap();
        assert_eq!(text, "部门名称  某局\n        基本支出  3.00\n \n");
        assert_eq!(w.loc, Some(Loc::Line { line: 2 }));
    }
}
