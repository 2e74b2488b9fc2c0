//! The lexicon: reviewed TSV files (see `README.md` beside this file) compiled into one trie of phrase
//! skeletons, walked over the normalised skeleton.
//!
//! Every pattern is expanded (alternatives, optional words, classes) into plain phrases, and every phrase
//! is run through the same normaliser as messages, so the automaton only ever compares skeletons. A match
//! is then *verified*: letter runs must agree (`conne` is not `cône`, `sale` is not `salle`, but
//! `connaaard` is `connard`), and a `1` read as `l` must really have been a `1`.
//!
//! The files, from the bottom up:
//! - `entry.rs`: entries, their flags, hits (what the context rules read);
//! - `sources.rs`: the embedded files and `compiled.bin`;
//! - `parse.rs`: the file syntax; `plain.rs`: the plain phrases' normaliser;
//! - `trie.rs` (searching) and `layout.rs` (making and reading back) the byte trie; `leb128.rs` the
//!   numbers of `compiled.bin`; `fxhash.rs` the hash maps;
//! - `find.rs`: the compiled lexicon and the search of a message; `phone.rs`: phone numbers;
//! - `builder.rs`: making a lexicon from patterns; `snapshot.rs`: `compiled.bin` read into a builder;
//!   `compiler.rs`: the built-in files compiled from their TSV sources into `compiled.bin` (the build
//!   tool `src/bin/compile-lexicon.rs`, feature `lexicon-compiler`, and the tests; never shipped).

mod builder;
#[cfg(any(test, feature = "lexicon-compiler"))]
mod compiler;
mod entry;
mod find;
mod fxhash;
mod layout;
mod leb128;
mod parse;
mod phone;
mod plain;
mod snapshot;
mod sources;
mod spelling;
mod trie;

#[cfg(feature = "lexicon-compiler")]
pub(crate) use compiler::compile;
pub use entry::LexiconError;
pub(crate) use entry::{
    Entry, Hit, E_ADJ, E_ALLOW, E_IDENT, E_IDIOM, E_MULTI, E_NOUN, E_SELF, E_TARGET, E_THING, E_WEAK,
};
pub(crate) use find::{FindScratch, Lexicon};
pub(crate) use spelling::SpellingScratch;

use crate::options::CustomTerm;
use builder::Builder;
use entry::err;
use sources::COMPILED;

impl Lexicon {
    /// The built-in lexicon (compiled ahead of time: `compiled.bin`) plus a site's extra and allowed terms.
    ///
    /// The work is split into functions that are not inlined here (`Builder::add_candidate`,
    /// `Builder::add`, `Builder::finish`): a wasm engine compiles a function that runs long with its
    /// optimising compiler, and a function called once never runs that code. Small pieces called many
    /// times do.
    pub fn build(extra: &[CustomTerm], allowed: &[String]) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::new();
        snapshot::read(&mut b, COMPILED)
            .ok_or_else(|| err("compiled.bin".into(), "not a compiled lexicon of this version"))?;
        b.add_site_terms(extra, allowed)?;
        Ok(b.finish())
    }
}

/// The words of the built-in lexicon's phrases, as the spelling repairs get them.
#[cfg(test)]
fn builtin_spelling_words() -> Vec<spelling::Word> {
    let mut b = Builder::new();
    snapshot::read(&mut b, COMPILED).expect("compiled.bin reads");
    b.spelling_words()
}
