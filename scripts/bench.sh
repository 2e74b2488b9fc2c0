#!/usr/bin/env bash
# Measure speed, size, start-up and memory, and regenerate docs/performance.md. One command:
#
#   ./scripts/bench.sh
#
#   1. native   cargo bench --features bench-internals --bench native  (analyze, normaliser, new, scaling);
#               with valgrind installed, instructions per byte of the scaling texts (callgrind)
#   2. wasm     PKG_OUT=target/bench/pkg ./scripts/build.sh            (never touches pkg/ or www-demo/)
#   3. node     benches/js/node.mjs: cold starts (separate processes), then ours and the JS filters
#               side by side in one process
#   4. chromium benches/js/browser.mjs: the same in headless Chromium, served from 127.0.0.1 only; then
#               benches/js/init-chromium.mjs: start-up over 11 page loads, a fresh browser context each;
#               benches/js/init-modes-chromium.mjs: the same through createChecker, local and worker mode;
#               benches/js/phone-chromium.mjs: a slow phone, emulated (CPU throttled 4× and 6×): typing
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
echo "$(git rev-parse --short HEAD)$( [[ -n "$(git status --porcelain -- src Cargo.toml build)" ]] && echo ' (with uncommitted changes in src/)')" > "$OUT/commit.txt"

log "corpus -> $OUT/corpus.json"
cargo bench -q --features bench-internals --bench native -- --write-corpus "$OUT/corpus.json"

if [[ "${SKIP_NATIVE:-0}" != 1 ]]; then
  log "native benchmarks ($ROUNDS rounds)"
  PDM_ROUNDS="$ROUNDS" cargo bench -q --features bench-internals --bench native -- --json "$OUT/native.json"
fi

# Work per byte, counted (callgrind counts instructions: the same on every run, whatever the machine's
# load), for the scaling texts: what the time per byte says about the code, apart from caches.
if [[ "${SKIP_NATIVE:-0}" != 1 ]] && command -v valgrind > /dev/null; then
  log "instructions per byte (callgrind), one text of 1 KB to 1 MB, analysed 10 times"
  cargo build -q --release --example profile
  # Prints "<instructions> <text bytes>" for `examples/profile scale SIZE`.
  count() {
    local err
    err="$(valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/profile scale "$1" 2>&1 >"$OUT/scale.out")"
    echo "$(sed -n 's/.*I *refs: *//p' <<<"$err" | tr -d ,) $(sed -n 's/^\([0-9]*\) bytes.*/\1/p' "$OUT/scale.out")"
  }
  read -r fixed _ <<<"$(count 0)" # start-up, and 10 analyses of an empty text
  for size in 1000 10000 100000 1000000; do
    read -r total bytes <<<"$(count "$size")"
    echo "{\"bench\":\"work\",\"bytes\":$bytes,\"instructions\":$((total - fixed)),\"analyses\":10}"
  done > "$OUT/work.json"
  rm -f "$OUT/scale.out"
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
  log "headless Chromium, CPU throttled 4x and 6x (a slow phone, emulated; 5 page loads each)"
  node benches/js/phone-chromium.mjs "$OUT/pkg" --corpus "$OUT/corpus.json" --rates 1,4,6 --loads 5 --out "$OUT/chromium-phone.json"
fi

log "docs/performance.md"
node benches/js/report.mjs --dir "$OUT" --out docs/performance.md
log "done: docs/performance.md"
