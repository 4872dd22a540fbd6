//! Stage 2 (text): bytes → text.
//!
//! Detection order (first match wins):
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE, GB18030's own `84 31 95 33`);
//! 2. UTF-16 without BOM: NUL bytes in the head and one byte order decoding to plausible text;
//! 3. strict UTF-8, then "mostly UTF-8" (a damaged UTF-8 file stays UTF-8, with warnings);
//! 4. chardetng (TLD `cn`) as one candidate next to GBK/GB18030 and Big5, each scored on a
//!    sample by decoding errors, implausible characters (kana, Hangul, PUA, accented Latin …)
//!    and rare characters; ties go to chardetng's pick, then GBK. Chinese is the default:
//!    a short GBK text is never reported as windows-1252 or Shift_JIS just because the
//!    detector had too little to go on.
//!
//! Undecodable bytes become U+FFFD and one `decode_error` warning per line (capped); only a
//! text that is mostly garbage is an [`Error::Encoding`].

use std::borrow::Cow;
use std::sync::LazyLock;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    DecoderResult, Encoding, BIG5, GB18030, GBK, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8,
};

use crate::error::{Error, Position, Result};
use crate::record::{Loc, Warning};

mod radicals;
pub use radicals::{unify_radical, unify_radicals};

#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Canonical name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, `GBK`, `Big5`, …
    pub encoding: String,
    pub warnings: Vec<Warning>,
}

/// `text` in simplified characters, when it holds traditional ones (a form from a Big5
/// archive, or typed in traditional characters): the form's labels (部門名稱, 績效指標,
/// 預算金額) are only known in simplified spelling. `None` when nothing changes.
/// The whole text is converted, so values and names come out simplified too; the
/// warning says so (the bytes and their sha256 stay the input's).
pub fn fold_traditional(text: &str) -> Option<(String, Warning)> {
    let (folded, changed) = to_simplified(text);
    (changed > 0).then(|| (folded, traditional_warning(changed)))
}

/// `text` in simplified characters, and how many characters changed (the table maps
/// one character to one).
pub fn to_simplified(text: &str) -> (String, usize) {
    let folded = fast2s::convert(text);
    let changed = folded
        .chars()
        .zip(text.chars())
        .filter(|(a, b)| a != b)
        .count();
    (folded, changed)
}

/// The warning of a form read in simplified characters, `changed` of them converted.
pub fn traditional_warning(changed: usize) -> Warning {
    Warning::new(
        "traditional_folded",
        format!(
            "the text is in traditional characters: read in simplified characters \
             ({changed} characters converted), and its text fields are written so"
        ),
        None,
    )
}

/// Bytes looked at when choosing an encoding; the whole input is decoded once chosen.
const SAMPLE: usize = 64 * 1024;
/// Bytes chardetng looks at when it is needed.
const CHARDET_SAMPLE: usize = 16 * 1024;
/// Bytes looked at by the UTF-16 heuristic.
const UTF16_SAMPLE: usize = 4096;
/// Per-line `decode_error` warnings before one summary warning.
const MAX_LINE_WARNINGS: usize = 20;
/// Above this share of replaced characters the text is garbage, not a damaged text.
const GARBAGE_RATIO: f64 = 0.20;

/// The encoding a `--encoding` label names (`gbk`, `gb18030`, `utf-16le`, `big5`, …),
/// case-insensitive. Besides the documented labels any WHATWG label is accepted, except
/// those that name the "replacement" pseudo-encoding (it decodes everything to U+FFFD).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase();
    let enc = match l.as_str() {
        "utf-8" | "utf8" => UTF_8,
        "gbk" | "gb2312" | "cp936" | "gb_2312" | "x-gbk" => GBK,
        "gb18030" | "gb-18030" => GB18030,
        "utf-16" | "utf16" | "utf-16le" | "utf16le" => UTF_16LE,
        "utf-16be" | "utf16be" => UTF_16BE,
        "big5" | "big-5" | "cp950" | "big5-hkscs" => BIG5,
        other => Encoding::for_label(other.as_bytes())?,
    };
    (enc != REPLACEMENT).then_some(enc)
}

/// The name `source.encoding` reports for an encoding.
pub fn canonical_name(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "UTF-8"
    } else if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else if enc == GB18030 {
        "GB18030"
    } else if enc == GBK {
        "GBK"
    } else if enc == BIG5 {
        "Big5"
    } else {
        enc.name()
    }
}

/// Decode `bytes`, detecting the encoding unless `forced`.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded> {
    decode_probed(bytes, forced, None)
}

/// `decode`, given `utf16_without_bom(bytes)` when the caller already asked it (the
/// format sniffer does, for every input without a BOM).
pub(crate) fn decode_probed(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    utf16: crate::input::Utf16Probe,
) -> Result<Decoded> {
    let (enc, body, name, ready) = match forced {
        Some(enc) => (enc, strip_bom_for(enc, bytes), canonical_name(enc), None),
        None => detect_full(bytes, utf16),
    };
    // Mojibake (GBK read as Windows-1252 and saved as UTF-8) is valid UTF-8 whose
    // characters are implausible, so detection may have taken it for a legacy encoding.
    if forced.is_none() && enc != UTF_8 {
        if let Ok(s) = simdutf8::basic::from_utf8(body) {
            if let Some(fixed) = unmojibake(s) {
                let (text, warning) = fixed?;
                return Ok(finish(text, "UTF-8", vec![warning]));
            }
        }
    }
    let out = match ready {
        // Detection already validated or decoded the whole input.
        Some(Ready::Utf8(s)) => return finish_utf8(s, name, forced.is_some()),
        Some(Ready::Decoded(out)) => out,
        None => {
            // Fast path: valid UTF-8 needs no decoder.
            if enc == UTF_8 {
                if let Ok(s) = simdutf8::basic::from_utf8(body) {
                    return finish_utf8(s, name, forced.is_some());
                }
            }
            decode_tracking(enc, body, true)
        }
    };
    // Bytes that do not decode may be lines in the other encoding: a text assembled
    // from a GBK export and a UTF-8 one. Asked only of damaged decodings, so a clean
    // file costs nothing. (A UTF-8 part read as GBK is damaged wherever an odd number of
    // ideographs runs up to ASCII, as in nearly every table of a few rows.)
    if out.replaced > 0 && forced.is_none() {
        let legacy = if enc == UTF_8 { GB18030 } else { enc };
        if matches!(legacy.name(), "GBK" | "gb18030") {
            if let Some((mixed, utf8_lines, legacy_lines)) = decode_mixed(body, legacy) {
                let mut warnings = check_damage(&mixed, name, false)?;
                warnings.insert(
                    0,
                    Warning::new(
                        "mixed_encoding",
                        format!(
                            "{utf8_lines} line(s) are UTF-8 and {legacy_lines} line(s) {}: each line decoded in its own encoding",
                            canonical_name(legacy)
                        ),
                        None,
                    ),
                );
                return Ok(finish(mixed.text, name, warnings));
            }
        }
    }
    let warnings = check_damage(&out, name, forced.is_some())?;
    Ok(finish(out.text, name, warnings))
}

