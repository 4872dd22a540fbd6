//! Page geometry backends, behind one small trait so the PDF library can change.
//!
//! [`LopdfBackend`] interprets content streams itself on the lopdf document that
//! pdf-extract re-exports: pdf-extract 0.12's own `OutputDev` pass drops the CTM inside
//! Form XObjects, parses image XObjects as content, ignores `f*`/`B`/colours, misreads
//! `/W` ranges and panics on predefined CJK CMaps, so we keep its parser and do the
//! drawing state ourselves. Every call runs under `catch_unwind` in [`super::read_pdf`].

use std::collections::HashMap;
use std::rc::Rc;

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::geometry::{Glyph, HRule, Matrix, PageGeom, Rect, VRule};
use super::util::{deref, dict_get, name_of, num, nums, stream_data};
use crate::error::Error;

/// Where page geometry comes from.
pub trait Backend {
    fn page_count(&self) -> u32;
    /// Geometry of page `number` (1-based); an error message when the page is unreadable.
    fn page(&mut self, number: u32) -> Result<PageGeom, String>;
}

/// Operations run per page at most (Form XObjects can nest and repeat).
const OP_BUDGET: usize = 4_000_000;
const MAX_FORM_DEPTH: usize = 12;
/// Filled rectangles thinner than this are ruling lines (Word/WPS draw borders so).
const THIN: f64 = 2.5;

pub struct LopdfBackend {
    doc: Document,
    pages: Vec<ObjectId>,
    fonts: HashMap<ObjectId, Rc<Font>>,
}

/// Map lopdf's load errors onto the contract's kinds.
fn load_error(e: pdf_extract::Error, password_given: bool) -> Error {
    let msg = e.to_string();
    match e {
        pdf_extract::Error::InvalidPassword => Error::EncryptedPdf {
            wrong_password: password_given,
        },
        pdf_extract::Error::Decryption(_) => Error::EncryptedPdf {
            wrong_password: password_given,
        },
        _ => Error::corrupt_pdf(msg),
    }
}

impl LopdfBackend {
    pub fn open(bytes: &[u8], password: Option<&str>) -> Result<LopdfBackend, Error> {
        let opts = pdf_extract::LoadOptions {
            password: password.map(str::to_string),
            ..Default::default()
        };
        let doc = Document::load_mem_with_options(bytes, opts)
            .map_err(|e| load_error(e, password.is_some()))?;
        // lopdf leaves the trailer's /Encrypt in place when no password opened it.
        if doc.trailer.get(b"Encrypt").is_ok() {
            return Err(Error::EncryptedPdf {
                wrong_password: password.is_some(),
            });
        }
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        Ok(LopdfBackend {
            doc,
            pages,
            fonts: HashMap::new(),
        })
    }
}

/// A page attribute, inherited from the page tree when the page lacks it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Some(v) = dict_get(doc, d, key) {
            return Some(v);
        }
        d = dict_get(doc, d, b"Parent")?.as_dict().ok()?;
    }
    None
}

impl Backend for LopdfBackend {
    fn page_count(&self) -> u32 {
        self.pages.len() as u32
    }

