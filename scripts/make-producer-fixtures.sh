#!/usr/bin/env bash
# Regenerate the producer fixtures (issue #5) from their texts in fixtures/sweep/
# (tests use the committed files; CI never runs this). Needs what
# scripts/producer_pdfs.py needs (LibreOffice Writer + Calc, ghostscript, poppler, qpdf,
# mupdf-tools, CJK fonts, Debian's chromium, `pip install fpdf2 openpyxl python-docx`).
#
#   bash scripts/make-producer-fixtures.sh [path/to/shared/tools]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${1:-$ROOT/../shared/tools}"
FIX="$ROOT/fixtures"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

# make CASE PRODUCER [ENV=VALUE...]: fixtures/CASE.pdf from fixtures/sweep/CASE.txt.
make() {
    local case="$1" producer="$2"; shift 2
    cp "$FIX/sweep/$case.txt" "$TMP/$case.txt"
    env "$@" python3 "$ROOT/scripts/producer_pdfs.py" "$TMP" "$TMP/$case.txt" \
        --only "$producer" --tools "$TOOLS"
    cp "$TMP/$case.$producer.pdf" "$FIX/$case.pdf"
}

# Calc export of a spreadsheet whose row-span label (年度重点工作任务, the seed's header
# and tasks 1-3) runs over a whole page: on that page no rule crosses the span's column,
# and Calc draws the label on every page, clipped away off its own (3 pages).
make producer-xlsx-span-across-pages xlsx XLSX_ROW_SCALE=2.0
# synth-4 whole (3 pages): a level-2 label's merged cell (成本指标) starts two rows above
# page 2's end and runs on to page 3; Calc centres the label on the whole cell, so it is
# drawn on page 3 only (page 2's copy clipped away), and it belongs to the cell's first
# row, not the page's last.
make producer-xlsx-span-over-page-end-rows xlsx

# The HTML table printed by headless Chromium (Skia): the seed's title, department and
# tasks 1-4 plus three more, over four pages. Its ToUnicode names shared glyphs by their
# radicals (部⻔), and the page between two breaks draws the row-span label's column
# (年度重点工作任务) as two side rules with no rule across it, top or bottom.
make producer-chromium-task-rows-over-pages chromium
# synth-13 without two of its tasks (five pages): page 2 holds the end of one task row
# and the start of the next, each cut by a page end, so its only horizontal rule is the
# one between them (Chromium draws no rule where a page cuts a row); the column rules
# run on past it up and down.
make producer-chromium-task-row-between-page-ends chromium

# A held-out form (tests/heldout/hubei-education-dept-2024) written by LibreOffice without
# borders: its target header 年度指标值 wraps, and the borderless table splits it into
# 年度指标 / 值, a piece that is no column a template adds.
make producer-lo-stream-wrapped-target-header lo-stream

# The same table without borders (one to two pages each): neighbouring cells only their
# paddings apart (3.5-4.5 pt, under half an em: 推进寄 | 248,000,000.00); the last wrapped
# line of a budget label (其他事业发展性支出) right above the 总体绩效目标 paragraph, which
# starts flush with it and runs on across the columns to its right.
make producer-chromium-stream-narrow-cell-gaps chromium-stream
make producer-chromium-stream-label-above-merged-paragraph chromium-stream
# A wrapped period target ending in a list number (`…亿元。2.`) just left of the annual
# target's first line (`855项。`): two ASCII characters 3 pt apart with no space glyph
# between them, where Chromium draws every word space as a glyph (synth 9's first
# indicator rows; two pages).
make producer-chromium-stream-ascii-cell-gap chromium-stream
# synth-5's title, goal, tasks and first indicator rows (two pages): the third task's
# content runs alone down page 2's top, and where a comma or 、 did not fit at a line's
# end Chromium carried the character before it down too (…以源头创新和应用为导 / 向，…):
# that line ends a character short of the column and ended the cell there.
make producer-chromium-stream-char-carried-with-comma chromium-stream
# synth-12 whole (4 pages): the task header's 拟投入的资金（万元） overruns its column by
# the blank half of its closing bracket (Chromium trims it at a line's end), and with the
# budget labels above it crossed the task amount column's right edge on page 1 (amounts
# read into the outcomes, the tasks after them shifted a column).
make producer-chromium-stream-trimmed-closing-bracket chromium-stream
# synth-16 without its third task (3 pages): the task header 拟投入的资金（万元） sets its
# amount column, and its closing bracket's trimmed blank half overlaps the next
# column's 期望…: the two headers' boxes touch (no gap at all) while the inks stand 4 pt
# apart, and the header read as one cell erased the amount column's edge on page 1.
make producer-chromium-stream-trimmed-bracket-narrow-gap chromium-stream
# synth-13 whole (7 pages): Chromium keeps two lines of a cell together at a page end
# (widows), so page 4 ends a line early, 20.3 pt above the lowest page bottom; taken
# for a page that did not reach its margin, the last task's content tail on page 5
# (域综合整治，完善项目全过程管理。) became a task of its own.
make producer-chromium-stream-widow-lines-page-end chromium-stream

