//! Borderless ("stream") tables: columns and rows from text alignment alone.
//!
//! Text comes as lines of chunks (runs of text without a wide gap). Columns are the
//! x-ranges that lines with several chunks leave empty; rows are the vertical bands that
//! text blocks (a cell's wrapped lines) cover, so a cell's wrapped lines stay in one row.
//! A short block vertically centred across several rows (a row-span label) is kept from
//! gluing those rows together. The same logic reads `pdftotext -layout` / OCR text, with
//! character columns as x (CJK characters are two columns wide) and lines as y.

pub(crate) use super::cell_gaps::NarrowEdges;
use super::geometry::{is_cjk, Glyph, Rect};
use super::text;
use super::{Item, TCell, TRow};

/// A run of text on one line without a wide gap.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub text: String,
    pub bbox: Rect,
}

impl Chunk {
    /// How many characters of its text are ink (spaces left out): one for a character
    /// of text written one per line (竖排).
    fn ink_chars(&self) -> usize {
        self.text.chars().filter(|ch| !ch.is_whitespace()).count()
    }
}

#[derive(Debug, Clone)]
pub struct Line {
    pub chunks: Vec<Chunk>,
    pub bbox: Rect,
}

impl Line {
    /// A line outside the table (a title): one row, its chunks side by side in column 0.
    pub(crate) fn into_row(self) -> TRow {
        TRow {
            cells: self
                .chunks
                .into_iter()
                .map(|c| TCell {
                    text: c.text,
                    col: Some(0),
                    bbox: c.bbox,
                    text_y0: None,
                })
                .collect(),
            bbox: self.bbox,
            last_line_room: Vec::new(),
            col_measure: Vec::new(),
            open_above: Vec::new(),
            open_below: Vec::new(),
        }
    }
}

/// Units of the input: how wide a column gap must be and how tall a row gap.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Typical text size in x/y units.
    pub em: f64,
    /// Narrowest x-gap that separates columns.
    pub min_col_gap: f64,
    /// Whitespace beyond a column's usual line spacing that starts a new row.
    pub row_gap_extra: f64,
    /// Whether one line's gap alone (nothing crossing it) makes a separator.
    pub lone_gap: bool,
    /// Join pieces of one line with no space unless both sides are Latin letters or
    /// digits (layout text splits every word, letter-spaced CJK included).
    pub tight: bool,
    /// A separator may be crossed by up to `support / cross_ratio` chunks.
    pub cross_ratio: i64,
    /// Split a block that runs across a row boundary other columns show (layout text,
    /// where rows are not always apart by a blank line).
    pub split_tall: bool,
    /// Measure the room each cell's last line leaves in its column (PDF pages).
    pub line_room: bool,
    /// Where rows are set as far apart as a cell's wrapped lines, a line that does not
    /// fill its column ends its cell (PDF pages, see [`fill_edges`]).
    pub wrap_fill: bool,
}

fn join_same_line(out: &mut String, piece: &str, tight: bool) {
    let a = out.chars().next_back();
    let b = piece.chars().next();
    if let (Some(a), Some(b)) = (a, b) {
        let space = if tight {
            a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()
        } else {
            !(is_cjk(a) && is_cjk(b))
        };
        if space {
            out.push(' ');
        }
    }
    out.push_str(piece);
}

/// Column separators. A position separates columns when lines with several chunks have
/// a gap there and (almost) none of their chunks crosses it: crossings are allowed up to
/// a quarter of the supporting gaps, so a merged cell or a label line spanning columns
/// does not erase them. `inherited` separators (the previous page's) stay while no chunk
/// crosses them, so a table continued on a sparse page keeps its column numbers.
pub(crate) fn separators(lines: &[Line], p: &Params, inherited: &[f64]) -> Vec<f64> {
    separators_spanned(lines, p, inherited, &|_, _| false)
}

/// [`separators`] where the chunks `spans` picks (by line and index) cross no column gap:
/// cells merged over columns whose gaps they are known to cover.
fn separators_spanned(
    lines: &[Line],
    p: &Params,
    inherited: &[f64],
    spans: &dyn Fn(&Line, usize) -> bool,
) -> Vec<f64> {
    let multi: Vec<&Line> = lines.iter().filter(|l| l.chunks.len() >= 2).collect();
    // (x, d_support, d_cross, d_letter_spaced)
    let mut events: Vec<(f64, i64, i64, i64)> = Vec::new();
    // A gap between two pieces of a few characters each: a letter-spaced line (justified
    // CJK text spreads its characters) may show it, a column edge need not.
    let short = |c: &Chunk| c.bbox.width() <= 2.5 * p.em;
    for l in &multi {
        for (k, w) in l.chunks.windows(2).enumerate() {
            if w[1].bbox.x0 - w[0].bbox.x1 < p.min_col_gap || in_cell_gap(lines, l, w, p) {
                continue;
            }
            if justified_gap(lines, l.chunks.get(k..).unwrap_or_default(), inherited, p) {
                // One text across the gap: it crosses whatever other lines show there.
                events.push((w[0].bbox.x1, 0, 1, 0));
                events.push((w[1].bbox.x0, 0, -1, 0));
            } else {
                let spaced = i64::from(short(&w[0]) && short(&w[1]));
                events.push((w[0].bbox.x1, 1, 0, spaced));
                events.push((w[1].bbox.x0, -1, 0, -spaced));
            }
        }
        for (_, c) in l.chunks.iter().enumerate().filter(|(i, _)| !spans(l, *i)) {
            events.push((c.bbox.x0, 0, 1, 0));
            events.push((ink_x1(c), 0, -1, 0));
        }
    }
    events.extend(in_cell_gap_crossings(lines, &multi, p));
    events.extend(interleaved_gaps(lines, p));
    events.sort_by(|a, b| a.0.total_cmp(&b.0));
    let good = |support: i64, cross: i64| {
        (support >= 2 && cross * p.cross_ratio <= support)
            || (p.lone_gap && support >= 1 && cross == 0)
    };
    // Elementary segments between event positions: (x0, x1, good, chunks crossing).
    let mut segs: Vec<(f64, f64, bool, i64)> = Vec::new();
    let (mut support, mut cross, mut spaced) = (0i64, 0i64, 0i64);
    let mut i = 0;
    while i < events.len() {
        let x = events[i].0;
        // Apply every event at this x before judging the segment that follows. Edges
        // at one x computed through different glyph matrices differ by rounding noise
        // (367.49999 and 367.5): a segment that thin is no gap, and judged on its own it
        // held a chunk's end and a neighbouring gap's start but not the chunk starting
        // there, a lone good segment that made a separator.
        while i < events.len() && events[i].0 - x <= SAME_X {
            support += events[i].1;
            cross += events[i].2;
            spaced += events[i].3;
            i += 1;
        }
        if let Some(next) = events.get(i).map(|e| e.0) {
            // A gap only one letter-spaced line shows, on a page whose table goes on
            // from the page before, is no new column: the carried-over columns hold
            // the page (the rest of a cut cell alone there, a justified line in it).
            let lone_on_continued = support == 1 && spaced == 1 && !inherited.is_empty();
            segs.push((x, next, good(support, cross) && !lone_on_continued, cross));
        }
    }
    // Runs of good segments; inside a run the uncrossed stretches are the separators
    // (a narrow column swallowed by a run keeps its own edges), else the run's middle.
    let mut own: Vec<f64> = Vec::new();
    let mut k = 0;
    while k < segs.len() {
        if !segs[k].2 {
            k += 1;
            continue;
        }
        let start = k;
        while k < segs.len() && segs[k].2 {
            k += 1;
        }
        let run = &segs[start..k];
        // Where every stretch is crossed, those crossed once (by one merged cell's text,
        // a department name centred over the columns, say) still show where the column
        // edges are: the run's middle may fall inside the next column's text.
        let wide = |sgs: &[(f64, f64, bool, i64)], most: i64| {
            let mut out: Vec<(f64, f64)> = Vec::new();
            for sg in sgs {
                let ok = sg.3 <= most;
                match out.last_mut() {
                    Some(last) if ok && (last.1 - sg.0).abs() < 1e-9 => last.1 = sg.1,
                    _ if ok => out.push((sg.0, sg.1)),
                    _ => {}
                }
            }
            out.retain(|(a, b)| b - a >= 0.5 * p.min_col_gap);
            out
        };
        let mut strict = wide(run, 0);
        if strict.is_empty() {
            strict = wide(run, 1);
        }
        let mut stretches = strict;
        // A sliver crossed all along (narrower than half a column gap, text of other
        // lines across every part of it) shows no gap: the gaps supporting it only
        // overlap there (a wrapped level-3 name's short last line, and a name centred in
        // the same column, each beside the next column's text half a line off), so it is
        // no column edge (a column split inside the level-3 names cut their rows).
        let sliver = run
            .first()
            .zip(run.last())
            .is_some_and(|(a, b)| b.1 - a.0 < 0.5 * p.min_col_gap)
            && run.iter().all(|sg| sg.3 > 0);
        if stretches.is_empty() && !sliver {
            if let (Some(a), Some(b)) = (run.first(), run.last()) {
                stretches.push((a.0, b.1));
            }
        }
        for (a, b) in stretches {
            // A stretch wide because a column is empty on this page keeps the
            // previous page's separators inside it.
            // But where text alone on its lines crosses such a separator (an amount
            // level with no other text, in a table part restarted with narrower
            // columns), that text fills the empty-looking column: the clear gaps on its
            // two sides are the edges (see `lone_column`).
            let kept: Vec<f64> = inherited
                .iter()
                .copied()
                .filter(|s| a <= *s && *s <= b)
                .flat_map(|s| match lone_column(lines, s, inherited, p, spans) {
                    Some((m1, m2)) => vec![m1, m2],
                    None => vec![s],
                })
                .filter(|s| a <= *s && *s <= b)
                .collect();
            if kept.is_empty() {
                own.push((a + b) / 2.0);
            } else {
                own.extend(kept);
            }
        }
    }
    // One merged cell may cross a carried-over separator; a new layout crosses it more.
    let crossed = |x: f64| {
        multi
            .iter()
            .flat_map(|l| l.chunks.iter().enumerate().map(move |(i, c)| (l, i, c)))
            .filter(|(l, i, c)| !spans(l, *i) && c.bbox.x0 < x && x < c.bbox.x1)
            .count()
            > 1
    };
    // An own separator less than two ems from a carried-over one, with no chunk starting
    // between them, bounds a column no text falls in (the same edge, its gap narrowed on
    // this page by a cell that fills its column): the carried-over one takes its place,
    // so the page keeps the previous page's column numbers. A column sized to its longest
    // text over all pages (an HTML table printed by a browser) narrows by the difference
    // of its names' lengths (two and a half ems for 服务对象满意度指标 after 经济效益指标):
    // up to three ems where that text, crossing the carried-over edge, shows it.
    // (Text alone on its line that starts between them and runs across the own edge
    // `o` does not count: `o` cuts through it, set mid-way in a stretch such lines do
    // not cross, as lines with one chunk never do. A wrapped level-3 name whose lines
    // are set half a line off its targets', on a continued page, shows the level-2
    // column's gap as far as the targets' start: `o` fell inside the names.)
    let starts_between = |o: f64, s: f64| {
        let (lo, hi) = if o < s { (o, s) } else { (s, o) };
        lines.iter().any(|l| {
            l.chunks.iter().any(|c| {
                let cut = l.chunks.len() == 1 && c.bbox.x0 < o && o < c.bbox.x1;
                lo < c.bbox.x0 && c.bbox.x0 < hi && !cut
            })
        })
    };
    // Text across the carried-over edge `s` that ends in the gap left of the own edge
    // `o`, in a column whose left edge the page before shows too: a name longer than any
    // there, filling its column. (Text starting at a new edge of the page's own, an
    // amount in a table part restarted with narrower columns, is no such name.)
    let carried_left_edge = |x0: f64| {
        let left = own.iter().copied().filter(|o| *o < x0).reduce(f64::max);
        match left {
            Some(e) => inherited.iter().any(|s| (s - e).abs() < p.em),
            None => inherited.first().is_none_or(|s| x0 < *s),
        }
    };
    let narrowed_by = |o: f64, s: f64| {
        o > s
            && lines.iter().flat_map(|l| &l.chunks).any(|c| {
                c.bbox.x0 < s && s < c.bbox.x1 && c.bbox.x1 < o && carried_left_edge(c.bbox.x0)
            })
    };
    let mut all = own.clone();
    for s in inherited {
        if own.iter().any(|o| (o - s).abs() < p.em) || all.contains(s) {
            continue;
        }
        if crossed(*s) {
            // A table part with columns a little narrower (a new table after a page
            // break, its widths fitted to its own text) starts a column's text left of
            // the carried-over edge; on a page where no line shows that gap (a task name
            // centred between its content's lines) it is still the same edge: it moves
            // into the clear gap just left of that text.
            if let Some(m) = moved_edge(&multi, *s, p, spans) {
                if !own.iter().any(|o| (o - m).abs() < p.em) && !all.contains(&m) {
                    all.push(m);
                }
            }
            continue;
        }
        // Text alone on its lines across the carried-over edge, in a clear band of its
        // own (an amount, in a table part restarted with narrower columns, where no
        // line shows the gap left of it): that band is the column, its two clear sides
        // the edges (not a nearby own edge taken for the same edge, which would leave
        // the text in the column left of it).
        if let Some((m1, m2)) = lone_column(lines, *s, inherited, p, spans) {
            for m in [m1, m2] {
                if !all.iter().any(|o| (o - m).abs() < p.em) {
                    all.push(m);
                }
            }
            continue;
        }
        // Text starting between an own edge `o` left of `s` and `s`, running across `s`:
        // a name longer than any on the page before, centred in the column right of `s`
        // (LibreOffice centres row-span labels), so that column reaches left to `o` here.
        // It is the same edge, and `o` stands: `s` would cut the name from its column.
        let widened_by = |o: f64| {
            let starting: Vec<&Chunk> = lines
                .iter()
                .flat_map(|l| &l.chunks)
                .filter(|c| o < c.bbox.x0 && c.bbox.x0 < *s)
                .collect();
            !starting.is_empty() && starting.iter().all(|c| c.bbox.x1 > *s)
        };
        if own
            .iter()
            .any(|o| *o < *s && *s - o < 2.0 * p.em && widened_by(*o))
        {
            continue;
        }
        let same_edge = all.iter().position(|o| {
            own.contains(o)
                && ((o - s).abs() < 2.0 * p.em
                    || ((o - s).abs() < 3.0 * p.em && narrowed_by(*o, *s)))
                && !starts_between(*o, *s)
        });
        match same_edge {
            Some(i) => {
                if let Some(slot) = all.get_mut(i) {
                    *slot = *s;
                }
            }
            None => all.push(*s),
        }
    }
    all.sort_by(f64::total_cmp);
    all
}

/// Whether the gap between the first two chunks of `w` (a line's chunks from the gap's
/// left piece on), on a page a table goes on to from the page before (`inherited`, its
/// column edges), is only a justified line's spacing inside one carried-over column:
/// one piece is short (a character or two the justification set apart), the gap
/// narrower than an em, no carried edge inside it, and the pieces together fill that
/// column to its right edge (the next carried edge, or for the last column as far right
/// as any text of it on the page), as a wrapped line, stretched to its cell's width,
/// does. The right piece may be followed by more pieces set apart the same way (`不低于`
/// `332` `亿`): the line runs on through them. The cell's earlier lines, which would
/// show the line as wrapped, are on the page before (`次＞33 万人` opening a page,
/// `交额≥487 亿`).
fn justified_gap(lines: &[Line], w: &[Chunk], inherited: &[f64], p: &Params) -> bool {
    let ([a, b, rest @ ..], false) = (w, inherited.is_empty()) else {
        return false;
    };
    let short = |c: &Chunk| c.bbox.width() <= 2.5 * p.em;
    if !(short(a) || short(b)) || b.bbox.x0 - a.bbox.x1 >= p.em {
        return false;
    }
    // The line's end: pieces right of `b`, each less than an em after the one before,
    // in the same carried-over column.
    let mut end = b.bbox.x1;
    for c in rest {
        let other_column = inherited.iter().any(|s| end < *s && *s < c.bbox.x1);
        if c.bbox.x0 - end >= p.em || other_column {
            break;
        }
        end = c.bbox.x1;
    }
    if inherited.iter().any(|s| a.bbox.x0 < *s && *s < end) {
        return false;
    }
    let left = inherited
        .iter()
        .copied()
        .filter(|s| *s <= a.bbox.x0)
        .fold(f64::NEG_INFINITY, f64::max);
    let right = inherited.iter().copied().find(|s| *s >= end);
    let edge = right.unwrap_or_else(|| {
        lines
            .iter()
            .flat_map(|l| &l.chunks)
            .filter(|c| c.bbox.x0 >= left)
            .map(|c| c.bbox.x1)
            .fold(f64::NEG_INFINITY, f64::max)
    });
    edge - end <= 0.5 * p.em
}

/// Where a chunk's ink ends: a full-width closing bracket's glyph (）」』】〕〉》) is
/// drawn in the left half of its box, and a browser trims the blank half at a line's
/// end (Chromium sets 拟投入的资金（万元） half an em wider than its column), so that
/// half crosses no column edge.
fn ink_x1(c: &Chunk) -> f64 {
    let n = c.text.chars().count();
    match c.text.chars().next_back() {
        Some(last) if n > 0 && "）」』】〕〉》".contains(last) => {
            c.bbox.x1 - 0.5 * c.bbox.width() / n as f64
        }
        _ => c.bbox.x1,
    }
}

/// Column gaps a text alone on its line shows beside the lines it is set between
/// (separator events, support only). A one-line cell vertically centred beside a cell of
/// two or more lines (a label beside its wrapped value, a value beside its wrapped label)
/// gets a line of its own, half a line off the lines beside it: no line then holds both,
/// and the gap between them, maybe the only one the label column shows, went unseen (the
/// label was read into its value's cell). A line overlapping such a line by height, but
/// more than a quarter em off its baseline (so not one line set in two runs), with no
/// text above or below the other's, counts the gap to the nearest text on each side.
fn interleaved_gaps(lines: &[Line], p: &Params) -> Vec<(f64, i64, i64, i64)> {
    let mut out = Vec::new();
    if p.tight {
        return out;
    }
    for l in lines.iter().filter(|l| l.chunks.len() == 1) {
        let Some(c) = l.chunks.first() else {
            continue;
        };
        for m in lines {
            let overlap = l.bbox.y1.min(m.bbox.y1) - l.bbox.y0.max(m.bbox.y0);
            let off = ((l.bbox.y0 + l.bbox.y1) - (m.bbox.y0 + m.bbox.y1)).abs() / 2.0;
            if overlap <= 0.0 || off < 0.25 * p.em {
                continue;
            }
            if m.chunks
                .iter()
                .any(|d| d.bbox.x0 < c.bbox.x1 && c.bbox.x0 < d.bbox.x1)
            {
                continue;
            }
            let left = m
                .chunks
                .iter()
                .map(|d| d.bbox.x1)
                .filter(|x1| *x1 <= c.bbox.x0)
                .fold(f64::NEG_INFINITY, f64::max);
            let right = m
                .chunks
                .iter()
                .map(|d| d.bbox.x0)
                .filter(|x0| *x0 >= c.bbox.x1)
                .fold(f64::INFINITY, f64::min);
            for (a, b) in [(left, c.bbox.x0), (c.bbox.x1, right)] {
                if a.is_finite() && b.is_finite() && b - a >= p.min_col_gap {
                    out.push((a, 1, 0, 0));
                    out.push((b, -1, 0, 0));
                }
            }
        }
    }
    out
}

/// The gaps of `multi`'s lines that [`in_cell_gap`] finds, as text crossing them
/// (separator events): the cell's text runs on across them, so another line's gap there
/// (a header's, where the cell's next line, alone on its line, does not count) is no
/// column edge either.
fn in_cell_gap_crossings(lines: &[Line], multi: &[&Line], p: &Params) -> Vec<(f64, i64, i64, i64)> {
    let mut out = Vec::new();
    for l in multi {
        for w in l.chunks.windows(2) {
            if let [a, b] = w {
                if b.bbox.x0 - a.bbox.x1 >= p.min_col_gap && in_cell_gap(lines, l, w, p) {
                    out.push((a.bbox.x1, 0, 1, 0));
                    out.push((b.bbox.x0, 0, -1, 0));
                }
            }
        }
    }
    out
}

/// Whether the gap between the chunks `w` of line `l` is a wide space inside one cell's
/// first line (after a list number in justified text, say), not a column edge: the
/// cell's next wrapped line, a line's distance below, starts where the gap's left chunk
/// starts and runs across the gap.
/// (A gap between two short pieces is a letter-spaced line's, which `separators` weighs
/// as such. Layout text, `tight`, splits every word into a chunk of its own: one space
/// there is no wide gap.)
fn in_cell_gap(lines: &[Line], l: &Line, w: &[Chunk], p: &Params) -> bool {
    let [left, right] = w else {
        return false;
    };
    let short = |c: &Chunk| c.bbox.width() <= 2.5 * p.em;
    if p.tight || (short(left) && short(right)) {
        return false;
    }
    if bare_number_at_end(lines, l, w) {
        return true;
    }
    lines
        .iter()
        .filter(|n| n.bbox.y1 <= l.bbox.y0 && l.bbox.y0 - n.bbox.y1 <= MAX_LINE_GAP_EMS * p.em)
        .flat_map(|n| &n.chunks)
        .any(|c| {
            (c.bbox.x0 - left.bbox.x0).abs() <= EDGE_SNAP_EMS * p.em
                && c.bbox.x1 >= right.bbox.x0
                && ends_within(c, right, p)
        })
}

/// Whether the gap between the chunks `w` of line `l` follows a bare list number (`1.`)
/// on the last line, its item's first words beside it: the cell goes on over the page
/// end, and its next line, which would show the gap as the number's (see
/// [`in_cell_gap`]), is on the next page. (A column of list numbers shows its gap on
/// the lines above too, more than the last line's text crosses.)
fn bare_number_at_end(lines: &[Line], l: &Line, w: &[Chunk]) -> bool {
    let [left, _] = w else {
        return false;
    };
    let bare = opens_list_item(&left.text) && left.text.trim().chars().count() <= 3;
    bare && !lines.iter().any(|n| n.bbox.y1 <= l.bbox.y0)
}

/// Whether `next`, taken for the wrapped line below a line with a wide in-cell gap,
/// ends no further right than that line's text right of the gap (an em's slack): the
/// gapped line wrapped, so it reaches its cell's right edge, and the cell's next line
/// cannot run past that. A line that does is another, wider cell's (a merged cell's
/// paragraph below the last wrapped line of a label, both flush with the same column's
/// left edge, as an HTML table printed by Chromium sets them).
fn ends_within(next: &Chunk, right: &Chunk, p: &Params) -> bool {
    next.bbox.x1 <= right.bbox.x1 + p.em
}

/// The column the texts alone on their lines (of `lines`, those `spans` leaves in)
/// across the carried-over separator `s` make: every text crossing `s` must be alone on
/// its line (text beside it on a line would show the column's gaps itself), and their
/// extent `lo..hi` must have a clear gap of at least `min_col_gap` on each side up to
/// the nearest other text, crossed by no text; gives those gaps' middles.
/// A band whose left edge is another carried-over separator `t` is no new column: its
/// text starts in the carried column `t..s` and only runs past `s` (a level name longer
/// than any of its column on the page before, alone on a continued page: 可持续影响指标
/// overrunning the level-2 column's mid-gap edge by a point or two became a column of
/// its own and put every column after it one to the right).
fn lone_column(
    lines: &[Line],
    s: f64,
    inherited: &[f64],
    p: &Params,
    spans: &dyn Fn(&Line, usize) -> bool,
) -> Option<(f64, f64)> {
    // Text alone on its line and centred on the table's width is a cell merged over all
    // its columns (a section label, 其他需完成的任务（可选填）): it tells nothing of the
    // column edges it crosses, and kept it hid the band of a lone amount.
    let (left, right) = x_extent(lines);
    let merged = |n: usize, b: &Rect| n == 1 && (b.cx() - (left + right) / 2.0).abs() < 0.5 * p.em;
    let chunks = || kept_boxes(lines.iter(), spans).filter(|(n, b)| !merged(*n, b));
    let crossing: Vec<(usize, Rect)> = chunks().filter(|(_, b)| b.x0 < s && s < b.x1).collect();
    if crossing.is_empty() || crossing.iter().any(|(n, _)| *n != 1) {
        return None;
    }
    let crossing: Vec<Rect> = crossing.into_iter().map(|(_, b)| b).collect();
    let (m1, m2) = clear_band_edges(|| chunks().map(|(_, b)| b), &crossing, p.min_col_gap)?;
    let in_carried_column = inherited.iter().any(|t| {
        *t < s && (m1 - t).abs() < p.em && crossing.iter().all(|b| *t < b.x0 && b.x0 < *t + p.em)
    });
    (!in_carried_column).then_some((m1, m2))
}

/// The edges of the band the `crossing` boxes fill: the middles of the clear gaps on
/// their two sides, each at least `min_gap` wide up to the nearest other box of
/// `boxes`; `None` where a gap is narrower or a box runs across a middle.
fn clear_band_edges<I: Iterator<Item = Rect>>(
    boxes: impl Fn() -> I,
    crossing: &[Rect],
    min_gap: f64,
) -> Option<(f64, f64)> {
    let lo = crossing.iter().map(|b| b.x0).fold(f64::INFINITY, f64::min);
    let hi = crossing
        .iter()
        .map(|b| b.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let left = boxes()
        .map(|b| b.x1)
        .filter(|x1| *x1 <= lo)
        .fold(f64::NEG_INFINITY, f64::max);
    let right = boxes()
        .map(|b| b.x0)
        .filter(|x0| *x0 >= hi)
        .fold(f64::INFINITY, f64::min);
    if !left.is_finite() || !right.is_finite() || lo - left < min_gap || right - hi < min_gap {
        return None;
    }
    let (m1, m2) = ((left + lo) / 2.0, (hi + right) / 2.0);
    let cut = |m: f64| boxes().any(|b| b.x0 < m && m < b.x1);
    (!cut(m1) && !cut(m2)).then_some((m1, m2))
}

/// Where the carried-over separator `s`, crossed on this page, has moved: the chunks
/// crossing it (of `lines`, those `spans` leaves in) must all start less than an em left
/// of it (a column whose text starts a little further left, not a merged cell or another
/// layout across it), and the clear gap left of the leftmost of those starts, at least
/// `min_col_gap` wide and crossed by no chunk, takes it (its middle).
fn moved_edge(
    lines: &[&Line],
    s: f64,
    p: &Params,
    spans: &dyn Fn(&Line, usize) -> bool,
) -> Option<f64> {
    let chunks = || kept_boxes(lines.iter().copied(), spans).map(|(_, b)| b);
    let crossing: Vec<Rect> = chunks().filter(|b| b.x0 < s && s < b.x1).collect();
    if crossing.is_empty() || crossing.iter().any(|b| b.x0 <= s - p.em) {
        return None;
    }
    let right = crossing.iter().map(|b| b.x0).fold(f64::INFINITY, f64::min);
    let left = chunks()
        .map(|b| b.x1)
        .filter(|x1| *x1 <= right)
        .fold(f64::NEG_INFINITY, f64::max);
    if !left.is_finite() || right - left < p.min_col_gap {
        return None;
    }
    let m = (left + right) / 2.0;
    (!chunks().any(|b| b.x0 < m && m < b.x1)).then_some(m)
}

/// The boxes of `lines`' chunks that `spans` leaves in, each with its line's chunk count.
fn kept_boxes<'a>(
    lines: impl Iterator<Item = &'a Line> + 'a,
    spans: &'a dyn Fn(&Line, usize) -> bool,
) -> impl Iterator<Item = (usize, Rect)> + 'a {
    lines.flat_map(move |l| {
        l.chunks
            .iter()
            .enumerate()
            .filter(move |(i, _)| !spans(l, *i))
            .map(move |(_, c)| (l.chunks.len(), c.bbox))
    })
}

fn col_of(seps: &[f64], x0: f64) -> usize {
    seps.iter().filter(|s| x0 >= **s).count()
}

/// A cell's wrapped lines in one column.
#[derive(Debug, Clone)]
struct Block {
    col: usize,
    /// (line index, chunk) pairs top to bottom.
    parts: Vec<(usize, Chunk)>,
    bbox: Rect,
    lines: usize,
}

impl Block {
    /// The block's last line index and where that line's text ends on the right.
    fn last_line_end(&self) -> Option<(usize, f64)> {
        let (last, _) = self.parts.last()?;
        let x1 = self
            .parts
            .iter()
            .filter(|(l, _)| l == last)
            .map(|(_, c)| c.bbox.x1)
            .fold(f64::NEG_INFINITY, f64::max);
        Some((*last, x1))
    }

    fn text(&self, tight: bool) -> String {
        let mut out = String::new();
        let mut last_line = usize::MAX;
        for (li, c) in &self.parts {
            if *li == last_line {
                join_same_line(&mut out, &c.text, tight);
            } else {
                super::geometry::push_joined(&mut out, &c.text);
            }
            last_line = *li;
        }
        out
    }
}

/// The widest gap between the lines of one wrapped cell (ems): single spacing leaves
/// about 0.55–0.65 em between glyph boxes in the renditions seen, 1.15 spacing a little more.
const MAX_LINE_GAP_EMS: f64 = 0.8;

/// Event positions this close (points) are one position: rounding noise of glyph boxes.
const SAME_X: f64 = 0.01;

/// Below this (ems) two lines are no wrapped lines of one cell set apart.
const MIN_LINE_GAP_EMS: f64 = 0.3;

/// A column's usual whitespace between wrapped lines (a third of the way up the gaps
/// between successive lines of a column), at most [`MAX_LINE_GAP_EMS`].
fn usual_line_gap(lines: &[Line], seps: &[f64], p: &Params) -> f64 {
    let ncols = seps.len() + 1;
    let mut last: Vec<Option<(Rect, bool)>> = vec![None; ncols];
    let mut gaps = Vec::new();
    for line in lines {
        let mut seen = vec![false; ncols];
        for c in &line.chunks {
            let col = col_of(seps, c.bbox.x0).min(ncols - 1);
            let single = c.ink_chars() == 1;
            if let (Some(Some((prev, prev_single))), Some(false)) = (last.get(col), seen.get(col)) {
                let g = prev.y0 - c.bbox.y1;
                // Two characters of a label written one a line (竖排) tell nothing of the
                // cells' line spacing: turned a quarter turn, they touch (an advance apart)
                // and would make every gap between wrapped lines a row's end.
                if g > -0.2 * p.em && g < 2.0 * p.em && !(single && *prev_single) {
                    gaps.push(g);
                }
            }
            if let Some(s) = seen.get_mut(col) {
                *s = true;
            }
            if let Some(l) = last.get_mut(col) {
                *l = Some((c.bbox, single));
            }
        }
    }
    gaps.sort_by(f64::total_cmp);
    // Lines of one cell are set at most a little over single spacing apart; where no
    // cell wraps (a short form), the gaps seen are all between rows and tell nothing.
    let usual = gaps.get(gaps.len() / 3).copied().unwrap_or(0.0).max(0.0);
    // One font sets every cell's wrapped lines the same distance apart: the smallest
    // clear gap seen twice is that spacing, though most gaps on a page of short cells
    // are between rows (lines a little out of step overlap: no spacing).
    let spacing = gaps
        .windows(2)
        .filter(|w| w[0] >= MIN_LINE_GAP_EMS * p.em)
        .find(|w| w[1] - w[0] <= 0.05 * p.em)
        .map_or(f64::INFINITY, |w| w[1]);
    usual.min(spacing).min(MAX_LINE_GAP_EMS * p.em)
}

