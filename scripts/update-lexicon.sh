#!/usr/bin/env bash
# Rewrite src/lexicon/compiled.bin from the TSV files (after editing them), then check it: the
# compiler is src/bin/compile-lexicon.rs (a build tool, feature lexicon-compiler; see
# src/lexicon/README.md). `cargo test` fails while compiled.bin is stale.
#   ./scripts/update-lexicon.sh           rewrite it
#   ./scripts/update-lexicon.sh --check   only say whether it is up to date (exit 1 if not)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo run --quiet --features lexicon-compiler --bin compile-lexicon -- "$@"
if [[ "${1:-}" != "--check" ]]; then
  # The compiled lexicon against the files: same reports, same trie, same bytes read back and written.
  cargo test --quiet --lib lexicon::
fi
