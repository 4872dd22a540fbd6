//! HTML tables: a page saved from a government site, or an `.xls` that Excel/WPS wrote as
//! HTML (common in archives). Rows from `<tr>`, cells from `<td>`/`<th>`; a cell spanning
//! rows or columns (`rowspan`, `colspan`) fills the places it covers with empty cells, as
//! the tab text of the form has them, so columns line up as in the printed table.

use std::borrow::Cow;

use scraper::{ElementRef, Html, Node, Selector};

use super::{clean_cell, Cell, Row};
use crate::error::{Error, Result};
use crate::record::Loc;

/// Bytes at the start of the text looked at for a tag.
const SNIFF_BYTES: usize = 4096;

/// Longest span taken from a `rowspan`/`colspan` attribute (a typo such as `colspan=1000`
/// must not make a huge grid).
const MAX_SPAN: usize = 64;

/// Widest row kept: spans push cells right, and a run of large spans must not make rows
/// thousands of cells wide (a declaration has about a dozen columns).
const MAX_COLS: usize = 256;

/// Deepest element nesting read. html5ever's tree builder checks the stack of open
/// elements for every tag, so a document nested tens of thousands deep takes minutes;
/// browsers stop at 512 too.
const MAX_DEPTH: usize = 512;

/// An HTML document nested too deep to read in good time: an error before parsing.
pub fn check(text: &str) -> Result<()> {
    let depth = max_depth(text);
    if depth > MAX_DEPTH {
        return Err(Error::UnsupportedFormat {
            what: format!(
                "an HTML document with elements nested {depth} deep (more than {MAX_DEPTH}); \
                 save the table as text or PDF"
            ),
        });
    }
    Ok(())
}

/// How deep elements nest, from the tags alone: elements without content or whose end
/// tag may be left out (`<br>`, `<td>`, `<p>`…) and self-closed ones do not count, nor
/// tags inside comments, scripts and styles.
fn max_depth(text: &str) -> usize {
    const FLAT: [&[u8]; 22] = [
        b"br",
        b"img",
        b"meta",
        b"link",
        b"input",
        b"hr",
        b"col",
        b"area",
        b"base",
        b"wbr",
        b"source",
        b"td",
        b"th",
        b"tr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"tbody",
        b"thead",
        b"colgroup",
    ];
    let b = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &b[i.min(b.len())..]) {
        i += at + 1;
        let rest = &b[i..];
        if rest.starts_with(b"!--") {
            i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &rest[name_start..name_start + name_len];
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
        if closing {
            if !FLAT.iter().any(|f| is(f)) {
                depth = depth.saturating_sub(1);
            }
        } else if is(b"script") || is(b"style") {
            // Raw text up to the end tag: its `<` are no tags.
            let close: &[u8] = if is(b"script") {
                b"</script"
            } else {
                b"</style"
            };
            let after = &rest[end.min(rest.len())..];
            let skip = after
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close))
                .unwrap_or(after.len());
            i += end + skip;
            continue;
        } else if !FLAT.iter().any(|f| is(f)) && !rest[..end].ends_with(b"/") {
            depth += 1;
            max = max.max(depth);
        }
        i += end;
    }
    max
}

/// Whether the text is an HTML document with a table: it opens with a tag (after a BOM
/// or white space) and has a `<table`.
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !t.starts_with('<') {
        return false;
    }
    let head = t.as_bytes().get(..SNIFF_BYTES).unwrap_or(t.as_bytes());
    let tag = |name: &[u8]| {
        head.windows(name.len())
            .any(|w| w.eq_ignore_ascii_case(name))
    };
    tag(b"<html") || tag(b"<table") || tag(b"<!doctype html")
}

