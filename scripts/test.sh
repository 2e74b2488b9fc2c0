#!/usr/bin/env bash
# Run every test of poids-des-mots, after installing what is missing:
#
#   setup         ./scripts/setup.sh
#   cargo-test    cargo test --all-targets --no-fail-fast  (native unit + integration tests)
#   doc-test      cargo test --doc
#   lexicon       ./scripts/update-lexicon.sh --check  (the lexicon compiler builds, and src/lexicon/compiled.bin is up to date)
#   wasm-node     cargo test --target wasm32-unknown-unknown --test wasm   (wasm-bindgen-test in Node)
#   wasm-chromium the same in headless Chromium (WASM_BINDGEN_USE_BROWSER=1, ChromeDriver)
#   build         ./scripts/build.sh                       (pkg/ and www-demo/pkg/)
#   node-pkg      node --test tests/node/                  (the built npm package, in Node)
#   e2e           node tests/browser/e2e.mjs               (the demo, in headless Chromium)
#   vite          ./scripts/vite-example.sh                (examples/vite: npm ci when stale, vite build; sizes)
#   kit           node tests/browser/kit.mjs               (attach/checker/worker, the kit demo, the Vite build, in Chromium)
#   adversarial   cargo run --release --example adversarial -- --check  (linear time, bounded memory; docs/robustness.md)
#   check-package node scripts/check-package.mjs           (no network, storage or eval API in pkg/; PRIVACY.md)
#   privacy       node tests/browser/privacy.mjs           (the demo under connect-src 'none': no request, no storage, no CSP violation)
#   package       node tests/browser/package.mjs           (npm publish --dry-run; npm pack + install in a fresh folder, used there from Node and a page without a bundler)
#   licenses      node scripts/licenses.mjs --check        (the dependency list in PRIVACY.md is up to date)
#   reproducible  ./scripts/reproducible.sh                (two builds from the same source: the same sha256 for every file)
#
# Every step runs even when an earlier one failed (except those that need the
# build when the build failed); the summary says which failed. Exit status is
# non-zero when any step failed.
#
#   ./scripts/test.sh               everything
#   ./scripts/test.sh e2e node-pkg  only these steps (setup and build still run when needed)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

ALL_STEPS=(setup cargo-test doc-test lexicon wasm-node wasm-chromium build node-pkg e2e vite kit adversarial check-package privacy package licenses reproducible)
if (($#)); then
  wanted=("$@")
  for s in "${wanted[@]}"; do
    [[ " ${ALL_STEPS[*]} " == *" $s "* ]] || { echo "test.sh: unknown step '$s' (steps: ${ALL_STEPS[*]})" >&2; exit 2; }
  done
else
  wanted=("${ALL_STEPS[@]}")
fi
want() {
  local s
  for s in "${wanted[@]}"; do [[ "$s" == "$1" ]] && return 0; done
  return 1
}

declare -a RESULTS=()
passed=0
failed=0
skipped=0
build_ok=1
TOTAL_START=$SECONDS

step() {
  local name="$1"; shift
  printf '\n\033[1m==> %s\033[0m: %s\n' "$name" "$*"
  local start=$SECONDS
  "$@"
  local rc=$?
  local secs=$((SECONDS - start))
  if ((rc == 0)); then
    passed=$((passed + 1)); RESULTS+=("$(printf '  PASS  %-14s %4ss' "$name" "$secs")")
  else
    failed=$((failed + 1)); RESULTS+=("$(printf '  FAIL  %-14s %4ss  (exit %s)' "$name" "$secs" "$rc")")
  fi
  return $rc
}
skip() {
  skipped=$((skipped + 1)); RESULTS+=("$(printf '  SKIP  %-14s        (%s)' "$1" "$2")")
}

wasm_browser_tests() {
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown --test wasm
}

# setup always runs first when any step needs tools
if ! step setup ./scripts/setup.sh; then
  echo "test.sh: setup failed; the steps below will likely fail too" >&2
fi

want cargo-test    && step cargo-test cargo test --all-targets --no-fail-fast
want doc-test      && step doc-test cargo test --doc --no-fail-fast
want lexicon       && step lexicon ./scripts/update-lexicon.sh --check
want wasm-node     && step wasm-node cargo test --target wasm32-unknown-unknown --test wasm
want wasm-chromium && step wasm-chromium wasm_browser_tests

if want build || want node-pkg || want e2e || want vite || want kit || want check-package || want privacy || want package; then
  step build ./scripts/build.sh || build_ok=0
fi
if want node-pkg; then
  if ((build_ok)); then step node-pkg node --test tests/node/; else skip node-pkg "the build failed"; failed=$((failed + 1)); fi
fi
if want e2e; then
  if ((build_ok)); then step e2e node tests/browser/e2e.mjs; else skip e2e "the build failed"; failed=$((failed + 1)); fi
fi
vite_ok=1
if want vite || want kit; then
  # kit also loads the Vite build, so it needs it.
  if ((build_ok)); then step vite ./scripts/vite-example.sh || vite_ok=0; else skip vite "the build failed"; failed=$((failed + 1)); vite_ok=0; fi
fi
if want kit; then
  if ((build_ok && vite_ok)); then step kit node tests/browser/kit.mjs; else skip kit "the build or the Vite example failed"; failed=$((failed + 1)); fi
fi

want adversarial && step adversarial cargo run --release --example adversarial -- --check
if want check-package; then
  if ((build_ok)); then step check-package node scripts/check-package.mjs; else skip check-package "the build failed"; failed=$((failed + 1)); fi
fi
if want privacy; then
  if ((build_ok)); then step privacy node tests/browser/privacy.mjs; else skip privacy "the build failed"; failed=$((failed + 1)); fi
fi
if want package; then
  if ((build_ok)); then step package node tests/browser/package.mjs; else skip package "the build failed"; failed=$((failed + 1)); fi
fi
want licenses     && step licenses node scripts/licenses.mjs --check
want reproducible && step reproducible ./scripts/reproducible.sh

printf '\n\033[1m==> summary\033[0m (%ss)\n' "$((SECONDS - TOTAL_START))"
printf '%s\n' "${RESULTS[@]}"
echo "steps: $passed passed, $failed failed"
((failed == 0))
