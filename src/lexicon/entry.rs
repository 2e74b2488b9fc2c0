//! What the lexicon gives the rest of the crate: its entries (one per pattern line) and their flags, the
//! matches it finds, and the error for a line that does not compile.

use crate::category::Category;
use std::fmt;

/// Entry flag: addresses someone by itself.
pub(crate) const E_TARGET: u16 = 1;

/// Entry flag: ambiguous word, only counts when someone is targeted.
pub(crate) const E_WEAK: u16 = 2;

/// Entry flag: a noun (for `t'es un X`, `espèce de X`).
pub(crate) const E_NOUN: u16 = 4;

/// Entry flag: an adjective.
pub(crate) const E_ADJ: u16 = 8;

/// Entry flag: speaks about the author.
pub(crate) const E_SELF: u16 = 16;

/// Entry flag: a site's allowlisted phrase; it produces no finding and silences what it contains.
pub(crate) const E_ALLOW: u16 = 32;

/// Entry flag: several words.
pub(crate) const E_MULTI: u16 = 64;

/// Entry flag: an innocent set phrase (`mort de rire`); a match that ends inside it is dropped.
pub(crate) const E_IDIOM: u16 = 128;
/// Entry flag: a weak word whose innocent sense is an animal or a thing (`chien`, `ordure`): `c'est un X`
/// may be literal, so only what aims it at a person counts.
pub(crate) const E_THING: u16 = 256;
/// Entry flag: a weak word whose innocent sense names people neutrally (`autiste`, `handicapé`): said of
/// someone as a plain fact (`mon frère est autiste`) it is no insult; only insult frames count.
pub(crate) const E_IDENT: u16 = 512;

/// A lexicon line that could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// Where: `fr/insults.tsv:12`, or `extraTerms[3]`.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// One lexicon line.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub category: Category,
    pub severity: u8,
    pub flags: u16,
    /// Stable rule id: `fr.insult.connard`.
    pub id: Box<str>,
}

impl Entry {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// A verified match, in skeleton bytes and tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub entry: u32,
    /// Token range `[first, last)`.
    pub tokens: (usize, usize),
    /// Byte range in the original text.
    pub orig: (usize, usize),
}

pub(super) fn err(place: String, message: impl Into<String>) -> LexiconError {
    LexiconError { place, message: message.into() }
}

/// The explanation of a category, in French and in English.
#[derive(Clone, Debug)]
pub(super) struct Explanation {
    pub(super) fr: Box<str>,
    pub(super) en: Box<str>,
}