    fn page(&mut self, number: u32) -> Result<PageGeom, String> {
        let id = *self
            .pages
            .get((number as usize).wrapping_sub(1))
            .ok_or_else(|| format!("no page {number}"))?;
        let doc = &self.doc;
        let page = doc
            .get_dictionary(id)
            .map_err(|e| format!("page {number}: {e}"))?;
        let mbox = nums(doc, inherited(doc, page, b"MediaBox"))
            .filter(|v| v.len() == 4)
            .unwrap_or_else(|| vec![0.0, 0.0, 612.0, 792.0]);
        let bx = nums(doc, inherited(doc, page, b"CropBox"))
            .filter(|v| v.len() == 4)
            .unwrap_or(mbox);
        let b = Rect::new(bx[0], bx[1], bx[2], bx[3]);
        let rotate = inherited(doc, page, b"Rotate").and_then(num).unwrap_or(0.0) as i64;
        let rotate = rotate.rem_euclid(360) / 90 * 90;
        // User space → upright page space with the origin at the box's bottom-left.
        let (w, h) = (b.width(), b.height());
        let to_page = match rotate {
            90 => Matrix([0.0, -1.0, 1.0, 0.0, -b.y0, b.x1]),
            180 => Matrix([-1.0, 0.0, 0.0, -1.0, b.x1, b.y1]),
            270 => Matrix([0.0, 1.0, -1.0, 0.0, b.y1, -b.x0]),
            _ => Matrix::translate(-b.x0, -b.y0),
        };
        let (width, height) = if rotate % 180 == 90 { (h, w) } else { (w, h) };
        let resources = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let content = doc
            .get_page_content(id)
            .map_err(|e| format!("page {number}: {e}"))?;
        let mut out = PageGeom {
            number,
            width,
            height,
            ..PageGeom::default()
        };
        let mut interp = Interp {
            doc,
            fonts: &mut self.fonts,
            out: &mut out,
            ops: 0,
            forms: Vec::new(),
            marked: Vec::new(),
            ocr_words: Vec::new(),
        };
        let gs = State::new(to_page);
        interp.run(&content, resources, gs)?;
        let words = std::mem::take(&mut interp.ocr_words);
        super::ocr_layer::normalise(&mut out.glyphs, &words, (width / 2.0, height / 2.0));
        Ok(out)
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    /// Text render mode (`Tr`): 3 draws nothing (an OCR layer), 7 only clips.
    render_mode: i64,
    fill_visible: bool,
    stroke_visible: bool,
    /// Bounding box (page space) of the clipping path: what lies outside is not seen
    /// (a spreadsheet draws a merged cell's text on every page it spans, clipped away
    /// on all but one).
    clip: Option<Rect>,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
            fill_visible: true,
            stroke_visible: true,
            clip: None,
        }
    }

    /// Narrow the clipping region to `r`.
    fn clip_to(&mut self, r: Rect) {
        let c = match self.clip {
            Some(c) => Rect::new(
                c.x0.max(r.x0),
                c.y0.max(r.y0),
                c.x1.min(r.x1),
                c.y1.min(r.y1),
            ),
            None => r,
        };
        if c.x0.is_finite() && c.y0.is_finite() && c.x1.is_finite() && c.y1.is_finite() {
            self.clip = Some(c);
        }
    }

    /// Whether a point is inside the clipping region (with a point of slack for
    /// rounding: a glyph sitting on a cell's edge is still drawn).
    fn sees(&self, x: f64, y: f64) -> bool {
        self.clip.is_none_or(|c| {
            x >= c.x0 - CLIP_SLACK
                && x <= c.x1 + CLIP_SLACK
                && y >= c.y0 - CLIP_SLACK
                && y <= c.y1 + CLIP_SLACK
        })
    }
}

/// Slack (points) around a clipping region.
const CLIP_SLACK: f64 = 1.0;

/// The bounding box of a path's points.
fn path_box(path: &[Sub]) -> Option<Rect> {
    let mut pts = path.iter().flat_map(|s| s.pts.iter());
    let first = pts.next()?;
    Some(
        pts.fold(Rect::new(first.0, first.1, first.0, first.1), |r, p| {
            r.union(&Rect::new(p.0, p.1, p.0, p.1))
        }),
    )
}

/// A subpath in page space.
#[derive(Default)]
struct Sub {
    pts: Vec<(f64, f64)>,
    closed: bool,
    /// Has curve segments (never a rectangle).
    curved: bool,
}

struct Interp<'a, 'o> {
    doc: &'a Document,
    fonts: &'o mut HashMap<ObjectId, Rc<Font>>,
    out: &'o mut PageGeom,
    ops: usize,
    /// Form XObjects being run (cycle guard).
    forms: Vec<ObjectId>,
    /// Open marked-content sequences: whether each is a pagination artifact.
    marked: Vec<bool>,
    /// The words of an invisible text layer, see [`super::ocr_layer`].
    ocr_words: Vec<super::ocr_layer::Word>,
}

