//! Raw tokens: a token's pieces of the original text, kept until it is known whether the token is a
//! letter of a word spelled out (`c o n n a r d`, `c.0.n.n.a.r.d`), then folded into the skeleton, the
//! letters of such a word as one token.

use super::chars::{is_combining, is_invisible};
use super::fold::FoldedByte;
use crate::normalized::{Normalized, TokenKind, T_ELIDED};

/// Folds the raw tokens into `out` and clears them: the tokens before a word that ends every spelled-out
/// run (or all of them, at the end).
#[inline(always)]
pub(super) fn emit_raw_tokens(text: &str, raw: &mut RawTokens, out: &mut Normalized, scratch: &mut Vec<FoldedByte>) {
    if raw.tokens.is_empty() {
        debug_assert!(raw.pieces.is_empty(), "pieces of a token still open");
        return; // the common case, before each plain word: spare the call
    }
    emit_raw_tokens_before(raw.tokens.len(), text, raw, out, scratch);
    raw.tokens.clear();
    raw.pieces.clear();
}

/// How many raw tokens may wait for the end of a spelled-out run before the ones ahead of it are folded:
/// a text of single letters (`a b c …`, only decided at its end) then takes memory in proportion to this,
/// not to its length.
pub(super) const MAX_PENDING: usize = 256;

/// Folds the raw tokens before the spelled-out run still going on at their end (a run of `MAX_PENDING`
/// tokens is no word: it is folded too, and the rest of it starts a new run). Called between tokens (none
/// open, no glue pending), once `MAX_PENDING` raw tokens wait.
pub(super) fn fold_pending(text: &str, raw: &mut RawTokens, out: &mut Normalized, scratch: &mut Vec<FoldedByte>) {
    // The trailing run: spelled tokens, each after a light gap but the first (as `emit_raw_tokens_before`
    // groups them).
    let mut k = raw.tokens.len();
    while k > 0 && raw.spelled_letters(text, k - 1).is_some() {
        k -= 1;
        if raw.tokens[k].gap != Gap::Light {
            break;
        }
    }
    if k == raw.tokens.len() || raw.tokens.len() - k >= MAX_PENDING {
        emit_raw_tokens(text, raw, out, scratch); // no run going on, or one too long for a word
        return;
    }
    emit_raw_tokens_before(k, text, raw, out, scratch);
    let folded_pieces = raw.tokens[k].pieces.0;
    raw.tokens.drain(..k);
    raw.pieces.drain(..folded_pieces as usize);
    for t in &mut raw.tokens {
        t.pieces = (t.pieces.0 - folded_pieces, t.pieces.1 - folded_pieces);
    }
}

/// Folds raw tokens `0..end` into `out` (and leaves them there): `end` must not cut a spelled-out run.
pub(super) fn emit_raw_tokens_before(
    end: usize,
    text: &str,
    raw: &RawTokens,
    out: &mut Normalized,
    scratch: &mut Vec<FoldedByte>,
) {
    let mut i = 0;
    while i < end {
        // `c o n n a r d`, `c.0.n.n.a.r.d`: words spelled letter by letter with light gaps become one token.
        let mut j = i;
        let mut letters = 0;
        while j < end && (j == i || raw.tokens[j].gap == Gap::Light) {
            match raw.spelled_letters(text, j) {
                Some(n) => letters += n,
                None => break,
            }
            j += 1;
        }
        let (first, last) = if j - i >= 2 && letters >= 3 { (i, j) } else { (i, i + 1) };
        let pieces = raw.tokens[first].pieces.0 as usize..raw.tokens[last - 1].pieces.1 as usize;
        let mut flags = raw.tokens[first].flags;
        if last - first > 1 {
            flags &= !T_ELIDED;
        }
        out.push_token(text, &raw.pieces[pieces], raw.tokens[first].kind, flags, scratch);
        i = last;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing between this token and the previous one (elision, glue).
    None,
    /// One to three characters of space, `.`, `-`, `_`, `·` or `/`, no line break.
    Light,
    /// Anything else.
    Heavy,
}

/// 12 bytes: text of single letters (`a b c …`) keeps one per letter, up to `MAX_PENDING`.
#[derive(Clone, Copy, Debug)]
pub(super) struct RawToken {
    /// Range into `RawTokens::pieces`.
    pub(super) pieces: (u32, u32),
    pub(super) kind: TokenKind,
    pub(super) flags: u8,
    pub(super) gap: Gap,
}

/// Tokens as lists of original byte ranges, before folding. (Offsets are `u32`, as in `Token::orig`.)
#[derive(Default)]
pub(super) struct RawTokens {
    pub(super) pieces: Vec<(u32, u32)>,
    pub(super) tokens: Vec<RawToken>,
}

impl RawTokens {
    /// If token `i` is spelled out letter by letter (`c`, `0`, `n.n.a.r.d`), how many letters it has.
    pub(super) fn spelled_letters(&self, text: &str, i: usize) -> Option<usize> {
        let t = &self.tokens[i];
        if t.kind != TokenKind::Word || t.pieces.1 - t.pieces.0 != 1 {
            return None;
        }
        let (s, e) = self.pieces[t.pieces.0 as usize];
        let (s, e) = (s as usize, e as usize);
        if e - s >= 2 && text.as_bytes()[s].is_ascii_alphanumeric() && text.as_bytes()[s + 1].is_ascii_alphanumeric() {
            return None; // two letters in a row (the common case, decided without decoding)
        }
        let mut letters = 0;
        let mut after_letter = false;
        for c in text[s..e].chars().filter(|c| !is_invisible(*c) && !is_combining(*c)) {
            if c.is_alphanumeric() {
                if after_letter {
                    return None; // two letters in a row: a real word
                }
                letters += 1;
                after_letter = true;
            } else {
                after_letter = false;
            }
        }
        Some(letters)
    }
}