/// A text whose lines are in two encodings, UTF-8 and a GBK-family one: each line
/// decoded in the one that reads it with the lower cost (replaced sequences, then
/// implausible and rare characters). `None` unless both kinds of line are there, the
/// UTF-8 ones with three or more CJK-range characters in all (a GBK line that happens
/// to be valid UTF-8 reads as implausible or rare characters, and loses the contest).
/// Returns the decoding and the counts of UTF-8 and legacy lines.
fn decode_mixed(body: &[u8], legacy: &'static Encoding) -> Option<(Tracked, usize, usize)> {
    let mut out = Tracked {
        text: String::with_capacity(body.len().saturating_mul(3) / 2 + 16),
        replaced: 0,
        at_out: Vec::new(),
        first_in: None,
    };
    let (mut utf8_lines, mut legacy_lines, mut wide) = (0usize, 0usize, 0usize);
    let mut at = 0usize;
    for line in body.split_inclusive(|&b| b == b'\n') {
        let start = at;
        at += line.len();
        if line.is_ascii() {
            out.text
                .push_str(std::str::from_utf8(line).unwrap_or_default());
            continue;
        }
        let as_legacy = decode_tracking(legacy, line, true);
        let (legacy_cost, _) = legacy_score(legacy, line, &as_legacy);
        let as_utf8 = match simdutf8::basic::from_utf8(line) {
            Ok(s) => Tracked {
                text: s.to_string(),
                replaced: 0,
                at_out: Vec::new(),
                first_in: None,
            },
            Err(_) => decode_tracking(UTF_8, line, true),
        };
        let utf8_cost = as_utf8.replaced * 8 + self::utf8_cost(&as_utf8.text);
        let chosen = if utf8_cost < legacy_cost {
            if as_utf8.replaced == 0 {
                utf8_lines += 1;
                wide += as_utf8.text.chars().filter(|&c| c >= '\u{800}').count();
            }
            as_utf8
        } else {
            legacy_lines += 1;
            as_legacy
        };
        let base = out.text.len();
        out.at_out.extend(chosen.at_out.iter().map(|o| o + base));
        out.replaced += chosen.replaced;
        if out.first_in.is_none() {
            out.first_in = chosen.first_in.map(|f| f + start);
        }
        out.text.push_str(&chosen.text);
    }
    (utf8_lines > 0 && legacy_lines > 0 && wide >= 3).then_some((out, utf8_lines, legacy_lines))
}

/// A valid UTF-8 text, unless it is mojibake (see `unmojibake`): turned back where that
/// is exact, an encoding error where bytes were lost.
fn finish_utf8(s: &str, name: &str, forced: bool) -> Result<Decoded> {
    if !forced {
        match unmojibake(s) {
            Some(Ok((text, warning))) => return Ok(finish(text, name, vec![warning])),
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    Ok(finish(s.to_string(), name, Vec::new()))
}

/// The byte Windows-1252 writes as `c` where that is no Latin-1 code point (0x80–0x9F).
fn cp1252_byte(c: char) -> Option<u8> {
    const SPECIALS: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    SPECIALS.iter().find(|(k, _)| *k == c).map(|(_, b)| *b)
}

/// Fewest high characters (Latin-1 or Windows-1252 letters) a text must hold to be
/// taken for mojibake: a few accented words are a Latin text's.
const MOJIBAKE_MIN_HIGH: usize = 16;

/// A GBK file read as Windows-1252 or Latin-1 and saved as UTF-8 (`²¿ÃÅÃû³Æ` for
/// 部门名称), as an archive holds it: every character of the text is ASCII, a Latin-1
/// one or a Windows-1252 one, so each gives back its byte, and those bytes read as GBK
/// are ideographs a form holds (not a Latin text's accented words, which read as GBK
/// errors and rare characters). `None` for any other text. Where the round trip is
/// lossless the GBK text is returned with a `mojibake_repaired` warning; where a byte
/// was lost on the way (U+FFFD for a byte Windows-1252 does not define, or a byte that
/// cannot stand in GBK) what it was cannot be told, and the text is an encoding error,
/// never a guess.
fn unmojibake(text: &str) -> Option<Result<(String, Warning)>> {
    // Cheap reject: mojibake of Chinese text is mostly two-byte UTF-8 (C2/C3 leads).
    let b = text.as_bytes();
    if memchr::memchr2_iter(0xC2, 0xC3, b)
        .take(MOJIBAKE_MIN_HIGH)
        .count()
        < MOJIBAKE_MIN_HIGH
    {
        return None;
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(b.len());
    let (mut high, mut lost) = (0usize, 0usize);
    for c in text.chars() {
        let byte = match c {
            '\u{0}'..='\u{7F}' => c as u8,
            '\u{80}'..='\u{FF}' => {
                high += 1;
                c as u8
            }
            '\u{FFFD}' => {
                lost += 1;
                b'?'
            }
            _ => {
                high += 1;
                cp1252_byte(c)?
            }
        };
        bytes.push(byte);
    }
    if high < MOJIBAKE_MIN_HIGH {
        return None;
    }
    let out = decode_tracking(GB18030, &bytes, true);
    let (rare, _) = gbk_rare(&bytes);
    let bad = legacy_bad(&out.text) * 4 + rare;
    let wide = out.text.chars().filter(|c| !c.is_ascii()).count();
    let ideographs = out
        .text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    // Mostly ideographs, hardly a rare or implausible character: a Latin text read as
    // GBK is errors and rare characters.
    if ideographs * 2 < wide || bad * 10 > wide || out.replaced * 10 > wide {
        return None;
    }
    if lost > 0 || out.replaced > 0 {
        return Some(Err(Error::Encoding {
            message: format!(
                "the text is GBK read as Windows-1252 (or Latin-1) and saved as UTF-8 (mojibake), and {} byte(s) were lost in that conversion: it cannot be turned back exactly",
                lost + out.replaced
            ),
            position: Position::default(),
        }));
    }
    Some(Ok((
        out.text,
        Warning::new(
            "mojibake_repaired",
            "the text was GBK read as Windows-1252 (or Latin-1) and saved as UTF-8 (mojibake); turned back to GBK exactly (every character gave back its byte)",
            None,
        ),
    )))
}

fn finish(mut text: String, name: &str, warnings: Vec<Warning>) -> Decoded {
    // A BOM is never content (a forced encoding may leave one in).
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    if has_invisible(text.as_bytes()) {
        text.retain(|c| !is_invisible(c));
    }
    if let Cow::Owned(unified) = unify_radicals(&text) {
        text = unified;
    }
    Decoded {
        text,
        encoding: name.to_string(),
        warnings,
    }
}

/// Characters that copy and paste leave in a text and that show nothing: NUL, the soft
/// hyphen (U+00AD), zero-width spaces and joiners, direction marks and isolates, word
/// joiners, and a BOM (U+FEFF) in the middle of a text pasted from several files. They
/// part no cell and belong to no word: `1,\u{AD}206.40` is 1,206.40, `某市\u{200B}统计局`
/// is 某市统计局.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\0' | '\u{AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whether UTF-8 `b` holds an `is_invisible` character, tested on bytes: every such
/// character is NUL, U+FEFF (EF BB BF) or starts with 0xC2 or 0xE2, lead bytes that are
/// rare in Chinese text (0xEF, the full-width punctuation's, is not: U+FEFF is found as
/// a whole). A `chars()` walk over every text cost about 7 instructions a byte.
fn has_invisible(b: &[u8]) -> bool {
    if memchr::memchr(0, b).is_some() || memchr::memmem::find(b, "\u{FEFF}".as_bytes()).is_some() {
        return true;
    }
    memchr::memchr2_iter(0xC2, 0xE2, b).any(|i| {
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        match (next(0), next(1)) {
            (0xC2, 0xAD) => true,
            (0xE2, 0x80) => matches!(next(2), 0x8B..=0x8F | 0xAA..=0xAE),
            (0xE2, 0x81) => matches!(next(2), 0xA0..=0xA4 | 0xA6..=0xA9),
            _ => false,
        }
    })
}

/// The input without the BOM of the forced encoding, if it has one.
fn strip_bom_for<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => bytes.get(len..).unwrap_or(&[]),
        _ => bytes,
    }
}

/// Choose an encoding: returns it, the bytes to decode (BOM removed) and the reported name.
pub fn detect(bytes: &[u8]) -> (&'static Encoding, &[u8], &'static str) {
    let (enc, body, name, _) = detect_full(bytes, None);
    (enc, body, name)
}

/// What detection already learnt about the whole input, so `decode` need not redo it.
enum Ready<'a> {
    /// The input is valid UTF-8 (and UTF-8 was chosen).
    Utf8(&'a str),
    /// The whole input decoded (with `last`) in the chosen encoding.
    Decoded(Tracked),
}

type Detected<'a> = (&'static Encoding, &'a [u8], &'static str, Option<Ready<'a>>);

fn detect_full(bytes: &[u8], utf16: crate::input::Utf16Probe) -> Detected<'_> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return (
            enc,
            bytes.get(len..).unwrap_or(&[]),
            canonical_name(enc),
            None,
        );
    }
    if let Some(rest) = bytes.strip_prefix(&[0x84, 0x31, 0x95, 0x33]) {
        return (GB18030, rest, "GB18030", None);
    }
    // Asked by the sniffer already for most inputs (only the BOM tests above come first).
    if let Some(enc) = utf16.unwrap_or_else(|| utf16_without_bom(bytes)) {
        return (enc, bytes, canonical_name(enc), None);
    }
    let head = sample(bytes);
    // Every UTF-8 input is validated here; simdutf8 does it several times faster than
    // std on CJK text.
    let valid = simdutf8::basic::from_utf8(bytes).ok();
    let utf8 = |bytes| (UTF_8, bytes, "UTF-8", valid.map(Ready::Utf8));
    let utf8_cost = if let Some(all) = valid {
        // Valid UTF-8 is almost always UTF-8, but a few GBK characters happen to form valid
        // UTF-8 too (一 is D2 BB, Cyrillic һ): let legacy encodings compete when the UTF-8
        // reading has implausible characters.
        // Greek/Cyrillic letters count too: two GBK bytes often read as one of them.
        // Not when the text holds the form's labels: GBK that happens to be valid UTF-8
        // is a few characters, never these words (and the test is two searches where
        // `utf8_cost` tests every byte).
        if holds_form_labels(all) {
            return utf8(bytes);
        }
        // The sample's text: its whole characters (a character cut by the sample end is
        // left out, as a non-final decode would).
        let mut end = head.len();
        while !all.is_char_boundary(end) {
            end -= 1;
        }
        Some(utf8_cost(&all[..end]))
    } else if mostly_utf8(head) {
        Some(0)
    } else {
        None
    };
    if utf8_cost == Some(0) {
        return utf8(bytes);
    }
    // The sample is the whole input here, and its GBK decoding the one scored below.
    let whole = bytes.len() < SAMPLE;
    let gbk_text = decode_tracking(GBK, head, whole);
    if whole && utf8_cost.is_none() {
        if let Some(four) = clean_gbk_form(bytes, &gbk_text) {
            let (enc, name) = if four {
                (GB18030, "GB18030")
            } else {
                (GBK, "GBK")
            };
            return (enc, bytes, name, Some(Ready::Decoded(gbk_text)));
        }
    }
    let (enc, cost, decoded, first_four) = guess_legacy(head, gbk_text);
    if utf8_cost.is_some_and(|u| u <= cost) {
        return utf8(bytes);
    }
    // The sample was decoded as the whole input when it is the whole input.
    let ready = decoded
        .filter(|_| head.len() == bytes.len() && bytes.len() < SAMPLE)
        .map(Ready::Decoded);
    if enc == GBK && four_byte_after_scan(bytes, head.len(), first_four) {
        // encoding_rs decodes GBK with the gb18030 decoder (as WHATWG specifies), so the
        // GBK decoding is already the GB18030 one: no second pass over the input.
        return (GB18030, bytes, "GB18030", ready);
    }
    (enc, bytes, canonical_name(enc), ready)
}

