#!/usr/bin/env bash
# Build the WebAssembly package into pkg/ and copy it into www-demo/pkg/.
#
#   1. cargo build (wasm32-unknown-unknown, release)
#   2. wasm-bindgen --target web            -> pkg/poids_des_mots.js + _bg.wasm (a freed Analyzer made to
#      say so: scripts/guard-freed.mjs)
#   3. wasm-opt -Os (npm package binaryen)  -> smaller pkg/poids_des_mots_bg.wasm
#   4. pkg-template/* -> pkg/, pkg/attach.bundle.js (the kit in one module, scripts/bundle-kit.mjs),
#      pkg/poids_des_mots_embedded.js (the .wasm inside, scripts/embed-wasm.mjs),
#      then pkg/ -> www-demo/pkg/, and www-demo/strict/ (the demo under connect-src 'none')
#
# Idempotent: pkg/ and www-demo/pkg/ are rebuilt from scratch each time.
# Needs the tools that ./scripts/setup.sh installs (it is not called from here).
#
# Environment:
#   SKIP_CARGO=1     reuse the .wasm already in target/ (no cargo build)
#   SKIP_WASM_OPT=1  do not run wasm-opt even when it is available
#   PKG_OUT=DIR      build the package into DIR instead of pkg/, and leave www-demo/pkg/ alone
#                    (scripts/bench.sh uses target/bench/pkg, so it never races with pkg/)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_BINDGEN_VERSION="0.2.130"
TARGET="wasm32-unknown-unknown"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
IN_WASM="$TARGET_DIR/$TARGET/release/poids_des_mots.wasm"
OUT="${PKG_OUT:-$ROOT/pkg}"
NAME="poids_des_mots"

log() { printf '\033[1mbuild:\033[0m %s\n' "$*"; }
die() { printf 'build: error: %s\n' "$*" >&2; exit 1; }

# 1. cargo ------------------------------------------------------------------
if [[ "${SKIP_CARGO:-0}" != 1 ]]; then
  log "cargo build --release --target $TARGET --lib"
  # Panic messages carry source paths: map Cargo's home (/root/.cargo/registry/…) to a fixed name, so
  # that the bytes do not depend on where the builder's dependencies live (scripts/reproducible.sh).
  RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo" \
    cargo build --release --target "$TARGET" --lib
fi
[[ -f "$IN_WASM" ]] || die "$IN_WASM not found (did the cargo build succeed?)"

# 2. wasm-bindgen -----------------------------------------------------------
command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found: run ./scripts/setup.sh"
have="$(wasm-bindgen --version | awk '{print $2}')"
[[ "$have" == "$WASM_BINDGEN_VERSION" ]] \
  || die "wasm-bindgen $have found, $WASM_BINDGEN_VERSION needed (it must match the crate): run ./scripts/setup.sh"

rm -rf "$OUT"
log "wasm-bindgen --target web -> pkg/"
wasm-bindgen --target web --out-dir "$OUT" --out-name "$NAME" "$IN_WASM"
rm -f "$OUT/.gitignore"   # wasm-bindgen writes one; pkg/ is ignored at the root anyway
# A freed Analyzer says so, instead of wasm-bindgen's "null pointer passed to rust".
node "$ROOT/scripts/guard-freed.mjs" "$OUT/$NAME.js"

# 3. wasm-opt ---------------------------------------------------------------
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
if [[ "${SKIP_WASM_OPT:-0}" == 1 ]]; then
  log "wasm-opt skipped (SKIP_WASM_OPT=1)"
elif [[ -x "$WASM_OPT" ]]; then
  before=$(stat -c %s "$OUT/${NAME}_bg.wasm")
  log "wasm-opt -Os ($("$WASM_OPT" --version))"
  # --enable-*: the features rustc enables by default for wasm32-unknown-unknown;
  # wasm-opt must accept them or it refuses the module (they are also read from
  # the target_features section when the crate keeps it).
  # --strip-*: a name section (debug names, if any), the producers and
  # target_features sections: none is needed to run.
  "$WASM_OPT" -Os \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers --strip-target-features \
    "$OUT/${NAME}_bg.wasm" -o "$OUT/${NAME}_bg.opt.wasm"
  mv "$OUT/${NAME}_bg.opt.wasm" "$OUT/${NAME}_bg.wasm"
  log "wasm-opt: $before -> $(stat -c %s "$OUT/${NAME}_bg.wasm") bytes"
else
  log "wasm-opt not found (run npm ci); the .wasm is left unoptimised"
fi

