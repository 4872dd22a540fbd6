//! Fonts: how a shown string splits into codes, how wide each code is, and what text it
//! stands for. Built once per font dictionary; never panics on a malformed font (missing
//! pieces fall back to defaults, and codes without text are counted as unmapped).
//!
//! Text comes from, in order: the ToUnicode map (entries to U+0000, control characters,
//! U+FFFD or the Private Use Area are broken writers' output and ignored), a predefined
//! CJK CMap, the embedded font program (a TrueType/OpenType `cmap` inverted GID→Unicode,
//! CFF charset names, a Type1 built-in encoding), glyph names (`uniXXXX`, `uXXXXX`,
//! Adobe Glyph List names) and, for CID fonts of the Adobe-GB1 ordering, Adobe's
//! CID→Unicode table. Codes none of these explain are unmapped, never guessed.

use std::collections::HashMap;

use pdf_extract::{Dictionary, Document, Object};
use ttf_parser::{Face, GlyphId};

use super::cmap::{self, CMap, Predefined};
use super::util::{deref, dict_get, name_of, num, stream_data};

#[derive(Debug)]
enum Codes {
    /// One byte per code; text from the font's encoding.
    Simple(Box<[Option<char>; 256]>),
    /// Codes split by an embedded CMap's codespace; CIDs from it.
    Embedded(CMap),
    /// A predefined CMap by name.
    Named(Predefined),
}

#[derive(Debug)]
pub struct Font {
    codes: Codes,
    to_unicode: HashMap<u32, String>,
    /// CID → text from the embedded TrueType `cmap` (Identity-H fonts without ToUnicode).
    cid_text: HashMap<u32, char>,
    /// The CIDs are Adobe-GB1's (`/CIDSystemInfo`): what nothing else maps, Adobe's
    /// GB1 table does.
    gb1: bool,
    simple_widths: Option<(u32, Vec<f64>)>,
    cid_widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space (1/1000 except for Type 3 fonts).
    scale: f64,
    pub vertical: bool,
    pub ascent: f64,
    pub descent: f64,
    /// `/BaseFont`, to name the font in warnings about codes it cannot decode.
    pub name: String,
    /// ToUnicode entries dropped as unusable (U+0000, PUA, …).
    broken_to_unicode: usize,
}

// Helvetica and Times widths for ASCII 32..=126, for standard-14 fonts without /Widths.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

impl Font {
    /// A font that shows nothing readable (no font selected, or an unusable dictionary).
    pub fn fallback() -> Font {
        Font {
            codes: Codes::Simple(Box::new(latin1())),
            to_unicode: HashMap::new(),
            cid_text: HashMap::new(),
            gb1: false,
            simple_widths: None,
            cid_widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            vertical: false,
            ascent: 0.85,
            descent: -0.15,
            name: String::new(),
            broken_to_unicode: 0,
        }
    }

    pub fn load(doc: &Document, font: &Dictionary) -> Font {
        let mut f = Font::fallback();
        let subtype = dict_get(doc, font, b"Subtype")
            .and_then(name_of)
            .unwrap_or_default();
        f.name = dict_get(doc, font, b"BaseFont")
            .and_then(name_of)
            .unwrap_or_default();
        if let Some(stream) = dict_get(doc, font, b"ToUnicode").and_then(|o| o.as_stream().ok()) {
            if let Some(data) = stream_data(stream) {
                let all = cmap::parse(&data).unicode;
                let n = all.len();
                f.to_unicode = all.into_iter().filter(|(_, t)| usable_text(t)).collect();
                f.broken_to_unicode = n - f.to_unicode.len();
            }
        }
        if subtype == "Type0" {
            f.load_composite(doc, font);
        } else {
            f.load_simple(doc, font, &subtype);
        }
        f
    }

    fn descriptor_metrics(&mut self, doc: &Document, desc: Option<&Dictionary>) {
        let Some(desc) = desc else { return };
        let a = dict_get(doc, desc, b"Ascent").and_then(num).unwrap_or(0.0) / 1000.0;
        let d = dict_get(doc, desc, b"Descent").and_then(num).unwrap_or(0.0) / 1000.0;
        // Broken descriptors are common; keep the defaults unless the numbers are sane.
        if (0.5..=1.3).contains(&a) && (-0.5..=0.0).contains(&d) && a - d > 0.7 {
            self.ascent = a;
            self.descent = d;
        }
    }

