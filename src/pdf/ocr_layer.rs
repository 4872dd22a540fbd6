//! An OCR engine's invisible text layer over a scan (text render mode 3: Tesseract's
//! `GlyphLessFont`, as ocrmypdf writes it).
//!
//! Such a layer places words, not glyphs: each word is one string stretched over the
//! word's box in the image (`Tz` or its own `Tm`). Tesseract ends every word with a
//! space inside the same stretched string, so the word's characters fill only
//! `n / (n + 1)` of its box, and a phrase set solid on the page (`部门名称`) comes out
//! as words with wide gaps between them; its lines follow the scan's skew; and it reads
//! pieces of the image's table rules as words of marks (`|`, `，`) standing in the gaps
//! between columns. Here each word's characters are spread over its box again (the
//! trailing space taking no room), a skewed word is turned back, and a word of rule
//! marks alone becomes spaces. The engine's font size (its guess at the line's height,
//! 9 pt beside 18 pt for text of one size on one page) is kept: sizing glyphs by the
//! em the words' boxes show (ink boxes, narrower than the pitch) split sentences at
//! the engine's word gaps and lost more budget amounts than it gained rows.
//! The spaces between words beside CJK text are dropped in [`super::text::line_text`].

use super::geometry::Glyph;

/// One word of an invisible layer: its glyphs (`start..end` in the page's glyphs).
#[derive(Debug, Clone)]
pub(crate) struct Word {
    start: usize,
    end: usize,
    /// The angle of its baseline (radians, counter-clockwise): a scan's skew.
    angle: f64,
}

/// Mark the glyphs of one invisibly drawn string (`word`, starting at glyph `first` of
/// the page, its baseline at `angle`) as the OCR layer's, and spread its characters
/// over the string's whole advance when it ends in a space.
pub(crate) fn place_word(word: &mut [Glyph], first: usize, angle: f64) -> Option<Word> {
    for g in word.iter_mut() {
        g.ocr = true;
    }
    if word.is_empty() || !word.iter().all(|g| g.upright) {
        return None;
    }
    let last_ink = word.iter().rposition(|g| !g.ch.is_whitespace())?;
    let first_ink = word.iter().position(|g| !g.ch.is_whitespace())?;
    let ink = |i: usize| (first_ink..=last_ink).contains(&i);
    if word
        .iter()
        .enumerate()
        .any(|(i, g)| ink(i) && g.ch.is_whitespace())
    {
        // Words with spaces inside are not one OCR word: left as drawn.
        return None;
    }
    let n = last_ink + 1 - first_ink;
    let x0 = word.get(first_ink)?.bbox.x0;
    let x1 = word.iter().map(|g| g.bbox.x1).fold(f64::MIN, f64::max);
    if x1.is_nan() || x1 <= x0 {
        return None;
    }
    if last_ink + 1 < word.len() {
        let step = (x1 - x0) / n as f64;
        for (i, g) in word.iter_mut().enumerate() {
            if ink(i) {
                let k = (i - first_ink) as f64;
                g.bbox.x0 = x0 + step * k;
                g.bbox.x1 = x0 + step * (k + 1.0);
            } else if i > last_ink {
                g.bbox.x0 = x1;
                g.bbox.x1 = x1;
            }
        }
    }
    Some(Word {
        start: first,
        end: first + word.len(),
        angle,
    })
}

/// Turn back the skew of the layer's words and blank its words of rule marks.
///
/// A word drawn at a slight angle (the layer follows the scan's skew: Tesseract's line
/// matrices turn half a degree with the image) is turned back about the page's centre
/// `c`, so a line's words share one baseline and a column's words one left edge down
/// the page.
pub(crate) fn normalise(glyphs: &mut [Glyph], words: &[Word], c: (f64, f64)) {
    for w in words {
        let t = w.angle;
        if t == 0.0 || t.abs() > MAX_SKEW {
            continue;
        }
        let (sin, cos) = t.sin_cos();
        for g in glyphs.get_mut(w.start..w.end).into_iter().flatten() {
            let (dx, dy) = (g.bbox.x0 - c.0, g.baseline - c.1);
            let x = c.0 + dx * cos + dy * sin;
            let y = c.1 - dx * sin + dy * cos;
            let shift = x - g.bbox.x0;
            g.bbox.x0 += shift;
            g.bbox.x1 += shift;
            g.bbox.y0 += y - g.baseline;
            g.bbox.y1 += y - g.baseline;
            g.baseline = y;
        }
    }
    for w in words {
        let x = glyphs.get(w.start).map(|g| g.bbox.x0);
        for g in glyphs.get_mut(w.start..w.end).into_iter().flatten() {
            g.word_x = x;
        }
        if stray_mark(glyphs, w) {
            for g in glyphs.get_mut(w.start..w.end).into_iter().flatten() {
                g.ch = ' ';
            }
        }
    }
}

