//! Character normalisation with a map back to the original text.
//!
//! Each original char becomes exactly one normalised char, so grammar can run on plain
//! ASCII-ish text (full-width digits, signs and spaces folded) while metrics and raw
//! values are still cut from the text as written.

use std::borrow::Cow;

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

/// First bytes of every UTF-8 char that [`norm_char`] changes (`\t`, U+00A0, U+2000–U+2BFF,
/// U+3000–U+3FFF, U+F000–U+FFFF). Most cells are plain ASCII and CJK ideographs (lead
/// bytes E4–E9), so a byte scan against this table proves most of them need no folding.
/// A test checks every char against it.
static MAY_CHANGE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\t' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Byte offset of the first char that [`norm_char`] changes, if any.
fn first_change(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    loop {
        let i = from
            + bytes
                .get(from..)?
                .iter()
                .position(|b| MAY_CHANGE[usize::from(*b)])?;
        // 、 and 。 (E3 80 81/82), the commonest hits, fold to themselves.
        if let Some([0xE3, 0x80, 0x81 | 0x82]) = bytes.get(i..i + 3) {
            from = i + 3;
            continue;
        }
        // Table hits are lead bytes (or ASCII), so `i` is a char boundary.
        let c = s.get(i..).and_then(first)?;
        if norm_char(c) != c {
            return Some(i);
        }
        from = i + c.len_utf8();
    }
}

/// Append `tail` folded by [`norm_char`] to `out`. Only chars whose first byte is in
/// `MAY_CHANGE` can change, so the runs between them are copied whole (a declaration's
/// text is mostly ideographs, and `，` or `（` early in it sent the rest through a
/// char-by-char push). `resized` is told of each char whose folded form has another
/// UTF-8 length, with `orig` its offset in `tail`.
fn fold_into(out: &mut String, tail: &str, mut resized: impl FnMut(Resized)) {
    let bytes = tail.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|b| MAY_CHANGE[usize::from(*b)]))
    {
        let i = from + k;
        // Table hits are lead bytes (or ASCII), so `i` is a char boundary.
        let Some(c) = tail.get(i..).and_then(first) else {
            break;
        };
        out.push_str(tail.get(from..i).unwrap_or(""));
        let n = norm_char(c);
        if n.len_utf8() != c.len_utf8() {
            resized(Resized {
                norm: out.len(),
                orig: i,
                norm_len: n.len_utf8(),
                orig_len: c.len_utf8(),
            });
        }
        out.push(n);
        from = i + c.len_utf8();
    }
    out.push_str(tail.get(from..).unwrap_or(""));
}

/// `s` with every char folded by [`norm_char`] and OCR's letter O read as zero inside
/// numbers ([`ocr_zeros`]); borrowed when nothing changes.
pub(crate) fn fold(s: &str) -> Cow<'_, str> {
    let mut text = match first_change(s) {
        None => Cow::Borrowed(s),
        Some(at) => {
            let (head, tail) = s.split_at(at);
            let mut text = String::with_capacity(s.len());
            text.push_str(head);
            fold_into(&mut text, tail, |_| {});
            Cow::Owned(text)
        }
    };
    ocr_zeros(&mut text);
    text
}

/// OCR reads 0 as the letter O (`≥8O%`, `1,2OO项`, `1O0`). In a run of digits, O/o and
/// `,`/`.` that starts with a digit and has no ASCII letter on either side, every O/o is a zero;
/// `H2O`, `CO2`, `ISO9001` and `5Other` keep their letters. O and 0 are both one byte,
/// so offsets into the text stay valid.
fn ocr_zeros(text: &mut Cow<'_, str>) {
    let zeros = ocr_zero_positions(text.as_bytes());
    if zeros.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_owned().into_bytes();
    for k in zeros {
        bytes[k] = b'0';
    }
    // ASCII replaced by ASCII keeps the text UTF-8.
    *text = Cow::Owned(String::from_utf8(bytes).unwrap_or_default());
}

/// Whether [`fold`] reads an O as a zero in `s` (a repair the record reports).
pub(crate) fn has_ocr_zeros(s: &str) -> bool {
    !ocr_zero_positions(s.as_bytes()).is_empty()
}

/// Where [`ocr_zeros`] puts zeros.
fn ocr_zero_positions(b: &[u8]) -> Vec<usize> {
    if memchr::memchr2(b'O', b'o', b).is_none() {
        return Vec::new();
    }
    let is_o = |c: u8| c == b'O' || c == b'o';
    let mut zeros = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || is_o(b[i]) || matches!(b[i], b',' | b'.')) {
            i += 1;
        }
        let letter = |at: Option<usize>| {
            at.and_then(|k| b.get(k))
                .is_some_and(u8::is_ascii_alphabetic)
        };
        if !letter(start.checked_sub(1)) && !letter(Some(i)) {
            zeros.extend((start..i).filter(|&k| is_o(b[k])));
        }
    }
    zeros
}

/// Normalised text plus a way back to the original byte offsets.
pub(crate) struct Norm<'a> {
    pub text: Cow<'a, str>,
    /// Bytes of the original text.
    orig_len: usize,
    /// The chars whose folding changed their UTF-8 length (full-width `，` → `,`), in
    /// order; between them both texts have the same bytes per char, so offsets only shift.
    /// Usually empty.
    resized: Vec<Resized>,
}

