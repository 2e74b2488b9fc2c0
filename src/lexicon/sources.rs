//! The lexicon's sources, embedded in the crate: the class files and the explanations (`build/lexicon.rs`
//! generates the constants), and the built-in lexicon compiled ahead of time.

include!(concat!(env!("OUT_DIR"), "/lexicon_files.rs"));

/// The built-in lexicon, compiled from the TSV files ahead of time (see `snapshot.rs`).
pub(super) const COMPILED: &[u8] = include_bytes!("compiled.bin");
