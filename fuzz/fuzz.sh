#!/usr/bin/env bash
# Fuzz poids-des-mots with libFuzzer (cargo fuzz, nightly Rust). Not part of ./scripts/test.sh: run it
# by hand, or in a nightly job.
#
#   ./fuzz/fuzz.sh            each target for 300 s (analyze, then normalize)
#   ./fuzz/fuzz.sh 600        each target for 600 s
#   ./fuzz/fuzz.sh 60 analyze one target
#
# Needs: rustup toolchain nightly, `cargo install cargo-fuzz`. The corpus grows in fuzz/corpus/<target>
# (ignored by git) from the committed seeds in fuzz/seeds/; a crash is written to fuzz/artifacts/<target>/
# and reproduced with `cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>`. Each target
# checks the invariants of src/invariants.rs on every input.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
secs="${1:-300}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(analyze normalize)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "fuzz: $t for ${secs}s"
  # -timeout: an input that takes over 5 s is a bug (linear time is a promise); -max_len: comment-sized
  # inputs; long inputs are covered by examples/adversarial.rs.
  cargo +nightly fuzz run "$t" "corpus/$t" seeds -- \
    -max_total_time="$secs" -timeout=5 -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1
done
