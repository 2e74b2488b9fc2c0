//! Rules: who the words are aimed at, by the kind of entry.
//!
//! - *adjectives* (`adj` without `noun`: `moche`, `nul`) insult only as what someone *is*: a predicate
//!   (`t'es moche`, `je te trouve nul`) or after an insult frame (`espèce de`, `sale`);
//! - *weak words* (a common innocent sense: `chien`, `con`) count only when said *of* someone: the same
//!   rules, `c'est toi le X`, or a vocative (`vocative.rs`);
//! - *everything else*: second person in the sentence, `@mention`, insult frames, a vocative → direct;
//!   a third-person subject → third person; otherwise nobody.

use super::judged::Target;
use super::lists::{
    ARE, COPULAS, DE, FILLERS, IMPERSONAL_SUBJECTS, INSULT_FRAMES, IS, PERSONAL_PRONOUNS, PLURAL_SUBJECTS,
    RESTRICTIVES, SECOND_PERSON, SECOND_PERSON_COPULAS, SECOND_PERSON_SUBJECTS, SMS_YOU_ARE, STRESSED_YOU, SUBJECTS,
    THIRD_PERSON, THIRD_PERSON_COPULAS,
};
use super::vocative::vocative;
use super::window::{window_start, LOOK_AHEAD};
use super::words::is_in;
use crate::category::Category;
use crate::lexicon::{Entry, E_ADJ, E_MULTI, E_NOUN, E_TARGET, E_WEAK};
use crate::normalized::{Normalized, TokenKind, T_CLAUSE, T_ELIDED, T_SENTENCE};

/// Who the words of `entry` at tokens `first..last` are aimed at (`has_mention`: the message names
/// someone with `@`).
pub(super) fn target(n: &Normalized, entry: &Entry, first: usize, last: usize, has_mention: bool) -> Target {
    if entry.has(E_TARGET) || entry.category == Category::Doxxing {
        Target::Direct
    } else if entry.has(E_ADJ) && !entry.has(E_NOUN) && !entry.has(E_MULTI) {
        // An adjective insults someone only as what they *are*: "t'es moche", "espèce de moche";
        // "une grosse voiture", "un film nul" aim at no one.
        predicate_target(n, first)
    } else if entry.has(E_WEAK) && (!entry.has(E_MULTI) || entry.has(E_NOUN)) {
        // A word with an innocent sense insults only when it is said *of* someone: "t'es un chien",
        // "espèce de chien", "chien !"; "ton chien est mignon" aims at no one.
        // A mention right next to the word aims it: "@léa sale chien", "chien @tom".
        match predicate_target(n, first) {
            Target::Nobody if next_to_mention(n, first, last) => Target::Direct,
            Target::Nobody => vocative(n, first, last, entry.flags),
            t => t,
        }
    } else {
        sentence_target(n, first, last, entry.flags, has_mention)
    }
}

/// Whether a pattern that addresses by itself (`va te pendre`) follows a subject in its clause (`je
/// retourne en Algérie`, `il va crever de chaud`): then it is no imperative aimed at the reader.
pub(super) fn after_subject(n: &Normalized, first: usize) -> bool {
    first > 0 && n.tokens[first].flags & T_CLAUSE == 0 && is_in(n, first - 1, &SUBJECTS)
}

/// Whether a mention stands right before or after the words: `@léa sale chien`, `chien @tom`.
fn next_to_mention(n: &Normalized, first: usize, last: usize) -> bool {
    (first > 0 && n.tokens[first - 1].kind == TokenKind::Mention)
        || (last < n.tokens.len() && n.tokens[last].kind == TokenKind::Mention)
}

/// Who words of any other kind are aimed at, from the sentence around them.
fn sentence_target(n: &Normalized, first: usize, last: usize, flags: u16, has_mention: bool) -> Target {
    if has_mention {
        return Target::Direct;
    }
    let sentence = window_start(n, first, T_SENTENCE);
    if (sentence..first).any(|i| is_in(n, i, &SECOND_PERSON)) {
        return Target::Direct;
    }
    let end = (last + LOOK_AHEAD).min(n.tokens.len());
    let ahead_end = (last..end).find(|&i| n.tokens[i].flags & T_SENTENCE != 0).unwrap_or(end);
    if (last..ahead_end).any(|i| is_in(n, i, &SECOND_PERSON)) {
        return Target::Direct;
    }
    // "espèce de X", "sale X", "bande de X"
    let mut k = first;
    while k > sentence && is_in(n, k - 1, &DE) {
        k -= 1;
    }
    if k > sentence && is_in(n, k - 1, &INSULT_FRAMES) {
        return Target::Direct;
    }
    if vocative(n, first, last, flags) == Target::Direct {
        return Target::Direct;
    }
    let mut k = first;
    while k > sentence && is_in(n, k - 1, &FILLERS) {
        k -= 1;
    }
    if k > sentence && is_in(n, k - 1, &COPULAS) && k - 1 > sentence && is_in(n, k - 2, &THIRD_PERSON) {
        return Target::Third;
    }
    if (sentence..first).any(|i| is_in(n, i, &THIRD_PERSON)) {
        return Target::Third;
    }
    Target::Nobody
}

/// Who an adjective is said of: only a predicate (`t'es X`, `vous êtes X`, `il est X`) or an insult
/// frame (`espèce de X`, `sale X`) aims it at someone.
pub(super) fn predicate_target(n: &Normalized, first: usize) -> Target {
    let sentence = window_start(n, first, T_SENTENCE);
    let mut k = first;
    while k > sentence && (is_in(n, k - 1, &FILLERS) || is_in(n, k - 1, &RESTRICTIVES)) {
        k -= 1;
    }
    if k == sentence {
        return Target::Nobody;
    }
    let prev = k - 1;
    if is_in(n, prev, &SECOND_PERSON_COPULAS) {
        let subject = prev.checked_sub(1).filter(|&s| s >= sentence);
        return match subject {
            Some(s) if is_in(n, s, &SECOND_PERSON_SUBJECTS) => Target::Direct,
            Some(s) if is_in(n, s, &IMPERSONAL_SUBJECTS) => Target::Nobody,
            Some(_) if is_in(n, prev, &IS) => Target::Third,
            _ => Target::Nobody,
        };
    }
    if is_in(n, prev, &ARE) && prev > sentence && is_in(n, prev - 1, &PLURAL_SUBJECTS) {
        return Target::Third; // "ils sont cons", "ce sont des cons"
    }
    if is_in(n, prev, &STRESSED_YOU) && k < first {
        return Target::Direct; // "c'est toi le bouffon", "toi la folle"
    }
    if is_in(n, prev, &SMS_YOU_ARE) && n.tokens[prev].flags & T_ELIDED == 0 {
        return Target::Direct; // "tes moche", "t nul"
    }
    let mut j = k;
    while j > sentence && is_in(n, j - 1, &DE) {
        j -= 1;
    }
    if j > sentence && is_in(n, j - 1, &INSULT_FRAMES) {
        return Target::Direct;
    }
    Target::Nobody
}

/// Whether a personal pronoun is the subject of the copula right before token `first` (`il est X`,
/// `elles sont des X`), within three tokens.
pub(super) fn personal_subject(n: &Normalized, first: usize) -> bool {
    let start = first.saturating_sub(4);
    (start..first).any(|i| is_in(n, i, &PERSONAL_PRONOUNS))
        && (start..first).any(|i| is_in(n, i, &THIRD_PERSON_COPULAS))
}
