//! Folding: one character of a word → up to three ASCII bytes (case, diacritics, ligatures, compatibility
//! forms, look-alikes from other scripts, leetspeak).
//!
//! The letters outside ASCII that fold to others (accents, ligatures, Cyrillic and Greek look-alikes,
//! small capitals, `€ £ ¡`) are data: `fold.tsv`, made into the `match` of `fold_listed` at build time
//! (`build/fold.rs`). ASCII is the table below; full-width, mathematical and enclosed letters are Unicode
//! ranges (`fold_compat`).

use super::chars::{is_combining, is_invisible};
use crate::normalized::{FOREIGN, MASK};

/// Fold flag: the letter came from a digit or symbol (leetspeak).
pub(crate) const F_LEET: u8 = 1;
/// Fold flag: the letter came from `1`, `|`, `!` or `¡`, which may stand for `i` or `l` (such `i`s are
/// listed in [`Normalized::ones`](crate::normalized::Normalized::ones)).
pub(crate) const F_ONE: u8 = 2;

/// One byte of a token folded by the general path (`Normalized::push_token`), with its flags and the
/// byte range of the original character it comes from.
#[derive(Clone, Copy, Debug)]
pub(super) struct FoldedByte {
    pub(super) byte: u8,
    pub(super) flags: u8,
    pub(super) start: u32,
    pub(super) end: u32,
}

/// One folded character: up to three ASCII bytes.
#[derive(Clone, Copy)]
pub(crate) struct Folded {
    pub(super) bytes: [u8; 3],
    pub(super) len: u8,
    pub(super) flags: u8,
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
pub(super) const ASCII_FOLD: [(u8, u8); 128] = {
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
    fold_listed(c)
}

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// Full-width forms, mathematical alphanumerics and enclosed letters.
pub(super) fn fold_compat(c: char) -> Folded {
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
pub(super) fn leet_digit(d: u8) -> Option<(u8, u8)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of `lines` listed more than once.
    fn listed_twice(lines: &[(char, &str, u8)]) -> Vec<char> {
        let mut twice = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if lines[..i].iter().any(|earlier| earlier.0 == line.0) && !twice.contains(&line.0) {
                twice.push(line.0);
            }
        }
        twice
    }

    #[test]
    fn the_fold_table_lists_each_character_once() {
        assert_eq!(listed_twice(&[('é', "e", 0), ('ç', "c", 0), ('é', "i", 0)]), ['é']);
        assert_eq!(listed_twice(FOLD_LINES), [], "src/normalize/fold.tsv lists these characters twice");
        assert!(FOLD_LINES.len() > 250, "{}", FOLD_LINES.len());
    }

    #[test]
    fn every_listed_character_folds_as_listed() {
        for &(c, result, flags) in FOLD_LINES {
            // Invisible and combining characters are dropped before the table is looked at.
            assert!(!is_invisible(c) && !is_combining(c), "{c:?} is never folded by the table");
            let f = fold_char(c);
            assert_eq!((&f.bytes[..f.len as usize], f.flags), (result.as_bytes(), flags), "{c:?}");
        }
    }
}
