#!/usr/bin/env bash
# Install what building and testing poids-des-mots needs, skipping what is
# already there at the right version. Safe to run again and again.
#
#   - the Rust target wasm32-unknown-unknown            (rustup)
#   - wasm-bindgen-cli 0.2.130 (wasm-bindgen and
#     wasm-bindgen-test-runner; must match the crate)   (cargo install)
#   - Chromium, ChromeDriver and an emoji font          (apt-get, Debian)
#   - hunspell-fr, hunspell-en-us, hunspell-tools       (apt-get, Debian; the spelling test's dictionaries)
#   - the npm dev dependencies: playwright-core, binaryen (npm ci)
set -euo pipefail

# --no-browser: what building and serving the demo needs, without Chromium (scripts/demo.sh).
WITH_BROWSER=1
[[ "${1:-}" == "--no-browser" ]] && WITH_BROWSER=0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_BINDGEN_VERSION="0.2.130"
TARGET="wasm32-unknown-unknown"

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }
SECONDS=0

# Rust ----------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found (install Rust with rustup first)"
if command -v rustup >/dev/null; then
  if rustup target list --installed | grep -qx "$TARGET"; then
    log "rust target $TARGET: present"
  else
    log "rustup target add $TARGET"
    rustup target add "$TARGET"
  fi
else
  rustc --print target-list | grep -qx "$TARGET" || die "no rustup and no $TARGET target"
  log "no rustup; assuming the toolchain has $TARGET"
fi

# cargo install puts binaries here; make sure we see them.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

wb_version() { "$1" --version 2>/dev/null | awk '{print $2}'; }
if [[ "$(wb_version wasm-bindgen)" == "$WASM_BINDGEN_VERSION" \
   && "$(wb_version wasm-bindgen-test-runner)" == "$WASM_BINDGEN_VERSION" ]]; then
  log "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
  log "wasm-bindgen is '$(wb_version wasm-bindgen || true)', want $WASM_BINDGEN_VERSION: cargo install wasm-bindgen-cli (a few minutes)"
  # --locked first (the versions wasm-bindgen-cli was released with). With a recent Rust it often cannot
  # resolve them ("error: failed to select a version…"), and the install without --locked works: that
  # failure is expected, so it is printed as a one-line note, and its full output only if both fail.
  locked_err="$(mktemp)"
  # Progress lines still show; from cargo's first "error" on, the lines go to the file only.
  # (stderr through the filter, stdout as it is; pipefail makes cargo's status the pipeline's)
  if (cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --force 2>&1 1>&3 \
      | tee "$locked_err" | awk '/^error/ { hide = 1 } !hide { print }' >&2) 3>&1; then
    rm -f "$locked_err"
  else
    reason="$(grep -m1 '^error' "$locked_err" | cut -c1-110)"
    log "note: the --locked install could not be used (${reason:-no reason given}); installing with current dependency versions instead, which is expected and fine"
    if ! cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force; then
      printf 'setup: the --locked attempt said:\n' >&2
      cat "$locked_err" >&2
      rm -f "$locked_err"
      die "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION failed, with and without --locked (above)"
    fi
    rm -f "$locked_err"
  fi
  [[ "$(wb_version wasm-bindgen)" == "$WASM_BINDGEN_VERSION" ]] \
    || die "wasm-bindgen $WASM_BINDGEN_VERSION still not on PATH ($(command -v wasm-bindgen || echo none))"
fi

# Chromium, for the wasm-bindgen browser tests and the end-to-end test -------
need_apt=()
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
[[ -x /usr/bin/chromedriver ]] || need_apt+=(chromium-driver)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need_apt+=(fonts-noto-color-emoji)
if ((!WITH_BROWSER)); then
  log "chromium: not needed for the demo (--no-browser)"
elif ((${#need_apt[@]})); then
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${need_apt[*]}"
    SUDO="sudo"
  fi
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  # Installed together so that chromium and its driver have the same version.
  $SUDO apt-get install -y chromium chromium-driver fonts-noto-color-emoji
else
  log "chromium, chromedriver, emoji font: present"
fi

# Dictionaries for the spelling repairs' test (src/lexicon/spelling.rs: the dictionary words near the
# lexicon's are never repaired; the test checks near_words.txt against them). Test time only: never shipped.
need_dict=()
[[ -f /usr/share/hunspell/fr.dic ]] || need_dict+=(hunspell-fr)
[[ -f /usr/share/hunspell/en_US.dic ]] || need_dict+=(hunspell-en-us)
command -v unmunch >/dev/null || need_dict+=(hunspell-tools)
if ((!WITH_BROWSER)); then
  log "dictionaries: not needed for the demo (--no-browser)"
elif ((${#need_dict[@]})); then
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${need_dict[*]}"
    SUDO="sudo"
  fi
  log "apt-get install ${need_dict[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y "${need_dict[@]}"
else
  log "hunspell-fr, hunspell-en-us, unmunch: present"
fi

# npm dev dependencies --------------------------------------------------------
command -v node >/dev/null || die "node not found"
command -v npm >/dev/null || die "npm not found"
# node_modules is fresh when every package of the lockfile is installed at the
# locked version.
npm_fresh() {
  [[ -d node_modules ]] || return 1
  node "$ROOT/scripts/npm-fresh.mjs"
}
if npm_fresh; then
  log "node_modules: up to date with package-lock.json"
else
  log "npm ci"
  npm ci --no-audit --no-fund
fi

log "done in ${SECONDS}s"