# One-page renditions of a short form (the seed's title, budget and a few indicator
# rows; the same text for every producer): re-distilled LibreOffice Writer PDFs,
# Writer exports of a .docx and an HTML table, an fpdf2 bordered table.
for p in gs gs-stream cairo qpdf-objstm qpdf-lin mutool docx html fpdf; do
    make "producer-$p" "$p"
done

# fpdf2 borderless with 1 mm cell padding (fpdf2's default, no padding, sets rows as far
# apart as wrapped lines: no geometry tells them apart, see tests/pdf_producers.rs).
make producer-fpdf-stream-padded fpdf-stream-pad

# fpdf2 borderless without cell padding: rows as far apart as wrapped lines, each cell
# centred on its row (stream.rs reads rows from where lines stop filling their column
# and from the cells' centres).
make producer-fpdf-stream fpdf-stream

# fpdf2 borderless, synth-1's title, budget and goal with its indicator table (2 pages):
# a list number ends a short line where the text after its space did not fit (`1.`),
# two rows' targets each fill their last line (the level-3 names beside them tell the
# rows apart), and row-span labels are printed centred on their span's first row, not
# on the span (with 1 mm padding too).
make producer-fpdf-stream-numbered-targets fpdf-stream
make producer-fpdf-stream-padded-first-row-labels fpdf-stream-pad
# fpdf2 borderless with 1 mm padding, synth-38 cut after its 10th indicator row (5 pages):
# pages 2 and 3 each open with a task whose content's first line is the same words at the
# same place; the line reads on into its cell's next line, so it is no running header.
make producer-fpdf-stream-padded-same-first-line fpdf-stream-pad
# LibreOffice without borders re-distilled by ghostscript, synth-12 without its last
# indicator row (5 pages): a task's outcome, its longest cell, runs two lines onto page 3
# after its other cells ended on page 2, and its text there is only that column's.
make producer-gs-stream-cell-tail-at-page-top gs-stream
# synth-2 whole (4 pages): a wrapped level-3 name's last line (攻关) at page 4's top,
# between its target's two tail lines; one name's short last line ends where another
# row's centred name starts (367.49999 and 367.5 pt), and that rounding-thin segment,
# a column gap on its own, put a column edge inside the level-3 column.
make producer-gs-stream-name-tail-between-target-lines gs-stream
# synth-7 whole (3 pages): the last level-1 and level-2 labels (满意度指标, 服务对象满意度
# 指标) span the table's last three rows, on its last page; centred on the three, they
# also stand level with the top of the middle row, and the reading centred on the span
# must win.
make producer-gs-stream-last-label-centred-or-at-top gs-stream
# synth-19 whole (8 pages): page 7 goes on with the indicator table, and its level-2
# label 服务对象满意度指标, longer than any on page 6 and centred in its column, starts
# left of page 6's level-1/level-2 edge and runs across it: the page's own edge left of
# that label is the same edge (not an empty column beside it).
make producer-gs-stream-longer-level2-label-centred-over-edge gs-stream
# The same form with its task header and one task: the department's name and the
# overall goal, flush left in their merged cells, run across the budget rows' first
# value column gap.
make producer-fpdf-stream-merged-values fpdf-stream
# Whole synth forms (3 pages each) and synth-11's title and indicator table (1 page),
# fpdf2 without padding: two rows' targets each filling their last line, a finished
# target filling its line before the next row's list opens at 1 (synth-11); a line
# ending in a digit as the column's longest, so a CJK line ends a fraction of a point
# further short of it and still filled it (synth-5); two level-2 labels of one-row
# spans a line apart (the 1-page one).
make producer-fpdf-stream-targets-filling-lines fpdf-stream
make producer-fpdf-stream-line-ending-in-a-digit fpdf-stream
make producer-fpdf-stream-level2-labels-a-line-apart fpdf-stream
# synth-17 whole (2 pages), fpdf2 without padding: a level-2 name alone in the target
# column (生态效益指标) under a row whose level-3 name runs over both rows, so that name
# is centred on the two, beside the second line of its row's two-line target.
make producer-fpdf-stream-name-merged-over-level2-row fpdf-stream

