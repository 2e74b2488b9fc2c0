//! A second, small normaliser for the lexicon's plainly written phrases (most of them): the same
//! skeleton as `normalize_into` makes, without its segmentation machinery.

use crate::normalize;
use crate::normalized::{Normalized, Token, TokenKind};

/// The skeleton of a plainly written phrase, as `normalize_into` makes it, without its segmentation
/// machinery (most phrases of the lexicon are plain): lower-case letters, ASCII or accented, in words
/// separated by single spaces, with elisions (`t'es`, `jusqu'au`), and never two one-letter words in a
/// row (`c o n` would be joined). Fills `text`, `runs` and `tokens` (their `norm` and `kind`), the fields
/// the builder reads; `false` for any other phrase. The tests compare it with `normalize_into`.
pub(super) fn normalize_plain(phrase: &str, out: &mut Normalized) -> bool {
    out.text.clear();
    out.runs.clear();
    out.tokens.clear();
    out.text.push(b' ');
    out.runs.push(0);
    let bytes = phrase.as_bytes();
    // The token being read: where it starts in `phrase` and in `out.text`, its letters, and what came
    // before it.
    let (mut piece, mut start, mut letters) = (0, 1, 0);
    let (mut after_space, mut one_letter_before) = (true, false);
    let mut i = 0;
    while i <= bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        if b == b' ' || b == b'\'' {
            // The end of a word, or of an elided prefix (`j't'aime`: `j`, `t`, `aime`; what follows the
            // apostrophe must be letters, as any token).
            let elision = b == b'\'' && normalize::is_elision(&phrase[piece..i]);
            if letters == 0 || (b == b'\'' && !elision) || (after_space && one_letter_before && letters == 1) {
                return false;
            }
            out.tokens.push(Token {
                norm: (start as u32, out.text.len() as u32),
                orig: (0, 0),
                kind: TokenKind::Word,
                flags: 0,
            });
            out.text.push(b' ');
            out.runs.push(0);
            (after_space, one_letter_before) = (b == b' ', letters == 1);
            (piece, start, letters) = (i + 1, out.text.len(), 0);
            i += 1;
            continue;
        }
        // A lower-case letter, ASCII or Latin (U+00C0–U+017F, where segmentation treats every letter
        // alike), folded as the normaliser folds it.
        let folded_char;
        let (len, folded) = if b.is_ascii_lowercase() {
            (1, std::slice::from_ref(&bytes[i]))
        } else {
            let c = phrase[i..].chars().next().unwrap_or_default();
            if !matches!(c, '\u{C0}'..='\u{17F}') || !c.is_lowercase() {
                return false;
            }
            folded_char = normalize::fold_char(c);
            let Some(folded) = folded_char.plain_letters() else { return false };
            (c.len_utf8(), folded)
        };
        letters += 1;
        for &b in folded {
            // Letter runs are collapsed: `connard` is `conard` with a run of 2 on the `n`.
            if out.text.len() > start && out.text[out.text.len() - 1] == b {
                let last = out.runs.len() - 1;
                out.runs[last] = out.runs[last].saturating_add(1);
            } else {
                out.text.push(b);
                out.runs.push(1);
            }
        }
        i += len;
    }
    true
}

/// Panics unless `n` (from `normalize_plain`) is what `normalize_into` makes of `phrase`.
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn assert_same_skeleton(phrase: &str, n: &Normalized) {
    let mut want = Normalized::default();
    normalize::normalize_into(phrase, &mut want, &mut normalize::Scratch::default());
    let tokens = |n: &Normalized| n.tokens.iter().map(|t| (t.norm, t.kind)).collect::<Vec<_>>();
    assert_eq!(
        (&n.text, &n.runs, tokens(n)),
        (&want.text, &want.runs, tokens(&want)),
        "normalize_plain({phrase:?}) differs from normalize_into"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_phrases_normalise_like_messages() {
        // Every plain phrase of the lexicon is checked as it is added (see `assert_same_skeleton`); here,
        // random phrases over an alphabet with every special case nearby.
        let letters = [
            "a", "e", "l", "t", "j", "q", "u", "s", "n", "à", "á", "â", "ä", "ç", "è", "é", "ê", "ë", "ì", "í", "î",
            "ï", "ñ", "ò", "ó", "ô", "ö", "ù", "ú", "û", "ü", "ÿ", "œ", "æ",
        ];
        let others = ["'", " ", "É", "A", "1", "0", "’", "  ", "-", ".", "*", "@", "\u{301}", "ß", "ø", "ã", "å"];
        let mut rand = crate::invariants::xorshift(0x2545_F491_4F6C_DD1Du64);
        let mut n = Normalized::default();
        let mut plain = 0;
        for _ in 0..50_000 {
            let mut phrase = String::new();
            for _ in 0..1 + rand(12) {
                // Mostly letters, apostrophes and spaces, so that many phrases are plain.
                let common = rand(2) == 0;
                phrase.push_str(match rand(8) {
                    0 => others[rand(others.len())],
                    1 => others[rand(2)],
                    _ => letters[rand(if common { 9 } else { letters.len() })],
                });
            }
            if normalize_plain(&phrase, &mut n) {
                plain += 1;
                assert_same_skeleton(&phrase, &n);
            }
        }
        assert!(plain > 5_000, "{plain}");
        for p in ["t'es con", "jusqu'à la mort", "j't'aime", "qu'il crève", "sale conne", "cœur", "à la"] {
            assert!(normalize_plain(p, &mut n), "{p:?}");
        }
        for p in ["t'", "aujourd'hui", "a b c", "c o", "", " con", "con ", "a  b", "Con", "l'a b"] {
            assert!(!normalize_plain(p, &mut n), "{p:?}");
        }
    }
}
