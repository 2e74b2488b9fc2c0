//! The context rules' tests: the word lists, predicates and vocatives.

use super::judged::Target;
use super::lists::ALL;
use super::target::{personal_subject, predicate_target};
use super::vocative::vocative;
use super::words::{is_in, same_collapsed};
use crate::lexicon::E_NOUN;
use crate::normalize::normalize;
use crate::normalized::Normalized;

/// Whether token `i` is one of `words`, by comparing it with each of them: what [`is_in`] finds through
/// its buckets.
fn is_one_of(n: &Normalized, i: usize, words: &[&str]) -> bool {
    i < n.tokens.len() && {
        let tok = n.token_text(i);
        words.iter().any(|w| w.as_bytes().first() == tok.first() && same_collapsed(tok, w.as_bytes()))
    }
}

/// The words of `list` written twice. (Words that differ only by a repeated letter, `traite` and
/// `traitee`, read the same skeleton but say what the list covers: they may both be listed.)
fn duplicates(list: &[&str]) -> Vec<String> {
    let mut twice = Vec::new();
    for (i, w) in list.iter().enumerate() {
        if list[..i].contains(w) {
            twice.push(w.to_string());
        }
    }
    twice
}

/// The index of the first token that reads `word`.
fn at(n: &Normalized, word: &str) -> usize {
    (0..n.tokens.len()).find(|&i| n.token_is(i, word)).unwrap_or_else(|| panic!("no {word:?}"))
}

#[test]
fn context_words_compare_with_runs_collapsed() {
    assert!(same_collapsed(b"caled", b"called"));
    assert!(same_collapsed(b"apele", b"appele"));
    assert!(!same_collapsed(b"cale", b"called"));
    assert!(!same_collapsed(b"caleds", b"called"));
}

#[test]
fn named_word_lists_find_each_of_their_words() {
    // Every list of src/context/{fr,en}/words.tsv.
    assert!(ALL.len() >= 15, "{}", ALL.len());
    for &(name, words) in ALL {
        assert_eq!(words.start[27] as usize, words.list.len(), "{name}: every word is in one bucket");
        for w in words.list {
            let n = normalize(w);
            assert_eq!(n.tokens.len(), 1, "{name}: {w:?} is one token");
            assert!(is_in(&n, 0, words), "{name}: {w:?}");
            assert_eq!(is_in(&n, 0, words), is_one_of(&n, 0, words.list));
        }
        for other in ["zz", "connard", "ta", "qu", "x"] {
            let n = normalize(other);
            assert_eq!(is_in(&n, 0, words), is_one_of(&n, 0, words.list), "{other:?}");
        }
    }
}

#[test]
fn adjectives_aim_only_as_predicates() {
    let table = [
        ("t'es moche", "moche", Target::Direct),
        ("tes trop moche", "moche", Target::Direct),
        ("vous êtes vraiment nuls", "nuls", Target::Direct),
        ("espèce de moche", "moche", Target::Direct),
        ("il est vraiment moche", "moche", Target::Third),
        ("c'est nul", "nul", Target::Nobody),
        ("une grosse voiture", "grose", Target::Nobody),
        ("ton film est nul", "nul", Target::Third),
    ];
    for (text, word, want) in table {
        let n = normalize(text);
        assert_eq!(predicate_target(&n, at(&n, word)), want, "{text}");
    }
}

#[test]
fn vocatives() {
    let table = [
        ("connard !", "conard", Target::Direct),
        ("qu'est-ce que tu racontes mongol", "mongol", Target::Direct),
        ("salut les cons", "cons", Target::Direct),
        ("une crasseuse comme toi", "craseuse", Target::Direct),
        ("j'adore ton chien", "chien", Target::Nobody),
        ("longue, quelle queue", "queue", Target::Nobody),
    ];
    for (text, word, want) in table {
        let n = normalize(text);
        let i = at(&n, word);
        assert_eq!(vocative(&n, i, i + 1, E_NOUN), want, "{text}");
    }
}

#[test]
fn personal_subjects() {
    let n = normalize("il est con");
    assert!(personal_subject(&n, 2));
    let n = normalize("ce sont des déchets");
    assert!(!personal_subject(&n, 3));
}

#[test]
fn word_lists_have_no_duplicates() {
    // A word listed twice (in one file, or in the French and the English file of the same list) is a
    // review mistake: `trop` and `grave` were each written twice among the fillers.
    assert_eq!(duplicates(&["trop", "grave", "si", "trop", "traite", "traitee", "grave"]), ["trop", "grave"]);
    for &(name, words) in ALL {
        assert_eq!(duplicates(words.list), Vec::<String>::new(), "{name} lists these words twice");
    }
}
