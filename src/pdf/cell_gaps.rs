//! Narrow gaps between neighbouring cells of a borderless table.
//!
//! A line is cut into chunks where two glyphs stand more than half an em apart. Some
//! producers set neighbouring cells closer than that: Chromium printing an HTML table
//! without borders leaves only the two cells' paddings (2 px each, 3–4.5 pt at 10 pt)
//! between full-width text, so `推进寄` and `248,000,000.00` in the next column would read
//! as one chunk. Such a gap is still plain to see where the text on both sides is set
//! without letter spacing. What makes it safe is the page's own spacing: a gap counts
//! only where the page sets that kind of character pair either tight or at least a
//! quarter em apart, never in between. LibreOffice puts 0.15–0.45 em between CJK and
//! ASCII characters (autospacing) and spreads justified or distributed lines, which
//! shows up as gaps in between, or as neighbours that are not tight.

use super::geometry::Glyph;
use super::text;

/// Gaps up to this (in ems) are tight setting.
const TIGHT: f64 = 0.05;
/// Gaps from this (in ems) may be a cell edge; between `BLUR` and this they are spacing.
const EDGE: f64 = 0.25;
/// Gaps above this (in ems) are spacing that is not tight.
const BLUR: f64 = 0.1;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Both characters non-ASCII (CJK, full-width forms, symbols such as ≥).
    Wide,
    /// One ASCII character next to a non-ASCII one: autospacing may widen these.
    Mixed,
    /// ASCII on both sides (`2.` | `855`): word spacing unless the document draws its
    /// word spaces as glyphs.
    Ascii,
}

/// The kind of pair two neighbouring glyphs form; `None` for pairs a narrow gap never
/// splits (a space on either side).
fn kind(a: char, b: char) -> Option<Kind> {
    if a.is_whitespace() || b.is_whitespace() {
        return None;
    }
    match (a.is_ascii(), b.is_ascii()) {
        (false, false) => Some(Kind::Wide),
        (true, true) => Some(Kind::Ascii),
        _ => Some(Kind::Mixed),
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Gap between glyphs `i` and `i + 1` in ems of the larger one.
fn gap_em(line: &[&Glyph], i: usize) -> Option<f64> {
    let (a, b) = (line.get(i)?, line.get(i + 1)?);
    if a.ch.is_whitespace() || b.ch.is_whitespace() {
        return None;
    }
    let size = a.size.max(b.size).max(1.0);
    Some((b.bbox.x0 - ink_end(a, b, size)) / size)
}

/// Where glyph `a` ends before `b`: a full-width closing bracket is inked in the left
/// half of its box, and a browser trims the blank half at a line's end (Chromium sets
/// the task header 拟投入的资金（万元） wider than its column), so where the next cell's
/// text (an ideograph, a letter or digit) starts inside the bracket's box, the cells'
/// gap is from the bracket's ink. Inside a line the next character starts at the box's
/// end; two punctuation marks may share a box's blank half (text-spacing-trim).
fn ink_end(a: &Glyph, b: &Glyph, size: f64) -> f64 {
    let trimmed = "）」』】〕〉》".contains(a.ch)
        && (is_ideograph(b.ch) || b.ch.is_ascii_alphanumeric())
        && b.bbox.x0 < a.bbox.x1 - TIGHT * size;
    if trimmed {
        a.bbox.x0 + 0.5 * a.bbox.width()
    } else {
        a.bbox.x1
    }
}

/// Whether the pairs beside pair `i` (glyphs `i - 1, i` and `i + 1, i + 2`) are set
/// tight, and at least one of them exists: a pair alone between spaces or line ends
/// shows nothing of its line's spacing.
fn tight_beside(line: &[&Glyph], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|j| gap_em(line, j));
    let after = gap_em(line, i + 1);
    (before.is_some() || after.is_some())
        && [before, after].iter().flatten().all(|g| g.abs() <= TIGHT)
}

/// Whether pair `i` leaves a one-glyph piece between two edge-wide gaps, the pair on
/// the piece's far side being edge-wide and the pair on the other side tight: a cell's
/// last wrapped line of one character (`４８，３８７．４` over `４` in a narrow amount
/// column, set between the content's and the target's columns) shows no tight pair of
/// its own, yet its neighbour's text is set tight up to the gap.
fn lone_between_edges(line: &[&Glyph], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|j| gap_em(line, j));
    let after = gap_em(line, i + 1);
    let tight = |g: Option<f64>| g.is_some_and(|g| g.abs() <= TIGHT);
    let edge = |g: Option<f64>| g.is_some_and(|g| g >= EDGE);
    (tight(before) && edge(after)) || (edge(before) && tight(after))
}