/// How far (in half line pitches) a gap may miss the lattice of wrapped lines.
const LATTICE_TOLERANCE: f64 = 0.1;

/// Whether the rows of `lines` are set as far apart as a cell's wrapped lines (fpdf2's
/// tables without cell padding), so the spacing marks no row ends: every gap between
/// successive lines of a column wider than `row_gap` is the line spacing plus a whole
/// number of half line pitches (a shorter cell centred on its row, an empty line). Cell
/// padding adds gaps off that lattice, or on it where the padding is half a pitch: such
/// a table shows itself by its wide gaps all opening below a band clear across the
/// page (see [`opens_clear_band`]).
fn rows_set_as_lines(lines: &[Line], seps: &[f64], row_gap: f64, p: &Params) -> bool {
    // A label written one character per line (竖排) runs a line apart down its span,
    // across the padding between the rows beside it: its characters tell nothing of
    // how the rows are set, and would hide the clear bands between them. (A band
    // holding one of its characters whole is no padding between rows, though: rows set
    // a line apart, where a top-aligned cell beside a tall label leaves lines empty.)
    let (kept, vertical) = without_vertical_text(lines, p.em);
    let lines = kept.as_slice();
    let spacing = row_gap - p.row_gap_extra;
    let ncols = seps.len() + 1;
    let mut last: Vec<Option<Rect>> = vec![None; ncols];
    let (mut close, mut off, mut on) = (0usize, 0usize, 0usize);
    let mut banded = 0usize;
    for (li, line) in lines.iter().enumerate() {
        for c in &line.chunks {
            let col = col_of(seps, c.bbox.x0).min(ncols - 1);
            if let Some(Some(prev)) = last.get(col) {
                let g = prev.y0 - c.bbox.y1;
                let half = (spacing + c.bbox.height()) / 2.0;
                let k = (g - spacing) / half;
                if g > 0.0 && g <= row_gap {
                    close += 1;
                } else if g > row_gap && (k - k.round()).abs() > LATTICE_TOLERANCE {
                    off += 1;
                } else if g > row_gap {
                    on += 1;
                    banded += usize::from(
                        opens_clear_band(lines, li, row_gap) && !holds_whole(lines, li, &vertical),
                    );
                }
            }
            if let Some(l) = last.get_mut(col) {
                *l = Some(c.bbox);
            }
        }
    }
    let padded = banded > 0 && banded == on;
    !padded && close >= 3 && off == 0 && (on > 0 || !one_top_aligned_row(lines, seps, p))
}

/// `lines` without the characters of text written one character per line (a chunk of
/// one character with another such chunk at the same place on the line above or below,
/// or in an evenly spaced run of them, see [`spread_characters`]), and the boxes of
/// those characters.
fn without_vertical_text(lines: &[Line], em: f64) -> (Vec<Line>, Vec<Rect>) {
    let single = |c: &Chunk| c.ink_chars() == 1;
    let stacked = |li: usize, c: &Chunk| {
        [li.checked_sub(1), li.checked_add(1)]
            .into_iter()
            .flatten()
            .filter_map(|j| lines.get(j))
            .flat_map(|l| &l.chunks)
            .any(|o| single(o) && (o.bbox.cx() - c.bbox.cx()).abs() <= 0.25 * em)
    };
    let spread = spread_characters(lines, em);
    let mut dropped = Vec::new();
    let kept = lines
        .iter()
        .enumerate()
        .filter_map(|(li, l)| {
            let mut chunks = Vec::with_capacity(l.chunks.len());
            for c in &l.chunks {
                if single(c) && (stacked(li, c) || spread.contains(&(li, c.bbox.x0.to_bits()))) {
                    dropped.push(c.bbox);
                } else {
                    chunks.push(c.clone());
                }
            }
            let bbox = chunks.iter().map(|c| c.bbox).reduce(|a, b| a.union(&b))?;
            Some(Line { chunks, bbox })
        })
        .collect();
    (kept, dropped)
}

/// The one-character chunks of a label spread evenly down its span (分散对齐), as (line,
/// x0 bits): three or more at one x, evenly spaced (within 0.1 em), no other text at
/// that x between them. Their spacing need not be the line pitch, so they need not
/// stand on successive lines.
fn spread_characters(lines: &[Line], em: f64) -> Vec<(usize, u64)> {
    let mut singles: Vec<(usize, &Chunk)> = lines
        .iter()
        .enumerate()
        .flat_map(|(li, l)| l.chunks.iter().map(move |c| (li, c)))
        .filter(|(_, c)| c.ink_chars() == 1)
        .collect();
    singles.sort_by(|a, b| b.1.bbox.y1.total_cmp(&a.1.bbox.y1));
    let mut out = Vec::new();
    let mut used = vec![false; singles.len()];
    for i in 0..singles.len() {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        let Some((_, first)) = singles.get(i) else {
            continue;
        };
        let mut run = vec![i];
        let mut step: Option<f64> = None;
        for (j, (_, c)) in singles.iter().enumerate().skip(i + 1) {
            let Some((_, last)) = run.last().and_then(|k| singles.get(*k)) else {
                break;
            };
            if (c.bbox.cx() - first.bbox.cx()).abs() > 0.25 * em {
                continue;
            }
            let s = last.bbox.y1 - c.bbox.y1;
            if step.is_some_and(|t| (s - t).abs() > 0.1 * em) {
                break;
            }
            // Other text at that x between them ends the run.
            let between = lines.iter().flat_map(|l| &l.chunks).any(|o| {
                o.ink_chars() > 1
                    && o.bbox.x0 < last.bbox.cx()
                    && o.bbox.x1 > last.bbox.cx()
                    && o.bbox.y1 < last.bbox.y0 + 0.1 * em
                    && o.bbox.y0 > c.bbox.y1 - 0.1 * em
            });
            if between {
                break;
            }
            step = Some(s);
            run.push(j);
        }
        if run.len() >= 3 {
            for k in run {
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
                if let Some((li, c)) = singles.get(k) {
                    out.push((*li, c.bbox.x0.to_bits()));
                }
            }
        }
    }
    out
}

/// Whether one of `boxes` lies wholly in the band between line `li` and the line above.
fn holds_whole(lines: &[Line], li: usize, boxes: &[Rect]) -> bool {
    match (li.checked_sub(1).and_then(|i| lines.get(i)), lines.get(li)) {
        (Some(above), Some(line)) => boxes
            .iter()
            .any(|b| b.y1 <= above.bbox.y0 && b.y0 >= line.bbox.y1),
        _ => false,
    }
}

/// Whether line `li` opens a band of the page clear of text for more than `row_gap`
/// above it: rows are padded apart, and the line starts a row. A table whose cells
/// are top-aligned with a padding of half a line pitch top and bottom (Word's and
/// WPS's tables without borders: 3 pt on a 12 pt pitch) sets every column's row gaps
/// on the lattice of wrapped lines, as a table without padding does that centres its
/// shorter cells (fpdf2); there a wide gap in a column opens below the text of a
/// taller cell beside it (rows are no further apart than lines), never below a clear
/// band.
fn opens_clear_band(lines: &[Line], li: usize, row_gap: f64) -> bool {
    match (li.checked_sub(1).and_then(|i| lines.get(i)), lines.get(li)) {
        (Some(above), Some(line)) => above.bbox.y0 - line.bbox.y1 > row_gap,
        _ => false,
    }
}

/// Whether `lines` may be one tall row whose cells are top-aligned (a task row filling a
/// page of a restarted task table): every column holding text starts on the first line.
/// Rows set as far apart as wrapped lines (see [`rows_set_as_lines`]) centre their
/// shorter cells, which shows as gaps of the line spacing plus half pitches; where no
/// such gap is seen and every cell starts at the top, nothing shows rows of lines, and
/// reading them so would cut the row after its first line. A header row (of the task or
/// the indicator table) is a row of its own, though: below it a table part at a page's
/// foot may hold a single row of one-line cells (rows a line apart, the header glued
/// into it: `三级指标新增公办幼儿园学位`).
fn one_top_aligned_row(lines: &[Line], seps: &[f64], p: &Params) -> bool {
    let Some(first) = lines.first() else {
        return false;
    };
    let texts: Vec<&str> = first.chunks.iter().map(|c| c.text.as_str()).collect();
    if crate::sections::is_indicator_header(&texts) || is_task_table_header(&texts) {
        return false;
    }
    let top = first.bbox.y1;
    let ncols = seps.len() + 1;
    let mut first_top: Vec<Option<f64>> = vec![None; ncols];
    for c in lines.iter().flat_map(|l| &l.chunks) {
        if let Some(t @ None) = first_top.get_mut(col_of(seps, c.bbox.x0).min(ncols - 1)) {
            *t = Some(c.bbox.y1);
        }
    }
    let tops: Vec<f64> = first_top.into_iter().flatten().collect();
    tops.len() >= 2 && tops.iter().all(|t| top - t <= 0.3 * p.em)
}

/// How much less than a CJK character (ems) a line may end short of its column's longest
/// line and still have been filled (glyph boxes are exact to a few hundredths of a point).
const FILL_SLACK_EMS: f64 = 0.02;

/// Where a table's rows are set as far apart as its cells' wrapped lines, the right
/// edge each column's text fills: the end of its longest lines (lines running across
/// the next separator left out). A producer wraps a line only where the next character
/// does not fit, so a line ending short of every edge from its column on ends its cell.
struct FillEdges {
    edges: Vec<f64>,
    /// Where each column's text starts (its leftmost start).
    starts: Vec<f64>,
    /// A filled line ends less than a (CJK) character short of the edge: the next one
    /// did not fit. (A line a whole character short does not fill it.) The edge is the
    /// longest line's end, which may fall a fraction of a point short of where the
    /// cell's room ends (a line ending in a digit): only glyph-box noise is allowed for,
    /// [`FILL_SLACK_EMS`].
    tolerance: f64,
}

impl FillEdges {
    /// `top_aligned`: the table's cells are top-aligned (see [`top_aligned`]), where a
    /// line's last text running over the separator into empty columns is a merged cell.
    fn of(
        lines: &[Line],
        seps: &[f64],
        row_gap: f64,
        p: &Params,
        top_aligned: bool,
    ) -> Option<FillEdges> {
        if !rows_set_as_lines(lines, seps, row_gap, p) {
            return None;
        }
        let ncols = seps.len() + 1;
        let col = |c: &Chunk| col_of(seps, c.bbox.x0).min(ncols - 1);
        // Text of a column starts at its cell's left edge: the next column's leftmost
        // start bounds a column's lines (a long one may cross the separator found).
        let mut starts = vec![f64::INFINITY; ncols];
        for c in lines.iter().flat_map(|l| &l.chunks) {
            if let Some(s) = starts.get_mut(col(c)) {
                *s = s.min(c.bbox.x0);
            }
        }
        let mut edges = vec![f64::NEG_INFINITY; ncols];
        for line in lines {
            for (i, c) in line.chunks.iter().enumerate() {
                let k = col(c);
                let limit = starts.get(k + 1).copied().unwrap_or(f64::INFINITY);
                // A line's last text running over the separator into empty columns is
                // a cell merged across them (部门名称's value over the budget's
                // columns), though it may stop short of the next column's text: its
                // width is no column's. (Not where cells are centred: fpdf2's level-3
                // names stand alone on their lines, over separators the header set.)
                let merged = top_aligned
                    && i + 1 == line.chunks.len()
                    && seps.get(k).is_some_and(|s| c.bbox.x1 > *s);
                if let (true, false, Some(e)) = (c.bbox.x1 <= limit, merged, edges.get_mut(k)) {
                    *e = e.max(c.bbox.x1);
                }
            }
        }
        Some(FillEdges {
            edges,
            starts,
            tolerance: (1.0 - FILL_SLACK_EMS) * p.em,
        })
    }

    /// Whether block `b` may go on in line `li` with chunk `next`: its last line fills
    /// its cell (a merged cell's text runs to the edge of a column further right) but
    /// for the room `next`'s leading Latin word needed (words wrap whole).
    fn goes_on(&self, b: &Block, li: usize, next: &Chunk) -> bool {
        let Some((last, x1)) = b.last_line_end() else {
            return true;
        };
        let text = b.text(false);
        if last == li || opens_list_item(&text) {
            return true;
        }
        if starts_a_list(&text, &next.text)
            || amount_after_words(&text, &next.text)
            || two_amounts(&line_text(b, last), &next.text)
        {
            return false;
        }
        let n = next.text.chars().count().max(1);
        let word = next
            .text
            .chars()
            .take_while(|c| c.is_ascii_graphic())
            .count();
        // A line may not start with closing punctuation: where it did not fit, the
        // character before it came down with it, a character's room left above.
        let carried = usize::from(closing_follows_first(&next.text));
        let room = self.tolerance + next.bbox.width() * (word + carried) as f64 / n as f64;
        // The edge is that of the column the line ends in: a merged cell's line running
        // past its first column's edge into the next one's text ends short of that
        // column's edge and fills nothing (某县农业技术推广中心 merged over two columns, a
        // label/value row above another one: the two values were glued, and the rows).
        self.edges.iter().enumerate().skip(b.col).any(|(k, e)| {
            let next = self.starts.get(k + 1).copied().unwrap_or(f64::INFINITY);
            e.is_finite() && x1 >= e - room && x1 <= next
        })
    }
}

/// Whether `text`'s second character is punctuation no line may start with (，。、 and
/// closing brackets and quotes) after a first that may: a producer breaking lines by
/// those rules (Chromium, LibreOffice) moves that first character down with it when the
/// punctuation does not fit, so the line above ends a character short of its room.
/// (Not a list item's number, `一、`, which may open a fresh cell.)
fn closing_follows_first(text: &str) -> bool {
    let closing = |c: char| "，。、；：！？）》」』】〉”’,.;:!?)".contains(c);
    let item = |a: char, b: char| b == '、' && "一二三四五六七八九十".contains(a);
    let mut cs = text.trim_start().chars();
    matches!((cs.next(), cs.next()),
        (Some(a), Some(b)) if !closing(a) && !a.is_ascii() && closing(b) && !item(a, b))
}

/// Whether `next`, a bare number (an amount: digits and separators only), follows
/// `text` ending in words (an ideograph or a closing bracket, `预算金额（万元）`; not a
/// full-width amount's separator, `１４７，９７９．` / `１３`): a
/// number never wraps off the words of its own cell whole (a target's number follows
/// its comparison sign or comes with its unit), so it opens the next row's cell in an
/// amount column, whose header or row above may fill its line exactly.
fn amount_after_words(text: &str, next: &str) -> bool {
    let next = next.trim();
    let digit = crate::value::is_digit_any;
    // (Ending in a digit: `2.` opens a list item.)
    let bare = next.chars().last().is_some_and(digit)
        && next.chars().all(|c| digit(c) || ",.，．".contains(c));
    let words = text.trim_end().chars().last().is_some_and(|c| {
        matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) || "）)】]".contains(c)
    });
    bare && words
}

/// Whether `line` and `next` are whole values that do not join into one (`1,180.00` over
/// `60.00`, `100%` over `≥90%`): one number wrapped over two lines reads whole when
/// joined (`１４７，９７９．` over `１３`), so two that do not are two cells' values, one a
/// row (an amount or target column whose values are about as long as its longest, so
/// each line seems to fill it, a value's width being the room a Latin word needs to
/// wrap whole). A value is a number, maybe after a comparison sign and before a percent
/// sign.
fn two_amounts(line: &str, next: &str) -> bool {
    // (sign or percent present, the number's ASCII digits and separators)
    let value = |t: &str| -> Option<(bool, String)> {
        let t = t.trim();
        let body = t.trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜', '＝']);
        let signed = body.len() != t.len();
        let num = body.trim_end_matches(['%', '％', '‰']);
        let marked = signed || num.len() != body.len();
        let digits: Option<String> = num
            .chars()
            .map(|c| match c {
                '0'..='9' | ',' | '.' => Some(c),
                '，' => Some(','),
                '．' => Some('.'),
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                _ => None,
            })
            .collect();
        // (A number ending in its point is a list item's, `2.`, or a wrapped amount's
        // start.)
        digits
            .filter(|d| one_number(d) && !d.ends_with('.'))
            .map(|d| (marked, d))
    };
    let (Some((ma, a)), Some((mb, b))) = (value(line), value(next)) else {
        return false;
    };
    ma || mb || !one_number(&format!("{a}{b}"))
}

/// Whether `t` (ASCII digits and separators) is one number: digits, or thousands groups
/// of three after a first of one to three, then at most one decimal point and digits.
fn one_number(t: &str) -> bool {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let groups: Vec<&str> = int.split(',').collect();
    let int_ok = match groups.split_first() {
        Some((first, [])) => !first.is_empty() && first.chars().all(|c| c.is_ascii_digit()),
        Some((first, rest)) => {
            (1..=3).contains(&first.len())
                && first.chars().all(|c| c.is_ascii_digit())
                && rest
                    .iter()
                    .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
        }
        None => false,
    };
    int_ok && frac.chars().all(|c| c.is_ascii_digit())
}

/// Whether a cell's text so far ends with a list number (`1.`, `…。2.`): an item's
/// number never ends a cell, its text follows. fpdf2 breaks lines at spaces only and
/// sets a run of CJK text without one as one word, so where the source has a space after
/// the number (`1. 构建…`) the number ends a short line when the run after it does not
/// fit (or stands alone on one, `.` after a line ending `…。2`).
fn opens_list_item(t: &str) -> bool {
    let Some(body) = t.trim_end().strip_suffix(['.', '．', '、']) else {
        return false;
    };
    let digits = body.chars().rev().take_while(char::is_ascii_digit).count();
    let before = body.chars().rev().nth(digits);
    (1..=2).contains(&digits)
        && before.is_none_or(|c| c.is_whitespace() || "。；;，,：:".contains(c))
}

/// Whether `next` opens a numbered list at its first item (`1.`) after `text` ended a
/// sentence: a fresh cell's list, as a list cut after an item goes on with the next
/// number. (A finished line may fill its column exactly, so the fill alone does not
/// tell it from a wrapped one.)
fn starts_a_list(text: &str, next: &str) -> bool {
    let finished = text.trim_end().ends_with(['。', '；', ';', '！', '？']);
    let rest = next.trim_start().strip_prefix('1');
    let first_item = rest
        .and_then(|r| r.strip_prefix(['.', '．', '、']))
        .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_digit()));
    finished && first_item
}

/// A row's cells are centred on it (fpdf2's default): a block whose centre is off the
/// centre of a block of another column lying within its height glues cells of
/// successive rows (each filling its column). It is split where its pieces are centred
/// like the blocks beside them; blocks without such a split are kept.
/// `rows_from`: the indicator table's level-3 column, where known (see
/// [`centred_beside`]).
fn split_off_centre(bl: Vec<Block>, em: f64, rows_from: Option<usize>) -> Vec<Block> {
    let tol = 0.3 * em;
    let last = bl.iter().map(|b| b.col).max().unwrap_or(0);
    let beside = |o: &Block, part: &Block| centred_beside(o, part, last, rows_from);
    let centred = |part: &Block, all: &[Block]| {
        all.iter().all(|o| {
            !beside(o, part)
                || o.bbox.y0 < part.bbox.y0 - tol
                || o.bbox.y1 > part.bbox.y1 + tol
                || (o.bbox.cy() - part.bbox.cy()).abs() <= tol
                || merged_over_level2_row(o, part, all, em)
        })
    };
    let mut out = Vec::with_capacity(bl.len());
    for b in &bl {
        let mut rest = b.clone();
        // (A label written one character per line, 竖排, is centred on its span, not on
        // the rows beside it: it stays whole.)
        while rest.lines >= 2 && !one_char_per_line(&rest) && !centred(&rest, &bl) {
            let lines: Vec<usize> = {
                let mut v: Vec<usize> = rest.parts.iter().map(|(l, _)| *l).collect();
                v.dedup();
                v
            };
            let pieces = |j: usize| {
                let cut = lines.get(j).copied().unwrap_or(usize::MAX);
                let (a, z): (Vec<_>, Vec<_>) =
                    rest.parts.iter().cloned().partition(|(l, _)| *l < cut);
                (part_block(rest.col, a), part_block(rest.col, z))
            };
            // A split leaving both pieces centred, else the first centred top piece; of
            // those, the first with most pieces centred on a block beside them (see
            // `anchors`).
            let split = (1..lines.len())
                .filter(|j| {
                    let above: String = lines
                        .iter()
                        .take(*j)
                        .map(|l| line_text(&rest, *l))
                        .collect();
                    let below = lines
                        .get(*j)
                        .map(|l| line_text(&rest, *l))
                        .unwrap_or_default();
                    !continues_cell(&above, &below)
                })
                .filter_map(|j| match pieces(j) {
                    (Some(a), Some(z)) if centred(&a, &bl) => {
                        let rank = (centred(&z, &bl), anchors(&a, &z, &bl, &beside, tol));
                        Some((rank, a, z))
                    }
                    _ => None,
                })
                .reduce(|best, next| if next.0 > best.0 { next } else { best });
            match split {
                Some((_, a, z)) => {
                    out.push(a);
                    rest = z;
                }
                None => break,
            }
        }
        out.push(rest);
    }
    out
}

/// The text `b` holds on line `li`.
fn line_text(b: &Block, li: usize) -> String {
    let mut out = String::new();
    for (_, c) in b.parts.iter().filter(|(l, _)| *l == li) {
        join_same_line(&mut out, &c.text, false);
    }
    out
}

/// Whether `t` opens a numbered list's item (`2.`, `3、`, `1）`): a list going on in its
/// cell, or (item 1) a fresh cell's list, which [`starts_a_list`] already parts.
fn opens_with_item(t: &str) -> bool {
    let t = t.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && t.chars()
            .nth(digits)
            .is_some_and(|c| ".．、）)".contains(c))
}

/// Rows set a line apart with their cells centred (fpdf2 without padding): two one-line
/// rows whose level-3 name and target each fill their line exactly read as one row of
/// two-line cells, and nothing in the geometry parts them (the level-2 label beside
/// them is centred on the pair either way). What does is the target: its line ending a
/// sentence exactly where the level-3 name beside it wraps, and the next line opening a
/// fresh sentence, not the list's next item. Every row cell of the indicator table
/// (columns from the level-3 column `level3` on) spanning that line break is cut there.
fn split_at_sentence_rows(bl: Vec<Block>, level3: usize) -> Vec<Block> {
    let lines_of = |b: &Block| {
        let mut v: Vec<usize> = b.parts.iter().map(|(l, _)| *l).collect();
        v.dedup();
        v
    };
    let on = |b: &Block, li: usize| b.parts.iter().any(|(l, _)| *l == li);
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for name in bl.iter().filter(|b| b.col == level3 && b.lines >= 2) {
        for w in lines_of(name).windows(2) {
            let (a, z) = match w {
                [a, z] => (*a, *z),
                _ => continue,
            };
            // (A name wrapping after a comma or an enumeration mark goes on.)
            if line_text(name, a)
                .trim_end()
                .ends_with(['，', ',', '、', '：', ':', '（', '('])
            {
                continue;
            }
            let targets: Vec<&Block> = bl
                .iter()
                .filter(|t| t.col > level3 && (on(t, a) || on(t, z)))
                .collect();
            let parts = !targets.is_empty()
                && targets.iter().all(|t| {
                    on(t, a)
                        && on(t, z)
                        && line_text(t, a)
                            .trim_end()
                            .ends_with(['。', '；', ';', '！', '？'])
                        && !opens_with_item(&line_text(t, z))
                });
            if parts {
                cuts.push((a, z));
            }
        }
    }
    if cuts.is_empty() {
        return bl;
    }
    let mut out = Vec::with_capacity(bl.len() + cuts.len());
    for b in bl {
        let own: Vec<usize> = cuts
            .iter()
            .filter(|(a, z)| b.col >= level3 && on(&b, *a) && on(&b, *z))
            .map(|(_, z)| *z)
            .collect();
        if own.is_empty() {
            out.push(b);
            continue;
        }
        out.extend(cut_block(b, &own));
    }
    out
}

/// Whether `o`, a name left of `part`, is a cell merged over `part`'s row and the row
/// right below or above it that holds only a level-2 name (a level name row of the form
/// set in a value column: the name cell left of it spans both rows, so its text is
/// centred on the two, off `part`'s centre). Such a name tells nothing of `part` gluing
/// two rows.
fn merged_over_level2_row(o: &Block, part: &Block, all: &[Block], em: f64) -> bool {
    let tol = 0.3 * em;
    if o.col >= part.col {
        return false;
    }
    all.iter().any(|n| {
        let below = n.bbox.y1 <= part.bbox.y0 + tol && part.bbox.y0 - n.bbox.y1 < em;
        let above = n.bbox.y0 >= part.bbox.y1 - tol && n.bbox.y0 - part.bbox.y1 < em;
        let alone = !all.iter().any(|x| {
            !std::ptr::eq(x, n)
                && !std::ptr::eq(x, o)
                && x.col >= o.col
                && x.bbox.y0 < n.bbox.y1 - tol
                && x.bbox.y1 > n.bbox.y0 + tol
        });
        let (y0, y1) = (part.bbox.y0.min(n.bbox.y0), part.bbox.y1.max(n.bbox.y1));
        n.col > o.col
            && (below || above)
            && alone
            && (o.bbox.cy() - (y0 + y1) / 2.0).abs() <= tol
            && crate::sections::is_level2_name(&n.text(false))
    })
}

/// The first and last line of a block.
fn line_range(b: &Block) -> (usize, usize) {
    let first = b.parts.first().map_or(0, |(l, _)| *l);
    let last = b.parts.last().map_or(first, |(l, _)| *l);
    (first, last)
}

/// Whether the cells of rows set as far apart as wrapped lines are top-aligned (Word's
/// default table: no top or bottom cell margin) rather than centred on their rows
/// (fpdf2): a cell of several lines has a cell of another column starting on its first
/// line (its row's other, shorter cells, or their labels) and none further down, where
/// a centred row starts its shorter cells further down, inside it. Counted per block of
/// two lines or more; a block with no shorter one starting beside it tells neither.
fn top_aligned(bl: &[Block]) -> bool {
    let (mut level, mut inside) = (0usize, 0usize);
    // (A label written one character per line is centred on its span either way, and
    // so says nothing, beside other cells or as one.)
    for b in bl.iter().filter(|b| b.lines >= 2 && !one_char_per_line(b)) {
        let (first, last) = line_range(b);
        // (Cells as tall as it start level with it either way: the indicator table's two
        // target columns often hold the same text.)
        let starts = bl
            .iter()
            .filter(|o| o.col != b.col && o.lines < b.lines && !one_char_per_line(o))
            .map(|o| line_range(o).0)
            .filter(|s| first <= *s && *s <= last);
        let (mut at_top, mut lower) = (false, false);
        for s in starts {
            at_top |= s == first;
            lower |= s > first;
        }
        // (Both: cells of two rows glued by the fill rule, rows of one line each whose
        // first cell filled its line, tell neither.)
        level += usize::from(at_top && !lower);
        inside += usize::from(lower && !at_top);
    }
    level > 0 && 3 * inside < level
}

