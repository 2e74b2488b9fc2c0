//! The token state machine: the segments of `segment.rs` become tokens, with their flags (sentence and
//! clause starts, quotes, elisions, hyphens) and what separates each from the one before. Plain words go
//! straight into the skeleton; other tokens wait as raw tokens (`raw.rs`).

use super::chars::{find_apostrophe, is_elision, is_glue, is_invisible};
use super::fold::FoldedByte;
use super::raw::{emit_raw_tokens, fold_pending, Gap, RawToken, RawTokens, MAX_PENDING};
use super::segment::{PlainWord, WordBounds};
use crate::normalized::{Normalized, TokenKind, T_CLAUSE, T_ELIDED, T_HYPHEN, T_QUOTED, T_SENTENCE};

/// Splits `text` into raw tokens (UAX #29 words, repaired for elisions and glue) and folds them into
/// `out`.
pub(super) fn segment_into(text: &str, raw: &mut RawTokens, out: &mut Normalized, folded: &mut Vec<FoldedByte>) {
    raw.pieces.clear();
    raw.tokens.clear();
    let mut state = SegState::default();
    let mut segments = WordBounds::new(text);
    loop {
        if raw.tokens.len() >= MAX_PENDING && state.open.is_none() && state.glue.is_none() {
            fold_pending(text, raw, out, folded);
        }
        if let Some(PlainWord { start, end, apostrophe, punct_end, spaces_end, ascii }) =
            plain_words_enabled().then(|| segments.plain_word()).flatten()
        {
            // Nothing glued before the word, and something that ends it after: a punctuation mark, spaces,
            // or the end. (Spaces followed by a mark are a word segment in UAX #29: `le \u{618}` glues.)
            let alone = state.open.is_none()
                && state.glue.is_none()
                && (punct_end > end || spaces_end > end || end == text.len());
            match apostrophe {
                None if alone && two_letters_or_more(text, start, end) => {
                    // The most common token: two letters or more, alone between spaces. Nothing glues to
                    // it, it has no elision, and it ends any run of letters spelled one by one (`c o n`)
                    // before it, so it goes straight into the skeleton, after the raw tokens before it:
                    // what closing it as a raw token and folding it later would do.
                    emit_raw_tokens(text, raw, out, folded);
                    let (flags, _) = state.take_token_flags();
                    if ascii {
                        out.push_ascii_word(text, start, end, flags);
                    } else {
                        let pushed = out.push_word(text, start, end, flags);
                        debug_assert!(pushed, "a plain word has letters");
                    }
                }
                None => state.word_piece(raw, text, start, end), // what `word` does without apostrophes
                Some((ap, after))
                    if alone
                        && raw.tokens.is_empty()
                        && is_elision(&text[start..ap])
                        && two_letters_or_more(text, after, end) =>
                {
                    // `t'es`: the elided prefix, then the word, straight into the skeleton as `word` and
                    // the fold would write them. No raw token is pending that a one-letter prefix could
                    // join (`c o n t'es` spells `cont`), and nothing follows the word that could join it.
                    let (flags, _) = state.take_token_flags();
                    out.push_word(text, start, ap, flags | T_ELIDED);
                    let (flags, _) = state.take_token_flags();
                    let pushed = out.push_word(text, after, end, flags);
                    debug_assert!(pushed, "a plain word has letters");
                }
                Some(_) => state.word(raw, text, start, &text[start..end]),
            }
            if punct_end > end {
                state.separator(raw, text, &text[end..punct_end]);
            }
            if spaces_end > punct_end {
                state.spaces(raw, text, spaces_end - punct_end);
            }
            continue;
        }
        let Some((start, seg)) = segments.next() else { break };
        let first = seg.as_bytes()[0];
        if first == b' ' && seg.bytes().all(|c| c == b' ') {
            state.spaces(raw, text, seg.len());
            continue;
        }
        let has_alnum = first.is_ascii_alphanumeric() || seg.chars().any(char::is_alphanumeric);
        // `t"es`: a double quote typed for an apostrophe, right after an elided prefix and before a word.
        let quote_as_apostrophe = seg == "\""
            && state.open_is_elision(raw, text)
            && segments.clone().next().is_some_and(|(_, next)| next.starts_with(char::is_alphabetic));
        if quote_as_apostrophe {
            state.close(raw);
            if let Some(elided) = raw.tokens.last_mut() {
                elided.flags |= T_ELIDED;
            }
            continue;
        }
        if has_alnum {
            state.word(raw, text, start, seg);
        } else if seg.chars().all(is_glue) {
            state.glue(start, seg);
        } else {
            state.separator(raw, text, seg);
        }
    }
    state.finish(raw, text);
    emit_raw_tokens(text, raw, out, folded);
}

