//! Writing the skeleton: each token's folded letters, runs of a repeated letter collapsed (their length
//! kept in `runs`), digits as leetspeak inside words and as themselves in numbers.

use super::fold::{fold_char, leet_digit, FoldedByte, ASCII_FOLD, F_ONE};
use crate::normalized::{Normalized, Token, TokenKind, FOREIGN, T_REPEAT};

/// `T_REPEAT` if one of a token's `runs` is 2 or more.
pub(super) fn repeat_flag(runs: &[u8]) -> u8 {
    if runs.iter().any(|&r| r > 1) {
        T_REPEAT
    } else {
        0
    }
}

impl Normalized {
    pub(super) fn push_space(&mut self, at: u32) {
        self.text.push(b' ');
        self.runs.push(0);
        self.orig.push(at, at);
    }

    /// The common case of [`Self::push_token`], without its scratch list: a word of one piece. Its letters
    /// are written as they are read, digits as leetspeak (right when the word has a letter); a piece
    /// without any letter is a number, so what was written is taken back and `false` returned.
    pub(super) fn push_word(&mut self, text: &str, s: usize, e: usize, flags: u8) -> bool {
        let norm_start = self.text.len();
        let piece = &text[s..e];
        let bytes = piece.as_bytes();
        let mut has_letter = false;
        let mut off = 0;
        while off < bytes.len() {
            let at = (s + off) as u32;
            let c = bytes[off];
            if c.is_ascii_alphabetic() {
                // Most bytes: what the table gives them, without its look-up and the digit test.
                has_letter = true;
                self.put_folded(norm_start, c | 0x20, 0, at, at + 1);
                off += 1;
                continue;
            }
            if c < 0x80 {
                match ASCII_FOLD[c as usize] {
                    (0, _) => self.extend_last(norm_start, at + 1),
                    (b, f) => {
                        has_letter |= b.is_ascii_lowercase();
                        self.put_letter(norm_start, b, f, at, at + 1);
                    }
                }
                off += 1;
                continue;
            }
            let Some(ch) = piece[off..].chars().next() else { break };
            let end = at + ch.len_utf8() as u32;
            let folded = fold_char(ch);
            if folded.len == 0 {
                // Invisible and combining characters belong to the previous letter.
                self.extend_last(norm_start, end);
            }
            for &b in &folded.bytes[..folded.len as usize] {
                has_letter |= b.is_ascii_lowercase() || b == FOREIGN;
                self.put_letter(norm_start, b, folded.flags, at, end);
            }
            off += ch.len_utf8();
        }
        if !has_letter {
            self.text.truncate(norm_start);
            self.runs.truncate(norm_start);
            self.ones.truncate(self.ones.partition_point(|&p| (p as usize) < norm_start));
            self.orig.truncate(norm_start);
            return false;
        }
        let flags = flags | repeat_flag(&self.runs[norm_start..]);
        self.close_token(norm_start, (s as u32, e as u32), TokenKind::Word, flags);
        true
    }

    /// What [`Self::push_word`] does with a word of ASCII letters only (the plain-word shortcut's most
    /// common case), in a loop that does nothing else: fold the case, collapse a repeated letter.
    pub(super) fn push_ascii_word(&mut self, text: &str, s: usize, e: usize, mut flags: u8) {
        let norm_start = self.text.len();
        let mut last = 0; // no letter yet
        for (i, &c) in text.as_bytes()[s..e].iter().enumerate() {
            let b = c | 0x20; // lower case
            let end = (s + i + 1) as u32;
            if b == last {
                flags |= T_REPEAT;
                let k = self.text.len() - 1;
                self.runs[k] = self.runs[k].saturating_add(1);
                self.orig.set_end(k, end);
            } else {
                self.text.push(b);
                self.runs.push(1);
                self.orig.push(end - 1, end);
                last = b;
            }
        }
        self.close_token(norm_start, (s as u32, e as u32), TokenKind::Word, flags);
    }

    /// Ends the token written from `norm_start`, of original bytes `orig`: its entry, then the space after it.
    #[inline(always)]
    fn close_token(&mut self, norm_start: usize, orig: (u32, u32), kind: TokenKind, flags: u8) {
        let norm = (norm_start as u32, self.text.len() as u32);
        self.tokens.push(Token { norm, orig, kind, flags });
        self.push_space(orig.1);
    }

    /// Extends the original range of the token's last letter, if it has one yet, to `end`.
    #[inline(always)]
    fn extend_last(&mut self, norm_start: usize, end: u32) {
        if self.text.len() > norm_start {
            self.orig.set_end(self.text.len() - 1, end);
        }
    }