/// Which kinds of pair the document sets tight with nothing between tight and
/// edge-wide. Learnt from every page: spacing is the producer's habit, and a page may
/// hold no ideograph next to a digit inside a cell to show it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NarrowEdges {
    wide: bool,
    mixed: bool,
    ascii: bool,
}

/// Per kind of pair: (tight pairs, pairs spaced between tight and edge-wide). For
/// Mixed the tight ones counted are ideograph–ASCII pairs, the ones autospacing widens.
#[derive(Default)]
struct Counts {
    wide: (usize, usize),
    mixed: (usize, usize),
    ascii: (usize, usize),
    /// Space glyphs drawn after an ASCII character, touching it and the next glyph: the
    /// document's word spaces are glyphs, not gaps.
    spaces: usize,
}

impl Counts {
    fn add_line(&mut self, line: &[&Glyph]) {
        for i in 0..line.len().saturating_sub(1) {
            let (Some(a), Some(b)) = (line.get(i), line.get(i + 1)) else {
                continue;
            };
            if let Some(c) = line.get(i + 2) {
                let touching = |l: &Glyph, r: &Glyph| {
                    (r.bbox.x0 - l.bbox.x1).abs() <= TIGHT * l.size.max(r.size).max(1.0)
                };
                if a.ch.is_ascii_graphic()
                    && b.ch == ' '
                    && !c.ch.is_whitespace()
                    && touching(a, b)
                    && touching(b, c)
                {
                    self.spaces += 1;
                }
            }
            let (Some(g), Some(k)) = (gap_em(line, i), kind(a.ch, b.ch)) else {
                continue;
            };
            if !tight_beside(line, i) {
                continue;
            }
            let count = match k {
                Kind::Wide => &mut self.wide,
                Kind::Mixed => &mut self.mixed,
                Kind::Ascii => &mut self.ascii,
            };
            let ideo = is_ideograph(a.ch) || is_ideograph(b.ch);
            if g.abs() <= TIGHT && (k != Kind::Mixed || ideo) {
                count.0 += 1;
            } else if g > BLUR && g < EDGE {
                count.1 += 1;
            }
        }
    }
}

