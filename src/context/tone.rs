//! Rules: the tone around the words. Laughter around a mild distress phrase makes it a way of speaking
//! (`mdr j'en peux plus`, `j'en peux plus 😂`); a threat in a sentence about a game is banter (`je vais te
//! tuer au prochain match de fortnite`).

use super::lists::{GAME_WORDS, LAUGHTER, LAUGHTER_STARTS};
use super::window::{window_start, LOOK_AHEAD, LOOK_BACK};
use super::words::{is_in, starts_with_one_of};
use crate::normalized::{Normalized, T_SENTENCE};

/// Emoji that laugh (or cry with laughter).
const LAUGHING_EMOJI: [char; 6] = ['😂', '🤣', '😹', '💀', '😆', '😅'];

/// How far after a threat its sentence is searched for a game, in tokens.
const GAME_LOOK_AHEAD: usize = 12;

/// Whether token `i` laughs: `mdr`, `ptdr`, `lol`, `xd`, `jpp`, `hahaha` (skeletons, runs collapsed).
fn laughter(n: &Normalized, i: usize) -> bool {
    is_in(n, i, &LAUGHTER) || starts_with_one_of(n, i, &LAUGHTER_STARTS)
}

/// Whether the words of tokens `first..last` stand among laughter: a laughing word or emoji within a few
/// tokens (`text` is the original, where the emoji are).
pub(super) fn laughing(text: &str, n: &Normalized, first: usize, last: usize) -> bool {
    let from = first.saturating_sub(LOOK_BACK);
    let to = (last + LOOK_AHEAD).min(n.tokens.len());
    if (from..to).any(|i| laughter(n, i)) {
        return true;
    }
    let s = n.tokens[from].orig.0 as usize;
    let e = if to < n.tokens.len() { n.tokens[to].orig.0 as usize } else { text.len() };
    text[s..e].chars().any(|c| LAUGHING_EMOJI.contains(&c))
}

/// Whether the sentence of the words from token `first` speaks of a game.
pub(super) fn about_a_game(n: &Normalized, first: usize) -> bool {
    let from = window_start(n, first, T_SENTENCE);
    let mut to = (first + GAME_LOOK_AHEAD).min(n.tokens.len());
    if let Some(end) = (first + 1..to).find(|&i| n.tokens[i].flags & T_SENTENCE != 0) {
        to = end;
    }
    (from..to).any(|i| is_in(n, i, &GAME_WORDS))
}
