#!/usr/bin/env python3
"""PDF fixtures from producers other than LibreOffice, for tests/pdf_*.rs.

    pip install reportlab && python3 scripts/make_pdf_fixtures.py fixtures/

Writes (all small, committed; tests never run this):
  other-cid-rects.pdf    reportlab, STSong-Light CID font with the predefined
                         UniGB-UCS2-H CMap and no ToUnicode (pdf-extract panics on
                         it), table borders drawn as thin filled rectangles (Word/WPS
                         style), merged cells
  other-rotated-form.pdf reportlab, A4 page with /Rotate 90 whose table is drawn inside
                         a Form XObject placed with a rotation matrix
  other-gbk.pdf          hand-written PDF, Type0 font with the GBK-EUC-H CMap (one-byte
                         ASCII, two-byte GBK), stroked rules, a page number footer
  reportlab-full.pdf     the whole seed form over several A4 pages, reportlab's CID
                         font without ToUnicode, borders as filled rectangles, a page
                         number footer; rows flow across pages like a Word export
The table is the first rows of fixtures/guangzhou-science-tech-2023.txt with the same
merge rules as render_pdf.py: leading empty cells extend the cell above (row span),
trailing empty cells extend the cell to their left (column span).
"""
import os
import sys
import zlib

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "fixtures", "guangzhou-science-tech-2023.txt")
FONT = "STSong-Light"
SIZE = 9.0
LEAD = 12.0
PAD = 3.0


def seed_rows(n):
    rows = []
    for line in open(SEED, encoding="utf-8"):
        line = line.rstrip("\n")
        if "\t" in line:
            rows.append(line.split("\t"))
        if len(rows) == n:
            break
    return rows


def regions(rows):
    """Cells as (row, col, rowspan, colspan, text), merge rules of render_pdf.py."""
    ncols = max(len(r) for r in rows)
    owner = [[None] * ncols for _ in rows]
    cells = []
    for r, raw in enumerate(rows):
        raw = raw + [""] * (ncols - len(raw))
        nonempty = [i for i, t in enumerate(raw) if t]
        first = nonempty[0] if nonempty else ncols
        last = nonempty[-1] if nonempty else ncols - 1
        for c in range(ncols):
            if c < first and r > 0 and owner[r - 1][c] is not None:
                cell = owner[r - 1][c]
                if cell[0] + cell[2] == r and cell[1] == c:
                    cell[2] += 1
                    owner[r][c] = cell
                    continue
            if c > last and owner[r][c - 1] is not None:
                cell = owner[r][c - 1]
                cell[3] += 1
                owner[r][c] = cell
                continue
            cell = [r, c, 1, 1, raw[c]]
            cells.append(cell)
            owner[r][c] = cell
    return ncols, cells


def wrap(text, width):
    """Greedy wrap by character widths (CJK = 1 em, others = 0.5 em)."""
    lines, cur, w = [], "", 0.0
    for ch in text:
        # CJK and full-width punctuation (“”、，) take a whole em in STSong.
        cw = SIZE if ord(ch) > 0x2E80 or 0x2010 <= ord(ch) <= 0x206F else SIZE * 0.5
        if cur and w + cw > width:
            lines.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += cw
    if cur:
        lines.append(cur)
    return lines or [""]


def layout(rows, widths):
    ncols, cells = regions(rows)
    xs = [0.0]
    for w in widths:
        xs.append(xs[-1] + w)
    # Row heights: enough for every single-row cell's lines.
    heights = [LEAD + 2 * PAD] * len(rows)
    for r, c, rs, cs, t in cells:
        lines = wrap(t, xs[c + cs] - xs[c] - 2 * PAD)
        need = len(lines) * LEAD + 2 * PAD
        if rs == 1:
            heights[r] = max(heights[r], need)
    ys = [0.0]
    for h in heights:
        ys.append(ys[-1] + h)
    return xs, ys, cells


def draw_table(c, rows, widths, x0, top, rect_borders):
    xs, ys, cells = layout(rows, widths)
    c.setFont(FONT, SIZE)
    for r, col, rs, cs, t in cells:
        left, right = x0 + xs[col], x0 + xs[col + cs]
        y_top, y_bot = top - ys[r], top - ys[r + rs]
        if rect_borders:
            t_ = 0.6
            c.rect(left, y_top - t_ / 2, right - left, t_, stroke=0, fill=1)
            c.rect(left, y_bot - t_ / 2, right - left, t_, stroke=0, fill=1)
            c.rect(left - t_ / 2, y_bot, t_, y_top - y_bot, stroke=0, fill=1)
            c.rect(right - t_ / 2, y_bot, t_, y_top - y_bot, stroke=0, fill=1)
        else:
            c.setLineWidth(0.5)
            c.rect(left, y_bot, right - left, y_top - y_bot, stroke=1, fill=0)
        y = y_top - PAD - SIZE
        for line in wrap(t, right - left - 2 * PAD):
            c.drawString(left + PAD, y, line)
            y -= LEAD
    return top - ys[-1]