fn sample(bytes: &[u8]) -> &[u8] {
    bytes.get(..SAMPLE).unwrap_or(bytes)
}

/// UTF-16 without a BOM: the head has NUL bytes (ASCII digits, tabs and line ends are
/// half NUL in UTF-16) and one byte order decodes to plausible text. NUL position alone
/// is not enough: `一` (U+4E00) puts its NUL on the "wrong" side.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..UTF16_SAMPLE).unwrap_or(bytes);
    let head = head.get(..head.len() & !1).unwrap_or(head);
    // memchr crate: std's byte search is word-at-a-time, this runs on every input.
    if head.len() < 2 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let mut best: Option<(&'static Encoding, usize)> = None;
    for enc in [UTF_16LE, UTF_16BE] {
        // Only a strictly lower cost wins: after a flawless reading nothing can.
        if best.is_some_and(|(_, c)| c == 0) {
            break;
        }
        let out = decode_tracking(enc, head, false);
        let p = profile(&out.text);
        let total = p.chars.max(1);
        let cost = out.replaced * 4 + p.bad + p.nul * 4;
        // Plausible: few bad characters, at least some ASCII (where the NULs came from).
        if cost * 10 <= total && p.ascii > 0 && best.is_none_or(|(_, c)| cost < c) {
            best = Some((enc, cost));
        }
    }
    best.map(|(enc, _)| enc)
}

/// Not valid UTF-8, but the non-ASCII that is valid UTF-8 far outnumbers the errors: a
/// damaged or truncated UTF-8 file (a legacy encoding almost never forms valid sequences).
fn mostly_utf8(bytes: &[u8]) -> bool {
    // Non-ASCII characters in valid UTF-8 = lead bytes (0xC0 and up).
    let leads = |b: &[u8]| b.iter().filter(|&&x| x >= 0xC0).count();
    let (mut good, mut errors) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += leads(s.as_bytes());
                break;
            }
            Err(e) => {
                good += leads(rest.get(..e.valid_up_to()).unwrap_or(&[]));
                // No error_len: a character cut by the end of the sample, not an error.
                let Some(n) = e.error_len() else { break };
                errors += 1;
                rest = rest.get(e.valid_up_to() + n..).unwrap_or(&[]);
                // Legacy text fails at once and often: stop early (this runs on every
                // GBK file).
                if errors > 16 && errors * 8 > good {
                    return false;
                }
            }
        }
    }
    good >= 2 && good >= errors * 8
}

/// Legacy (non-Unicode) text: GBK and Big5 are scored on the sample; when neither is a
/// clear winner chardetng breaks the tie between them and may propose another encoding,
/// which must then score strictly better (Chinese is the default). chardetng is slow
/// (~4 MB/s) and a whole GBK declaration is almost never a tie, so it mostly is not run.
/// Also returns the sample's decoding in the chosen encoding, and what GBK's scoring saw
/// of four-byte sequences (see `gbk_rare`).
fn guess_legacy(
    bytes: &[u8],
    gbk_text: Tracked,
) -> (&'static Encoding, usize, Option<Tracked>, FirstFour) {
    let (gbk, ff) = legacy_score(GBK, bytes, &gbk_text);
    // Big5's cost is at least its rare count, so when that alone is more than three times
    // GBK's (nearly every GBK and GB18030 file), GBK wins below (`gbk == 0 && big5 > 0`
    // or the clear margin) without decoding the sample as Big5.
    if big5_rare_above(bytes, gbk.saturating_mul(3)) {
        return (GBK, gbk, Some(gbk_text), ff);
    }
    against_big5(bytes, gbk, gbk_text, ff)
}

/// A whole input (not UTF-8) that decodes as GBK/GB18030 with no error and holds the
/// form's own labels (绩效, 指标) in simplified spelling is GBK: Big5 or another legacy
/// text almost never decodes clean as GBK, and never into these words, so the scoring
/// of `guess_legacy` (`gbk_rare`, the implausible-character walk, Big5's rare count,
/// about a third of a GBK file's decoding) would only confirm it. Returns whether the
/// text holds GB18030 four-byte sequences (`has_gb18030_four_byte`), or `None` when the
/// input must be scored.
fn clean_gbk_form(bytes: &[u8], gbk: &Tracked) -> Option<bool> {
    if gbk.replaced > 0 || !holds_form_labels(&gbk.text) {
        return None;
    }
    Some(four_byte_in_clean(bytes, &gbk.text))
}

/// Whether `text` holds 绩效 and 指标, words of every performance-target form's title
/// and labels (绩效目标, 绩效指标, 产出指标): a text decoded in the wrong encoding never
/// spells them.
fn holds_form_labels(text: &str) -> bool {
    // memchr's searchers, built once: `str::contains` stops at every E7 or 88 byte, which
    // most ideographs have.
    static WORDS: LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        LazyLock::new(|| ["绩效", "指标"].map(|w| memchr::memmem::Finder::new(w.as_bytes())));
    WORDS.iter().all(|f| f.find(text.as_bytes()).is_some())
}

