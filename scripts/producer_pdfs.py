#!/usr/bin/env python3
"""Render tab-text declarations through PDF producers other than LibreOffice Writer's
own table export (issue #5), for tests/pdf_producers.rs and the producer fixtures.

    python3 scripts/producer_pdfs.py OUTDIR FORM.txt... [--only p1,p2] [--tools DIR]

For every FORM.txt (the tab text render_pdf.py reads: leading empty cells extend the
cell above, trailing empty cells extend the cell to their left, a blank line starts a
new table on a new page) writes OUTDIR/<stem>.<producer>.pdf for:

  lo            render_pdf.py (LibreOffice Writer, bordered): the base for re-distilling
  lo-stream     render_pdf.py --no-borders: the base for re-distilling borderless
  gs            gs -sDEVICE=pdfwrite of lo
  gs-stream     gs -sDEVICE=pdfwrite of lo-stream
  cairo         pdftocairo -pdf of lo
  qpdf-objstm   qpdf --object-streams=generate --compress-streams=y of lo
  qpdf-lin      qpdf --linearize of lo
  mutool        mutool clean -gggg of lo
  xlsx          openpyxl workbook (merged cells, wrap text, thin borders, a filled
                header row), soffice --convert-to pdf (Calc)
  docx          python-docx table (merged cells via cell.merge, Table Grid borders),
                soffice --convert-to pdf (Writer)
  html          HTML table with rowspan/colspan and CSS borders, soffice (Writer)
  fpdf          fpdf2 table() with a TTF CJK font, all borders
  fpdf-stream   fpdf2 table() without borders (default padding 0: rows as far apart
                as wrapped lines)
  fpdf-stream-pad  the same with 1 mm cell padding
  chromium      the html table printed by headless Chromium (Skia's PDF backend, as a
                web page printed to PDF is): borders, A4
  chromium-stream  the same table without borders

Fonts without a usable Unicode mapping (tests/pdf_producers.rs, make-font-fixtures.sh;
these need `pip install pikepdf matplotlib`):

  fpdf-no-tu    fpdf with /ToUnicode removed (CID TrueType, Identity-H: text from the
                embedded font's cmap)
  fpdf-null-tu  fpdf with a /ToUnicode mapping every code to U+0000 (broken writers)
  fpdf-pua-tu   fpdf with a /ToUnicode mapping every code into the Private Use Area
  mpl-type3     a matplotlib table with `pdf.fonttype: 3` (Type3 glyphs named uniXXXX
                in /Differences), /ToUnicode removed
  lo-no-tu      lo with /ToUnicode removed (Type1 subsets of Noto CJK whose built-in
                encoding names glyphs cidNNNNN: nothing left to decode)
  lo-ttf-no-tu  lo in WenQuanYi Zen Hei with /ToUnicode removed (simple TrueType subsets,
                codes 1..n, no glyph names: nothing left to decode)
  gs-no-tu      gs with /ToUnicode removed (Type1C subsets, /Differences named cidNNNNN)
  lo-title-no-tu  lo with /ToUnicode removed from the title's bold font only (partly
                decodable)
  fpdf-otf-no-tu  fpdf in Noto Sans CJK SC (CFF outlines: CIDFontType0, a bare CID-keyed
                CFF of ROS Adobe-Identity-0, codes 0..n), /ToUnicode removed: nothing left
  gb1-cff       fpdf-otf-no-tu made an Adobe-GB1 font as Distiller writes one: codes and
                the CFF's charset are the characters' Adobe-GB1 CIDs (UniGB-UCS2-H), ROS
                and /CIDSystemInfo Adobe-GB1-5, Identity-H, no /ToUnicode (text from
                Adobe's GB1 table)
  gb1-stsong    the same font not embedded, named STSong-Light (reportlab's, Acrobat's
                Asian font packs'), Identity-H, no /ToUnicode
  gb1-cff-ros   gb1-cff with /CIDSystemInfo Adobe-Identity-0 (writers that label every
                font so): only the CFF's own ROS says Adobe-GB1
  gb1-label-only  fpdf-otf-no-tu with /CIDSystemInfo Adobe-GB1-5: the label is wrong (the
                CFF's ROS is Adobe-Identity-0), so nothing is decodable

Needs LibreOffice (Writer, and Calc for xlsx: Debian's libreoffice-calc), ghostscript, poppler-utils, qpdf, mupdf-tools, a CJK font and
`pip install fpdf2 openpyxl python-docx`. A producer that fails is reported on stderr
and skipped. An existing output newer than its text is kept.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PRODUCERS = [
    "lo", "lo-stream", "gs", "gs-stream", "cairo", "qpdf-objstm", "qpdf-lin", "mutool",
    "xlsx", "docx", "html", "fpdf", "fpdf-stream", "fpdf-stream-pad", "chromium",
    "chromium-stream",
    "fpdf-no-tu", "fpdf-null-tu", "fpdf-pua-tu", "mpl-type3", "lo-no-tu", "lo-ttf-no-tu",
    "gs-no-tu", "lo-title-no-tu", "fpdf-otf-no-tu", "gb1-cff", "gb1-stsong", "gb1-cff-ros",
    "gb1-label-only",
]
UNIGB_UCS2 = "/usr/share/poppler/cMap/Adobe-GB1/UniGB-UCS2-H"
NOTO_TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# fpdf2 needs a TrueType font (not a .ttc collection with CFF outlines).
TTF_CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
]


def load_render(tools):
    sys.path.insert(0, tools)
    import render_pdf  # noqa: E402  (the shared renderer: parse_form, layout_segment)
    return render_pdf


def run(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[0]}: {r.stderr.decode(errors='replace')[-400:]}")


def soffice(src, out_pdf, filt="pdf", infilter=None):
    """Convert `src` with LibreOffice in its own profile (several may run at once)."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        inf = [f"--infilter={infilter}"] if infilter else []
        cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", *inf,
               "--convert-to", filt, "--outdir", tmp, src]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        stem = os.path.splitext(os.path.basename(src))[0]
        made = os.path.join(tmp, stem + ".pdf")
        if r.returncode != 0 or not os.path.exists(made):
            # soffice exits 0 when it cannot load a file (e.g. a .xlsx without
            # libreoffice-calc installed): say what it printed.
            said = (r.stdout + r.stderr).decode(errors="replace").strip()[-400:]
            raise RuntimeError(f"soffice made no PDF of {os.path.basename(src)}: {said}")
        shutil.move(made, out_pdf)