/// Whether `w` is a piece of the scan's table rules the engine read as a mark: a word
/// of strokes only (`|`, `丨`, `_`, `]`: no form writes them as a word), or of strokes
/// and punctuation (`，`, `。`) with no text of its line ending within an em before it
/// (punctuation follows its sentence; nothing in a form starts a cell with it). Such a
/// mark stands in the gap between two columns, or at a cell's edge.
fn stray_mark(glyphs: &[Glyph], w: &Word) -> bool {
    let Some(word) = glyphs.get(w.start..w.end) else {
        return false;
    };
    let Some(first) = word.iter().find(|g| !g.ch.is_whitespace()) else {
        return false;
    };
    if word.iter().all(|g| g.ch.is_whitespace() || stroke(g.ch)) {
        return true;
    }
    if !word
        .iter()
        .all(|g| g.ch.is_whitespace() || stroke(g.ch) || punctuation(g.ch))
    {
        return false;
    }
    let em = first.size;
    !glyphs.iter().any(|g| {
        !g.ch.is_whitespace()
            && !stroke(g.ch)
            && !punctuation(g.ch)
            && (g.baseline - first.baseline).abs() < 0.4 * em
            && g.bbox.x1 > first.bbox.x0 - em
            && g.bbox.x0 < first.bbox.x0
    })
}

/// The largest skew turned back (3°): more is a turned page or slanted text.
const MAX_SKEW: f64 = 0.052;

fn stroke(c: char) -> bool {
    "|｜丨_＿[]【】".contains(c)
}

fn punctuation(c: char) -> bool {
    "，,。.、；;：:'‘’\"“”".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::Rect;
    use crate::pdf::text::{assemble, tests::glyph};

    /// Tesseract's word: `n` characters and a space, each `w` wide from `x`.
    fn tess_word(s: &str, x: f64, baseline: f64, w: f64) -> Vec<Glyph> {
        s.chars()
            .chain([' '])
            .enumerate()
            .map(|(i, c)| {
                let mut g = glyph(c, 0.0, baseline, 18.0);
                g.bbox = Rect::new(
                    x + w * i as f64,
                    g.bbox.y0,
                    x + w * (i + 1) as f64,
                    g.bbox.y1,
                );
                g
            })
            .collect()
    }

    /// Tesseract's words `(text, x, baseline)`, each drawn at `angle`.
    fn layer_at(words: &[(&str, f64, f64)], w: f64, angle: f64) -> (Vec<Glyph>, Vec<Word>) {
        let mut glyphs = Vec::new();
        let mut out = Vec::new();
        for (s, x, y) in words {
            let first = glyphs.len();
            glyphs.extend(tess_word(s, *x, *y, w));
            let word = glyphs.get_mut(first..).unwrap_or_default();
            out.extend(place_word(word, first, angle));
        }
        (glyphs, out)
    }

    fn layer(words: &[(&str, f64, f64)], w: f64) -> (Vec<Glyph>, Vec<Word>) {
        layer_at(words, w, 0.0)
    }

    #[test]
    fn a_words_characters_fill_its_box_and_its_space_takes_no_room() {
        // 部门 stretched over 0..27: each glyph 9 wide, the characters only to 18.
        let (g, _) = layer(&[("部门", 0.0, 100.0)], 9.0);
        let xs: Vec<(f64, f64)> = g.iter().map(|g| (g.bbox.x0, g.bbox.x1)).collect();
        assert_eq!(xs, vec![(0.0, 13.5), (13.5, 27.0), (27.0, 27.0)]);
        assert!(g.iter().all(|g| g.ocr));
    }

    #[test]
    fn word_spaces_beside_cjk_are_dropped_between_latin_words_kept() {
        let (g, _) = layer(
            &[
                ("部门", 0.0, 100.0),
                ("整体", 30.0, 100.0),
                ("ISO", 60.0, 100.0),
                ("9001", 90.0, 100.0),
                ("认证", 130.0, 100.0),
            ],
            6.0,
        );
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(assemble(&refs), "部门整体ISO 9001认证");
    }

    #[test]
    fn a_line_reads_word_by_word_where_the_engines_boxes_overlap() {
        // 激发's box runs over 市, the next word: still 激发市场, not 激市发场.
        let (mut g, w) = layer(
            &[
                ("激发", 0.0, 100.0),
                ("市", 14.0, 100.0),
                ("场", 24.0, 100.0),
            ],
            9.0,
        );
        normalise(&mut g, &w, (0.0, 0.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(assemble(&refs), "激发市场");
    }

    #[test]
    fn a_skewed_line_is_turned_back_onto_one_baseline() {
        // Half a degree: the line's second word sits 1.7 pt higher 200 pt along.
        let t = 0.5_f64.to_radians();
        let at = |x: f64| 400.0 + (x - 100.0) * t.tan();
        let (mut glyphs, words) = layer_at(
            &[("部门", 100.0, at(100.0)), ("名称", 300.0, at(300.0))],
            9.0,
            t,
        );
        normalise(&mut glyphs, &words, (300.0, 420.0));
        let (a, b) = (glyphs[0].baseline, glyphs[3].baseline);
        assert!((a - b).abs() < 0.05, "{a} {b}");
    }

    #[test]
    fn words_of_rule_marks_are_blanked_punctuation_after_text_kept() {
        let (mut g, w) = layer(
            &[
                ("支出", 0.0, 100.0),
                ("|", 60.0, 100.0),
                ("，", 90.0, 100.0),
                ("金额", 130.0, 100.0),
                ("，", 148.0, 100.0),
            ],
            6.0,
        );
        normalise(&mut g, &w, (0.0, 0.0));
        let kept: String = g
            .iter()
            .filter(|g| !g.ch.is_whitespace())
            .map(|g| g.ch)
            .collect();
        assert_eq!(kept, "支出金额，");
    }
}
