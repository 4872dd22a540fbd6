//! Character normalisation with a map back to the original text.
//!
//! Each original char becomes exactly one normalised char, so grammar can run on plain
//! ASCII-ish text (full-width digits, signs and spaces folded) while metrics and raw
//! values are still cut from the text as written.

/// Fold one char: full-width ASCII to ASCII, every kind of space to ' ', dashes to '-',
/// waves to '~', the ≧/≦ variants to ≥/≤.
pub(crate) fn norm_char(c: char) -> char {
    match c {
        // Full-width ASCII block (！..～): fixed offset from ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}'
        | '\u{00A0}'
        | '\u{2000}'..='\u{200B}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{FEFF}'
        | '\t' => ' ',
        '≧' | '⩾' => '≥',
        '≦' | '⩽' => '≤',
        '−' | '–' | '‒' | '‐' | '‑' | '—' | '―' | '﹣' | '➖' => '-',
        '〜' | '∼' => '~',
        '￥' => '¥',
        '﹪' => '%',
        '﹒' => '.',
        '∶' => ':',
        '﹢' => '+',
        _ => c,
    }
}

/// Normalised text plus, for every normalised byte, the original byte it came from.
pub(crate) struct Norm {
    pub text: String,
    map: Vec<u32>,
}

impl Norm {
    pub fn new(orig: &str) -> Norm {
        let mut text = String::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len() + 1);
        for (ob, c) in orig.char_indices() {
            let n = norm_char(c);
            for _ in 0..n.len_utf8() {
                map.push(u32::try_from(ob).unwrap_or(u32::MAX));
            }
            text.push(n);
        }
        map.push(u32::try_from(orig.len()).unwrap_or(u32::MAX));
        Norm { text, map }
    }

    /// The original byte offset of normalised byte `i` (clamped to the end).
    pub fn orig(&self, i: usize) -> usize {
        // Texts past 4 GiB are not cells; clamp rather than panic.
        self.map
            .get(i)
            .or_else(|| self.map.last())
            .map_or(0, |o| *o as usize)
    }
}

/// The first char of `s`, if any.
pub(crate) fn first(s: &str) -> Option<char> {
    s.chars().next()
}

/// `s` with leading ' ' removed, and how many bytes that was.
pub(crate) fn skip_spaces(s: &str) -> (&str, usize) {
    let t = s.trim_start_matches(' ');
    (t, s.len() - t.len())
}