def cells_of(rp, segment):
    """(ncols, [(row, col, rowspan, colspan, text)]) with render_pdf.py's merge rules."""
    ncols, _grid, anchors = rp.layout_segment(segment)
    out = []
    for arow in anchors:
        for c in sorted(arow.values(), key=lambda c: c.col):
            out.append((c.row, c.col, c.rowspan, c.colspan, c.text))
    return ncols, out


def widths(rp, ncols, segment, usable):
    """Column widths in `usable` units, as render_pdf.py shares them."""
    _n, _g, anchors = rp.layout_segment(segment)
    cm = rp.column_widths(ncols, anchors, 17.0, 10.5, 0.1)
    tot = sum(cm)
    return [w * usable / tot for w in cm]


# XLSX_ROW_SCALE=2 doubles the rows' heights: more page breaks from a short form
# (the spreadsheet fixture needs a row span over a whole page).
ROW_SCALE = float(os.environ.get("XLSX_ROW_SCALE", "1"))


def make_xlsx(rp, titles, segments, path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.pagebreak import Break

    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDEBF7")
    font = Font(name="Noto Sans CJK SC", size=10)
    wrap = Alignment(wrap_text=True, vertical="center")
    ncols_all = max(max(len(r) for r in seg) for seg in segments)
    # Column widths (characters) of the widest segment, from render_pdf.py's shares.
    widest = max(segments, key=lambda s: max(len(r) for r in s))
    for i, w in enumerate(widths(rp, ncols_all, widest, 95.0)):
        ws.column_dimensions[chr(ord("A") + i)].width = max(w, 6)
    r0 = 1
    for t in titles:
        ws.cell(row=r0, column=1, value=t).font = Font(name="Noto Sans CJK SC", size=14)
        ws.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=ncols_all)
        r0 += 1
    for k, seg in enumerate(segments):
        if k > 0:
            ws.row_breaks.append(Break(id=r0 - 1))
        ncols, cells = cells_of(rp, seg)
        for (r, c, rs, cs, text) in cells:
            # A segment narrower than the sheet: its last column spans the rest.
            if c + cs == ncols:
                cs = ncols_all - c
            for rr in range(r0 + r, r0 + r + rs):
                for cc in range(c + 1, c + 1 + cs):
                    ws.cell(row=rr, column=cc).border = border
            cell = ws.cell(row=r0 + r, column=c + 1, value=text or None)
            cell.font = font
            cell.alignment = wrap
            if r == 0:
                cell.fill = fill
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=r0 + r, start_column=c + 1,
                               end_row=r0 + r + rs - 1, end_column=c + cs)
        # Rows tall enough for the wrapped text (Calc does not grow merged rows).
        for r in range(len(seg)):
            longest = 0.0
            for (rr, c, rs, cs, text) in cells:
                if rr == r and rs == 1 and text:
                    w = sum(ws.column_dimensions[chr(ord("A") + i)].width
                            for i in range(c, min(c + cs, ncols_all)))
                    longest = max(longest, rp.text_width(text) * 2.0 / max(w, 1.0))
            ws.row_dimensions[r0 + r].height = ROW_SCALE * 15 * max(1, int(longest) + 1)
        r0 += len(seg)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)