/// Top-aligned rows set a line apart (see [`top_aligned`]): every cell starts on its
/// row's first line, so each line where a block starts opens a row, and a block crossing
/// such a line glues two rows' cells (its cell above filled its last line exactly, so
/// the fill rule let the next row's text go on it): it is cut there. Row-span labels run
/// across rows of their span and are left whole: the indicator table's columns left of
/// its level-3 column (`rows_from`), and elsewhere a column holding text in fewer than
/// half the rows it runs beside (a section label column, empty in the rows it heads).
fn split_at_row_starts(bl: Vec<Block>, rows_from: Option<usize>) -> Vec<Block> {
    // (A label written one character per line is set down the middle of its span: it
    // starts no row.)
    let mut starts: Vec<usize> = bl
        .iter()
        .filter(|b| !one_char_per_line(b))
        .map(|b| line_range(b).0)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let ncols = bl.iter().map(|b| b.col + 1).max().unwrap_or(0);
    let row_column: Vec<bool> = (0..ncols)
        .map(|c| match rows_from {
            Some(k) => c >= k,
            None => {
                let own: Vec<usize> = bl
                    .iter()
                    .filter(|b| b.col == c)
                    .map(|b| line_range(b).0)
                    .collect();
                let (lo, hi) = bl
                    .iter()
                    .filter(|b| b.col == c)
                    .map(line_range)
                    .fold((usize::MAX, 0), |(lo, hi), (f, l)| (lo.min(f), hi.max(l)));
                let rows = starts.iter().filter(|s| lo <= **s && **s <= hi).count();
                2 * own.len() >= rows
            }
        })
        .collect();
    // Spans nest: a label's span ends where a column left of it starts a cell (the
    // label column of an enclosing span, or a row outside the table part's spans).
    let starts_left_of = |c: usize| -> Vec<usize> {
        let mut v: Vec<usize> = bl
            .iter()
            .filter(|o| o.col < c && !one_char_per_line(o))
            .map(|o| line_range(o).0)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut out = Vec::with_capacity(bl.len());
    for b in bl.iter().cloned() {
        if b.lines < 2 {
            out.push(b);
            continue;
        }
        let (first, last) = line_range(&b);
        if one_char_per_line(&b) {
            out.extend(vertical_labels(b, &starts));
            continue;
        }
        let own = if row_column.get(b.col).copied().unwrap_or(false) {
            starts.clone()
        } else {
            starts_left_of(b.col)
        };
        let cuts: Vec<usize> = own
            .iter()
            .copied()
            .filter(|s| first < *s && *s <= last)
            .filter(|s| {
                let above: String = (first..*s).map(|l| line_text(&b, l)).collect();
                !continues_cell(&above, &line_text(&b, *s))
            })
            .collect();
        if cuts.is_empty() {
            out.push(b);
            continue;
        }
        out.extend(cut_block(b, &cuts));
    }
    out
}

/// Whether `below`, a line of a block, can only go on the cell whose text so far is
/// `above`: no cell starts with punctuation no line may start with (a closing bracket,
/// `，。、；：`), and a line closing a bracket `above` left open finishes it (`项目资金（万元` over `）`, `预算整体情况（خامچ` over `وت ئەھۋالى）`: a label
/// wrapped in a narrow column beside rows set a line apart, in a part of the table where
/// the label column starts cells as often as the rows do). A list item's number (`1）`)
/// opens a cell all the same.
fn continues_cell(above: &str, below: &str) -> bool {
    let below = below.trim_start();
    if below
        .chars()
        .next()
        .is_some_and(|c| "，。、；：！？）》」』】〉”’,.;:!?)".contains(c))
    {
        return true;
    }
    if opens_with_item(below) {
        return false;
    }
    let open = |t: &str| {
        t.chars().fold(0i32, |n, c| match c {
            '（' | '(' => n + 1,
            '）' | ')' => (n - 1).max(0),
            _ => n,
        })
    };
    let closes_first = below
        .chars()
        .find(|c| "（(）)".contains(*c))
        .is_some_and(|c| "）)".contains(c));
    open(above) > 0 && closes_first
}

/// A label written one character per line (竖排) in a table of top-aligned rows: rows
/// whose label is their tallest cell are as tall as it and their labels stand at their
/// tops, so labels of rows in turn run on a line apart, as one column of characters
/// (部门名称 over 联系人). Such a run is cut at the lines where rows start beside it,
/// where every piece then reads as one of the form's labels and the whole does not (a
/// label centred on its span may have its characters level with the rows beside it).
fn vertical_labels(b: Block, starts: &[usize]) -> Vec<Block> {
    let (first, last) = line_range(&b);
    let cuts: Vec<usize> = starts
        .iter()
        .copied()
        .filter(|s| first < *s && *s <= last && b.parts.iter().any(|(l, _)| l == s))
        .collect();
    if cuts.is_empty() || crate::sections::is_label(&b.text(false)) {
        return vec![b];
    }
    let col = b.col;
    let mut pieces: Vec<Vec<(usize, Chunk)>> = vec![Vec::new(); cuts.len() + 1];
    for (li, c) in b.parts.iter().cloned() {
        let k = cuts.iter().filter(|s| **s <= li).count();
        if let Some(p) = pieces.get_mut(k) {
            p.push((li, c));
        }
    }
    let pieces: Vec<Block> = pieces
        .into_iter()
        .filter_map(|p| part_block(col, p))
        .collect();
    if pieces.len() >= 2
        && pieces
            .iter()
            .all(|p| crate::sections::is_label(&p.text(false)))
    {
        pieces
    } else {
        vec![b]
    }
}

/// How many of the pieces `a` and `z` of a split block have a block `beside` them lying
/// within their height (`tol` of slack) to be centred on: a piece with none is centred
/// only for want of evidence (a target's first lines above the level-3 name of their
/// row, which runs below them), and the split that centres the pieces on what is
/// beside them is the row boundary.
fn anchors(
    a: &Block,
    z: &Block,
    all: &[Block],
    beside: &dyn Fn(&Block, &Block) -> bool,
    tol: f64,
) -> usize {
    [a, z]
        .iter()
        .filter(|part| {
            all.iter().any(|o| {
                beside(o, part)
                    && o.bbox.y0 >= part.bbox.y0 - tol
                    && o.bbox.y1 <= part.bbox.y1 + tol
            })
        })
        .count()
}

/// Whether block `o` is one [`split_off_centre`] centres `part` on: a block of the
/// columns right of it (beside the last column, the one left of it), as columns further
/// left hold row-span labels, centred on their spans, not on rows. Where the indicator
/// table's level-3 column `rows_from` is known, the columns from it on are all row cells:
/// a level-3 name is centred on its row's targets and they on it, so two rows whose
/// targets each fill their last line (glued in both target columns alike) part where the
/// level-3 names beside them centre.
fn centred_beside(o: &Block, part: &Block, last: usize, rows_from: Option<usize>) -> bool {
    match rows_from {
        Some(k) if part.col >= k => o.col >= k && o.col != part.col,
        _ => o.col > part.col || (part.col == last && o.col + 1 == last),
    }
}

/// `row_ends`: line indexes a row ends at whatever the gap below (layout text).
/// `level_names_from`: the indicator table's level-3 column, where known: from it on, a
/// chunk spelling a level-2 name of the framework in full is a cell of its own (a level
/// name merged over the value columns of a row of its own), never glued to the text of
/// the row above or below it; left of it, such a chunk is one label.
/// `filled`: the right edges cells fill before wrapping (see [`fill_edges`]), where
/// only a filled line goes on in the line below.
#[allow(clippy::too_many_arguments)]
fn blocks(
    lines: &[Line],
    seps: &[f64],
    row_gap: f64,
    row_ends: &[usize],
    level_names_from: Option<usize>,
    filled: Option<&FillEdges>,
    spread: &[(usize, u64)],
    merged_left: &[(usize, u64)],
) -> Vec<Block> {
    let ncols = seps.len() + 1;
    // A character of a label spread down its span (分散对齐, see [`spread_characters`])
    // never goes on as a line of several characters below it (其他需完成的任务（可选填）
    // under the last character of 年度重点工作任务, rows set a line apart).
    let spread_meets_wide = |b: &Block, c: &Chunk| {
        c.ink_chars() > 1
            && b.parts
                .last()
                .is_some_and(|(l, p)| spread.contains(&(*l, p.bbox.x0.to_bits())))
    };
    let mut open: Vec<Option<Block>> = vec![None; ncols];
    let mut done = Vec::new();
    // Left of the level-3 column too, each level-2 label is one cell: two labels of
    // one-row spans set a line apart (fpdf2 without cell padding, rows as far apart as
    // wrapped lines) are two labels, not one wrapped cell (质量指标 over 时效指标). So is
    // a level-1 name: the last one of the table, its span's top in a table whose rows
    // are a line apart, has the row after the table right under it (满意度指标 over the
    // contact row's 陈静, beside a 竖排 联系人 that starts no row).
    let level_name = |_col: usize, c: &Chunk| {
        level_names_from.is_some() && crate::sections::is_framework_name(&c.text)
    };
    for (li, line) in lines.iter().enumerate() {
        for c in &line.chunks {
            let mut col = col_of(seps, c.bbox.x0).min(ncols - 1);
            if merged_left.contains(&(li, c.bbox.x0.to_bits())) {
                col = col.saturating_sub(1);
            }
            // A centred cell's wrapped line is narrower than the line above it: it may
            // start right of a separator that line runs across (付资金 under
            // 拟用于对下转移支): centred under it and inside its extent, it goes on that
            // block where its own column has none to go on.
            let near_above = |b: &Block| {
                b.parts.last().is_some_and(|(l, _)| *l < li) && b.bbox.y0 - c.bbox.y1 <= row_gap
            };
            if let Some(prev) = col.checked_sub(1) {
                let own = open
                    .get(col)
                    .and_then(Option::as_ref)
                    .is_some_and(near_above);
                let centred_under = open.get(prev).and_then(Option::as_ref).is_some_and(|b| {
                    near_above(b)
                        && seps.get(prev).is_some_and(|s| b.bbox.x1 > *s)
                        && b.bbox.x0 < c.bbox.x0
                        && c.bbox.x1 < b.bbox.x1
                        && (b.bbox.cx() - c.bbox.cx()).abs() <= 0.5 * c.bbox.height()
                });
                if centred_under && !own {
                    col = prev;
                }
            }
            let lone = level_name(col, c);
            let Some(slot) = open.get_mut(col) else {
                continue;
            };
            match slot {
                Some(b)
                    if !lone
                        // (a level name is alone in its block)
                        && !b.parts.first().is_some_and(|(_, p)| level_name(col, p))
                        && b.bbox.y0 - c.bbox.y1 <= row_gap
                        && !b
                            .parts
                            .last()
                            .is_some_and(|(l, _)| row_ends.iter().any(|e| *l <= *e && *e < li))
                        && filled.is_none_or(|f| f.goes_on(b, li, c))
                        && !vertical_meets_wide(b, c)
                        && !spread_meets_wide(b, c) =>
                {
                    if b.parts.last().map(|(l, _)| *l) != Some(li) {
                        b.lines += 1;
                    }
                    b.parts.push((li, c.clone()));
                    b.bbox = b.bbox.union(&c.bbox);
                }
                _ => {
                    if let Some(b) = slot.take() {
                        done.push(b);
                    }
                    *slot = Some(Block {
                        col,
                        parts: vec![(li, c.clone())],
                        bbox: c.bbox,
                        lines: 1,
                    });
                }
            }
        }
    }
    done.extend(open.into_iter().flatten());
    done
}

/// Chunks (line index, start bits) of a row's last cell merged over the row's last
/// columns and centred across them (a renderer that spans a trailing empty cell): the
/// text lands right of the gap, off its column's centre, where the text form gives it
/// at the merged cell's first column. Only in a column whose other cells share one
/// centre (of different widths, so really centred), for a chunk last on its line that
/// starts left of all of them and sits left of their centre, the column before it empty
/// and no other text starting where it does.
fn centred_over_last_columns(lines: &[Line], seps: &[f64], em: f64) -> Vec<(usize, u64)> {
    let ncols = seps.len() + 1;
    let col = |c: &Chunk| col_of(seps, c.bbox.x0).min(ncols - 1);
    let within = |c: &Chunk| col_of(seps, c.bbox.x1).min(ncols - 1) == col(c);
    let mut out = Vec::new();
    for k in 1..ncols {
        let in_col: Vec<&Chunk> = lines
            .iter()
            .flat_map(|l| &l.chunks)
            .filter(|c| col(c) == k && within(c))
            .collect();
        if in_col.len() < 4 {
            continue;
        }
        let centre = median(in_col.iter().map(|c| c.bbox.cx()).collect());
        // The column before ends left of where a candidate starts: it sits in the gap.
        let prev_right = lines
            .iter()
            .flat_map(|l| &l.chunks)
            .filter(|c| col(c) == k - 1 && within(c))
            .map(|c| c.bbox.x1)
            .fold(f64::NEG_INFINITY, f64::max);
        let candidates: Vec<(usize, &Chunk)> = lines
            .iter()
            .enumerate()
            .filter_map(|(li, l)| {
                let last = l.chunks.last()?;
                // (A row's last cell: other cells stand left of it on its line.)
                (l.chunks.len() > 1
                    && col(last) == k
                    && within(last)
                    && last.bbox.cx() < centre - em
                    && last.bbox.x0 > prev_right
                    && !l.chunks.iter().any(|c| col(c) == k - 1))
                .then_some((li, last))
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let rest: Vec<&&Chunk> = in_col
            .iter()
            .filter(|c| !candidates.iter().any(|(_, d)| std::ptr::eq(**c, *d)))
            .collect();
        let widths = rest.iter().map(|c| c.bbox.width());
        let spread =
            widths.clone().fold(f64::NEG_INFINITY, f64::max) - widths.fold(f64::INFINITY, f64::min);
        // Every other cell of the column centred on one line, of different widths.
        if rest.len() < 3
            || spread < em
            || rest
                .iter()
                .any(|c| (c.bbox.cx() - centre).abs() > 0.05 * em)
        {
            continue;
        }
        let left = rest.iter().map(|c| c.bbox.x0).fold(f64::INFINITY, f64::min);
        // A left-aligned cell's wrapped last line starts where its lines above do: no
        // other text starts where a centred span's text does.
        let shares_start = |c: &Chunk| {
            lines.iter().flat_map(|l| &l.chunks).any(|o| {
                !candidates.iter().any(|(_, d)| std::ptr::eq(o, *d))
                    && (o.bbox.x0 - c.bbox.x0).abs() <= 0.05 * em
            })
        };
        out.extend(
            candidates
                .iter()
                .filter(|(_, c)| c.bbox.x0 < left && !shares_start(c))
                .map(|(li, c)| (*li, c.bbox.x0.to_bits())),
        );
    }
    out
}

/// The leftmost start and rightmost end of `lines`.
fn x_extent(lines: &[Line]) -> (f64, f64) {
    lines
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, z), l| {
            (a.min(l.bbox.x0), z.max(l.bbox.x1))
        })
}

/// In the indicator table, a cell merged across the columns from `k` to the table's
/// right edge (a level name over empty cells) is printed centred on them, so its text
/// starts in a later column: a short block alone on its lines in those columns, centred
/// on that span and not on its own column, goes to column `k` (returned: which moved).
/// `level3`: the level-3 column and its header's centre, where known (a centred column's
/// text centres there; the middle between separators may lie an em off it).
/// `continued`: the lines are the table's part at the top of a page it goes on to.
fn spanning_cells(
    bl: &mut [Block],
    seps: &[f64],
    lines: &[Line],
    em: f64,
    level3: Option<(usize, f64)>,
    continued: bool,
) -> Vec<bool> {
    let mut moved = vec![false; bl.len()];
    let (left, right) = x_extent(lines);
    let edge = |k: usize| {
        k.checked_sub(1)
            .map_or(left, |i| seps.get(i).copied().unwrap_or(right))
    };
    for i in 0..bl.len() {
        let Some(b) = bl.get(i) else {
            continue;
        };
        let (col, bbox) = (b.col, b.bbox);
        let cx = bbox.cx();
        let own = (edge(col) + edge(col + 1)) / 2.0;
        // A level name ends no sentence: a line ending one is the rest of a target
        // (cut by the page end, say), centred or not.
        let sentence_end = b
            .text(false)
            .trim_end()
            .ends_with(['。', '；', ';', '.', '！', '？']);
        // A level-2 name of the framework centred on its own column may be centred on
        // the span from the level-2 column as well (the two centres an em apart): a
        // level name over empty cells, not a level-3 name.
        // The rest of a wrapped level-3 name alone at a page's top is centred on the
        // header, not always on the separators' middle.
        let header = level3.and_then(|(k, x)| (k == col).then_some(x));
        let near = |x: f64| (cx - x).abs() <= 0.5 * em;
        let own_centred = (near(own) || header.is_some_and(near))
            && !crate::sections::is_level2_name(&b.text(false));
        if b.lines > 2 || col == 0 || sentence_end || own_centred || left_aligned_rest(bl, i, em) {
            continue;
        }
        let alone_from = |k: usize| {
            bl.iter()
                .enumerate()
                .all(|(j, o)| j == i || o.col < k || o.bbox.y0 >= bbox.y1 || o.bbox.y1 <= bbox.y0)
        };
        // On a page the table goes on to, the block on its first line may be the rest
        // of a wrapped level-3 name cut by the page break, set flush left: off its
        // column's centre, but further off the centre of the columns from the first to
        // the table's edge. A span takes it only where it centres it better than its
        // own column (or the level-3 header) does.
        let rest_at_top = continued && b.parts.first().is_some_and(|(l, _)| *l == 0);
        // Such a rest set flush left where another wrapped cell of its column starts
        // its lines (a long name justified: its last line flush left too) is that
        // column's text, however near a span's centre it falls (转移转化 over a
        // 质量指标 merged across the columns right of it: synth-942).
        let flush_in_own = rest_at_top
            && !crate::sections::is_level2_name(&b.text(false))
            && bl.iter().enumerate().any(|(j, o)| {
                j != i
                    && o.col == col
                    && o.lines >= 2
                    && o.parts
                        .first()
                        .is_some_and(|(_, c)| (c.bbox.x0 - bbox.x0).abs() <= 0.2 * em)
            });
        if flush_in_own {
            continue;
        }
        let own_off = if rest_at_top {
            header
                .map_or(f64::INFINITY, |x| (cx - x).abs())
                .min((cx - own).abs())
        } else {
            f64::INFINITY
        };
        // The table's left edge is where its first column's text starts: on a page
        // the table goes on to, its first columns may hold nothing (the level-1 and
        // section labels printed on the page before), and the page's leftmost text
        // (a level-2 label) is no edge of a span from the first column.
        let first_col_text = bl.iter().any(|o| o.col == 0);
        // A level name's merged cell starts in its own level's column at the farthest
        // left (level 2 left of level 3, level 1 left of that): a level-2 label centred
        // between its two one-line rows, level with neither, is alone on its lines too,
        // and may fall near the centre of the whole table (from the section label's
        // column).
        let text = b.text(false);
        let lowest = match level3 {
            // (成本指标, level 1 in some templates, as a level-1 name.)
            Some((k, _))
                if crate::sections::is_level2_name(text.trim())
                    && !crate::sections::is_level1(text.trim()) =>
            {
                k.saturating_sub(1)
            }
            Some((k, _)) if crate::sections::is_framework_name(text.trim()) => k.saturating_sub(2),
            _ => 0,
        };
        let start = (lowest..col)
            .filter(|k| *k > 0 || first_col_text)
            // The text's right edge may fall short of the table's: an em of slack.
            .filter(|k| {
                let off = (cx - (edge(*k) + right) / 2.0).abs();
                off <= 1.5 * em && off < own_off
            })
            .find(|k| alone_from(*k));
        if let (Some(k), Some(b)) = (start, bl.get_mut(i)) {
            b.col = k;
            if let Some(m) = moved.get_mut(i) {
                *m = true;
            }
        }
    }
    moved
}

/// Whether block `i`, one line, is the last line of a wrapped cell set flush left in its
/// column (a cell cut by a page break leaves it alone at the next page's top): it
/// starts where the column's other text starts at the farthest left, but is not centred
/// where that text is, as a level name merged over the columns to the right would be
/// (a level-2 name of the framework may be centred on both; it is never this).
fn left_aligned_rest(bl: &[Block], i: usize, em: f64) -> bool {
    let Some(b) = bl.get(i) else {
        return false;
    };
    let (lo, hi) = bl
        .iter()
        .enumerate()
        .filter(|(j, o)| *j != i && o.col == b.col)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, o)| {
            (lo.min(o.bbox.x0), hi.max(o.bbox.x1))
        });
    b.lines == 1
        && lo.is_finite()
        && (b.bbox.x0 - lo).abs() <= EDGE_SNAP_EMS * em
        && b.bbox.cx() < (lo + hi) / 2.0 - 0.5 * em
        && !crate::sections::is_level2_name(&b.text(false))
}

/// A run of one-character blocks (indexes) read as one spread label, with the 竖排
/// block whose first character ends it (its index and that character's block).
type SpreadRun = (Vec<usize>, Option<(usize, Block)>);

/// Labels written one character per line and spread evenly down their spans (分散对齐):
/// their characters stand further apart than lines, so each is a block of its own. A
/// run of three or more one-character blocks down one column, centred on one x, each the
/// same distance below the one before and no other block of the column between them,
/// is one label where the run reads as one of the form's labels (预算整体情况,
/// 绩效指标); a column of one-character values (是 / 否) never reads so. The run's last
/// character may have joined a 竖排 label set a line below it (况 over 总体绩效目标,
/// where rows are a line apart and the spread is not the line pitch): it is taken back
/// where the run then reads as a label.
fn spread_labels(bl: Vec<Block>, em: f64) -> Vec<Block> {
    let single =
        |b: &Block| b.lines == 1 && b.parts.iter().map(|(_, c)| c.ink_chars()).sum::<usize>() == 1;
    let ncols = bl.iter().map(|b| b.col + 1).max().unwrap_or(0);
    let mut runs: Vec<SpreadRun> = Vec::new();
    for col in 0..ncols {
        let mut idx: Vec<usize> = (0..bl.len())
            .filter(|i| bl.get(*i).is_some_and(|b| b.col == col))
            .collect();
        idx.sort_by(|a, b| {
            let top = |i: &usize| bl.get(*i).map_or(0.0, |x| x.bbox.y1);
            top(b).total_cmp(&top(a))
        });
        let mut k = 0;
        while k < idx.len() {
            let mut run: Vec<usize> = Vec::new();
            let mut step: Option<f64> = None;
            // A 竖排 block right below the run whose first character lies at the run's
            // step: the next label, written a line apart, joined the run's last
            // character to its own (况 of 预算整体情况 a line above 总 of 总体绩效目标).
            let mut tail: Option<(usize, Block)> = None;
            for i in idx.iter().skip(k).copied() {
                let Some(b) = bl.get(i) else {
                    break;
                };
                let head = if single(b) {
                    b.clone()
                } else if one_char_per_line(b) && run.len() >= 2 {
                    let (first, _) = line_range(b);
                    let parts = b.parts.iter().filter(|(l, _)| *l == first).cloned();
                    match part_block(b.col, parts.collect()) {
                        Some(h) => h,
                        None => break,
                    }
                } else {
                    break;
                };
                if let Some(a) = run.last().and_then(|j| bl.get(*j)) {
                    let s = a.bbox.y1 - head.bbox.y1;
                    let same_x = (a.bbox.cx() - head.bbox.cx()).abs() <= 0.25 * em;
                    if !same_x || step.is_some_and(|t| (s - t).abs() > 0.1 * em) {
                        break;
                    }
                    step = Some(s);
                }
                if !single(b) {
                    tail = Some((i, head));
                    break;
                }
                run.push(i);
            }
            let text: String = run
                .iter()
                .filter_map(|i| bl.get(*i))
                .map(|b| b.text(false))
                .collect();
            let with_tail = tail
                .as_ref()
                .map(|(_, h)| format!("{text}{}", h.text(false)))
                .filter(|t| crate::sections::is_label(t));
            if let (Some(_), Some((i, h))) = (with_tail, tail) {
                k += run.len();
                runs.push((run, Some((i, h))));
            } else if run.len() >= 3 && crate::sections::is_label(&text) {
                k += run.len();
                runs.push((run, None));
            } else {
                k += 1;
            }
        }
    }
    if runs.is_empty() {
        return bl;
    }
    let mut taken = vec![false; bl.len()];
    let mut out: Vec<Block> = Vec::with_capacity(bl.len());
    for (run, tail) in &runs {
        let mut merged: Option<Block> = None;
        let heads = run
            .iter()
            .filter_map(|i| bl.get(*i).map(|b| (*i, b.clone())))
            .chain(tail.iter().cloned());
        for (i, b) in heads {
            if let Some(t) = taken.get_mut(i) {
                *t = true;
            }
            match merged.as_mut() {
                Some(m) => {
                    m.parts.extend(b.parts.iter().cloned());
                    m.bbox = m.bbox.union(&b.bbox);
                    m.lines += 1;
                }
                None => merged = Some(b),
            }
        }
        out.extend(merged);
        // The rest of the block whose first character went to the run.
        if let Some((i, _)) = tail {
            if let Some(b) = bl.get(*i) {
                let (first, _) = line_range(b);
                let rest = b.parts.iter().filter(|(l, _)| *l != first).cloned();
                out.extend(part_block(b.col, rest.collect()));
            }
        }
    }
    out.extend(
        bl.into_iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(b, _)| b),
    );
    out
}

/// Whether `c` would go on a label written one character per line (竖排) as a line of
/// several characters: it never does (a cell merged across the row below the label, its
/// text starting in the label column, 其他需完成的任务（可选填）).
fn vertical_meets_wide(b: &Block, c: &Chunk) -> bool {
    one_char_per_line(b) && c.ink_chars() > 1
}

/// Whether every line of `b` holds one character (a label written top to bottom, 竖排).
fn one_char_per_line(b: &Block) -> bool {
    let mut per_line: Vec<(usize, usize)> = Vec::new();
    for (li, c) in &b.parts {
        let n = c.ink_chars();
        match per_line.last_mut() {
            Some((l, k)) if l == li => *k += n,
            _ => per_line.push((*li, n)),
        }
    }
    per_line.len() >= 2 && per_line.iter().all(|(_, k)| *k == 1)
}

/// A block is a row-span label when, somewhere inside it, two other columns have a clean
/// gap between blocks and no other column has text: it sits across a row boundary.
fn is_label(b: &Block, all: &[Block]) -> bool {
    // A cell of more lines is content, but for a label written one character per line
    // (竖排), as tall as its span.
    if b.lines > 3 && !one_char_per_line(b) {
        return false;
    }
    let mut ys: Vec<f64> = Vec::new();
    for col_blocks in all.iter().filter(|o| o.col != b.col) {
        // Gap midpoints below each block of other columns.
        let below = all
            .iter()
            .filter(|o| o.col == col_blocks.col && o.bbox.y1 < col_blocks.bbox.y0)
            .map(|o| o.bbox.y1)
            .fold(f64::NEG_INFINITY, f64::max);
        if below.is_finite() {
            ys.push((col_blocks.bbox.y0 + below) / 2.0);
        }
    }
    ys.into_iter()
        .filter(|y| *y > b.bbox.y0 && *y < b.bbox.y1)
        .any(|y| {
            let covered = all
                .iter()
                .any(|o| o.col != b.col && o.bbox.y0 <= y && y <= o.bbox.y1);
            if covered {
                return false;
            }
            let mut cols: Vec<usize> = all
                .iter()
                .filter(|o| o.col != b.col && o.bbox.y1 < y)
                .map(|o| o.col)
                .filter(|c| all.iter().any(|o| o.col == *c && o.bbox.y0 > y))
                .collect();
            cols.sort_unstable();
            cols.dedup();
            cols.len() >= 2
        })
}

/// Move the label `cell` in column `c` from row `from` up to row `to`, the first of its
/// span. A label that stood alone between rows takes its place in the row it heads.
fn move_label(rows: &mut [TRow], from: usize, to: usize, c: usize, cell: TCell) {
    if let Some(slot) = rows.get_mut(from).and_then(|row| row.cells.get_mut(c)) {
        slot.text.clear();
    }
    let was_alone = rows
        .get(from)
        .is_some_and(|row| row.cells.iter().all(|x| x.text.is_empty()));
    if let Some(row) = rows.get_mut(to) {
        if was_alone {
            row.bbox = row.bbox.union(&cell.bbox);
        }
        if let Some(slot) = row.cells.get_mut(c) {
            *slot = cell;
        }
    }
}

/// Lines → table rows with columns from alignment.
/// A row-span label is drawn centred over its rows; the text convention (and the form
/// reader) wants it in the first one. A cell whose column is empty in the rows around
/// it, and which sits at the middle of those rows, moves up to the first of them.
/// A label lifted before claims the rows its centre mirrors (its span): the next label
/// in that column spans rows below them only.
/// `page_top`: the table goes on from the page before, so its first row may be the rest
/// of a row cut by the page break; a cell centred clearly better on the rows after it
/// belongs to them (a task name centred in its own tall row is not that row's label).
fn lift_span_labels(rows: &mut [TRow], page_top: bool) {
    let empty = |rows: &[TRow], r: usize, c: usize| {
        rows.get(r)
            .and_then(|row| row.cells.get(c))
            .is_some_and(|cell| cell.text.is_empty())
    };
    // Per column, the first row not claimed by a label lifted above it.
    let mut free_from: Vec<usize> = Vec::new();
    for r in 0..rows.len() {
        let ncols = rows.get(r).map_or(0, |row| row.cells.len());
        for c in 0..ncols {
            if empty(rows, r, c) {
                continue;
            }
            let floor = free_from.get(c).copied().unwrap_or(0);
            // A label heads rows with text right of it: a row with none there (a level
            // name alone, merged over the columns to its right) is no part of its span.
            let spans = |k: usize| {
                empty(rows, k, c)
                    && rows
                        .get(k)
                        .is_some_and(|row| row.cells.iter().skip(c + 1).any(|x| !x.text.is_empty()))
                    && !rows.get(k).is_some_and(section_label_row)
                    && !rows.get(k).is_some_and(unit_note_row)
            };
            let mut up = r;
            while up > floor && spans(up - 1) {
                up -= 1;
            }
            let mut down = r;
            while down + 1 < rows.len() && spans(down + 1) {
                down += 1;
            }
            // Labels are short and have span rows on both sides.
            let short = rows
                .get(r)
                .and_then(|row| row.cells.get(c))
                .is_some_and(|cell| cell.text.chars().count() <= 16);
            // Row spans nest: the columns left of a label's span are merged over it as
            // well, so each holds one text there at most. Rows that have their own
            // labels on the left (联系人 below 部门名称) are no span of a cell between
            // them (a contact's name beside merged value cells above and below).
            let own_left = (0..c).any(|l| {
                (up..=down)
                    .filter(|k| {
                        rows.get(*k)
                            .and_then(|row| row.cells.get(l))
                            .is_some_and(|cell| !cell.text.is_empty())
                    })
                    .count()
                    >= 2
            });
            // At the table's end on the page, a label may have span rows above it only:
            // its span goes on over the page end and it is centred on the part printed
            // here (a task table cut below its first task). It then stands well below its
            // row's top (more than its own height): a cell at the top of its row is that
            // row's own (a task name in a row the page end cuts).
            let at_end = down + 1 == rows.len()
                && rows
                    .get(r)
                    .zip(rows.get(r).and_then(|row| row.cells.get(c)))
                    .is_some_and(|(row, cell)| row.bbox.y1 - cell.bbox.y1 > cell.bbox.height());
            if up == r && heads_rows_below(rows, r, c) {
                // (Nothing later in the column lifts into the rows it heads.)
                if free_from.len() <= c {
                    free_from.resize(c + 1, 0);
                }
                free_from[c] = down + 1;
            }
            if up == r || !short || own_left {
                continue;
            }
            if centred_in_own_row(rows, r, c, up, down) {
                continue;
            }
            // A label alone on its lines is no row of its own: its rows are above it (a
            // label turned a quarter turn, taller than the top-aligned one-line cell of
            // the row it is centred in, lies wholly below that line: 其他需完成的任务).
            let alone = rows
                .get(r)
                .is_some_and(|row| others_extent(row, c).is_none());
            // A label in the last row of its span (the table or the page part ends
            // below it: a header row over one tall row; or the next label's rows follow:
            // 总体目标 centred over a heading row and the tall row under it) has no span
            // row below; it heads the rows above only where it centres on them with its
            // own row clearly (a quarter of its height) worse: a cell centred in its own
            // row stays, and so does one on its row's first line (a row split by the page
            // end, or any row of a producer that sets cells top-aligned, has its cells'
            // first lines level). At the end the row is the page part's last, cut where
            // its first line may stand anywhere: a cell there well below the row's top
            // is centred lower. Inside the table a centred cell's top is level with its
            // tall row's first line only by chance: a top-aligned cell's is, exactly.
            // Inside the table its span starts at the row above that centres it best.
            if down == r {
                let (Some(row), Some(cell)) =
                    (rows.get(r), rows.get(r).and_then(|row| row.cells.get(c)))
                else {
                    continue;
                };
                let first_line = if alone {
                    false
                } else if at_end {
                    row.bbox.y1 - cell.bbox.y1 < 0.5 * cell.bbox.height()
                } else {
                    others_extent(row, c).is_none_or(|o| {
                        (o.y1 - cell.bbox.y1).abs() <= TOP_LEVEL_SHARE * cell.bbox.height()
                    })
                };
                if first_line {
                    continue;
                }
                let off_from = |a: usize| match a == r && alone {
                    true => f64::INFINITY,
                    false => off_middle(rows, cell.bbox.cy(), a, r),
                };
                if !at_end {
                    if let Some(a) = (up..r).min_by(|p, q| off_from(*p).total_cmp(&off_from(*q))) {
                        up = a;
                    }
                }
                if off_from(up) + 0.25 * cell.bbox.height() >= off_from(r) {
                    continue;
                }
            }
            if page_top && up == 0 {
                let Some(cell) = rows.get(r).and_then(|row| row.cells.get(c)) else {
                    continue;
                };
                let off_from = |a: usize| match a == down && alone {
                    true => f64::INFINITY,
                    false => off_middle(rows, cell.bbox.cy(), a, down),
                };
                // By a quarter of the cell's height: clearly, not by rounding.
                if off_from(1) + 0.25 * cell.bbox.height() < off_from(0) {
                    up = 1;
                }
                if up == r {
                    continue;
                }
            }
            let Some(cell) = rows.get(r).and_then(|row| row.cells.get(c)).cloned() else {
                continue;
            };
            // The span's last row: the one below the label that centres it best from
            // `up`. The empty rows below may head the next label's rows (a heading row
            // over the tall row beside which that label is centred).
            let span_off = |e: usize| off_middle(rows, cell.bbox.cy(), up, e);
            // Only a label taller than its own row's text (by half of it, reaching
            // above and below it) certainly spans rows: one no taller than its row's
            // text is as well centred on the rows either side of its own.
            let overflows = rows
                .get(r)
                .and_then(|row| others_extent(row, c))
                .is_some_and(|o| {
                    cell.bbox.y1 > o.y1
                        && cell.bbox.y0 < o.y0
                        && cell.bbox.height() > 1.5 * o.height()
                });
            let end = if overflows {
                (r + 1..=down)
                    .min_by(|p, q| span_off(*p).total_cmp(&span_off(*q)))
                    .unwrap_or(down)
            } else {
                down
            };
            let (Some(top), Some(bottom)) = (
                rows.get(up).map(|x| x.bbox.y1),
                rows.get(end).map(|x| x.bbox.y0),
            ) else {
                continue;
            };
            if (cell.bbox.cy() - (top + bottom) / 2.0).abs() > 0.15 * (top - bottom) {
                continue;
            }
            // The span ends where the label's centre mirrors its top.
            let span_bottom = 2.0 * cell.bbox.cy() - top;
            let claimed = (up..=down)
                .take_while(|&k| rows.get(k).is_some_and(|x| x.bbox.cy() >= span_bottom))
                .last()
                .unwrap_or(r);
            if free_from.len() <= c {
                free_from.resize(c + 1, 0);
            }
            free_from[c] = claimed + 1;
            move_label(rows, r, up, c, cell);
        }
    }
}

