#!/usr/bin/env bash
# Reproducible build: two builds of the npm package from the same source give the same bytes.
#
#   ./scripts/reproducible.sh
#
# The source (every file git tracks or would track) is copied twice, to two different paths, so that
# edits made meanwhile in the working tree cannot creep in, and so that the build is shown not to
# depend on where the source lives. Build A uses target/reproducible/ (warm on a second run); build B
# starts from an empty CARGO_TARGET_DIR elsewhere. Both run ./scripts/build.sh (cargo, wasm-bindgen,
# wasm-opt, package files) with PKG_OUT; pkg/ and www-demo/ are left alone. Every file is compared by
# SHA-256 and the hashes are printed: they are the ones to compare with a published package
# (PRIVACY.md). A clean build takes about a minute and a half on two cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/poids-des-mots-repro.XXXXXX")"
trap '[[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"' EXIT
A="$ROOT/target/reproducible"

snapshot() { # copy the source to $1, with node_modules linked (wasm-opt comes from the binaryen package)
  rm -rf "$1" && mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [[ -e "$f" ]] && printf '%s\0' "$f"
  done | tar --null -T - -cf - | tar -xf - -C "$1"
  ln -s "$ROOT/node_modules" "$1/node_modules"
}

echo "reproducible: $(rustc --version); $(wasm-bindgen --version); wasm-opt $("$ROOT/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}'); node $(node --version)"
snapshot "$WORK/source"
rm -rf "$A/src" && mkdir -p "$A" && cp -a "$WORK/source" "$A/src"
mkdir -p "$WORK/elsewhere" && cp -a "$WORK/source" "$WORK/elsewhere/poids-des-mots-b"
echo "reproducible: build A ($A/src, target $A/target)"
(cd "$A/src" && CARGO_TARGET_DIR="$A/target" PKG_OUT="$WORK/a" ./scripts/build.sh) > "$WORK/a.log" 2>&1 || { cat "$WORK/a.log"; exit 1; }
echo "reproducible: build B ($WORK/elsewhere/poids-des-mots-b, clean target $WORK/target)"
(cd "$WORK/elsewhere/poids-des-mots-b" && CARGO_TARGET_DIR="$WORK/target" PKG_OUT="$WORK/b" ./scripts/build.sh) > "$WORK/b.log" 2>&1 || { cat "$WORK/b.log"; exit 1; }

(cd "$WORK/a" && find . -type f | sort | xargs sha256sum) > "$WORK/a.sha256"
(cd "$WORK/b" && find . -type f | sort | xargs sha256sum) > "$WORK/b.sha256"
sed 's/^/  /' "$WORK/a.sha256"
if ! diff -u "$WORK/a.sha256" "$WORK/b.sha256"; then
  echo "reproducible: FAIL: the two builds differ (above; KEEP=1 keeps $WORK)"
  exit 1
fi
echo "reproducible: ok: $(wc -l < "$WORK/a.sha256") files, identical in both builds"