# Tables drawn operator by operator as Word/Excel "Save as PDF", WPS and Chinese PDF
# printers write them (scripts/word-like-pdfs.py; the short form above, one page, STSong-Light
# not embedded). wmake CASE FEATURES: fixtures/CASE.pdf from fixtures/sweep/CASE.txt.
wmake() {
    local case="$1" features="$2"
    python3 "$ROOT/scripts/word-like-pdfs.py" "$FIX/sweep/$case.txt" "$FIX/$case.pdf" \
        --features "$features" --tools "$TOOLS"
}
# A watermark rotated 45° across the table (its glyphs fell into the cells).
wmake producer-word-watermark watermark
# Regression pins, read right from the first: header rows and the label column shaded
# under the borders; each cell edge its own filled rectangle (0.5/0.75 pt, doubled at
# shared edges); every border in one stroked path; a glyph per Tj at its own Tm with
# WPS fake bold (each glyph twice 0.3 pt apart) and Tz 85; justified TJ arrays (Tc, Tw,
# kerning) with fill+stroke bold; text as a clipping path; a one-character label column
# spread down its spans (竖排); /Rotate 90 with Excel's 0.75 cm scale; /Rotate 270 with a
# /MediaBox off the origin and a smaller /CropBox.
wmake producer-word-shading shade
wmake producer-word-edge-rects edge-rects
wmake producer-word-one-path one-path
wmake producer-word-glyph-tm-fake-bold glyph-tm,bold-double,tz
wmake producer-word-justified-tj tj-kern,bold-stroke
wmake producer-word-clip-text clip-text
wmake producer-word-vertical-labels vertical-spread
wmake producer-word-rotate90-scaled rotate90,scale075
wmake producer-word-rotate270-offset-box rotate270,offset-box
# Word's page header (department and year over the 页眉 rule) on a one-page form, 第 1 页
# 共 1 页 below and the form's signature line under the table (the header read as the
# title).
wmake producer-word-furniture furniture
# The table's outer frame as 3 pt filled rectangles (Word's 粗外框), the inner borders
# thin strokes: filled rectangles over 2.5 pt thick were not rules, so the table lost
# its outer edges.
wmake producer-word-thick-frame thick-frame
# Tagged PDF (Word's default): cells as /P marked content, the running header (no rule
# under it) and 第 1 页 共 1 页 as /Artifact /Pagination: on one page the header was read
# as the title.
wmake producer-word-tagged-header tagged,furniture,header-no-rule
# The label column's text turned a quarter turn counter-clockwise (Excel's 向上旋转文字,
# read bottom to top): its characters were read top to bottom, backwards.
wmake producer-word-turned-labels vertical,turned-labels
# No borders at all (Word/WPS tables with borders turned off): cells top-aligned, 3 pt
# padding on a 12 pt line pitch, so rows are a half pitch further apart than wrapped
# lines, on the lattice fpdf2's unpadded tables set; row-span labels at their spans'
# tops. Plain, and with header shading and banded rows (fills change nothing); the
# seed (6 pages), whose page 3 opens with the rest of a task row above the indicator
# table (one wide gap in the task part).
wmake producer-word-no-borders no-borders
wmake producer-word-no-borders-bands no-borders,shade,bands
wmake producer-word-no-borders-task-row-over-page no-borders
# Word's default borderless table (no top or bottom cell margin): rows exactly a line
# apart, cells top-aligned, so a new row and a wrapped line are a line apart alike. The
# short form (split_off_centre cut fpdf2-style pieces off top-aligned cells; the merged
# 部门名称 value set column 1's fill edge an em too far right, so 其他事业发展性 / 支出
# parted); the seed (its budget sub-header row fills every column, and the amounts
# under it went on in the header cells); a held-out form (tests/heldout/hubei-education-
# dept-2024) whose contact row follows the indicator table, under the last level-1 label
# that fills its column (满意度指标 / 陈静).
wmake producer-word-no-borders-tight no-borders,tight
wmake producer-word-no-borders-tight-budget-subheader no-borders,tight
wmake producer-word-no-borders-tight-contact-row no-borders,tight
# An amount column whose amounts are about as long as its longest (tf10's two-level
# budget): each seemed to fill its line, a number's width being the room a Latin word
# needs to wrap whole, so successive rows' amounts (1,180.00 / 60.00) glued.
wmake producer-word-no-borders-tight-amount-column no-borders,tight
# The same with percentages (tf11's veterans form): 100% over 100% glued two indicator
# rows, and the level-2 labels beside them fell in one row, so the top-aligned labels'
# spans were read as centred ones (技能培训人数 under 效益指标).
wmake producer-word-no-borders-tight-percent-targets no-borders,tight
# An indicator table of one-line rows under wrapped task rows (tf11's justice form): the
# table itself shows no alignment (its only tall blocks are rows the fill rule glued),
# so it was read as centred and stayed glued; it takes the task rows' top alignment.
wmake producer-word-no-borders-tight-one-line-indicator-rows no-borders,tight
# A label wrapped in a narrow label column just before its closing bracket (项目资金（万元
# over `）`, rows padded to seven cells as Excel copies a range): the `）` line was cut off
# as the next row's label, so the budget rows lost their amounts.
wmake producer-word-no-borders-tight-wrapped-bracket-label no-borders,tight
# Two label/value rows at the top, the first value merged over the columns to its right
# and longer than its own column: its line ran past that column's edge, was taken to
# fill it, and glued the second value (and the two labels' rows) to it.
wmake producer-word-no-borders-tight-merged-value-rows no-borders,tight
# A label OCR split over two bordered rows (总体绩效 over 目标, the second row empty but
# for it): the text reader joins it, the PDF reader kept two unknown labels.
wmake producer-word-edge-rects-label-split-over-two-rows edge-rects
# No borders and the label column one character per line (竖排), centred in its spans:
# its characters, a line apart down each span, bridged the padding between the rows
# beside them (rows glued; a label over four lines was no label).
wmake producer-word-no-borders-vertical-labels no-borders,vertical
# The same on the seed (6 pages): page 1 holds the overall goal paragraph, the task
# header and one task; the paragraph's lines across the page crossed the task columns'
# gaps and outnumbered the task lines showing them, so the task rows read as one cell.
wmake producer-word-no-borders-vertical-task-header-with-goal no-borders,vertical
# Word's default borderless table (rows a line apart) with the label column one
# character per line: a label centred on its span sits half a line off the rows beside
# it, so its characters are lines of their own; those were left out when deciding how
# rows are set, which made the band a tall label leaves empty beside a shorter
# top-aligned cell look like padding (the short form); and a tall label beside shorter
# cells counted against their being top-aligned. Then the short form with a contact row
# and a date row under 部门名称 (as tests/heldout/chengdu-education-2022 has them): rows
# whose label is their tallest cell stand as tall as it, so 部门名称, 联系人 and 填报日期
# run on a line apart as one column of characters.
wmake producer-word-no-borders-tight-vertical-labels no-borders,tight,vertical
wmake producer-word-no-borders-tight-vertical-stacked-labels no-borders,tight,vertical
# The same on hubei: the contact row (联系人 written down, starting no row) right under
# the last level-1 label (满意度指标 / 陈静), and the section label merged across the
# row under the last task's 竖排 label (其他需完成的任务（可选填） went on in it). And on
# chengdu: the indicator header and a single row at page 1's foot, beside 绩效指标
# written down past them to the page's end (header glued into the row, the label cut
# into pieces, the next page's first row taken for the rest of a row cut there).
wmake producer-word-no-borders-tight-vertical-contact-row no-borders,tight,vertical
wmake producer-word-no-borders-tight-vertical-header-at-page-foot no-borders,tight,vertical
# The same with the characters spread evenly down each span (分散对齐), further apart
# than lines: each character was a cell of its own row.
wmake producer-word-no-borders-vertical-spread no-borders,vertical,vertical-spread
# Still misread, and flagged (misread_stream_tables_are_flagged): the seed spread so in
# Word's default table (rows a line apart).
wmake producer-word-no-borders-tight-vertical-spread no-borders,tight,vertical,vertical-spread