#[cfg(any(test, fuzzing))]
thread_local! {
    /// Tests and fuzzers turn the plain-word shortcuts off to compare them with the general path.
    pub(super) static PLAIN_WORDS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Whether `segment_into` takes its plain-word shortcuts (always, but where tests and fuzzers compare
/// them with the general path).
#[inline(always)]
pub(super) fn plain_words_enabled() -> bool {
    #[cfg(any(test, fuzzing))]
    return PLAIN_WORDS.with(|p| p.get());
    #[cfg(not(any(test, fuzzing)))]
    true
}

/// Whether the plain word `text[start..end]` (letters only) has two letters or more: one letter may be
/// part of a word spelled out (`c o n`), which `RawTokens::spelled_letters` decides later.
pub(super) fn two_letters_or_more(text: &str, start: usize, end: usize) -> bool {
    end - start > 2 || (end - start == 2 && text.as_bytes()[start] < 0x80)
}

#[derive(Default)]
pub(super) struct SegState {
    /// The token being built: first piece index, kind.
    open: Option<(usize, TokenKind)>,
    /// Glue seen right after the open token (or before any): (start, end).
    glue: Option<(usize, usize)>,
    /// Flags for the next token.
    next_flags: u8,
    /// What separated the next token from the previous one.
    gap: GapAcc,
    quoted: bool,
    started: bool,
}

#[derive(Default, Clone, Copy)]
pub(super) struct GapAcc {
    chars: u32,
    heavy: bool,
    hyphen: bool,
}

impl SegState {
    /// Whether the token being built is a French elided prefix with nothing glued to it (`t`, `j`, `qu`).
    fn open_is_elision(&self, raw: &RawTokens, text: &str) -> bool {
        match self.open {
            Some((first, TokenKind::Word)) if self.glue.is_none() && first + 1 == raw.pieces.len() => {
                let (s, e) = raw.pieces[first];
                is_elision(&text[s as usize..e as usize])
            }
            _ => false,
        }
    }

    fn word(&mut self, raw: &mut RawTokens, text: &str, start: usize, seg: &str) {
        // Split French elisions off: `t'es`, `qu'il`, `j'suis`.
        let mut rest_start = start;
        let mut rest = seg;
        while let Some((pos, ap)) = find_apostrophe(rest) {
            let prefix = &rest[..pos];
            let after = &rest[pos + ap.len_utf8()..];
            if after.is_empty() || !is_elision(prefix) {
                break;
            }
            self.close_with_glue(raw, text);
            self.push_piece(raw, rest_start, rest_start + pos, TokenKind::Word);
            self.close(raw);
            if let Some(elided) = raw.tokens.last_mut() {
                elided.flags |= T_ELIDED;
            }
            self.gap = GapAcc::default(); // nothing separates `t'` from `es`
            rest_start += pos + ap.len_utf8();
            rest = after;
        }
        if !rest.is_empty() {
            self.word_piece(raw, text, rest_start, start + seg.len());
        }
    }

    /// A word piece without apostrophes, `text[start..end]`: a token of its own, or glued to the one
    /// being built.
    fn word_piece(&mut self, raw: &mut RawTokens, text: &str, rest_start: usize, end: usize) {
        match (self.open, self.glue) {
            // `s@lope`, `c*nnard`, `con\u{200B}nard`: glue between two word pieces joins them.
            (Some(_), Some((gs, ge))) => {
                let masked = text[gs..ge].contains('*');
                self.push_piece(raw, gs, ge, if masked { TokenKind::Masked } else { TokenKind::Word });
                self.glue = None;
                self.push_piece(raw, rest_start, end, TokenKind::Word);
            }
            (Some(_), None) => {
                // Two word segments with nothing between them (UAX #29 split, e.g. at an emoji ZWJ).
                self.push_piece(raw, rest_start, end, TokenKind::Word);
            }
            (None, Some((gs, ge))) => {
                let g = &text[gs..ge];
                self.glue = None;
                if g == "@" {
                    self.push_piece(raw, gs, end, TokenKind::Mention);
                } else {
                    let masked = g.contains('*');
                    self.push_piece(raw, gs, ge, if masked { TokenKind::Masked } else { TokenKind::Word });
                    self.push_piece(raw, rest_start, end, TokenKind::Word);
                }
            }
            (None, None) => self.push_piece(raw, rest_start, end, TokenKind::Word),
        }
    }

    /// A segment of `count` ASCII spaces, the most common one, decided without decoding: what
    /// `separator` does with it.
    #[inline(always)]
    fn spaces(&mut self, raw: &mut RawTokens, text: &str, count: usize) {
        self.close_with_glue(raw, text);
        self.gap.chars += count as u32;
        self.gap.hyphen = false;
    }

    fn glue(&mut self, start: usize, seg: &str) {
        match &mut self.glue {
            Some((_, e)) if *e == start => *e = start + seg.len(),
            _ => self.glue = Some((start, start + seg.len())),
        }
    }

    fn separator(&mut self, raw: &mut RawTokens, text: &str, seg: &str) {
        self.close_with_glue(raw, text);
        let mut sentence = false;
        let mut clause = false;
        for c in seg.chars() {
            match c {
                '.' | '!' | '?' | '…' | '\n' | '\r' | '\u{2029}' | '\u{2028}' => sentence = true,
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '–' | '—' => clause = true,
                '«' | '“' | '„' => self.quoted = true,
                '»' | '”' => self.quoted = false,
                '"' => self.quoted = !self.quoted,
                _ => {}
            }
            let light =
                matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '.' | '-' | '_' | '·' | '/' | '•' | ',' | '+' | '~' | '=');
            self.gap.chars += 1;
            self.gap.hyphen = self.gap.chars == 1 && matches!(c, '-' | '\u{2010}' | '\u{2011}');
            if !light || c == '\n' {
                self.gap.heavy = true;
            }
        }
        if sentence {
            self.next_flags |= T_SENTENCE | T_CLAUSE;
        }
        if clause {
            self.next_flags |= T_CLAUSE;
        }
    }

    /// Ends the open token; trailing mask glue (`p***`) stays in it, other glue is dropped. Inlined: after
    /// most words, no glue waits and the token is already closed.
    #[inline(always)]
    fn close_with_glue(&mut self, raw: &mut RawTokens, text: &str) {
        if let Some(glue) = self.glue.take() {
            self.end_glue(raw, text, glue);
        }
        if self.open.is_some() {
            self.close(raw);
        }
    }

    /// The glue part of `close_with_glue`: the glue `text[gs..ge]`, taken from `self.glue`.
    fn end_glue(&mut self, raw: &mut RawTokens, text: &str, (gs, ge): (usize, usize)) {
        let g = &text[gs..ge];
        if self.open.is_some() && g.chars().all(|c| c == '*' || is_invisible(c)) && g.contains('*') {
            self.push_piece(raw, gs, ge, TokenKind::Masked);
        } else if g.contains(['!', '¡']) {
            self.next_flags |= T_SENTENCE | T_CLAUSE;
            self.gap.heavy = true;
        }
        if self.open.is_none() || !g.contains('*') {
            self.gap.chars += g.chars().count() as u32;
            self.gap.heavy |= !g.chars().all(is_invisible);
        }
    }

    fn push_piece(&mut self, raw: &mut RawTokens, s: usize, e: usize, kind: TokenKind) {
        match &mut self.open {
            Some((_, k)) => {
                if kind == TokenKind::Masked {
                    *k = TokenKind::Masked;
                }
            }
            None => self.open = Some((raw.pieces.len(), kind)),
        }
        raw.pieces.push((s as u32, e as u32));
    }

    fn close(&mut self, raw: &mut RawTokens) {
        if let Some((first, kind)) = self.open.take() {
            let (flags, gap) = self.take_token_flags();
            raw.tokens.push(RawToken { pieces: (first as u32, raw.pieces.len() as u32), kind, flags, gap });
        }
    }

    /// The flags of the token being closed and what separated it from the previous one; the next token
    /// starts afresh.
    fn take_token_flags(&mut self) -> (u8, Gap) {
        let mut flags = self.next_flags;
        if !self.started {
            flags |= T_SENTENCE | T_CLAUSE;
            self.started = true;
        }
        if self.quoted {
            flags |= T_QUOTED;
        }
        if self.gap.hyphen && self.gap.chars == 1 {
            flags |= T_HYPHEN;
        }
        let gap = match (self.gap.chars, self.gap.heavy) {
            (0, _) => Gap::None,
            (1..=3, false) => Gap::Light,
            _ => Gap::Heavy,
        };
        self.next_flags = 0;
        self.gap = GapAcc::default();
        (flags, gap)
    }

    fn finish(&mut self, raw: &mut RawTokens, text: &str) {
        self.close_with_glue(raw, text);
    }
}
