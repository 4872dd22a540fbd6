//! Page geometry as the table builders see it: glyphs placed by their origin and ruling
//! lines, all in the upright page space (points, origin bottom-left, y up, page
//! rotation already applied).

/// An affine transform `[a b c d e f]` in the PDF row-vector convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// `self` first, then `o` (the PDF product `self × o`).
    pub fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// Length of the transformed unit vector (0, 1): a font's rendered size.
    pub fn y_scale(&self) -> f64 {
        let [_, _, c, d, _, _] = self.0;
        (c * c + d * d).sqrt()
    }

    pub fn is_finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

/// Text set along a slant, neither along nor across the page's axes (a watermark
/// rotated 45° across the table, as Word and WPS write 草稿/内部资料 marks): never a
/// cell's text. Rotated labels (a quarter turn) and synthetic italics (skew only) are
/// not slanted. `m` is the text rendering matrix.
pub fn is_slanted(m: &Matrix) -> bool {
    let [a, b, _, _, _, _] = m.0;
    let h = (a * a + b * b).sqrt();
    // More than about 10° off both axes.
    h > 0.0 && a.abs().min(b.abs()) > 0.17 * h
}

/// Whether a filled rectangle `thick` × `long` points draws a ruling line: thin ones
/// always (Word/WPS draw each border so), and thick ones up to Word's widest border
/// (6 pt: a 3 pt 粗外框 around the table) when they run on for many times their
/// thickness, which no shaded cell holding a line of text does.
pub fn is_rule_rect(thick: f64, long: f64, thin: f64) -> bool {
    long > thick && (thick <= thin || (thick <= 6.0 && long >= 10.0 * thick))
}

/// Axis-aligned box `[x0, y0, x1, y1]`, y up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    /// The box around the four transformed corners of `self`.
    pub fn transform(&self, m: &Matrix) -> Rect {
        let pts = [
            m.apply(self.x0, self.y0),
            m.apply(self.x1, self.y0),
            m.apply(self.x0, self.y1),
            m.apply(self.x1, self.y1),
        ];
        let mut r = Rect::new(pts[0].0, pts[0].1, pts[0].0, pts[0].1);
        for (x, y) in pts {
            r.x0 = r.x0.min(x);
            r.y0 = r.y0.min(y);
            r.x1 = r.x1.max(x);
            r.y1 = r.y1.max(y);
        }
        r
    }

    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn to_array(self) -> [f64; 4] {
        let r = |v: f64| (v * 100.0).round() / 100.0;
        [r(self.x0), r(self.y0), r(self.x1), r(self.y1)]
    }
}

/// One shown character.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub ch: char,
    /// Where the glyph sits (advance × ascent..descent).
    pub bbox: Rect,
    /// Baseline y of the glyph origin.
    pub baseline: f64,
    /// Rendered font size (points).
    pub size: f64,
    /// The text runs upright (not rotated by a quarter turn or more).
    pub upright: bool,
    /// The text runs up the page (turned a quarter turn counter-clockwise, Excel's
    /// 向上旋转文字): its characters read bottom to top.
    pub upward: bool,
    /// Drawn invisibly (text render mode 3 or 7): an OCR engine's text layer over a
    /// scan's image, its word spaces the engine's segmentation, not the form's.
    pub ocr: bool,
    /// An OCR layer's glyph: where its word starts. The engine's word boxes may
    /// overlap (`激发` over `市`), and a line reads word by word, in that order.
    pub word_x: Option<f64>,
}

/// A horizontal ruling line: `y`, from `x0` to `x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HRule {
    pub y: f64,
    pub x0: f64,
    pub x1: f64,
}

/// A vertical ruling line: `x`, from `y0` to `y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VRule {
    pub x: f64,
    pub y0: f64,
    pub y1: f64,
}

/// Everything the table builders need from one page.
#[derive(Debug, Clone, Default)]
pub struct PageGeom {
    /// 1-based page number.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub hrules: Vec<HRule>,
    pub vrules: Vec<VRule>,
    /// Images drawn (XObjects and inline), to tell a scan from an empty page.
    pub images: usize,
    /// Glyphs whose font gave no Unicode for them.
    pub unmapped: usize,
    /// The same per font (`/BaseFont`), for warnings that name the font and page.
    pub unmapped_fonts: Vec<(String, usize)>,
}

/// Whether a character is CJK (no spaces between such characters when lines are joined).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Display width in character columns (CJK and full-width forms are two).
pub fn char_columns(c: char) -> usize {
    if is_cjk(c) && !matches!(c as u32, 0xFF61..=0xFF9F) {
        2
    } else {
        1
    }
}

/// Join wrapped lines in reading order: a space only between two Latin words (digits
/// never: CJK layout breaks numbers anywhere, `≥80` + `0项` is `≥800项`).
pub fn push_joined(out: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    let last = out.chars().next_back();
    let first = piece.chars().next();
    if let (Some(a), Some(b)) = (last, first) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            out.push(' ');
        }
    }
    out.push_str(piece);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_product_order() {
        let m = Matrix::translate(10.0, 0.0).then(&Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]));
        assert_eq!(m.apply(1.0, 1.0), (22.0, 2.0));
    }

    #[test]
    fn slanted_text_is_told_from_turned_and_italic_text() {
        let (c, s) = (0.6, 0.8);
        assert!(is_slanted(&Matrix([
            60.0 * c,
            60.0 * s,
            -60.0 * s,
            60.0 * c,
            0.0,
            0.0
        ])));
        assert!(!is_slanted(&Matrix([9.0, 0.0, 0.0, 9.0, 0.0, 0.0])));
        assert!(!is_slanted(&Matrix([0.0, 9.0, -9.0, 0.0, 0.0, 0.0])));
        assert!(!is_slanted(&Matrix([9.0, 0.0, 2.0, 9.0, 0.0, 0.0])));
    }

    #[test]
    fn thick_frames_are_rules_and_shaded_cells_are_not() {
        assert!(is_rule_rect(0.5, 40.0, 2.5));
        assert!(is_rule_rect(3.0, 480.0, 2.5));
        assert!(!is_rule_rect(3.0, 20.0, 2.5));
        assert!(!is_rule_rect(14.0, 480.0, 2.5));
        assert!(!is_rule_rect(7.0, 480.0, 2.5));
    }

    #[test]
    fn joins_cjk_without_spaces() {
        let mut s = String::from("开展项目");
        push_joined(&mut s, "数量");
        assert_eq!(s, "开展项目数量");
        let mut s = String::from("total");
        push_joined(&mut s, "amount");
        assert_eq!(s, "total amount");
        let mut s = String::from("≥80");
        push_joined(&mut s, "0项");
        assert_eq!(s, "≥800项");
    }
}