def make_docx(rp, titles, segments, path):
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Noto Sans CJK SC"
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(2)
    for t in titles:
        doc.add_paragraph(t)
    for k, seg in enumerate(segments):
        if k > 0:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        ncols, cells = cells_of(rp, seg)
        table = doc.add_table(rows=len(seg), cols=ncols)
        table.style = "Table Grid"
        ws = widths(rp, ncols, seg, 17.0)
        for row in table.rows:
            for i, c in enumerate(row.cells):
                c.width = Cm(ws[i])
        for (r, c, rs, cs, text) in cells:
            cell = table.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
            cell.text = text
    doc.save(path)


def make_html(rp, titles, segments, path, borders=True):
    border = "1px solid #000" if borders else "none"
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><style>',
           'body{font-family:"Noto Sans CJK SC";font-size:10pt}',
           'table{border-collapse:collapse;width:100%}',
           f'td{{border:{border};padding:2px;vertical-align:middle}}',
           '</style></head><body>']
    for t in titles:
        out.append(f"<p>{html.escape(t)}</p>")
    for k, seg in enumerate(segments):
        if k > 0:
            out.append('<p style="page-break-before:always"></p>')
        ncols, cells = cells_of(rp, seg)
        ws = widths(rp, ncols, seg, 100.0)
        out.append(f'<table border="{1 if borders else 0}" cellspacing="0" cellpadding="2">')
        out.append("".join(f'<col width="{w:.0f}%">' for w in ws))
        for r in range(len(seg)):
            out.append("<tr>")
            for (rr, c, rs, cs, text) in cells:
                if rr == r:
                    span = (f' rowspan="{rs}"' if rs > 1 else "") + (
                        f' colspan="{cs}"' if cs > 1 else "")
                    out.append(f"<td{span}>{html.escape(text)}</td>")
            out.append("</tr>")
        out.append("</table>")
    out.append("</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def make_fpdf(rp, titles, segments, path, borders, padding=0.0, font=None):
    """`padding`: cell padding (mm); fpdf2's default, 0, sets a borderless table's rows
    as far apart as a cell's wrapped lines. `font`: a font file (default: a TrueType CJK
    font)."""
    try:
        fpdf_doc(rp, titles, segments, path, borders, True, padding, font)
    except Exception:
        # fpdf2 cannot break a row span across pages: a span too tall for one page is
        # given as its first cell over empty ones (the tab text's own form).
        fpdf_doc(rp, titles, segments, path, borders, False, padding, font)


def noto_sc_otf(work):
    """Noto Sans CJK SC as a lone .otf (fpdf2 reads no .ttc collections)."""
    from fontTools.ttLib import TTCollection

    for f in TTCollection(NOTO_TTC).fonts:
        name = f["name"].getDebugName(4) or ""
        if "Sans CJK SC" in name and "Mono" not in name:
            out = os.path.join(work, "NotoSansCJKsc.otf")
            f.save(out)
            return out
    raise RuntimeError("no Noto Sans CJK SC in " + NOTO_TTC)


def fpdf_doc(rp, titles, segments, path, borders, spans, padding, font=None):
    from fpdf import FPDF

    font = font or next((p for p in TTF_CANDIDATES if os.path.exists(p)), None)
    if font is None:
        raise RuntimeError("no TrueType CJK font for fpdf2")
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("cjk", "", font)
    pdf.set_font("cjk", size=9)
    pdf.add_page()
    for t in titles:
        pdf.set_font("cjk", size=14)
        pdf.cell(0, 10, t, new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_font("cjk", size=9)
    for k, seg in enumerate(segments):
        if k > 0:
            pdf.add_page()
        ncols, cells = cells_of(rp, seg)
        ws = widths(rp, ncols, seg, pdf.epw)
        fpdf_table(pdf, seg, cells, ws, borders, spans, padding)
    pdf.output(path)


def fpdf_table(pdf, seg, cells, ws, borders, spans, padding):
    from fpdf.fonts import FontFace

    if True:
        with pdf.table(col_widths=ws, width=pdf.epw, first_row_as_headings=False,
                       borders_layout="ALL" if borders else "NONE",
                       line_height=5, text_align="LEFT", padding=padding,
                       headings_style=FontFace()) as table:
            for r in range(len(seg)):
                row = table.row()
                for (rr, c, rs, cs, text) in cells:
                    if rr == r:
                        row.cell(text, colspan=cs, rowspan=rs if spans else 1)
                    elif not spans and rr < r < rr + rs:
                        row.cell("", colspan=cs)


def make_mpl(rp, titles, segments, path):
    """A bordered table drawn by matplotlib with Type 3 fonts: each cell's text wrapped
    by character (CJK one em, others about half), rows as tall as their tallest cell."""
    import matplotlib
    matplotlib.use("pdf")
    matplotlib.rcParams["pdf.fonttype"] = 3
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.font_manager import FontProperties

    font = next((p for p in TTF_CANDIDATES if os.path.exists(p)), None)
    if font is None:
        raise RuntimeError("no TrueType CJK font for matplotlib")
    fp = FontProperties(fname=font)
    W, H, M, SIZE, LEAD, PAD = 595.0, 842.0, 42.0, 9.0, 12.0, 3.0

    def em(ch):
        return 1.0 if ord(ch) > 0x2E80 else 0.55

    def wrap(text, width):
        lines, cur, w = [], "", 0.0
        for ch in text:
            if cur and w + em(ch) * SIZE > width:
                lines.append(cur)
                cur, w = "", 0.0
            cur += ch
            w += em(ch) * SIZE
        return lines + [cur] if cur else lines or [""]

    # Rows are laid out first and drawn after, so pages are kept open until the end.
    figs = [plt.figure(figsize=(W / 72, H / 72))]
    y = H - M

    def new_page():
        nonlocal y
        figs.append(plt.figure(figsize=(W / 72, H / 72)))
        y = H - M

    for t in titles:
        figs[-1].text(0.5, (y - 14) / H, t, fontproperties=fp, fontsize=14, ha="center",
                      va="baseline")
        y -= 28
    for k, seg in enumerate(segments):
        if k > 0:
            new_page()
        ncols, cells = cells_of(rp, seg)
        ws = widths(rp, ncols, seg, W - 2 * M)
        xs = [M + sum(ws[:i]) for i in range(ncols + 1)]
        wrapped = {}
        for (r, c, rs, cs, t) in cells:
            wrapped[(r, c)] = wrap(t, xs[c + cs] - xs[c] - 2 * PAD)
        heights = [LEAD + 2 * PAD] * len(seg)
        for (r, c, rs, cs, t) in cells:
            need = len(wrapped[(r, c)]) * LEAD + 2 * PAD
            have = sum(heights[r:r + rs])
            if need > have:
                heights[r + rs - 1] += need - have
        tops = []
        for r, h in enumerate(heights):
            if y - h < M and y < H - M:
                new_page()
            tops.append((figs[-1], y))
            y -= h
        for (r, c, rs, cs, t) in cells:
            x0, x1 = xs[c], xs[c + cs]
            # A span crossing a page break is boxed on each page it reaches; its text
            # stays on the first.
            parts = {}
            for rr in range(r, r + rs):
                f, top = tops[rr]
                first, _ = parts.get(id(f), (top, None))
                parts[id(f)] = (first, top - heights[rr])
            for rr in range(r, r + rs):
                f = tops[rr][0]
                if id(f) in parts:
                    top, bottom = parts.pop(id(f))
                    f.add_artist(plt.Rectangle((x0 / W, bottom / H), (x1 - x0) / W,
                                               (top - bottom) / H, fill=False, lw=0.5,
                                               transform=f.transFigure))
            f, top = tops[r]
            for i, line in enumerate(wrapped[(r, c)]):
                f.text((x0 + PAD) / W, (top - PAD - SIZE - i * LEAD) / H, line,
                       fontproperties=fp, fontsize=SIZE, va="baseline")
    with PdfPages(path) as pdf:
        for f in figs:
            pdf.savefig(f)
            plt.close(f)


def retouch_tounicode(src, out, how, only=None):
    """Copy `src` with every font's /ToUnicode (or only those whose /BaseFont contains
    `only`) removed ("drop"), or replaced by a CMap sending each code to U+0000 ("null")
    or into the Private Use Area ("pua"), as broken writers do."""
    import pikepdf

    pdf = pikepdf.open(src)
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        if "/ToUnicode" not in obj:
            continue
        if only and only not in str(obj.get("/BaseFont", "")):
            continue
        if how == "drop":
            del obj["/ToUnicode"]
            continue
        two = obj.get("/Subtype") == "/Type0"
        lo, hi = (0, 0xFFFF) if two else (0, 0xFF)
        width = 4 if two else 2
        body = [f"1 begincodespacerange <{lo:0{width}X}> <{hi:0{width}X}> endcodespacerange"]
        # bfrange runs may not cross a change of the high byte: 256 codes per range.
        ranges = [(a, min(a + 255, hi)) for a in range(lo, hi + 1, 256)]
        for i in range(0, len(ranges), 100):
            chunk = ranges[i:i + 100]
            body.append(f"{len(chunk)} beginbfrange")
            for a, b in chunk:
                dst = 0 if how == "null" else 0xE000 + (a & 0x0FFF)
                if how == "null":
                    body.append(f"<{a:0{width}X}> <{b:0{width}X}> [" + " ".join(
                        "<0000>" for _ in range(a, b + 1)) + "]")
                else:
                    body.append(f"<{a:0{width}X}> <{b:0{width}X}> <{dst:04X}>")
            body.append("endbfrange")
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                "/CMapName /Broken def /CMapType 2 def\n" + "\n".join(body) +
                "\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
        obj["/ToUnicode"] = pdf.make_stream(cmap.encode())
    pdf.save(out)


def unigb_cids():
    """Unicode → Adobe-GB1 CID from Adobe's UniGB-UCS2-H CMap (poppler-data)."""
    import re

    text = open(UNIGB_UCS2, "rb").read().decode("latin-1")
    out = {}
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for u, cid in re.findall(r"<([0-9a-fA-F]+)>\s+(\d+)", block):
            out[int(u, 16)] = int(cid)
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)", block):
            for u in range(int(lo, 16), int(hi, 16) + 1):
                out[u] = int(cid) + u - int(lo, 16)
    return out


def retouch_gb1(src, out, embed, label="GB1"):
    """Copy fpdf2's Noto Sans CJK SC rendition `src` (CIDFontType0, an embedded CMap from
    its codes to Noto's CIDs, a ToUnicode) as a font of Adobe-GB1 CIDs: every code becomes
    its character's GB1 CID (content streams and /W), /Encoding Identity-H,
    /CIDSystemInfo Adobe-GB1-5, /ToUnicode dropped. With
    `embed`, the CFF's charset maps each glyph to that CID and its ROS says Adobe-GB1;
    without, the program is dropped and the font named STSong-Light. `label`: the
    /CIDSystemInfo ordering written (Identity: only the CFF's ROS tells)."""
    import io

    import pikepdf
    from fontTools.cffLib import CFFFontSet

    gb1 = unigb_cids()
    pdf = pikepdf.open(src)
    fonts = {}
    for obj in pdf.objects:
        if (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
                and obj.get("/Subtype") == "/Type0" and "/ToUnicode" in obj):
            fonts[obj.objgen] = obj
    if not fonts:
        raise RuntimeError("no Type0 font with a ToUnicode")
    newcode = {}
    for og, font in fonts.items():
        tu = font.ToUnicode.read_bytes().decode("latin-1")
        m = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", tu, re.S):
            for c, u in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                m[int(c, 16)] = bytes.fromhex(u).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", tu, re.S):
            for lo, hi, u in re.findall(
                    r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                for c in range(int(lo, 16), int(hi, 16) + 1):
                    m[c] = chr(int(u, 16) + c - int(lo, 16))
        codes = {}
        for c, u in m.items():
            if u < " ":  # fpdf2 maps the glyphs it keeps for itself to U+0000
                continue
            if len(u) != 1 or ord(u) not in gb1:
                raise RuntimeError(f"U+{ord(u[0]):04X} has no Adobe-GB1 CID")
            codes[c] = gb1[ord(u)]
        newcode[og] = codes
        # The font's own CIDs (fpdf2's encoding CMap; /W and the charset use them) → the
        # GB1 ones.
        enc = font.Encoding.read_bytes().decode("latin-1")
        own = {}
        for block in re.findall(r"begincidchar(.*?)endcidchar", enc, re.S):
            for c, cid in re.findall(r"<([0-9a-fA-F]+)>\s+(\d+)", block):
                if int(c, 16) in codes:
                    own[int(cid)] = codes[int(c, 16)]
        font.Encoding = pikepdf.Name("/Identity-H")
        cidfont = font.DescendantFonts[0]
        # /W by the GB1 CIDs.
        old_w, w = list(cidfont.get("/W", [])), {}
        i = 0
        while i < len(old_w):
            first = int(old_w[i])
            if isinstance(old_w[i + 1], pikepdf.Array):
                for k, v in enumerate(old_w[i + 1]):
                    w[first + k] = float(v)
                i += 2
            else:
                for c in range(first, int(old_w[i + 1]) + 1):
                    w[c] = float(old_w[i + 2])
                i += 3
        new_w = []
        for old_cid, cid in sorted(own.items(), key=lambda kv: kv[1]):
            if old_cid in w:
                new_w += [cid, pikepdf.Array([w[old_cid]])]
        cidfont.W = pikepdf.Array(new_w)
        cidfont.CIDSystemInfo = pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String(label),
            Supplement=5 if label == "GB1" else 0)
        del font["/ToUnicode"]
        desc = cidfont.FontDescriptor
        if embed:
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(desc.FontFile3.read_bytes()), None)
            top = cff.topDictIndex[0]
            old = list(top.charset)
            # Glyphs no code reaches get CIDs past the collection's last.
            names = [".notdef"] + [f"cid{own.get(int(old[g][3:]), 30284 + g):05d}"
                                   for g in range(1, len(old))]
            cs = top.CharStrings
            cs.charStrings = {names[g]: cs.charStrings[old[g]] for g in range(len(old))}
            top.charset = names
            top.ROS = ("Adobe", "GB1", 5)
            buf = io.BytesIO()
            cff.compile(buf, type("Font", (), {"recalcBBoxes": False})())
            desc.FontFile3 = pdf.make_stream(buf.getvalue(), Subtype=pikepdf.Name.CIDFontType0C)
        else:
            del desc["/FontFile3"]
            for d in (font, cidfont):
                d.BaseFont = pikepdf.Name("/STSong-Light")
            desc.FontName = pikepdf.Name("/STSong-Light")
    # Content streams: 2-byte codes of those fonts → CIDs.
    for page in pdf.pages:
        res_fonts = page.Resources.get("/Font", {})
        cur = None
        ops = []
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "Tf":
                f = res_fonts.get(operands[0])
                cur = newcode.get(f.objgen) if f is not None else None

            def conv(v):
                if cur is None or not isinstance(v, pikepdf.String):
                    return v
                b = bytes(v)
                return pikepdf.String(b"".join(
                    cur.get(b[i] << 8 | b[i + 1], 0).to_bytes(2, "big")
                    for i in range(0, len(b) - 1, 2)))

            if str(op) in ("Tj", "'", '"'):
                operands = list(operands[:-1]) + [conv(operands[-1])]
            elif str(op) == "TJ":
                operands = [pikepdf.Array([conv(v) for v in operands[0]])]
            ops.append((operands, op))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
    pdf.save(out)