/// The rows of every table in the document, spans filled with empty cells, and between
/// them the text outside the tables (a title in `<p>` or `<h1>`, `填报单位：…` above the
/// table, `单位负责人：…` under it), a row a line, in document order. `loc` is the source
/// line of each row's `<tr>` (of an outside line, where its text is found).
pub fn rows(text: &str) -> Vec<Row<'static>> {
    let doc = Html::parse_document(text);
    let table = table_rows(&doc, text);
    let mut table = table.into_iter().peekable();
    let mut out = Vec::new();
    let mut outside = Outside::new(text);
    for node in doc.tree.root().descendants() {
        match node.value() {
            Node::Element(e) if e.name().eq_ignore_ascii_case("tr") => {
                outside.flush(&mut out);
                if table.peek().is_some_and(|(id, _)| *id == node.id()) {
                    out.extend(table.next().map(|(_, row)| row));
                }
            }
            Node::Element(e)
                if e.name().eq_ignore_ascii_case("br")
                    && !node.ancestors().any(|a| skipped(a.value())) =>
            {
                outside.buf.push('\n');
            }
            Node::Text(t) => {
                let mut owner = None;
                for a in node.ancestors() {
                    if skipped(a.value()) {
                        owner = None;
                        break;
                    }
                    if owner.is_none() && is_block(a.value()) {
                        owner = Some(a.id());
                    }
                }
                let Some(owner) = owner else { continue };
                if outside.owner != Some(owner) {
                    outside.flush(&mut out);
                    outside.owner = Some(owner);
                }
                // Source line breaks inside a paragraph are white space, not lines.
                outside.buf.extend(t.chars().map(|c| match c {
                    '\n' | '\r' | '\t' => ' ',
                    '\u{a0}' => ' ',
                    c => c,
                }));
            }
            _ => {}
        }
    }
    outside.flush(&mut out);
    out.extend(table.map(|(_, row)| row));
    out
}

/// Elements whose text is no row outside a table: the table's own (read by its rows),
/// and the head's and scripts'.
fn skipped(n: &Node) -> bool {
    matches!(n, Node::Element(e) if ["table", "head", "script", "style", "template", "title"]
        .iter()
        .any(|t| e.name().eq_ignore_ascii_case(t)))
}

/// Elements that set their text on lines of its own (text nodes are gathered up to the
/// nearest one).
fn is_block(n: &Node) -> bool {
    match n {
        Node::Element(e) => [
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "center",
            "body",
            "html",
            "caption",
            "blockquote",
            "pre",
            "section",
            "article",
            "header",
            "footer",
        ]
        .iter()
        .any(|t| e.name().eq_ignore_ascii_case(t)),
        Node::Document => true,
        _ => false,
    }
}

/// Text outside the tables gathered for one block element, and where the search for
/// each line's place in the source got to.
struct Outside<'t> {
    source: &'t str,
    buf: String,
    owner: Option<ego_tree::NodeId>,
    at: usize,
    line: usize,
}

impl<'t> Outside<'t> {
    fn new(source: &'t str) -> Self {
        Outside {
            source,
            buf: String::new(),
            owner: None,
            at: 0,
            line: 1,
        }
    }

    /// The gathered text as rows: a row a line, cells parted by runs of spaces (as
    /// `填报单位：某局　　单位：万元` sets two fields on one line).
    fn flush(&mut self, out: &mut Vec<Row<'static>>) {
        let buf = std::mem::take(&mut self.buf);
        for line in buf.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let cells = super::split_spaced(line);
            let Some(first) = cells.first() else { continue };
            // The line the text stands on, searched for from the last one found (an
            // entity-escaped text is not found and keeps that line).
            if let Some(p) = self
                .source
                .get(self.at..)
                .and_then(|s| s.find(first.as_str()))
            {
                let to = self.at + p;
                self.line += self
                    .source
                    .get(self.at..to)
                    .map_or(0, |s| s.bytes().filter(|&b| b == b'\n').count());
                self.at = to;
            }
            let loc = Loc::Line { line: self.line };
            let cells: Vec<Cell<'static>> = cells
                .into_iter()
                .enumerate()
                .map(|(c, t)| Cell {
                    text: Cow::Owned(clean_cell(&t).into_owned()),
                    col: Some(c),
                    loc: loc.clone(),
                })
                .filter(|c| !c.text.is_empty())
                .collect();
            if !cells.is_empty() {
                out.push(Row { cells, loc });
            }
        }
    }
}

