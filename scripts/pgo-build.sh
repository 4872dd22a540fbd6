#!/bin/sh
# Build a profile-guided (PGO) release binary of declx: an instrumented build reads a
# generated training archive (declx::synth, seed 7, not the bench's seed 42), the fixtures
# and the held-out inputs, and a release build is laid out by that profile. Both builds
# go without LTO: rustc 1.95's LLVM crashes (SIGSEGV in the loop vectoriser) instrumenting
# the fat-LTO build, and a profile taken without LTO made the fat-LTO build slower, not
# faster. On the bench's text archive this binary read 76-78 MB/s at --jobs 1 where the
# default fat-LTO build read 66-69 (docs/performance-history.md, session 25).
#
#   scripts/pgo-build.sh [OUT]     (default OUT: target/pgo/declx)
#
# Needs llvm-profdata: `rustup component add llvm-tools` (its llvm-profdata), or a
# distribution's (Debian: apt-get install llvm-19; profiles of newer rustc LLVMs merge).
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-target/pgo/declx}"
WORK="${PGO_WORK:-target/pgo}"
PROFDATA="${LLVM_PROFDATA:-}"
if [ -z "$PROFDATA" ]; then
  # The newest first: an older llvm-profdata cannot read a newer LLVM's raw profiles
  # (Debian's plain llvm-profdata is LLVM 14; llvm-19's reads rustc 1.95's LLVM 22).
  for c in "$(rustc --print sysroot)"/lib/rustlib/*/bin/llvm-profdata \
    llvm-profdata-22 llvm-profdata-21 llvm-profdata-20 llvm-profdata-19 llvm-profdata; do
    if command -v "$c" >/dev/null 2>&1; then PROFDATA="$c"; break; fi
  done
fi
[ -n "$PROFDATA" ] || { echo "pgo-build: llvm-profdata not found (set LLVM_PROFDATA)" >&2; exit 2; }
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
rm -rf "$WORK/raw" "$WORK/train"
echo "pgo-build: instrumented build" >&2
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
RUSTFLAGS="-Cprofile-generate=$WORK/raw" CARGO_TARGET_DIR="$WORK/gen" \
  cargo build -q --release --bin declx --example make_corpus
echo "pgo-build: training run" >&2
# The generator is instrumented too: its profile goes elsewhere.
LLVM_PROFILE_FILE="$WORK/gen-profile/%p.profraw" \
  "$WORK/gen/release/examples/make_corpus" "$WORK/train" 3000 7 3 >/dev/null
{ find "$WORK/train" -type f; ls fixtures/*.txt fixtures/*.pdf; find tests/heldout -type f ! -name '*.json' ! -name '*.md'; } > "$WORK/train.lst"
"$WORK/gen/release/declx" extract -q --fail-on never --files-from "$WORK/train.lst" >/dev/null 2>&1
"$PROFDATA" merge -o "$WORK/declx.profdata" "$WORK"/raw/*.profraw
echo "pgo-build: optimised build" >&2
# The same targets as the instrumented build: the example pulls in the dev-dependencies,
# whose features change shared crates' code, and a profile only fits the code it was
# taken from (built alone, the binary came out slower than the default build).
RUSTFLAGS="-Cprofile-use=$WORK/declx.profdata" CARGO_TARGET_DIR="$WORK/use" \
  cargo build -q --release --bin declx --example make_corpus
mkdir -p "$(dirname "$OUT")"
cp "$WORK/use/release/declx" "$OUT"
echo "$OUT"
