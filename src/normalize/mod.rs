//! Text → skeleton: the normaliser. It writes a [`Normalized`] (`src/normalized.rs`), in stages:
//!
//! 1. `segment.rs`: word boundaries, Unicode word segmentation (UAX #29) with a fast path for Latin text;
//! 2. `tokens.rs`: the token state machine over those segments, with three repairs that obfuscation needs:
//!    French elisions are split (`t'es` → `t` `es`); leetspeak and mask symbols glue pieces back together
//!    (`s@lope`, `c*nnard`, zero-width characters inside a word); plain words go straight to step 4;
//! 3. `raw.rs`: the raw tokens waiting for the end of a word spelled letter by letter (`c o n n a r d`,
//!    `c-o-n-n-a-r-d`), joined, then handed to step 4;
//! 4. `skeleton.rs`: each token folded (`fold.rs`: case, accents, look-alikes, leetspeak; `chars.rs`: what
//!    a character is to the normaliser) and written into the skeleton, letter runs collapsed.
//!
//! The skeleton is ASCII: `" tok tok tok "`, one space between tokens and around them, so that a lexicon
//! pattern `" con "` can only match a whole word. Every byte of the skeleton remembers
//! - the byte range of the original text it came from (in test and fuzz builds only, where the invariant
//!   checks cross-check it; findings point at whole tokens, whose ranges every build keeps),
//! - how many times the letter was repeated (`connaaaard` → `connard`, with the run of `a` = 4), because
//!   letter runs are collapsed in the skeleton and checked against the lexicon afterwards,
//! - whether it came from a leetspeak digit or symbol, or is a mask (`c*nnard`).

mod chars;
mod fold;
mod raw;
mod segment;
mod skeleton;
mod tokens;

#[cfg(test)]
mod tests;

use crate::normalized::Normalized;
use fold::FoldedByte;
use raw::RawTokens;

pub(crate) use chars::{is_combining, is_elision, is_invisible};
pub(crate) use fold::fold_char;

/// Normalises `text`. Linear in its length. (The analyzer reuses buffers through [`normalize_into`].)
#[cfg(any(test, fuzzing, feature = "bench-internals"))]
pub(crate) fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    normalize_into(text, &mut out, &mut Scratch::default());
    out
}

/// Buffers `normalize_into` reuses from one call to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    raw: RawTokens,
    folded: Vec<FoldedByte>,
}

/// Normalises `text` into `out` (cleared first), reusing the buffers of `out` and `scratch`: the same
/// result as `normalize` (test, fuzz and bench builds), without allocating once the buffers are large
/// enough.
pub(crate) fn normalize_into(text: &str, out: &mut Normalized, scratch: &mut Scratch) {
    out.text.clear();
    out.runs.clear();
    out.ones.clear();
    out.orig.clear();
    out.tokens.clear();
    out.text.reserve(text.len() + 2);
    out.runs.reserve(text.len() + 2);
    out.orig.reserve(text.len() + 2);
    out.push_space(0);
    tokens::segment_into(text, &mut scratch.raw, out, &mut scratch.folded);
}

/// [`normalize`] without the plain-word shortcuts: every segment through the general path.
#[cfg(any(test, fuzzing))]
pub(crate) fn normalize_without_shortcuts(text: &str) -> Normalized {
    tokens::PLAIN_WORDS.with(|p| p.set(false));
    let n = normalize(text);
    tokens::PLAIN_WORDS.with(|p| p.set(true));
    n
}
