#!/usr/bin/env bash
# Rewrite src/lexicon/{fr,en}/near_words.txt (the dictionary words the spelling repairs never touch)
# from Debian's hunspell dictionaries, after the lexicon changed; see src/lexicon/spelling.rs.
# Needs hunspell-fr, hunspell-en-us and hunspell-tools (unmunch): scripts/setup.sh installs them.
#   ./scripts/update-near-words.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
UPDATE_NEAR_WORDS=1 cargo test --quiet --release --lib near_words_are_fresh
wc -l src/lexicon/fr/near_words.txt src/lexicon/en/near_words.txt
