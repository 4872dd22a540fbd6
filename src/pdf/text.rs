//! Glyphs → text: lines by baseline, left to right, wrapped lines joined without spaces
//! between CJK characters.

use super::geometry::{is_cjk, push_joined, Glyph, Rect};

/// Glyphs grouped into lines, top line first, each sorted left to right.
pub fn lines<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut gs: Vec<&Glyph> = glyphs.to_vec();
    gs.sort_by(|a, b| {
        b.baseline
            .total_cmp(&a.baseline)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    let mut base = f64::NAN;
    for g in gs {
        let tol = 0.4 * g.size.max(1.0);
        match out.last_mut() {
            Some(line) if (base - g.baseline).abs() <= tol => line.push(g),
            _ => {
                base = g.baseline;
                out.push(vec![g]);
            }
        }
    }
    for line in &mut out {
        line.sort_by(|a, b| {
            let x = |g: &Glyph| g.word_x.unwrap_or(g.bbox.x0);
            x(a).total_cmp(&x(b)).then(a.bbox.x0.total_cmp(&b.bbox.x0))
        });
    }
    out
}

/// One line's text: explicit spaces kept (collapsed), a space added at a visible gap
/// between two ASCII characters (wider than the line's usual spacing: justified CJK
/// lines spread every character), overprinted duplicates (fake bold) dropped.
pub fn line_text(line: &[&Glyph]) -> String {
    let mut gaps: Vec<f64> = line
        .windows(2)
        .filter(|w| !w[0].ch.is_whitespace() && !w[1].ch.is_whitespace())
        .map(|w| w[1].bbox.x0 - w[0].bbox.x1)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0).max(0.0);
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut pending_space = false;
    for g in line {
        if g.ch.is_whitespace() {
            pending_space = prev.is_some();
            continue;
        }
        if let Some(p) = prev {
            let w = p.bbox.width().max(0.1);
            if p.ch == g.ch && (g.bbox.x0 - p.bbox.x0).abs() < 0.3 * w {
                continue;
            }
            let gap = g.bbox.x0 - p.bbox.x1;
            let latin_gap = p.ch.is_ascii()
                && g.ch.is_ascii()
                && gap > (0.25 * g.size).max(usual + 0.15 * g.size);
            // An OCR layer's space beside CJK text is the engine's word segmentation
            // (`部门 整体`), never the form's.
            let ocr_split = p.ocr && g.ocr && (is_cjk(p.ch) || is_cjk(g.ch));
            if ((pending_space && !ocr_split) || latin_gap) && !s.ends_with(' ') {
                s.push(' ');
            }
        }
        pending_space = false;
        s.push(g.ch);
        prev = Some(g);
    }
    s.trim().to_string()
}

/// Text of a cell's glyphs in reading order.
pub fn assemble(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    let mut lines = lines(glyphs);
    if reads_upward(glyphs) {
        lines.reverse();
    }
    for line in lines {
        push_joined(&mut out, &line_text(&line));
    }
    out
}

/// A cell whose every glyph is turned to run up the page (a label turned a quarter
/// turn counter-clockwise, read bottom to top): `lines` gives one line per character,
/// top first, so its text reads backwards unless the lines are reversed.
fn reads_upward(glyphs: &[&Glyph]) -> bool {
    !glyphs.is_empty() && glyphs.iter().all(|g| g.upward || g.ch.is_whitespace())
}

pub fn bbox_of(glyphs: &[&Glyph]) -> Option<Rect> {
    let first = glyphs.first()?;
    Some(glyphs.iter().fold(first.bbox, |r, g| r.union(&g.bbox)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn glyph(ch: char, x: f64, baseline: f64, size: f64) -> Glyph {
        let w = if is_cjk(ch) { size } else { size * 0.5 };
        Glyph {
            ch,
            bbox: Rect::new(x, baseline - 0.12 * size, x + w, baseline + 0.88 * size),
            baseline,
            size,
            upright: true,
            upward: false,
            ocr: false,
            word_x: None,
        }
    }

    pub fn word(s: &str, x: f64, baseline: f64, size: f64) -> Vec<Glyph> {
        let mut x = x;
        s.chars()
            .map(|c| {
                let g = glyph(c, x, baseline, size);
                x = g.bbox.x1;
                g
            })
            .collect()
    }

    #[test]
    fn wrapped_cjk_lines_join_without_space() {
        let mut gs = word("开展项目", 0.0, 100.0, 10.0);
        gs.extend(word("数量≥800项。", 0.0, 88.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(assemble(&refs), "开展项目数量≥800项。");
    }

    #[test]
    fn labels_turned_to_run_upward_read_bottom_to_top() {
        // 部门 turned counter-clockwise: 部 at the bottom, 门 above it.
        let turned = |ch: char, y: f64| Glyph {
            ch,
            bbox: Rect::new(100.0, y, 110.0, y + 10.0),
            baseline: y + 5.0,
            size: 10.0,
            upright: false,
            upward: true,
            ocr: false,
            word_x: None,
        };
        let gs = [turned('部', 100.0), turned('门', 110.0)];
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(assemble(&refs), "部门");
    }

    #[test]
    fn spaces_and_fake_bold() {
        let mut gs = word("83, 179", 0.0, 100.0, 10.0);
        gs.push(glyph('8', 0.3, 100.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(assemble(&refs), "83, 179");
    }
}
