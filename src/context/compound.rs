//! Rule: a word that is one part of a hyphenated compound is no insult (`pique-nique`, `porc-épic`).

use super::lists::CLITICS;
use super::words::is_in;
use crate::normalized::{Normalized, T_HYPHEN};

/// Whether tokens `first..last` are one part of a hyphenated compound whose other part is a real word
/// (a pronoun attached to a verb, `crève-toi`, `dis-le`, makes no compound).
pub(super) fn in_compound(n: &Normalized, first: usize, last: usize) -> bool {
    let joined_before = n.tokens[first].flags & T_HYPHEN != 0 && first > 0 && !is_in(n, first - 1, &CLITICS);
    let joined_after = last < n.tokens.len() && n.tokens[last].flags & T_HYPHEN != 0 && !is_in(n, last, &CLITICS);
    joined_before || joined_after
}
