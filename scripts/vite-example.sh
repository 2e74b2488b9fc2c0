#!/usr/bin/env bash
# Type-check the package's .d.ts (tsc, strict) and build examples/vite/ (a Vite app that consumes the built package in pkg/ through a
# file: dependency) with the machine's Node, and print what the JS helpers of the
# package add (raw and gzip -9). Needs pkg/ (./scripts/build.sh).
#
# The install is skipped when examples/vite/node_modules already matches its lockfile
# (exact versions), and otherwise uses npm's cache first (npm ci --prefer-offline).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/examples/vite"
log() { printf '\033[1mvite-example:\033[0m %s\n' "$*"; }

[[ -f "$ROOT/pkg/attach.js" ]] || { echo "vite-example: pkg/ is missing: run ./scripts/build.sh" >&2; exit 1; }
cd "$APP"

fresh() {
  [[ -d node_modules && -e node_modules/poids-des-mots/package.json ]] || return 1
  node "$ROOT/scripts/npm-fresh.mjs"
}
if fresh; then
  log "node_modules: up to date with package-lock.json"
else
  log "npm ci (examples/vite)"
  npm ci --no-audit --no-fund --prefer-offline
fi

log "tsc: the package's types against src/types-check.ts (every export)"
./node_modules/.bin/tsc -p .

rm -rf dist
log "vite build"
./node_modules/.bin/vite build --logLevel warn
[[ -f dist/index.html ]] || { echo "vite-example: dist/index.html missing" >&2; exit 1; }

size() { printf '  %-34s %9s bytes raw  %8s bytes gzip -9\n' "$1" "$(cat "${@:2}" | wc -c)" "$(cat "${@:2}" | gzip -9 | wc -c)"; }
log "dist/ (the built app)"
for f in dist/index.html dist/assets/*; do size "${f#dist/}" "$f"; done
size "all of dist/ but the .wasm" $(find dist -type f ! -name '*.wasm' | sort)
log "what the JS helpers add to the package (pkg/)"
H=("$ROOT/pkg/attach.js" "$ROOT"/pkg/attach/*.js "$ROOT/pkg/option-keys.js" "$ROOT/pkg/checker.js" "$ROOT/pkg/messages.js" "$ROOT/pkg/resources.js")
for f in "${H[@]}" "$ROOT/pkg/worker.js" "$ROOT/pkg/attach.css"; do size "${f#"$ROOT/pkg/"}" "$f"; done
size "attach + checker + texts (main thread)" "${H[@]}"
