//! What the learned layer (`src/model/`) asks of the context rules' words: whether a message speaks to
//! someone, and whether a word has a meaning of its own.

use super::lists::{ENGLISH_MARKERS, FRENCH_MARKERS, FUNCTION_WORDS, SECOND_PERSON};
use super::words::is_in;
use crate::normalized::{Normalized, TokenKind};

/// Whether the message speaks to someone (a second-person word or an @mention): the learned layer's
/// findings are `targeted` then, and a short message may be judged.
pub(crate) fn addresses_someone(n: &Normalized) -> bool {
    (0..n.tokens.len()).any(|i| n.tokens[i].kind == TokenKind::Mention || is_in(n, i, &SECOND_PERSON))
}

/// Whether token `i` is a word with no meaning of its own (`FUNCTION_WORDS`: articles, pronouns,
/// prepositions, auxiliaries): the learned layer never shows one alone as a word that weighs.
pub(crate) fn is_function_word(n: &Normalized, i: usize) -> bool {
    is_in(n, i, &FUNCTION_WORDS)
}

/// Whether the message reads as English: more of its words are common English-only words
/// (`ENGLISH_MARKERS`) than common French-only ones (`FRENCH_MARKERS`). The learned layer, trained on
/// French, keeps quiet then, whatever the analyzer's locale (`damn that's a good song` is not French for
/// it to judge).
pub(crate) fn reads_as_english(n: &Normalized) -> bool {
    let (mut french, mut english) = (0usize, 0usize);
    for i in 0..n.tokens.len() {
        french += usize::from(is_in(n, i, &FRENCH_MARKERS));
        english += usize::from(is_in(n, i, &ENGLISH_MARKERS));
    }
    english > french
}