/// A cell's top within this share of its height of the other cells' tops is level with
/// them (a top-aligned row sets its cells' first lines on one baseline).
const TOP_LEVEL_SHARE: f64 = 0.05;

/// The extent of the text of `row`'s cells other than the one in column `c`.
/// How far `cy` lies from the middle of the rows `a` to `b` (the top of `a`, the bottom
/// of `b`); infinite when either row is missing.
fn off_middle(rows: &[TRow], cy: f64, a: usize, b: usize) -> f64 {
    match (rows.get(a), rows.get(b)) {
        (Some(x), Some(y)) => (cy - (x.bbox.y1 + y.bbox.y0) / 2.0).abs(),
        _ => f64::INFINITY,
    }
}

/// Whether the label in column `c` of row `r` is set at its row's top and runs below its
/// row's other text (wrapped over lines beside the rows after it): a top-aligned table's
/// row-span label, which heads the rows below it with an empty label column. (A label
/// centred on its rows that is taller than its row's text starts above that text.)
fn heads_rows_below(rows: &[TRow], r: usize, c: usize) -> bool {
    let Some(row) = rows.get(r) else {
        return false;
    };
    let (Some(cell), Some(o)) = (row.cells.get(c), others_extent(row, c)) else {
        return false;
    };
    let h = o.height().min(cell.bbox.height());
    (o.y1 - cell.bbox.y1).abs() <= TOP_LEVEL_SHARE * cell.bbox.height()
        && cell.bbox.y0 < o.y0 - 0.5 * h
}

/// The extent of the text of `row`'s cells other than the one in column `c`.
fn others_extent(row: &TRow, c: usize) -> Option<Rect> {
    row.cells
        .iter()
        .enumerate()
        .filter(|(k, x)| *k != c && !x.text.is_empty())
        .map(|(_, x)| x.bbox)
        .reduce(|a, b| a.union(&b))
}

/// Whether `row` holds a section's label alone (其他需完成的任务, merged over the
/// columns right of the label column and printed centred there): the section after a
/// row-span label's rows starts there, so that label's span stops above it.
fn section_label_row(row: &TRow) -> bool {
    let mut texts = row.cells.iter().filter(|c| !c.text.is_empty());
    match (texts.next(), texts.next()) {
        (Some(c), None) => crate::sections::is_label(&c.text),
        _ => false,
    }
}

/// Whether `row` holds a unit note alone (`单位：元`, `金额单位：万元`, set over the
/// table's right end): no row of the table, so no row-span label's span takes it (a
/// one-line label level with its own row's text is as well centred on the note's row,
/// its own and the row below, where the three are as tall).
fn unit_note_row(row: &TRow) -> bool {
    let mut texts = row.cells.iter().filter(|c| !c.text.trim().is_empty());
    let (Some(cell), None) = (texts.next(), texts.next()) else {
        return false;
    };
    let t: String = cell.text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((label, unit)) = t.split_once(['：', ':']) else {
        return false;
    };
    label.ends_with("单位")
        && label.chars().count() <= 4
        && unit.ends_with('元')
        && unit.chars().count() <= 3
}

/// Whether the cell in row `r`, column `c` is printed centred on the text of its own row
/// (the other cells there) clearly (by a quarter of its height) better than on any run of
/// rows from `up` to `down` around it: a cell vertically centred in its own tall row (a
/// task name beside its content), not a row-span label, though the rows around it have
/// that column empty (the rest of a row cut by the page break above it, a section row
/// below it).
fn centred_in_own_row(rows: &[TRow], r: usize, c: usize, up: usize, down: usize) -> bool {
    let (Some(row), Some(cell)) = (rows.get(r), rows.get(r).and_then(|row| row.cells.get(c)))
    else {
        return false;
    };
    let Some(own) = others_extent(row, c) else {
        return false;
    };
    let cy = cell.bbox.cy();
    let own_off = (cy - own.cy()).abs();
    let mut best_span = f64::INFINITY;
    for a in up..=r {
        for b in r..=down {
            if (a, b) == (r, r) {
                continue;
            }
            best_span = best_span.min(off_middle(rows, cy, a, b));
        }
    }
    own_off + 0.25 * cell.bbox.height() < best_span
}

/// [`lift_span_labels`] for layout text, where a label's span is not every empty row
/// around it: a column's cells are taken top to bottom, each span starting after the
/// one before it and ending where it centres the cell best. A label printed half-way
/// down its rows leaves the empty rows above it to the label before it. `page_y` maps a
/// y to where it stands on the page (layout text counts a blank line as more than one
/// line to tell rows apart; centring needs the real distance). `centre_y` maps a y to
/// where it stands in the printed table, for measuring how well a span centres a label
/// (pdftotext sets interleaved lines of two cells a line apart each, and a row gap as a
/// whole blank line).
/// `page_top`: the table opens a page after the first, its first row possibly the rest
/// of a row cut by the page break. `foot_cut`: the table's last row is cut by a page
/// break.
fn lift_centred_labels(
    rows: &mut [TRow],
    page_y: &dyn Fn(f64) -> f64,
    centre_y: &dyn Fn(f64) -> f64,
    page_top: bool,
    foot_cut: bool,
    label_cols: Option<usize>,
) {
    let ncols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let text_at = |rows: &[TRow], r: usize, c: usize| {
        rows.get(r)
            .and_then(|row| row.cells.get(c))
            .filter(|cell| !cell.text.is_empty())
            .cloned()
    };
    // Row-span labels head the rows they span, left of them: the last column holds each
    // row's own content (a short target between rows that have none is no label).
    let last = ncols
        .saturating_sub(1)
        .min(label_cols.unwrap_or(usize::MAX));
    // The column of the rows' own names, right of the label columns (see
    // [`centred_foot`]).
    let name_col = label_cols.map(|_| last);
    // Right to left: level-2 labels stand in their spans' first rows before the level-1
    // column asks which level-2 name a row is under.
    for c in (0..last).rev() {
        // The first row the next cell's span may start at.
        let mut free = 0usize;
        // Where the span of the column's next label starts, if chosen with the one above.
        let mut next_from: Option<usize> = None;
        for r in 0..rows.len() {
            let Some(cell) = text_at(rows, r, c) else {
                continue;
            };
            // A level-1 label spans no row whose level-2 name the standard framework
            // puts under another level-1 name (the label may centre on a wrong span
            // where blank lines between rows were dropped).
            let foreign = |row: usize| {
                text_at(rows, row, c + 1)
                    .is_some_and(|n| crate::sections::under_other_level1(&cell.text, &n.text))
            };
            // Above the label, a row with no level-2 name of its own is under the
            // nearest one above it (already lifted to its span's first row): rows of
            // another level-1 name's last level-2 span are no part of this span either.
            let foreign_above = |row: usize| {
                (0..=row)
                    .rev()
                    .find_map(|k| text_at(rows, k, c + 1))
                    .is_some_and(|n| {
                        crate::sections::under_other_level1_in_level2_column(&cell.text, &n.text)
                    })
            };
            // A level-2 name alone in its row (nothing right of it) with a blank line
            // above it and below it is the name of an empty row: centred on rows around
            // it, it would share a line with their text or stand in the one blank line
            // between two of them.
            let gap_below = |a: usize| match (rows.get(a), rows.get(a + 1)) {
                (Some(x), Some(y)) => page_y(x.bbox.y0) - page_y(y.bbox.y1),
                _ => 0.0,
            };
            let empty_row = crate::sections::is_level2_name(&cell.text)
                && rows
                    .get(r)
                    .is_some_and(|row| row.cells.iter().skip(c + 1).all(|x| x.text.is_empty()))
                && r > 0
                && gap_below(r - 1) >= 1.0
                && gap_below(r) >= 1.0;
            // The rows below it up to the next label are that label's (none are under
            // an empty row's name).
            if empty_row {
                free = r + 1;
                next_from = Some(r + 1);
                continue;
            }
            // On a page after the first, rows above the page's first level-2 name are
            // under the page before's level-2 name: a level-1 label printed on this
            // page starts its span with one of this page's level-2 spans.
            let level1 = crate::sections::is_framework_name(&cell.text)
                && !crate::sections::is_level2_name(&cell.text);
            let before_level2 = |row: usize| {
                page_top
                    && level1
                    && (0..=row).all(|k| text_at(rows, k, c + 1).is_none())
                    && (row + 1..=r).any(|k| text_at(rows, k, c + 1).is_some())
            };
            let mut up = r;
            while up > free
                && text_at(rows, up - 1, c).is_none()
                && !foreign_above(up - 1)
                && !before_level2(up - 1)
            {
                up -= 1;
            }
            let mut down = r;
            while down + 1 < rows.len()
                && text_at(rows, down + 1, c).is_none()
                && !foreign(down + 1)
            {
                down += 1;
            }
            let off = |a: usize, b: usize| match rows.get(a) {
                Some(x) => (centre_y(cell.bbox.cy())
                    - (centre_y(x.bbox.y1) + centred_foot(rows, b, name_col, c, page_y, centre_y))
                        / 2.0)
                    .abs(),
                _ => f64::INFINITY,
            };
            // The span's last row: the one centring the cell best from its first.
            let best_end = |a: usize| {
                (r..=down)
                    .min_by(|p, q| off(a, *p).total_cmp(&off(a, *q)))
                    .unwrap_or(r)
            };
            let mut end = best_end(up);
            // The first row of a table opening a page is left out when that centres the
            // cell clearly better: it is the rest of a row cut by the page break. In
            // the indicator table it is left out too where it holds neither a label
            // nor a level-3 name (only target text): the rest of a cut row, whose
            // labels' spans began on the page before (a split merged cell is printed
            // there, at its top).
            let cut_rest = label_cols.is_some_and(|k| {
                rows.first()
                    .is_some_and(|row| row.cells.iter().take(k + 1).all(|x| x.text.is_empty()))
            });
            if page_top
                && up == 0
                && r >= 1
                && ((cut_rest && free == 0) || (r > 1 && off(1, best_end(1)) + 0.5 < off(up, end)))
            {
                up = 1;
                end = best_end(1);
            }
            let short = cell.text.chars().count() <= 16;
            let height = |a: usize, b: usize| match (rows.get(a), rows.get(b)) {
                (Some(x), Some(y)) => page_y(x.bbox.y1) - page_y(y.bbox.y0),
                _ => 0.0,
            };
            let centred_height = |a: usize, b: usize| match (rows.get(a), rows.get(b)) {
                (Some(x), Some(y)) => centre_y(x.bbox.y1) - centre_y(y.bbox.y0),
                _ => 0.0,
            };
            let centred_on = |a: usize, b: usize| off(a, b) <= 0.15 * centred_height(a, b);
            // The column's first cell, empty far above it (a level-1 column on a page
            // whose previous level-1 label stood on the page before): the rows that
            // centre it start lower: where they centre it to half a line, best.
            // On a page after the first, the rows above a level name may be under the
            // page before's level name as well: where rows starting lower centre it
            // clearly better (by more than pdftotext's rounding, half a printed line),
            // they are its span.
            // Where the next label's span is chosen with this one's (see
            // [`joint_span_end`]), the two labels' distances together tell: a row above
            // that centres this label a little worse may leave the next one's span
            // (and this one's best end) a row off.
            let joint = |a: usize| {
                joint_span_end(
                    rows, c, r, a, down, &off, page_y, centre_y, name_col, page_top,
                )
                .map(|(_, d)| d)
            };
            let clearly = |a: usize| off(a, best_end(a)) + 0.5 < off(up, end);
            let level_name = crate::sections::is_framework_name(&cell.text);
            if free == 0
                && (!centred_on(up, end) || (page_top && level_name && (up + 1..r).any(clearly)))
            {
                if let Some(a) = (up + 1..r)
                    .filter(|a| off(*a, best_end(*a)) <= 0.5)
                    .min_by(|p, q| off(*p, best_end(*p)).total_cmp(&off(*q, best_end(*q))))
                {
                    up = a;
                    end = best_end(a);
                } else if let Some(a) = {
                    let own = off(r, best_end(r));
                    (up + 1..r)
                        .map(|a| (a, off(a, best_end(a))))
                        .filter(|(_, d)| *d < own)
                        .min_by(|p, q| p.1.total_cmp(&q.1))
                        .map(|(a, _)| a)
                } {
                    // Where none does to rounding, the rows centring it best, if they
                    // centre it better than its own row's span does (the label would
                    // stay there, its rows above left to the label before).
                    up = a;
                    end = best_end(a);
                } else if centred_on(r, best_end(r)) {
                    // Its own row and rows below it centre it best, and do to rounding:
                    // they are its span (left to the next label, the label's rows would
                    // go under that one).
                    up = r;
                    end = best_end(r);
                }
            } else if free == 0 && page_top && level_name {
                // Rows above this page's first level name may be the page before's
                // label's (its span going on over the break) where the two labels
                // of this page centre clearly better together without them.
                let jd = |a: usize| joint(a).unwrap_or(f64::INFINITY);
                let at_up = jd(up);
                if let Some((a, _)) = (up + 1..=r)
                    .map(|a| (a, jd(a)))
                    .filter(|(_, d)| d + 0.5 < at_up)
                    .min_by(|p, q| p.1.total_cmp(&q.1))
                {
                    up = a;
                    end = best_end(a);
                }
            }
            // pdftotext rounds a label to a line, so two labels one under the other may
            // each centre best on spans that leave the boundary between them a row off.
            // The boundary is where both together are centred best (the next label's
            // span from there to its own best end).
            // A label whose span starts where the label above it left it (the two
            // spans chosen together) heads those rows, though its own row centres it
            // about as well.
            let joined = next_from.take() == Some(up) && up < r;
            if let Some((e, _)) = joint_span_end(
                rows, c, r, up, down, &off, page_y, centre_y, name_col, page_top,
            ) {
                end = e;
                next_from = Some(e + 1);
            }
            let centred = centred_on(up, end);
            // A label printed in its span's last row stays there unless it stands below
            // that row's first line and the row, tall itself, centres it clearly worse
            // than the span (a level-2 name centred over the rows above too). On the
            // row's first line it is that row's own (top-aligned or as tall as the row).
            let below_top = rows
                .get(r)
                .is_some_and(|row| page_y(row.bbox.y1) - page_y(cell.bbox.y1) >= 0.5);
            // On its row's first line it is no top-aligned cell of that row where the
            // row is two lines taller than the cell (a centred cell would sit lower) and
            // the span centres it better.
            let cell_h = page_y(cell.bbox.y1) - page_y(cell.bbox.y0);
            let off_top = height(r, r) >= cell_h + 2.0 && off(up, end) + 0.5 <= off(r, r);
            let own_row = end == r
                && !joined
                && if below_top {
                    off(r, r) <= off(up, end) + 1.0
                } else {
                    !off_top
                };
            // Outside the indicator table, a cell on its row's first line with the
            // empty rows below it running to the zone's end (the page's foot): a row
            // going on over the page break is printed top-aligned (a task name beside
            // its content), so the cell is that row's own, not centred on rows above.
            // (In the indicator table, level names centred on their rows land there
            // as often.)
            // In the indicator table, where a page break cuts the table's last row:
            // a level name level with its row's own first line (a level-3 name or target)
            // is set there as its span goes on over the break (a merged cell split by
            // a page break is printed at its top).
            let level_with_row = rows.get(r).is_some_and(|row| {
                row.cells.iter().enumerate().any(|(k, x)| {
                    k > c
                        && !x.text.is_empty()
                        && !crate::sections::is_framework_name(&x.text)
                        && (page_y(x.bbox.y1) - page_y(cell.bbox.y1)).abs() < 0.5
                })
            });
            let top_at_foot = !below_top
                && down + 1 == rows.len()
                && (label_cols.is_none() || (foot_cut && level_with_row && level_name));
            if up == r || own_row || top_at_foot || !short || !centred {
                // Stays: it claims its own row and, in the first row, the rows that
                // centre it.
                free = if up == r { end + 1 } else { r + 1 };
                continue;
            }
            free = end + 1;
            // A row holding only labels of columns left of this one (a level-1 name on
            // a line of its own above the rows) is no row of the span: that label goes
            // to its own span's first row, and the row, left empty, goes.
            while up < r
                && rows
                    .get(up)
                    .is_some_and(|row| row.cells.iter().skip(c).all(|x| x.text.is_empty()))
            {
                up += 1;
            }
            if up < r {
                move_label(rows, r, up, c, cell);
            }
        }
    }
}

/// Where row `b` ends below, as far as centring a label of column `c` goes (`centre_y`
/// mapped): its text's foot, or lower where the row's name (column `name_col`, right of
/// the label columns: one name a row, set at its row's middle) sits below its
/// text's middle. A row's content is set at its top, so a row drawn taller than its text
/// (the other cells' lines reaching lower) shows its foot only by where its name stands,
/// and a label spanning it is centred on that foot.
fn centred_foot(
    rows: &[TRow],
    b: usize,
    name_col: Option<usize>,
    c: usize,
    page_y: &dyn Fn(f64) -> f64,
    centre_y: &dyn Fn(f64) -> f64,
) -> f64 {
    let Some(row) = rows.get(b) else {
        return f64::NEG_INFINITY;
    };
    let foot = centre_y(row.bbox.y0);
    let name = name_col
        .filter(|k| *k > c)
        .and_then(|k| row.cells.get(k))
        .filter(|x| !x.text.is_empty());
    // pdftotext sets a name interleaved with its row's lines half a line off: only a name
    // sitting lower by more than a line (and a half) tells of a taller row.
    match name {
        Some(x)
            if page_y(row.bbox.y0) - (2.0 * page_y(x.bbox.cy()) - page_y(row.bbox.y1)) >= 1.5 =>
        {
            foot.min(2.0 * centre_y(x.bbox.cy()) - centre_y(row.bbox.y1))
        }
        _ => foot,
    }
}

