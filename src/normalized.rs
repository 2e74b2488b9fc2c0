//! The normalised text: what the normaliser (`src/normalize/`) makes of a message and every later stage
//! reads. An ASCII *skeleton* `" tok tok "` (one space between tokens and around them, so that a lexicon
//! pattern `" con "` can only match a whole word), its letter runs, the `i`s written `1`, and the tokens
//! with their byte ranges in the original text.

/// The byte used in the skeleton for a masked letter (`*`).
pub(crate) const MASK: u8 = b'*';
/// The byte used in the skeleton for a letter outside the folded alphabet (Arabic, CJK…).
pub(crate) const FOREIGN: u8 = b'~';

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (possibly with leetspeak digits).
    Word,
    /// Digits only.
    Number,
    /// `@name`.
    Mention,
    /// A word with masked letters (`c*nnard`, `p***`).
    Masked,
}

/// Token flag: first token of a sentence (start of text, after `.`, `!`, `?`, `…` or a line break).
pub(crate) const T_SENTENCE: u8 = 1;
/// Token flag: first token of a clause (a sentence start, or after `,`, `;`, `:`, a dash, parentheses).
pub(crate) const T_CLAUSE: u8 = 2;
/// Token flag: inside quotation marks.
pub(crate) const T_QUOTED: u8 = 4;
/// Token flag: a French elided prefix (`t'` in `t'es`, `j'` in `j'suis`).
pub(crate) const T_ELIDED: u8 = 8;
/// Token flag: joined to the previous token by a single hyphen (`pique-nique`, `suicide-toi`).
pub(crate) const T_HYPHEN: u8 = 16;
/// Token flag: a letter of the token is repeated (a run of 2 or more), so its runs are not all 1.
pub(crate) const T_REPEAT: u8 = 32;

/// One token of the skeleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Range in [`Normalized::text`] (no surrounding spaces).
    pub norm: (u32, u32),
    /// Byte range in the original text.
    pub orig: (u32, u32),
    pub kind: TokenKind,
    pub flags: u8,
}

/// The skeleton of a text and its maps back to the original.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    /// `" tok tok "`: ASCII, lower case, letter runs collapsed.
    pub text: Vec<u8>,
    /// For each byte of `text`: how many times it was repeated in a row (0 for spaces).
    pub runs: Vec<u8>,
    /// The positions in `text` of the letters `i` written `1`, `|`, `!` or `¡` (`F_ONE`), which the lexicon
    /// also reads as `l`, in ascending order. Rare: a list of them rather than a byte of flags per letter,
    /// which cost a third of the writes of the skeleton.
    pub ones: Vec<u32>,
    /// For each byte of `text`: the original byte range it came from (test and fuzz builds only).
    pub orig: ByteOrigins,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
}

impl Normalized {
    /// The index of the token that contains skeleton byte `pos` (or the first one after it). Matching walks
    /// tokens forward instead; the invariant checks use this to cross-check the map.
    #[cfg(any(test, fuzzing))]
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| (t.norm.1 as usize) <= pos)
    }

    /// The skeleton bytes of token `i`.
    pub fn token_text(&self, i: usize) -> &[u8] {
        let t = &self.tokens[i];
        &self.text[t.norm.0 as usize..t.norm.1 as usize]
    }

    /// Whether token `i` reads as `word` (skeleton comparison; runs ignored).
    #[cfg(test)]
    pub fn token_is(&self, i: usize, word: &str) -> bool {
        i < self.tokens.len() && self.token_text(i) == word.as_bytes()
    }
}

/// For each byte of the skeleton, the byte range of the original text it came from (empty for spaces).
///
/// Findings only need whole tokens ([`Token::orig`]), so release builds keep no per-byte map (it was 8 of
/// the 11 bytes written per skeleton byte): it exists in test and fuzz builds, where the invariant checks
/// cross-check it against the tokens and the original text. Elsewhere every method is a no-op.
#[derive(Debug, Default)]
pub(crate) struct ByteOrigins {
    #[cfg(any(test, fuzzing))]
    pub ranges: Vec<(u32, u32)>,
}

#[allow(unused_variables)] // the arguments are only read in test and fuzz builds
impl ByteOrigins {
    #[inline(always)]
    pub(crate) fn clear(&mut self) {
        #[cfg(any(test, fuzzing))]
        self.ranges.clear();
    }

    #[inline(always)]
    pub(crate) fn reserve(&mut self, additional: usize) {
        #[cfg(any(test, fuzzing))]
        self.ranges.reserve(additional);
    }

    #[inline(always)]
    pub(crate) fn push(&mut self, start: u32, end: u32) {
        #[cfg(any(test, fuzzing))]
        self.ranges.push((start, end));
    }

    /// Extends the range of skeleton byte `i` to `end`.
    #[inline(always)]
    pub(crate) fn set_end(&mut self, i: usize, end: u32) {
        #[cfg(any(test, fuzzing))]
        {
            self.ranges[i].1 = end;
        }
    }

    #[inline(always)]
    pub(crate) fn truncate(&mut self, len: usize) {
        #[cfg(any(test, fuzzing))]
        self.ranges.truncate(len);
    }

    /// Appends the ranges of bytes `s..e` of `from` (the spelling repairs copy the tokens they keep).
    #[inline(always)]
    pub(crate) fn copy_ranges(&mut self, from: &ByteOrigins, s: usize, e: usize) {
        #[cfg(any(test, fuzzing))]
        self.ranges.extend_from_slice(&from.ranges[s..e]);
    }
}