impl NarrowEdges {
    /// Learn from every line of every page (each page's glyphs).
    pub(crate) fn of_pages<'g>(pages: impl IntoIterator<Item = &'g [Glyph]>) -> NarrowEdges {
        let mut counts = Counts::default();
        for glyphs in pages {
            let refs: Vec<&Glyph> = glyphs.iter().collect();
            for line in text::lines(&refs) {
                counts.add_line(&line);
            }
        }
        let on = |(tight, blurred): (usize, usize)| tight >= 2 && blurred == 0;
        let wide = on(counts.wide);
        NarrowEdges {
            wide,
            mixed: on(counts.mixed),
            // Only where neighbouring cells are set narrow-gapped at all, and word spaces
            // are drawn as glyphs: then a gap with no space in it is no word space.
            ascii: wide && counts.spaces >= 2 && on(counts.ascii),
        }
    }

    /// Whether the gap after glyph `i` of `line` is a cell edge narrower than the
    /// half em that splits lines anyway.
    pub(crate) fn splits_after(&self, line: &[&Glyph], i: usize) -> bool {
        let (Some(g), Some(k)) = (
            gap_em(line, i),
            line.get(i)
                .zip(line.get(i + 1))
                .and_then(|(a, b)| kind(a.ch, b.ch)),
        ) else {
            return false;
        };
        let on = match k {
            Kind::Wide => self.wide,
            Kind::Mixed => self.mixed,
            Kind::Ascii => self.ascii,
        };
        on && g >= EDGE && (tight_beside(line, i) || lone_between_edges(line, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::tests::word;

    /// One line of words placed at the given x, 10 pt.
    fn line_of(words: &[(&str, f64)]) -> Vec<Glyph> {
        words
            .iter()
            .flat_map(|(s, x)| word(s, *x, 100.0, 10.0))
            .collect()
    }

    fn splits(page: &[Vec<Glyph>], line: usize) -> Vec<usize> {
        let lines: Vec<Vec<&Glyph>> = page.iter().map(|l| l.iter().collect()).collect();
        let edges = NarrowEdges::of_pages(page.iter().map(|l| l.as_slice()));
        (0..lines[line].len())
            .filter(|i| edges.splits_after(&lines[line], *i))
            .collect()
    }

    /// Chromium's borderless table: cells 3.5–4.5 pt apart, text set tight, digits
    /// touching ideographs inside cells.
    #[test]
    fn tight_page_splits_at_narrow_cell_gaps() {
        let page = vec![
            // 推进寄 | 248,000 (4.5 pt)
            line_of(&[("推进寄", 0.0), ("248,000", 34.5)]),
            // digits touching ideographs inside a cell
            line_of(&[("不少于60万", 0.0)]),
            // 资金（元） | 期望 (3.5 pt)
            line_of(&[("资金（元）", 0.0), ("期望", 53.5)]),
        ];
        assert_eq!(splits(&page, 0), vec![2]);
        assert!(splits(&page, 1).is_empty());
        assert_eq!(splits(&page, 2), vec![4]);
    }

    /// A closing bracket whose blank half was trimmed at its line's end, with the next
    /// cell's text starting inside that half (its ink 4 pt from 期): a cell edge; the
    /// same bracket inside a line, the next character at its box's end, is none.
    #[test]
    fn lone_last_character_of_a_wrapped_cell_is_its_own_chunk() {
        let page = vec![
            line_of(&[("推进寄", 0.0), ("248,000", 34.5)]),
            line_of(&[("不少于60万", 0.0)]),
            line_of(&[
                ("国家、", 0.0),
                ("４８，３８７．４", 34.0),
                ("可推广", 118.0),
            ]),
            line_of(&[("机制，", 0.0), ("４", 34.0), ("推广的", 118.0)]),
            line_of(&[("机", 0.0), ("４", 14.0), ("推", 28.0)]),
        ];
        assert_eq!(splits(&page, 2), vec![2, 10]);
        assert_eq!(splits(&page, 3), vec![2, 3]);
        // Nothing set tight on the line: no gap is shown to be a cell edge.
        assert!(splits(&page, 4).is_empty());
    }

    #[test]
    fn trimmed_closing_bracket_ends_its_cell() {
        let page = vec![
            line_of(&[("推进寄", 0.0), ("248,000", 34.5)]),
            line_of(&[("不少于60万", 0.0)]),
            line_of(&[("资金（万元）", 0.0), ("期望", 59.0)]),
            line_of(&[("资金（万元）期望", 0.0)]),
        ];
        assert_eq!(splits(&page, 2), vec![5]);
        assert!(splits(&page, 3).is_empty());
    }

    /// LibreOffice autospaces CJK next to ASCII (0.15–0.45 em): no mixed pair is an
    /// edge on such a page, though its wide pairs still are.
    #[test]
    fn autospaced_page_keeps_mixed_pairs() {
        let page = vec![
            line_of(&[("不少于", 0.0), ("60", 32.0), ("万", 44.0), ("个", 54.0)]),
            line_of(&[("达到", 0.0), ("316", 23.5), ("亿元", 42.0)]),
            line_of(&[("资金（元）", 0.0), ("期望", 53.5)]),
        ];
        assert!(splits(&page, 0).is_empty());
        assert!(splits(&page, 1).is_empty());
        assert_eq!(splits(&page, 2), vec![4]);
    }

    /// Letter-spaced (distributed) text: every gap is wide, none is tight, no split.
    #[test]
    fn letter_spaced_line_is_not_split() {
        let page = vec![
            line_of(&[("部", 0.0), ("门", 13.0), ("名", 26.0), ("称", 39.0)]),
            line_of(&[("预算金额", 0.0)]),
        ];
        assert!(splits(&page, 0).is_empty());
    }

    /// ASCII on both sides is word spacing, never an edge here.
    #[test]
    fn ascii_pairs_are_not_split() {
        let page = vec![line_of(&[("ISO", 0.0), ("9001", 18.0), ("认证", 38.0)])];
        assert!(splits(&page, 0).is_empty());
    }

    /// Chromium draws its word spaces as glyphs: on such a page with narrow cell gaps, a
    /// gap between two ASCII characters with no space in it is a cell edge (a wrapped
    /// `2.` of one cell, `855项` of the next, 3 pt apart); with spaces left as gaps it
    /// is word spacing.
    #[test]
    fn ascii_pairs_split_where_spaces_are_glyphs() {
        let mut page = vec![
            line_of(&[("推进寄", 0.0), ("248,000", 34.5)]),
            line_of(&[("不少于60万", 0.0)]),
            line_of(&[("额不低于861亿元。2.", 0.0), ("855项。", 98.0)]),
        ];
        assert!(splits(&page, 2).is_empty());
        page.push(line_of(&[("ISO 9001 v 2.0", 0.0)]));
        assert_eq!(splits(&page, 2), vec![11]);
        assert!(splits(&page, 3).is_empty());
    }
}
