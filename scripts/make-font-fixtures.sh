#!/usr/bin/env bash
# Regenerate the font fixtures (issue #5: fonts without a usable Unicode mapping) from
# the short producer text (tests use the committed files; CI never runs this). Needs what
# scripts/producer_pdfs.py needs for these producers: LibreOffice, ghostscript, fpdf2,
# matplotlib, pikepdf, fontTools, WenQuanYi Zen Hei and Noto CJK fonts, poppler-data.
#
#   bash scripts/make-font-fixtures.sh [path/to/shared/tools]
#
# Decodable ones get fixtures/sweep/<case>.txt (checked against that text's record by
# tests/pdf_fixtures.rs); all get a golden record (DECLX_BLESS=1 cargo test --test golden).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${1:-$ROOT/../shared/tools}"
FIX="$ROOT/fixtures"
TEXT="$FIX/sweep/producer-fpdf.txt"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cp "$TEXT" "$TMP/form.txt"

# make CASE PRODUCER [sweep]: fixtures/CASE.pdf from the producer's rendition of TEXT.
make() {
    local case="$1" producer="$2"
    python3 "$ROOT/scripts/producer_pdfs.py" "$TMP" "$TMP/form.txt" --only "$producer" \
        --tools "$TOOLS"
    cp "$TMP/form.$producer.pdf" "$FIX/$case.pdf"
    if [ "${3:-}" = sweep ]; then cp "$TEXT" "$FIX/sweep/$case.txt"; fi
}

# Decodable: the text comes back from the embedded font or the glyph names.
make fonts-cid-truetype-no-tounicode fpdf-no-tu sweep    # Identity-H TrueType, cmap
make fonts-cid-truetype-null-tounicode fpdf-null-tu sweep  # ToUnicode all U+0000
make fonts-cid-truetype-pua-tounicode fpdf-pua-tu sweep  # ToUnicode into the PUA
make fonts-type3-glyph-names mpl-type3 sweep             # matplotlib Type3, uniXXXX/AGL
# Adobe-GB1 CID fonts without ToUnicode: text from Adobe's GB1 table (Identity-H, so the
# code is the CID), embedded CID-keyed CFF subset (Distiller) and non-embedded STSong-Light.
make fonts-gb1-cff-identity gb1-cff sweep
make fonts-gb1-stsong-identity gb1-stsong sweep
# The same CFF labelled Adobe-Identity-0 in the PDF: its own ROS says Adobe-GB1.
make fonts-gb1-cff-ros-only gb1-cff-ros sweep
# A Noto CFF (ROS Adobe-Identity-0) labelled Adobe-GB1 in the PDF: the program wins, so
# unsupported_format rather than GB1 garbage.
make fonts-gb1-label-identity-cff gb1-label-only
# Partly decodable: the title's font lost its ToUnicode; a warning names it.
make fonts-title-font-no-tounicode lo-title-no-tu
# Not decodable (unsupported_format naming font and page): subset glyphs named cidNNNNN
# or not named at all, CIDs of an Adobe-Identity CFF.
make fonts-type1-builtin-cid-names lo-no-tu
make fonts-type1c-cid-names gs-no-tu
make fonts-truetype-subset-unnamed lo-ttf-no-tu
make fonts-cff-identity-no-tounicode fpdf-otf-no-tu