/// The last row of the span of the label in row `r`, column `c` (its rows from `up`, the
/// empty ones below it reaching `down`), chosen together with the span of the next label
/// in that column: where the sum of the two labels' distances from their spans' centres
/// is least (rows under another level-1 name, by the standard framework, never go to
/// the next label). `None` where no label follows right below (or it heads no rows of its own:
/// a level name alone over an empty row), so the label's own best end stands. With the
/// end, the distances it leaves (both labels', or this one's where the next label is
/// set at its span's top). `page_top`: the zone opens a page after the first.
#[allow(clippy::too_many_arguments)]
fn joint_span_end(
    rows: &[TRow],
    c: usize,
    r: usize,
    up: usize,
    down: usize,
    off: &dyn Fn(usize, usize) -> f64,
    page_y: &dyn Fn(f64) -> f64,
    centre_y: &dyn Fn(f64) -> f64,
    name_col: Option<usize>,
    page_top: bool,
) -> Option<(usize, f64)> {
    let text_at = |k: usize, col: usize| {
        rows.get(k)
            .and_then(|row| row.cells.get(col))
            .filter(|cell| !cell.text.is_empty())
    };
    let n = down + 1;
    let next = text_at(n, c)?;
    let heads_rows = rows
        .get(n)
        .is_some_and(|row| row.cells.iter().skip(c + 1).any(|x| !x.text.is_empty()));
    let level2 = |t: &str| crate::sections::is_level2_name(t);
    if !heads_rows || !level2(&next.text) || !text_at(r, c).is_some_and(|x| level2(&x.text)) {
        return None;
    }
    // On its row's first line the next label may be that row's own (top-aligned, or a
    // span's top where pdftotext cannot centre it): no rows above are its own then.
    let below_top = rows
        .get(n)
        .is_some_and(|row| page_y(row.bbox.y1) - page_y(next.bbox.y1) >= 0.5);
    let foreign = |k: usize, l: &str| {
        text_at(k, c + 1).is_some_and(|x| crate::sections::under_other_level1(l, &x.text))
    };
    let mut down2 = n;
    while down2 + 1 < rows.len()
        && text_at(down2 + 1, c).is_none()
        && !foreign(down2 + 1, &next.text)
    {
        down2 += 1;
    }
    let cy = centre_y(next.bbox.cy());
    let off2 = |a: usize, b: usize| match rows.get(a) {
        Some(x) => (cy
            - (centre_y(x.bbox.y1) + centred_foot(rows, b, name_col, c, page_y, centre_y)) / 2.0)
            .abs(),
        _ => f64::INFINITY,
    };
    let height = |a: usize, b: usize| match (rows.get(a), rows.get(b)) {
        (Some(x), Some(y)) => centre_y(x.bbox.y1) - centre_y(y.bbox.y0),
        _ => 0.0,
    };
    // The next label's least distance from the centre of a span starting at `a`, where
    // it is centred there at all (a label set at its span's top is no centred one).
    let best2 = |a: usize| {
        (n..=down2)
            .map(|b| (off2(a, b), height(a, b)))
            .filter(|(o, h)| *o <= 0.15 * h)
            .map(|(o, _)| o)
            .reduce(f64::min)
    };
    // On its row's first line it is centred on rows above after all, on a page after the
    // first, where this label sits on its own row exactly and the next one exactly on
    // rows from right below it, a line or more better than on its own rows (to
    // pdftotext's rounding, a quarter line): the two labels are chosen together then.
    // (Looser, labels of rows going on from the page before lost their rows.)
    let own2 = (n..=down2)
        .map(|b| off2(n, b))
        .fold(f64::INFINITY, f64::min);
    let above2 = (r + 1..n).filter_map(best2).fold(f64::INFINITY, f64::min);
    // A label of a column further left in the next label's row opens a new group there:
    // the rows above are not the next label's then.
    let group_opens = (0..c).any(|k| text_at(n, k).is_some());
    let centred_above =
        page_top && !group_opens && off(r, r) <= 0.25 && above2 <= 0.25 && own2 >= 1.0;
    if !below_top && !centred_above {
        // Level with its row's own text (a target, not a level name) and the column's
        // last label of the zone, it is printed top-aligned (its span goes on over the
        // page break): every row above it down
        // from this label is this label's, where that centres it as well as its best
        // span to rounding (half a line).
        let level_with_row = rows.get(n).is_some_and(|row| {
            row.cells.iter().enumerate().any(|(k, x)| {
                k > c + 1
                    && !x.text.is_empty()
                    && !crate::sections::is_framework_name(&x.text)
                    && (page_y(x.bbox.y1) - page_y(next.bbox.y1)).abs() < 0.5
            })
        });
        let best = (r..=down).map(|e| off(up, e)).fold(f64::INFINITY, f64::min);
        let to_end = (n + 1..rows.len()).all(|k| text_at(k, c).is_none());
        return (level_with_row && to_end && off(up, down) <= best + 0.5)
            .then(|| (down, off(up, down)));
    }
    // Only rows the next label could head: none of them is foreign to it.
    (r..=down)
        .filter(|&e| (e + 1..n).all(|k| !foreign(k, &next.text)))
        .filter_map(|e| best2(e + 1).map(|o| (e, off(up, e) + o)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// A block whose lines stay inside their column and then run across the next separator
/// (or the other way round) is a cell glued to a merged cell spanning columns below it
/// (a budget row above the overall goal with no blank line between): split it where the
/// lines change. Two lines at least must span, so one long line is not taken for it.
fn split_spanning(bl: Vec<Block>, seps: &[f64]) -> Vec<Block> {
    let mut out = Vec::with_capacity(bl.len());
    for b in bl {
        let Some(edge) = seps.get(b.col).copied() else {
            out.push(b);
            continue;
        };
        // Per line of the block (top to bottom): whether it crosses the edge.
        let mut lines: Vec<(usize, bool)> = Vec::new();
        for (li, c) in &b.parts {
            let wide = c.bbox.x1 > edge;
            match lines.last_mut() {
                Some((l, w)) if *l == *li => *w |= wide,
                _ => lines.push((*li, wide)),
            }
        }
        let flips: Vec<usize> = (1..lines.len())
            .filter(|i| lines.get(i - 1).map(|x| x.1) != lines.get(*i).map(|x| x.1))
            .collect();
        let spanning =
            |r: Option<&[(usize, bool)]>| r.is_some_and(|r| r.len() >= 2 && r.iter().all(|x| x.1));
        let cut = match flips.as_slice() {
            [i] if spanning(lines.get(..*i)) || spanning(lines.get(*i..)) => {
                lines.get(*i).map(|x| x.0)
            }
            _ => None,
        };
        let Some(first_below) = cut else {
            out.push(b);
            continue;
        };
        let (upper, lower): (Vec<_>, Vec<_>) = b
            .parts
            .iter()
            .cloned()
            .partition(|(li, _)| *li < first_below);
        match (part_block(b.col, upper), part_block(b.col, lower)) {
            (Some(u), Some(l)) => {
                out.push(u);
                out.push(l);
            }
            _ => out.push(b),
        }
    }
    out
}

/// Where a block crosses a row boundary that the other columns show, split it there.
///
/// Layout text does not always leave a blank line between rows: a tall cell's last line
/// can sit right above the next row's first, and the block then glues two rows together.
/// Other columns still show the boundary: at least two of them end one block above it
/// and start another below it, and nothing but row-span labels covers it. Cells are
/// vertically centred in their rows, so of the line boundaries inside that gap the one
/// that best centres each part on the other columns' blocks is taken.
fn split_tall_blocks(bl: Vec<Block>, labels: &[bool]) -> Vec<Block> {
    let others: Vec<&Block> = bl
        .iter()
        .zip(labels)
        .filter(|(_, l)| !**l)
        .map(|(b, _)| b)
        .collect();
    let mut out = Vec::with_capacity(bl.len());
    for (b, label) in bl.iter().zip(labels) {
        if *label || b.lines < 2 {
            out.push(b.clone());
            continue;
        }
        let mut rest = b.clone();
        while let Some(y) = best_split(&rest, &others) {
            let (upper, lower): (Vec<_>, Vec<_>) = rest
                .parts
                .iter()
                .cloned()
                .partition(|(_, c)| c.bbox.cy() > y);
            let (Some(u), Some(l)) = (part_block(b.col, upper), part_block(b.col, lower)) else {
                break;
            };
            out.push(u);
            rest = l;
        }
        out.push(rest);
    }
    out
}

/// `b` cut before each of the line indexes `cuts` (ascending): the pieces that hold text.
fn cut_block(b: Block, cuts: &[usize]) -> impl Iterator<Item = Block> {
    let col = b.col;
    let mut pieces: Vec<Vec<(usize, Chunk)>> = vec![Vec::new(); cuts.len() + 1];
    for (li, c) in b.parts {
        let k = cuts.iter().filter(|s| **s <= li).count();
        if let Some(p) = pieces.get_mut(k) {
            p.push((li, c));
        }
    }
    pieces.into_iter().filter_map(move |p| part_block(col, p))
}

fn part_block(col: usize, parts: Vec<(usize, Chunk)>) -> Option<Block> {
    let bbox = parts
        .iter()
        .map(|(_, c)| c.bbox)
        .reduce(|a, b| a.union(&b))?;
    let mut lines: Vec<usize> = parts.iter().map(|(l, _)| *l).collect();
    lines.dedup();
    Some(Block {
        col,
        lines: lines.len(),
        parts,
        bbox,
    })
}

/// The first row boundary inside `b` (see [`split_tall_blocks`]), as a y between two of
/// its lines.
fn best_split(b: &Block, others: &[&Block]) -> Option<f64> {
    let mut ys: Vec<f64> = b.parts.iter().map(|(_, c)| c.bbox.cy()).collect();
    ys.sort_by(|a, c| c.total_cmp(a));
    ys.dedup();
    let centre = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let mut best: Option<(f64, f64)> = None;
    for w in ys.windows(2) {
        let y = 0.5 * (w[0] + w[1]);
        let other = |o: &&&Block| o.col != b.col && o.bbox.y0 < b.bbox.y1 && o.bbox.y1 > b.bbox.y0;
        // Strictly inside: a one-line block touches the line boundaries next to it.
        if others
            .iter()
            .filter(other)
            .any(|o| o.bbox.y0 < y && y < o.bbox.y1)
        {
            continue;
        }
        // Columns with a block above and below y, both within b's extent; the centres
        // of the nearest such blocks.
        let mut above = Vec::new();
        let mut below = Vec::new();
        let mut cols: Vec<usize> = others.iter().filter(other).map(|o| o.col).collect();
        cols.sort_unstable();
        cols.dedup();
        for c in cols {
            let near = |up: bool| {
                others
                    .iter()
                    .filter(|o| o.col == c && (o.bbox.y0 > y) == up)
                    .filter(|o| o.bbox.y0 < b.bbox.y1 && o.bbox.y1 > b.bbox.y0)
                    .min_by(|p, q| (p.bbox.cy() - y).abs().total_cmp(&(q.bbox.cy() - y).abs()))
                    .map(|o| o.bbox.cy())
            };
            if let (Some(a), Some(d)) = (near(true), near(false)) {
                above.push(a);
                below.push(d);
            }
        }
        if above.len() < 2 {
            continue;
        }
        let up: Vec<f64> = ys.iter().copied().filter(|v| *v > y).collect();
        let down: Vec<f64> = ys.iter().copied().filter(|v| *v < y).collect();
        let err = (centre(&up) - centre(&above)).abs() + (centre(&down) - centre(&below)).abs();
        // Boundaries are taken top to bottom: a later gap is found on the lower part.
        let gap_top = above.iter().copied().fold(f64::INFINITY, f64::min);
        if best.is_some_and(|(by, _)| by > gap_top) {
            break;
        }
        if best.is_none_or(|(_, e)| err < e) {
            best = Some((y, err));
        }
    }
    best.map(|(y, _)| y)
}

/// A row-span label of the indicator table (or a level name that is a row of its own,
/// `fixed` to its band).
struct SpanLabel {
    cy: f64,
    top: f64,
    fixed: Option<usize>,
    /// Written one character per line (竖排): set down the middle of its span.
    vertical: bool,
}

/// A label column of the indicator table: its blocks (indexes), their labels top to
/// bottom, and where [`span_starts`] puts their spans.
type PlacedColumn = (Vec<usize>, Vec<SpanLabel>, Option<(Vec<usize>, f64)>);

/// The first band of each label's span, labels of one column top to bottom, `bands` top
/// to bottom. Labels are printed vertically centred on their spans, which follow one
/// another: the spans are the split of the bands that centres the labels best. The
/// first label's span may start below the first band (rows going on from a label on the
/// page before; `from_top`: not so below the table's header row, whose labels start
/// the columns); the last one's runs to the last band, and it may stand at its top (a
/// span cut by the page end is printed so at times). None when no split holds every
/// label inside its span. `skippable` bands (a level name's row of its own) may fall
/// between two spans. With the starts, how far off centre the labels are in all.
fn span_starts(
    bands: &[(f64, f64)],
    labels: &[SpanLabel],
    em: f64,
    from_top: bool,
    skippable: &[bool],
    allowed: &[bool],
) -> Option<(Vec<usize>, f64)> {
    let (n, k) = (bands.len(), labels.len());
    if n == 0 || k == 0 {
        return None;
    }
    let tol = 0.5 * em;
    let cost = |i: usize, s: usize, e: usize| -> f64 {
        let (Some(l), Some(a), Some(b)) = (labels.get(i), bands.get(s), bands.get(e)) else {
            return f64::INFINITY;
        };
        if l.fixed.is_some_and(|f| f != s || f != e) || a.1 < l.cy - tol || b.0 > l.cy + tol {
            return f64::INFINITY;
        }
        if !allowed.is_empty() && !allowed.get(s).copied().unwrap_or(false) {
            return f64::INFINITY;
        }
        let centred = (l.cy - (a.1 + b.0) / 2.0).abs();
        if i + 1 == k {
            // Standing at the top of a span cut by the page end is the exception: where
            // a span the label is centred on fits as well (the label both centred on the
            // last rows and level with the top of a shorter run of them), centred wins.
            centred.min((l.top - a.1).abs() + TOP_OF_CUT_SPAN_EMS * em)
        } else {
            centred
        }
    };
    // The last span runs to the last band, or stops above skippable bands ending the
    // page: level name rows of their own (生态效益指标 merged over the value columns,
    // below 社会效益指标's own row), which no other level-2 label spans.
    let tail = (0..n)
        .rev()
        .take_while(|e| skippable.get(*e).copied().unwrap_or(false))
        .count();
    let last_from = (n - 1).saturating_sub(tail);
    // best[i][s]: the least cost of labels i.. with label i's span starting at band s.
    let mut best = vec![vec![f64::INFINITY; n]; k];
    let mut next = vec![vec![0usize; n]; k];
    for i in (0..k).rev() {
        for s in 0..n {
            let ends = if i + 1 == k {
                last_from.max(s)..n
            } else {
                s..n - 1
            };
            for e in ends {
                // The next span starts right below, or below skippable bands there.
                let mut starts = vec![e + 1];
                let mut at = e + 1;
                while i + 1 < k && at + 1 < n && skippable.get(at).copied().unwrap_or(false) {
                    at += 1;
                    starts.push(at);
                }
                for ns in starts {
                    let rest = if i + 1 == k {
                        0.0
                    } else {
                        best.get(i + 1)
                            .and_then(|r| r.get(ns))
                            .copied()
                            .unwrap_or(f64::INFINITY)
                    };
                    let t = cost(i, s, e) + rest;
                    if let (Some(b), Some(nx)) = (
                        best.get_mut(i).and_then(|r| r.get_mut(s)),
                        next.get_mut(i).and_then(|r| r.get_mut(s)),
                    ) {
                        if t < *b {
                            *b = t;
                            *nx = ns;
                        }
                    }
                }
            }
        }
    }
    let first = best.first()?;
    let mut s = (0..n)
        .filter(|s| *s == 0 || !from_top)
        .filter(|s| first.get(*s).is_some_and(|v| v.is_finite()))
        .min_by(|a, b| {
            let v = |x: &usize| first.get(*x).copied().unwrap_or(f64::INFINITY);
            v(a).total_cmp(&v(b))
        })?;
    let total = first.get(s).copied().unwrap_or(f64::INFINITY);
    let mut out = Vec::with_capacity(k);
    for i in 0..k {
        out.push(s);
        s = next.get(i).and_then(|r| r.get(s)).copied().unwrap_or(s);
    }
    Some((out, total))
}

/// What standing at the top of its span costs the last label of a page (ems) over being
/// centred on it: a tie goes to the centred span.
const TOP_OF_CUT_SPAN_EMS: f64 = 0.2;

/// How far (ems) a label printed in its span's first row may lie off that row's centre.
const FIRST_ROW_TOLERANCE_EMS: f64 = 0.25;

/// How much worse (ems, over a table's label columns) the best split centring the
/// labels on their spans must fit than labels each centred on a row of its own, for the
/// labels to be taken as printed in their spans' first rows.
const FIRST_ROW_MARGIN_EMS: f64 = 0.75;

/// Each label's span start where a table's row-span labels are printed in their spans'
/// first rows (fpdf2 centres a merged cell's text on the first row it spans, not on the
/// span), else None. `cols`: per label column its labels top to bottom and the cost of
/// the best split centring them on their spans (see [`span_starts`]; None: no split
/// holds them). Every label must lie centred on a band (a fixed one on its own), each
/// on a band below the one above it, and the centred split must fit worse by a margin:
/// where spans are single rows both read alike, and labels centred on their spans sit
/// between rows or off a row's centre.
fn first_row_starts(
    bands: &[(f64, f64)],
    cols: &[(&[SpanLabel], Option<f64>)],
    em: f64,
    known: bool,
) -> Option<Vec<Option<Vec<usize>>>> {
    let (mut off, mut centred) = (0.0, 0.0);
    let mut out = Vec::with_capacity(cols.len());
    for (labels, cost) in cols {
        // A column of labels written one character per line is set down the middle of
        // each span, however the table sets its other cells: its labels take the
        // centred split (None), and tell nothing of where the others stand.
        if !labels.is_empty() && labels.iter().all(|l| l.vertical) {
            out.push(None);
            continue;
        }
        // A column whose one label is centred on the whole table part, header row too,
        // and on no row of its own (the section label 绩效指标, merged down the table
        // and centred there by LibreOffice) says nothing of how the other columns'
        // labels stand: it is left to the centred split, as above.
        if let ([l], Some(first), Some(last)) = (*labels, bands.first(), bands.last()) {
            let tol = FIRST_ROW_TOLERANCE_EMS * em;
            let on_a_row = bands
                .iter()
                .any(|(y0, y1)| (l.cy - (y0 + y1) / 2.0).abs().min((l.top - y1).abs()) <= tol);
            if bands.len() >= 3 && !on_a_row && (l.cy - (first.1 + last.0) / 2.0).abs() <= tol {
                out.push(None);
                continue;
            }
        }
        // (A column without labels costs nothing either way.)
        if !labels.is_empty() {
            centred += cost.unwrap_or(f64::INFINITY);
        }
        let mut starts: Vec<usize> = Vec::with_capacity(labels.len());
        for l in labels.iter() {
            let (i, d) = bands
                .iter()
                .enumerate()
                .map(|(i, (y0, y1))| {
                    // Centred on the row, or top-aligned with it (Word's and WPS's cells
                    // are set top-aligned by default: the label starts on the row's first
                    // line however tall the span).
                    let centred = (l.cy - (y0 + y1) / 2.0).abs();
                    (i, centred.min((l.top - y1).abs()))
                })
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            let below = starts.last().is_none_or(|s| i > *s);
            if d > FIRST_ROW_TOLERANCE_EMS * em || !below || l.fixed.is_some_and(|f| f != i) {
                return None;
            }
            off += d;
            starts.push(i);
        }
        out.push(Some(starts));
    }
    // One producer sets the table alike on every page: where a page before showed
    // labels in their spans' first rows, a page whose labels fit both ways (each on a
    // row's centre, and centred on spans too) keeps to that.
    (known || centred - off >= FIRST_ROW_MARGIN_EMS * em).then_some(out)
}

/// Lines → table rows in the columns `seps` separates, row-span labels lifted; a block
/// of wrapped lines ends at a gap wider than `row_gap`. `indicators`: the lines are the
/// indicator table's (see [`spanning_cells`]), with the x of its level-3 column where
/// known: the columns left of it hold row-span labels, put where [`span_starts`] says.
/// `page_top`: the table goes on from the page before (see [`lift_span_labels`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn table_rows(
    lines: &[Line],
    p: &Params,
    seps: Vec<f64>,
    row_gap: f64,
    indicators: Option<(Option<f64>, bool)>,
    page_top: bool,
    top_seen: &mut bool,
    first_rows_seen: &mut bool,
) -> (Vec<TRow>, Vec<f64>) {
    let level3 = indicators
        .and_then(|(x, _)| x)
        .map(|x| (col_of(&seps, x), x));
    let label_cols = level3.map(|(k, _)| k);
    let (mut rows, seps) = rows_in_columns(
        lines,
        p,
        seps,
        row_gap,
        indicators.map(|(_, head)| (level3, head)),
        &[],
        &[],
        top_seen,
        first_rows_seen,
    );
    if label_cols.is_some() {
        rows.retain(|r| r.cells.iter().any(|c| !c.text.is_empty()));
    } else if seps.len() + 1 > 1 {
        lift_span_labels(&mut rows, page_top);
        rows.retain(|r| r.cells.iter().any(|c| !c.text.is_empty()));
    }
    (rows, seps)
}

/// Row-span labels moved to the first row of their span, rows left empty dropped (see
/// [`lift_span_labels`]; `centred` for layout text, see [`lift_centred_labels`]).
/// Separate from [`unlifted_rows`] so the layout-text reader can put labels in their
/// columns first.
/// Layout text's labels are centred on their rows (see [`lift_centred_labels`]): the
/// page-line measure, whether the table opens a page after the first, whether a page
/// break cuts its last row, and the measure labels are centred in (see
/// [`lift_centred_labels`]).
pub(crate) type Centred<'a> = (&'a dyn Fn(f64) -> f64, bool, bool, &'a dyn Fn(f64) -> f64);

/// `label_cols`: how many leading columns may hold row-span labels (layout text's
/// indicator table: the level columns; `None`: all but the last).
pub(crate) fn lift_and_prune(
    rows: &mut Vec<TRow>,
    ncols: usize,
    centred: Option<Centred<'_>>,
    label_cols: Option<usize>,
) {
    if ncols > 1 {
        if let Some((page_y, page_top, foot_cut, centre_y)) = centred {
            lift_centred_labels(rows, page_y, centre_y, page_top, foot_cut, label_cols);
        } else {
            lift_span_labels(rows, false);
        }
        rows.retain(|r| r.cells.iter().any(|c| !c.text.is_empty()));
    }
}

/// Table rows with row-span labels still in the row they were printed beside; a row
/// ends at each of `row_ends` (line indexes; layout text only, the PDF reader passes none).
/// A block on one of the `own_rows` lines alone is a row, never a row-span label.
pub(crate) fn unlifted_rows(
    lines: &[Line],
    p: &Params,
    inherited: &[f64],
    row_ends: &[usize],
    own_rows: &[usize],
) -> (Vec<TRow>, Vec<f64>) {
    let seps = separators(lines, p, inherited);
    let row_gap = usual_line_gap(lines, &seps, p) + p.row_gap_extra;
    rows_in_columns(
        lines, p, seps, row_gap, None, row_ends, own_rows, &mut false, &mut false,
    )
}

/// Whether block `b`, in one of the indicator table's label columns (left of `k`), is an
/// inline field (`填报人：王五`, `联系电话：…`) lying wholly below the text of every value
/// column (more than half an em clear): a signature line under the table's last row,
/// set in the table's columns, not a row-span label. (A level name or section label
/// carried on to the next page may also be printed below the page's last row: they
/// hold no `：`.)
fn below_value_columns(b: &Block, all: &[Block], k: usize, em: f64) -> bool {
    let lowest = all
        .iter()
        .filter(|o| o.col >= k)
        .map(|o| o.bbox.y0)
        .fold(f64::INFINITY, f64::min);
    b.col < k
        && lowest.is_finite()
        && b.bbox.y1 < lowest - 0.5 * em
        && b.text(false).contains(['：', ':'])
}

/// Cells merged down over two rows, where another column splits them (a 评分标准 cell
/// wrapped onto a row of its own, the other cells of both rows merged), are printed
/// centred on the two rows, so the three show as three bands of text in turn: the
/// split column's first cell, the merged cells, its second cell. Where a band's columns
/// share none with the bands above and below it, those two use only the same columns,
/// and it is centred on both, half a line off their lines, it joins the band above: the merged cells' text belongs
/// to their first row, as in the text and the bordered table.
/// `bands`: top first, (y0, y1); `labels`: blocks that are row-span labels (no band).
fn join_cells_merged_over_two_rows(
    bands: &mut Vec<(f64, f64)>,
    bl: &[Block],
    labels: &[bool],
    em: f64,
) {
    let cols_in = |band: (f64, f64)| -> Vec<usize> {
        let mut v: Vec<usize> = bl
            .iter()
            .zip(labels)
            .filter(|(b, l)| !**l && b.bbox.y1.min(band.1) > b.bbox.y0.max(band.0))
            .map(|(b, _)| b.col)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut i = 0;
    while let (Some(a), Some(b), Some(c)) = (
        bands.get(i).copied(),
        bands.get(i + 1).copied(),
        bands.get(i + 2).copied(),
    ) {
        let (ca, cb, cc) = (cols_in(a), cols_in(b), cols_in(c));
        let apart = |x: &[usize], y: &[usize]| x.iter().all(|k| !y.contains(k));
        let centred = ((b.0 + b.1) - (c.0 + a.1)).abs() / 2.0 <= 0.3 * em;
        // Set half a line off the lines beside it, not a row's padding apart (evenly
        // spaced rows are centred on their neighbours too).
        let close = a.0 - b.1 < MIN_LINE_GAP_EMS * em && b.0 - c.1 < MIN_LINE_GAP_EMS * em;
        if !cb.is_empty() && apart(&ca, &cb) && apart(&cb, &cc) && ca == cc && centred && close {
            bands.splice(i..i + 2, [(b.0, a.1)]);
        }
        i += 1;
    }
}

/// [`unlifted_rows`] with the column separators and the row gap given.
#[allow(clippy::too_many_arguments)]
fn rows_in_columns(
    lines: &[Line],
    p: &Params,
    seps: Vec<f64>,
    row_gap: f64,
    indicators: Option<(Option<(usize, f64)>, bool)>,
    row_ends: &[usize],
    own_rows: &[usize],
    top_seen: &mut bool,
    first_rows_seen: &mut bool,
) -> (Vec<TRow>, Vec<f64>) {
    let ncols = seps.len() + 1;
    let level3 = indicators.and_then(|(k, _)| k);
    let label_cols = level3.map(|(k, _)| k);
    let from_header = indicators.is_some_and(|(_, head)| head);
    let indicators = indicators.is_some();
    let mut filled = p
        .wrap_fill
        .then(|| FillEdges::of(lines, &seps, row_gap, p, false))
        .flatten();
    let spread = spread_characters(lines, p.em);
    // Layout text sets every cell on whole character cells: no centre is known to
    // the fraction of an em the rule needs.
    let merged_left = if p.tight {
        Vec::new()
    } else {
        centred_over_last_columns(lines, &seps, p.em)
    };
    let blocks_by = |filled: Option<&FillEdges>| {
        spread_labels(
            blocks(
                lines,
                &seps,
                row_gap,
                row_ends,
                label_cols,
                filled,
                &spread,
                &merged_left,
            ),
            p.em,
        )
    };
    let mut bl = blocks_by(filled.as_ref());
    // Top-aligned cells: the edges again, without merged cells' lines, and the blocks
    // from them.
    // One producer sets a page's cells alike: a part of the page whose blocks show no
    // alignment of their own (an indicator table of one-line rows, those glued by the
    // fill rule telling neither) takes the top alignment a part above it showed.
    let own_top = top_aligned(&bl);
    let hinted = filled.is_some() && !own_top && *top_seen;
    *top_seen |= filled.is_some() && own_top;
    if filled.is_some() && (own_top || hinted) {
        filled = FillEdges::of(lines, &seps, row_gap, p, true);
        bl = blocks_by(filled.as_ref());
    }
    if filled.is_some() {
        bl = if hinted || top_aligned(&bl) {
            split_at_row_starts(bl, label_cols)
        } else {
            let bl = split_off_centre(bl, p.em, label_cols);
            match label_cols {
                Some(k) => split_at_sentence_rows(bl, k),
                None => bl,
            }
        };
    }
    // Page furniture printed inside the indicator table, alone on its lines (第 2 页，
    // 共 3 页 and 续表: a table pasted from a paged document carries them as rows), is no
    // row: a band of its own there parts a level name's span, and a level name of the
    // repeated header below takes it for its row.
    if label_cols.is_some() {
        let furniture: Vec<bool> = bl
            .iter()
            .map(|b| {
                crate::grid::is_page_number(b.text(false).trim())
                    && !bl.iter().any(|o| {
                        !std::ptr::eq(o, b) && o.bbox.y0 < b.bbox.y1 && o.bbox.y1 > b.bbox.y0
                    })
            })
            .collect();
        let mut drop = furniture.into_iter();
        bl.retain(|_| !drop.next().unwrap_or(false));
    }
    // A cell merged over the columns to the table's right edge is a row of its own,
    // though it may sit alone between rows like a row-span label.
    let spanning = if indicators {
        spanning_cells(&mut bl, &seps, lines, p.em, level3, !from_header)
    } else {
        vec![false; bl.len()]
    };
    // In the indicator table a block with nothing beside it is a row of its own too (a
    // level name over empty cells whose merged span the columns found here miss): a
    // row-span label there stands beside text of the rows it straddles.
    let lone = |b: &Block| {
        indicators
            && !bl
                .iter()
                .any(|o| o.col != b.col && o.bbox.y0 < b.bbox.y1 && o.bbox.y1 > b.bbox.y0)
    };
    let mut labels: Vec<bool> = bl
        .iter()
        .zip(&spanning)
        .map(|(b, s)| !s && !lone(b) && is_label(b, &bl))
        .collect();
    // A level-2 name far from the text of the rows right of it (more than half an em
    // above and below: a label straddling two rows is nearer both) is a row of its own.
    // (Where rows are set as far apart as wrapped lines, the next row's text is nearer:
    // only text beside it counts.)
    let near = if filled.is_some() { 0.0 } else { 0.5 * p.em };
    let lone_in_rows = |b: &Block, k: usize| {
        !bl.iter()
            .any(|o| o.col >= k && o.bbox.y0 < b.bbox.y1 + near && o.bbox.y1 > b.bbox.y0 - near)
    };
    // Where the indicator table's label columns are known, every other block in them is
    // a row-span label: rows come from the columns right of them alone.
    let own_row: Vec<bool> = bl
        .iter()
        .zip(&spanning)
        .map(|(b, s)| match label_cols {
            Some(k) => {
                *s || b.col >= k
                    || (b.col + 1 == k && lone_in_rows(b, k))
                    || (p.line_room && below_value_columns(b, &bl, k, p.em))
            }
            None => true,
        })
        .collect();
    if label_cols.is_some() {
        labels = own_row.iter().map(|o| !o).collect();
    }
    if p.split_tall {
        // Layout text: a block with blank lines above and below and no other block
        // beside it is a row of its own (a level name over empty cells), not a label
        // across the rows around it.
        let label = |b: &Block, all: &[Block]| {
            let apart = all.iter().all(|o| {
                std::ptr::eq(o, b)
                    || o.bbox.y0 - b.bbox.y1 > row_gap
                    || b.bbox.y0 - o.bbox.y1 > row_gap
            });
            // A line the row-end logic found to be a row of its own stays one.
            let own = b.parts.iter().all(|(l, _)| own_rows.contains(l));
            // Wrapped lines from a row's start to its end are that row's cell.
            let first = b.parts.first().map(|(l, _)| *l);
            let last = b.parts.last().map(|(l, _)| *l);
            // (A row starts after a blank line too: lines further apart than wrapped
            // ones.)
            let after_blank = |f: usize| {
                f.checked_sub(1)
                    .and_then(|k| lines.get(k))
                    .zip(lines.get(f))
                    .is_some_and(|(a, b)| a.bbox.y0 - b.bbox.y1 > row_gap)
            };
            let whole_row = b.lines >= 2
                && first.is_some_and(|f| f == 0 || row_ends.contains(&(f - 1)) || after_blank(f))
                && last.is_some_and(|l| row_ends.contains(&l));
            !apart && !own && !whole_row && is_label(b, all)
        };
        bl = split_spanning(bl, &seps);
        labels = bl.iter().map(|b| label(b, &bl)).collect();
        bl = split_tall_blocks(bl, &labels);
        labels = bl.iter().map(|b| label(b, &bl)).collect();
    }
    // Row bands: union of the y-extents of non-label blocks.
    let mut spans: Vec<(f64, f64)> = bl
        .iter()
        .zip(&labels)
        .filter(|(_, l)| !**l)
        .map(|(b, _)| (b.bbox.y0, b.bbox.y1))
        .collect();
    spans.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut bands: Vec<(f64, f64)> = Vec::new();
    for (y0, y1) in spans {
        match bands.last_mut() {
            Some(band) if y1 > band.0 => band.0 = band.0.min(y0),
            _ => bands.push((y0, y1)),
        }
    }
    if bands.is_empty() {
        return (Vec::new(), seps);
    }
    // A level name in the value columns is a row of its own (see `blocks`) below the text
    // above it, though a cell merged down over both rows (a level-3 name printed across
    // them) joins their bands: the band splits at the name's top.
    if let Some(k) = label_cols {
        for (b, _) in bl.iter().zip(&labels).filter(|(_, l)| !**l) {
            let name = b.col >= k
                && b.parts
                    .iter()
                    .all(|(_, c)| crate::sections::is_level2_name(&c.text));
            let top = b.bbox.y1;
            let Some((i, (y0, y1))) = bands
                .iter()
                .copied()
                .enumerate()
                .find(|(_, (y0, y1))| *y0 < top && top < *y1)
            else {
                continue;
            };
            let above = bl
                .iter()
                .zip(&labels)
                .any(|(o, l)| !*l && o.bbox.y0 >= top && o.bbox.y1 <= y1);
            if let (true, true, Some(band)) = (name, above, bands.get_mut(i)) {
                *band = (top, y1);
                bands.insert(i + 1, (y0, top));
            }
        }
    }
    // (PDF pages only: layout text's lines are whole character rows, never half a
    // line off each other.)
    if p.line_room {
        join_cells_merged_over_two_rows(&mut bands, &bl, &labels, p.em);
    }
    let band_of = |b: &Block| -> usize {
        // The band the block overlaps most (labels: the first such band from the top).
        let mut best = (0usize, f64::NEG_INFINITY);
        for (i, (y0, y1)) in bands.iter().enumerate() {
            let ov = b.bbox.y1.min(*y1) - b.bbox.y0.max(*y0);
            let dist = if ov > 0.0 {
                ov
            } else {
                -(b.bbox.cy() - (y0 + y1) / 2.0).abs() - 1e6
            };
            if dist > best.1 {
                best = (i, dist);
            }
        }
        best.0
    };
    let mut band: Vec<usize> = bl.iter().map(band_of).collect();
    // Where each block was printed: a row's box is its printed text's.
    let printed = band.clone();
    if let Some(k) = label_cols {
        // A level-2 name printed in a value column, alone in its row (a level name row
        // of the form), may lie outside every level-2 label's span: the label above may
        // end before it (a level name of its own row) and the next one start below it.
        let level2_row: Vec<bool> = bl
            .iter()
            .enumerate()
            .map(|(i, b)| {
                b.col >= k
                    && crate::sections::is_level2_name(&b.text(false))
                    && printed.get(i).is_some_and(|r| {
                        !printed.iter().enumerate().any(|(j, o)| {
                            j != i && o == r && !labels.get(j).copied().unwrap_or(false)
                        })
                    })
            })
            .collect();
        // Row spans nest: a label's span starts where a span of the column right of it
        // does (or at the page's first band, going on from the page before; or at a
        // level name's own row). Columns are taken right to left so each knows the
        // starts of the one right of it. Applied on a page the table goes on to (no
        // header row): its first label may start below the first band, and one set at
        // the top of its span's part there (the span going on over the page end) also
        // centred on a run starting inside a span of the next column (a level-1 label
        // put two level-2 rows early).
        let level2_rows: Vec<bool> = (0..bands.len())
            .map(|r| {
                level2_row
                    .iter()
                    .zip(&printed)
                    .any(|(l, at)| *l && *at == r)
            })
            .collect();
        let mut placed: Vec<PlacedColumn> = Vec::with_capacity(k);
        for c in (0..k).rev() {
            // The column's labels and its cells that are rows of their own, top first.
            let mut idx: Vec<usize> = (0..bl.len())
                .filter(|i| bl.get(*i).is_some_and(|b| b.col == c))
                .collect();
            idx.sort_by(|a, b| {
                let y = |i: &usize| bl.get(*i).map_or(0.0, |x| x.bbox.cy());
                y(b).total_cmp(&y(a))
            });
            let items: Vec<SpanLabel> = idx
                .iter()
                .filter_map(|i| {
                    let b = bl.get(*i)?;
                    let fixed = own_row.get(*i).copied().unwrap_or(true);
                    Some(SpanLabel {
                        cy: b.bbox.cy(),
                        top: b.bbox.y1,
                        fixed: fixed.then(|| band.get(*i).copied()).flatten(),
                        vertical: one_char_per_line(b),
                    })
                })
                .collect();
            let skippable: Vec<bool> = (0..bands.len())
                .map(|r| {
                    c + 1 == k
                        && level2_row
                            .iter()
                            .zip(&printed)
                            .any(|(l, at)| *l && *at == r)
                })
                .collect();
            let allowed: Vec<bool> = match placed.last() {
                Some((_, right, Some((starts, _)))) if !from_header && !right.is_empty() => {
                    let mut v = level2_rows.clone();
                    for st in starts.iter().copied().chain([0]) {
                        if let Some(slot) = v.get_mut(st) {
                            *slot = true;
                        }
                    }
                    v
                }
                _ => Vec::new(),
            };
            // The framework bounds the first label's span too: a level-1 name's span
            // cannot start above a level-2 label of the column right of it that the
            // framework puts under another level-1 name (效益指标 at the top of its own
            // span, also near the centre of the whole continued page, whose first rows
            // still held 产出指标's 质量指标 and 时效指标: synth-573).
            let mut allowed = allowed;
            if let (Some((r_idx, _, Some((r_starts, _)))), Some(first)) =
                (placed.last(), idx.first().and_then(|i| bl.get(*i)))
            {
                let name = first.text(false);
                for (j, st) in r_starts.iter().enumerate() {
                    let Some(l2) = r_idx.get(j).and_then(|i| bl.get(*i)) else {
                        continue;
                    };
                    if l2.bbox.cy() > first.bbox.cy()
                        && crate::sections::under_other_level1_in_level2_column(
                            name.trim(),
                            l2.text(false).trim(),
                        )
                    {
                        for slot in allowed.iter_mut().take(st + 1) {
                            *slot = false;
                        }
                    }
                }
            }
            let split = span_starts(&bands, &items, p.em, from_header, &skippable, &allowed)
                .or_else(|| {
                    (!allowed.is_empty())
                        .then(|| span_starts(&bands, &items, p.em, from_header, &skippable, &[]))
                        .flatten()
                });
            placed.push((idx, items, split));
        }
        placed.reverse();
        let cols: Vec<(&[SpanLabel], Option<f64>)> = placed
            .iter()
            .map(|(_, items, split)| (items.as_slice(), split.as_ref().map(|s| s.1)))
            .collect();
        let first_rows = first_row_starts(&bands, &cols, p.em, *first_rows_seen);
        *first_rows_seen |= first_rows.is_some();
        for (c, (idx, _, split)) in placed.iter().enumerate() {
            let starts = match first_rows.as_ref().and_then(|f| f.get(c)) {
                Some(Some(f)) => Some(f),
                _ => split.as_ref().map(|s| &s.0),
            };
            for (i, st) in idx.iter().zip(starts.into_iter().flatten()) {
                if let Some(slot) = band.get_mut(*i) {
                    *slot = *st;
                }
            }
        }
    }
    let mut grid: Vec<Vec<Vec<&Block>>> = vec![vec![Vec::new(); ncols]; bands.len()];
    for (b, r) in bl.iter().zip(&band) {
        if let Some(cell) = grid.get_mut(*r).and_then(|row| row.get_mut(b.col)) {
            cell.push(b);
        }
    }
    let xs = {
        let (x0, x1) = x_extent(lines);
        let mut v = vec![x0];
        v.extend(&seps);
        v.push(x1);
        v
    };
    let _ = &xs;
    // The width a block's text takes on one of its lines, and per column the widest
    // line (the room a cell's lines have there).
    let line_width = |b: &Block, li: usize| {
        let (x0, x1) = b
            .parts
            .iter()
            .filter(|(l, _)| *l == li)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, z), (_, c)| {
                (a.min(c.bbox.x0), z.max(c.bbox.x1))
            });
        (x1 - x0).max(0.0)
    };
    let mut col_width = vec![0.0f64; ncols];
    for b in &bl {
        for (li, _) in &b.parts {
            if let Some(w) = col_width.get_mut(b.col) {
                *w = w.max(line_width(b, *li));
            }
        }
    }
    // Outside the indicator table, each column's right edge: where its longest lines end
    // (lines running across the next separator, merged cells, left out).
    let edges: Vec<f64> = (0..ncols)
        .map(|c| {
            let limit = seps.get(c).map_or(f64::INFINITY, |s| s + 0.5 * p.em);
            bl.iter()
                .filter(|b| b.col == c)
                .flat_map(|b| b.parts.iter().map(|(_, ch)| ch.bbox.x1))
                .filter(|x1| *x1 <= limit)
                .fold(f64::NEG_INFINITY, f64::max)
        })
        .collect();
    let mut rows = Vec::new();
    for (r, cols) in grid.into_iter().enumerate() {
        let (y0, y1) = bands.get(r).copied().unwrap_or((0.0, 0.0));
        let mut cells = Vec::with_capacity(ncols);
        let mut room = Vec::with_capacity(ncols);
        let mut measure = Vec::with_capacity(ncols);
        for (c, mut bs) in cols.into_iter().enumerate() {
            bs.sort_by(|a, b| b.bbox.y1.total_cmp(&a.bbox.y1));
            // In the indicator table: the room its last line leaves (a text cut by the
            // page end fills its last line; see `continues`).
            let last_room = if indicators {
                bs.last().and_then(|b| {
                    let li = b.parts.iter().map(|(l, _)| *l).max()?;
                    let w = col_width.get(c)?;
                    Some((w - line_width(b, li)) / p.em)
                })
            } else {
                // Elsewhere: the room before the column's edge (ems).
                bs.last().and_then(|b| {
                    let (_, x1) = b.last_line_end()?;
                    let edge = edges.get(c).copied()?;
                    (p.line_room && edge.is_finite() && x1.is_finite())
                        .then(|| ((edge - x1) / p.em).max(0.0))
                })
            };
            room.push(last_room);
            measure.push(
                indicators
                    .then(|| col_width.get(c).map(|w| w / p.em))
                    .flatten(),
            );
            let mut t = String::new();
            for b in &bs {
                super::geometry::push_joined(&mut t, &b.text(p.tight));
            }
            let bbox = bs
                .iter()
                .map(|b| b.bbox)
                .reduce(|a, b| a.union(&b))
                .unwrap_or_else(|| {
                    Rect::new(
                        xs.get(c).copied().unwrap_or(0.0),
                        y0,
                        xs.get(c + 1).copied().unwrap_or(0.0),
                        y1,
                    )
                });
            cells.push(TCell {
                text: t,
                col: (ncols > 1).then_some(c),
                bbox,
                text_y0: None,
            });
        }
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        let printed_box = label_cols.and_then(|_| {
            bl.iter()
                .zip(&printed)
                .filter(|(_, at)| **at == r)
                .map(|(b, _)| b.bbox)
                .reduce(|a, b| a.union(&b))
        });
        let bbox = printed_box.unwrap_or_else(|| {
            cells
                .iter()
                .filter(|c| !c.text.is_empty())
                .map(|c| c.bbox)
                .reduce(|a, b| a.union(&b))
                .unwrap_or(Rect::new(0.0, y0, 0.0, y1))
        });
        rows.push(TRow {
            cells,
            bbox,
            last_line_room: room,
            col_measure: measure,
            open_above: Vec::new(),
            open_below: Vec::new(),
        });
    }
    (rows, seps)
}

// ---------------------------------------------------------------- PDF pages

/// Glyph lines split into chunks at gaps wider than half an em.
fn pdf_lines(glyphs: &[&Glyph], narrow: NarrowEdges) -> Vec<(Line, f64)> {
    let mut out = Vec::new();
    for line in text::lines(glyphs) {
        let mut chunks = Vec::new();
        let mut cur: Vec<&Glyph> = Vec::new();
        let size = line.iter().map(|g| g.size).fold(0.0, f64::max);
        for (i, g) in line.iter().copied().enumerate() {
            if g.ch.is_whitespace() {
                cur.push(g);
                continue;
            }
            if let Some(last) = cur.iter().rev().find(|p| !p.ch.is_whitespace()) {
                // Cells set closer than half an em (Chromium's paddings), see `cell_gaps`.
                if g.bbox.x0 - last.bbox.x1 > 0.5 * g.size.max(1.0)
                    || (i > 0 && narrow.splits_after(&line, i - 1))
                {
                    push_chunk(&mut chunks, &cur);
                    cur.clear();
                }
            }
            cur.push(g);
        }
        push_chunk(&mut chunks, &cur);
        if let Some(bbox) = chunks
            .iter()
            .map(|c: &Chunk| c.bbox)
            .reduce(|a, b| a.union(&b))
        {
            out.push((Line { chunks, bbox }, size));
        }
    }
    out
}

fn push_chunk(chunks: &mut Vec<Chunk>, glyphs: &[&Glyph]) {
    let t = text::line_text(glyphs);
    let ink: Vec<&Glyph> = glyphs
        .iter()
        .copied()
        .filter(|g| !g.ch.is_whitespace())
        .collect();
    if let (false, Some(bbox)) = (t.is_empty(), text::bbox_of(&ink)) {
        chunks.push(Chunk { text: t, bbox });
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(10.0)
}

/// The borderless indicator table as read so far: whether a page's first table goes on
/// with it (the page before ended in it), and the x of its level-3 column's header.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IndicatorTable {
    on: bool,
    level3_x: Option<f64>,
    /// The usual gap between wrapped lines on the page the table started on.
    line_gap: Option<f64>,
    /// Whether a page of the table showed its labels in their spans' first rows (see
    /// [`first_row_starts`]).
    first_rows: bool,
}

/// Labels turned a quarter turn to run up the page (read bottom to top) come one
/// character a line, top first, and the 竖排 rules would join them backwards
/// (`称名门部`). Each run of such characters down one column, a character's advance
/// apart, gets its characters' places in reverse, so that top to bottom reads them in
/// order; the run keeps its extent. `None` when the page has no turned characters.
fn turned_back(glyphs: &[&Glyph]) -> Option<Vec<Glyph>> {
    if !glyphs.iter().any(|g| g.upward && !g.ch.is_whitespace()) {
        return None;
    }
    let mut out: Vec<Glyph> = glyphs.iter().map(|g| (*g).clone()).collect();
    let mut turned: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].upward && !out[i].ch.is_whitespace())
        .collect();
    // Down each column (by the glyphs' horizontal middle), top first.
    let mid = |g: &Glyph| (g.bbox.x0 + g.bbox.x1) / 2.0;
    turned.sort_by(|&a, &b| {
        mid(&out[a])
            .total_cmp(&mid(&out[b]))
            .then(out[b].baseline.total_cmp(&out[a].baseline))
    });
    let mut columns: Vec<Vec<usize>> = Vec::new();
    for i in turned {
        let g = &out[i];
        match columns.last_mut() {
            Some(c)
                if c.last()
                    .is_some_and(|&j| (mid(&out[j]) - mid(g)).abs() <= 0.5 * g.size.max(1.0)) =>
            {
                c.push(i)
            }
            _ => columns.push(vec![i]),
        }
    }
    for mut col in columns {
        col.sort_by(|&a, &b| out[b].baseline.total_cmp(&out[a].baseline));
        // Runs: characters a character's advance apart (a wider gap parts two cells).
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for i in col {
            let g = &out[i];
            match runs.last_mut() {
                Some(r)
                    if r.last().is_some_and(|&j| {
                        out[j].baseline - g.baseline <= 1.3 * g.size.max(1.0)
                    }) =>
                {
                    r.push(i)
                }
                _ => runs.push(vec![i]),
            }
        }
        for run in runs.into_iter().filter(|r| r.len() >= 2) {
            let places: Vec<(Rect, f64)> = run
                .iter()
                .map(|&i| (out[i].bbox, out[i].baseline))
                .collect();
            for (&i, (bbox, baseline)) in run.iter().rev().zip(places) {
                out[i].bbox = bbox;
                out[i].baseline = baseline;
            }
        }
    }
    Some(out)
}

