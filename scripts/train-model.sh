#!/usr/bin/env bash
# Retrains the learned layer from ../shared (train/*.tsv, eval/data/mlma_fr.tsv and ftr_fr.tsv, the project's
# own src/model/data/own/*.tsv; thresholds on eval/data/cyberado_*.tsv; never toxifrench_bench) and
# rewrites what is committed: src/model/weights.bin, src/model/weights.fnv1a64, src/model/data/expected.tsv.
# Also writes target/model/kfold.tsv (out-of-fold decisions, for scripts/quality.py). A few seconds.
#
#   ./scripts/train-model.sh [--shared DIR] [--folds K]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo run --quiet --release --features model-training --example train -- "$@"
