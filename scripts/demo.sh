#!/usr/bin/env bash
# Build the package, then serve the demo on this machine only (loopback).
#   ./scripts/demo.sh            -> http://127.0.0.1:8080/
#   PORT=9000 ./scripts/demo.sh  -> another port
# Installs what is missing first (./scripts/setup.sh --no-browser). Stop with Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${PORT:-8080}"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

./scripts/setup.sh --no-browser
./scripts/build.sh

echo
echo "Demo: http://127.0.0.1:$PORT/"
echo "(served from www-demo/ on 127.0.0.1 only; the text you type never leaves the browser. Ctrl-C to stop.)"
echo
cd www-demo
exec python3 -m http.server --bind 127.0.0.1 "$PORT"
