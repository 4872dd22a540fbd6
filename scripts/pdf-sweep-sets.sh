#!/usr/bin/env bash
# Run the PDF sweep (tests/pdf_sweep.rs, issue #5) over named sets of texts and print one
# summary line per set. A report for development, not CI: it needs LibreOffice and CJK
# fonts (see tests/pdf_sweep.rs). Renders are cached per set under the target dir.
#
#   bash scripts/pdf-sweep-sets.sh SET...
#
# Sets: `dev` is the sweep's default (held-out texts + its synth seeds); `sN` is the
# twelve synth seeds N..N+11 (`s290` and above were never used to tune the PDF path:
# keep them for measuring). Env: DECLX_TOOLS (default ../shared/tools beside this checkout
# or beside the main checkout of a worktree), CARGO_TARGET_DIR.
# A release build without LTO keeps the build short:
#   CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 bash scripts/pdf-sweep-sets.sh dev s290
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -z "${DECLX_TOOLS:-}" ]; then
  # Beside this checkout, or beside the main checkout when this is a worktree elsewhere.
  DECLX_TOOLS="$ROOT/../shared/tools"
  common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  if [ ! -f "$DECLX_TOOLS/render_pdf.py" ] && [ -n "$common" ]; then
    DECLX_TOOLS="$(dirname "$common")/../shared/tools"
  fi
fi
if [ ! -f "$DECLX_TOOLS/render_pdf.py" ]; then
  echo "rendering tools not found at $DECLX_TOOLS; set DECLX_TOOLS" >&2; exit 2
fi
export DECLX_TOOLS
OUT="${SWEEP_LOG_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/sweep-logs}"
mkdir -p "$OUT"
for set in "$@"; do
  case "$set" in
    dev) unset DECLX_SWEEP_SEEDS ;;
    s[0-9]*)
      n="${set#s}"
      DECLX_SWEEP_SEEDS="$(seq -s, "$n" $((n + 11)))"
      export DECLX_SWEEP_SEEDS ;;
    *) echo "unknown set $set (dev or sN)" >&2; exit 2 ;;
  esac
  log="$OUT/$set.txt"
  cargo test -q --release --test pdf_sweep -- --ignored --nocapture >"$log" 2>&1 || true
  printf '%-6s %s\n' "$set" "$(grep -E '^whole record equal' "$log" || echo 'no result, see '"$log")"
done
