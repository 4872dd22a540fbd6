#!/usr/bin/env python3
"""Bordered (or borderless) declaration tables drawn operator by operator, the way
Microsoft Word/Excel "Save as PDF", WPS Office and Chinese PDF printers write them
(issue #5): features none of scripts/producer_pdfs.py's producers make.

    python3 scripts/word-like-pdfs.py FORM.txt OUT.pdf --features f1,f2 [--tools DIR]

FORM.txt is the tab text render_pdf.py reads (its merge rules: leading empty cells
extend the cell above, trailing ones the cell to their left). The table is laid out
here (reportlab's canvas for the file, content written as raw operators): STSong-Light
(UniGB-UCS2-H, not embedded, as Acrobat's Asian font packs name it), 9 pt, cells
top-aligned with 3 pt padding, rows as tall as their tallest cell, a row span drawn on
every page it crosses. Features (any combination):

  shade          header rows filled blue and the label column grey, each fill one
                 `re f` covering the whole cell, drawn before the text and the borders
  bands          every other row filled grey (banded rows)
  no-borders     no cell borders at all
  edge-rects     each cell's four edges its own thin filled rectangle (`re f`), twice at
                 shared edges, horizontal 0.5 pt and vertical 0.75 pt (Word)
  one-path       every border segment in one path of `m l` pairs, stroked once
  glyph-tm       each character its own `Tj` at an absolute `Tm` (Word)
  tj-kern        lines as `TJ` arrays with kerning offsets, `Tc` and `Tw` spreading
                 them to the cell's width (justified CJK lines)
  tz             horizontal scaling `Tz 85` with the text laid out at the scaled width
  clip-text      text shown in render mode 7 (clip) then filled through the clip
  bold-stroke    header and label cells in fake bold as fill+stroke (mode 2)
  bold-double    header and label cells in WPS fake bold: each glyph drawn twice 0.3 pt
                 apart
  vertical       a narrow label column: its labels written one character per line
                 (竖排), centred in their row spans
  vertical-spread  with vertical: the characters spread evenly down the span (分散对齐)
  turned-labels  with vertical: the label column's text turned a quarter turn
                 counter-clockwise (Excel's and Word's 文字方向, read bottom to top), centred
                 in the span
  turned-labels-cw  the same turned clockwise (read top to bottom, as Word's vertical
                 text direction writes a cell through its @-font)
  watermark      large light grey text rotated 45° across each page, under the table
  furniture      a running header (department and year, with Word's header rule under
                 it), 第 X 页 共 Y 页 below, and the text's last line, when it is a lone
                 单位（盖章）/填报人/联系电话 line, under the table instead of in it
  clip-cells     each cell's text drawn inside its own `re W n` clip (Word)
  hairline       borders stroked at width 0 (Excel's gridlines)
  dashed         borders stroked with a dash pattern
  tagged         marked content: cells in /P <</MCID n>> BDC … EMC, the running header
                 and footer in /Artifact <</Type /Pagination …>> BDC … EMC (Word's
                 tagged PDF)
  header-no-rule with furniture: the running header without Word's rule under it
  page-fill      a white rectangle over the whole page, then a light fill under the
                 whole table, before anything else
  thick-frame    the table's outer frame 3 pt thick, as filled rectangles per page
  rotate90       A4 landscape written as a portrait page with /Rotate 90
  rotate270      the same with /Rotate 270
  scale075       everything under `0.75 0 0 0.75 0 0 cm`, coordinates in pixels (Excel)
  offset-box     /MediaBox with a non-zero origin and a smaller /CropBox
  tight          no top or bottom cell padding (Word's default table margins), so rows
                 are exactly a line apart where no border parts them
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "STSong-Light"
SIZE = 9.0
LEAD = 12.0
PAD = 3.0
# Top and bottom cell padding: PAD, or 0 with `tight` (Word's default table: no top or
# bottom cell margin, so a borderless table's rows are exactly a line apart).
VPAD = PAD
TITLE_SIZE = 14.0
FEATURES = {
    "shade", "bands", "no-borders", "edge-rects", "one-path", "glyph-tm", "tj-kern",
    "tz", "clip-text", "bold-stroke", "bold-double", "vertical", "watermark",
    "furniture", "vertical-spread", "clip-cells", "hairline", "dashed", "tagged",
    "page-fill", "thick-frame", "header-no-rule", "turned-labels", "turned-labels-cw",
    "rotate90", "rotate270", "scale075", "offset-box", "tight",
}
HEADER_WORDS = ("一级指标", "名称", "部门预算支出", "事业发展性支出", "项目", "指标名称")


def load_render(tools):
    sys.path.insert(0, tools)
    import render_pdf  # noqa: E402

    return render_pdf


def hexs(s):
    """A string in UniGB-UCS2-H codes (UCS-2, big-endian)."""
    return "<" + s.encode("utf-16-be").hex() + ">"


class Page:
    """Raw content of one page, in layout space (points, y up); `k` is the scale the
    coordinates are written at (scale075 writes pixels under a 0.75 `cm`)."""

    def __init__(self, k):
        self.ops = []
        self.k = k

    def n(self, v):
        return f"{v * self.k:.3f}".rstrip("0").rstrip(".")

    def fill_rect(self, x, y, w, h, rgb):
        self.ops.append("%.3f %.3f %.3f rg %s %s %s %s re f" % (
            *rgb, self.n(x), self.n(y), self.n(w), self.n(h)))


class Doc:
    def __init__(self, feats, rp):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.sw = lambda s, size=SIZE: pdfmetrics.stringWidth(s, FONT, size)
        self.f = feats
        self.rp = rp
        landscape = "rotate90" in feats or "rotate270" in feats
        self.W, self.H = (841.89, 595.28) if landscape else (595.28, 841.89)
        self.left, self.right, self.top, self.bottom = 56.0, 56.0, 64.0, 64.0
        self.k = 4.0 / 3.0 if "scale075" in feats else 1.0
        self.hscale = 0.85 if "tz" in feats else 1.0
        self.pages = []

    # ---------------------------------------------------------------- text
    def width(self, s, size=SIZE):
        return self.sw(s, size) * self.hscale

    def wrap(self, text, w, size=SIZE):
        lines = []
        for para in text.split("\n"):
            cur = ""
            for ch in para:
                if cur and self.width(cur + ch, size) > w:
                    lines.append(cur)
                    cur = ch.lstrip() if ch == " " else ch
                else:
                    cur += ch
            lines.append(cur)
        return [l for l in lines if l] or [""]

    def text_line(self, pg, s, x, y, size=SIZE, bold=False, w=None):
        """One line of text with its baseline at y, as the features say."""
        if not s:
            return
        f = self.f
        n = pg.n
        sz = n(size)
        ops = pg.ops
        tr = 0
        if "clip-text" in f:
            tr = 7
        elif bold and "bold-stroke" in f:
            tr = 2
        double = bold and "bold-double" in f
        if tr == 7:
            ops.append("q")
        ops.append("BT")
        ops.append(f"/{self.fname} {sz} Tf 0 0 0 rg 0 0 0 RG")
        if tr:
            ops.append(f"{tr} Tr")
            if tr == 2:
                ops.append(f"{n(0.25)} w")
        if "tz" in f:
            ops.append(f"{int(self.hscale * 100)} Tz")
        passes = [0.0, 0.3] if double else [0.0]
        if "glyph-tm" in f or double:
            for dx in passes:
                xx = x
                for ch in s:
                    ops.append(f"1 0 0 1 {n(xx + dx)} {n(y)} Tm {hexs(ch)} Tj")
                    xx += self.width(ch, size)
        elif "tj-kern" in f and w is not None:
            # Justified: Tc spreads the characters, Tw the spaces, and kerning offsets
            # inside the TJ array (Word's optical kerning) move pairs by a few units.
            spare = max(0.0, w - self.width(s, size))
            nchar = max(1, len(s) - 1)
            tc = min(spare / nchar, 0.4 * size) if len(s) > 6 else 0.0
            ops.append(f"{n(tc)} Tc {n(0.5)} Tw")
            ops.append(f"1 0 0 1 {n(x)} {n(y)} Tm")
            parts = []
            for i, ch in enumerate(s):
                parts.append(hexs(ch))
                if i % 3 == 2 and i + 1 < len(s):
                    parts.append("-12" if ch.isascii() else "8")
            ops.append("[" + " ".join(parts) + "] TJ")
            ops.append("0 Tc 0 Tw")
        else:
            for dx in passes:
                ops.append(f"1 0 0 1 {n(x + dx)} {n(y)} Tm {hexs(s)} Tj")
        if "tz" in f:
            ops.append("100 Tz")
        if tr and tr != 7:
            ops.append("0 Tr")
        ops.append("ET")
        if tr == 7:
            # The glyphs are the clipping path: fill through them (a gradient in real
            # files; black here).
            ops.append(f"0 0 0 rg {n(x - 1)} {n(y - size)} {n(self.width(s, size) + 2)} "
                       f"{n(2 * size)} re f Q")

    # ---------------------------------------------------------------- table
    def layout(self, seg):
        rp = self.rp
        ncols, _grid, anchors = rp.layout_segment(seg)
        cells = [c for arow in anchors for c in arow.values()]
        usable = self.W - self.left - self.right
        cm = rp.column_widths(ncols, anchors, 17.0, 10.5, 0.1)
        if "vertical" in self.f or "vertical-spread" in self.f:
            # The label column one character wide: its labels run down, 竖排.
            first = SIZE + 2 * PAD + 1.0
            rest = sum(cm[1:])
            ws = [first] + [w * (usable - first) / rest for w in cm[1:]]
        else:
            tot = sum(cm)
            ws = [w * usable / tot for w in cm]
        xs = [self.left]
        for w in ws:
            xs.append(xs[-1] + w)
        nrows = len(seg)
        heights = [LEAD + 2 * VPAD] * nrows
        for c in cells:
            c.lines = self.wrap(c.text, xs[c.col + c.colspan] - xs[c.col] - 2 * PAD)
            need = len(c.lines) * LEAD + 2 * VPAD
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], need)
        for c in cells:
            if c.rowspan > 1:
                have = sum(heights[c.row:c.row + c.rowspan])
                if have < len(c.lines) * LEAD + 2 * VPAD:
                    heights[c.row + c.rowspan - 1] += len(c.lines) * LEAD + 2 * VPAD - have
        return ncols, cells, xs, heights

    def is_header(self, c, seg):
        return c.text in HEADER_WORDS or (c.col == 0 and c.text != "")

    def new_page(self):
        pg = Page(self.k)
        self.pages.append(pg)
        if "watermark" in self.f:
            n = pg.n
            pg.ops.append("q 0.85 0.85 0.85 rg BT /%s %s Tf 0.7071 0.7071 -0.7071 0.7071 %s %s Tm %s Tj ET Q"
                          % (self.fname, n(60), n(self.W * 0.22), n(self.H * 0.25),
                             hexs("内部资料 仅供参考")))
        return pg

    def draw(self, titles, segments):
        self.sign = None
        last = segments[-1] if segments else []
        if "furniture" in self.f and last and len(last[-1]) == 1 and "填报人" in last[-1][0]:
            # The form's signature line (单位（盖章）/填报人/联系电话, the text's last
            # line) goes under the table, not in it.
            self.sign = last.pop()[0]
        pg = self.new_page()
        y = self.H - self.top
        for t in titles:
            y -= TITLE_SIZE * 1.6
            self.text_line(pg, t, (self.W - self.width(t, TITLE_SIZE)) / 2, y, TITLE_SIZE)
        y -= 8
        for k, seg in enumerate(segments):
            if k > 0:
                pg = self.new_page()
                y = self.H - self.top
            pg, y = self.table(pg, y, seg)
        if "furniture" in self.f and self.sign:
            # The template's signature line under the table.
            line = self.sign
            if y - 30 < self.bottom:
                pg = self.new_page()
                y = self.H - self.top
            self.text_line(pg, line, self.left, y - 20)
        return self.pages

    def table(self, pg, y, seg):
        ncols, cells, xs, heights = self.layout(seg)
        # Row tops, page by page: a row that does not fit starts a new page.
        place = []
        for h in heights:
            if y - h < self.bottom:
                pg = self.new_page()
                y = self.H - self.top
            place.append((pg, y))
            y -= h
        if "page-fill" in self.f:
            # Under the whole table, page by page (a fill per page it covers).
            for p in {id(p): p for p, _ in place}.values():
                tops = [t for (q, t), h in zip(place, heights) if q is p]
                bots = [t - h for (q, t), h in zip(place, heights) if q is p]
                p.ops.insert(0, "1 1 1 rg 0 0 %s %s re f" % (p.n(self.W), p.n(self.H)))
                p.fill_rect(xs[0], min(bots), xs[-1] - xs[0], max(tops) - min(bots),
                            (0.97, 0.97, 0.92))
        self.extent = {}
        for (p, tp), h in zip(place, heights):
            t0, b0 = self.extent.get(id(p), (tp, tp - h))
            self.extent[id(p)] = (max(t0, tp), min(b0, tp - h))
        self.table_x = (xs[0], xs[-1])
        for c in cells:
            self.cell(c, seg, xs, heights, place)
        if "thick-frame" in self.f:
            # Word's 粗外框: 3 pt, drawn over the cells' own thin edges.
            t = 3.0
            for p in {id(p): p for p, _ in place}.values():
                top = max(tp for (q, tp) in place if q is p)
                bot = min(tp - h for (q, tp), h in zip(place, heights) if q is p)
                x0, x1 = xs[0], xs[-1]
                for (x, yy, w, h) in [(x0 - t / 2, top - t / 2, x1 - x0 + t, t),
                                      (x0 - t / 2, bot - t / 2, x1 - x0 + t, t),
                                      (x0 - t / 2, bot - t / 2, t, top - bot + t),
                                      (x1 - t / 2, bot - t / 2, t, top - bot + t)]:
                    p.fill_rect(x, yy, w, h, (0, 0, 0))
        return pg, y

    def cell(self, c, seg, xs, heights, place):
        x0, x1 = xs[c.col], xs[c.col + c.colspan]
        # The cell's piece on each page it crosses.
        pieces = []
        for r in range(c.row, c.row + c.rowspan):
            pg, top = place[r]
            if pieces and pieces[-1][0] is pg:
                pieces[-1][2] = top - heights[r]
            else:
                pieces.append([pg, top, top - heights[r]])
        header = self.is_header(c, seg)
        for pg, top, bot in pieces:
            fill = None
            if "shade" in self.f and header:
                fill = (0.85, 0.85, 0.85) if c.col == 0 else (0.80, 0.87, 0.97)
            if "bands" in self.f and c.row % 2 == 1:
                fill = (0.90, 0.90, 0.90)
            if fill:
                pg.fill_rect(x0, bot, x1 - x0, top - bot, fill)
        pg, top, bot = pieces[0]
        w = x1 - x0 - 2 * PAD
        if "tagged" in self.f:
            self.mcid = getattr(self, "mcid", -1) + 1
            pg.ops.append(f"/P <</MCID {self.mcid}>> BDC")
        if "clip-cells" in self.f:
            n = pg.n
            pg.ops.append(f"q {n(x0)} {n(bot)} {n(x1 - x0)} {n(top - bot)} re W n")
        if ("vertical" in self.f or "vertical-spread" in self.f) and c.col == 0 \
                and c.colspan == 1:
            # One character per line, the column centred in the whole span.
            lines = list(c.text)
            if "turned-labels" in self.f or "turned-labels-cw" in self.f:
                # One run turned 90° counter-clockwise, centred in the span's first piece.
                n = pg.n
                length = self.width(c.text)
                mid = (top + pieces[0][2]) / 2
                x = x0 + (x1 - x0) / 2 + SIZE * 0.35
                y = mid - length / 2
                if "turned-labels-cw" in self.f:
                    tm = f"0 -1 1 0 {n(x - SIZE * 0.7)} {n(y + length)}"
                else:
                    tm = f"0 1 -1 0 {n(x)} {n(y)}"
                pg.ops.append(f"BT /{self.fname} {n(SIZE)} Tf 0 0 0 rg {tm} Tm "
                              f"{hexs(c.text)} Tj ET")
                lines = []
            total = sum(t - b for _p, t, b in pieces)
            step = LEAD
            if len(pieces) == 1:
                ty = top - (total - len(lines) * LEAD) / 2
            else:
                ty = top - VPAD
            if "vertical-spread" in self.f and len(lines) > 1:
                # 分散对齐: the characters spread evenly down the span's first piece.
                step = (top - pieces[0][2] - 2 * VPAD) / len(lines)
                ty = top - VPAD
            for ch in lines:
                ty -= step
                self.text_line(pg, ch, x0 + (x1 - x0 - self.width(ch)) / 2, ty + 3,
                               bold=header)
        else:
            ty = top - VPAD
            for i, line in enumerate(c.lines):
                ty -= LEAD
                last = i + 1 == len(c.lines)
                self.text_line(pg, line, x0 + PAD, ty + 3, bold=header,
                               w=None if last else w)
        if "clip-cells" in self.f:
            pieces[0][0].ops.append("Q")
        if "tagged" in self.f:
            pieces[0][0].ops.append("EMC")
        if "no-borders" in self.f:
            return
        for pg, top, bot in pieces:
            self.borders(pg, x0, x1, top, bot)

    def borders(self, pg, x0, x1, top, bot):
        n = pg.n
        if "thick-frame" in self.f:
            # The frame is drawn once over the table: no thin edges along it.
            ttop, tbot = self.extent[id(pg)]
            tx0, tx1 = self.table_x
            edges = []
            if abs(top - ttop) > 0.01:
                edges.append((x0, top, x1, top))
            if abs(bot - tbot) > 0.01:
                edges.append((x0, bot, x1, bot))
            if abs(x0 - tx0) > 0.01:
                edges.append((x0, bot, x0, top))
            if abs(x1 - tx1) > 0.01:
                edges.append((x1, bot, x1, top))
            for a, b, c, d in edges:
                pg.ops.append(f"0 0 0 RG {n(0.5)} w {n(a)} {n(b)} m {n(c)} {n(d)} l S")
            return
        if "edge-rects" in self.f:
            h, v = 0.5, 0.75
            ops = [
                (x0 - v / 2, top - h / 2, x1 - x0 + v, h),
                (x0 - v / 2, bot - h / 2, x1 - x0 + v, h),
                (x0 - v / 2, bot - h / 2, v, top - bot + h),
                (x1 - v / 2, bot - h / 2, v, top - bot + h),
            ]
            for (x, y, w, hh) in ops:
                pg.ops.append(f"0 0 0 rg {n(x)} {n(y)} {n(w)} {n(hh)} re f")
        elif "one-path" in self.f:
            pg.segs = getattr(pg, "segs", [])
            pg.segs += [(x0, top, x1, top), (x0, bot, x1, bot), (x0, bot, x0, top),
                        (x1, bot, x1, top)]
        else:
            lw = 0 if "hairline" in self.f else 0.5
            dash = "[2 1] 0 d " if "dashed" in self.f else ""
            pg.ops.append(f"0 0 0 RG {n(lw)} w {dash}{n(x0)} {n(bot)} {n(x1 - x0)} "
                          f"{n(top - bot)} re S" + (" [] 0 d" if dash else ""))


def write(doc, out):
    from reportlab.pdfgen import canvas

    f = doc.f
    rot = 90 if "rotate90" in f else 270 if "rotate270" in f else 0
    media = (doc.H, doc.W) if rot else (doc.W, doc.H)
    c = canvas.Canvas(out, pagesize=media, pageCompression=0, invariant=1)
    c.setFont(FONT, SIZE)
    fname = c._doc.getInternalFontName(FONT).lstrip("/")
    total = len(doc.pages)
    for i, pg in enumerate(doc.pages):
        c.setFont(FONT, SIZE)
        code = []
        if rot == 90:
            code.append(f"0 1 -1 0 {media[0]:.2f} 0 cm")
        elif rot == 270:
            code.append(f"0 -1 1 0 0 {media[1]:.2f} cm")
        if "scale075" in f:
            code.append("0.75 0 0 0.75 0 0 cm")
        if "furniture" in f:
            n = pg.n
            head = "广州市科学技术局　2023年度部门整体预算绩效目标"
            y = doc.H - 40
            tag = "tagged" in f
            if tag:
                code.append("/Artifact <</Type /Pagination /Subtype /Header>> BDC")
            code.append(f"BT /{fname} {n(8)} Tf 1 0 0 1 {n(doc.left)} {n(y)} Tm {hexs(head)} Tj ET")
            if "header-no-rule" not in f:
                code.append(f"0 0 0 RG {n(0.5)} w {n(doc.left)} {n(y - 4)} m "
                            f"{n(doc.W - doc.right)} {n(y - 4)} l S")
            if tag:
                code.append("EMC /Artifact <</Type /Pagination /Subtype /Footer>> BDC")
            foot = f"第 {i + 1} 页 共 {total} 页"
            fx = (doc.W - doc.width(foot, 8)) / 2
            code.append(f"BT /{fname} {n(8)} Tf 1 0 0 1 {n(fx)} {n(40)} Tm {hexs(foot)} Tj ET")
            if tag:
                code.append("EMC")
        code += pg.ops
        segs = getattr(pg, "segs", [])
        if segs:
            n = pg.n
            path = " ".join(f"{n(a)} {n(b)} m {n(cc)} {n(d)} l" for a, b, cc, d in segs)
            code.append(f"0 0 0 RG {n(0.5)} w {path} S")
        c._code.append("q\n" + "\n".join(op.replace("/F?", "/" + fname) for op in code) + "\nQ")
        c.showPage()
    c.save()
    if rot or "offset-box" in f:
        import pikepdf

        pdf = pikepdf.open(out, allow_overwriting_input=True)
    if rot:
        # A portrait /MediaBox turned by /Rotate (the content drawn across it by the cm
        # above), as printers driven in portrait write landscape pages.
        for p in pdf.pages:
            p.MediaBox = [0, 0, media[0], media[1]]
            p.Rotate = rot
    if "offset-box" in f:
        dx, dy = 30.0, 40.0
        for p in pdf.pages:
            w, h = float(p.MediaBox[2]), float(p.MediaBox[3])
            p.MediaBox = [dx, dy, dx + w, dy + h]
            p.CropBox = [dx + 10, dy + 10, dx + w - 10, dy + h - 10]
            p.contents_add(pikepdf.Stream(pdf, f"1 0 0 1 {dx} {dy} cm\n".encode()), prepend=True)
    if rot or "offset-box" in f:
        pdf.save(out, deterministic_id=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("form")
    ap.add_argument("out")
    ap.add_argument("--features", default="")
    ap.add_argument("--tools", default=os.path.join(HERE, "..", "..", "shared", "tools"))
    a = ap.parse_args()
    feats = {f for f in a.features.split(",") if f}
    bad = feats - FEATURES
    if bad:
        sys.exit(f"unknown features: {', '.join(sorted(bad))}")
    if "tight" in feats:
        global VPAD
        VPAD = 0.0
    rp = load_render(os.path.abspath(a.tools))
    text = open(a.form, encoding="utf-8").read()
    titles, segments = rp.parse_form(text)
    doc = Doc(feats, rp)
    doc.fname = "F?"
    doc.draw(titles, segments)
    write(doc, a.out)


if __name__ == "__main__":
    main()