/// A page without ruled tables: titles (large single lines) as lines, the rest as
/// stream tables. `indicators` is updated when the page holds the indicator table;
/// `narrow` tells which narrow gaps are cell edges in this document.
pub(crate) fn page_items(
    glyphs: &[&Glyph],
    inherited: &[f64],
    indicators: &mut IndicatorTable,
    narrow: NarrowEdges,
) -> Vec<Item> {
    let turned = turned_back(glyphs);
    let refs: Vec<&Glyph>;
    let glyphs = match &turned {
        Some(gs) => {
            refs = gs.iter().collect();
            &refs[..]
        }
        None => glyphs,
    };
    let lines = pdf_lines(glyphs, narrow);
    if lines.is_empty() {
        return Vec::new();
    }
    let em = median(lines.iter().map(|(_, s)| *s).collect());
    let mut items = Vec::new();
    let mut body = Vec::new();
    // Where the title's centre is, once it is read: lines set centred under it at body
    // size (the year, 填报单位：…) are subtitles, not a table row. Taken in as the first
    // row, a centred subtitle lay over the value column and the label of the row below
    // (部门名称) was lifted to it, its value left label-less.
    let first_page = inherited.is_empty() && !indicators.on;
    let mut title_cx: Option<f64> = None;
    for (l, size) in lines {
        if size > 1.25 * em && l.chunks.len() == 1 {
            title_cx = first_page.then_some(l.bbox.cx());
            items.push(Item::Line(l.into_row()));
        } else if body.is_empty()
            && l.chunks.len() == 1
            && title_cx.is_some_and(|cx| (l.bbox.cx() - cx).abs() < em)
        {
            items.push(Item::Line(l.into_row()));
        } else {
            title_cx = None;
            body.push(l);
        }
    }
    let p = Params {
        em,
        min_col_gap: 0.4 * em,
        row_gap_extra: 0.2 * em,
        lone_gap: true,
        tight: false,
        cross_ratio: 4,
        split_tall: false,
        line_room: true,
        wrap_fill: true,
    };
    // The indicator table has a column grid of its own: lines of the sections above it
    // (merged cells spanning columns, other column edges) would cross its narrow column
    // gaps, so it is read as a table of its own. The sections above keep the columns
    // the whole page shows (a merged cell's label there needs the other rows' edges),
    // but for budget rows above the task header (see below).
    // Both take the line spacing of the whole page: the part of the indicator table at
    // a page end may have too few wrapped lines to show it.
    let inherited = snap_to_starts(inherited, &body, em);
    let inherited = inherited.as_slice();
    // On a page the indicator table goes on to, a level name merged over the columns to
    // its right crosses their gaps here too (see `merged_level_name`).
    let seps = if indicators.on {
        let merged = merged_over_carried(&body, inherited, em);
        let spans = |l: &Line, i: usize| {
            merged_level_name(l, i) || l.chunks.get(i).is_some_and(|c| merged.contains(&c.bbox))
        };
        separators_spanned(&body, &p, inherited, &spans)
    } else {
        // The indicator table may start below the rows above on this page: its level
        // names merged over the columns to its right cross the page's gaps as well (a
        // task table restarted after a page break, its amount on one line with the
        // outcome's, showed the amount's gap on that line alone, which 数量指标 over the
        // indicator header's columns outweighed: the amount glued into the outcome).
        let spans = |l: &Line, i: usize| merged_value(l, i) || merged_level_name(l, i);
        separators_spanned(&body, &p, inherited, &spans)
    };
    // One font sets every page's wrapped lines alike: a page going on with the
    // indicator table whose rows are all one line shows no line gap of its own (its
    // row gaps read as one, capped, and glue the rows), the page before did.
    let line_gap = usual_line_gap(&body, &seps, &p);
    let line_gap = match indicators.line_gap.filter(|_| indicators.on) {
        Some(before) => line_gap.min(before),
        None => line_gap,
    };
    let row_gap = line_gap + p.row_gap_extra;
    let cut = indicator_table_start(&body);
    let (above, below) = body.split_at(cut.unwrap_or(body.len()));
    let seps = if indicators.on {
        seps
    } else {
        let seps = amount_column(seps, above, inherited, &p);
        match cut {
            Some(_) => edges_of_rows_above(seps, above, inherited, &p),
            None => seps,
        }
    };
    // A form with the indicator table first goes on below it with other sections
    // under numbered titles (二、预算情况): they keep columns of their own, or their
    // row labels read as level names centred on rows with the title (its line taken
    // for a level-3 name's row).
    let after_at = cut.and_then(|_| {
        below.iter().skip(1).position(|l| {
            matches!(&l.chunks[..], [one] if crate::sections::is_numbered_section_title(&one.text))
        })
    });
    let (below, after) = below.split_at(after_at.map_or(below.len(), |i| i + 1));
    let level3 = level3_header_x(below).or(indicators.level3_x);
    // The task table below the budget rows has a grid of its own too: its many lines'
    // column gaps (the content column's right edge) would cut through the budget rows'
    // centred labels (按预算级次划分 starting left of such a gap, 收入来源 right of it, a
    // wrapped 拟用于对下转移支付资金 split over two columns). Where its header row is on
    // the page below other rows, those rows take the columns their own lines show; the
    // task rows keep the page's (the section label's column needs the rows above).
    // The section's label left of the header (年度重点工作任务, centred on the task rows)
    // may wrap onto lines above it, alone there: those lines of its cell (each a wrapped
    // line's distance above a line of it) go with the task rows (see `task_rows_top`).
    let line_gap = row_gap - p.row_gap_extra;
    let tasks_at = table_start(above, is_task_table_header)
        .map(|i| task_rows_top(above, i, &seps, row_gap, line_gap));
    // On a page going on from a stream table the rows above a task header are the rest
    // of the task rows before it (a new table after a page break of the form, the
    // section's label centred over both): they share its columns.
    let tasks_at = tasks_at.filter(|i| *i > 0 && inherited.is_empty());
    let (budget, tasks) = above.split_at(tasks_at.unwrap_or(above.len()));
    let budget_seps = match tasks_at {
        Some(_) => starts_in_gap(budget_separators(budget, &p, inherited), budget, &p),
        // A table's first page without a task header (a project form): the same
        // (its label column's gap may be narrow beside the wide gaps of value cells
        // centred on merged columns, whose middle lies right of where the goal starts).
        None if inherited.is_empty() => starts_in_gap(seps.clone(), budget, &p),
        None => seps.clone(),
    };
    let ind_above = indicators.on.then_some((indicators.level3_x, false));
    let task_seps = match tasks_at {
        Some(_) => own_task_columns(seps.clone(), tasks, &p),
        None => seps.clone(),
    };
    let parts = [
        (budget, budget_seps, ind_above),
        (tasks, task_seps, ind_above),
        (
            below,
            // A level name merged over the columns to the table's right edge is printed
            // centred on them, across their gaps: on a page with few indicator rows it
            // alone would erase one (see `spanning_cells`). It is a line's last chunk,
            // right of its level-1 name. That exemption lets a level-2 label that fills
            // its column, beside its level-1 name on the page's one line showing their
            // gap, widen the gap to the header's: the separator, mid-way, fell right of
            // where the label starts and glued it to the level-1 name (服务对象满意度指标
            // after 满意度指标): it moves left of text starting in the gap.
            starts_in_gap(
                label_column_gap(
                    separators_spanned(below, &p, &[], &merged_level_name),
                    below,
                    &p,
                ),
                below,
                &p,
            ),
            Some((level3, true)),
        ),
    ];
    // Each numbered section below the indicator table is a table of its own: a title
    // under a row's last cell would read as that cell's next line.
    let title = |l: &Line| matches!(&l.chunks[..], [one] if crate::sections::is_numbered_section_title(&one.text));
    let sections = after.chunk_by(|_, l| !title(l)).map(|part| {
        (
            part,
            starts_in_gap(budget_separators(part, &p, &[]), part, &p),
            None,
        )
    });
    // The first part on a page after a stream table's page may open with a cut row.
    let mut page_top = !inherited.is_empty();
    // Whether a part above on the page showed top-aligned cells (see `rows_in_columns`).
    let mut top_seen = false;
    let mut first_rows = indicators.on && indicators.first_rows;
    for (part, seps, ind) in parts.into_iter().chain(sections) {
        let (mut rows, xs) = table_rows(
            part,
            &p,
            seps,
            row_gap,
            ind,
            page_top && !part.is_empty(),
            &mut top_seen,
            &mut first_rows,
        );
        page_top &= part.is_empty();
        // Where each cell's text ends tells a row cut by the page end (all its cells run
        // to the last line) from a complete one (see `continues`).
        for c in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            c.text_y0 = (!c.text.is_empty()).then_some(c.bbox.y0);
        }
        if let Some(bbox) = rows.iter().map(|r| r.bbox).reduce(|a, b| a.union(&b)) {
            items.push(Item::Table { rows, bbox, xs });
        }
    }
    if !after.is_empty() {
        // The indicator table ended on this page.
        *indicators = IndicatorTable::default();
    } else if cut.is_some() {
        *indicators = IndicatorTable {
            on: true,
            level3_x: level3,
            line_gap: Some(line_gap),
            first_rows,
        };
    } else if indicators.on {
        indicators.first_rows = first_rows;
    }
    items
}

/// The page's column edges the rows above the indicator table take: not an edge of
/// the indicator table's own (its two target columns' gap) that text of those rows
/// runs across, on a line with other cells, and none of their lines shows, unless the
/// page before had it (a task's outcome carried on above the indicator header,
/// Chromium: the gap cut each of its lines from its column, so every line ended its
/// cell and the carried row fell apart). A line alone may be a cell merged over every
/// column (其他需完成的任务（可选填）) and says nothing of the edges it crosses.
fn edges_of_rows_above(seps: Vec<f64>, above: &[Line], inherited: &[f64], p: &Params) -> Vec<f64> {
    seps.into_iter()
        .filter(|&s| {
            let carried = inherited.iter().any(|i| (i - s).abs() < p.em);
            let crossed = above
                .iter()
                .filter(|l| l.chunks.len() >= 2)
                .flat_map(|l| &l.chunks)
                .any(|c| c.bbox.x0 < s && s < ink_x1(c));
            let shown = above.iter().any(|l| {
                l.chunks
                    .windows(2)
                    .any(|w| w[0].bbox.x1 <= s && s <= w[1].bbox.x0)
            });
            carried || !crossed || shown
        })
        .collect()
}

/// Whether a line of cell texts heads the task table: a task header row
/// (`sections::is_task_header`) that does not name its columns twice over. The budget
/// block's two sections side by side under a header naming each column (部门预算支出 |
/// 收入来源 over 项目 | 金额（万元） | 项目 | 金额（万元）) read as a task header too, and
/// cutting the page there left the budget's first header row, and the rows its
/// row-span label is centred on, out of the budget block; a task table's header never
/// repeats a pair of column names.
fn is_task_table_header(texts: &[&str]) -> bool {
    let repeats_pair = texts
        .windows(4)
        .any(|w| matches!(w, [a, b, c, d] if a.trim() == c.trim() && b.trim() == d.trim()));
    !repeats_pair && crate::sections::is_task_header(texts)
}

/// The task rows' columns where the page's put two cells of their header row (or two
/// amounts of a task line) in one column: lines above the task table crossing its
/// column gaps (an overall goal paragraph across the page, when the task header and a
/// single task share its page) outnumbered the few task lines showing them. The task rows then take the columns
/// their own lines show, keeping the page's separators left of the header's first cell
/// (the section label's column, which a label written one character per line, 竖排,
/// shows on the task lines themselves).
fn own_task_columns(seps: Vec<f64>, tasks: &[Line], p: &Params) -> Vec<f64> {
    let Some(at) = tasks.iter().position(|l| {
        let texts: Vec<&str> = l.chunks.iter().map(|c| c.text.as_str()).collect();
        is_task_table_header(&texts)
    }) else {
        return seps;
    };
    let Some(header) = tasks.get(at) else {
        return seps;
    };
    let cols: Vec<usize> = header
        .chunks
        .iter()
        .map(|c| col_of(&seps, c.bbox.x0))
        .collect();
    // A header cell wrapped round the header's line (拟投入的资金 / （万元）, centred on
    // the row, on the lines just above and below it) stands over no text of that line:
    // in a column with one of its cells, the two share one (the budget rows' amounts
    // above crossed the gap that the task rows' one content line beside an amount shows).
    let wrapped_glued = |seps: &[f64]| {
        [at.checked_sub(1), at.checked_add(1)]
            .into_iter()
            .flatten()
            .filter_map(|i| tasks.get(i))
            .filter(|l| {
                let gap = (l.bbox.cy() - header.bbox.cy()).abs() - l.bbox.height();
                gap <= MAX_LINE_GAP_EMS * p.em
            })
            .flat_map(|l| &l.chunks)
            .filter(|w| {
                !header
                    .chunks
                    .iter()
                    .any(|h| w.bbox.x0 < h.bbox.x1 && h.bbox.x0 < w.bbox.x1)
            })
            .any(|w| {
                header
                    .chunks
                    .iter()
                    .any(|h| col_of(seps, h.bbox.x0) == col_of(seps, w.bbox.x0))
            })
    };
    // A task line whose amounts the page's columns put two in one column (amount
    // columns under a merged 预算金额 header, narrower than the indicator table's
    // target column below them, whose text crosses their gap).
    let amounts_glued = tasks.iter().any(|l| {
        l.chunks.windows(2).any(|w| {
            col_of(&seps, w[0].bbox.x0) == col_of(&seps, w[1].bbox.x0)
                && crate::value::is_amount(w[0].text.trim())
                && crate::value::is_amount(w[1].text.trim())
        })
    });
    if cols.windows(2).all(|w| w[0] != w[1]) && !amounts_glued && !wrapped_glued(&seps) {
        return seps;
    }
    // The header's first cell: its first chunk of more than one character (a label
    // written one character per line puts one on the header's line).
    let first = header
        .chunks
        .iter()
        .find(|c| c.ink_chars() > 1)
        .map_or(f64::INFINITY, |c| c.bbox.x0);
    let left: Vec<f64> = seps.iter().copied().filter(|s| *s < first).collect();
    let own = separators(tasks, p, &left);
    // (The wrapped cell, centred, may start left of the middle of the gap its column's
    // text shows.)
    let own = if wrapped_glued(&own) {
        starts_in_gap(own, tasks, p)
    } else {
        own
    };
    let own_cols: Vec<usize> = header
        .chunks
        .iter()
        .map(|c| col_of(&own, c.bbox.x0))
        .collect();
    if own_cols.windows(2).all(|w| w[0] != w[1]) && !wrapped_glued(&own) {
        own
    } else {
        seps
    }
}

/// The first line of the task rows whose header row is line `i` of `above`: the header
/// itself, or a line above it holding only the start of the section label's cell (see
/// `page_items`) or a taller header cell (see [`header_line_above`]). Not a line of one
/// character: a label written one character per line (竖排) stays inside its span, and
/// a character above the header row is the label of the section above (总体绩效目标
/// taller than the overall goal beside it, its last characters alone on their lines).
fn task_rows_top(above: &[Line], mut i: usize, seps: &[f64], row_gap: f64, line_gap: f64) -> usize {
    let first_col = |c: &Chunk| seps.first().is_some_and(|s| c.bbox.x1 <= *s);
    let one_char = |l: &Line| {
        l.chunks
            .iter()
            .flat_map(|c| c.text.chars())
            .filter(|ch| !ch.is_whitespace())
            .count()
            == 1
    };
    let wraps_onto = |upper: &Line, lower: &Line| {
        upper.chunks.iter().all(first_col)
            && lower
                .chunks
                .iter()
                .any(|c| first_col(c) && upper.bbox.y0 - c.bbox.y1 <= row_gap)
    };
    while i > 0
        && above.get(i - 1).zip(above.get(i)).is_some_and(|(u, l)| {
            !one_char(u) && (wraps_onto(u, l) || header_line_above(u, l, line_gap))
        })
    {
        i -= 1;
    }
    i
}

/// Whether `upper`, the line above `lower` in a header row, belongs to that row: a
/// header cell taller than the row's other cells (a merged 预算金额（万元） over the
/// amount parts named on the row's second line, the first line of a header wrapped onto
/// more lines than the others) starts above the line that reads as the header, where
/// the cells beside it are centred. Its line is no farther above the next than wrapped
/// lines are (rows are farther apart: a cell's padding above and below), and its text
/// stands over none of the next line's (it is a cell of its own, not the line above a
/// row's wrapped text). A header cell names a column: a line with sentence punctuation
/// is the last line of the paragraph above (the overall goal's `…深度融合。`, a line
/// pitch above a header cell wrapped onto the line before the others).
fn header_line_above(upper: &Line, lower: &Line, line_gap: f64) -> bool {
    let overlaps = |a: &Chunk| {
        lower
            .chunks
            .iter()
            .any(|b| a.bbox.x0 < b.bbox.x1 && b.bbox.x0 < a.bbox.x1)
    };
    let prose = upper
        .chunks
        .iter()
        .any(|c| c.text.contains(['，', '。', '；', ',', ';']));
    upper.bbox.y0 - lower.bbox.y1 <= line_gap && !upper.chunks.iter().any(overlaps) && !prose
}

/// A separator set mid-gap may lie right of where a cell's text starts inside that gap
/// (budget rows of other column grids: the overall goal's lines start left of the middle
/// of the gap the budget rows show). Where text starts in the clear stretch right of
/// every text ending left of a separator, the separator moves to the middle of the
/// stretch before it, so that text is read in the column right of it.
fn starts_in_gap(mut seps: Vec<f64>, lines: &[Line], p: &Params) -> Vec<f64> {
    let chunks = || lines.iter().flat_map(|l| &l.chunks);
    for i in 0..seps.len() {
        let Some(s) = seps.get(i).copied() else {
            continue;
        };
        let prev = i.checked_sub(1).and_then(|k| seps.get(k)).copied();
        let left_end = chunks()
            .map(|c| c.bbox.x1)
            .filter(|x1| *x1 <= s && prev.is_none_or(|q| *x1 > q))
            .fold(f64::NEG_INFINITY, f64::max);
        if !left_end.is_finite() {
            continue;
        }
        let start = chunks()
            .map(|c| c.bbox.x0)
            .filter(|x0| *x0 > left_end && *x0 < s)
            .fold(f64::INFINITY, f64::min);
        if start.is_finite() && start - left_end >= p.min_col_gap {
            if let Some(slot) = seps.get_mut(i) {
                *slot = (left_end + start) / 2.0;
            }
        }
    }
    seps
}

/// A carried-over column edge that cuts through amounts (a task table restarted after
/// a page break with narrower columns, where each amount shares its line with the
/// outcome beside it, so no line shows the gap left of it and [`lone_column`] does not
/// apply): where every text across it reads as an amount, those amounts are a column of
/// their own, bounded by the clear gaps on their two sides. Above the indicator table
/// only: its targets hold bare numbers too, and its columns are its own.
fn amount_column(mut seps: Vec<f64>, lines: &[Line], inherited: &[f64], p: &Params) -> Vec<f64> {
    let boxes = || lines.iter().flat_map(|l| &l.chunks).map(|c| c.bbox);
    for s in inherited {
        let Some(i) = seps.iter().position(|x| x == s) else {
            continue;
        };
        let crossing: Vec<&Chunk> = lines
            .iter()
            .flat_map(|l| &l.chunks)
            .filter(|c| c.bbox.x0 < *s && *s < c.bbox.x1)
            .collect();
        if crossing.is_empty() || !crossing.iter().all(|c| crate::value::is_amount(&c.text)) {
            continue;
        }
        let crossing: Vec<Rect> = crossing.iter().map(|c| c.bbox).collect();
        let Some((m1, m2)) = clear_band_edges(boxes, &crossing, p.min_col_gap) else {
            continue;
        };
        // Only where no edge marks the gap left of the amounts: where one does, the page
        // shows that column itself, and the carried-over edge inside it is left alone.
        if seps.iter().any(|o| (o - m1).abs() < p.em) {
            continue;
        }
        seps.remove(i);
        for m in [m1, m2] {
            if !seps.iter().any(|o| (o - m).abs() < p.em) {
                seps.push(m);
            }
        }
        seps.sort_by(f64::total_cmp);
    }
    seps
}

/// Whether chunk `i` of line `l` is a level name merged over the columns to the
/// indicator table's right edge, printed centred on them across their gaps: a framework
/// name that is its line's last chunk, right of its level-1 name. On a page with few
/// indicator rows it alone would erase a column gap (see `spanning_cells`).
fn merged_level_name(l: &Line, i: usize) -> bool {
    i > 0
        && i + 1 == l.chunks.len()
        && l.chunks
            .get(i)
            .is_some_and(|c| crate::sections::is_framework_name(&c.text))
}

/// On a page the indicator table goes on to, the boxes of cells merged over the columns
/// on both sides of a carried-over separator: a row of fewer cells than the table has
/// its last cell merged over the columns it leaves empty and centred on them (one
/// target for both periods). Two or more of them, rows in grids of their own,
/// outweighed the rows showing the edge between the two target columns, whose targets
/// then glued (xianyou's borderless rendition). A line's last chunk across the
/// separator is such a cell where another one across it is centred on the same x (to
/// half an em), at least two lines of the page show the separator's gap, and its line
/// holds fewer chunks than each of those (a column's own centred text, under an edge the
/// page no longer keeps, sits in lines as full as the others).
fn merged_over_carried(lines: &[Line], inherited: &[f64], em: f64) -> Vec<Rect> {
    let across = |b: &Rect, s: f64| b.x0 < s && s < b.x1;
    // Per carried-over separator, the fewest chunks of the lines showing its gap.
    let shown: Vec<(f64, usize)> = inherited
        .iter()
        .filter_map(|s| {
            let showing: Vec<usize> = lines
                .iter()
                .filter(|l| {
                    l.chunks
                        .windows(2)
                        .any(|w| w[0].bbox.x1 < *s && *s < w[1].bbox.x0)
                })
                .map(|l| l.chunks.len())
                .collect();
            (showing.len() >= 2).then(|| (*s, showing.into_iter().min().unwrap_or(0)))
        })
        .collect();
    let lasts: Vec<(Rect, usize)> = lines
        .iter()
        .filter(|l| l.chunks.len() >= 2)
        .filter_map(|l| l.chunks.last().map(|c| (c.bbox, l.chunks.len())))
        .collect();
    let centred_with = |b: &Rect, s: f64| {
        lasts
            .iter()
            .filter(|(o, _)| across(o, s) && (o.cx() - b.cx()).abs() <= 0.5 * em)
            .count()
            >= 2
    };
    lasts
        .iter()
        .filter(|(b, n)| {
            shown
                .iter()
                .any(|(s, fewest)| n < fewest && across(b, *s) && centred_with(b, *s))
        })
        .map(|(b, _)| *b)
        .collect()
}

/// Whether chunk `i` of line `l` is the value of a one-value section (the department's
/// name, the overall goal) beside its label, the line's only other chunk: the form
/// merges it over every column right of the label, so it crosses their gaps. Where it is
/// set flush left in its merged cell (fpdf2) it runs across the first value column's
/// gap, and on a page with few budget rows, it and the goal's first line alone would
/// outweigh the rows showing that gap.
fn merged_value(l: &Line, i: usize) -> bool {
    i == 1
        && l.chunks.len() == 2
        && l.chunks
            .first()
            .is_some_and(|c| crate::sections::is_merged_value_label(&c.text))
}