/// `has_gb18030_four_byte(bytes)` for input that decoded as GBK/GB18030 to `text` with
/// no error, from the lengths: the decoder made each ASCII char of one byte, a lone
/// 0x80 a €, and every other char of two bytes or four (a pair's trail may be below
/// 0x80, but no pair reads as ASCII), so `bytes.len() - (ASCII chars + 2 × other
/// chars)` is twice the four-byte sequences.
/// Where the walk's pairs are the decoder's (no lone 0x80: no 0x80 at all here) a
/// four-byte sequence is where the walk meets a lead and a digit, so the answers agree.
/// A byte count over the text, which vectorises, instead of the walk's branch per pair.
fn four_byte_in_clean(bytes: &[u8], text: &str) -> bool {
    // No 0x80 byte, so none alone (a search that seldom stops: 0x80 is a rare trail).
    if memchr::memchr(0x80, bytes).is_some() {
        return has_gb18030_four_byte(bytes);
    }
    // Per byte of the text: 1 for ASCII, 2 for a char's lead byte, 0 for a continuation
    // byte; summed in u8 over runs short enough not to overflow.
    let weight: usize = text
        .as_bytes()
        .chunks(127)
        .map(|run| {
            usize::from(run.iter().fold(0u8, |acc, &x| {
                acc.wrapping_add(u8::from(x < 0x80) + (u8::from(x >= 0xC0) << 1))
            }))
        })
        .sum();
    bytes.len() > weight
}

/// `guess_legacy` once the sample is decoded as Big5 too.
fn against_big5(
    bytes: &[u8],
    gbk: usize,
    gbk_text: Tracked,
    ff: FirstFour,
) -> (&'static Encoding, usize, Option<Tracked>, FirstFour) {
    let (big5, big5_text, _) = legacy_cost(BIG5, bytes);
    if gbk == 0 && big5 > 0 {
        return (GBK, 0, Some(gbk_text), ff);
    }
    if big5 == 0 && gbk > 0 {
        return (BIG5, 0, Some(big5_text), ff);
    }
    // A clear margin decides without the (slow) statistical detector: text in one of the
    // two reads as many errors or rare characters in the other.
    if gbk.saturating_mul(3) < big5 {
        return (GBK, gbk, Some(gbk_text), ff);
    }
    if big5.saturating_mul(3) < gbk {
        return (BIG5, big5, Some(big5_text), ff);
    }
    let head = bytes.get(..CHARDET_SAMPLE).unwrap_or(bytes);
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    // `last` only when this is the whole input, so a cut character is not an error.
    det.feed(head, head.len() == bytes.len() && bytes.len() < SAMPLE);
    let guess = det.guess(Some(b"cn"), Utf8Detection::Deny);
    let chinese = if big5 < gbk || (big5 == gbk && guess == BIG5) {
        (BIG5, big5, Some(big5_text), ff)
    } else {
        (GBK, gbk, Some(gbk_text), ff)
    };
    if guess != GBK && guess != BIG5 {
        let (other, other_text, _) = legacy_cost(guess, bytes);
        if other < chinese.1 {
            return (guess, other, Some(other_text), ff);
        }
    }
    chinese
}

/// Lower is likelier: decoding errors weigh most, then characters a Chinese form does not
/// contain, then characters outside the encoding's common repertoire.
/// Also returns the decoding it scored (and for GBK/GB18030 what `gbk_rare` saw).
fn legacy_cost(enc: &'static Encoding, bytes: &[u8]) -> (usize, Tracked, FirstFour) {
    let out = decode_tracking(enc, bytes, bytes.len() < SAMPLE);
    let (cost, ff) = legacy_score(enc, bytes, &out);
    (cost, out, ff)
}

/// The cost of `out`, the decoding of `bytes` in a legacy encoding: replaced sequences,
/// implausible characters and the encoding's rare characters (see `legacy_cost`).
fn legacy_score(enc: &'static Encoding, bytes: &[u8], out: &Tracked) -> (usize, FirstFour) {
    let (rare, ff) = if enc == GBK || enc == GB18030 {
        gbk_rare(bytes)
    } else if enc == BIG5 {
        (big5_rare(bytes), None)
    } else {
        (0, None)
    };
    (out.replaced * 8 + legacy_bad(&out.text) * 4 + rare, ff)
}

/// The lead byte of the first pair `gbk_rare` read as the start of a four-byte sequence
/// (a byte from 0x80 followed by a digit), if any.
type FirstFour = Option<u8>;

/// `has_gb18030_four_byte(bytes)`, knowing `first` from `gbk_rare` over the first
/// `scanned` bytes: the two walks step alike until `gbk_rare` meets a byte from 0x80
/// followed by a digit, where `has_gb18030_four_byte` answers true for a lead
/// 0x81..=0xFE; only after another lead (0x80, 0xFF), or with nothing seen in a sample
/// shorter than the input, must the input be walked again. Spares a GBK file's second
/// walk.
fn four_byte_after_scan(bytes: &[u8], scanned: usize, first: FirstFour) -> bool {
    match first {
        Some(0x81..=0xFE) => true,
        None if scanned >= bytes.len() => false,
        _ => has_gb18030_four_byte(bytes),
    }
}

/// Two-byte GBK characters outside GB2312 (lead or trail below 0xA1: GBK/3, GBK/4 and
/// user-defined areas) and four-byte GB18030 ones: rare in simplified Chinese text, but
/// what Big5 text looks like when read as GBK. Also the lead of the first four-byte
/// sequence (see `FirstFour`).
fn gbk_rare(bytes: &[u8]) -> (usize, FirstFour) {
    const RUN: usize = 16;
    // The most each byte of a run may be: a lead (even offset) F7, a trail FE.
    const MAX: [u8; RUN] = {
        let mut m = [0xFEu8; RUN];
        let mut k = 0;
        while k < RUN {
            m[k] = 0xF7;
            k += 2;
        }
        m
    };
    let mut rare = 0;
    let mut first = None;
    let mut i = 0;
    // Where the run test may be tried next: after a failed test, not before its bytes are
    // walked (testing again at every pair cost more than the walk).
    let mut next_try = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        // At a lead: 16 bytes of leads in A1..=F7 and trails in A1..=FE are 8 GB2312
        // pairs, none rare and none four-byte, tested with no branch per byte. About
        // two thirds of a GBK declaration's pairs are in such runs, where the pair walk
        // below was the bulk of GBK scoring's time.
        if i >= next_try {
            if let Some(run) = bytes.get(i..i + RUN) {
                let outside = run.iter().zip(MAX).fold(0u8, |acc, (&x, max)| {
                    acc | u8::from(x < 0xA1) | u8::from(x > max)
                });
                if outside == 0 {
                    i += RUN;
                    continue;
                }
                next_try = i + RUN;
            }
        }
        let t = bytes.get(i + 1).copied().unwrap_or(0);
        if (0x30..=0x39).contains(&t) {
            rare += 1;
            first = first.or(Some(b));
            i += 4;
            continue;
        }
        if !(0xA1..=0xF7).contains(&b) || t < 0xA1 {
            rare += 1;
        }
        i += 2;
    }
    (rare, first)
}

/// Big5 characters outside the "frequently used" block (0xA440–0xC67E) and the symbol
/// rows: what GB2312 level-2 characters look like when read as Big5.
fn big5_rare(bytes: &[u8]) -> usize {
    let mut rare = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        if !(0xA1..=0xC6).contains(&b) {
            rare += 1;
        }
        i += 2;
    }
    rare
}

/// `big5_rare(bytes) > limit`, stopping at the first rare pair past `limit`: the Big5
/// shortcut in `guess_legacy` only asks this, and a GBK text reads as rare Big5 within
/// its first lines (GB2312 level 2 leads from 0xD8), so the rest of the sample is not
/// walked.
fn big5_rare_above(bytes: &[u8], limit: usize) -> bool {
    let mut rare = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        if !(0xA1..=0xC6).contains(&b) {
            rare += 1;
            if rare > limit {
                return true;
            }
        }
        i += 2;
    }
    false
}

