//! Context rules: who the words are aimed at, and whether they are negated, reported or self-talk.
//!
//! The rules look at a small window of tokens around each match (`window.rs`), never past a sentence
//! boundary, so each match costs a bounded amount of work. They compare the skeleton forms of words
//! (`t'es` → `t` `es`) with word lists that are data: `fr/words.tsv`, `en/words.tsv` (see `README.md`),
//! made into `lists.rs` at build time and looked up through `words.rs`.
//!
//! One file per kind of rule, applied in this order by [`judge`]:
//! - `allowed.rs`: a site's allowed terms and the innocent set phrases silence what they contain;
//! - `compound.rs`: one part of a hyphenated word is no insult;
//! - `frame.rs`: quoted, reported or self-talk (`negation.rs`: a negated word is dropped);
//! - `target.rs`: who the words are aimed at (`vocative.rs`: a noun that calls the reader);
//! - `overlaps.rs`: the findings left, sorted and disjoint.
//!
//! What they decide is a [`Judged`] match (`judged.rs`).

mod allowed;
mod compound;
mod frame;
mod judged;
mod lists;
mod negation;
mod overlaps;
mod reading;
mod target;
mod vocative;
mod window;
mod words;

#[cfg(test)]
mod tests;

pub(crate) use judged::{Frame, Judged, Target};
pub(crate) use reading::{addresses_someone, is_function_word};

use crate::lexicon::{Hit, Lexicon, E_MULTI, E_TARGET, E_WEAK};
use crate::normalized::{Normalized, TokenKind};

/// Judges every hit, drops the ones context cancels, and resolves overlaps.
pub(crate) fn judge(n: &Normalized, mut hits: Vec<Hit>, lex: &Lexicon) -> Vec<Judged> {
    let has_mention = n.tokens.iter().any(|t| t.kind == TokenKind::Mention);
    allowed::drop_silenced(&mut hits, lex);
    let mut judged = Vec::with_capacity(hits.len());
    for hit in hits {
        let entry = &lex.entries[hit.entry as usize];
        let (first, last) = hit.tokens;
        if !entry.has(E_MULTI) && compound::in_compound(n, first, last) {
            continue; // "pique-nique", "porc-épic": part of another word
        }
        let Some(frame) = frame::frame(n, first, last, entry.flags) else {
            continue; // negated: "t'es pas nul"
        };
        if entry.has(E_TARGET) && target::after_subject(n, first) {
            continue; // "je retourne en Algérie", "il va crever de chaud": a subject, so no imperative
        }
        let target = target::target(n, entry, first, last, has_mention);
        if entry.has(E_WEAK) && !target::weak_word_counts(n, first, target) {
            continue; // "ma chatte a eu des chatons"
        }
        judged.push(Judged { hit, target, frame });
    }
    overlaps::resolve_overlaps(judged, lex)
}