/// The budget rows' column separators (see [`merged_value`]). A row of two cells (a
/// label and one value, 按预算级次划分 | 预算金额（元）) in a table of five columns has its
/// value merged over the four value columns and centred there, across their gaps: three
/// such rows under two budget rows outweighed the rows showing the gap between
/// 预算金额（元） and 收入来源 (xianyou's borderless rendition). A line's second and last
/// chunk centred, to half an em, on the stretch from the first separator to the rows'
/// right end crosses no gap either.
fn budget_separators(lines: &[Line], p: &Params, inherited: &[f64]) -> Vec<f64> {
    let seps = separators_spanned(lines, p, inherited, &merged_value);
    let (Some(left), Some(right)) = (
        seps.first().copied(),
        lines.iter().map(|l| l.bbox.x1).reduce(f64::max),
    ) else {
        return seps;
    };
    let middle = (left + right) / 2.0;
    let paragraph = merged_paragraph(lines, left, right, p.em);
    let centred = |l: &Line, i: usize| {
        merged_value(l, i)
            || l.chunks.get(i).is_some_and(|c| paragraph.contains(&c.bbox))
            || (i == 1
                && l.chunks.len() == 2
                && l.chunks
                    .get(1)
                    .is_some_and(|c| (c.bbox.cx() - middle).abs() <= 0.5 * p.em))
    };
    separators_spanned(lines, p, inherited, &centred)
}

/// The lines of a paragraph merged over every value column (the overall goal beside
/// its label, or over the columns right of the row's first cell), as chunk boxes: a
/// line's last chunk that starts right of the first separator `left` and runs to the
/// rows' right end `right` (within an em), and the lines wrapped under it (starting
/// where it starts, a wrapped line's distance below). Where the label is too long for
/// its column (总体绩效目 / 标 in a table of many columns) [`merged_value`] does not
/// know it, and the paragraph's two lines outweighed the two budget rows showing the
/// gap between 预算金额 and 收入来源.
fn merged_paragraph(lines: &[Line], left: f64, right: f64, em: f64) -> Vec<Rect> {
    // (A wrapped line below the label's last line is alone on its line. The paragraph
    // may be the last of a row's cells, merged from a later column: beside the label and
    // a cell of the first value column, 部门职能 | 年度主要任务.)
    let last = |l: &Line| l.chunks.last().map(|c| c.bbox);
    let mut out: Vec<Rect> = Vec::new();
    let mut open: Option<Rect> = None;
    for l in lines {
        let Some(b) = last(l) else {
            open = None;
            continue;
        };
        let wrapped = open.is_some_and(|o| {
            (b.x0 - o.x0).abs() <= 0.25 * em && b.y1 < o.y0 && o.y0 - b.y1 <= MAX_LINE_GAP_EMS * em
        });
        let full = b.x0 > left && right - b.x1 <= em;
        if wrapped || full {
            out.push(b);
            open = Some(b);
        } else {
            open = None;
        }
    }
    out
}

/// How far (ems) left of a carried-over column edge a text may start and still be the
/// column's own: a cell's text starts a padding right of its column's edge, the edge
/// found on the page before sits mid-gap, and a cell filling its column (a level-2 name
/// as wide as the column) starts left of that middle.
const EDGE_SNAP_EMS: f64 = 0.25;

/// The previous page's column edges moved left of the texts that start just left of
/// them and run across them (see [`EDGE_SNAP_EMS`]), so those texts stay in the column
/// they fill; an edge moves only where no text ends between its new and old places.
fn snap_to_starts(inherited: &[f64], lines: &[Line], em: f64) -> Vec<f64> {
    let chunks = || lines.iter().flat_map(|l| &l.chunks).map(|c| c.bbox);
    inherited
        .iter()
        .map(|&s| {
            let start = chunks()
                .filter(|b| s - EDGE_SNAP_EMS * em <= b.x0 && b.x0 < s && s < b.x1)
                .map(|b| b.x0)
                .fold(f64::INFINITY, f64::min);
            // Just left of that start (glyph boxes are not exact).
            let to = start - 0.05 * em;
            let clear = start.is_finite() && !chunks().any(|b| to < b.x1 && b.x1 <= s);
            if clear {
                to
            } else {
                s
            }
        })
        .collect()
}

/// The indicator table's first column may hold one label only (绩效指标, merged down
/// the whole table and printed centred on it, alone on its line): no line shows the gap
/// right of it, and the level-1 column's labels would join its column. A clear stretch
/// left of the first separator, at least a column gap wide, crossed by no text and with
/// text on both sides, is that gap (its middle a separator).
fn label_column_gap(mut seps: Vec<f64>, lines: &[Line], p: &Params) -> Vec<f64> {
    let Some(first) = seps.first().copied() else {
        return seps;
    };
    let mut boxes: Vec<Rect> = lines
        .iter()
        .flat_map(|l| &l.chunks)
        .map(|c| c.bbox)
        .filter(|b| b.x0 < first)
        .collect();
    boxes.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // Sweep left to right: a stretch between the rightmost end so far and the next start.
    let mut reach = f64::NEG_INFINITY;
    let mut best: Option<(f64, f64)> = None;
    for b in &boxes {
        let wider = best.is_none_or(|(a, z)| b.x0 - reach > z - a);
        if reach.is_finite() && b.x0 - reach >= p.min_col_gap && wider {
            best = Some((reach, b.x0));
        }
        reach = reach.max(b.x1);
    }
    if let Some((a, z)) = best {
        seps.insert(0, (a + z) / 2.0);
    }
    seps
}

/// The centre of the indicator table's level-3 header (三级指标), in its header lines.
fn level3_header_x(lines: &[Line]) -> Option<f64> {
    lines.iter().take(4).find_map(|l| {
        l.chunks
            .iter()
            .find(|c| {
                c.text
                    .chars()
                    .filter(|ch| !ch.is_whitespace())
                    .collect::<String>()
                    == "三级指标"
            })
            .map(|c| c.bbox.cx())
    })
}

/// The first line of the indicator table's header row: a line whose chunks read as that
/// header, with the lines of wrapped header cells standing above it (a cell two lines
/// tall is centred on the row, so its first line overlaps the header line).
fn indicator_table_start(lines: &[Line]) -> Option<usize> {
    table_start(lines, crate::sections::is_indicator_header)
}

/// The first line of the header row `is_header` reads (see [`indicator_table_start`]).
fn table_start(lines: &[Line], is_header: fn(&[&str]) -> bool) -> Option<usize> {
    let i = lines.iter().position(|l| {
        let texts: Vec<&str> = l.chunks.iter().map(|c| c.text.as_str()).collect();
        is_header(&texts)
    })?;
    let top = lines.get(i)?.bbox.y1;
    let mut start = i;
    while start > 0 && lines.get(start - 1).is_some_and(|l| l.bbox.y0 < top) {
        start -= 1;
    }
    Some(start)
}

// ---------------------------------------------------------------- layout text