/// Whether a `BDC` opens a pagination artifact (`/Artifact <</Type /Pagination …>>`):
/// the running header, footer, page number or watermark that a tagged PDF (Word's
/// "Save as PDF", WPS) marks as not part of the document's content, so never a cell.
/// The properties are inline or named in the resources' `/Properties`.
fn pagination_artifact(doc: &Document, resources: Option<&Dictionary>, o: &[Object]) -> bool {
    if !matches!(o.first(), Some(Object::Name(tag)) if tag.as_slice() == b"Artifact") {
        return false;
    }
    let props = match o.get(1) {
        Some(Object::Dictionary(d)) => Some(d),
        Some(Object::Name(name)) => resources
            .and_then(|r| dict_get(doc, r, b"Properties"))
            .and_then(|p| p.as_dict().ok())
            .and_then(|p| p.get(name).ok())
            .and_then(|e| deref(doc, e).as_dict().ok()),
        _ => None,
    };
    props
        .and_then(|d| dict_get(doc, d, b"Type"))
        .and_then(name_of)
        .is_some_and(|t| t == "Pagination")
}

fn nums_of(ops: &[Object]) -> Vec<f64> {
    ops.iter().filter_map(num).collect()
}

/// Whether a colour (gray, RGB or CMYK by component count) is about white.
fn visible(comps: &[f64]) -> bool {
    match comps.len() {
        1 => comps[0] < 0.95,
        3 => comps.iter().any(|c| *c < 0.95),
        4 => comps.iter().any(|c| *c > 0.05),
        _ => true,
    }
}

