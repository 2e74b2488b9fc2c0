//! Rules: what a word with an innocent sense is said of. A weak word counts when said of a person (`il
//! est con`, `le vendeur est nul`, `ce prof est une ordure`, `Zoé est grosse`) and, when its innocent sense
//! is no person at all, as a noun said of someone (`c'est un minable`, `quel mongol`, `cette folle`); not
//! of what may be literal (`ce sont des déchets`: flag `thing`) nor as a plain fact about people (`mon
//! frère est autiste`: flag `ident`). An adjective that is the bare predicate of a thing aims at no one
//! (`c'est débile`, `ce jeu est nul`, `l'imprimante est conne`).

use super::judged::Target;
use super::lists::{
    A, ARTICLES, DEMONSTRATIVES, FILLERS, FIRST_NAMES, INTENSIFIERS, NOUN_DETERMINERS, NOUN_LEADS, PERSON_COPULAS,
    PERSON_NOUNS, THING_COPULAS, THING_SUBJECTS, THIRD_PERSON, TRUE_A, WHAT_A,
};
use super::target::personal_subject;
use super::window::window_start;
use super::words::is_in;
use crate::lexicon::{Entry, E_IDENT, E_NOUN, E_THING};
use crate::normalized::{Normalized, TokenKind, T_CLAUSE, T_SENTENCE};

/// How far before the copula the noun of a person who is its subject may stand (`le mec du bus est …`).
const SUBJECT_REACH: usize = 3;

/// Whether the words of `entry` at tokens `first..last`, aimed at `target`, are said of a person (`text`
/// is the original, for the capital of a first name).
pub(super) fn said_of_person(
    text: &str,
    n: &Normalized,
    entry: &Entry,
    first: usize,
    last: usize,
    target: Target,
) -> bool {
    if entry.has(E_IDENT) {
        return false;
    }
    let noun_of_someone = entry.has(E_NOUN) && !entry.has(E_THING) && said_as_noun_of_someone(n, first, last);
    noun_of_someone || (target == Target::Third && (personal_subject(n, first) || person_subject(text, n, first)))
}

/// Whether an adjective is the bare predicate of a thing: `c'est débile`, `ça reste nul`, `ce jeu est
/// con`, `l'imprimante est conne` (no determiner before it, so not `c'est un débile`; and the subject is no
/// person, so not `ton père est con`).
pub(super) fn predicate_of_thing(n: &Normalized, first: usize) -> bool {
    let start = window_start(n, first, T_CLAUSE);
    let mut k = first;
    while k > start && is_in(n, k - 1, &INTENSIFIERS) {
        k -= 1;
    }
    if k < start + 2 || !is_in(n, k - 1, &THING_COPULAS) {
        return false;
    }
    let subject = k - 2;
    if is_in(n, subject, &THING_SUBJECTS) {
        return true;
    }
    // "ce jeu est …", "l'imprimante est …": a determined noun that names no person.
    subject > start
        && is_in(n, subject - 1, &NOUN_DETERMINERS)
        && !is_in(n, subject, &PERSON_NOUNS)
        && !is_in(n, subject, &THIRD_PERSON)
}

/// Whether a noun is said of someone: `c'est un (vrai) X`, `ce sont des X`, `quel (gros) X`, `un vrai X`,
/// `cette X` ending a clause.
fn said_as_noun_of_someone(n: &Normalized, first: usize, last: usize) -> bool {
    let start = window_start(n, first, T_CLAUSE);
    let mut k = first;
    let mut determined = false;
    while k > start && (is_in(n, k - 1, &INTENSIFIERS) || is_in(n, k - 1, &NOUN_LEADS)) {
        determined |= is_in(n, k - 1, &ARTICLES);
        k -= 1;
    }
    if k == start {
        return false;
    }
    let clause_end = last >= n.tokens.len() || n.tokens[last].flags & T_CLAUSE != 0;
    let prev = k - 1;
    is_in(n, prev, &WHAT_A)
        || (determined && is_in(n, prev, &PERSON_COPULAS))
        || (first > k && is_in(n, first - 1, &TRUE_A) && is_in(n, first - 2, &A))
        || (clause_end && k == first && is_in(n, prev, &DEMONSTRATIVES))
}

/// Whether the subject of the copula before the words is a person named by a noun or by a first name:
/// `le vendeur est nul`, `ce prof est une ordure`, `Zoé est grosse`.
fn person_subject(text: &str, n: &Normalized, first: usize) -> bool {
    let start = window_start(n, first, T_CLAUSE);
    let mut k = first;
    while k > start && is_in(n, k - 1, &FILLERS) {
        k -= 1;
    }
    if k < start + 2 || !is_in(n, k - 1, &PERSON_COPULAS) {
        return false;
    }
    let copula = k - 1;
    (copula.saturating_sub(SUBJECT_REACH).max(start)..copula)
        .any(|i| is_in(n, i, &PERSON_NOUNS) || first_name(text, n, i))
}

/// Whether token `i` is a first name: written with a capital in the middle of a sentence (`alors Zoé est …`)
/// or one of the most common first names (chats are often written in lower case).
fn first_name(text: &str, n: &Normalized, i: usize) -> bool {
    let t = &n.tokens[i];
    let capital = text[t.orig.0 as usize..].chars().next().is_some_and(char::is_uppercase);
    (capital && t.flags & T_SENTENCE == 0 && t.kind == TokenKind::Word) || is_in(n, i, &FIRST_NAMES)
}