pub use super::layout_text::grid_from_layout_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_line_continues_its_cell() {
        // A label wrapped before its closing bracket, a bracket left open above.
        assert!(continues_cell("项目资金（万元", "）"));
        assert!(continues_cell("预算整体情况（خامچ", "وت ئەھۋالى）"));
        assert!(continues_cell("落实政策", "，加强监管"));
        // Fresh cells: a list item's number, a bracket closed above, no bracket at all.
        assert!(!continues_cell("（1）受理申请", "1）组织鉴定"));
        assert!(!continues_cell("项目资金（万元）", "资金总额（万元）"));
        assert!(!continues_cell("项目资金", "资金总额"));
    }

    /// A LibreOffice page's parameters at 10.5 pt, as the separator tests use them.
    fn page_params() -> Params {
        Params {
            em: 10.5,
            min_col_gap: 4.2,
            row_gap_extra: 2.1,
            lone_gap: true,
            tight: false,
            cross_ratio: 4,
            split_tall: false,
            line_room: true,
            wrap_fill: false,
        }
    }

    /// A text line of the page, 10.5 pt high, without chunks (only its extent counts).
    fn line(x0: f64, x1: f64, y0: f64) -> Line {
        Line {
            chunks: Vec::new(),
            bbox: Rect::new(x0, y0, x1, y0 + 10.5),
        }
    }

    /// A chunk of text 10.5 pt high.
    fn chunk(text: &str, x0: f64, x1: f64, y0: f64) -> Chunk {
        Chunk {
            text: text.to_string(),
            bbox: Rect::new(x0, y0, x1, y0 + 10.5),
        }
    }

    /// A text line of these chunks.
    fn chunk_line(chunks: Vec<Chunk>) -> Line {
        let bbox = chunks
            .iter()
            .map(|c| c.bbox)
            .reduce(|a, b| a.union(&b))
            .unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0));
        Line { chunks, bbox }
    }

    fn block(col: usize, text: &str, x0: f64, x1: f64, y0: f64, line: usize) -> Block {
        let bbox = Rect::new(x0, y0, x1, y0 + 10.5);
        Block {
            col,
            parts: vec![(
                line,
                Chunk {
                    text: text.to_string(),
                    bbox,
                },
            )],
            bbox,
            lines: 1,
        }
    }

    /// A block of `texts`, one per line from line `first` down, 12 apart from y 700.
    fn tall(col: usize, first: usize, texts: &[&str]) -> Block {
        let parts: Vec<(usize, Chunk)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let y0 = 700.0 - 12.0 * (first + i) as f64;
                let x0 = 100.0 * col as f64;
                let chunk = Chunk {
                    text: t.to_string(),
                    bbox: Rect::new(x0, y0, x0 + 80.0, y0 + 9.0),
                };
                (first + i, chunk)
            })
            .collect();
        part_block(col, parts).expect("parts")
    }

    /// The task rows start at their header row, not at the lines of one character above
    /// it: a section label written one character per line (总体绩效目标) taller than the
    /// overall goal beside it runs on below the goal's last line, down to the header.
    /// A section label wrapped onto lines above the header (年度重点 / 工作任务, centred on
    /// the task rows) still goes with them.
    #[test]
    fn task_rows_start_below_a_vertical_label_above_their_header() {
        let header = chunk_line(vec![
            chunk("名称", 25.0, 50.0, 52.0),
            chunk("主要实施内容", 60.0, 120.0, 52.0),
            chunk("拟投入的资金（万元）", 130.0, 190.0, 52.0),
            chunk("期望达到的目标（概述）", 200.0, 280.0, 52.0),
        ]);
        let seps = [20.0, 55.0, 125.0, 195.0];
        let vertical = vec![
            chunk_line(vec![
                chunk("总", 5.0, 15.0, 100.0),
                chunk("坚持教育优先发展", 25.0, 300.0, 100.0),
            ]),
            chunk_line(vec![
                chunk("体", 5.0, 15.0, 88.0),
                chunk("办好人民满意的教育。", 25.0, 200.0, 88.0),
            ]),
            chunk_line(vec![chunk("绩", 5.0, 15.0, 76.0)]),
            chunk_line(vec![chunk("效", 5.0, 15.0, 64.0)]),
            header.clone(),
        ];
        assert_eq!(task_rows_top(&vertical, 4, &seps, 3.0, 2.0), 4);
        let wrapped = vec![
            chunk_line(vec![chunk("坚持教育优先发展", 25.0, 300.0, 95.0)]),
            chunk_line(vec![chunk("年度重点", 2.0, 18.0, 76.0)]),
            chunk_line(vec![chunk("工作任务", 2.0, 18.0, 64.0)]),
            header,
        ];
        assert_eq!(task_rows_top(&wrapped, 3, &seps, 3.0, 2.0), 1);
    }

    /// A header cell wrapped onto the line above the others (期望达到的目标（ / 概述）)
    /// takes that line into the task rows, but not the overall goal's last line a line
    /// pitch above it, beside no header text (fpdf2 sets rows a line apart): that line
    /// ends a sentence, which no column name does.
    #[test]
    fn goal_line_above_a_wrapped_header_cell_stays_with_the_goal() {
        let seps = [20.0, 55.0, 125.0, 195.0];
        let lines = vec![
            chunk_line(vec![chunk("坚持以人民为中心的发展思", 25.0, 300.0, 88.0)]),
            chunk_line(vec![chunk("想，促进产业链深度融合。", 25.0, 110.0, 76.0)]),
            chunk_line(vec![chunk("期望达到的目标（", 200.0, 260.0, 64.0)]),
            chunk_line(vec![
                chunk("名称", 25.0, 50.0, 58.0),
                chunk("主要实施内容", 60.0, 120.0, 58.0),
                chunk("拟投入的资金（万元）", 130.0, 190.0, 58.0),
            ]),
            chunk_line(vec![chunk("概述）", 200.0, 230.0, 52.0)]),
        ];
        assert_eq!(task_rows_top(&lines, 3, &seps, 5.0, 4.0), 2);
    }

    /// On a page the task table goes on to, above the indicator table, the page's edge
    /// between the two target columns below cuts the carried outcome's lines (beside the
    /// content's, Chromium) from their column: those rows do not take it. A line alone
    /// (a section label merged over every column) crossing an edge keeps it, and so do
    /// the page before's edges and those a line of the rows shows.
    #[test]
    fn rows_above_the_indicator_table_drop_its_edges_their_text_crosses() {
        let p = page_params();
        let above = vec![
            chunk_line(vec![
                chunk("培训活动，发挥政府引", 199.0, 299.0, 752.0),
                chunk("成。一是加强系统部署，提升整体能力。", 395.0, 575.0, 752.0),
            ]),
            chunk_line(vec![
                chunk("导、市场服务的作用，", 199.0, 299.0, 737.0),
                chunk("三是优化服务环境，增强群众获得感。", 395.0, 565.0, 737.0),
            ]),
            chunk_line(vec![chunk(
                "其他需完成的任务（可选填）",
                35.0,
                330.0,
                720.0,
            )]),
        ];
        let inherited = [111.0, 192.7, 305.5, 391.0];
        let seps = vec![111.0, 192.7, 305.5, 391.0, 481.7];
        assert_eq!(
            edges_of_rows_above(seps, &above, &inherited, &p),
            vec![111.0, 192.7, 305.5, 391.0]
        );
        // Nothing carried: the label alone on its line crosses 150 and 305.5 and drops
        // neither.
        let seps = vec![150.0, 305.5, 481.7];
        assert_eq!(
            edges_of_rows_above(seps, &above, &[], &p),
            vec![150.0, 305.5]
        );
    }

    /// Word's default borderless table: a task row's cells all start on its first line
    /// (top-aligned), and where the name above filled its column, the next row's name
    /// went on in it: the content column's new cell there cuts it. fpdf2 centres a row's
    /// shorter cells on it, and rows of one line whose first cell filled its line glue
    /// as well: those tell neither.
    #[test]
    fn top_aligned_rows_are_cut_where_a_cell_starts() {
        // A clean top-aligned row: its name wraps, the other cells start beside it.
        assert!(top_aligned(&[
            tall(0, 0, &["学前教育普惠发", "展"]),
            tall(1, 0, &["新建、改扩建公办幼", "儿园。", "增加学位供给。"]),
            tall(2, 0, &["21,360.00"]),
        ]));
        // The next row's name under a name filling its column went on in it.
        let glued = vec![
            tall(0, 0, &["学前教育普惠发展", "义务教育优质均衡"]),
            tall(1, 0, &["新建幼儿园。"]),
            tall(2, 0, &["21,360.00"]),
            tall(1, 1, &["推进标准化建设。"]),
            tall(2, 1, &["38,275.40"]),
        ];
        let names: Vec<String> = split_at_row_starts(glued, None)
            .iter()
            .filter(|b| b.col == 0)
            .map(|b| b.text(false))
            .collect();
        assert_eq!(names, ["学前教育普惠发展", "义务教育优质均衡"]);
        // fpdf2: the amount centred on the two-line content, and two glued rows.
        let fpdf = [
            tall(1, 0, &["围绕国家急需领域", "开展研究。", "加强合作。"]),
            tall(2, 1, &["70,640.76"]),
            tall(0, 4, &["基本支出", "项目支出"]),
            tall(1, 4, &["4,993.80"]),
            tall(1, 5, &["401.77"]),
        ];
        assert!(!top_aligned(&fpdf));
    }

    /// A bare amount under a line ending in words is the next row's cell; a list number
    /// or the rest of a full-width amount goes on.
    #[test]
    fn an_amount_never_goes_on_words() {
        assert!(amount_after_words("预算金额（万元）", "426,732.64"));
        assert!(amount_after_words("事业发展性支出", "0.00"));
        assert!(!amount_after_words("…不超过104亿元。", "2."));
        assert!(!amount_after_words("１４７，９７９．", "１３"));
        assert!(!amount_after_words("开展项目数量≥", "800"));
    }

    /// Two whole values (amounts, percentages) on successive lines are two cells unless
    /// they join into one number (one wrapped over two lines).
    #[test]
    fn two_amounts_that_do_not_join_are_two_cells() {
        assert!(two_amounts("1,180.00", "60.00"));
        assert!(two_amounts("760.00", "640.00"));
        assert!(two_amounts("1,180", "60"));
        assert!(!two_amounts("１４７，９７９．", "１３"));
        assert!(!two_amounts("12,345,67", "8.00"));
        assert!(!two_amounts("带动妇女就业", "800"));
        assert!(!two_amounts("2.", "3."));
        assert!(two_amounts("100%", "100%"));
        assert!(two_amounts("100%", "≥90%"));
        assert!(two_amounts("≥90%", "95"));
        assert!(!two_amounts("开展项目数量≥", "800"));
        assert!(!two_amounts("≥", "90%"));
        assert!(one_number("1,234,567.89") && one_number("760640") && !one_number("1,2345"));
    }

    /// Under the indicator table's last row (value text down to y 300), a signature
    /// line in the level columns is a row of its own; a level name printed there (its
    /// span going on to the next page), or a label beside the rows, stays a label.
    #[test]
    fn signature_line_below_the_last_row_is_no_row_span_label() {
        let all = vec![
            block(3, "农户满意度", 270.0, 320.0, 300.0, 0),
            block(4, "≥90%", 350.0, 380.0, 300.0, 0),
            block(0, "填报人：王五", 60.0, 115.0, 270.0, 2),
            block(1, "联系电话：0574", 130.0, 190.0, 280.0, 1),
            block(1, "产出指标", 130.0, 180.0, 270.0, 2),
            block(1, "满意度指标", 130.0, 185.0, 300.0, 0),
        ];
        let below: Vec<bool> = all
            .iter()
            .map(|b| below_value_columns(b, &all, 3, 10.5))
            .collect();
        assert_eq!(below, [false, false, true, true, false, false]);
    }

    /// A cell that fills its column on a continued page (a long level-2 name) narrows
    /// that column's gap: the gap's middle lies more than an em from the previous page's
    /// separator, with no text starting between the two. They are one edge, not two:
    /// the page keeps the previous page's columns.
    /// Budget rows of other column grids (xianyou's borderless rendition): the gap the
    /// budget rows show between their labels and amounts runs from 134.1 to 160.8, and
    /// its middle lies right of where the overall goal's lines start (144.2). The goal
    /// is read right of the label column, not glued to 总体绩效目标.
    #[test]
    fn text_starting_inside_a_gap_is_right_of_its_separator() {
        let p = page_params();
        let lines = vec![
            chunk_line(vec![
                chunk("基本支出", 76.4, 118.4, 660.0),
                chunk("12 468 350.00", 160.8, 227.1, 660.0),
                chunk("财政拨款", 268.2, 310.2, 660.0),
            ]),
            chunk_line(vec![
                chunk("按预算级次划分", 60.6, 134.1, 640.0),
                chunk("预算金额（元）", 304.4, 377.9, 640.0),
            ]),
            chunk_line(vec![
                chunk("县本级使用资金", 60.6, 134.1, 620.0),
                chunk("31 120 000.00", 308.4, 373.8, 620.0),
            ]),
            chunk_line(vec![chunk(
                "落实藏粮于地、藏粮于技战略",
                144.2,
                537.8,
                600.0,
            )]),
            chunk_line(vec![chunk("总体绩效目标", 65.9, 128.9, 591.0)]),
        ];
        let seps = starts_in_gap(separators(&lines, &p, &[]), &lines, &p);
        assert_eq!(col_of(&seps, 144.2), 1, "{seps:?}");
        assert_eq!(col_of(&seps, 60.6), 0, "{seps:?}");
        assert_eq!(col_of(&seps, 160.8), 1, "{seps:?}");
    }

    #[test]
    fn narrowed_gap_keeps_the_previous_pages_separator() {
        let lines = [
            chunk_line(vec![
                chunk("效益指标", 10.0, 90.0, 700.0),
                chunk("服务对象满意度指", 105.0, 195.0, 700.0),
                chunk("严格控制项目成本", 215.0, 300.0, 700.0),
            ]),
            chunk_line(vec![
                chunk("满意度指标", 10.0, 90.0, 680.0),
                chunk("社会效益指标", 110.0, 150.0, 680.0),
                chunk("带动社会投资", 215.0, 300.0, 680.0),
            ]),
        ];
        let p = page_params();
        assert_eq!(separators(&lines, &p, &[100.0, 190.0]), vec![100.0, 190.0]);
        // Without separators carried over, the gap's middle.
        assert_eq!(separators(&lines, &p, &[]), vec![97.5, 205.0]);
    }

    /// The same on a page of a browser's table, whose column is as wide as its longest
    /// name on any page: that name, on this page only, narrows the gap by two and a half
    /// ems, and the text crossing the carried-over edge is that name alone.
    #[test]
    fn gap_narrowed_by_a_longer_name_keeps_the_previous_pages_separator() {
        let lines = [
            chunk_line(vec![
                chunk("满意度指标", 10.0, 60.0, 700.0),
                chunk("服务对象满意度指标", 70.0, 120.0, 700.0),
                chunk("学生及家长满意度", 135.0, 200.0, 700.0),
            ]),
            chunk_line(vec![
                chunk("可持续影响指标", 70.0, 95.0, 680.0),
                chunk("教育信息化应用水", 135.0, 200.0, 680.0),
            ]),
        ];
        let p = page_params();
        assert_eq!(separators(&lines, &p, &[65.0, 100.0]), vec![65.0, 100.0]);
    }

    /// A page holding only the rest of a target cut by the page end: one of its lines is
    /// justified, its characters spread (不 低 于 5515). Those gaps are no new columns:
    /// the page keeps the previous page's, so the stitcher can join the rest to its row.
    #[test]
    fn letter_spaced_line_on_a_continued_page_adds_no_columns() {
        let lines = [
            chunk_line(vec![chunk("术企业认定数", 465.5, 528.5, 750.0)]),
            chunk_line(vec![
                chunk("不", 465.5, 476.0, 733.0),
                chunk("低", 482.0, 492.5, 733.0),
                chunk("于", 498.5, 509.0, 733.0),
                chunk("5515", 515.0, 538.0, 733.0),
            ]),
            chunk_line(vec![chunk("家。", 465.5, 486.5, 716.0)]),
        ];
        let p = page_params();
        let carried = [129.0, 225.75, 338.25, 460.2];
        assert_eq!(separators(&lines, &p, &carried), carried.to_vec());
    }

    /// The rest of a target opening a continued page, one line justified with a gap
    /// beside a short piece (`次＞33` `万人`, reaching the cell's right edge as its full
    /// line above does): no new column, though only one piece is short.
    #[test]
    fn justified_gap_beside_a_short_piece_on_a_continued_page_adds_no_column() {
        let lines = [
            chunk_line(vec![chunk("盖街镇数量＞7", 465.5, 538.2, 755.6)]),
            chunk_line(vec![chunk("1个。3. 培训人", 465.5, 538.1, 738.3)]),
            chunk_line(vec![
                chunk("次＞33", 465.5, 506.5, 720.9),
                chunk("万人", 512.9, 538.1, 720.9),
            ]),
            chunk_line(vec![chunk("次。", 465.5, 486.5, 703.6)]),
        ];
        let p = page_params();
        let carried = [130.9, 226.35, 343.37, 461.94];
        assert_eq!(separators(&lines, &p, &carried), carried.to_vec());
        // On a table's first page the gap is one: nothing says the line is wrapped.
        assert_eq!(separators(&lines, &p, &[]).len(), 1);
    }

    /// A justified line of three pieces (`不低于` `332` `亿`, the rest of a target opening
    /// a continued page): the gap left of the short middle piece is no column edge
    /// either, the line running on through the last piece to the column's edge.
    #[test]
    fn justified_line_of_three_pieces_on_a_continued_page_adds_no_column() {
        let lines = [
            chunk_line(vec![chunk("5家。2. 合作银", 377.2, 454.2, 755.6)]),
            chunk_line(vec![chunk("行发放贷款金额", 377.2, 454.3, 738.3)]),
            chunk_line(vec![chunk("亿元。", 461.1, 492.6, 729.6)]),
            chunk_line(vec![
                chunk("不低于", 377.2, 415.4, 720.9),
                chunk("332", 420.8, 438.3, 720.9),
                chunk("亿", 443.8, 454.3, 720.9),
            ]),
            chunk_line(vec![chunk("元。", 377.2, 398.2, 703.6)]),
        ];
        let p = page_params();
        let carried = [126.1, 205.55, 285.95, 373.73, 457.73];
        assert_eq!(separators(&lines, &p, &carried), carried.to_vec());
    }

    /// Such a justified line in a middle column, below which the next line shows that
    /// column's gap on both sides (`元。` `元。`): the justified line crosses its own gap
    /// there, so the two lines do not add up to a column edge inside the carried column.
    #[test]
    fn justified_gap_crosses_the_gap_a_line_below_shows() {
        let lines = [
            chunk_line(vec![
                chunk("交额≥487", 377.2, 439.5, 755.6),
                chunk("亿", 446.0, 456.5, 755.6),
                chunk("交额≥487", 463.3, 522.3, 755.6),
                chunk("亿", 527.7, 538.2, 755.6),
            ]),
            chunk_line(vec![chunk("环境", 325.9, 346.9, 747.0)]),
            chunk_line(vec![
                chunk("元。", 377.2, 398.2, 738.3),
                chunk("元。", 463.3, 484.3, 738.3),
            ]),
            chunk_line(vec![chunk("可持续影响指标", 333.1, 406.6, 716.1)]),
        ];
        let p = page_params();
        let carried = [126.05, 205.3, 287.2, 372.55, 459.9];
        assert_eq!(separators(&lines, &p, &carried), carried.to_vec());
    }

    /// A bare list number on the page's last line, its item's first words beside it
    /// (`1.` `新增就业人数`, the cell going on over the page end): one cell, though no
    /// wrapped line below shows the gap as the number's. The same line above another
    /// line of the cell is read so already (see `in_cell_gap`).
    #[test]
    fn bare_list_number_on_the_last_line_is_no_column() {
        let last = chunk_line(vec![
            chunk("质量指标", 220.5, 262.5, 70.3),
            chunk("按时完成年度", 292.3, 355.3, 70.3),
            chunk("1. 新增就业人数", 366.2, 448.2, 70.3),
            chunk("1.", 455.0, 463.3, 70.3),
            chunk("新增就业人数", 468.7, 538.2, 70.3),
        ]);
        let above = chunk_line(vec![
            chunk("一级指标", 141.1, 183.1, 119.4),
            chunk("二级指标", 220.5, 262.5, 119.4),
            chunk("三级指标", 302.8, 344.8, 119.4),
            chunk("实施周期指标值", 370.5, 444.0, 119.4),
            chunk("年度指标值", 470.4, 522.9, 119.4),
        ]);
        let p = page_params();
        let lines = [above.clone(), last.clone()];
        assert!(!separators(&lines, &p, &[])
            .iter()
            .any(|s| 463.3 < *s && *s < 468.7));
        // A column of list numbers shows its gap on the lines above too.
        let mut lines: Vec<Line> = (0..4)
            .map(|i| {
                let y = 150.0 + 20.0 * f64::from(i);
                chunk_line(vec![
                    chunk(&format!("{}.", 5 - i), 455.0, 463.3, y),
                    chunk("开展项目数量", 468.7, 538.2, y),
                ])
            })
            .collect();
        lines.push(last);
        assert!(separators(&lines, &p, &[])
            .iter()
            .any(|s| 463.3 < *s && *s < 468.7));
    }

    /// The table's own label (绩效指标) spans every row from the header down, over
    /// pages, and is not printed centred on this page's part of them: it still heads
    /// the header row.
    #[test]
    fn labels_below_a_header_start_at_it() {
        // Header and five rows, top to bottom, 30 apart.
        let bands: Vec<(f64, f64)> = (0..6)
            .map(|i| (700.0 - 30.0 * i as f64, 710.0 - 30.0 * i as f64))
            .collect();
        // Centred on rows 2..5 (a continuation page would read it so).
        let label = SpanLabel {
            cy: 600.0,
            top: 605.0,
            fixed: None,
            vertical: false,
        };
        let labels = [label];
        let starts = |from_top| span_starts(&bands, &labels, 10.5, from_top, &[], &[]).map(|s| s.0);
        assert_eq!(starts(true), Some(vec![0]));
        assert_eq!(starts(false), Some(vec![2]));
    }

    /// A LibreOffice table without borders (tf17 p07): 序号, level-1 and level-2 labels
    /// each centred on its span's first row (数量指标 on row 1, row 2's level-2 cell
    /// empty, 质量指标 on row 3), and 绩效指标 merged down the whole table, header too,
    /// centred on it. That label is on no row, yet the others are in their spans' first
    /// rows: 质量指标 starts at row 3, not at row 2 (the centred split's near tie).
    #[test]
    fn section_label_centred_on_the_whole_table_leaves_first_rows() {
        // Header and five rows (top-down measures of p07 turned to page y).
        let bands: Vec<(f64, f64)> = [
            (593.0, 606.7),
            (615.2, 646.3),
            (654.8, 668.5),
            (677.0, 708.0),
            (714.6, 745.7),
            (754.2, 767.9),
        ]
        .iter()
        .map(|(t, b)| (842.0 - b, 842.0 - t))
        .collect();
        let label = |top: f64, bottom: f64| SpanLabel {
            cy: 842.0 - (top + bottom) / 2.0,
            top: 842.0 - top,
            fixed: None,
            vertical: false,
        };
        let section = [label(673.6, 687.3)];
        let labels = |spans: &[(f64, f64)]| -> Vec<SpanLabel> {
            spans.iter().map(|&(t, b)| label(t, b)).collect()
        };
        let numbers = labels(&[
            (623.9, 637.6),
            (654.8, 668.5),
            (685.6, 699.3),
            (723.3, 737.0),
            (754.2, 767.9),
        ]);
        let level1 = [label(623.9, 637.6)];
        let level2 = labels(&[
            (623.9, 637.6),
            (685.6, 699.3),
            (723.3, 737.0),
            (754.2, 767.9),
        ]);
        let cost = |labels: &[SpanLabel]| span_starts(&bands, labels, 10.5, true, &[], &[]);
        let cols: Vec<(&[SpanLabel], Option<f64>)> = vec![
            (&section, cost(&section).map(|s| s.1)),
            (&numbers, cost(&numbers).map(|s| s.1)),
            (&level1, cost(&level1).map(|s| s.1)),
            (&level2, cost(&level2).map(|s| s.1)),
        ];
        let got = first_row_starts(&bands, &cols, 10.5, false);
        assert_eq!(
            got,
            Some(vec![
                None,
                Some(vec![1, 2, 3, 4, 5]),
                Some(vec![1]),
                Some(vec![1, 3, 4, 5]),
            ])
        );
    }

    /// A continued page whose last level-2 labels are level name rows of their own (a
    /// row in the level-2 column, and one more merged over the value columns below it,
    /// skippable): the last label's span ends above that row, so the labels above keep
    /// the spans they are centred on (synth-317: 时效指标 on four rows).
    #[test]
    fn last_label_span_ends_above_a_trailing_level_name_row() {
        // Six bands top to bottom, 30 apart, 10 high; the last is a level name row.
        let bands: Vec<(f64, f64)> = (0..6)
            .map(|i| (700.0 - 30.0 * i as f64, 710.0 - 30.0 * i as f64))
            .collect();
        let label = |cy: f64, fixed: Option<usize>| SpanLabel {
            cy,
            top: cy + 5.0,
            fixed,
            vertical: false,
        };
        // Centred on band 0, on bands 1..3, and a level name row of its own at band 4.
        let labels = [
            label(705.0, None),
            label(645.0, None),
            label(585.0, Some(4)),
        ];
        let skippable = [false, false, false, false, false, true];
        let split = span_starts(&bands, &labels, 10.5, false, &skippable, &[]);
        assert_eq!(split.map(|s| s.0), Some(vec![0, 1, 4]));
    }

    /// A level-2 name over empty cells whose merged span (from the level-2 column to the
    /// right edge) is centred where its own column is too stays no level-3 name: it goes
    /// to the level-2 column.
    #[test]
    fn level2_name_centred_on_its_column_and_its_span_goes_to_the_span() {
        let seps = [127.0, 216.0, 323.0, 421.0];
        let lines = [line(70.0, 538.0, 700.0), line(70.0, 538.0, 600.0)];
        // Column 3 is centred at 372, the span from column 2 at 377.
        let mut bl = vec![
            block(1, "产出指标", 144.0, 186.0, 664.0, 1),
            block(3, "质量指标", 352.0, 394.0, 658.0, 2),
            block(3, "按时完成年度建设任务", 341.0, 414.0, 636.0, 3),
            block(4, "新增就业人数=6386人。", 435.0, 528.0, 636.0, 3),
        ];
        let moved = spanning_cells(&mut bl, &seps, &lines, 10.5, None, false);
        assert_eq!(moved, vec![false, true, false, false]);
        assert_eq!(
            bl.iter().map(|b| b.col).collect::<Vec<_>>(),
            vec![1, 2, 3, 4]
        );
    }

    /// A row's last cell merged over its last two columns (指标方向 | 指标解释, the
    /// explanation empty) and centred across them: its text starts in the gap, left of
    /// the centred explanations, and goes in the first column of the span.
    #[test]
    fn centred_span_over_last_columns_takes_its_first_column() {
        let seps = [419.0, 470.25];
        let rows = |direction_x0: f64| {
            let y = |r: usize| 800.0 - 15.0 * r as f64;
            vec![
                chunk_line(vec![
                    chunk("分值", 389.4, 410.4, y(0)),
                    chunk("指标方向", 424.1, 466.1, y(0)),
                    chunk("指标解释", 484.9, 526.9, y(0)),
                ]),
                chunk_line(vec![
                    chunk("15", 394.8, 405.0, y(1)),
                    chunk("正向", 434.6, 455.6, y(1)),
                    chunk("年内规范管理", 474.4, 537.4, y(1)),
                ]),
                chunk_line(vec![chunk("的患者数", 484.9, 526.9, y(2))]),
                chunk_line(vec![
                    chunk("15", 394.8, 405.0, y(3)),
                    chunk("正向", direction_x0, direction_x0 + 21.0, y(3)),
                ]),
                chunk_line(vec![
                    chunk("10", 394.8, 405.0, y(4)),
                    chunk("反向", 434.6, 455.6, y(4)),
                    chunk("第三方调查", 479.7, 532.2, y(4)),
                ]),
            ]
        };
        let lines = rows(470.3);
        assert_eq!(
            centred_over_last_columns(&lines, &seps, 10.5),
            vec![(3, 470.3f64.to_bits())]
        );
        let bl = blocks(
            &lines,
            &seps,
            4.0,
            &[],
            None,
            None,
            &[],
            &[(3, 470.3f64.to_bits())],
        );
        let moved: Vec<usize> = bl
            .iter()
            .filter(|b| b.parts.iter().any(|(l, _)| *l == 3) && b.text(false) == "正向")
            .map(|b| b.col)
            .collect();
        assert_eq!(moved, vec![1]);
        // Starting where other text starts (a left-aligned cell's wrapped line), or
        // alone on its line, it stays in its column.
        let lines = rows(474.4);
        assert!(centred_over_last_columns(&lines, &seps, 10.5).is_empty());
        let mut lines = rows(470.3);
        lines[3].chunks.remove(0);
        assert!(centred_over_last_columns(&lines, &seps, 10.5).is_empty());
    }

    /// A centred label wrapped in its cell (拟用于对下转移支 / 付资金): the narrower second
    /// line starts right of a separator the first line runs across. Centred under that
    /// line, it goes on the first line's block, not into the next column.
    #[test]
    fn centred_wrapped_line_stays_under_the_line_above() {
        let lines = [
            chunk_line(vec![chunk("拟用于对下转移支", 372.1, 456.1, 540.0)]),
            chunk_line(vec![chunk("付资金", 398.3, 429.8, 523.0)]),
        ];
        let bl = blocks(&lines, &[388.6], 8.0, &[], None, None, &[], &[]);
        let got: Vec<(usize, String)> = bl.iter().map(|b| (b.col, b.text(false))).collect();
        assert_eq!(got, vec![(0, "拟用于对下转移支付资金".to_string())]);
        // A line of its own column's block, or not centred under it, stays in its column.
        let lines = [
            chunk_line(vec![chunk("拟用于对下转移支", 372.1, 456.1, 540.0)]),
            chunk_line(vec![chunk("付资金", 420.3, 451.8, 523.0)]),
        ];
        assert_eq!(
            blocks(&lines, &[388.6], 8.0, &[], None, None, &[], &[]).len(),
            2
        );
    }

    /// The rest of a level-3 name cut by the page end (术攻关 of 推进关键核心技术攻关),
    /// alone atop the next page, is centred on the level-3 header, an em off the middle
    /// between the separators and near the centre of the span from the level-2 column:
    /// it stays in the level-3 column, to be joined to its name.
    #[test]
    fn rest_of_a_level3_name_centred_on_its_header_stays() {
        let seps = [207.8, 308.55, 403.95];
        let lines = [line(139.0, 538.0, 700.0), line(139.0, 538.0, 600.0)];
        let mut bl = vec![
            block(2, "术攻关", 346.1, 377.6, 766.0, 0),
            block(2, "严格控制项目成本", 325.1, 398.6, 700.0, 1),
            block(3, "高新技术企业认定数≥2562家。", 410.0, 538.0, 700.0, 1),
        ];
        let moved = spanning_cells(&mut bl, &seps, &lines, 10.5, Some((2, 361.9)), false);
        assert_eq!(moved, vec![false, false, false]);
        // Without the header's centre it passes for a level name over the span.
        let moved = spanning_cells(&mut bl, &seps, &lines, 10.5, None, false);
        assert_eq!(moved, vec![true, false, false]);
    }

    /// A level-2 name merged over the columns to the table's right edge is printed
    /// centred on them; the right edge the text shows falls short of the table's, so
    /// its centre may stand an em off the span's.
    #[test]
    fn spanning_cell_an_em_off_its_span_centre_goes_to_its_column() {
        let seps = [100.0, 200.0, 260.0, 400.0];
        let lines = [line(50.0, 500.0, 700.0), line(50.0, 500.0, 600.0)];
        // Column 3 is centred at 330, the span from column 2 at 350.
        let mut bl = vec![
            block(3, "社会效益指标", 328.0, 392.0, 650.0, 1),
            block(3, "万人次。", 328.0, 392.0, 620.0, 2),
            block(3, "带动社会投资", 270.0, 390.0, 600.0, 3),
            block(4, "培训人次≥10万人次。", 410.0, 500.0, 600.0, 3),
        ];
        let moved = spanning_cells(&mut bl, &seps, &lines, 10.5, None, false);
        assert_eq!(moved, vec![true, false, false, false]);
        assert_eq!(
            bl.iter().map(|b| b.col).collect::<Vec<_>>(),
            vec![2, 3, 3, 4]
        );
    }

    /// The indicator table's header and first row at a page end (synth-120): the
    /// target's first line is justified after its list number (`1.` then a wide space),
    /// and the header's gap lines up with that space; the target's next line, alone on
    /// its line, starts with the `1.` and runs across it. That space is no column edge.
    #[test]
    fn wide_space_after_a_list_number_is_no_column_edge() {
        let lines = [
            chunk_line(vec![
                chunk("绩效指标", 71.1, 113.1, 100.0),
                chunk("一级指标", 149.5, 191.5, 100.0),
                chunk("二级指标", 255.9, 297.9, 100.0),
                chunk("三级指标", 381.5, 423.5, 100.0),
                chunk("指标值", 486.1, 517.6, 100.0),
            ]),
            chunk_line(vec![
                chunk("产出指标", 149.5, 191.5, 78.0),
                chunk("数量指标", 255.9, 297.9, 78.0),
                chunk("改善城乡人居环境", 360.5, 444.5, 78.0),
                chunk("1.", 465.5, 473.8, 78.0),
                chunk("开展项目数", 479.6, 538.1, 78.0),
            ]),
            chunk_line(vec![chunk("量不超过 1056", 465.5, 538.1, 60.7)]),
        ];
        let seps = separators(&lines, &page_params(), &[]);
        assert_eq!(seps.len(), 4, "{seps:?}");
        assert!(seps.iter().all(|s| *s < 465.5), "{seps:?}");
    }

    /// The rest of a level-3 name cut by a page break, alone at the next page's top
    /// (synth-101): set flush left in its column like the name's full lines, not centred
    /// as a level name merged over the columns to the right; it stays in its column.
    #[test]
    fn rest_of_a_flush_left_level3_name_stays_in_its_column() {
        let top = 757.0;
        let mut bl = vec![
            block(3, "元支持体系", 334.9, 387.4, top, 0),
            block(4, "1. 培训人次＞12万人次。", 417.9, 538.0, top - 20.0, 1),
            block(2, "服务对象满意度指标", 219.6, 314.1, top - 28.0, 2),
            block(3, "改善城乡人居环", 336.2, 409.7, top - 28.0, 2),
            block(3, "境", 367.7, 378.2, top - 46.0, 3),
            block(3, "按时完成年度建", 336.2, 409.7, top - 75.0, 4),
            block(
                4,
                "空气质量优良天数比例76%-81%。",
                417.9,
                538.2,
                top - 75.0,
                4,
            ),
        ];
        let lines = [line(138.3, 538.2, top), line(138.3, 538.2, top - 300.0)];
        let seps = [127.5, 207.8, 319.3, 414.5];
        let moved = spanning_cells(&mut bl, &seps, &lines, 10.5, Some((3, 373.0)), false);
        assert_eq!((moved[0], bl[0].col), (false, 3));
        // A level-2 name centred over the columns from the level-2 column on still moves
        // there.
        let mut bl = vec![
            block(3, "成本指标", 350.9, 392.9, top, 0),
            block(3, "改善城乡人居环", 336.2, 409.7, top - 28.0, 2),
        ];
        let moved = spanning_cells(&mut bl, &seps, &lines, 10.5, Some((3, 373.0)), false);
        assert_eq!((moved[0], bl[0].col), (true, 2));
    }

    /// A task table restarted after a page break with narrower columns (synth-99): the
    /// amount shares its line with the outcome, the carried-over edge runs through it and
    /// no line shows the gap left of it. The amounts are a column of their own.
    #[test]
    fn carried_edge_through_amounts_bounds_their_column() {
        let mut lines = vec![
            chunk_line(vec![chunk("骨干人才，培养一", 201.5, 286.8, 430.0)]),
            chunk_line(vec![
                chunk("年度重点工作", 58.5, 121.5, 428.0),
                chunk("高标准农田建", 130.5, 193.5, 428.0),
            ]),
            chunk_line(vec![
                chunk("37,489.12", 305.4, 352.2, 419.0),
                chunk("获得感。形成可复制可推广的经", 370.8, 537.9, 419.0),
            ]),
            chunk_line(vec![chunk("批青年骨干人才，", 201.5, 286.8, 413.0)]),
        ];
        for i in 0..6 {
            let y = 395.0 - 17.3 * f64::from(i);
            lines.push(chunk_line(vec![chunk("制，围绕国家急需", 201.5, 286.8, y)]));
            lines.push(chunk_line(vec![chunk(
                "验。二是创新体制机制，提",
                370.8,
                538.0,
                y - 8.0,
            )]));
        }
        let p = page_params();
        let carried = [126.4, 200.9, 345.1, 414.8];
        let seps = amount_column(carried.to_vec(), &lines, &carried, &p);
        assert_eq!(seps.len(), 5, "{seps:?}");
        assert!(seps.iter().any(|s| 286.8 < *s && *s < 305.4), "{seps:?}");
        assert!(!seps.iter().any(|s| 305.4 <= *s && *s <= 352.2), "{seps:?}");
        // Where the page shows the gap left of the amounts itself, nothing moves.
        let own = [126.4, 200.9, 296.0, 345.1, 414.8];
        assert_eq!(
            amount_column(own.to_vec(), &lines, &carried, &p),
            own.to_vec()
        );
    }

    fn trow(cells: &[(&str, f64, f64, f64, f64)], bbox: Rect) -> TRow {
        TRow {
            cells: cells
                .iter()
                .enumerate()
                .map(|(k, (text, x0, y0, x1, y1))| TCell {
                    text: text.to_string(),
                    col: Some(k),
                    bbox: Rect::new(*x0, *y0, *x1, *y1),
                    text_y0: None,
                })
                .collect(),
            bbox,
            last_line_room: Vec::new(),
            col_measure: Vec::new(),
            open_above: Vec::new(),
            open_below: Vec::new(),
        }
    }

    /// At a page's top, the rest of a task cut by the page end, then a task whose name is
    /// centred in its tall row, then the next section's label alone on its row
    /// (其他需完成的任务, merged over the columns and centred there, synth-99): the name's
    /// span stops above that label, so the name stays in its own row.
    #[test]
    fn section_label_row_ends_a_task_names_span() {
        let empty = ("", 0.0, 0.0, 0.0, 0.0);
        let mut rows = vec![
            trow(
                &[
                    empty,
                    empty,
                    ("务。", 201.5, 757.4, 222.5, 767.9),
                    empty,
                    empty,
                ],
                Rect::new(201.5, 757.4, 222.5, 767.9),
            ),
            trow(
                &[
                    empty,
                    ("智慧城市平台运维", 130.5, 494.4, 193.5, 521.9),
                    ("实施重点区域综合整治", 201.5, 274.9, 286.8, 746.9),
                    ("100,457.89", 302.5, 502.4, 355.1, 512.9),
                    (
                        "三是优化服务环境，增强群众获得感。",
                        370.8,
                        468.4,
                        538.1,
                        547.9,
                    ),
                ],
                Rect::new(130.5, 274.9, 538.1, 746.9),
            ),
            trow(
                &[
                    empty,
                    empty,
                    ("其他需完成的任务（可选填）", 229.5, 246.4, 366.0, 256.9),
                    empty,
                    empty,
                ],
                Rect::new(229.5, 246.4, 366.0, 256.9),
            ),
        ];
        lift_span_labels(&mut rows, true);
        assert_eq!(rows[0].cells[1].text, "");
        assert_eq!(rows[1].cells[1].text, "智慧城市平台运维");
    }

    /// A section label turned a quarter turn beside a one-line cell (其他需完成的任务 in a
    /// borderless Word table), centred on its row: taller than the cell's text, it
    /// stands wholly below it, alone on its lines. It is no row of its own: it heads
    /// the row above, at a page's top too.
    #[test]
    fn label_alone_below_its_rows_text_heads_them() {
        let empty = ("", 0.0, 0.0, 0.0, 0.0);
        for page_top in [true, false] {
            let mut rows = vec![
                trow(
                    &[
                        empty,
                        (
                            "做好教育系统安全稳定、校园疫情防控及教育督导等日常工作。",
                            75.0,
                            763.5,
                            327.0,
                            772.7,
                        ),
                    ],
                    Rect::new(75.0, 763.5, 327.0, 772.7),
                ),
                trow(
                    &[
                        ("其他需完成的任务（可选填）", 60.4, 638.4, 69.6, 755.4),
                        empty,
                    ],
                    Rect::new(60.4, 638.4, 69.6, 755.4),
                ),
            ];
            lift_span_labels(&mut rows, page_top);
            assert_eq!(
                rows[0].cells[0].text, "其他需完成的任务（可选填）",
                "{page_top}"
            );
            assert!(
                rows[1].cells.iter().all(|c| c.text.is_empty()),
                "{page_top}"
            );
        }
    }

    /// fpdf2's 9 pt cells without padding, rows a line apart.
    fn fpdf2_params() -> Params {
        Params {
            em: 9.0,
            min_col_gap: 3.6,
            row_gap_extra: 1.8,
            wrap_fill: true,
            ..page_params()
        }
    }

    /// Words as pdftotext -bbox gives them, (top from the page's top, x0, x1, text), one
    /// 9 pt line each, read into rows by the given column separators, with the level-3
    /// column's left edge at `level3_x`: each row's cell texts without spaces.
    fn rows_of_words(
        words: &[(f64, f64, f64, &str)],
        p: &Params,
        seps: Vec<f64>,
        level3_x: f64,
    ) -> Vec<Vec<String>> {
        let mut lines: Vec<Line> = Vec::new();
        for (top, x0, x1, text) in words {
            let c = Chunk {
                text: text.to_string(),
                bbox: Rect::new(*x0, 842.0 - top - 9.0, *x1, 842.0 - top),
            };
            match lines.last_mut() {
                Some(l) if (l.bbox.y1 - c.bbox.y1).abs() < 0.01 => {
                    l.bbox = l.bbox.union(&c.bbox);
                    l.chunks.push(c);
                }
                _ => lines.push(chunk_line(vec![c])),
            }
        }
        let row_gap = usual_line_gap(&lines, &seps, p) + p.row_gap_extra;
        let (rows, _) = rows_in_columns(
            &lines,
            p,
            seps,
            row_gap,
            Some((Some((1, level3_x)), false)),
            &[],
            &[],
            &mut false,
            &mut false,
        );
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.text.chars().filter(|ch| !ch.is_whitespace()).collect())
                    .collect()
            })
            .collect()
    }

    /// Each row's first three cells are `want`'s, and there are as many rows.
    fn assert_first_three(texts: &[Vec<String>], want: &[[&str; 3]]) {
        assert_eq!(texts.len(), want.len(), "{texts:?}");
        for (got, want) in texts.iter().zip(want) {
            assert_eq!(got.get(..3), Some(&want.map(String::from)[..]), "{texts:?}");
        }
    }

    /// An fpdf2 indicator table without cell padding (synth-1, 9 pt, page 4): rows set
    /// exactly a line apart, each cell centred on its row. A list number ends a short
    /// line where the text after its space did not fit (`1.`), a finished target fills
    /// its line before the next row's list opens (`…104亿元。` then `1.`), and two rows'
    /// targets both fill their last lines (`…1297亿元。` then `合作银行…`), where the
    /// level-3 names beside them centre on each row's part.
    #[test]
    fn fpdf2_rows_a_line_apart_part_where_their_cells_do() {
        let p = fpdf2_params();
        // (top from the page's top, x0, x1, text) as pdfplumber gives them.
        let words: &[(f64, f64, f64, &str)] = &[
            (542.04, 303.59, 375.59, "提升公共服务供给"),
            (542.04, 387.81, 468.81, "全市技术合同成交额"),
            (542.04, 477.78, 558.78, "全市技术合同成交额"),
            (549.13, 190.92, 226.92, "质量指标"),
            (556.21, 303.59, 321.59, "能力"),
            (556.21, 387.81, 449.01, "达到860亿元。"),
            (556.21, 477.78, 538.98, "达到860亿元。"),
            (570.39, 387.81, 468.81, "合作银行发放贷款金"),
            (570.39, 477.78, 558.78, "合作银行发放贷款金"),
            (577.47, 303.59, 366.59, "提高群众满意度"),
            (584.56, 387.81, 467.01, "额不超过104亿元。"),
            (584.56, 477.78, 556.98, "额不超过104亿元。"),
            (598.73, 387.81, 395.91, "1."),
            (598.73, 477.78, 485.88, "1."),
            (612.91, 387.81, 468.81, "合作银行发放贷款金"),
            (612.91, 477.78, 558.78, "合作银行发放贷款金"),
            (627.08, 387.81, 455.60, "额≥297亿元。2."),
            (627.08, 477.78, 545.57, "额≥297亿元。2."),
            (641.25, 387.81, 468.81, "合作银行发放贷款金"),
            (641.25, 477.78, 558.78, "合作银行发放贷款金"),
            (648.34, 303.59, 375.59, "按时完成年度建设"),
            (655.43, 387.81, 460.71, "额达到39亿元。3."),
            (655.43, 477.78, 550.68, "额达到39亿元。3."),
            (662.51, 303.59, 321.59, "任务"),
            (669.60, 387.81, 465.50, "覆盖街镇数量≤134"),
            (669.60, 477.78, 555.47, "覆盖街镇数量≤134"),
            (683.77, 387.81, 413.91, "个。4."),
            (683.77, 477.78, 503.88, "个。4."),
            (697.94, 387.81, 468.81, "全市技术合同成交额"),
            (697.94, 477.78, 558.78, "全市技术合同成交额"),
            (712.12, 387.81, 463.41, "不超过1297亿元。"),
            (712.12, 477.78, 553.38, "不超过1297亿元。"),
            (726.29, 387.81, 468.81, "合作银行发放贷款金"),
            (726.29, 477.78, 560.87, "新增就业人数≥5103"),
            (733.38, 190.92, 226.92, "时效指标"),
            (733.38, 303.59, 375.59, "改善城乡人居环境"),
            (740.46, 387.81, 442.10, "额≥77亿元。"),
            (740.46, 477.78, 495.78, "人。"),
        ];
        let texts = rows_of_words(words, &p, vec![260.0, 382.0, 473.0], 339.59);
        let want = [
            [
                "质量指标",
                "提升公共服务供给能力",
                "全市技术合同成交额达到860亿元。",
            ],
            ["", "提高群众满意度", "合作银行发放贷款金额不超过104亿元。"],
            [
                "",
                "按时完成年度建设任务",
                "1.合作银行发放贷款金额≥297亿元。2.合作银行发放贷款金额达到39亿元。\
                 3.覆盖街镇数量≤134个。4.全市技术合同成交额不超过1297亿元。",
            ],
            [
                "时效指标",
                "改善城乡人居环境",
                "合作银行发放贷款金额≥77亿元。",
            ],
        ];
        assert_first_three(&texts, &want);
    }

    /// A label spread down its span (分散对齐, 18 pt a character) in rows a line apart:
    /// the next section's label merged across the row below (其他需完成的任务（可选填）)
    /// starts in the label column right under its last character, closer than a row
    /// gap. It is no line of that character's cell.
    #[test]
    fn spread_label_character_takes_no_wide_line_below() {
        let mut lines: Vec<Line> = "工作任务"
            .chars()
            .enumerate()
            .map(|(i, ch)| {
                chunk_line(vec![chunk(
                    &ch.to_string(),
                    5.0,
                    14.0,
                    154.0 - 18.0 * i as f64,
                )])
            })
            .collect();
        lines.push(chunk_line(vec![chunk(
            "其他需完成的任务（可选填）",
            4.0,
            120.0,
            88.0,
        )]));
        let spread = spread_characters(&lines, 10.5);
        assert_eq!(spread.len(), 4);
        let texts = |bl: Vec<Block>| {
            let mut t: Vec<String> = bl.iter().map(|b| b.text(false)).collect();
            t.sort();
            t
        };
        let glued = texts(blocks(&lines, &[20.0], 4.0, &[], None, None, &[], &[]));
        assert!(
            glued.contains(&"务其他需完成的任务（可选填）".to_string()),
            "{glued:?}"
        );
        let parted = texts(blocks(&lines, &[20.0], 4.0, &[], None, None, &spread, &[]));
        assert!(
            parted.contains(&"其他需完成的任务（可选填）".to_string()),
            "{parted:?}"
        );
        assert!(parted.contains(&"务".to_string()), "{parted:?}");
    }

    /// A 竖排 label turned a quarter turn beside rows of wrapped lines: its characters
    /// touch (an advance apart), and those zero gaps would make the usual line gap nil,
    /// every wrapped line a row. The cells' own wrapped lines give the spacing.
    #[test]
    fn turned_label_characters_give_no_line_gap() {
        let p = page_params();
        let mut lines: Vec<Line> = Vec::new();
        // Three rows of two wrapped lines 14 pt apart (gap 3.5), rows 6 pt further.
        for top in [100.0, 66.0, 32.0] {
            for y0 in [top, top - 14.0] {
                lines.push(chunk_line(vec![
                    chunk("高等教育内涵式", 25.0, 100.0, y0),
                    chunk("支持一流学科建设", 110.0, 200.0, y0),
                ]));
            }
        }
        for (i, ch) in "年度重点工作任务".chars().enumerate() {
            lines.push(chunk_line(vec![chunk(
                &ch.to_string(),
                5.0,
                15.0,
                90.5 - 10.5 * i as f64,
            )]));
        }
        lines.sort_by(|a, b| b.bbox.y1.total_cmp(&a.bbox.y1));
        let gap = usual_line_gap(&lines, &[20.0, 105.0], &p);
        assert!((gap - 3.5).abs() < 0.01, "{gap}");
    }

    /// A 竖排 label turned a quarter turn (read bottom to top) comes top first; its
    /// characters trade places so that top to bottom reads it, and a second label a
    /// wider gap below in the same column keeps its own extent.
    #[test]
    fn turned_label_characters_trade_places_within_their_run() {
        use crate::pdf::text::tests::glyph;
        let turned = |ch: char, top: f64| Glyph {
            upward: true,
            ..glyph(ch, 60.0, top, 9.0)
        };
        // 部门名称 bottom to top, then 联系人 bottom to top, 20 pt further down.
        let gs: Vec<Glyph> = "称名门部"
            .chars()
            .enumerate()
            .map(|(i, c)| turned(c, 700.0 - 9.0 * i as f64))
            .chain(
                "人系联"
                    .chars()
                    .enumerate()
                    .map(|(i, c)| turned(c, 640.0 - 9.0 * i as f64)),
            )
            .chain([glyph('甲', 100.0, 700.0, 9.0)])
            .collect();
        let refs: Vec<&Glyph> = gs.iter().collect();
        let Some(out) = turned_back(&refs) else {
            panic!("turned glyphs not seen");
        };
        let mut down: Vec<&Glyph> = out.iter().filter(|g| g.upward).collect();
        down.sort_by(|a, b| b.baseline.total_cmp(&a.baseline));
        let read: String = down.iter().map(|g| g.ch).collect();
        assert_eq!(read, "部门名称联系人");
        // Each label keeps its run's extent; the upright glyph is untouched.
        assert!(out
            .iter()
            .filter(|g| "部门名称".contains(g.ch))
            .all(|g| g.baseline > 670.0));
        assert_eq!(out.last(), gs.last());
        let upright: Vec<Glyph> = vec![glyph('甲', 100.0, 700.0, 9.0)];
        assert!(turned_back(&upright.iter().collect::<Vec<_>>()).is_none());
    }

    /// fpdf2 without padding (synth-33): two one-line rows whose level-3 names and
    /// targets each fill their lines exactly, the level-2 label centred on the pair,
    /// part where the first target ends its sentence at its line's end.
    #[test]
    fn one_line_rows_filling_their_lines_part_where_a_target_ends_a_sentence() {
        let p = fpdf2_params();
        // (top from the page's top, x0, x1, text) as pdftotext -bbox gives them.
        let words: &[(f64, f64, f64, &str)] = &[
            (43.64, 336.64, 426.64, "提升公共服务供给能力"),
            (43.64, 436.62, 559.31, "高新技术企业认定数≥493家。"),
            (50.72, 193.56, 229.56, "数量指标"),
            (57.81, 336.64, 426.64, "按时完成年度建设任务"),
            (57.81, 436.62, 541.31, "道路养护里程≥665公里。"),
            (71.98, 436.62, 560.82, "全市技术合同成交额不超过260"),
            (79.07, 336.64, 399.64, "提高群众满意度"),
            (86.16, 436.62, 469.02, "9亿元。"),
            (100.33, 436.62, 444.72, "1."),
            (114.50, 193.56, 229.56, "质量指标"),
            (114.50, 336.64, 426.64, "保障困难群众基本生活"),
            (114.50, 436.62, 562.91, "合作银行发放贷款金额≥83亿元"),
            (128.68, 436.62, 453.72, "。2."),
            (128.68, 456.40, 552.10, "开展项目数量≤967项。"),
            (142.90, 436.62, 562.60, "全市技术合同成交额=2810亿元"),
            (149.90, 336.64, 426.64, "推进关键核心技术攻关"),
            (157.00, 436.62, 445.62, "。"),
        ];
        let texts = rows_of_words(words, &p, vec![283.0, 431.6], 336.64);
        let want = [
            [
                "数量指标",
                "提升公共服务供给能力",
                "高新技术企业认定数≥493家。",
            ],
            ["", "按时完成年度建设任务", "道路养护里程≥665公里。"],
            [
                "质量指标",
                "提高群众满意度",
                "全市技术合同成交额不超过2609亿元。",
            ],
            [
                "",
                "保障困难群众基本生活",
                "1.合作银行发放贷款金额≥83亿元。2.开展项目数量≤967项。",
            ],
            ["", "推进关键核心技术攻关", "全市技术合同成交额=2810亿元。"],
        ];
        assert_first_three(&texts, &want);
    }

    #[test]
    fn a_character_carried_down_with_closing_punctuation() {
        assert!(closing_follows_first("向，支持专业服务机构"));
        assert!(closing_follows_first("导、市场服务的作用"));
        assert!(closing_follows_first("子”。一是加强"));
        assert!(!closing_follows_first("一、加强系统部署"));
        assert!(!closing_follows_first("支持专业服务机构"));
        assert!(!closing_follows_first("12，"));
        assert!(!closing_follows_first("，。"));
    }
}