# Producers that retouch another producer's fonts: (the source, how, font filter).
RETOUCHED = {
    "fpdf-no-tu": ("fpdf", "drop", None),
    "fpdf-null-tu": ("fpdf", "null", None),
    "fpdf-pua-tu": ("fpdf", "pua", None),
    "lo-no-tu": ("lo", "drop", None),
    "lo-ttf-no-tu": ("lo-ttf", "drop", None),
    "gs-no-tu": ("gs", "drop", None),
    "lo-title-no-tu": ("lo", "drop", "Sans"),
}


def gs_pdfwrite(src, out):
    return ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
            f"-sOutputFile={out}", src]


# Producers that rewrite a LibreOffice rendition: (the rendition, its command).
REWRITERS = {
    "gs": ("lo", gs_pdfwrite),
    "gs-stream": ("lo-stream", gs_pdfwrite),
    "cairo": ("lo", lambda src, out: ["pdftocairo", "-pdf", src, out]),
    "qpdf-objstm": ("lo", lambda src, out: ["qpdf", "--object-streams=generate",
                                            "--compress-streams=y", src, out]),
    "qpdf-lin": ("lo", lambda src, out: ["qpdf", "--linearize", src, out]),
    "mutool": ("lo", lambda src, out: ["mutool", "clean", "-gggg", src, out]),
}


