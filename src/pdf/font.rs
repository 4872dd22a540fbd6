//! Fonts: how a shown string splits into codes, how wide each code is, and what text it
//! stands for. Built once per font dictionary; never panics on a malformed font (missing
//! pieces fall back to defaults, and codes without text are counted as unmapped).

use std::collections::HashMap;

use pdf_extract::{Dictionary, Document, Object};

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
    simple_widths: Option<(u32, Vec<f64>)>,
    cid_widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space (1/1000 except for Type 3 fonts).
    scale: f64,
    pub vertical: bool,
    pub ascent: f64,
    pub descent: f64,
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
            simple_widths: None,
            cid_widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            vertical: false,
            ascent: 0.85,
            descent: -0.15,
        }
    }

    pub fn load(doc: &Document, font: &Dictionary) -> Font {
        let mut f = Font::fallback();
        let subtype = dict_get(doc, font, b"Subtype")
            .and_then(name_of)
            .unwrap_or_default();
        if let Some(stream) = dict_get(doc, font, b"ToUnicode").and_then(|o| o.as_stream().ok()) {
            if let Some(data) = stream_data(stream) {
                f.to_unicode = cmap::parse(&data).unicode;
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
        let mut table = latin1();
        if let Ok(enc) = font.get_font_encoding(doc) {
            for (b, slot) in table.iter_mut().enumerate() {
                if let Ok(s) = enc.bytes_to_string(&[b as u8]) {
                    if let Some(c) = s.chars().next() {
                        *slot = Some(c);
                    }
                }
            }
        }
        // Glyph names the base tables do not know (uniXXXX, …).
        if let Some(Object::Dictionary(enc)) = dict_get(doc, font, b"Encoding") {
            if let Some(Object::Array(diffs)) = dict_get(doc, enc, b"Differences") {
                let mut code = 0usize;
                for d in diffs {
                    match d {
                        Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                        Object::Name(n) => {
                            if let (Some(c), Some(slot)) = (
                                cmap::glyph_name_char(&String::from_utf8_lossy(n)),
                                table.get_mut(code),
                            ) {
                                *slot = Some(c);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
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
        let desc = dict_get(doc, font, b"FontDescriptor").and_then(|o| o.as_dict().ok());
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
        self.codes = match dict_get(doc, font, b"Encoding") {
            Some(Object::Name(n)) => {
                let name = String::from_utf8_lossy(n);
                self.vertical = Predefined::is_vertical(&name);
                Codes::Named(Predefined::from_name(&name).unwrap_or(Predefined::Identity))
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
        if identity && self.to_unicode.is_empty() {
            self.cid_text = truetype_cid_text(doc, cid_font, desc);
        }
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
                None => match self.cid_text.get(&code) {
                    Some(c) => {
                        out.push(*c);
                        true
                    }
                    None => false,
                },
            },
            Codes::Embedded(cm) => {
                let via_cid = cm.cid(code).and_then(|cid| self.cid_text.get(&cid));
                match via_cid {
                    Some(c) => {
                        out.push(*c);
                        true
                    }
                    None => false,
                }
            }
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

/// CID → char for an Identity-encoded CID font without ToUnicode, from the embedded
/// TrueType font's `cmap` table (reversed) and the CIDToGIDMap.
fn truetype_cid_text(
    doc: &Document,
    cid_font: &Dictionary,
    desc: Option<&Dictionary>,
) -> HashMap<u32, char> {
    let mut out = HashMap::new();
    let Some(file) = desc
        .and_then(|d| dict_get(doc, d, b"FontFile2"))
        .and_then(|o| o.as_stream().ok())
        .and_then(stream_data)
    else {
        return out;
    };
    let gid_char = truetype_cmap(&file);
    if gid_char.is_empty() {
        return out;
    }
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
    out
}

fn rd16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from(*d.get(at)?) << 8 | u16::from(*d.get(at + 1)?))
}

fn rd32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(rd16(d, at)?) << 16 | u32::from(rd16(d, at + 2)?))
}

/// GID → char from a TrueType font's Unicode `cmap` subtable (formats 4 and 12).
pub fn truetype_cmap(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(num_tables) = rd16(font, 4) else {
        return out;
    };
    let mut cmap_at = None;
    for t in 0..usize::from(num_tables) {
        let rec = 12 + 16 * t;
        if font.get(rec..rec + 4) == Some(b"cmap") {
            cmap_at = rd32(font, rec + 8).map(|o| o as usize);
        }
    }
    let Some(base) = cmap_at else { return out };
    let Some(n) = rd16(font, base + 2) else {
        return out;
    };
    let mut best: Option<(u8, usize)> = None;
    for i in 0..usize::from(n) {
        let rec = base + 4 + 8 * i;
        let (Some(pid), Some(eid), Some(off)) =
            (rd16(font, rec), rd16(font, rec + 2), rd32(font, rec + 4))
        else {
            break;
        };
        let rank = match (pid, eid) {
            (3, 10) => 3,
            (3, 1) | (0, _) => 2,
            _ => 0,
        };
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, base + off as usize));
        }
    }
    let Some((_, sub)) = best else { return out };
    match rd16(font, sub) {
        Some(4) => {
            let Some(segx2) = rd16(font, sub + 6).map(usize::from) else {
                return out;
            };
            let ends = sub + 14;
            let starts = ends + segx2 + 2;
            let deltas = starts + segx2;
            let ranges = deltas + segx2;
            for s in 0..segx2 / 2 {
                let (Some(end), Some(start), Some(delta), Some(ro)) = (
                    rd16(font, ends + 2 * s),
                    rd16(font, starts + 2 * s),
                    rd16(font, deltas + 2 * s),
                    rd16(font, ranges + 2 * s),
                ) else {
                    break;
                };
                if start > end {
                    continue;
                }
                for cp in start..=end {
                    if cp == 0xFFFF {
                        break;
                    }
                    let gid = if ro == 0 {
                        cp.wrapping_add(delta)
                    } else {
                        let at = ranges + 2 * s + usize::from(ro) + 2 * usize::from(cp - start);
                        match rd16(font, at) {
                            Some(0) | None => continue,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    if let Some(c) = char::from_u32(u32::from(cp)) {
                        out.entry(gid).or_insert(c);
                    }
                }
            }
        }
        Some(12) => {
            let Some(groups) = rd32(font, sub + 12) else {
                return out;
            };
            for g in 0..groups.min(65536) as usize {
                let at = sub + 16 + 12 * g;
                let (Some(s), Some(e), Some(gid)) =
                    (rd32(font, at), rd32(font, at + 4), rd32(font, at + 8))
                else {
                    break;
                };
                if e < s || e - s > 65536 {
                    continue;
                }
                for (k, cp) in (s..=e).enumerate() {
                    if let (Some(c), Ok(g)) = (char::from_u32(cp), u16::try_from(gid as usize + k))
                    {
                        out.entry(g).or_insert(c);
                    }
                }
            }
        }
        _ => {}
    }
    out
}
