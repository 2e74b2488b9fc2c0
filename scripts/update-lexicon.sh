#!/usr/bin/env bash
# Rewrite src/lexicon/compiled.bin from the TSV files (after editing them), then check it.
#   ./scripts/update-lexicon.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
UPDATE_LEXICON=1 cargo test --quiet --lib compiled_lexicon_is_fresh
cargo test --quiet --lib lexicon::
echo "src/lexicon/compiled.bin is up to date ($(stat -c %s src/lexicon/compiled.bin) bytes)"