/// GB18030 four-byte sequences (lead 0x81–0xFE, then a digit) outside what GBK covers.
pub fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        match (b, bytes.get(i + 1)) {
            (0x81..=0xFE, Some(0x30..=0x39)) => return true,
            _ => i += 2,
        }
    }
    false
}

#[derive(Debug, Default, PartialEq)]
struct Profile {
    chars: usize,
    ascii: usize,
    nul: usize,
    /// Characters a Chinese declaration practically never contains.
    bad: usize,
    /// Basic Greek and Cyrillic letters (plausible, but see `detect`).
    greek_cyrillic: usize,
}

fn profile(text: &str) -> Profile {
    // Runs over every input's first 64 KiB: walk bytes, not chars, so ASCII and the
    // common ideographs (the bulk of a declaration) cost a compare each.
    let b = text.as_bytes();
    let mut p = Profile::default();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        p.chars += 1;
        if x < 0x80 {
            if x == 0 {
                p.nul += 1;
            } else {
                p.ascii += 1;
                if (x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r' | 0x0c)) || x == 0x7f {
                    p.bad += 1;
                }
            }
            i += 1;
            continue;
        }
        // Common ideographs U+4E00..=U+9FFF: E4 B8..BF xx and E5..E9 xx xx.
        if (0xE5..=0xE9).contains(&x) || (x == 0xE4 && b.get(i + 1).is_some_and(|&y| y >= 0xB8)) {
            i += 3;
            continue;
        }
        // CJK punctuation U+3000..=U+303F (E3 80 xx: 。、「」) and full-width forms
        // U+FF00..=U+FF3F (EF BC xx: ，（）：０-９), the rest of a Chinese text: neither
        // implausible nor Greek/Cyrillic, so nothing to decode or count.
        if matches!((x, b.get(i + 1)), (0xE3, Some(0x80)) | (0xEF, Some(0xBC))) {
            i += 3;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if implausible(c) {
            p.bad += 1;
        } else if matches!(c as u32, 0x391..=0x3C9 | 0x401 | 0x410..=0x44F | 0x451) {
            p.greek_cyrillic += 1;
        }
    }
    p
}

/// `bad * 4 + greek_cyrillic * 2` of `profile(text)`: what UTF-8 detection asks of every
/// valid UTF-8 input. Such characters are rare, so 64-byte chunks are first tested for a
/// byte that may start one: a table lookup on each byte and one on the byte after (which
/// rules out the common ideographs and punctuation sharing a first byte with rare
/// blocks), or-ed together with no branch and no step depending on the last (a char by
/// char walk waits on each length). Only a suspect chunk is walked and costed.
fn utf8_cost(text: &str) -> usize {
    chunked::<false>(text, run_cost)
}

/// `bad + nul` of `profile(text)`: what `legacy_cost` asks of a GBK/Big5 decoding, by
/// `utf8_cost`'s chunk test with NUL suspect too. Most GBK files are decoded only as GBK
/// (see `guess_legacy`), whose text is ideographs and CJK punctuation in nearly every
/// chunk; the char walk of `profile` over it was 6 % of their native time.
fn legacy_bad(text: &str) -> usize {
    chunked::<true>(text, run_bad)
}

/// The sum of `run` over the 64-byte chunks of `text` that `chunk_suspect` flags (with
/// NUL suspect when `NUL`).
fn chunked<const NUL: bool>(text: &str, run: fn(&str, usize, usize) -> usize) -> usize {
    const CHUNK: usize = 64;
    let b = text.as_bytes();
    let mut cost = 0;
    let mut at = 0;
    while at < b.len() {
        let end = (at + CHUNK).min(b.len());
        // A whole chunk with the byte after it: compared, not looked up, so the compiler
        // can do 32 bytes at a time (a table lookup per byte does not vectorise).
        let whole = b.get(at..at + CHUNK).zip(b.get(at + 1..at + CHUNK + 1));
        let suspect = if let Some((x, y)) = whole {
            chunk_suspect::<NUL>(x, y)
        } else {
            // Each byte with the byte after it; the text's last byte with none.
            let pairs = b.get(at..(end + 1).min(b.len())).unwrap_or(&[]);
            let nul = |x: u8| u8::from(NUL && x == 0);
            let mut s = pairs.windows(2).fold(0u8, |acc, w| {
                acc | (LEAD[usize::from(w[0])] & NEXT[usize::from(w[1])]) | nul(w[0])
            });
            if end == b.len() {
                if let Some(&x) = b.last() {
                    s |= (LEAD[usize::from(x)] & NEXT[0]) | nul(x);
                }
            }
            s
        };
        if suspect != 0 {
            cost += run(text, at, end);
        }
        at = end;
    }
    cost
}

/// `LEAD[x] & NEXT[y]` over pairs of bytes and the bytes after them, or-ed (non-zero
/// when some pair is suspect), written as compares (see `LEAD`); with `NUL`, a NUL byte
/// is suspect too.
fn chunk_suspect<const NUL: bool>(x: &[u8], y: &[u8]) -> u8 {
    x.iter().zip(y).fold(0u8, |acc, (&x, &y)| {
        let always = u8::from(x.wrapping_sub(0x01) < 8)
            | u8::from(NUL && x == 0)
            | u8::from(x == 0x0B)
            | u8::from(x.wrapping_sub(0x0E) < 0x12)
            | u8::from(x == 0x7F)
            | u8::from(x.wrapping_sub(0xC0) < 0x22)
            | u8::from(x.wrapping_sub(0xEA) < 5);
        acc | always
            | (u8::from(x == 0xE3) & u8::from(y != 0x80))
            | (u8::from(x == 0xE4) & u8::from(y < 0xB8))
            | (u8::from(x == 0xEF) & u8::from(y != 0xBC))
    })
}

/// The cost of the chars whose first byte lies in `at..end` (the last may end past it).
fn run_cost(text: &str, at: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut cost = 0;
    let mut i = at;
    while i < end {
        let Some(&x) = b.get(i) else { break };
        if x < 0x80 {
            if (x != 0 && x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r' | 0x0c)) || x == 0x7f {
                cost += 4;
            }
            i += 1;
            continue;
        }
        // A continuation byte: its char starts before `at`.
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            i += 1;
            continue;
        };
        i += c.len_utf8();
        if implausible(c) {
            cost += 4;
        } else if matches!(c as u32, 0x391..=0x3C9 | 0x401 | 0x410..=0x44F | 0x451) {
            cost += 2;
        }
    }
    cost
}

/// `bad + nul` of the chars whose first byte lies in `at..end`, as `profile` counts them.
fn run_bad(text: &str, at: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut bad = 0;
    let mut i = at;
    while i < end {
        let Some(&x) = b.get(i) else { break };
        if x < 0x80 {
            if x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r' | 0x0c) || x == 0x7f {
                bad += 1;
            }
            i += 1;
            continue;
        }
        // A continuation byte: its char starts before `at`.
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            i += 1;
            continue;
        };
        i += c.len_utf8();
        bad += usize::from(implausible(c));
    }
    bad
}

/// `LEAD[x]`: the classes of chars starting with byte `x` that may be costly, one bit
/// each (none for continuation bytes); `NEXT[y]` has the bits of the classes that stay
/// suspect when the next byte is `y`.
/// Always: ASCII controls but NUL, tab, line ends and form feed; DEL; U+0080..=U+1FFF
/// and U+A000..=U+EFFF. E3 (U+3000..=U+3FFF) unless followed by 80 (CJK punctuation
/// U+3000..=U+303F); E4 (U+4000..=U+4FFF) unless followed by B8..=BF (ideographs from
/// U+4E00); EF (U+F000..=U+FFFF) unless followed by BC (full-width forms U+FF00..=U+FF3F).
static LEAD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = match x {
            0x01..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F | 0xC0..=0xE1 | 0xEA..=0xEE => ALWAYS,
            0xE3 => AFTER_E3,
            0xE4 => AFTER_E4,
            0xEF => AFTER_EF,
            _ => 0,
        };
        x += 1;
    }
    t
};

