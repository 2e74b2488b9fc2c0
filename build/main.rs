//! The build script: turns the reviewed data files into Rust constants in `OUT_DIR`, so that language
//! data stays data and adding to it needs no code change.
//!
//! - `lexicon.rs`: the lexicon's files (`src/lexicon/`) → `lexicon_files.rs`;
//! - `context_words.rs`: the context rules' word lists (`src/context/{fr,en}/words.tsv`) →
//!   `context_words.rs`;
//! - `fold.rs`: the normaliser's fold table (`src/normalize/fold.tsv`) → `fold_table.rs`.
//!
//! Everything generated is in a fixed order: the build is reproducible.
use std::{env, path::Path};

mod context_words;
mod fold;
mod lexicon;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    lexicon::generate(manifest, out_dir);
    context_words::generate(manifest, out_dir);
    fold::generate(manifest, out_dir);
}