impl<'a> Interp<'a, '_> {
    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resources
            .and_then(|r| dict_get(self.doc, r, b"Font"))?
            .as_dict()
            .ok()?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.fonts.get(id) {
                return Some(f.clone());
            }
            let dict = deref(self.doc, entry).as_dict().ok()?;
            let f = Rc::new(Font::load(self.doc, dict));
            self.fonts.insert(*id, f.clone());
            return Some(f);
        }
        let dict = entry.as_dict().ok()?;
        Some(Rc::new(Font::load(self.doc, dict)))
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: State,
    ) -> Result<(), String> {
        let content = Content::decode(content).map_err(|e| format!("content stream: {e}"))?;
        let mut stack: Vec<State> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path: Vec<Sub> = Vec::new();
        // `W`/`W*` seen: the path painted next also clips.
        let mut clip_pending = false;
        for op in &content.operations {
            self.ops += 1;
            if self.ops > OP_BUDGET {
                return Err("content too large (operation budget exhausted)".into());
            }
            let o = &op.operands;
            let n = nums_of(o);
            let arg = |i: usize| n.get(i).copied().unwrap_or(0.0);
            let operator = op.operator.as_str();
            if clip_pending
                && matches!(
                    operator,
                    "n" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*"
                )
            {
                clip_pending = false;
                if let Some(r) = path_box(&path) {
                    gs.clip_to(r);
                }
            }
            match operator {
                "W" | "W*" => clip_pending = true,
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" if n.len() == 6 => {
                    let m = Matrix([arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)]);
                    let next = m.then(&gs.ctm);
                    if next.is_finite() {
                        gs.ctm = next;
                    }
                }
                "g" | "rg" | "k" | "sc" | "scn" => gs.fill_visible = visible(&n),
                "G" | "RG" | "K" | "SC" | "SCN" => gs.stroke_visible = visible(&n),
                "cs" => gs.fill_visible = true,
                "CS" => gs.stroke_visible = true,
                // Paths, in page space as built (cm cannot occur inside a path).
                "m" if n.len() >= 2 => {
                    path.push(Sub {
                        pts: vec![gs.ctm.apply(arg(0), arg(1))],
                        ..Sub::default()
                    });
                }
                "l" if n.len() >= 2 => {
                    let p = gs.ctm.apply(arg(0), arg(1));
                    match path.last_mut() {
                        Some(s) if !s.closed => s.pts.push(p),
                        _ => path.push(Sub {
                            pts: vec![p],
                            ..Sub::default()
                        }),
                    }
                }
                "c" | "v" | "y" if n.len() >= 4 => {
                    let (x, y) = if n.len() >= 6 {
                        (arg(4), arg(5))
                    } else {
                        (arg(2), arg(3))
                    };
                    let p = gs.ctm.apply(x, y);
                    if let Some(s) = path.last_mut() {
                        s.curved = true;
                        s.pts.push(p);
                    }
                }
                "h" => {
                    if let Some(s) = path.last_mut() {
                        s.closed = true;
                    }
                }
                "re" if n.len() >= 4 => {
                    let (x, y, w, h) = (arg(0), arg(1), arg(2), arg(3));
                    path.push(Sub {
                        pts: vec![
                            gs.ctm.apply(x, y),
                            gs.ctm.apply(x + w, y),
                            gs.ctm.apply(x + w, y + h),
                            gs.ctm.apply(x, y + h),
                        ],
                        closed: true,
                        curved: false,
                    });
                }
                "S" | "s" => {
                    if op.operator == "s" {
                        if let Some(s) = path.last_mut() {
                            s.closed = true;
                        }
                    }
                    if gs.stroke_visible {
                        self.stroke(&path, &gs);
                    }
                    path.clear();
                }
                "f" | "F" | "f*" => {
                    if gs.fill_visible {
                        self.fill(&path, &gs);
                    }
                    path.clear();
                }
                "B" | "B*" | "b" | "b*" => {
                    if gs.fill_visible {
                        self.fill(&path, &gs);
                    }
                    if gs.stroke_visible {
                        self.stroke(&path, &gs);
                    }
                    path.clear();
                }
                "n" => path.clear(),
                // Text.
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    if let Some(Object::Name(name)) = o.first() {
                        gs.font = self.font(resources, name);
                    }
                    if let Some(size) = o.get(1).and_then(num) {
                        gs.size = size;
                    }
                }
                "Tc" => gs.char_spacing = arg(0),
                "Tw" => gs.word_spacing = arg(0),
                "Tz" => gs.hscale = arg(0) / 100.0,
                "TL" => gs.leading = arg(0),
                "Ts" => gs.rise = arg(0),
                "Tr" => gs.render_mode = arg(0) as i64,
                "Td" | "TD" if n.len() >= 2 => {
                    if op.operator == "TD" {
                        gs.leading = -arg(1);
                    }
                    tlm = Matrix::translate(arg(0), arg(1)).then(&tlm);
                    tm = tlm;
                }
                "Tm" if n.len() == 6 => {
                    tlm = Matrix([arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)]);
                    tm = tlm;
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = arg(0);
                        gs.char_spacing = arg(1);
                    }
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s),
                                other => {
                                    if let Some(adj) = num(other) {
                                        let d = -adj / 1000.0 * gs.size;
                                        let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                        tm = if vertical {
                                            Matrix::translate(0.0, d).then(&tm)
                                        } else {
                                            Matrix::translate(d * gs.hscale, 0.0).then(&tm)
                                        };
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(Object::Name(name)) = o.first() {
                        self.xobject(resources, name, &gs)?;
                    }
                }
                "BI" => self.out.images += 1,
                "BMC" if self.marked.len() < 256 => self.marked.push(false),
                "BDC" if self.marked.len() < 256 => {
                    let artifact = pagination_artifact(self.doc, resources, o);
                    self.marked.push(artifact);
                }
                "EMC" => {
                    self.marked.pop();
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &State,
    ) -> Result<(), String> {
        let Some(xobjects) = resources
            .and_then(|r| dict_get(self.doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok())
        else {
            return Ok(());
        };
        let Ok(entry) = xobjects.get(name) else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Ok(stream) = deref(self.doc, entry).as_stream() else {
            return Ok(());
        };
        let subtype = dict_get(self.doc, &stream.dict, b"Subtype").and_then(name_of);
        match subtype.as_deref() {
            Some("Image") => self.out.images += 1,
            Some("Form") => {
                if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|i| self.forms.contains(&i))
                {
                    return Ok(());
                }
                let m = nums(self.doc, dict_get(self.doc, &stream.dict, b"Matrix"))
                    .filter(|v| v.len() == 6)
                    .map(|v| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
                    .unwrap_or(Matrix::IDENTITY);
                let res = dict_get(self.doc, &stream.dict, b"Resources")
                    .and_then(|o| o.as_dict().ok())
                    .or(resources);
                let Some(data) = stream_data(stream) else {
                    return Ok(());
                };
                let mut inner = gs.clone();
                inner.ctm = m.then(&gs.ctm);
                // The form's /BBox is not applied as a clip: writers (reportlab) leave it at
                // the portrait page size under a rotated table, and text extractors keep
                // that text.
                if let Some(i) = id {
                    self.forms.push(i);
                }
                let r = self.run(&data, res, inner);
                if id.is_some() {
                    self.forms.pop();
                }
                // A broken form spoils only itself.
                if let Err(e) = r {
                    if e.contains("budget") {
                        return Err(e);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let size = gs.size;
        let first = self.out.glyphs.len();
        let tsm = Matrix([size * gs.hscale, 0.0, 0.0, size, 0.0, gs.rise]);
        let mut rest = bytes;
        let mut text = String::new();
        while !rest.is_empty() {
            let (code, len) = font.next_code(rest);
            let len = len.clamp(1, rest.len());
            rest = &rest[len..];
            let w0 = font.width(code, len);
            let trm = tsm.then(tm).then(&gs.ctm);
            text.clear();
            if font.text(code, len, &mut text) {
                let k = text.chars().count().max(1) as f64;
                for (i, ch) in text.chars().enumerate() {
                    let i = i as f64;
                    let local = if font.vertical {
                        Rect::new(-0.5, -1.0 + font.descent, 0.5, font.descent)
                    } else {
                        Rect::new(w0 * i / k, font.descent, w0 * (i + 1.0) / k, font.ascent)
                    };
                    let bbox = local.transform(&trm);
                    let [a, b, _, d, _, _] = trm.0;
                    let upright = a > 0.0 && d > 0.0 && b.abs() < 0.1 * a.abs();
                    let upward = b > 0.0 && a.abs() < 0.1 * b;
                    let baseline = if upright {
                        trm.apply(0.0, 0.0).1
                    } else {
                        bbox.cy()
                    };
                    if bbox.x0.is_finite()
                        && bbox.y0.is_finite()
                        && bbox.x1.is_finite()
                        && bbox.y1.is_finite()
                        && gs.sees(bbox.cx(), bbox.cy())
                        && !super::geometry::is_slanted(&trm)
                        && !self.marked.contains(&true)
                    {
                        self.out.glyphs.push(Glyph {
                            // A glyph an ideograph shares with its radical form may be
                            // named by the radical (Chromium's ToUnicode: 部⻔ for 部门);
                            // the text means the ideograph.
                            ch: crate::decode::unify_radical(ch),
                            bbox,
                            baseline,
                            size: trm.y_scale(),
                            upright,
                            upward,
                            ocr: false,
                            word_x: None,
                        });
                    }
                }
            } else {
                self.out.unmapped += 1;
                match self
                    .out
                    .unmapped_fonts
                    .iter_mut()
                    .find(|(n, _)| *n == font.name)
                {
                    Some((_, k)) => *k += 1,
                    None => self.out.unmapped_fonts.push((font.name.clone(), 1)),
                }
            }
            let spacing = gs.char_spacing
                + if code == 32 && len == 1 {
                    gs.word_spacing
                } else {
                    0.0
                };
            *tm = if font.vertical {
                Matrix::translate(0.0, -(size + spacing)).then(tm)
            } else {
                Matrix::translate((w0 * size + spacing) * gs.hscale, 0.0).then(tm)
            };
        }
        if matches!(gs.render_mode, 3 | 7) && !font.vertical {
            if let Some(word) = self.out.glyphs.get_mut(first..) {
                // The word's baseline direction in page space (a scan's skew).
                let [a, b, c, d, ..] = gs.ctm.0;
                let [ta, tb, ..] = tm.0;
                let angle = (ta * b + tb * d).atan2(ta * a + tb * c);
                if let Some(w) = super::ocr_layer::place_word(word, first, angle) {
                    self.ocr_words.push(w);
                }
            }
        }
    }

    fn stroke(&mut self, path: &[Sub], gs: &State) {
        for sub in path {
            let mut segs: Vec<((f64, f64), (f64, f64))> =
                sub.pts.windows(2).map(|w| (w[0], w[1])).collect();
            if sub.closed && sub.pts.len() > 2 {
                if let (Some(a), Some(b)) = (sub.pts.last(), sub.pts.first()) {
                    segs.push((*a, *b));
                }
            }
            if sub.curved {
                continue;
            }
            for (a, b) in segs {
                // A rule wholly clipped away is not drawn.
                if gs.sees(a.0, a.1)
                    || gs.sees(b.0, b.1)
                    || gs.sees((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
                {
                    self.segment(a, b);
                }
            }
        }
    }

    fn segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        if dy < 0.5 && dx >= 1.0 {
            self.out.hrules.push(HRule {
                y: (a.1 + b.1) / 2.0,
                x0: a.0.min(b.0),
                x1: a.0.max(b.0),
            });
        } else if dx < 0.5 && dy >= 1.0 {
            self.out.vrules.push(VRule {
                x: (a.0 + b.0) / 2.0,
                y0: a.1.min(b.1),
                y1: a.1.max(b.1),
            });
        }
    }

    fn fill(&mut self, path: &[Sub], gs: &State) {
        for sub in path {
            if sub.curved || sub.pts.len() < 4 || sub.pts.len() > 5 {
                continue;
            }
            // Axis-aligned rectangles only: every edge horizontal or vertical.
            let n = sub.pts.len();
            let axis = (0..n).all(|i| {
                let (a, b) = (sub.pts[i], sub.pts[(i + 1) % n]);
                (a.0 - b.0).abs() < 0.5 || (a.1 - b.1).abs() < 0.5
            });
            if !axis {
                continue;
            }
            let r = sub.pts.iter().fold(
                Rect::new(sub.pts[0].0, sub.pts[0].1, sub.pts[0].0, sub.pts[0].1),
                |r, p| r.union(&Rect::new(p.0, p.1, p.0, p.1)),
            );
            if !gs.sees(r.cx(), r.cy()) && !gs.sees(r.x0, r.y0) && !gs.sees(r.x1, r.y1) {
                continue;
            }
            if super::geometry::is_rule_rect(r.height(), r.width(), THIN) {
                self.out.hrules.push(HRule {
                    y: r.cy(),
                    x0: r.x0,
                    x1: r.x1,
                });
            } else if super::geometry::is_rule_rect(r.width(), r.height(), THIN) {
                self.out.vrules.push(VRule {
                    x: r.cx(),
                    y0: r.y0,
                    y1: r.y1,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF (200 × 200 pt, Helvetica) drawing `content`, with a good xref.
    fn pdf(content: &str) -> Vec<u8> {
        let objs = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_string(),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len() + 1
            ),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn text_of(content: &str) -> String {
        let mut b = LopdfBackend::open(&pdf(content), None).expect("test PDF opens");
        let page = b.page(1).expect("page 1");
        page.glyphs.iter().map(|g| g.ch).collect()
    }

    #[test]
    fn text_outside_the_clipping_path_is_not_seen() {
        // Calc draws a merged cell's text on every page the cell spans, clipped to the
        // cell's part on that page: off the clip (and off the page) it is not there.
        let content = "q 0 100 200 100 re W* n \
                       BT /F1 10 Tf 10 150 Td (In) Tj ET \
                       BT /F1 10 Tf 10 20 Td (Below) Tj ET \
                       BT /F1 10 Tf 10 900 Td (Off) Tj ET Q \
                       BT /F1 10 Tf 10 50 Td (Free) Tj ET";
        assert_eq!(text_of(content), "InFree");
    }

    #[test]
    fn pagination_artifacts_are_not_read() {
        let content = "/Artifact <</Type /Pagination /Subtype /Header>> BDC \
                       BT /F1 10 Tf 10 180 Td (Head) Tj ET EMC \
                       /P <</MCID 0>> BDC BT /F1 10 Tf 10 100 Td (Body) Tj ET EMC \
                       /Artifact <</Type /Layout>> BDC BT /F1 10 Tf 10 50 Td (Note) Tj ET EMC \
                       /Artifact BMC BT /F1 10 Tf 10 30 Td (Line) Tj ET EMC";
        assert_eq!(text_of(content), "BodyNoteLine");
    }

    #[test]
    fn rules_outside_the_clipping_path_are_not_seen() {
        let mut b = LopdfBackend::open(
            &pdf(
                "q 0 100 200 100 re W n 0 150 m 200 150 l S 0 50 m 200 50 l S Q 0 20 m 200 20 l S",
            ),
            None,
        )
        .expect("test PDF opens");
        let page = b.page(1).expect("page 1");
        let ys: Vec<f64> = page.hrules.iter().map(|r| r.y).collect();
        assert_eq!(ys, vec![150.0, 20.0]);
    }
}
