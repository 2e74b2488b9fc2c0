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
//! - `clause_end.rs`: words flagged `end` weigh only where they close the clause (`ferme-la`);
//! - `frame.rs`: quoted, reported or self-talk (`negation.rs`: a negated word is dropped);
//! - `tone.rs`: laughter around a mild distress phrase, a game around a threat;
//! - `target.rs`: who the words are aimed at (`vocative.rs`: a noun that calls the reader; `said_of.rs`:
//!   what a weak word or an adjective is said of);
//! - `overlaps.rs`: the findings left, sorted and disjoint.
//!
//! What they decide is a [`Judged`] match (`judged.rs`).

mod allowed;
mod clause_end;
mod compound;
mod frame;
mod judged;
mod lists;
mod negation;
mod overlaps;
mod reading;
mod said_of;
mod target;
mod tone;
mod vocative;
mod window;
mod words;

#[cfg(test)]
mod tests;

pub(crate) use judged::{Frame, Judged, Target};
pub(crate) use reading::{addresses_someone, is_function_word, reads_as_english};

use crate::category::Category;
use crate::lexicon::{Hit, Lexicon, E_ADJ, E_END, E_MULTI, E_TARGET, E_WEAK};
use crate::normalized::{Normalized, TokenKind};

/// Judges every hit, drops the ones context cancels, and resolves overlaps (`text` is the original, for
/// what the skeleton does not keep: capitals, emoji).
pub(crate) fn judge(text: &str, n: &Normalized, mut hits: Vec<Hit>, lex: &Lexicon) -> Vec<Judged> {
    let has_mention = n.tokens.iter().any(|t| t.kind == TokenKind::Mention);
    allowed::drop_silenced(&mut hits, lex);
    let mut judged = Vec::with_capacity(hits.len());
    for hit in hits {
        let entry = &lex.entries[hit.entry as usize];
        let (first, last) = hit.tokens;
        if !entry.has(E_MULTI) && compound::in_compound(n, first, last) {
            continue; // "pique-nique", "porc-épic": part of another word
        }
        if entry.has(E_END) && !clause_end::ends_clause(n, last) {
            continue; // "ferme la porte": the words act on what follows them
        }
        let Some(mut frame) = frame::frame(n, first, last, entry.flags) else {
            continue; // negated: "t'es pas nul"
        };
        if entry.has(E_TARGET) && target::after_subject(n, first) {
            continue; // "je retourne en Algérie", "il va crever de chaud": a subject, so no imperative
        }
        if target::not_an_imperative(n, entry, first) {
            continue; // "je crève", "j'ai la crève", "il est crevé": no order to die
        }
        if entry.category == Category::Distress && entry.severity < 3 && tone::laughing(text, n, first, last) {
            continue; // "mdr j'en peux plus", "j'en peux plus 😂": laughter, not distress
        }
        if entry.category == Category::Threat && frame == Frame::Plain && tone::about_a_game(n, first) {
            frame = Frame::Play; // "je vais te tuer au prochain match de fortnite"
        }
        if entry.has(E_ADJ) && !entry.has(E_MULTI) && said_of::predicate_of_thing(n, first) {
            continue; // "c'est débile", "ce jeu est nul", "l'imprimante est conne": said of a thing
        }
        let target = target::target(n, entry, first, last, has_mention);
        let of_person = said_of::said_of_person(text, n, entry, first, last, target);
        if entry.has(E_WEAK) && target != Target::Direct && !of_person {
            continue; // "ma chatte a eu des chatons"
        }
        let target = if target == Target::Nobody && of_person { Target::Third } else { target };
        judged.push(Judged { hit, target, frame });
    }
    overlaps::resolve_overlaps(judged, lex)
}