def produce(rp, producer, txt, outdir, stem):
    out = os.path.join(outdir, f"{stem}.{producer}.pdf")
    if os.path.exists(out) and os.path.getmtime(out) > os.path.getmtime(txt):
        return out
    base = os.path.join(outdir, f"{stem}.lo.pdf")
    base_stream = os.path.join(outdir, f"{stem}.lo-stream.pdf")
    render = os.path.join(os.path.dirname(rp.__file__), "render_pdf.py")
    text = open(txt, encoding="utf-8").read()
    titles, segments = rp.parse_form(text)
    tmp = out + ".tmp.pdf"
    with tempfile.TemporaryDirectory() as work:
        if producer == "lo":
            run([sys.executable, render, txt, tmp])
        elif producer == "lo-stream":
            run([sys.executable, render, txt, tmp, "--no-borders"])
        elif producer in REWRITERS:
            source, command = REWRITERS[producer]
            src = base if source == "lo" else base_stream
            produce(rp, source, txt, outdir, stem)
            run(command(src, tmp))
        elif producer == "lo-ttf":
            run([sys.executable, render, txt, tmp, "--font", "WenQuanYi Zen Hei",
                 "--title-font", "WenQuanYi Zen Hei"])
        elif producer in RETOUCHED:
            source, how, only = RETOUCHED[producer]
            src = produce(rp, source, txt, outdir, stem)
            retouch_tounicode(src, tmp, how, only)
        elif producer == "fpdf-otf-no-tu":
            src = os.path.join(work, stem + ".otf.pdf")
            make_fpdf(rp, titles, segments, src, True, font=noto_sc_otf(work))
            retouch_tounicode(src, tmp, "drop")
        elif producer in ("gb1-cff", "gb1-stsong", "gb1-cff-ros"):
            src = os.path.join(work, stem + ".otf.pdf")
            make_fpdf(rp, titles, segments, src, True, font=noto_sc_otf(work))
            retouch_gb1(src, tmp, producer != "gb1-stsong",
                        "Identity" if producer == "gb1-cff-ros" else "GB1")
        elif producer == "gb1-label-only":
            import pikepdf

            src = produce(rp, "fpdf-otf-no-tu", txt, outdir, stem)
            pdf = pikepdf.open(src)
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and "/CIDSystemInfo" in obj:
                    obj.CIDSystemInfo = pikepdf.Dictionary(
                        Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("GB1"),
                        Supplement=5)
            pdf.save(tmp)
        elif producer == "mpl-type3":
            src = os.path.join(work, stem + ".mpl.pdf")
            make_mpl(rp, titles, segments, src)
            retouch_tounicode(src, tmp, "drop")
        elif producer == "xlsx":
            src = os.path.join(work, stem + ".xlsx")
            make_xlsx(rp, titles, segments, src)
            soffice(src, tmp)
        elif producer == "docx":
            src = os.path.join(work, stem + ".docx")
            make_docx(rp, titles, segments, src)
            soffice(src, tmp)
        elif producer == "html":
            src = os.path.join(work, stem + ".html")
            make_html(rp, titles, segments, src)
            # Imported as a Writer document: Writer/Web's own export drops the title
            # and leaves a blank first page.
            soffice(src, tmp, "pdf:writer_pdf_Export", "HTML (StarWriter)")
        elif producer in ("chromium", "chromium-stream"):
            src = os.path.join(work, stem + ".html")
            make_html(rp, titles, segments, src, producer == "chromium")
            run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                 f"--user-data-dir={os.path.join(work, 'profile')}",
                 "--no-pdf-header-footer", f"--print-to-pdf={tmp}", "file://" + src])
        elif producer == "fpdf":
            make_fpdf(rp, titles, segments, tmp, True)
        elif producer == "fpdf-stream":
            make_fpdf(rp, titles, segments, tmp, False)
        elif producer == "fpdf-stream-pad":
            make_fpdf(rp, titles, segments, tmp, False, 1.0)
        else:
            raise RuntimeError(f"unknown producer {producer}")
    os.replace(tmp, out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("texts", nargs="+")
    ap.add_argument("--only", default="")
    ap.add_argument("--tools", default=os.path.join(HERE, "..", "..", "shared", "tools"))
    a = ap.parse_args()
    rp = load_render(os.path.abspath(a.tools))
    producers = [p for p in a.only.split(",") if p] or PRODUCERS
    os.makedirs(a.outdir, exist_ok=True)
    failed = 0
    for txt in a.texts:
        stem = os.path.splitext(os.path.basename(txt))[0]
        for p in producers:
            try:
                produce(rp, p, txt, a.outdir, stem)
            except Exception as e:  # a producer that cannot run is reported, not fatal
                failed += 1
                print(f"{stem}.{p}: {e}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