static NEXT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut y = 0;
    while y < 256 {
        t[y] = ALWAYS
            | if y != 0x80 { AFTER_E3 } else { 0 }
            | if y < 0xB8 { AFTER_E4 } else { 0 }
            | if y != 0xBC { AFTER_EF } else { 0 };
        y += 1;
    }
    t
};

const ALWAYS: u8 = 1;
const AFTER_E3: u8 = 2;
const AFTER_E4: u8 = 4;
const AFTER_EF: u8 = 8;

/// Characters that, in a Chinese government form, signal a wrong decoding.
fn implausible(c: char) -> bool {
    let u = c as u32;
    match u {
        // Latin-1 punctuation/symbols forms use: ° ± · × ÷ ¥ § and the like stay.
        0xA0..=0xBF | 0xD7 | 0xF7 => false,
        // Basic Greek and Cyrillic letters: GBK and Big5 have them and science targets use
        // them (α系数, μg/L).
        0x391..=0x3C9 | 0x401 | 0x410..=0x44F | 0x451 => false,
        // C1 controls, accented Latin, IPA, modifier letters, combining marks.
        0x80..=0x9F | 0xC0..=0x36F => true,
        // Greek, Cyrillic, Armenian … through the rest of the phonetic/Indic blocks.
        0x370..=0x1FFF => true,
        // Kana, bopomofo, Hangul compatibility jamo.
        0x3040..=0x318F => true,
        // CJK extension A (rare in forms), Yi, Hangul syllables, surrogates, private use.
        0x3400..=0x4DBF | 0xA000..=0xF8FF => true,
        // CJK compatibility ideographs, halfwidth katakana/Hangul, specials incl. U+FFFD.
        0xF900..=0xFAFF | 0xFF61..=0xFFDC | 0xFFF0..=0xFFFF => true,
        _ => false,
    }
}

/// A decoding with every replaced sequence recorded.
struct Tracked {
    text: String,
    replaced: usize,
    /// Byte offsets in `text` of each U+FFFD inserted for a malformed sequence.
    at_out: Vec<usize>,
    /// Byte offset in the input of the first malformed sequence.
    first_in: Option<usize>,
}

fn decode_tracking(enc: &'static Encoding, bytes: &[u8], last: bool) -> Tracked {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(cap.saturating_add(16));
    let mut at_out = Vec::new();
    let mut first_in = None;
    let mut pos = 0;
    loop {
        let src = bytes.get(pos..).unwrap_or(&[]);
        let (res, read) = decoder.decode_to_string_without_replacement(src, &mut text, last);
        pos += read;
        match res {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(bytes.len().saturating_sub(pos) * 3 + 16),
            DecoderResult::Malformed(bad, after) => {
                if first_in.is_none() {
                    first_in = Some(pos.saturating_sub(bad as usize + after as usize));
                }
                at_out.push(text.len());
                text.push('\u{FFFD}');
            }
        }
    }
    Tracked {
        text,
        replaced: at_out.len(),
        at_out,
        first_in,
    }
}

/// Warnings for the lines with replaced bytes, or an error if the text is mostly garbage.
fn check_damage(out: &Tracked, name: &str, forced: bool) -> Result<Vec<Warning>> {
    if out.replaced == 0 {
        return Ok(Vec::new());
    }
    let lines = lines_of(&out.text, &out.at_out);
    let first_line = lines.first().map(|&(l, _)| l);
    let visible = out.text.chars().filter(|c| !c.is_whitespace()).count();
    if out.replaced as f64 > visible as f64 * GARBAGE_RATIO {
        let hint = if forced {
            "the --encoding given is probably wrong; try without it"
        } else {
            "it is probably in another encoding or not text; name the encoding with --encoding (utf-8, gbk, gb18030, big5, utf-16le, utf-16be)"
        };
        return Err(Error::Encoding {
            message: format!(
                "{} of {} characters are not valid {name}: {hint}",
                out.replaced, visible
            ),
            position: Position {
                line: first_line,
                page: None,
                byte: out.first_in.map(|b| b as u64),
            },
        });
    }
    let mut warnings: Vec<Warning> = lines
        .iter()
        .take(MAX_LINE_WARNINGS)
        .map(|&(line, n)| {
            Warning::new(
                "decode_error",
                format!("line {line}: {n} byte sequence(s) not valid {name} replaced with U+FFFD"),
                Some(Loc::Line { line }),
            )
        })
        .collect();
    if lines.len() > MAX_LINE_WARNINGS {
        warnings.push(Warning::new(
            "decode_error",
            format!(
                "{} more line(s) with bytes not valid {name} (first {MAX_LINE_WARNINGS} listed); \
                 the file may be damaged or in another encoding (--encoding)",
                lines.len() - MAX_LINE_WARNINGS
            ),
            None,
        ));
    }
    Ok(warnings)
}

