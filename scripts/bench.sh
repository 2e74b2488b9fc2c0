#!/usr/bin/env bash
# Measure speed, size, start-up and memory, and regenerate docs/performance.md. One command:
#
#   ./scripts/bench.sh
#
#   1. native   cargo bench --features bench-internals --bench native  (analyze, normaliser, new, scaling)
#   2. wasm     PKG_OUT=target/bench/pkg ./scripts/build.sh            (never touches pkg/ or www-demo/)
#   3. node     benches/js/node.mjs: cold starts (separate processes), then ours and the JS filters
#               side by side in one process
#   4. chromium benches/js/browser.mjs: the same in headless Chromium, served from 127.0.0.1 only; then
#               benches/js/init-chromium.mjs: start-up over 11 page loads, a fresh browser context each;
#               benches/js/init-modes-chromium.mjs: the same through createChecker, local and worker mode
#   5. report   benches/js/report.mjs -> docs/performance.md
#
# The JS filters are dev-dependencies of the benchmark only (benches/js/package.json, its own lockfile):
# `npm ci` runs there when benches/js/node_modules is missing. Nothing here is part of the test suite.
#
# Environment: BENCH_ROUNDS (default 7: medians over this many rounds), SKIP_NATIVE=1, SKIP_BROWSER=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

ROUNDS="${BENCH_ROUNDS:-7}"
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
log() { printf '\033[1mbench:\033[0m %s\n' "$*"; }

if [[ ! -d benches/js/node_modules ]]; then
  log "npm ci in benches/js (benchmark-only dependencies)"
  (cd benches/js && npm ci --no-audit --no-fund)
fi

# The commit being measured, for the report (written at the end, when HEAD may have moved).
echo "$(git rev-parse --short HEAD)$( [[ -n "$(git status --porcelain -- src Cargo.toml build.rs)" ]] && echo ' (with uncommitted changes in src/)')" > "$OUT/commit.txt"

log "corpus -> $OUT/corpus.json"
cargo bench -q --features bench-internals --bench native -- --write-corpus "$OUT/corpus.json"

if [[ "${SKIP_NATIVE:-0}" != 1 ]]; then
  log "native benchmarks ($ROUNDS rounds)"
  PDM_ROUNDS="$ROUNDS" cargo bench -q --features bench-internals --bench native -- --json "$OUT/native.json"
fi

log "wasm package -> $OUT/pkg"
PKG_OUT="$OUT/pkg" ./scripts/build.sh

log "Node ($ROUNDS rounds)"
node benches/js/node.mjs --pkg "$OUT/pkg" --corpus "$OUT/corpus.json" --rounds "$ROUNDS" --out "$OUT/node.json"

if [[ "${SKIP_BROWSER:-0}" != 1 ]]; then
  log "headless Chromium ($ROUNDS rounds)"
  node benches/js/browser.mjs --pkg "$OUT/pkg" --corpus "$OUT/corpus.json" --rounds "$ROUNDS" --out "$OUT/chromium.json"
  log "headless Chromium start-up (11 page loads)"
  node benches/js/init-chromium.mjs "$OUT/pkg" --loads 11 --out "$OUT/chromium-init.json"
  log "headless Chromium start-up, local and worker mode (11 page loads each)"
  node benches/js/init-modes-chromium.mjs "$OUT/pkg" --loads 11 --out "$OUT/chromium-modes.json"
fi

log "docs/performance.md"
node benches/js/report.mjs --dir "$OUT" --out docs/performance.md
log "done: docs/performance.md"
