//! An OCR engine's invisible text layer over a scan (text render mode 3: Tesseract's
//! `GlyphLessFont`, ocrmypdf, ABBYY, Adobe's "searchable image").
//!
//! Such a layer places words, not glyphs: each word is one string stretched over the
//! word's box in the image (`Tz` or its own `Tm`), and its font size is the engine's
//! guess at the line's height. Tesseract ends every word with a space inside the same
//! stretched string, so the word's characters fill only `n / (n + 1)` of its box and a
//! phrase set solid on the page (`部门名称`) comes out as words with gaps between them;
//! and the size it gives lines of one page varies twofold (9 pt beside 18 pt for text
//! of one size), so the vertical extent of a line says nothing of where the next row
//! starts. Here each word's characters are spread over its box again (the trailing
//! space taking no room), and every glyph gets the height the page's CJK words show:
//! an ideograph is square, so a word of `n` ideographs is `n` ems wide.

use super::geometry::Glyph;

/// One word of an invisible layer: its glyphs (`start..end` in the page's glyphs),
/// its text object (`BT`, a line in Tesseract's output), and the em its box shows.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    start: usize,
    end: usize,
    line: usize,
    /// Box width over its character count, for a word of ideographs only.
    em: Option<f64>,
    chars: usize,
}

fn ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Mark the glyphs of one invisibly drawn string (`word`, starting at glyph `first` of
/// the page, in text object `line`) as the OCR layer's, spread its characters over
/// the string's whole advance when it ends in a space, and measure its em.
pub(crate) fn place_word(word: &mut [Glyph], first: usize, line: usize) -> Option<Word> {
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
    let ideographs = word
        .iter()
        .enumerate()
        .all(|(i, g)| !ink(i) || ideograph(g.ch));
    let x0 = word.get(first_ink)?.bbox.x0;
    let x1 = word.iter().map(|g| g.bbox.x1).fold(f64::MIN, f64::max);
    if !(x1 > x0) {
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
    let em = ideographs.then(|| (x1 - x0) / n as f64);
    Some(Word {
        start: first,
        end: first + word.len(),
        line,
        em,
        chars: n,
    })
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

/// Give the layer's glyphs the size their words' boxes show: the median em of the
/// line's words of two or more ideographs where it has three such, else the page's
/// (words of one ideograph only where the page has no longer ones: a lone character's
/// box is its ink, narrower than an em for `门`, `目`).
pub(crate) fn normalise_sizes(glyphs: &mut [Glyph], words: &[Word]) {
    let ems = |min: usize, line: Option<usize>| -> Vec<f64> {
        words
            .iter()
            .filter(|w| w.chars >= min && line.is_none_or(|l| w.line == l))
            .filter_map(|w| w.em)
            .collect()
    };
    let page = ems(2, None);
    let page = if page.is_empty() { ems(1, None) } else { page };
    let Some(page_em) = median(page) else {
        return;
    };
    let mut line_em: Option<(usize, f64)> = None;
    for w in words {
        let em = match line_em {
            Some((l, em)) if l == w.line => em,
            _ => {
                let own = ems(2, Some(w.line));
                let em = if own.len() >= 3 {
                    median(own).unwrap_or(page_em)
                } else {
                    page_em
                };
                line_em = Some((w.line, em));
                em
            }
        };
        if !(2.0..=72.0).contains(&em) {
            continue;
        }
        for g in glyphs.get_mut(w.start..w.end).into_iter().flatten() {
            g.size = em;
            g.bbox.y0 = g.baseline - 0.12 * em;
            g.bbox.y1 = g.baseline + 0.88 * em;
        }
    }
}