/// The rows of every table, with the id of each row's `<tr>` node.
fn table_rows(doc: &Html, text: &str) -> Vec<(ego_tree::NodeId, Row<'static>)> {
    let Ok(tr) = Selector::parse("tr") else {
        return Vec::new();
    };
    let lines = tr_lines(text);
    // Places taken by spans from rows above: (row, col) → taken.
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut out = Vec::new();
    for (r, row) in doc.select(&tr).enumerate() {
        let line = lines.get(r).copied().unwrap_or(1);
        let loc = Loc::Line { line };
        if taken.len() <= r {
            taken.resize_with(r + 1, Vec::new);
        }
        let mut cells: Vec<Cell<'static>> = Vec::new();
        let mut col = 0;
        for td in row.child_elements().filter(|e| {
            let n = e.value().name();
            n.eq_ignore_ascii_case("td") || n.eq_ignore_ascii_case("th")
        }) {
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            if col >= MAX_COLS {
                break;
            }
            let span = |name: &str| {
                td.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .map_or(1, |n| n.clamp(1, MAX_SPAN))
            };
            let (rows_down, cols_across) = (span("rowspan"), span("colspan").min(MAX_COLS - col));
            for dr in 0..rows_down {
                let rr = r + dr;
                if taken.len() <= rr {
                    taken.resize_with(rr + 1, Vec::new);
                }
                let at = &mut taken[rr];
                if at.len() < col + cols_across {
                    at.resize(col + cols_across, false);
                }
                for slot in &mut at[col..col + cols_across] {
                    *slot = true;
                }
            }
            place(&mut cells, col, cell_text(td), &loc);
            col += cols_across;
        }
        // Places at the row's end still held by spans from above.
        let width = taken[r].len().max(col);
        if cells.len() < width {
            place(&mut cells, width - 1, String::new(), &loc);
        }
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        out.push((row.id(), Row { cells, loc }));
    }
    out
}

/// Put a cell at column `col`, empty cells before it where the row has none yet.
fn place(cells: &mut Vec<Cell<'static>>, col: usize, text: String, loc: &Loc) {
    while cells.len() < col {
        cells.push(Cell {
            text: Cow::Borrowed(""),
            col: Some(cells.len()),
            loc: loc.clone(),
        });
    }
    let text = match clean_cell(&text) {
        Cow::Borrowed(t) if t.len() == text.len() => text,
        other => other.into_owned(),
    };
    cells.push(Cell {
        text: Cow::Owned(text),
        col: Some(col),
        loc: loc.clone(),
    });
}

