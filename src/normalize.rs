//! Text → folded token stream + offset map.
//!
//! The output is an ASCII *skeleton*: `" tok tok tok "`, one space between tokens and around them, so that
//! a lexicon pattern `" con "` can only match a whole word. Every byte of the skeleton remembers
//! - the byte range of the original text it came from (in test and fuzz builds only, where the invariant
//!   checks cross-check it; findings point at whole tokens, whose ranges every build keeps),
//! - how many times the letter was repeated (`connaaaard` → `connard`, with the run of `a` = 4), because
//!   letter runs are collapsed in the skeleton and checked against the lexicon afterwards,
//! - whether it came from a leetspeak digit or symbol, or is a mask (`c*nnard`).
//!
//! Word boundaries come from Unicode word segmentation (UAX #29) on the original text, then three repairs
//! that obfuscation needs: French elisions are split (`t'es` → `t` `es`); leetspeak and mask symbols glue
//! pieces back together (`s@lope`, `c*nnard`, zero-width characters inside a word); and runs of three or
//! more single letters separated by light separators are joined (`c o n n a r d`, `c-o-n-n-a-r-d`).

use crate::bits::{ascii_letters, HIGHS};
use crate::normalized::{
    Normalized, Token, TokenKind, FOREIGN, MASK, T_CLAUSE, T_ELIDED, T_HYPHEN, T_QUOTED, T_REPEAT, T_SENTENCE,
};
use unicode_segmentation::UnicodeSegmentation;

/// Fold flag: the letter came from a digit or symbol (leetspeak).
pub(crate) const F_LEET: u8 = 1;
/// Fold flag: the letter came from `1`, `|`, `!` or `¡`, which may stand for `i` or `l` (such `i`s are
/// listed in [`Normalized::ones`]).
pub(crate) const F_ONE: u8 = 2;

/// Normalises `text`. Linear in its length. (The analyzer reuses buffers through [`normalize_into`].)
#[cfg(any(test, fuzzing, feature = "bench-internals"))]
pub(crate) fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    normalize_into(text, &mut out, &mut Scratch::default());
    out
}

/// Buffers `normalize_into` reuses from one call to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    raw: RawTokens,
    folded: Vec<(u8, u8, u32, u32)>,
}

/// Normalises `text` into `out` (cleared first), reusing the buffers of `out` and `scratch`: the same
/// result as `normalize` (test, fuzz and bench builds), without allocating once the buffers are large
/// enough.
pub(crate) fn normalize_into(text: &str, out: &mut Normalized, scratch: &mut Scratch) {
    out.text.clear();
    out.runs.clear();
    out.ones.clear();
    out.orig.clear();
    out.tokens.clear();
    out.text.reserve(text.len() + 2);
    out.runs.reserve(text.len() + 2);
    out.orig.reserve(text.len() + 2);
    out.push_space(0);
    segment_into(text, &mut scratch.raw, out, &mut scratch.folded);
}