/// One char whose normalised form has another UTF-8 length.
struct Resized {
    /// Byte offset in the normalised text.
    norm: usize,
    /// Byte offset in the original text.
    orig: usize,
    norm_len: usize,
    orig_len: usize,
}

impl<'a> Norm<'a> {
    pub fn new(orig: &'a str) -> Norm<'a> {
        let Some(at) = first_change(orig) else {
            let mut text = Cow::Borrowed(orig);
            ocr_zeros(&mut text);
            return Norm {
                text,
                orig_len: orig.len(),
                resized: Vec::new(),
            };
        };
        let (head, tail) = orig.split_at(at);
        let mut text = String::with_capacity(orig.len());
        text.push_str(head);
        let mut resized = Vec::new();
        fold_into(&mut text, tail, |r| {
            resized.push(Resized {
                orig: at + r.orig,
                ..r
            })
        });
        let mut text = Cow::Owned(text);
        ocr_zeros(&mut text);
        Norm {
            text,
            orig_len: orig.len(),
            resized,
        }
    }

    /// The original byte offset of normalised byte `i` (clamped to the end; a byte inside
    /// a char maps to the start of that char).
    pub fn orig(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.orig_len;
        }
        // Same-length stretches share char boundaries, so the char start is found in the
        // normalised text and shifted by the last resized char before it.
        let start = floor_boundary(&self.text, i);
        let before = self.resized.partition_point(|r| r.norm <= start);
        match before.checked_sub(1).and_then(|k| self.resized.get(k)) {
            None => start,
            Some(r) if start < r.norm + r.norm_len => r.orig,
            Some(r) => r.orig + r.orig_len + (start - r.norm - r.norm_len),
        }
    }
}

/// The char boundary of `s` at or before `i` (`i` <= `s.len()`).
fn floor_boundary(s: &str, i: usize) -> usize {
    (0..=i).rev().find(|&b| s.is_char_boundary(b)).unwrap_or(0)
}

/// The first char of `s`, if any.
pub(crate) fn first(s: &str) -> Option<char> {
    s.chars().next()
}

/// `s` with leading ' ' removed, and how many bytes that was.
pub(crate) fn skip_spaces(s: &str) -> (&str, usize) {
    // By bytes: ' ' is ASCII, so the cut is a char boundary.
    let n = s.bytes().take_while(|&b| b == b' ').count();
    (s.get(n..).unwrap_or(""), n)
}

/// `s` with trailing ' ' removed.
pub(crate) fn trim_spaces_end(s: &str) -> &str {
    let n = s.bytes().rev().take_while(|&b| b == b' ').count();
    s.get(..s.len() - n).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_change_covers_every_folded_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if norm_char(c) != c {
                let mut b = [0; 4];
                let lead = c.encode_utf8(&mut b).as_bytes()[0];
                assert!(MAY_CHANGE[usize::from(lead)], "{c:?}");
            }
        }
    }

    proptest::proptest! {
        /// Run copying and the resized list agree with the char-by-char definition on
        /// any mix of folded and kept chars.
        #[test]
        fn fold_and_map_match_char_by_char(
            orig in "[a1 \t。、，（）：≥≧—－∶﹪　\u{a0}\u{2000}\u{ff01}\u{ff5e}\u{ff5f}一é𠀀]{0,24}"
        ) {
            let n = Norm::new(&orig);
            let text: String = orig.chars().map(norm_char).collect();
            proptest::prop_assert_eq!(&n.text, &text);
            proptest::prop_assert_eq!(fold(&orig), text);
            let map = full_map(&orig);
            for i in 0..map.len() + 2 {
                let want = map.get(i).or(map.last()).copied().unwrap_or(0);
                proptest::prop_assert_eq!(n.orig(i), want);
            }
        }
    }

    /// The map of the plain char-by-char definition.
    fn full_map(orig: &str) -> Vec<usize> {
        let mut map = Vec::new();
        for (ob, c) in orig.char_indices() {
            map.extend(std::iter::repeat_n(ob, norm_char(c).len_utf8()));
        }
        map.push(orig.len());
        map
    }

    #[test]
    fn map_matches_char_by_char() {
        for orig in [
            "",
            "abc",
            "数量≥42项",
            "数量≧42项",
            "数量\t≥ ４２％。",
            "４２",
            "达到　90%以上",
            "a—b",
            "≧—≦",
            "≧，≦\t达到（１）９０％\u{00A0}以上，﹪∶a",
            "，，",
            "项目完成率不超过１００％。２．重点≧３１项",
            "é𠀀\u{00A0}，x𠀀，é",
        ] {
            let n = Norm::new(orig);
            let text: String = orig.chars().map(norm_char).collect();
            assert_eq!(n.text, text);
            assert_eq!(fold(orig), text);
            let map = full_map(orig);
            for i in 0..map.len() + 3 {
                let want = map.get(i).or(map.last()).copied().unwrap_or(0);
                assert_eq!(n.orig(i), want, "{orig:?} {i}");
            }
        }
    }
}