/// A cell's text: its text nodes in order, a line break for `<br>` and between block
/// elements (`<p>`, `<div>`, `<li>`).
fn cell_text(td: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut gap = None;
    for node in td.descendants() {
        match node.value() {
            Node::Text(t) => push_text(&mut out, &mut gap, t),
            Node::Element(e) => {
                let name = e.name();
                let block = ["br", "p", "div", "li", "tr"]
                    .iter()
                    .any(|b| name.eq_ignore_ascii_case(b));
                if block {
                    gap = None;
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A text node with its white space folded as a browser shows it: a run of spaces is one
/// space; a run holding a line break (the source wrapped there) is one space between
/// Latin words or numbers and none next to CJK text. A run at a node's end waits in `gap`
/// (whether it held a line break) for the next node's text.
fn push_text(out: &mut String, gap: &mut Option<bool>, t: &str) {
    let wide = |c: char| c > '\u{2E7F}';
    let mut rest = t;
    while !rest.is_empty() {
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            let wrapped = rest[..ws].contains(['\n', '\r']);
            *gap = Some(gap.unwrap_or(false) || wrapped);
            rest = &rest[ws..];
            continue;
        }
        if let (Some(wrapped), Some(b), Some(a)) =
            (gap.take(), out.chars().next_back(), rest.chars().next())
        {
            if b != '\n' && !(wrapped && (wide(b) || wide(a))) {
                out.push(' ');
            }
        }
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push_str(&rest[..word]);
        rest = &rest[word..];
    }
}

/// The source line of each `<tr` tag, in order (html5ever keeps no positions; rows are
/// matched to tags by their order).
fn tr_lines(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut line = 1;
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'<' if b
                .get(i + 1..i + 3)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"tr"))
                && b.get(i + 3)
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/') =>
            {
                out.push(line);
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<Vec<String>> {
        rows(html)
            .into_iter()
            .map(|r| r.cells.into_iter().map(|c| c.text.into_owned()).collect())
            .collect()
    }

    #[test]
    fn spans_fill_their_places_with_empty_cells() {
        let html = "<table>\
            <tr><td rowspan=2>绩效指标</td><td>产出指标</td><td colspan=2>数量指标</td></tr>\
            <tr><td>效益指标</td><td>a</td><td>b</td></tr>\
            </table>";
        assert_eq!(
            texts(html),
            vec![
                vec!["绩效指标", "产出指标", "数量指标", ""],
                vec!["", "效益指标", "a", "b"],
            ]
        );
    }

    #[test]
    fn line_breaks_entities_and_source_white_space() {
        let html = "<table><tr><td>1. 开展项目&ge;800项；<br>2. 完成\n   验收</td>\
            <td>&nbsp;83,179.29&nbsp;</td><td><p>a b</p><p>c</p></td><td>x <b>y</b>\n  z\n  中文</td></tr></table>";
        assert_eq!(
            texts(html),
            vec![vec![
                "1. 开展项目≥800项；\n2. 完成验收",
                "83,179.29",
                "a b\nc",
                "x y z中文"
            ]]
        );
    }

    #[test]
    fn a_span_reaching_the_row_end_keeps_the_row_wide() {
        let html = "<table><tr><td>a</td><td rowspan=2>b</td></tr><tr><td>c</td></tr></table>";
        assert_eq!(texts(html), vec![vec!["a", "b"], vec!["c", ""]]);
    }

    #[test]
    fn html_detected_only_when_it_opens_with_a_tag() {
        assert!(looks_like_html("\u{feff}<!DOCTYPE html><html><table>"));
        assert!(looks_like_html("  <table><tr><td>x</td></tr></table>"));
        assert!(!looks_like_html("部门名称\t<table>"));
        assert!(!looks_like_html("<部门名称>\t广州"));
    }

    #[test]
    fn rows_keep_their_source_lines() {
        let html = "<table>\n<tr><td>a</td></tr>\n\n<TR><td>b</td></TR>\n</table>";
        let lines: Vec<_> = rows(html).iter().map(|r| r.loc.line()).collect();
        assert_eq!(lines, vec![Some(2), Some(4)]);
    }

    #[test]
    fn nesting_depth_from_tags() {
        assert_eq!(
            max_depth("<html><body><table><tr><td>a<br>b</td></tr></table></body></html>"),
            3
        );
        assert_eq!(max_depth("<div><div/><!-- <div><div> --><p>x<p>y</div>"), 1);
        assert_eq!(max_depth("<script>for(i=0;i<n;i++){a<b}</script><div>"), 1);
        let deep = "<div>".repeat(600);
        assert!(check(&deep).is_err());
        assert!(check(&"<div></div>".repeat(5000)).is_ok());
    }

    #[test]
    fn spans_cannot_make_rows_wider_than_the_cap() {
        let html = format!(
            "<table>{}</table>",
            "<tr><td rowspan=64 colspan=64>x</td></tr>".repeat(200)
        );
        assert!(rows(&html).iter().all(|r| r.cells.len() <= MAX_COLS));
    }

    proptest::proptest! {
        // Tag soup with spans of any size never panics, and every row has a cell.
        #[test]
        fn any_tag_soup_gives_rows_without_panicking(
            s in "(<table>|<tr>|</tr>|<td rowspan=[0-9]{1,3} colspan=[0-9]{1,2}>|<td>|</td>|<br>|<th>|a|中|&nbsp;|\n| ){0,60}"
        ) {
            for r in rows(&s) {
                proptest::prop_assert!(!r.cells.is_empty());
            }
        }
    }
}
