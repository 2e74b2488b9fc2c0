//! # poids-des-mots — the weight of words
//!
//! An on-device detector of cyber-harassment in French messages (English second). It reads a message
//! *before it is sent* and says which words weigh, how much and why, so that the author can rephrase.
//! It never touches the network, the disk or a clock: [`Analyzer::analyze`] is a pure function of the
//! text and the options.
//!
//! ```
//! use poids_des_mots::{Analyzer, Level};
//!
//! let analyzer = Analyzer::default();          // build once (the lexicon is compiled here)…
//! let report = analyzer.analyze("t'es vraiment un connard");
//! assert!(report.flagged);                     // …reuse for every message
//! assert_eq!(report.level, Level::Warn.max(report.level));
//! let finding = &report.findings[0];
//! assert_eq!(finding.text, "connard");
//! assert_eq!(finding.rule, "fr.insult.connard");
//! // offsets are UTF-16 code units, ready for JavaScript's String.prototype.slice
//! assert_eq!((finding.start, finding.end), (17, 24));
//!
//! let kind = analyzer.analyze("merci pour ton aide, t'es génial");
//! assert_eq!(kind.level, Level::None);
//! assert!(kind.findings.is_empty());
//! ```
//!
//! Obfuscations are read through, and offsets still point at what the author typed:
//!
//! ```
//! # use poids_des_mots::Analyzer;
//! let analyzer = Analyzer::default();
//! let report = analyzer.analyze("😀 t'es un c.0.n.n.a.a.a.r.d");
//! assert_eq!(report.findings[0].text, "c.0.n.n.a.a.a.r.d");
//! assert_eq!(report.findings[0].start, 11); // the emoji is two UTF-16 code units: 2 + 1 + 5 + 3
//! ```
//!
//! Words with an innocent sense stay quiet, and so do negation, reported speech and self-talk:
//!
//! ```
//! # use poids_des_mots::{Analyzer, Level};
//! let analyzer = Analyzer::default();
//! for text in ["la technique du conseil municipal", "ma chatte a eu des chatons",
//!              "t'es pas nul", "je suis trop nul"] {
//!     assert!(!analyzer.analyze(text).flagged, "{text}");
//! }
//! ```
//!
//! The crate is pure Rust and works natively; the `wasm` module (compiled only for `wasm32`) is the thin
//! layer that exposes the same [`Analyzer`] to JavaScript. See `DESIGN.md` for the internals.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The pipeline, in the order a message goes through it (`analyzer.rs` runs it, DESIGN.md maps it):
//   normalize/   text → skeleton, letter runs, tokens (`normalized.rs`)
//   lexicon/     skeleton → verified matches of the reviewed patterns
//   context/     matches → judged (target, frame); negated, allowed and overlapped ones dropped
//   score.rs     judged matches → report
mod analyzer;
mod context;
mod lexicon;
mod model;
mod normalize;
mod score;

// Below the stages, what they share (none of these imports a stage).
mod bits; // byte-parallel tests, eight bytes at a time
mod category; // the kinds of harm
mod normalized; // the normalised text, which every stage after the normaliser reads
mod options; // how an analyzer is built
mod report; // what an analysis returns
mod sort; // the crate's unstable sort, small in wasm
mod utf16; // byte offsets → UTF-16 offsets

pub use analyzer::Analyzer;
pub use category::Category;
pub use lexicon::LexiconError;
pub use options::{CustomTerm, Locale, Options, OptionsError};
pub use report::{Finding, Level, Report};
pub use score::THRESHOLDS;

/// Invariant checks for the fuzzers (`cargo fuzz` builds with `--cfg fuzzing`) and the property tests.
/// Not public API: absent from normal builds.
#[cfg(any(fuzzing, test))]
#[doc(hidden)]
pub mod invariants;

/// Internals for the benchmarks (feature `bench-internals`): not public API, absent from normal builds.
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod __bench {
    /// Normalises `text` alone (what `analyze` does first); returns the skeleton length.
    pub fn normalize(text: &str) -> usize {
        crate::normalize::normalize(text).text.len()
    }

    /// Compiles the built-in lexicon, as the first `Analyzer::new` of a process does (later ones share
    /// it).
    pub fn compile_builtin_lexicon() {
        std::hint::black_box(crate::lexicon::Lexicon::build(&[], &[]).expect("the built-in lexicon compiles"));
    }
}

/// The lexicon compiler (feature `lexicon-compiler`, for `src/bin/compile-lexicon.rs`): not public API,
/// absent from normal builds.
#[cfg(feature = "lexicon-compiler")]
#[doc(hidden)]
pub mod __lexicon_compiler {
    /// The bytes `src/lexicon/compiled.bin` must hold: the built-in TSV files (embedded by the build
    /// script), compiled.
    pub fn compile() -> Result<Vec<u8>, crate::LexiconError> {
        crate::lexicon::compile()
    }
}

/// The training of the learned layer (feature `model-training`, for `examples/train.rs`): not public API.
#[cfg(feature = "model-training")]
#[doc(hidden)]
pub mod __training {
    pub use crate::model::checksum;
    pub use crate::model::experiments::*;
    pub use crate::model::training::*;

    /// A weights file as the library reads it.
    pub fn write_weights(scale: f32, bias: f32, thresholds: [f32; 3], weights: &[i8]) -> Vec<u8> {
        crate::model::write(scale, bias, thresholds, weights)
    }
}

/// The JavaScript API (only on `wasm32`): see the TypeScript declarations in the npm package.
#[cfg(target_arch = "wasm32")]
pub mod wasm;