def cid_rects(out):
    c = canvas.Canvas(out, pagesize=(595.0, 842.0))
    c.setFont(FONT, 16)
    c.drawCentredString(297.5, 800, "部门整体预算绩效目标申报表")
    draw_table(c, seed_rows(8), [80, 110, 90, 110, 90], 57, 780, True)
    c.showPage()
    c.save()


def rotated_form(out):
    # Displayed landscape: 842 wide, 595 high; user space stays portrait with /Rotate 90.
    c = canvas.Canvas(out, pagesize=(595.0, 842.0))
    c.setPageRotation(90)
    c.beginForm("table")
    c.setFont(FONT, 16)
    c.drawCentredString(421, 560, "部门整体预算绩效目标申报表")
    draw_table(c, seed_rows(8), [110, 160, 130, 160, 130], 76, 540, False)
    c.endForm()
    c.saveState()
    # display (X, Y) -> user (595 - Y, X)
    c.transform(0, 1, -1, 0, 595, 0)
    c.doForm("table")
    c.restoreState()
    c.showPage()
    c.save()


def gbk_pdf(out):
    rows = [["名称", "金额（万元）", "说明"], ["基本支出", "16,583.94", "人员经费"], ["项目支出", "7,069.15", "AB 计划"]]
    xs = [60, 160, 300, 500]
    ys = [760, 730, 700, 670]
    ops = ["0.5 w"]
    for y in ys:
        ops.append(f"{xs[0]} {y} m {xs[-1]} {y} l S")
    for x in xs:
        ops.append(f"{x} {ys[0]} m {x} {ys[-1]} l S")
    ops.append("BT /F1 10 Tf")
    for r, row in enumerate(rows):
        for col, t in enumerate(row):
            hexs = t.encode("gbk").hex()
            ops.append(f"1 0 0 1 {xs[col] + 4} {ys[r] - 19} Tm <{hexs}> Tj")
    ops.append("1 0 0 1 290 40 Tm <" + "第 1 页".encode("gbk").hex() + "> Tj")
    ops.append("ET")
    content = zlib.compress("\n".join(ops).encode("ascii"))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 6 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(out, "wb").write(data)


def all_rows():
    rows = []
    for line in open(SEED, encoding="utf-8"):
        line = line.rstrip("\n")
        if "\t" in line:
            rows.append(line.split("\t"))
    return rows


def full_form(out):
    """The whole form, paginated: each page holds the rows that fit (a row never splits),
    the table goes on at the top of the next page, `第 N 页` at the bottom."""
    widths = [56, 64, 150, 84, 116, 72]
    rows = [r + [""] * (6 - len(r)) for r in all_rows()]
    c = canvas.Canvas(out, pagesize=(595.0, 842.0))
    page, top, bottom = 1, 780.0, 70.0
    c.setFont(FONT, 16)
    c.drawCentredString(297.5, 800, "部门整体预算绩效目标申报表")
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows):
            _, ys, _ = layout(rows[start : end + 1], widths)
            if top - ys[-1] < bottom:
                break
            end += 1
        draw_table(c, rows[start:end], widths, 40, top, True)
        c.setFont(FONT, 9)
        c.drawCentredString(297.5, 40, "第 %d 页" % page)
        start = end
        if start < len(rows):
            c.showPage()
            page += 1
            top = 800.0
    c.showPage()
    c.save()


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "fixtures"
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    cid_rects(os.path.join(outdir, "other-cid-rects.pdf"))
    rotated_form(os.path.join(outdir, "other-rotated-form.pdf"))
    gbk_pdf(os.path.join(outdir, "other-gbk.pdf"))
    full_form(os.path.join(outdir, "reportlab-full.pdf"))
    for f in ("other-cid-rects.pdf", "other-rotated-form.pdf", "other-gbk.pdf", "reportlab-full.pdf"):
        print(f, os.path.getsize(os.path.join(outdir, f)))


if __name__ == "__main__":
    main()
