//! Rule: words flagged `end` weigh only where they close what is said: at the end of their clause, or
//! before a word that calls someone (`ferme-la`, `ferme la Brice`, `fermez la vous`), not before what
//! they act on (`ferme la porte`).

use super::lists::{CALLING_WORDS, FIRST_NAMES};
use super::words::is_in;
use crate::normalized::{Normalized, TokenKind, T_CLAUSE};

/// Whether the words of tokens `..last` end their clause, possibly with one word that calls someone
/// after them.
pub(super) fn ends_clause(n: &Normalized, last: usize) -> bool {
    let ends_at = |i: usize| i >= n.tokens.len() || n.tokens[i].flags & T_CLAUSE != 0;
    if ends_at(last) {
        return true;
    }
    let calls =
        n.tokens[last].kind == TokenKind::Mention || is_in(n, last, &FIRST_NAMES) || is_in(n, last, &CALLING_WORDS);
    calls && ends_at(last + 1)
}