/// (1-based line, replacements on it) for sorted offsets into `text`, counting line ends
/// as the grid does: LF, CRLF and lone CR.
fn lines_of(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut i = 0;
    for &off in offsets {
        while i < off {
            match bytes.get(i) {
                Some(b'\n') => line += 1,
                Some(b'\r') if bytes.get(i + 1) != Some(&b'\n') => line += 1,
                Some(_) => {}
                None => break,
            }
            i += 1;
        }
        match out.last_mut() {
            Some((l, n)) if *l == line => *n += 1,
            _ => out.push((line, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte test agrees with `is_invisible` for every BMP character, alone, at a
    /// text's end (no byte after it) and between others.
    #[test]
    fn has_invisible_agrees_with_is_invisible_on_every_bmp_char() {
        for c in (0u32..=0xFFFF).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("甲{c}"), format!("甲{c}，乙")] {
                assert_eq!(
                    has_invisible(s.as_bytes()),
                    s.contains(is_invisible),
                    "U+{:04X} in {s:?}",
                    c as u32
                );
            }
        }
        assert!(!has_invisible(
            "部门名称：某市统计局（２０２４）—≥95%".as_bytes()
        ));
        assert!(has_invisible("某市\u{200B}统计局".as_bytes()));
    }

    use proptest::prelude::*;

    /// Lines in two encodings are each read in their own; a file in one encoding with
    /// damaged bytes is not taken for a mixed one.
    #[test]
    fn mixed_encoding_lines() {
        let gbk = |s: &str| GBK.encode(s).0.into_owned();
        let head = "部门名称\t某市司法局\n预算整体情况\t基本支出\t1,800.00\n";
        // Read as GBK, a UTF-8 run of an odd number of ideographs leaves a lead byte
        // before the tab: malformed, which is what asks for the line-by-line reading.
        let tail = "年度重点工作任务\t普法宣传进社区\t120.00\n绩效指标\t产出指标\t数量指标\n";
        // GBK first, then UTF-8; and the other way round.
        for bytes in [
            [gbk(head), tail.as_bytes().to_vec()].concat(),
            [tail.as_bytes().to_vec(), gbk(head)].concat(),
        ] {
            let d = decode(&bytes, None).expect("decodes");
            assert!(d.text.contains("部门名称\t某市司法局"), "{}", d.text);
            assert!(
                d.text.contains("年度重点工作任务\t普法宣传进社区"),
                "{}",
                d.text
            );
            assert_eq!(d.warnings.first().map(|w| w.code), Some("mixed_encoding"));
            assert!(!d.text.contains('\u{FFFD}'));
        }
        // GBK with a stray byte: one encoding, a decode_error, no mixed reading.
        let mut damaged = gbk(&[head, tail].concat());
        damaged.insert(12, 0xFF);
        let d = decode(&damaged, None).expect("decodes");
        assert!(d.warnings.iter().all(|w| w.code != "mixed_encoding"));
        // UTF-8 with one character cut short: the same.
        let mut cut = [head, tail].concat().into_bytes();
        cut.remove(2);
        let d = decode(&cut, None).expect("decodes");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.iter().all(|w| w.code != "mixed_encoding"));
        assert!(d.text.contains("年度重点工作任务"));
        // Forced, the file is read in the encoding given.
        let bytes = [gbk(head), tail.as_bytes().to_vec()].concat();
        let d = decode(&bytes, Some(GBK)).expect("decodes");
        assert!(d.warnings.iter().all(|w| w.code != "mixed_encoding"));
    }

    /// `detect` keeps the GBK decoding for a GB18030 input: both use one decoder.
    #[test]
    fn gbk_and_gb18030_decode_alike() {
        let mut bytes = GB18030.encode("预算金额 ≥ 100万元 𠀀 €").0.into_owned();
        bytes.extend_from_slice(&[0x81, 0x20, 0xFF, b'\n', 0x84, 0x31]);
        for last in [true, false] {
            let a = decode_tracking(GBK, &bytes, last);
            let b = decode_tracking(GB18030, &bytes, last);
            assert_eq!(
                (a.text, a.replaced, a.at_out, a.first_in),
                (b.text, b.replaced, b.at_out, b.first_in)
            );
        }
    }

    /// `gbk_rare` without its run skip: the pair walk.
    fn gbk_rare_by_pairs(bytes: &[u8]) -> (usize, FirstFour) {
        let mut rare = 0;
        let mut first = None;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                i += 1;
                continue;
            }
            let t = bytes.get(i + 1).copied().unwrap_or(0);
            if (0x30..=0x39).contains(&t) {
                rare += 1;
                first = first.or(Some(b));
                i += 4;
                continue;
            }
            if !(0xA1..=0xF7).contains(&b) || t < 0xA1 {
                rare += 1;
            }
            i += 2;
        }
        (rare, first)
    }

    /// The definition `profile` speeds up: one char at a time.
    fn profile_by_chars(text: &str) -> Profile {
        let mut p = Profile::default();
        for c in text.chars() {
            p.chars += 1;
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                continue;
            }
            if c == '\0' {
                p.nul += 1;
            } else if c.is_ascii() {
                p.ascii += 1;
                if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
                    p.bad += 1;
                }
            } else if implausible(c) {
                p.bad += 1;
            } else if matches!(c as u32, 0x391..=0x3C9 | 0x401 | 0x410..=0x44F | 0x451) {
                p.greek_cyrillic += 1;
            }
        }
        p
    }

    #[test]
    fn profile_cases() {
        let long = "部门整体预算绩效目标申报表\t基本支出 16,583.94\n".repeat(5);
        for s in [
            "",
            "a",
            long.as_str(),
            "部门名称\t广州市科学技术局\r\n",
            "一丁七万丈三上下不与丐丑专且丕世丗丘丙业丛东丝丞丟両丢丣两严並丧丨丩个丫",
            "䶵䷀一丁\u{3400}\u{4DBF}\u{4DC0}ÀéαΩжЁё\u{85}\u{7f}\0\x01𠀀",
            "ＡＢＣ（）：，。、「」《》“”—…≥≤±°×÷¥§·",
            "ぁアㄅㄱ가\u{E000}\u{F900}\u{FF61}\u{FFFD}",
            // The edges of the blocks skipped without decoding (E3 80 xx, EF BC xx).
            "\u{3000}\u{3007}\u{303F}\u{3040}\u{3041}\u{FF00}\u{FF3F}\u{FF40}\u{FF5F}\u{FF60}",
        ] {
            assert_eq!(profile(s), profile_by_chars(s), "{s:?}");
            // Behind ASCII prefixes of every length, so chars start at every alignment.
            for k in 1..40 {
                let t = format!("{}{s}", "x".repeat(k));
                assert_eq!(profile(&t), profile_by_chars(&t), "{t:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn profile_matches_chars(s in "(\\PC|[\t\n\r\0\x01一-龥𠀀-𠀃ぁ-ゔÀ-ÿ\u{391}-\u{3c9}])*") {
            prop_assert_eq!(profile(&s), profile_by_chars(&s));
        }

        #[test]
        fn utf8_cost_matches_profile(s in "(\\PC|[\t\n\r\0\x01\x7f一-龥 -~，。、（）：；｜ａ-ｚ〇-〿㐀-䶵ɐ-ʯ\u{391}-\u{3c9}])*") {
            let p = profile(&s);
            prop_assert_eq!(utf8_cost(&s), p.bad * 4 + p.greek_cyrillic * 2);
        }

        /// Also with the GBK-decoded text's U+FFFD and NULs, at any chunk alignment.
        #[test]
        fn legacy_bad_matches_profile(s in "(\\PC|[\t\n\r\0\x01\x7f\u{FFFD}一-龥 -~，。、（）：；｜ａ-ｚ〇-〿㐀-䶵ɐ-ʯ\u{391}-\u{3c9}])*") {
            let p = profile(&s);
            prop_assert_eq!(legacy_bad(&s), p.bad + p.nul);
        }
    }

    /// The compares of `chunk_suspect` are the tables' `LEAD[x] & NEXT[y]`.
    #[test]
    fn chunk_suspect_is_the_tables() {
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                let want = u8::from(LEAD[usize::from(x)] & NEXT[usize::from(y)] != 0);
                assert_eq!(chunk_suspect::<false>(&[x], &[y]), want, "{x:02X} {y:02X}");
                let nul = want | u8::from(x == 0);
                assert_eq!(chunk_suspect::<true>(&[x], &[y]), nul, "{x:02X} {y:02X}");
            }
        }
    }

    /// Every char of the classes `utf8_cost` treats apart, at every offset of a chunk.
    #[test]
    fn utf8_cost_cases() {
        let mut chars: Vec<char> = (0u32..0x3000).filter_map(char::from_u32).collect();
        chars.extend(('\u{3000}'..='\u{5000}').step_by(7));
        chars.extend(('\u{9F00}'..='\u{FFFF}').step_by(3));
        chars.extend(['𠀀', '\u{10FFFF}']);
        for c in chars {
            for k in 0..66 {
                let t = format!("{}{c}一，", "x".repeat(k));
                let p = profile(&t);
                assert_eq!(utf8_cost(&t), p.bad * 4 + p.greek_cyrillic * 2, "{t:?}");
                assert_eq!(legacy_bad(&t), p.bad + p.nul, "{t:?}");
            }
        }
    }

    #[test]
    fn lines_of_counts_crlf_and_cr_once() {
        let t = "a\r\nb\rc\n\u{FFFD}\u{FFFD}\n\u{FFFD}";
        let offs: Vec<usize> = t.match_indices('\u{FFFD}').map(|(i, _)| i).collect();
        assert_eq!(lines_of(t, &offs), vec![(4, 2), (5, 1)]);
    }

    #[test]
    fn four_byte_scan() {
        assert!(has_gb18030_four_byte(&[b'a', 0x81, 0x30, 0x81, 0x30]));
        assert!(!has_gb18030_four_byte(&[0xB2, 0xBF, 0xC3, 0xC5, b'1']));
        // 0x80/0xFF before a digit: gbk_rare steps 4, the four-byte walk 2.
        let b = [0x80, 0x31, 0x81, 0x35, 0x20];
        assert!(has_gb18030_four_byte(&b));
        assert!(four_byte_after_scan(&b, b.len(), gbk_rare(&b).1));
        let b = [0x80, 0x30];
        assert!(!four_byte_after_scan(&b, b.len(), gbk_rare(&b).1));
    }

    proptest! {
        /// Skipping the Big5 decoding never changes the guess: GBK-ish, Big5-ish and
        /// mixed bytes, with some ASCII.
        #[test]
        fn big5_shortcut_keeps_the_guess(
            chars in proptest::collection::vec(
                prop_oneof![
                    // ASCII, GB2312, Big5's common block, anything two-byte.
                    (0x20u8..=0x7E).prop_map(|a| vec![a]),
                    (0xB0u8..=0xF7, 0xA1u8..=0xFE).prop_map(|(a, b)| vec![a, b]),
                    (0xA4u8..=0xC6, prop_oneof![0x40u8..=0x7E, 0xA1u8..=0xFE])
                        .prop_map(|(a, b)| vec![a, b]),
                    (0x81u8..=0xFE, 0x30u8..=0xFE).prop_map(|(a, b)| vec![a, b]),
                ],
                0..40,
            ),
        ) {
            let bytes = chars.concat();
            let (enc, cost, _, _) = guess_legacy(&bytes, decode_tracking(GBK, &bytes, true));
            let (gbk, gbk_text, ff) = legacy_cost(GBK, &bytes);
            let (want_enc, want_cost, _, _) = against_big5(&bytes, gbk, gbk_text, ff);
            prop_assert_eq!((enc, cost), (want_enc, want_cost));
        }

        /// The early-stopping count answers what the full count would.
        #[test]
        fn big5_rare_above_is_the_count(
            bytes in proptest::collection::vec(
                prop_oneof![0x20u8..=0x7F, 0x80u8..=0xFF, 0xA1u8..=0xC6],
                0..80,
            ),
            limit in 0usize..12,
        ) {
            prop_assert_eq!(big5_rare_above(&bytes, limit), big5_rare(&bytes) > limit);
        }

        /// The 16-byte runs `gbk_rare` skips count as its pair walk counts them.
        #[test]
        fn gbk_rare_runs_are_the_pair_walk(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::collection::vec(0xA1u8..=0xF7, 0..40),
                    proptest::collection::vec((0xA1u8..=0xF7, 0xA1u8..=0xFE), 0..20)
                        .prop_map(|p| p.into_iter().flat_map(|(a, b)| [a, b]).collect()),
                    proptest::collection::vec(0xA1u8..=0xFE, 0..40),
                    // The bounds' neighbours: A0 and FF between pairs in range.
                    proptest::collection::vec(
                        prop_oneof![4 => 0xA1u8..=0xF7, 1 => Just(0xA0u8), 1 => Just(0xFFu8)],
                        0..40,
                    ),
                    proptest::collection::vec(
                        prop_oneof![0x20u8..=0x7F, 0x30u8..=0x39, 0x80u8..=0xFF, 0xA1u8..=0xF7],
                        0..12,
                    ),
                ],
                0..8,
            ),
        ) {
            let bytes = parts.concat();
            prop_assert_eq!(gbk_rare(&bytes), gbk_rare_by_pairs(&bytes));
        }

        /// Counted from a clean decoding's lengths, the four-byte answer is the walk's:
        /// ASCII (digits too), two-byte pairs of every trail range, four-byte sequences
        /// (BMP and supplementary), lone 0x80 bytes (€) and 0x80 as a trail.
        #[test]
        fn four_byte_in_clean_is_the_walk(
            chars in proptest::collection::vec(
                prop_oneof![
                    4 => (0x20u8..=0x7E).prop_map(|a| vec![a]),
                    4 => (0x81u8..=0xFE, prop_oneof![0x40u8..=0x7E, 0x80u8..=0xFE])
                        .prop_map(|(a, b)| vec![a, b]),
                    1 => (0x81u8..=0x84, 0x30u8..=0x39, 0x81u8..=0xFE, 0x30u8..=0x39)
                        .prop_map(|(a, b, c, d)| vec![a, b, c, d]),
                    1 => (0x90u8..=0xE3, 0x30u8..=0x39, 0x81u8..=0xFE, 0x30u8..=0x39)
                        .prop_map(|(a, b, c, d)| vec![a, b, c, d]),
                    1 => Just(vec![0x80u8]),
                    1 => (0x81u8..=0xFE).prop_map(|a| vec![a, 0x80]),
                ],
                0..40,
            ),
        ) {
            let bytes = chars.concat();
            let out = decode_tracking(GBK, &bytes, true);
            prop_assume!(out.replaced == 0);
            prop_assert_eq!(four_byte_in_clean(&bytes, &out.text), has_gb18030_four_byte(&bytes));
        }

        /// Valid UTF-8 holding the form's labels is UTF-8, and it is what the scoring
        /// made of a form too: ideographs with a few implausible, Greek or Cyrillic
        /// characters, controls, or GBK bytes that happen to be valid UTF-8 (D2 BB, 一
        /// in GBK). (Text that is mostly such characters around the labels could score
        /// lower as GBK, garbage; it is UTF-8 now, as it is.)
        #[test]
        fn utf8_form_keeps_the_guess(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("部门名称\t".to_string()),
                    "[a-z0-9 ]{0,8}",
                    "[一-龥]{4,12}",
                ],
                0..12,
            ),
            odd in proptest::collection::vec(
                prop_oneof![
                    Just("Αβ"),
                    Just("Жж"),
                    Just("アイ"),
                    Just("한국"),
                    Just("\u{1}\u{7f}"),
                    Just("\u{4bb}\u{4bb}"),
                ],
                0..3,
            ),
        ) {
            let mut parts = parts;
            for (k, o) in odd.into_iter().enumerate() {
                let at = (k * 5).min(parts.len());
                parts.insert(at, o.to_string());
            }
            let text = ["部门整体预算绩效目标申报表\n", &parts.concat(), "\n绩效指标"].concat();
            let bytes = text.as_bytes();
            let (enc, _, _) = detect(bytes);
            prop_assert_eq!(enc, UTF_8);
            // The scoring the labels spare: UTF-8 wins it.
            let u = utf8_cost(&text);
            if u > 0 {
                let (_, cost, _, _) = guess_legacy(bytes, decode_tracking(GBK, bytes, true));
                prop_assert!(u <= cost, "{} > {} for {:?}", u, cost, text);
            }
        }

        /// A clean GBK form is read as the scoring reads it: GBK, or GB18030 where it
        /// has four-byte sequences.
        #[test]
        fn clean_gbk_form_keeps_the_guess(
            chars in proptest::collection::vec(
                prop_oneof![
                    (0x20u8..=0x7E).prop_map(|a| vec![a]),
                    (0xB0u8..=0xF7, 0xA1u8..=0xFE).prop_map(|(a, b)| vec![a, b]),
                    (0x81u8..=0x84, 0x30u8..=0x39, 0x81u8..=0xFE, 0x30u8..=0x39)
                        .prop_map(|(a, b, c, d)| vec![a, b, c, d]),
                ],
                0..40,
            ),
        ) {
            let form = GBK.encode("部门整体预算绩效目标申报表\n绩效指标\t产出指标\n").0.into_owned();
            let bytes = [form, chars.concat()].concat();
            let out = decode_tracking(GBK, &bytes, true);
            prop_assume!(out.replaced == 0);
            let four = clean_gbk_form(&bytes, &out);
            prop_assert_eq!(four, Some(has_gb18030_four_byte(&bytes)));
            let (enc, _, _, ff) = guess_legacy(&bytes, out);
            let want = if enc == GBK && four_byte_after_scan(&bytes, bytes.len(), ff) {
                GB18030
            } else {
                enc
            };
            let got = if four == Some(true) { GB18030 } else { GBK };
            prop_assert_eq!(got, want);
        }

        /// The answer from `gbk_rare`'s walk is the four-byte walk's, over the whole
        /// input or a sample of it.
        #[test]
        fn four_byte_after_scan_is_the_walk(
            bytes in proptest::collection::vec(
                prop_oneof![Just(0x80u8), Just(0xFFu8), 0x81u8..=0xFE, 0x30u8..=0x39, 0x20u8..=0x7F],
                0..64,
            ),
            cut in 0usize..64,
        ) {
            let want = has_gb18030_four_byte(&bytes);
            prop_assert_eq!(four_byte_after_scan(&bytes, bytes.len(), gbk_rare(&bytes).1), want);
            let head = bytes.get(..cut).unwrap_or(&bytes);
            prop_assert_eq!(four_byte_after_scan(&bytes, head.len(), gbk_rare(head).1), want);
        }
    }
}