/// Folds the raw tokens into `out` and clears them: the tokens before a word that ends every spelled-out
/// run (or all of them, at the end).
#[inline(always)]
fn emit_raw_tokens(text: &str, raw: &mut RawTokens, out: &mut Normalized, scratch: &mut Vec<(u8, u8, u32, u32)>) {
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
const MAX_PENDING: usize = 256;

/// Folds the raw tokens before the spelled-out run still going on at their end (a run of `MAX_PENDING`
/// tokens is no word: it is folded too, and the rest of it starts a new run). Called between tokens (none
/// open, no glue pending), once `MAX_PENDING` raw tokens wait.
fn fold_pending(text: &str, raw: &mut RawTokens, out: &mut Normalized, scratch: &mut Vec<(u8, u8, u32, u32)>) {
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
fn emit_raw_tokens_before(
    end: usize,
    text: &str,
    raw: &RawTokens,
    out: &mut Normalized,
    scratch: &mut Vec<(u8, u8, u32, u32)>,
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
enum Gap {
    /// Nothing between this token and the previous one (elision, glue).
    None,
    /// One to three characters of space, `.`, `-`, `_`, `·` or `/`, no line break.
    Light,
    /// Anything else.
    Heavy,
}

/// 12 bytes: text of single letters (`a b c …`) keeps one per letter, up to `MAX_PENDING`.
#[derive(Clone, Copy, Debug)]
struct RawToken {
    /// Range into `RawTokens::pieces`.
    pieces: (u32, u32),
    kind: TokenKind,
    flags: u8,
    gap: Gap,
}

/// Tokens as lists of original byte ranges, before folding. (Offsets are `u32`, as in `Token::orig`.)
#[derive(Default)]
struct RawTokens {
    pieces: Vec<(u32, u32)>,
    tokens: Vec<RawToken>,
}

impl RawTokens {
    /// If token `i` is spelled out letter by letter (`c`, `0`, `n.n.a.r.d`), how many letters it has.
    fn spelled_letters(&self, text: &str, i: usize) -> Option<usize> {
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

/// Symbols that may stand inside a word: leetspeak letters and masks.
fn is_glue(c: char) -> bool {
    matches!(c, '*' | '@' | '$' | '€' | '£' | '!' | '|' | '¡') || is_invisible(c)
}

/// Characters that are not shown and never separate words.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

pub(crate) fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{FE00}'..='\u{FE0F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´' | 'ʹ' | '′')
}

/// The first apostrophe of `s` (see [`is_apostrophe`]) and its offset. Scans bytes: every apostrophe is
/// ASCII or starts with 0xC2, 0xCA or 0xE2, so other characters are never decoded.
fn find_apostrophe(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'\'' | b'`' | 0xC2 | 0xCA | 0xE2) {
            let c = s[i..].chars().next()?;
            if is_apostrophe(c) {
                return Some((i, c));
            }
        }
        i += 1;
    }
    None
}

/// French elided prefixes, split off as their own token (`t'es` → `t` + `es`).
pub(crate) fn is_elision(prefix: &str) -> bool {
    let mut buf = [0u8; 8];
    let mut n = 0;
    for c in prefix.chars() {
        if n == buf.len() || !c.is_alphabetic() {
            return false;
        }
        let l = c.to_ascii_lowercase();
        if !l.is_ascii() {
            return false;
        }
        buf[n] = l as u8;
        n += 1;
    }
    matches!(
        &buf[..n],
        b"c" | b"d"
            | b"j"
            | b"l"
            | b"m"
            | b"n"
            | b"s"
            | b"t"
            | b"y"
            | b"qu"
            | b"jusqu"
            | b"lorsqu"
            | b"puisqu"
            | b"quoiqu"
    )
}

/// Splits `text` into raw tokens (UAX #29 words, repaired for elisions and glue) and folds them into
/// `out`.
fn segment_into(text: &str, raw: &mut RawTokens, out: &mut Normalized, folded: &mut Vec<(u8, u8, u32, u32)>) {
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
    static PLAIN_WORDS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Whether `segment_into` takes its plain-word shortcuts (always, but where tests and fuzzers compare
/// them with the general path).
#[inline(always)]
fn plain_words_enabled() -> bool {
    #[cfg(any(test, fuzzing))]
    return PLAIN_WORDS.with(|p| p.get());
    #[cfg(not(any(test, fuzzing)))]
    true
}

/// [`normalize`] without the plain-word shortcuts: every segment through the general path.
#[cfg(any(test, fuzzing))]
pub(crate) fn normalize_without_shortcuts(text: &str) -> Normalized {
    PLAIN_WORDS.with(|p| p.set(false));
    let n = normalize(text);
    PLAIN_WORDS.with(|p| p.set(true));
    n
}

/// Whether the plain word `text[start..end]` (letters only) has two letters or more: one letter may be
/// part of a word spelled out (`c o n`), which `RawTokens::spelled_letters` decides later.
fn two_letters_or_more(text: &str, start: usize, end: usize) -> bool {
    end - start > 2 || (end - start == 2 && text.as_bytes()[start] < 0x80)
}

/// UAX #29 word boundaries, as `split_word_bound_indices` gives them, with a fast path for Latin text.
///
/// The text is cut at ASCII spaces into alternating space runs and non-space runs. A non-space run made of
/// *fast* characters only (ASCII, the Latin letters U+00C0–U+017F but × and ÷, and the apostrophe ’) is
/// segmented by `fast_segment_end` (the UAX #29 rules restricted to those characters); a run with other
/// characters is handed to `unicode-segmentation` together with the space runs around it (and any slow run
/// those connect it to). The cut is always a UAX #29 boundary: it lies between an ASCII space and an ASCII
/// character that is neither a space nor an Extend/Format character, where no rule joins, and no rule looks
/// across it (the rules that look one character further, WB6/7/11/12, need a letter or a digit there, never
/// a space). The test `word_bounds_match_unicode_segmentation` checks this.
#[derive(Clone)]
struct WordBounds<'a> {
    text: &'a str,
    /// Next byte to segment (outside a slow region).
    pos: usize,
    /// End of the fast non-space run being segmented by the fast path (`pos < fast_end`).
    fast_end: usize,
    /// A region handed to `unicode-segmentation`: its start offset and iterator.
    slow: Option<(usize, unicode_segmentation::UWordBoundIndices<'a>)>,
}

/// A word of letters only (but one apostrophe between letters), the punctuation mark glued after it if
/// any, and the spaces after that, as segments: `text[start..end]`, `text[end..punct_end]` (empty or one
/// byte), `text[punct_end..spaces_end]` (empty or spaces).
#[derive(Clone, Copy, Debug)]
struct PlainWord {
    start: usize,
    end: usize,
    /// Where the apostrophe is, if there is one: `text[s..e]`.
    apostrophe: Option<(usize, usize)>,
    punct_end: usize,
    spaces_end: usize,
    /// Whether the word's letters are all ASCII.
    ascii: bool,
}

/// What a fast character is to UAX #29 word segmentation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FastClass {
    /// ALetter: ASCII and Latin letters.
    Letter,
    /// Numeric: ASCII digits.
    Digit,
    /// ExtendNumLet: `_`.
    Underscore,
    /// MidLetter `:`.
    MidLetter,
    /// MidNum `,` `;`.
    MidNum,
    /// MidNumLet `.`, `'`, `’`.
    MidNumLet,
    /// CR (joins an LF after it).
    Cr,
    /// Any other ASCII character: a segment of its own.
    Other,
}

/// The class and UTF-8 length of the fast character at `b[i]`, or `None` if it is not a fast character.
#[inline(always)]
fn fast_char(b: &[u8], i: usize) -> Option<(FastClass, usize)> {
    let c = b[i];
    if c < 0x80 {
        let class = match c {
            b'a'..=b'z' | b'A'..=b'Z' => FastClass::Letter,
            b'0'..=b'9' => FastClass::Digit,
            b'_' => FastClass::Underscore,
            b':' => FastClass::MidLetter,
            b',' | b';' => FastClass::MidNum,
            b'.' | b'\'' => FastClass::MidNumLet,
            b'\r' => FastClass::Cr,
            _ => FastClass::Other,
        };
        return Some((class, 1));
    }
    let next = b.get(i + 1).copied().unwrap_or(0);
    match c {
        // U+00C0–U+00FF: letters but × (C3 97) and ÷ (C3 B7).
        0xC3 if next != 0x97 && next != 0xB7 => Some((FastClass::Letter, 2)),
        // U+0100–U+017F: Latin Extended-A, all letters.
        0xC4 | 0xC5 => Some((FastClass::Letter, 2)),
        // U+2019 ’ (MidNumLet).
        0xE2 if next == 0x80 && b.get(i + 2) == Some(&0x99) => Some((FastClass::MidNumLet, 3)),
        _ => None,
    }
}

impl<'a> WordBounds<'a> {
    fn new(text: &'a str) -> Self {
        WordBounds { text, pos: 0, fast_end: 0, slow: None }
    }

    /// End of the non-space run starting at `i`, and whether it is all fast characters.
    fn run(&self, i: usize) -> (usize, bool) {
        let b = self.text.as_bytes();
        let mut j = i;
        let mut fast = true;
        while j < b.len() && b[j] != b' ' {
            if b[j] < 0x80 {
                j += 1;
                continue;
            }
            match fast_char(b, j) {
                Some((_, len)) if fast => j += len,
                _ => {
                    fast = false;
                    j += 1;
                }
            }
        }
        (j, fast)
    }

    /// If the next segment starts a run made of letters only (ASCII or fast Latin letters), followed by a
    /// space, the end, one of `, . ; : ?` and then a space or the end, or a `-` or a line break: those
    /// segments, found in one scan. The word is a whole segment; the punctuation mark is one of its own
    /// (a letter must follow `.` or `:` for them to join letters); then comes the space segment `next`
    /// would return (`spaces_end == punct_end` when there is none, or when the spaces belong to a slow
    /// region).
    fn plain_word(&mut self) -> Option<PlainWord> {
        let b = self.text.as_bytes();
        let i = self.pos;
        if self.slow.is_some() || i < self.fast_end || i >= b.len() {
            return None;
        }
        let mut ascii = true;
        let mut letters_end = |mut j: usize| {
            loop {
                // Eight bytes at a time while they are ASCII letters (most words end in the first eight).
                while let Some(chunk) = b.get(j..j + 8) {
                    let letters = ascii_letters(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
                    let others = !letters & HIGHS;
                    if others != 0 {
                        j += others.trailing_zeros() as usize / 8;
                        break;
                    }
                    j += 8;
                }
                match b.get(j) {
                    Some(b'a'..=b'z' | b'A'..=b'Z') => j += 1, // the last seven bytes of the text
                    Some(0xC3..=0xC5) if fast_char(b, j) == Some((FastClass::Letter, 2)) => {
                        ascii = false;
                        j += 2
                    }
                    _ => break,
                }
            }
            j
        };
        let mut j = letters_end(i);
        if j == i {
            return None;
        }
        // One apostrophe between letters (`t'es`, `qu’il`, `aujourd'hui`): UAX #29 keeps them in one segment.
        let mut apostrophe = None;
        // The MidNumLet characters but `.`: `'` and `’` (`l.es` is no elision).
        let after = match (j < b.len()).then(|| fast_char(b, j)).flatten() {
            Some((FastClass::MidNumLet, len)) if b[j] != b'.' => j + len,
            _ => j,
        };
        if after > j {
            let k = letters_end(after);
            if k == after {
                return None;
            }
            apostrophe = Some((j, after));
            j = k;
        }
        let punct_end = match b.get(j) {
            None | Some(b' ') => j,
            Some(b',' | b'.' | b';' | b':' | b'?') if b.get(j + 1).is_none_or(|&c| c == b' ') => j + 1,
            // `week-end`, a line break: a segment of its own whatever follows, unless a mark or a format
            // character (which a fast character never is) extends it (WB4).
            Some(b'-' | b'\n') if j + 1 == b.len() || fast_char(b, j + 1).is_some() => j + 1,
            _ => return None,
        };
        let mut word = PlainWord { start: i, end: j, apostrophe, punct_end, spaces_end: punct_end, ascii };
        self.pos = punct_end;
        if punct_end < b.len() {
            // The same test as `next` makes for a space run.
            let q = self.spaces_end(punct_end);
            if q == b.len() || fast_char(b, q).is_some() {
                self.pos = q;
                word.spaces_end = q;
            }
        }
        Some(word)
    }

    fn spaces_end(&self, i: usize) -> usize {
        let b = self.text.as_bytes();
        let mut j = i;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        j
    }
}

/// End of the UAX #29 word segment starting at `i` in `b[..e]`, all fast characters and without spaces.
fn fast_segment_end(b: &[u8], i: usize, e: usize) -> usize {
    use FastClass::*;
    // A fast run has only fast characters; `Other` is never reached.
    let class = |k: usize| fast_char(b, k).unwrap_or((FastClass::Other, 1));
    let (first, len) = class(i);
    match first {
        Cr => return if i + 1 < e && b[i + 1] == b'\n' { i + 2 } else { i + 1 }, // WB3
        Letter | Digit | Underscore => {}
        _ => return i + len, // WB999 (and WB3a/b around line breaks)
    }
    let mut prev = first;
    let mut j = i + len;
    while j < e {
        let (c, len) = class(j);
        if matches!(c, Letter | Digit | Underscore) {
            prev = c;
            j += len; // WB5, WB8-10, WB13a/b
            continue;
        }
        if j + len < e {
            let (next, next_len) = class(j + len);
            let letters = prev == Letter && next == Letter && matches!(c, MidLetter | MidNumLet);
            let digits = prev == Digit && next == Digit && matches!(c, MidNum | MidNumLet);
            if letters || digits {
                prev = next;
                j += len + next_len; // WB6/7, WB11/12
                continue;
            }
        }
        break;
    }
    j
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if let Some((offset, it)) = &mut self.slow {
            if let Some((s, seg)) = it.next() {
                return Some((*offset + s, seg));
            }
            self.slow = None;
        }
        let text = self.text;
        let b = text.as_bytes();
        let i = self.pos;
        if i >= b.len() {
            return None;
        }
        if i < self.fast_end {
            let j = fast_segment_end(b, i, self.fast_end);
            self.pos = j;
            return Some((i, &text[i..j]));
        }
        let slow_from = if b[i] == b' ' {
            let q = self.spaces_end(i);
            // No fast character extends a space run (none is Extend, Format, ZWJ or WSegSpace), and a
            // segmentation that starts right after spaces is the same as the whole text's: the run at
            // `q` is looked at by the next call.
            if q == b.len() || fast_char(b, q).is_some() {
                self.pos = q;
                return Some((i, &text[i..q]));
            }
            q
        } else {
            let (e, fast) = self.run(i);
            if fast {
                self.fast_end = e;
                let j = fast_segment_end(b, i, e);
                self.pos = j;
                return Some((i, &text[i..j]));
            }
            i
        };
        // A slow region: from `i` over slow runs and the space runs around them, up to the next fast
        // non-space run (or the end).
        let mut end = slow_from;
        loop {
            end = self.run(end).0;
            end = self.spaces_end(end);
            if end == b.len() || self.run(end).1 {
                break;
            }
        }
        self.pos = end;
        let mut it = text[i..end].split_word_bound_indices();
        let (s, seg) = it.next()?;
        self.slow = Some((i, it));
        Some((i + s, seg))
    }
}

#[derive(Default)]
struct SegState {
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
struct GapAcc {
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

/// `T_REPEAT` if one of a token's `runs` is 2 or more.
fn repeat_flag(runs: &[u8]) -> u8 {
    if runs.iter().any(|&r| r > 1) {
        T_REPEAT
    } else {
        0
    }
}

/// One folded character: up to three ASCII bytes.
#[derive(Clone, Copy)]
pub(crate) struct Folded {
    bytes: [u8; 3],
    len: u8,
    flags: u8,
}

impl Folded {
    /// The folded bytes of a letter written as itself (no leetspeak flag), or `None`.
    pub(crate) fn plain_letters(&self) -> Option<&[u8]> {
        (self.len > 0 && self.flags == 0).then(|| &self.bytes[..self.len as usize])
    }

    const NONE: Folded = Folded { bytes: [0; 3], len: 0, flags: 0 };
    fn one(b: u8) -> Folded {
        Folded { bytes: [b, 0, 0], len: 1, flags: 0 }
    }
    fn two(a: u8, b: u8) -> Folded {
        Folded { bytes: [a, b, 0], len: 2, flags: 0 }
    }
}

/// How `fold_char` folds each ASCII character: (byte, `F_*` flags), byte 0 for none.
const ASCII_FOLD: [(u8, u8); 128] = {
    let mut t = [(0u8, 0u8); 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = match b {
            b'A'..=b'Z' => (b.to_ascii_lowercase(), 0),
            b'a'..=b'z' | b'0'..=b'9' => (b, 0),
            b'*' => (MASK, 0),
            b'@' => (b'a', F_LEET),
            b'$' => (b's', F_LEET),
            b'!' | b'|' => (b'i', F_LEET | F_ONE),
            _ => (0, 0), // apostrophes, dots and dashes inside a word
        };
        c += 1;
    }
    t
};

/// Folds one character of a word: case, diacritics, compatibility forms, homoglyphs. Digits stay digits
/// here (leetspeak is decided per token). Returns no byte for invisible and combining characters.
pub(crate) fn fold_char(c: char) -> Folded {
    if c.is_ascii() {
        let (b, flags) = ASCII_FOLD[c as usize];
        return if b == 0 { Folded::NONE } else { Folded { bytes: [b, 0, 0], len: 1, flags } };
    }
    if is_invisible(c) || is_combining(c) {
        return Folded::NONE;
    }
    let b =
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą'
            | 'Ą' => b'a',
            'ç' | 'Ç' | 'ć' | 'Ć' | 'ĉ' | 'Ĉ' | 'ċ' | 'Ċ' | 'č' | 'Č' => b'c',
            'ď' | 'Ď' | 'đ' | 'Đ' | 'ð' | 'Ð' => b'd',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'Ē' | 'ĕ' | 'Ĕ' | 'ė' | 'Ė' | 'ę' | 'Ę' | 'ě'
            | 'Ě' => b'e',
            'ĝ' | 'Ĝ' | 'ğ' | 'Ğ' | 'ġ' | 'Ġ' | 'ģ' | 'Ģ' => b'g',
            'ĥ' | 'Ĥ' | 'ħ' | 'Ħ' => b'h',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ĩ' | 'Ĩ' | 'ī' | 'Ī' | 'ĭ' | 'Ĭ' | 'į' | 'Į' | 'ı'
            | 'İ' => b'i',
            'ĵ' | 'Ĵ' => b'j',
            'ķ' | 'Ķ' => b'k',
            'ĺ' | 'Ĺ' | 'ļ' | 'Ļ' | 'ľ' | 'Ľ' | 'ŀ' | 'Ŀ' | 'ł' | 'Ł' => b'l',
            'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ņ' | 'Ņ' | 'ň' | 'Ň' => b'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ō' | 'Ō' | 'ŏ' | 'Ŏ' | 'ő'
            | 'Ő' => b'o',
            'ŕ' | 'Ŕ' | 'ŗ' | 'Ŗ' | 'ř' | 'Ř' => b'r',
            'ś' | 'Ś' | 'ŝ' | 'Ŝ' | 'ş' | 'Ş' | 'š' | 'Š' | 'ſ' => b's',
            'ţ' | 'Ţ' | 'ť' | 'Ť' | 'ŧ' | 'Ŧ' => b't',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ũ' | 'Ũ' | 'ū' | 'Ū' | 'ŭ' | 'Ŭ' | 'ů' | 'Ů' | 'ű'
            | 'Ű' | 'ų' | 'Ų' => b'u',
            'ŵ' | 'Ŵ' => b'w',
            'ý' | 'ÿ' | 'Ý' | 'Ÿ' | 'ŷ' | 'Ŷ' => b'y',
            'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => b'z',
            'œ' | 'Œ' => return Folded::two(b'o', b'e'),
            'æ' | 'Æ' => return Folded::two(b'a', b'e'),
            'ß' => return Folded::two(b's', b's'),
            'þ' | 'Þ' => return Folded::two(b't', b'h'),
            // Cyrillic look-alikes
            'а' | 'А' => b'a',
            'в' | 'В' => b'b',
            'с' | 'С' | 'ϲ' | 'Ϲ' => b'c',
            'ԁ' => b'd',
            'е' | 'Е' | 'ё' | 'Ё' => b'e',
            'һ' | 'Һ' | 'н' | 'Н' => b'h',
            'і' | 'І' | 'ї' | 'Ї' => b'i',
            'ј' | 'Ј' => b'j',
            'к' | 'К' => b'k',
            'м' | 'М' => b'm',
            'о' | 'О' => b'o',
            'р' | 'Р' => b'p',
            'ѕ' | 'Ѕ' => b's',
            'т' | 'Т' => b't',
            'у' | 'У' => b'y',
            'х' | 'Х' => b'x',
            'п' | 'П' => b'n',
            'ь' | 'Ь' => b'b',
            'ӏ' | 'Ӏ' => b'l',
            'ԛ' => b'q',
            'ԝ' => b'w',
            // Greek look-alikes
            'α' | 'Α' | 'ά' => b'a',
            'β' | 'Β' => b'b',
            'ε' | 'Ε' | 'έ' => b'e',
            'η' | 'Η' => b'n',
            'ι' | 'Ι' | 'ί' => b'i',
            'κ' | 'Κ' => b'k',
            'μ' | 'Μ' => b'm',
            'ν' | 'Ν' => b'v',
            'ο' | 'Ο' | 'ό' => b'o',
            'ρ' | 'Ρ' => b'p',
            'τ' | 'Τ' => b't',
            'υ' | 'Υ' | 'ύ' => b'u',
            'χ' | 'Χ' => b'x',
            'ζ' | 'Ζ' => b'z',
            // Small capitals and IPA look-alikes
            'ᴀ' => b'a',
            'ʙ' => b'b',
            'ᴄ' => b'c',
            'ᴅ' => b'd',
            'ᴇ' => b'e',
            'ꜰ' => b'f',
            'ɢ' => b'g',
            'ʜ' => b'h',
            'ɪ' => b'i',
            'ᴊ' => b'j',
            'ᴋ' => b'k',
            'ʟ' => b'l',
            'ᴍ' => b'm',
            'ɴ' => b'n',
            'ᴏ' => b'o',
            'ᴘ' => b'p',
            'ʀ' => b'r',
            'ꜱ' => b's',
            'ᴛ' => b't',
            'ᴜ' => b'u',
            'ᴠ' => b'v',
            'ᴡ' => b'w',
            'ʏ' => b'y',
            'ᴢ' => b'z',
            '€' => return Folded { bytes: [b'e', 0, 0], len: 1, flags: F_LEET },
            '£' => return Folded { bytes: [b'l', 0, 0], len: 1, flags: F_LEET },
            '¡' => return Folded { bytes: [b'i', 0, 0], len: 1, flags: F_LEET | F_ONE },
            _ => return fold_compat(c),
        };
    Folded::one(b)
}

/// Full-width forms, mathematical alphanumerics and enclosed letters.
fn fold_compat(c: char) -> Folded {
    let u = c as u32;
    let letter = |i: u32| Folded::one(b'a' + (i % 26) as u8);
    let digit = |i: u32| Folded::one(b'0' + (i % 10) as u8);
    match u {
        0xFF21..=0xFF3A => letter(u - 0xFF21),
        0xFF41..=0xFF5A => letter(u - 0xFF41),
        0xFF10..=0xFF19 => digit(u - 0xFF10),
        0x1D400..=0x1D6A3 => letter((u - 0x1D400) % 52),
        0x1D7CE..=0x1D7FF => digit(u - 0x1D7CE),
        0x24B6..=0x24CF => letter(u - 0x24B6),
        0x24D0..=0x24E9 => letter(u - 0x24D0),
        0x1F130..=0x1F149 => letter(u - 0x1F130),
        0x1F150..=0x1F169 => letter(u - 0x1F150),
        0x1F170..=0x1F189 => letter(u - 0x1F170),
        0x1F1E6..=0x1F1FF => letter(u - 0x1F1E6),
        _ => {
            // Any other letter: its lower case if that is ASCII, else a placeholder that matches nothing.
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.is_ascii_alphabetic() => Folded::one(l as u8),
                _ if c.is_alphanumeric() => Folded::one(FOREIGN),
                _ => Folded::NONE,
            }
        }
    }
}

/// Leetspeak for digits inside a word that has letters.
fn leet_digit(d: u8) -> Option<(u8, u8)> {
    Some(match d {
        b'0' => (b'o', F_LEET),
        b'1' => (b'i', F_LEET | F_ONE),
        b'3' => (b'e', F_LEET),
        b'4' => (b'a', F_LEET),
        b'5' => (b's', F_LEET),
        b'7' => (b't', F_LEET),
        b'8' => (b'b', F_LEET),
        b'9' => (b'g', F_LEET),
        _ => return None,
    })
}

impl Normalized {
    fn push_space(&mut self, at: u32) {
        self.text.push(b' ');
        self.runs.push(0);
        self.orig.push(at, at);
    }

    /// The common case of [`Self::push_token`], without its scratch list: a word of one piece. Its letters
    /// are written as they are read, digits as leetspeak (right when the word has a letter); a piece
    /// without any letter is a number, so what was written is taken back and `false` returned.
    fn push_word(&mut self, text: &str, s: usize, e: usize, flags: u8) -> bool {
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
    fn push_ascii_word(&mut self, text: &str, s: usize, e: usize, mut flags: u8) {
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

    fn push_token(
        &mut self,
        text: &str,
        pieces: &[(u32, u32)],
        kind: TokenKind,
        flags: u8,
        scratch: &mut Vec<(u8, u8, u32, u32)>,
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
                            last.3 = at + 1;
                        }
                        continue;
                    }
                    has_letter |= b.is_ascii_lowercase();
                    scratch.push((b, f, at, at + 1));
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
                        last.3 = end;
                    }
                    continue;
                }
                for &b in &f.bytes[..f.len as usize] {
                    has_letter |= b.is_ascii_lowercase() || b == FOREIGN;
                    scratch.push((b, f.flags, at, end));
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
        if kind == TokenKind::Number && !scratch.iter().any(|x| x.0.is_ascii_digit()) {
            return; // only stars and marks (fuzz: "*\u{36e}", U+036E is alphabetic): nothing to read
        }
        let norm_start = self.text.len() as u32;
        if kind == TokenKind::Number {
            // Digits stay digits (never leetspeak, never collapsed): `14`, `88`, `2024`. Patterns can ask for
            // any number with `{NUM}`; phone numbers are found on the original text.
            for &(b, _, s, e) in scratch.iter().filter(|x| x.0.is_ascii_digit()) {
                self.text.push(b);
                self.runs.push(1);
                self.orig.push(s, e);
            }
        } else {
            for &(b, f, s, e) in scratch.iter() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn skeleton(text: &str) -> String {
        String::from_utf8(normalize(text).text).unwrap()
    }

    fn spans(text: &str) -> Vec<&str> {
        normalize(text).tokens.iter().map(|t| &text[t.orig.0 as usize..t.orig.1 as usize]).collect()
    }

    #[test]
    fn long_pending_runs_are_folded_early_and_spelled_words_stay_whole() {
        // Words that are no plain word (`x2x`) wait as raw tokens; past MAX_PENDING of them, those
        // before a spelled-out run are folded, wherever the bound falls inside the run.
        for before in MAX_PENDING - 10..MAX_PENDING + 3 {
            let text = format!("{}c o n n a r d fin", "x2x ".repeat(before));
            let n = normalize(&text);
            assert_eq!(n.tokens.len(), before + 2, "{before} tokens before");
            assert_eq!(n.token_text(before), b"conard", "{before} tokens before");
            let general = normalize_without_shortcuts(&text);
            assert_eq!((&general.text, &general.runs), (&n.text, &n.runs), "{before} tokens before");
        }
        // Single letters only: a run is folded every MAX_PENDING letters, every letter kept.
        let text: String = (0..1000).map(|i| format!("{} ", (b'a' + (i % 10) as u8) as char)).collect();
        let n = normalize(&text);
        assert_eq!(n.tokens.len(), 1000_usize.div_ceil(MAX_PENDING));
        assert!(n.tokens.iter().all(|t| ((t.norm.1 - t.norm.0) as usize) <= MAX_PENDING));
        let letters: usize = (0..n.tokens.len()).map(|i| n.token_text(i).len()).sum();
        assert_eq!(letters, 1000);
    }

    #[test]
    fn plain_word_shortcuts_change_nothing() {
        // `segment_into` writes plain words (`salut`, `salut,`, `t'es`) straight into the skeleton; without
        // that shortcut every segment takes the general path. Both must give the same skeleton, runs,
        // flags, offsets and tokens, whatever surrounds the words: spelled letters, elisions, glue, masks,
        // punctuation, quotes, marks (U+0618 is alphabetic: after a space, UAX #29 makes it a word
        // segment that glues to the word before).
        let palette = [
            "salut", "Tu", "es", "con", "c", "o", "n", "a", "t", "j", "qu", "l", "t'", "j'", "qu'", "Qu’", "aujourd'",
            "hui", "é", "Élève", "ça", "' ", "'", "’", " ", " ", "  ", ",", ".", ";", ":", "?", "!", "-", "_", "*",
            "@", "$", "3", "0", "\"", "«", "»", "\n", "\u{200b}", "\u{301}", "\u{618}", "😀", "ß", "œ", "×", "...",
        ];
        let mut rand = crate::invariants::xorshift(0xC0FF_EE00_D15E_A5E5u64);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rand(14) {
                text.push_str(palette[rand(palette.len())]);
            }
            let fast = normalize(&text);
            let general = normalize_without_shortcuts(&text);
            assert_eq!(format!("{fast:?}"), format!("{general:?}"), "{text:?}");
        }
    }

    #[test]
    fn word_bounds_match_unicode_segmentation() {
        let palette = [
            "a", "Z", "e", "0", "7", " ", " ", "  ", ".", ",", ";", ":", "'", "\"", "_", "-", "!", "?", "*", "@", "\r",
            "\n", "\r\n", "\t", "\u{b}", "\u{c}", "\u{7f}", "é", "É", "\u{301}", "\u{200d}", "\u{200b}", "\u{ad}",
            "\u{a0}", "\u{202f}", "\u{3000}", "\u{2003}", "\u{1680}", "’", "·", "…", "😀", "👍🏽", "🇫", "🇷", "カ", "ー",
            "א", "日", "٣", "\u{fe0f}", "\u{2060}", "\u{85}", "\u{2028}", "ｃ", "𝐜", "ß", "œ", "ÿ", "×", "÷", "À", "ā",
            "ſ", "Ÿ", "ž", "ǅ", "ª", "µ", "‘", "‛", "’’", "\u{2018}",
        ];
        let latin = ["é", "É", "ß", "œ", "ÿ", "À", "ā", "ſ", "Ÿ", "ž", "×", "÷", "’", "’’", "ç"];
        let mut rand = crate::invariants::xorshift(0x9E37_79B9_7F4A_7C15u64);
        for round in 0..60_000 {
            let len = 1 + rand(if round % 10 == 0 { 40 } else { 12 });
            // A third only ASCII, a third only what the fast path segments (ASCII, Latin letters, ’), a third
            // anything.
            let mut text = String::new();
            for _ in 0..len {
                let piece = match round % 3 {
                    0 => palette[rand(27)],
                    1 => match rand(27 + latin.len()) {
                        k if k < 27 => palette[k],
                        k => latin[k - 27],
                    },
                    _ => palette[rand(palette.len())],
                };
                text.push_str(piece);
            }
            let want: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            let got: Vec<(usize, &str)> = WordBounds::new(&text).collect();
            assert_eq!(got, want, "{text:?}");
            // As `segment_into` reads them: plain words first, then the iterator.
            let mut bounds = WordBounds::new(&text);
            let mut got = Vec::new();
            loop {
                if let Some(w) = bounds.plain_word() {
                    for (s, e) in [(w.start, w.end), (w.end, w.punct_end), (w.punct_end, w.spaces_end)] {
                        if e > s {
                            got.push((s, &text[s..e]));
                        }
                    }
                    continue;
                }
                let Some(next) = bounds.next() else { break };
                got.push(next);
            }
            assert_eq!(got, want, "{text:?} (with plain words)");
        }
    }

    #[test]
    fn folds_case_accents_and_ligatures() {
        let table = [
            ("Élève ÇA où", " eleve ca ou "),
            ("cœur Æsop straße", " coeur aesop strase "),
            ("e\u{301}le\u{300}ve", " eleve "),
            ("ＣＯＮＮＡＲＤ", " conard "),
            ("𝐜𝐨𝐧𝐧𝐚𝐫𝐝", " conard "),
            ("сопnаrd", " conard "), // Cyrillic с, о, а
            ("ᴄᴏɴɴᴀʀᴅ", " conard "),
            ("", " "),
            ("!!! ...", " "),
        ];
        for (input, want) in table {
            assert_eq!(skeleton(input), want, "{input:?}");
        }
    }

    #[test]
    fn collapses_runs_and_remembers_them() {
        let n = normalize("connaaaard");
        assert_eq!(n.text, b" conard ");
        assert_eq!(&n.runs[1..7], &[1, 1, 2, 4, 1, 1]);
    }

    #[test]
    fn leetspeak_only_inside_words_with_letters() {
        let table = [
            ("c0nn4rd", " conard "),
            ("s@lope", " salope "),
            ("$alope", " salope "),
            ("m€rde", " merde "),
            ("b!te", " bite "),
            ("2024", " 2024 "),
            ("1", " 1 "),
            ("06 12 34", " 06 12 34 "),
        ];
        for (input, want) in table {
            assert_eq!(skeleton(input), want, "{input:?}");
        }
    }

    #[test]
    fn splits_elisions_and_keeps_other_apostrophes() {
        assert_eq!(skeleton("t'es qu'un aujourd'hui"), " t es qu un aujourdhui ");
        assert_eq!(skeleton("T’ES"), " t es ");
        // A double quote typed for an apostrophe is one, and opens no quotation.
        let n = normalize("t\"es trop con");
        assert_eq!(n.text, b" t es trop con ");
        assert!(n.tokens.iter().all(|t| t.flags & T_QUOTED == 0));
        assert_ne!(normalize("il a dit \"con\"").tokens[3].flags & T_QUOTED, 0);
        let n = normalize("t'es");
        assert_ne!(n.tokens[0].flags & T_ELIDED, 0);
    }

    #[test]
    fn joins_separated_letters_and_masks() {
        let table = [
            ("c.o.n.n.a.r.d", " conard "),
            ("c o n n a r d", " conard "),
            ("c-o-n-n-a-r-d", " conard "),
            ("c_o_n", " con "),
            ("con\u{200B}nard", " conard "),
            ("con\u{00AD}nard", " conard "),
            ("c*nnard", " c*nard "),
            ("p***", " p*** "),
            ("il y a", " il y a "),
        ];
        for (input, want) in table {
            assert_eq!(skeleton(input), want, "{input:?}");
        }
        assert_eq!(spans("t'es un c o n n a r d !"), ["t", "es", "un", "c o n n a r d"]);
        assert_eq!(spans("p*** de m*rde"), ["p***", "de", "m*rde"]);
    }

    #[test]
    fn mentions_and_trailing_punctuation() {
        let n = normalize("@kevin t'es con!");
        assert_eq!(n.tokens[0].kind, TokenKind::Mention);
        assert_eq!(n.text, b" kevin t es con ");
        assert_eq!(spans("@kevin t'es con!"), ["@kevin", "t", "es", "con"]);
    }

    #[test]
    fn sentence_clause_and_quote_flags() {
        let n = normalize("salut. il a dit « sale con », bref");
        let f: Vec<u8> = n.tokens.iter().map(|t| t.flags).collect();
        assert_ne!(f[0] & T_SENTENCE, 0);
        assert_ne!(f[1] & T_SENTENCE, 0);
        assert_ne!(f[4] & T_QUOTED, 0);
        assert_eq!(f[6] & T_QUOTED, 0);
        assert_ne!(f[6] & T_CLAUSE, 0);
    }

    #[test]
    fn offset_map_points_at_original_bytes() {
        let text = "😀 t'es nul";
        let n = normalize(text);
        for (i, &b) in n.text.iter().enumerate() {
            let (s, e) = n.orig.ranges[i];
            assert!(s <= e && (e as usize) <= text.len());
            assert!(text.is_char_boundary(s as usize) && text.is_char_boundary(e as usize));
            if b != b' ' {
                assert!(s < e, "byte {i} maps to an empty range");
            }
        }
        assert_eq!(n.token_text(2), b"nul");
        let t = n.tokens[2];
        assert_eq!(&text[t.orig.0 as usize..t.orig.1 as usize], "nul");
    }
}