# 4. package files ----------------------------------------------------------
cp -R "$ROOT/pkg-template/." "$OUT/"
# attach.css is the source of the styles; attach() adopts them from the module written here (it fetches
# nothing), so the two can never drift apart.
mkdir -p "$OUT/attach"
node "$ROOT/scripts/css-module.mjs" "$OUT/attach.css" "$OUT/attach/css.js"
# attach.js and all it imports in one module, for pages without a bundler (one request, no import map).
node "$ROOT/scripts/bundle-kit.mjs" "$OUT"
# The same module with the .wasm inside, for pages under connect-src 'none' (see PRIVACY.md).
node "$ROOT/scripts/embed-wasm.mjs" "$OUT/${NAME}_bg.wasm" "./${NAME}.js" "$OUT/${NAME}_embedded.js"
for f in LICENSE LICENSE-MIT LICENSE-APACHE; do
  [[ -f "$ROOT/$f" ]] && cp "$ROOT/$f" "$OUT/"
done
# The npm package carries the crate's version.
version="$(awk -F'"' '/^\[package\]/{p=1; next} /^\[/{p=0} p && /^version *=/{print $2; exit}' Cargo.toml)"
[[ -n "$version" ]] || die "could not read the version from Cargo.toml"
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.version = process.argv[2];
  // Ship the licence files that exist.
  for (const f of ["poids_des_mots_embedded.js", "poids_des_mots_embedded.d.ts"]) if (!pkg.files.includes(f)) pkg.files.push(f);
  if (pkg.exports && !pkg.exports["./embedded"])
    pkg.exports["./embedded"] = { types: "./poids_des_mots_embedded.d.ts", default: "./poids_des_mots_embedded.js" };
  for (const f of ["LICENSE", "LICENSE-MIT", "LICENSE-APACHE"])
    if (fs.existsSync(require("path").join(require("path").dirname(file), f)) && !pkg.files.includes(f)) pkg.files.push(f);
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$OUT/package.json" "$version"

# Where the .wasm comes from: the crate, the hashes of the .wasm and of the source, the tools.
node "$ROOT/scripts/provenance.mjs" "$OUT"

# Every file that package.json promises must exist.
node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const missing = pkg.files.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) { console.error("build: error: pkg/ lacks " + missing.join(", ")); process.exit(1); }
' "$OUT"

if [[ -z "${PKG_OUT:-}" ]]; then
  rm -rf "$ROOT/www-demo/pkg"
  cp -R "$OUT" "$ROOT/www-demo/pkg"
  # www-demo/strict/: the same demo under connect-src 'none' (tests/browser/privacy.mjs). Its pkg/ has
  # no .wasm: poids_des_mots.js there is the embedded module, over the glue renamed _glue.js.
  STRICT="$ROOT/www-demo/strict"
  rm -rf "$STRICT"
  mkdir -p "$STRICT/pkg"
  for f in "$ROOT"/www-demo/*; do [[ -f "$f" ]] && cp "$f" "$STRICT/"; done
  for f in "$OUT"/*; do
    case "$(basename "$f")" in "${NAME}_bg.wasm" | "${NAME}_embedded.js" | "${NAME}.js") ;; *) cp -R "$f" "$STRICT/pkg/" ;; esac
  done
  cp "$OUT/${NAME}.js" "$STRICT/pkg/${NAME}_glue.js"
  node "$ROOT/scripts/embed-wasm.mjs" "$OUT/${NAME}_bg.wasm" "./${NAME}_glue.js" "$STRICT/pkg/${NAME}.js"
  node -e '
    const fs = require("fs"), file = process.argv[1];
    const html = fs.readFileSync(file, "utf8");
    const n = html.split("connect-src \x27self\x27").length - 1;
    if (n !== 1) { console.error("build: error: www-demo/index.html should have one connect-src \x27self\x27, has " + n); process.exit(1); }
    // No .wasm to preload here: it is inside pkg/poids_des_mots.js.
    const lines = html.split("\n").filter((l) => !/rel="preload"[^>]*\.wasm/.test(l));
    fs.writeFileSync(file, lines.join("\n").replace("connect-src \x27self\x27", "connect-src \x27none\x27"));
  ' "$STRICT/index.html"
fi

# Sizes ---------------------------------------------------------------------
size_line() {
  local f="$1"
  printf '  %-28s %9s bytes raw  %9s bytes gzip -9\n' "$(basename "$f")" \
    "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
}
if [[ -z "${PKG_OUT:-}" ]]; then
  log "pkg/ (poids-des-mots $version) ready; www-demo/pkg/ updated"
else
  log "$OUT (poids-des-mots $version) ready"
fi
size_line "$OUT/${NAME}_bg.wasm"
size_line "$OUT/${NAME}.js"
size_line "$OUT/${NAME}_embedded.js"
