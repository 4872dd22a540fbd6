#!/usr/bin/env bash
# Regenerate the PDF fixtures under fixtures/ (tests use the committed files; CI never
# runs this). Needs the tools make_pdfs.sh installs (LibreOffice, poppler, qpdf,
# img2pdf, ImageMagick, CJK fonts) and `pip install reportlab`.
#
#   bash scripts/make-pdf-fixtures.sh [path/to/shared/tools]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${1:-$ROOT/../shared/tools}"
FIX="$ROOT/fixtures"
SEED="$FIX/guangzhou-science-tech-2023.txt"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

# Full renditions of the seed: bordered, borderless, landscape (8/8/7 pages).
bash "$TOOLS/make_pdfs.sh" "$SEED" "$TMP/out" >/dev/null
cp "$TMP/out/seed-lattice.pdf" "$TMP/out/seed-stream.pdf" "$TMP/out/seed-landscape.pdf" "$FIX/"
pdftotext -layout "$FIX/seed-lattice.pdf" "$FIX/layout/seed-lattice.layout.txt"

# Broken and special renditions of a one-page form (the seed's first rows), kept small.
head -n 11 "$SEED" > "$TMP/small.txt"
python3 "$TOOLS/render_pdf.py" "$TMP/small.txt" "$TMP/small.pdf" >/dev/null
qpdf --encrypt secret owner-pw 256 -- "$TMP/small.pdf" "$FIX/broken-encrypted.pdf"
qpdf --encrypt "" owner-pw 128 --use-aes=y --modify=none -- "$TMP/small.pdf" "$FIX/broken-owner-only.pdf"
size=$(stat -c %s "$TMP/small.pdf")
head -c $(( size * 60 / 100 )) "$TMP/small.pdf" > "$FIX/broken-truncated.pdf"
pdftoppm -r 60 -gray -png -f 1 -l 1 "$TMP/small.pdf" "$TMP/pg"
/usr/bin/convert "$TMP"/pg-*.png -quality 60 "$TMP/pg.jpg"
img2pdf -o "$FIX/broken-scanned.pdf" "$TMP/pg.jpg"
python3 - "$FIX/broken-not-a-pdf.pdf" <<'PY'
import random, sys
open(sys.argv[1], "wb").write(random.Random(20240601).randbytes(4096))
PY

# Other producers: reportlab (CID font, rectangles, /Rotate 90, Form XObject), raw GBK.
python3 "$ROOT/scripts/make_pdf_fixtures.py" "$FIX"

# A LibreOffice defect the sweep met (synth-37, footers rendition): the bottom rule of a
# table is drawn under the first column only, one line too high, while the other vertical
# rules run on to the table's end. Emulated on a one-page rendition by moving that rule.
python3 "$TOOLS/render_pdf.py" "$FIX/sweep/lattice-missing-bottom-border.txt" "$TMP/mbb.pdf" >/dev/null
qpdf --qdf --object-streams=disable "$TMP/mbb.pdf" "$TMP/mbb.qdf.pdf"
python3 - "$TMP/mbb.qdf.pdf" <<'PY'
import sys
p = sys.argv[1]
b = open(p, "rb").read()
for old, new in [(b"53.55 172.789 m\n541.9 172.789 l S", b"53.55 189.089 m\n131.35 189.089 l S"),
                 (b"53.9 728.289 m\n53.9 172.439 l S", b"53.9 728.289 m\n53.9 188.739 l S")]:
    assert b.count(old) == 1, old
    b = b.replace(old, new)
open(p, "wb").write(b)
PY
fix-qdf < "$TMP/mbb.qdf.pdf" > "$TMP/mbb.fixed.pdf"
qpdf --object-streams=generate --compress-streams=y --recompress-flate "$TMP/mbb.fixed.pdf" \
  "$FIX/lattice-missing-bottom-border.pdf"

# A form whose task and indicator tables carry columns the template adds (预计完成时间,
# 分值, 评分标准); empty cells kept as cells (--trailing empty), not merged leftwards.
python3 "$TOOLS/render_pdf.py" --trailing empty "$FIX/ningbo-agriculture-2025.extra-columns.txt" \
  "$FIX/lattice-extra-columns.pdf" >/dev/null
# The same borderless (columns from text alignment only; the signature row 填报人 /
# 联系电话 below the table in its columns), and borderless in landscape (the first
# indicator row's cells merged down over the row its wrapped 评分标准 goes on in,
# printed centred on both).
python3 "$TOOLS/render_pdf.py" --trailing empty --no-borders \
  "$FIX/ningbo-agriculture-2025.extra-columns.txt" "$FIX/stream-extra-columns.pdf" >/dev/null
python3 "$TOOLS/render_pdf.py" --trailing empty --no-borders --landscape \
  "$FIX/ningbo-agriculture-2025.extra-columns.txt" "$FIX/stream-extra-columns-landscape.pdf" >/dev/null

# Template variants, borderless (texts in fixtures/sweep/): a two-row budget header
# (部门预算支出 | 收入来源 over 项目 | 金额（万元） twice); a task amount column split by a
# second header row (预算金额（万元） over 合计 | 财政拨款 | 其他资金); added columns in
# portrait (labels wrapped in their narrow column, the goal's lines across every gap)
for case in stream-two-row-budget-header stream-split-task-amount-header \
  stream-added-columns-wrapped-labels; do
  python3 "$TOOLS/render_pdf.py" --no-borders "$FIX/sweep/$case.txt" "$FIX/$case.pdf" >/dev/null
done

ls -l "$FIX"/*.pdf