    /// Writes one folded letter of a word: a digit as its leetspeak letter, a repeated letter as a longer
    /// run of the previous one.
    #[inline(always)]
    fn put_letter(&mut self, norm_start: usize, b: u8, f: u8, at: u32, end: u32) {
        let (b, f) = if b.is_ascii_digit() { leet_digit(b).unwrap_or((b, f)) } else { (b, f) };
        self.put_folded(norm_start, b, f, at, end);
    }

    /// Writes one folded byte of the token that starts at `norm_start`: a repeated letter lengthens the
    /// previous one's run.
    #[inline(always)]
    fn put_folded(&mut self, norm_start: usize, b: u8, f: u8, at: u32, end: u32) {
        let len = self.text.len();
        if len > norm_start && self.text[len - 1] == b && b.is_ascii_lowercase() {
            self.runs[len - 1] = self.runs[len - 1].saturating_add(1);
            if f & F_ONE != 0 && self.ones.last() != Some(&(len as u32 - 1)) {
                self.ones.push(len as u32 - 1);
            }
            self.orig.set_end(len - 1, end);
        } else {
            if f & F_ONE != 0 {
                self.ones.push(len as u32);
            }
            self.text.push(b);
            self.runs.push(1);
            self.orig.push(at, end);
        }
    }

    pub(super) fn push_token(
        &mut self,
        text: &str,
        pieces: &[(u32, u32)],
        kind: TokenKind,
        flags: u8,
        scratch: &mut Vec<FoldedByte>,
    ) {
        if let [(s, e)] = *pieces {
            if kind == TokenKind::Word && self.push_word(text, s as usize, e as usize, flags) {
                return;
            }
        }
        scratch.clear();
        let mut has_letter = false;
        for &(s, e) in pieces {
            let (s, e) = (s as usize, e as usize);
            let piece = &text[s..e];
            if piece.is_ascii() {
                // Fast path, the same as below: an ASCII character is one byte and folds to at most one.
                for (off, &c) in piece.as_bytes().iter().enumerate() {
                    let at = (s + off) as u32;
                    let (b, f) = ASCII_FOLD[c as usize];
                    if b == 0 {
                        if let Some(last) = scratch.last_mut() {
                            last.end = at + 1;
                        }
                        continue;
                    }
                    has_letter |= b.is_ascii_lowercase();
                    scratch.push(FoldedByte { byte: b, flags: f, start: at, end: at + 1 });
                }
                continue;
            }
            for (off, c) in piece.char_indices() {
                let at = (s + off) as u32;
                let f = fold_char(c);
                let end = at + c.len_utf8() as u32;
                if f.len == 0 {
                    // Invisible and combining characters belong to the previous letter.
                    if let Some(last) = scratch.last_mut() {
                        last.end = end;
                    }
                    continue;
                }
                for &b in &f.bytes[..f.len as usize] {
                    has_letter |= b.is_ascii_lowercase() || b == FOREIGN;
                    scratch.push(FoldedByte { byte: b, flags: f.flags, start: at, end });
                }
            }
        }
        if scratch.is_empty() {
            return;
        }
        let orig_start = pieces[0].0;
        let orig_end = pieces[pieces.len() - 1].1;
        let kind = match kind {
            TokenKind::Word if !has_letter => TokenKind::Number,
            TokenKind::Masked if !has_letter => TokenKind::Number,
            k => k,
        };
        if kind == TokenKind::Mention && !scratch.is_empty() {
            scratch.remove(0); // the `@` itself is not part of the name
            if scratch.is_empty() {
                return; // `@` and only marks or controls (fuzz: "@\u{8}\u{36e}"): no name, no empty token
            }
        }
        if kind == TokenKind::Number && !scratch.iter().any(|x| x.byte.is_ascii_digit()) {
            return; // only stars and marks (fuzz: "*\u{36e}", U+036E is alphabetic): nothing to read
        }
        let norm_start = self.text.len() as u32;
        if kind == TokenKind::Number {
            // Digits stay digits (never leetspeak, never collapsed): `14`, `88`, `2024`. Patterns can ask for
            // any number with `{NUM}`; phone numbers are found on the original text.
            for &FoldedByte { byte: b, start: s, end: e, .. } in scratch.iter().filter(|x| x.byte.is_ascii_digit()) {
                self.text.push(b);
                self.runs.push(1);
                self.orig.push(s, e);
            }
        } else {
            for &FoldedByte { byte: b, flags: f, start: s, end: e } in scratch.iter() {
                let (b, f) = match leet_digit(b) {
                    Some(l) if has_letter => l,
                    _ => (b, f),
                };
                self.put_folded(norm_start as usize, b, f, s, e);
            }
        }
        let flags = flags | repeat_flag(&self.runs[norm_start as usize..]);
        self.close_token(norm_start as usize, (orig_start, orig_end), kind, flags);
    }
}
