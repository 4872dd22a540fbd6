#!/bin/sh
# Write the bench's generated corpus (declx::synth::write_corpus, seed 42, 3 % bad files,
# as benches/batch.rs builds it) to DIR: scripts/make-corpus.sh DIR N [SEED [BAD_PERCENT]]
# Built with the profiling profile (release without LTO) so it reuses that build.
set -e
cd "$(dirname "$0")/.."
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
  cargo run -q --release --example make_corpus -- "$@"