    fn load_simple(&mut self, doc: &Document, font: &Dictionary, subtype: &str) {
        let desc = dict_get(doc, font, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let (base, diffs) = match dict_get(doc, font, b"Encoding") {
            Some(Object::Name(n)) => (Some(n.as_slice()), None),
            Some(Object::Dictionary(enc)) => (
                match dict_get(doc, enc, b"BaseEncoding") {
                    Some(Object::Name(n)) => Some(n.as_slice()),
                    _ => None,
                },
                match dict_get(doc, enc, b"Differences") {
                    Some(Object::Array(a)) => Some(a),
                    _ => None,
                },
            ),
            _ => (None, None),
        };
        // Without a base encoding the font program's own (built-in) encoding applies;
        // guessing Latin-1 for an embedded subset's codes 1..n would give wrong text.
        // The program (often tens of kB to inflate) is read only when the ToUnicode map
        // is missing or broken: a sound one already says what every shown code is.
        let needs_program = self.to_unicode.is_empty() || self.broken_to_unicode > 0;
        let mut table = match base {
            Some(name) => named_encoding(doc, name),
            None if needs_program => builtin_encoding(doc, desc).unwrap_or_else(latin1),
            None => latin1(),
        };
        if let Some(diffs) = diffs {
            let mut code = 0usize;
            for d in diffs {
                match deref(doc, d) {
                    Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                    Object::Name(n) => {
                        if let Some(slot) = table.get_mut(code) {
                            // A glyph named but not known (cid123, glyph7) is no letter
                            // of the base encoding: unmapped.
                            *slot = glyph_char(doc, &String::from_utf8_lossy(n));
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        self.codes = Codes::Simple(Box::new(table));
        if subtype == "Type3" {
            if let Some(Object::Array(m)) = dict_get(doc, font, b"FontMatrix") {
                if let Some(a) = m.first().and_then(num) {
                    if a.is_finite() && a != 0.0 {
                        self.scale = a.abs();
                    }
                }
            }
        }
        let first = dict_get(doc, font, b"FirstChar")
            .and_then(num)
            .unwrap_or(0.0)
            .clamp(0.0, 255.0) as u32;
        if let Some(Object::Array(ws)) = dict_get(doc, font, b"Widths") {
            let ws: Vec<f64> = ws
                .iter()
                .map(|w| num(deref(doc, w)).unwrap_or(0.0))
                .collect();
            self.simple_widths = Some((first, ws));
        } else {
            let base = dict_get(doc, font, b"BaseFont")
                .and_then(name_of)
                .unwrap_or_default();
            let table: Option<&[u16; 95]> = if base.contains("Helvetica") || base.contains("Arial")
            {
                Some(&HELVETICA)
            } else if base.contains("Times") {
                Some(&TIMES)
            } else {
                None
            };
            if let Some(t) = table {
                self.simple_widths = Some((32, t.iter().map(|w| f64::from(*w)).collect()));
            } else if base.contains("Courier") {
                self.default_width = 600.0;
            }
        }
        if let Some(mw) = desc
            .and_then(|d| dict_get(doc, d, b"MissingWidth"))
            .and_then(num)
        {
            if mw > 0.0 {
                self.default_width = mw;
            }
        }
        self.descriptor_metrics(doc, desc);
    }

    fn load_composite(&mut self, doc: &Document, font: &Dictionary) {
        let descendant = match dict_get(doc, font, b"DescendantFonts") {
            Some(Object::Array(a)) => a
                .first()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok()),
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        // A predefined CMap declx does not know is read as Identity for widths, but its
        // codes are no CIDs: never through the GB1 table.
        let mut unknown_cmap = false;
        self.codes = match dict_get(doc, font, b"Encoding") {
            Some(Object::Name(n)) => {
                let name = String::from_utf8_lossy(n);
                self.vertical = Predefined::is_vertical(&name);
                let p = Predefined::from_name(&name);
                unknown_cmap = p.is_none();
                Codes::Named(p.unwrap_or(Predefined::Identity))
            }
            Some(Object::Stream(s)) => {
                let cm = stream_data(s).map(|d| cmap::parse(&d)).unwrap_or_default();
                match cm.use_cmap.as_deref().and_then(Predefined::from_name) {
                    Some(p) if cm.codespace.is_empty() => Codes::Named(p),
                    _ => Codes::Embedded(cm),
                }
            }
            _ => Codes::Named(Predefined::Identity),
        };
        self.default_width = 1000.0;
        let Some(cid_font) = descendant else { return };
        if let Some(dw) = dict_get(doc, cid_font, b"DW").and_then(num) {
            self.default_width = dw;
        }
        if let Some(Object::Array(w)) = dict_get(doc, cid_font, b"W") {
            self.cid_widths = parse_w(doc, w);
        }
        let desc = dict_get(doc, cid_font, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        self.descriptor_metrics(doc, desc);
        let identity = matches!(self.codes, Codes::Named(Predefined::Identity));
        let needs_program = self.to_unicode.is_empty() || self.broken_to_unicode > 0;
        let cid_keyed_cff = dict_get(doc, cid_font, b"Subtype")
            .and_then(name_of)
            .is_some_and(|s| s == "CIDFontType0");
        // A CFF program, inflated once for both its glyph names and its ROS.
        let cff = desc
            .filter(|_| needs_program && (identity || cid_keyed_cff))
            .and_then(|d| dict_get(doc, d, b"FontFile3"))
            .and_then(|o| o.as_stream().ok())
            .and_then(stream_data);
        if identity && needs_program {
            self.cid_text = embedded_cid_text(doc, cid_font, desc, cff.as_deref());
        }
        // An embedded CID-keyed CFF's own ROS says what its CIDs are, whatever the PDF's
        // label (writers label a Noto subset Adobe-GB1 because it is Chinese, or every
        // font Adobe-Identity-0); without one, the label does.
        let program = cff
            .as_deref()
            .filter(|_| cid_keyed_cff)
            .and_then(cff_is_gb1);
        self.gb1 = !unknown_cmap && program.unwrap_or_else(|| gb1_cids(doc, cid_font, desc));
    }

    /// The next code in a shown string and its length in bytes.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.codes {
            Codes::Simple(_) => (bytes.first().map(|b| u32::from(*b)).unwrap_or(0), 1),
            Codes::Embedded(cm) => cmap::next_code(&cm.codespace, bytes),
            Codes::Named(p) => p.next_code(bytes),
        }
    }

    fn cid(&self, code: u32, len: usize) -> Option<u32> {
        match &self.codes {
            Codes::Simple(_) => None,
            Codes::Embedded(cm) => cm.cid(code),
            Codes::Named(p) => p.ascii_cid(code, len),
        }
    }

    /// Advance of a code in text space (fraction of the font size).
    pub fn width(&self, code: u32, len: usize) -> f64 {
        let w = match &self.codes {
            Codes::Simple(_) => self
                .simple_widths
                .as_ref()
                .and_then(|(first, ws)| code.checked_sub(*first).and_then(|i| ws.get(i as usize)))
                .copied()
                .filter(|w| *w > 0.0)
                .unwrap_or(self.default_width),
            _ => self
                .cid(code, len)
                .and_then(|cid| self.cid_widths.get(&cid).copied())
                .unwrap_or(self.default_width),
        };
        let w = w * self.scale;
        if w.is_finite() {
            w
        } else {
            0.5
        }
    }

    /// Append the text of a code; false when the font does not say what it is.
    pub fn text(&self, code: u32, len: usize, out: &mut String) -> bool {
        if let Some(s) = self.to_unicode.get(&code) {
            out.push_str(s);
            return !s.is_empty();
        }
        match &self.codes {
            Codes::Simple(t) => match t.get(code as usize).copied().flatten() {
                Some(c) => {
                    out.push(c);
                    true
                }
                None => false,
            },
            Codes::Named(p) => match p.text(code, len) {
                Some(s) => {
                    out.push_str(&s);
                    true
                }
                // Identity: the code is the CID.
                None if *p == Predefined::Identity => self.cid_char(code, out),
                None => false,
            },
            Codes::Embedded(cm) => match cm.cid(code) {
                Some(cid) => self.cid_char(cid, out),
                None => false,
            },
        }
    }

    /// The text of a CID: the embedded program's, else Adobe-GB1's for fonts of that
    /// ordering (a lookup in static data, so fonts without ToUnicode cost nothing more).
    fn cid_char(&self, cid: u32, out: &mut String) -> bool {
        let c = self
            .cid_text
            .get(&cid)
            .copied()
            .or_else(|| self.gb1.then(|| cmap::gb1_char(cid)).flatten());
        match c {
            Some(c) => {
                out.push(c);
                true
            }
            None => false,
        }
    }
}

fn latin1() -> [Option<char>; 256] {
    let mut t = [None; 256];
    for (b, slot) in t.iter_mut().enumerate() {
        if b >= 0x20 && b != 0x7F {
            *slot = char::from_u32(b as u32);
        }
    }
    t
}

/// The `/W` array of a CID font: `c [w1 w2 …]` and `c_first c_last w` entries.
fn parse_w(doc: &Document, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(deref(doc, &w[i])) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = num(deref(doc, v)) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w.get(i + 2).and_then(|o| num(deref(doc, o))).unwrap_or(0.0);
                if last >= first && last - first < 65536 {
                    for cid in first..=last {
                        out.insert(cid, v);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// Whether a ToUnicode entry is text: writers that cannot map a glyph put U+0000,
/// control characters, U+FFFD or Private Use Area code points there.
fn usable_text(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            (c.is_whitespace() || !c.is_control())
                && c != '\u{FFFD}'
                && !matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
        })
}

/// The char a glyph name stands for: `uniXXXX`, `uXXXXX`, single letters and the common
/// names (`glyph_name_char`), else the Adobe Glyph List that lopdf carries (asked through
/// a one-entry `/Differences`, since lopdf does not export its table).
fn glyph_char(doc: &Document, name: &str) -> Option<char> {
    if let Some(c) = cmap::glyph_name_char(name) {
        return usable_text(c.encode_utf8(&mut [0; 4])).then_some(c);
    }
    if name.starts_with("cid") || name.starts_with("glyph") || name.starts_with('.') {
        return None;
    }
    let mut enc = Dictionary::new();
    enc.set("Type", Object::Name(b"Encoding".to_vec()));
    enc.set(
        "Differences",
        Object::Array(vec![
            Object::Integer(65),
            Object::Name(name.as_bytes().to_vec()),
        ]),
    );
    enc.set("BaseEncoding", Object::Name(b"StandardEncoding".to_vec()));
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Dictionary(enc));
    // lopdf falls back to StandardEncoding ('A' at 65) when it does not know the name.
    let s = probe
        .get_font_encoding(doc)
        .ok()?
        .bytes_to_string(&[65])
        .ok()?;
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some('A'), None) if name != "A" => None,
        (Some(c), None) if usable_text(&s) => Some(c),
        _ => None,
    }
}

/// A named base encoding (WinAnsi, MacRoman, Standard, …) as lopdf reads it.
fn named_encoding(doc: &Document, name: &[u8]) -> [Option<char>; 256] {
    let mut table = latin1();
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Name(name.to_vec()));
    if let Ok(enc) = probe.get_font_encoding(doc) {
        for (b, slot) in table.iter_mut().enumerate() {
            if let Ok(s) = enc.bytes_to_string(&[b as u8]) {
                if let Some(c) = s.chars().next() {
                    *slot = Some(c);
                }
            }
        }
    }
    table
}

/// The built-in encoding of an embedded simple font: a Type1 program's `/Encoding`
/// array, a CFF program's encoding and charset names, or a symbolic TrueType font's
/// (3,0)/(1,0) `cmap` to glyphs, then each glyph's Unicode (inverted Unicode `cmap`) or
/// `post` name. `None` for a font not embedded, or a program that says StandardEncoding.
fn builtin_encoding(doc: &Document, desc: Option<&Dictionary>) -> Option<[Option<char>; 256]> {
    let desc = desc?;
    let file = |key: &[u8]| {
        dict_get(doc, desc, key)
            .and_then(|o| o.as_stream().ok())
            .and_then(stream_data)
    };
    let mut table = [None; 256];
    if let Some(data) = file(b"FontFile") {
        return type1_encoding(doc, &data);
    }
    if let Some(data) = file(b"FontFile2") {
        let face = Face::parse(&data, 0).ok()?;
        let cmap = face.tables().cmap?;
        let symbolic: Vec<_> = cmap
            .subtables
            .into_iter()
            .filter(|s| {
                !s.is_unicode() && matches!((s.platform_id as u16, s.encoding_id), (3, 0) | (1, 0))
            })
            .collect();
        if symbolic.is_empty() {
            return None;
        }
        let unicode = gid_unicode(&face);
        for (code, slot) in table.iter_mut().enumerate() {
            let code = code as u32;
            let gid = symbolic.iter().find_map(|s| {
                [code, 0xF000 + code, 0xF100 + code, 0xF200 + code]
                    .into_iter()
                    .find_map(|c| s.glyph_index(c).filter(|g| g.0 != 0))
            });
            *slot = gid.and_then(|g| {
                unicode
                    .get(&g.0)
                    .copied()
                    .or_else(|| face.glyph_name(g).and_then(|n| glyph_char(doc, n)))
            });
        }
        return Some(table);
    }
    if let Some(data) = file(b"FontFile3") {
        let cff = ttf_parser::cff::Table::parse(&data)?;
        for (code, slot) in table.iter_mut().enumerate() {
            *slot = cff
                .glyph_index(code as u8)
                .filter(|g| g.0 != 0)
                .and_then(|g| cff.glyph_name(g))
                .and_then(|n| glyph_char(doc, n));
        }
        return Some(table);
    }
    None
}

/// A Type1 font program's `/Encoding`: `StandardEncoding` (None: the caller's default)
/// or `dup <code> /<name> put` entries in its clear-text part.
fn type1_encoding(doc: &Document, data: &[u8]) -> Option<[Option<char>; 256]> {
    let at = memchr::memmem::find(data, b"/Encoding")?;
    let rest = &data[at + 9..];
    let end = memchr::memmem::find(rest, b"readonly def")
        .or_else(|| memchr::memmem::find(rest, b"eexec"))
        .unwrap_or(rest.len());
    let text = String::from_utf8_lossy(&rest[..end]);
    if text.trim_start().starts_with("StandardEncoding") {
        return None;
    }
    let mut table = [None; 256];
    let words: Vec<&str> = text.split_whitespace().collect();
    for w in words.windows(4) {
        if let ["dup", code, name, "put"] = w {
            if let (Ok(code), Some(name)) = (code.parse::<usize>(), name.strip_prefix('/')) {
                if let Some(slot) = table.get_mut(code) {
                    *slot = glyph_char(doc, name);
                }
            }
        }
    }
    Some(table)
}

/// GID → char from a font's Unicode `cmap` subtables, the best first ((3,10), then
/// (3,1) and (0,*)); the first code point wins where several share a glyph.
fn gid_unicode(face: &Face) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(cmap) = face.tables().cmap else {
        return out;
    };
    let mut subs: Vec<_> = cmap
        .subtables
        .into_iter()
        .filter(|s| s.is_unicode())
        .collect();
    subs.sort_by_key(|s| u8::from(!(s.platform_id as u16 == 3 && s.encoding_id == 10)));
    for s in subs {
        let mut cps = Vec::new();
        s.codepoints(|cp| cps.push(cp));
        cps.sort_unstable();
        for cp in cps {
            if let (Some(g), Some(c)) = (s.glyph_index(cp), char::from_u32(cp)) {
                if g.0 != 0 && usable_text(c.encode_utf8(&mut [0; 4])) {
                    out.entry(g.0).or_insert(c);
                }
            }
        }
    }
    out
}

/// Whether a CID font's CIDs are Adobe-GB1 CIDs, which Adobe's table turns into text:
/// its `/CIDSystemInfo` says Adobe/GB1 (any supplement), and its CIDs are not just the
/// glyph ids of an embedded TrueType (`CIDFontType2` with an identity `/CIDToGIDMap`),
/// which writers label GB1 whatever font they embed. CFF (`CIDFontType0`) programs and
/// fonts not embedded (STSong-Light, AdobeSongStd) are reached by CID, so the label holds.
fn gb1_cids(doc: &Document, cid_font: &Dictionary, desc: Option<&Dictionary>) -> bool {
    let Some(info) = dict_get(doc, cid_font, b"CIDSystemInfo").and_then(|o| o.as_dict().ok())
    else {
        return false;
    };
    let text = |key: &[u8]| match dict_get(doc, info, key) {
        Some(Object::String(s, _)) => s.clone(),
        Some(Object::Name(n)) => n.clone(),
        _ => Vec::new(),
    };
    if text(b"Registry") != b"Adobe" || text(b"Ordering") != b"GB1" {
        return false;
    }
    let subtype = dict_get(doc, cid_font, b"Subtype")
        .and_then(name_of)
        .unwrap_or_default();
    let embedded_truetype = desc.is_some_and(|d| dict_get(doc, d, b"FontFile2").is_some());
    let cid_to_gid_map = matches!(
        dict_get(doc, cid_font, b"CIDToGIDMap"),
        Some(Object::Stream(_))
    );
    subtype != "CIDFontType2" || !embedded_truetype || cid_to_gid_map
}

/// Whether a CID-keyed CFF program's ROS is Adobe-GB1 (its charset's CIDs, which the
/// codes are, are then GB1 CIDs); `None` for a program without a ROS or unreadable. Read
/// only for fonts without a usable ToUnicode.
fn cff_is_gb1(data: &[u8]) -> Option<bool> {
    // A bare CFF, or the `CFF ` table of an OpenType program (`/Subtype /OpenType`).
    let ros = match Face::parse(data, 0) {
        Ok(face) => face
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
            .and_then(cff_ros),
        Err(_) => cff_ros(data),
    };
    ros.map(|(registry, ordering)| registry == b"Adobe" && ordering == b"GB1")
}

/// A CFF INDEX at `at`: its items and the offset just past it.
fn cff_index(data: &[u8], at: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = usize::from(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]));
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let size = usize::from(*data.get(at + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let offset = |i: usize| -> Option<usize> {
        let b = data.get(at + 3 + i * size..at + 3 + (i + 1) * size)?;
        Some(b.iter().fold(0usize, |acc, x| acc << 8 | usize::from(*x)))
    };
    // Offsets count from the byte before the data.
    let base = (at + 3 + (count + 1) * size).checked_sub(1)?;
    let mut items = Vec::with_capacity(count);
    for i in 0..count {
        let (a, b) = (offset(i)?, offset(i + 1)?);
        items.push(data.get(base.checked_add(a)?..base.checked_add(b)?)?);
    }
    Some((items, base.checked_add(offset(count)?)?))
}

/// The (Registry, Ordering) of a CID-keyed CFF program's top DICT `ROS` operator.
fn cff_ros(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let header = usize::from(*data.get(2)?);
    let (_names, at) = cff_index(data, header)?;
    let (tops, at) = cff_index(data, at)?;
    let (strings, _) = cff_index(data, at)?;
    let top = tops.first()?;
    let mut operands: Vec<i64> = Vec::new();
    let mut i = 0;
    while let Some(&b0) = top.get(i) {
        i += 1;
        let byte = |k: usize| top.get(k).map(|b| i64::from(*b));
        match b0 {
            12 => {
                if top.get(i) == Some(&30) {
                    // ROS: Registry SID, Ordering SID, Supplement; custom strings from 391.
                    let sid = |k: usize| -> Option<&[u8]> {
                        let n = usize::try_from(*operands.get(k)?).ok()?.checked_sub(391)?;
                        strings.get(n).copied()
                    };
                    return Some((sid(0)?, sid(1)?));
                }
                i += 1;
                operands.clear();
            }
            0..=21 => operands.clear(),
            28 => {
                operands.push(i64::from(i16::from_be_bytes([
                    *top.get(i)?,
                    *top.get(i + 1)?,
                ])));
                i += 2;
            }
            29 => {
                let b = top.get(i..i + 4)?;
                operands.push(i64::from(i32::from_be_bytes([b[0], b[1], b[2], b[3]])));
                i += 4;
            }
            // A real: nibbles up to the 0xf terminator; its value is never a SID.
            30 => {
                while let Some(b) = top.get(i) {
                    i += 1;
                    if b & 0x0F == 0x0F || b >> 4 == 0x0F {
                        break;
                    }
                }
                operands.push(-1);
            }
            32..=246 => operands.push(i64::from(b0) - 139),
            247..=250 => {
                operands.push((i64::from(b0) - 247) * 256 + byte(i)? + 108);
                i += 1;
            }
            251..=254 => {
                operands.push(-(i64::from(b0) - 251) * 256 - byte(i)? - 108);
                i += 1;
            }
            _ => {}
        }
    }
    None
}

/// CID → char for an Identity-encoded CID font without a usable ToUnicode, from the
/// embedded program: TrueType (CIDFontType2, through the CIDToGIDMap) or OpenType
/// (`FontFile3 /OpenType`) by the inverted Unicode `cmap`; a bare CFF (CIDFontType0C) by
/// its glyph names. CFF CID-keyed fonts map GID→CID through their charset.
fn embedded_cid_text(
    doc: &Document,
    cid_font: &Dictionary,
    desc: Option<&Dictionary>,
    font_file3: Option<&[u8]>,
) -> HashMap<u32, char> {
    let mut out = HashMap::new();
    let Some(desc) = desc else { return out };
    let file = |key: &[u8]| {
        dict_get(doc, desc, key)
            .and_then(|o| o.as_stream().ok())
            .and_then(stream_data)
    };
    if let Some(data) = file(b"FontFile2") {
        let Ok(face) = Face::parse(&data, 0) else {
            return out;
        };
        let gid_char = gid_unicode(&face);
        match dict_get(doc, cid_font, b"CIDToGIDMap") {
            Some(Object::Stream(s)) => {
                if let Some(map) = stream_data(s) {
                    for (cid, pair) in map.chunks_exact(2).enumerate() {
                        let gid = u16::from(pair[0]) << 8 | u16::from(pair[1]);
                        if let Some(c) = gid_char.get(&gid) {
                            out.insert(cid as u32, *c);
                        }
                    }
                }
            }
            _ => {
                for (gid, c) in gid_char {
                    out.insert(u32::from(gid), c);
                }
            }
        }
        return out;
    }
    let Some(data) = font_file3 else {
        return out;
    };
    let (cff, gid_char) = match Face::parse(data, 0) {
        Ok(face) => (face.tables().cff, gid_unicode(&face)),
        Err(_) => (ttf_parser::cff::Table::parse(data), HashMap::new()),
    };
    let Some(cff) = cff else {
        return out;
    };
    for gid in 0..cff.number_of_glyphs() {
        let g = GlyphId(gid);
        let c = gid_char
            .get(&gid)
            .copied()
            .or_else(|| cff.glyph_name(g).and_then(|n| glyph_char(doc, n)));
        if let Some(c) = c {
            let cid = cff.glyph_cid(g).unwrap_or(gid);
            out.entry(u32::from(cid)).or_insert(c);
        }
    }
    out
}

/// Which fonts left codes undecoded, on which pages: `F1 (12 on page 1), F2 (3 on pages
/// 1-2)`, for the error and warning about unmapped text.
pub(crate) fn unmapped_summary(pages: &[super::geometry::PageGeom]) -> String {
    let mut fonts: Vec<(&str, usize, Vec<u32>)> = Vec::new();
    for p in pages {
        for (name, n) in &p.unmapped_fonts {
            match fonts.iter_mut().find(|(f, _, _)| f == name) {
                Some((_, k, pages)) => {
                    *k += n;
                    pages.push(p.number);
                }
                None => fonts.push((name.as_str(), *n, vec![p.number])),
            }
        }
    }
    let list: Vec<String> = fonts
        .iter()
        .map(|(name, n, pages)| {
            let name = if name.is_empty() { "(unnamed)" } else { name };
            let mut spans: Vec<String> = Vec::new();
            let mut i = 0;
            while i < pages.len() {
                let mut j = i;
                while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
                    j += 1;
                }
                spans.push(if i == j {
                    pages[i].to_string()
                } else {
                    format!("{}-{}", pages[i], pages[j])
                });
                i = j + 1;
            }
            let word = if pages.len() == 1 { "page" } else { "pages" };
            format!("font {name} ({n} on {word} {})", spans.join(", "))
        })
        .collect();
    list.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::geometry::PageGeom;

    #[test]
    fn broken_tounicode_entries_are_not_text() {
        assert!(usable_text("中"));
        assert!(usable_text("fi"));
        assert!(!usable_text(""));
        assert!(!usable_text("\u{0}"));
        assert!(!usable_text("\u{E001}"));
        assert!(!usable_text("\u{FFFD}"));
        assert!(!usable_text("\u{10FFFD}"));
    }

    #[test]
    fn glyph_names_by_convention_and_adobe_glyph_list() {
        let doc = Document::with_version("1.5");
        assert_eq!(glyph_char(&doc, "uni4E2D"), Some('中'));
        assert_eq!(glyph_char(&doc, "u2265"), Some('≥'));
        // AGL names the short table does not carry (matplotlib's Type3 fonts use them).
        assert_eq!(glyph_char(&doc, "greaterequal"), Some('≥'));
        assert_eq!(glyph_char(&doc, "multiply"), Some('×'));
        assert_eq!(glyph_char(&doc, "A"), Some('A'));
        // Subset names say nothing about the character.
        assert_eq!(glyph_char(&doc, "cid40744"), None);
        assert_eq!(glyph_char(&doc, "glyph00012"), None);
        assert_eq!(glyph_char(&doc, "g12"), None);
        assert_eq!(glyph_char(&doc, "uniE001"), None);
    }

    #[test]
    fn type1_builtin_encoding_is_read_not_guessed() {
        let doc = Document::with_version("1.5");
        let prog = b"/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
                     dup 33 /uni90E8 put\ndup 34 /cid40767 put\nreadonly def\n";
        let t = type1_encoding(&doc, prog).unwrap_or([None; 256]);
        assert_eq!(t[33], Some('部'));
        // Neither the subset's name nor Latin-1 ('"') tells what code 34 is.
        assert_eq!(t[34], None);
        assert_eq!(t[65], None);
        assert!(type1_encoding(&doc, b"/Encoding StandardEncoding def").is_none());
    }

    #[test]
    fn adobe_gb1_label_is_trusted_only_where_codes_are_cids() {
        let doc = Document::with_version("1.5");
        let info = |ordering: &str| {
            let mut d = Dictionary::new();
            d.set("Registry", Object::string_literal("Adobe"));
            d.set("Ordering", Object::string_literal(ordering));
            d.set("Supplement", Object::Integer(5));
            Object::Dictionary(d)
        };
        let cid_font = |subtype: &str, ordering: &str| {
            let mut d = Dictionary::new();
            d.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
            d.set("CIDSystemInfo", info(ordering));
            d
        };
        let mut truetype = Dictionary::new();
        truetype.set(
            "FontFile2",
            Object::Stream(pdf_extract::Stream::new(Dictionary::new(), Vec::new())),
        );
        // CFF and fonts not embedded are reached by CID: the label holds.
        assert!(gb1_cids(&doc, &cid_font("CIDFontType0", "GB1"), None));
        assert!(gb1_cids(&doc, &cid_font("CIDFontType2", "GB1"), None));
        assert!(!gb1_cids(&doc, &cid_font("CIDFontType0", "Identity"), None));
        assert!(!gb1_cids(&doc, &cid_font("CIDFontType0", "Japan1"), None));
        // An embedded TrueType with an identity CIDToGIDMap: its CIDs are glyph ids.
        let tt = cid_font("CIDFontType2", "GB1");
        assert!(!gb1_cids(&doc, &tt, Some(&truetype)));
        let mut mapped = tt.clone();
        mapped.set(
            "CIDToGIDMap",
            Object::Stream(pdf_extract::Stream::new(
                Dictionary::new(),
                vec![0, 0, 0, 1],
            )),
        );
        assert!(gb1_cids(&doc, &mapped, Some(&truetype)));
    }

    #[test]
    fn gb1_font_without_tounicode_reads_cids_and_counts_the_rest() {
        let doc = Document::with_version("1.5");
        let mut info = Dictionary::new();
        info.set("Registry", Object::string_literal("Adobe"));
        info.set("Ordering", Object::string_literal("GB1"));
        info.set("Supplement", Object::Integer(2));
        let mut cid_font = Dictionary::new();
        cid_font.set("Subtype", Object::Name(b"CIDFontType0".to_vec()));
        cid_font.set("CIDSystemInfo", Object::Dictionary(info));
        let mut font = Dictionary::new();
        font.set("Subtype", Object::Name(b"Type0".to_vec()));
        font.set("BaseFont", Object::Name(b"STSong-Light".to_vec()));
        font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        font.set(
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        );
        let f = Font::load(&doc, &font);
        let mut out = String::new();
        let (code, len) = f.next_code(&[0x11, 0xCF]);
        assert!(f.text(code, len, &mut out));
        assert_eq!(out, "中");
        // Past the table (a font with more CIDs than GB1-5), or .notdef: unmapped, so
        // the page's warning or error counts it instead of a guess.
        assert!(!f.text(40000, 2, &mut out));
        assert!(!f.text(0, 2, &mut out));
        assert_eq!(out, "中");
        // A CMap name declx does not know (UniGB-UTF32-H): its codes are not CIDs.
        font.set("Encoding", Object::Name(b"UniGB-UTF32-H".to_vec()));
        let f = Font::load(&doc, &font);
        assert!(!f.text(0x11CF, 2, &mut out));
    }

    #[test]
    fn cff_ros_is_read_from_the_top_dict() {
        // Header; Name INDEX ("A"); Top DICT INDEX (391 392 5 ROS, written as a 2-byte
        // int, a 3-byte int and a 1-byte int); String INDEX ("Adobe", "GB1").
        let mut cff = vec![1, 0, 4, 1, 0, 1, 1, 1, 2, b'A'];
        let top = [28, 1, 135, 29, 0, 0, 1, 136, 144, 12, 30];
        cff.extend([0, 1, 1, 1, 1 + top.len() as u8]);
        cff.extend(top);
        cff.extend([0, 2, 1, 1, 6, 9]);
        cff.extend(b"AdobeGB1");
        assert_eq!(cff_ros(&cff), Some((&b"Adobe"[..], &b"GB1"[..])));
        // Truncated anywhere: no answer, no panic.
        for n in 0..cff.len() {
            assert_eq!(cff_ros(&cff[..n]), None);
        }
        // A name-keyed CFF has no ROS.
        let plain = [
            1, 0, 4, 1, 0, 1, 1, 1, 2, b'A', 0, 1, 1, 1, 3, 139, 15, 0, 0,
        ];
        assert_eq!(cff_ros(&plain), None);
    }

    #[test]
    fn unmapped_summary_names_fonts_and_pages() {
        let page = |number, fonts: &[(&str, usize)]| PageGeom {
            number,
            unmapped_fonts: fonts.iter().map(|(n, k)| (n.to_string(), *k)).collect(),
            ..PageGeom::default()
        };
        let pages = [
            page(1, &[("AAAAAA+Sim", 3)]),
            page(2, &[("AAAAAA+Sim", 2), ("", 1)]),
            page(3, &[]),
            page(4, &[("AAAAAA+Sim", 1)]),
        ];
        assert_eq!(
            unmapped_summary(&pages),
            "font AAAAAA+Sim (6 on pages 1-2, 4); font (unnamed) (1 on page 2)"
        );
    }
}
