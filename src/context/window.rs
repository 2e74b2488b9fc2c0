//! How far the rules look: a bounded window of tokens around each match, never past a boundary.

use super::lists::FILLERS;
use super::words::is_in;
use crate::normalized::{Normalized, T_CLAUSE};

/// How far the rules look back, in tokens.
pub(super) const LOOK_BACK: usize = 6;
/// How far the rules look ahead, in tokens.
pub(super) const LOOK_AHEAD: usize = 4;

/// Index of the first token of the sentence (or clause, by `boundary`) that contains token `i`, at most
/// `LOOK_BACK` back.
pub(super) fn window_start(n: &Normalized, i: usize, boundary: u8) -> usize {
    let mut s = i;
    while s > 0 && i - s < LOOK_BACK && n.tokens[s].flags & boundary == 0 {
        s -= 1;
    }
    s
}

/// What stands before the words of a match in their clause, once the fillers (`un`, `si`, `trop`) are
/// passed over: the negation and self-talk rules look there.
#[derive(Clone, Copy, Debug)]
pub(super) struct Lead {
    /// The first token of the clause window.
    pub(super) start: usize,
    /// The token after the last one that is no filler: `word - 1` stands right before the words (if
    /// `word > start`).
    pub(super) word: usize,
}

/// The [`Lead`] of a match that starts at token `first`.
pub(super) fn lead(n: &Normalized, first: usize) -> Lead {
    let start = window_start(n, first, T_CLAUSE);
    let mut word = first;
    while word > start && is_in(n, word - 1, &FILLERS) {
        word -= 1;
    }
    Lead { start, word }
}
