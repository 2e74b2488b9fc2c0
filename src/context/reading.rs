//! What the learned layer (`src/model/`) asks of the context rules' words: whether a message speaks to
//! someone, and whether a word has a meaning of its own.

use super::lists::{FUNCTION_WORDS, SECOND_PERSON};
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
