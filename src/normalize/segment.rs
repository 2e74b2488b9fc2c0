//! Word boundaries: Unicode word segmentation (UAX #29), with a fast path for Latin text.

use crate::bits::{ascii_letters, HIGHS};
use unicode_segmentation::UnicodeSegmentation;

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
pub(super) struct WordBounds<'a> {
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
pub(super) struct PlainWord {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where the apostrophe is, if there is one: `text[s..e]`.
    pub(super) apostrophe: Option<(usize, usize)>,
    pub(super) punct_end: usize,
    pub(super) spaces_end: usize,
    /// Whether the word's letters are all ASCII.
    pub(super) ascii: bool,
}

/// What a fast character is to UAX #29 word segmentation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum FastClass {
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
pub(super) fn fast_char(b: &[u8], i: usize) -> Option<(FastClass, usize)> {
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
    pub(super) fn new(text: &'a str) -> Self {
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
    pub(super) fn plain_word(&mut self) -> Option<PlainWord> {
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
pub(super) fn fast_segment_end(b: &[u8], i: usize, e: usize) -> usize {
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
