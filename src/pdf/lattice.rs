//! Bordered ("lattice") tables: cells from ruling lines. Rules are merged, grouped into
//! tables by intersection, and the column/row grid of each table is the set of distinct
//! rule positions; a missing rule between two grid positions merges them (row and column
//! spans), so a merged cell gives its text once, at its top-left position.

use super::geometry::{Glyph, HRule, PageGeom, Rect, VRule};
use super::text;
use super::{Item, TCell, TRow};

/// Rules closer than this (points) are the same line (double borders, stroke + fill).
const SNAP: f64 = 2.0;

fn cluster(mut vals: Vec<f64>, tol: f64) -> Vec<f64> {
    vals.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in vals {
        match out.last_mut() {
            Some((mean, n)) if (v - *mean / *n as f64).abs() <= tol => {
                *mean += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// Merge collinear, touching rules.
fn merge_h(mut rules: Vec<HRule>) -> Vec<HRule> {
    rules.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<HRule>> = Vec::new();
    for r in rules {
        match rows.last_mut() {
            Some(row) if row.first().is_some_and(|f| (r.y - f.y).abs() <= SNAP) => row.push(r),
            _ => rows.push(vec![r]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        let y = row.iter().map(|r| r.y).sum::<f64>() / row.len() as f64;
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut cur: Option<HRule> = None;
        for r in row {
            cur = match cur {
                Some(c) if r.x0 <= c.x1 + SNAP => Some(HRule {
                    y,
                    x0: c.x0,
                    x1: c.x1.max(r.x1),
                }),
                Some(c) => {
                    out.push(c);
                    Some(HRule { y, ..r })
                }
                None => Some(HRule { y, ..r }),
            };
        }
        out.extend(cur);
    }
    out
}

fn merge_v(rules: Vec<VRule>) -> Vec<VRule> {
    let as_h = rules
        .into_iter()
        .map(|v| HRule {
            y: v.x,
            x0: v.y0,
            x1: v.y1,
        })
        .collect();
    merge_h(as_h)
        .into_iter()
        .map(|h| VRule {
            x: h.y,
            y0: h.x0,
            y1: h.x1,
        })
        .collect()
}

/// Vertical rules running on past the outermost horizontal rule by more than this
/// (points) mark an outer border the writer did not draw.
const OPEN_EDGE: f64 = 2.0 * SNAP;

/// Lowest start and highest end of a set of spans.
fn extent(spans: impl Iterator<Item = (f64, f64)>) -> (f64, f64) {
    spans.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, b)| {
        (lo.min(a), hi.max(b))
    })
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn new(n: usize) -> Dsu {
        Dsu((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[b.max(a)] = a.min(b);
        }
    }
}

fn crosses(h: &HRule, v: &VRule) -> bool {
    v.x >= h.x0 - SNAP && v.x <= h.x1 + SNAP && h.y >= v.y0 - SNAP && h.y <= v.y1 + SNAP
}

/// One table's ruling lines.
struct RuleSet {
    h: Vec<HRule>,
    v: Vec<VRule>,
}

/// A page between two breaks that holds the end of one row and the start of the next,
/// each cut by a page end, as Chromium draws them: no rule at the table's top or bottom,
/// only the one between the two rows, crossed by column rules that run on past it both
/// up and down. That one rule and the columns' ends make a two-row grid.
fn between_cut_rows(g: &RuleSet) -> bool {
    let [h] = g.h.as_slice() else {
        return false;
    };
    g.v.iter()
        .filter(|v| v.y0 < h.y - OPEN_EDGE && v.y1 > h.y + OPEN_EDGE)
        .count()
        >= 2
}

/// A row whose rule on one side a page break took (Chromium draws no top rule over the
/// first row of a page the table goes on to, nor a bottom rule under a page's last row
/// cut by the break): one rule, and three column rules or more ending at it and running
/// on to one side only. That rule and the columns' far ends make a one-row grid.
fn row_missing_one_rule(g: &RuleSet) -> bool {
    let [h] = g.h.as_slice() else {
        return false;
    };
    let ends_at = |y: f64| (y - h.y).abs() <= SNAP;
    let up =
        g.v.iter()
            .filter(|v| ends_at(v.y0) && v.y1 > h.y + OPEN_EDGE)
            .count();
    let down =
        g.v.iter()
            .filter(|v| ends_at(v.y1) && v.y0 < h.y - OPEN_EDGE)
            .count();
    up.max(down) >= 3 && up.min(down) == 0
}

/// Group rules into tables (connected by intersections).
fn tables(h: Vec<HRule>, v: Vec<VRule>) -> Vec<RuleSet> {
    let n = h.len() + v.len();
    let mut dsu = Dsu::new(n);
    for (i, hr) in h.iter().enumerate() {
        for (j, vr) in v.iter().enumerate() {
            if crosses(hr, vr) {
                dsu.union(i, h.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, RuleSet> = Default::default();
    for (i, hr) in h.iter().enumerate() {
        let root = dsu.find(i);
        groups
            .entry(root)
            .or_insert_with(|| RuleSet {
                h: vec![],
                v: vec![],
            })
            .h
            .push(*hr);
    }
    for (j, vr) in v.iter().enumerate() {
        let root = dsu.find(h.len() + j);
        groups
            .entry(root)
            .or_insert_with(|| RuleSet {
                h: vec![],
                v: vec![],
            })
            .v
            .push(*vr);
    }
    let (mut full, lone): (Vec<RuleSet>, Vec<RuleSet>) = groups.into_values().partition(|g| {
        g.v.len() >= 2 && (g.h.len() >= 2 || between_cut_rows(g) || row_missing_one_rule(g))
    });
    // A spreadsheet (LibreOffice Calc) or a browser (Chromium) continuing a row-span
    // cell on a new page draws that column's side rules but no horizontal rule across
    // it: a lone vertical rule beside a table, running exactly from its top edge to its
    // bottom edge, is the table's outer column, one cell over every row of the page.
    // The edges are where its rules end: Chromium draws no top rule over a row cut by
    // the page break, only the vertical rules running up to where it was cut.
    for v in lone
        .into_iter()
        .filter(|g| g.h.is_empty())
        .flat_map(|g| g.v)
    {
        let side = full.iter_mut().find(|t| {
            let (bottom, top) = extent(
                t.h.iter()
                    .map(|h| (h.y, h.y))
                    .chain(t.v.iter().map(|v| (v.y0, v.y1))),
            );
            let (left, right) = extent(t.h.iter().map(|h| (h.x0, h.x1)));
            (v.y0 - bottom).abs() <= SNAP
                && (v.y1 - top).abs() <= SNAP
                && (v.x < left - SNAP || v.x > right + SNAP)
        });
        if let Some(t) = side {
            t.v.push(v);
        }
    }
    full
}

/// A table's grid: column edges left to right, row edges top to bottom.
pub struct Lattice {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Merged region of each grid position (row-major), by its top-left position.
    owner: Vec<usize>,
    /// Per column: no rule closes it at the table's top / bottom edge (a merged cell
    /// running on across the page break, as a spreadsheet draws it).
    open_top: Vec<bool>,
    open_bottom: Vec<bool>,
}

impl Lattice {
    fn from_rules(rs: &RuleSet) -> Option<Lattice> {
        let xs = cluster(rs.v.iter().map(|v| v.x).collect(), SNAP);
        let mut ys = cluster(rs.h.iter().map(|h| h.y).collect(), SNAP);
        ys.reverse();
        // A writer may drop an outer border (LibreOffice loses a table's bottom rule at a
        // page end) while the vertical rules run on to where that border belongs: their
        // ends close the table there, so the text of the last row is not left outside.
        let (v_lo, v_hi) = extent(rs.v.iter().map(|v| (v.y0, v.y1)));
        if ys.first().is_some_and(|&t| v_hi > t + OPEN_EDGE) {
            ys.insert(0, v_hi);
        }
        if ys.last().is_some_and(|&b| v_lo < b - OPEN_EDGE) {
            ys.push(v_lo);
        }
        if xs.len() < 2 || ys.len() < 2 {
            return None;
        }
        let (nr, nc) = (ys.len() - 1, xs.len() - 1);
        let vedge = |r: usize, c: usize| {
            // Rule at xs[c] covering the middle of row band r.
            let mid = (ys[r] + ys[r + 1]) / 2.0;
            rs.v.iter()
                .any(|v| (v.x - xs[c]).abs() <= SNAP && v.y0 - SNAP <= mid && mid <= v.y1 + SNAP)
        };
        let hedge = |r: usize, c: usize| {
            let mid = (xs[c] + xs[c + 1]) / 2.0;
            rs.h.iter()
                .any(|h| (h.y - ys[r]).abs() <= SNAP && h.x0 - SNAP <= mid && mid <= h.x1 + SNAP)
        };
        let mut dsu = Dsu::new(nr * nc);
        for r in 0..nr {
            for c in 1..nc {
                if !vedge(r, c) {
                    dsu.union(r * nc + c - 1, r * nc + c);
                }
            }
        }
        for r in 1..nr {
            for c in 0..nc {
                if !hedge(r, c) {
                    dsu.union((r - 1) * nc + c, r * nc + c);
                }
            }
        }
        // Union-find roots are the smallest index: the top-left (row-major first) position.
        let owner = (0..nr * nc).map(|i| dsu.find(i)).collect();
        let open_top = (0..nc).map(|c| !hedge(0, c)).collect();
        let open_bottom = (0..nc).map(|c| !hedge(nr, c)).collect();
        Some(Lattice {
            xs,
            ys,
            owner,
            open_top,
            open_bottom,
        })
    }

    pub fn nrows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    pub fn ncols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    fn bounds(&self) -> Rect {
        let (x0, x1) = (
            self.xs.first().copied().unwrap_or(0.0),
            self.xs.last().copied().unwrap_or(0.0),
        );
        let (y1, y0) = (
            self.ys.first().copied().unwrap_or(0.0),
            self.ys.last().copied().unwrap_or(0.0),
        );
        Rect::new(x0, y0, x1, y1)
    }

    /// Grid position of a point, if inside the table.
    fn locate(&self, x: f64, y: f64) -> Option<usize> {
        let c = self.xs.windows(2).position(|w| w[0] <= x && x < w[1])?;
        let r = self.ys.windows(2).position(|w| w[0] >= y && y > w[1])?;
        Some(r * self.ncols() + c)
    }

    /// Grid position of a glyph whose middle lies just outside the table, across its
    /// top or bottom edge in a column no rule closes there: the text of a merged cell
    /// running on across the page break, centred on the whole span and cut by the page's
    /// clip (LibreOffice Calc prints a row-span label over two pages that way, half on
    /// each). Left out, it became a row of its own below the table's last row, which then
    /// stopped the next page's rest of the span from going back to where it starts.
    fn locate_across_open_edge(&self, b: &Rect) -> Option<usize> {
        let t = self.bounds();
        let c = self
            .xs
            .windows(2)
            .position(|w| w[0] <= b.cx() && b.cx() < w[1])?;
        let x = b.cx();
        if b.y0 < t.y0 && t.y0 < b.y1 && self.open_bottom.get(c).copied().unwrap_or(false) {
            return self.locate(x, t.y0 + 1e-6);
        }
        if b.y0 < t.y1 && t.y1 < b.y1 && self.open_top.get(c).copied().unwrap_or(false) {
            return self.locate(x, t.y1 - 1e-6);
        }
        None
    }

    fn cell_rect(&self, i: usize) -> Rect {
        let nc = self.ncols().max(1);
        let (r, c) = (i / nc, i % nc);
        let x = |k: usize| self.xs.get(k).copied().unwrap_or(0.0);
        let y = |k: usize| self.ys.get(k).copied().unwrap_or(0.0);
        Rect::new(x(c), y(r + 1), x(c + 1), y(r))
    }

    fn owner_of(&self, i: usize) -> usize {
        self.owner.get(i).copied().unwrap_or(i)
    }

    /// Rows of cells for the glyphs given (claimed glyphs are marked in `used`).
    fn rows(&self, glyphs: &[Glyph], used: &mut [bool]) -> Vec<TRow> {
        let n = self.nrows() * self.ncols();
        let mut per: Vec<Vec<&Glyph>> = vec![Vec::new(); n];
        for (gi, g) in glyphs.iter().enumerate() {
            if used.get(gi).copied().unwrap_or(true) {
                continue;
            }
            let pos = self
                .locate(g.bbox.cx(), g.bbox.cy())
                .or_else(|| self.locate_across_open_edge(&g.bbox));
            if let Some(pos) = pos {
                if let Some(slot) = per.get_mut(self.owner_of(pos)) {
                    slot.push(g);
                    if let Some(u) = used.get_mut(gi) {
                        *u = true;
                    }
                }
            }
        }
        let mut region: Vec<Option<Rect>> = vec![None; n];
        for i in 0..n {
            let o = self.owner_of(i);
            let r = self.cell_rect(i);
            if let Some(slot) = region.get_mut(o) {
                *slot = Some(slot.map_or(r, |s| s.union(&r)));
            }
        }
        // Room each text line leaves in its cell; the tightest line of the table was
        // wrapped by the writer, so it shows what a filled line leaves (the padding).
        let slacks: Vec<Vec<(f64, f64)>> = (0..n)
            .map(|i| match (per.get(i), region.get(i).copied().flatten()) {
                (Some(g), Some(r)) if self.owner_of(i) == i => line_slacks(g, r.width()),
                _ => Vec::new(),
            })
            .collect();
        let tightest = slacks
            .iter()
            .flatten()
            .map(|(room, _)| *room)
            .reduce(f64::min)
            .unwrap_or(0.0);
        let nc = self.ncols();
        let mut rows = Vec::new();
        // The grid row each emitted row comes from (rows without text are dropped).
        let mut emitted: Vec<usize> = Vec::new();
        for r in 0..self.nrows() {
            let mut cells = Vec::with_capacity(nc);
            let mut last_line_room = Vec::with_capacity(nc);
            for c in 0..nc {
                let i = r * nc + c;
                let anchor = self.owner_of(i) == i;
                let (text, bbox) = if anchor {
                    let t = per.get(i).map(|g| text::assemble(g)).unwrap_or_default();
                    (
                        t,
                        region
                            .get(i)
                            .copied()
                            .flatten()
                            .unwrap_or(self.cell_rect(i)),
                    )
                } else {
                    (String::new(), self.cell_rect(i))
                };
                let text_y0 = per
                    .get(i)
                    .filter(|g| anchor && !g.is_empty())
                    .map(|g| g.iter().map(|g| g.bbox.y0).fold(f64::INFINITY, f64::min));
                cells.push(TCell {
                    text,
                    col: Some(c),
                    bbox,
                    text_y0,
                });
                last_line_room.push(
                    slacks
                        .get(i)
                        .and_then(|l| l.last())
                        .map(|(room, size)| (room - tightest) / size.max(1.0)),
                );
            }
            if cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            let bbox = cells
                .iter()
                .map(|c| c.bbox)
                .reduce(|a, b| a.union(&b))
                .unwrap_or(self.bounds());
            let open = |v: &[bool], c: usize| v.get(c).copied().unwrap_or(false);
            let open_above = if r == 0 {
                (0..nc).filter(|&c| open(&self.open_top, c)).collect()
            } else {
                Vec::new()
            };
            // A merged cell open at the bottom may start rows above the last: how many
            // emitted rows up its first one is (the row its text belongs to).
            let open_below = if r + 1 == self.nrows() {
                (0..nc)
                    .filter(|&c| open(&self.open_bottom, c))
                    .map(|c| {
                        let start = self.owner_of(r * nc + c) / nc.max(1);
                        (c, emitted.iter().filter(|&&e| e >= start).count())
                    })
                    .collect()
            } else {
                Vec::new()
            };
            emitted.push(r);
            rows.push(TRow {
                cells,
                bbox,
                last_line_room,
                col_measure: Vec::new(),
                open_above,
                open_below,
            });
        }
        rows
    }
}

/// The room (points) each text line of a cell `width` wide leaves, with its font size;
/// top line first.
fn line_slacks(glyphs: &[&Glyph], width: f64) -> Vec<(f64, f64)> {
    text::lines(glyphs)
        .iter()
        .filter_map(|line| {
            let ink = line.iter().filter(|g| !g.ch.is_whitespace());
            let (x0, x1, size) = ink.fold(
                (f64::INFINITY, f64::NEG_INFINITY, 0.0f64),
                |(x0, x1, s), g| (x0.min(g.bbox.x0), x1.max(g.bbox.x1), s.max(g.size)),
            );
            (x1 >= x0).then_some((width - (x1 - x0), size))
        })
        .collect()
}

/// Tables found on a page by their rules, with the glyphs inside them claimed.
pub fn tables_on_page(page: &PageGeom, used: &mut [bool]) -> Vec<Item> {
    let h = merge_h(page.hrules.clone());
    let v = merge_v(page.vrules.clone());
    let mut items = Vec::new();
    for rs in tables(h, v) {
        let Some(lat) = Lattice::from_rules(&rs) else {
            continue;
        };
        if lat.nrows() == 0 || lat.ncols() == 0 {
            continue;
        }
        let bbox = lat.bounds();
        // A lone box (one cell) is a frame, not a table: leave its text to the stream pass.
        if lat.nrows() * lat.ncols() < 2 {
            continue;
        }
        let rows = lat.rows(&page.glyphs, used);
        if rows.is_empty() {
            continue;
        }
        items.push(Item::Table {
            rows,
            bbox,
            xs: lat.xs.clone(),
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::tests::word;

    fn h(y: f64, x0: f64, x1: f64) -> HRule {
        HRule { y, x0, x1 }
    }
    fn v(x: f64, y0: f64, y1: f64) -> VRule {
        VRule { x, y0, y1 }
    }

    /// 3×3 grid with the left column merged over rows 1–2 and row 0 merged over
    /// columns 1–2.
    fn page() -> PageGeom {
        let mut p = PageGeom {
            number: 1,
            width: 300.0,
            height: 300.0,
            ..Default::default()
        };
        p.hrules = vec![
            h(300.0, 0.0, 300.0),
            h(200.0, 0.0, 300.0),
            h(100.0, 100.0, 300.0),
            h(0.0, 0.0, 300.0),
        ];
        p.vrules = vec![
            v(0.0, 0.0, 300.0),
            v(100.0, 0.0, 300.0),
            v(200.0, 0.0, 200.0),
            v(300.0, 0.0, 300.0),
        ];
        put_words(
            &mut p,
            &[
                ("标题", 10.0, 250.0),
                ("合并", 150.0, 250.0),
                ("左", 10.0, 100.0),
                ("a1", 110.0, 150.0),
                ("b1", 210.0, 150.0),
                ("a2", 110.0, 50.0),
                ("第二", 110.0, 30.0),
            ],
        );
        p
    }

    /// 10-point words at (x, y).
    fn put_words(p: &mut PageGeom, words: &[(&str, f64, f64)]) {
        for (w, x, y) in words {
            p.glyphs.extend(word(w, *x, *y, 10.0));
        }
    }

    fn cell_texts(rows: &[TRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    /// The cell texts of the first table on a 300 × 300 page with these rules and
    /// 10-point words; every glyph must land in a cell.
    fn square_page_table(
        hrules: Vec<HRule>,
        vrules: Vec<VRule>,
        words: &[(&str, f64, f64)],
    ) -> Vec<Vec<String>> {
        let mut p = PageGeom {
            number: 1,
            width: 300.0,
            height: 300.0,
            hrules,
            vrules,
            ..Default::default()
        };
        put_words(&mut p, words);
        let mut used = vec![false; p.glyphs.len()];
        let items = tables_on_page(&p, &mut used);
        let Some(Item::Table { rows, .. }) = items.first() else {
            panic!("no table")
        };
        assert!(used.iter().all(|u| *u), "a glyph outside every cell");
        cell_texts(rows)
            .into_iter()
            .map(|r| r.into_iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn spans_from_partial_rules() {
        let p = page();
        let mut used = vec![false; p.glyphs.len()];
        let items = tables_on_page(&p, &mut used);
        assert_eq!(items.len(), 1);
        let Item::Table { rows, .. } = &items[0] else {
            panic!()
        };
        let texts = cell_texts(rows);
        assert_eq!(
            texts,
            vec![
                vec!["标题", "合并", ""],
                vec!["左", "a1", "b1"],
                vec!["", "a2第二", ""]
            ]
        );
        assert!(used.iter().all(|u| *u));
    }

    /// A page's one row, its top rule not drawn (Chromium, a table going on at the page
    /// top): the bottom rule and the column rules running up from it make its cells;
    /// two column rules alone (a frame's sides over an underline) do not.
    #[test]
    fn one_row_without_its_top_rule() {
        let texts = square_page_table(
            vec![h(200.0, 0.0, 300.0)],
            vec![
                v(0.0, 200.0, 260.0),
                v(100.0, 200.0, 260.0),
                v(200.0, 200.0, 260.0),
                v(300.0, 200.0, 260.0),
            ],
            &[
                ("名称", 10.0, 230.0),
                ("目标", 110.0, 230.0),
                ("值", 210.0, 230.0),
            ],
        );
        assert_eq!(texts, vec![vec!["名称", "目标", "值"]]);
        let mut p = PageGeom {
            number: 1,
            width: 300.0,
            height: 300.0,
            hrules: vec![h(200.0, 0.0, 300.0)],
            vrules: vec![v(0.0, 200.0, 260.0), v(300.0, 200.0, 260.0)],
            ..Default::default()
        };
        put_words(&mut p, &[("名称", 10.0, 230.0)]);
        let mut used = vec![false; p.glyphs.len()];
        assert!(tables_on_page(&p, &mut used).is_empty());
    }

    #[test]
    fn vertical_rules_close_a_missing_bottom_border() {
        // Two rows; the bottom rule was not drawn, the verticals run on to y = 0.
        let hrules = vec![h(300.0, 0.0, 200.0), h(200.0, 0.0, 200.0)];
        let vrules = vec![
            v(0.0, 0.0, 300.0),
            v(100.0, 0.0, 300.0),
            v(200.0, 0.0, 300.0),
        ];
        let texts = square_page_table(
            hrules,
            vrules,
            &[
                ("名称", 10.0, 250.0),
                ("值", 110.0, 250.0),
                ("末行", 10.0, 150.0),
                ("续", 110.0, 50.0),
            ],
        );
        assert_eq!(texts, vec![vec!["名称", "值"], vec!["末行", "续"]]);
    }

    #[test]
    fn a_lone_side_rule_as_tall_as_the_table_is_its_outer_column() {
        // Calc continuing a row span on a new page: the span's column has its side rules
        // but no horizontal rule crosses it.
        let hrules = vec![
            h(300.0, 100.0, 300.0),
            h(150.0, 100.0, 300.0),
            h(0.0, 100.0, 300.0),
        ];
        let vrules = vec![
            v(0.0, 0.0, 300.0),
            v(100.0, 0.0, 300.0),
            v(200.0, 0.0, 300.0),
            v(300.0, 0.0, 300.0),
        ];
        let texts = square_page_table(
            hrules,
            vrules,
            &[
                ("任务", 10.0, 140.0),
                ("a1", 110.0, 250.0),
                ("b1", 210.0, 250.0),
                ("a2", 110.0, 50.0),
                ("b2", 210.0, 50.0),
            ],
        );
        assert_eq!(texts, vec![vec!["任务", "a1", "b1"], vec!["", "a2", "b2"]]);
    }

    #[test]
    fn one_rule_between_two_rows_cut_by_page_ends() {
        // Chromium: the end of one row and the start of the next, each running over a
        // page end, with only the rule between them; the columns' rules run on past it.
        let hrules = vec![
            h(150.0, 0.0, 100.0),
            h(150.0, 100.0, 200.0),
            h(150.0, 200.0, 300.0),
        ];
        let vrules = vec![
            v(0.0, 0.0, 300.0),
            v(100.0, 0.0, 150.0),
            v(100.0, 150.0, 300.0),
            v(200.0, 0.0, 300.0),
            v(300.0, 0.0, 300.0),
        ];
        let texts = square_page_table(
            hrules,
            vrules,
            &[
                ("上行末", 110.0, 250.0),
                ("任务", 10.0, 100.0),
                ("内容", 110.0, 100.0),
                ("12.5", 210.0, 100.0),
            ],
        );
        assert_eq!(
            texts,
            vec![vec!["", "上行末", ""], vec!["任务", "内容", "12.5"]]
        );
    }

    #[test]
    fn thin_duplicate_rules_merge() {
        let rules = merge_h(vec![
            h(10.0, 0.0, 50.0),
            h(10.6, 49.0, 100.0),
            h(50.0, 0.0, 10.0),
        ]);
        assert_eq!(rules.len(), 2);
        assert!((rules[0].x1 - 100.0).abs() < 1e-9);
    }
}
