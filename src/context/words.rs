//! Word lists and how a token is looked up in them. The lists themselves are data
//! (`src/context/{fr,en}/words.tsv`, see `lists.rs`); a list's words are grouped by first letter when
//! the program is compiled, so a token is compared with the few words that begin like it.

use crate::normalized::Normalized;

/// A named word list for [`is_in`].
pub(super) struct Words {
    pub(super) list: &'static [&'static str],
    /// Indexes into `list`, by bucket of the first byte (see [`bucket`]).
    order: &'static [u8],
    /// Bucket `k` is `order[start[k]..start[k + 1]]`.
    pub(super) start: [u8; 28],
    /// The skeleton length of `list[k]` (repeated letters collapsed): most words of a bucket are told
    /// apart from a token by their length alone.
    lengths: &'static [u8],
}

/// `a`..`z` are buckets 0..25; any other first byte is bucket 26.
const fn bucket(first: u8) -> usize {
    if first.is_ascii_lowercase() {
        (first - b'a') as usize
    } else {
        26
    }
}

impl Words {
    /// The list `list`, with `order` and `lengths` as [`Words::order`] and [`Words::lengths`] make them.
    pub(super) const fn new(list: &'static [&'static str], order: &'static [u8], lengths: &'static [u8]) -> Words {
        let mut start = [0u8; 28];
        let mut b = 0;
        let mut at = 0;
        while b < 27 {
            start[b] = at as u8;
            let mut k = 0;
            while k < list.len() {
                if bucket(list[k].as_bytes()[0]) == b {
                    at += 1;
                }
                k += 1;
            }
            b += 1;
        }
        start[27] = at as u8;
        Words { list, order, start, lengths }
    }

    /// The indexes of `list`'s words, bucket by bucket.
    pub(super) const fn order<const N: usize>(list: &[&str; N]) -> [u8; N] {
        assert!(N <= u8::MAX as usize, "a word list has at most 255 words");
        let mut order = [0u8; N];
        let mut at = 0;
        let mut b = 0;
        while b < 27 {
            let mut k = 0;
            while k < N {
                let w = list[k].as_bytes();
                assert!(!w.is_empty(), "no empty word in a list");
                if bucket(w[0]) == b {
                    order[at] = k as u8;
                    at += 1;
                }
                k += 1;
            }
            b += 1;
        }
        order
    }

    /// The skeleton length of each of `list`'s words.
    pub(super) const fn lengths<const N: usize>(list: &[&str; N]) -> [u8; N] {
        let mut lengths = [0u8; N];
        let mut k = 0;
        while k < N {
            let w = list[k].as_bytes();
            let mut j = 0;
            while j < w.len() {
                if !repeats_previous(w, j) {
                    lengths[k] += 1;
                }
                j += 1;
            }
            k += 1;
        }
        lengths
    }
}

/// Whether token `i` is one of `words`. Skeletons have letter runs collapsed (`called` → `caled`), so
/// the words are compared the same way.
pub(super) fn is_in(n: &Normalized, i: usize, words: &Words) -> bool {
    i < n.tokens.len() && {
        let tok = n.token_text(i);
        let b = bucket(tok[0]);
        let bucket = &words.order[words.start[b] as usize..words.start[b + 1] as usize];
        bucket.iter().any(|&k| {
            words.lengths[k as usize] as usize == tok.len() && same_collapsed(tok, words.list[k as usize].as_bytes())
        })
    }
}

/// Whether token `i` begins with one of `words` (`hahaha` with `haha`): a scan of the list, for the few
/// short lists of beginnings.
pub(super) fn starts_with_one_of(n: &Normalized, i: usize, words: &Words) -> bool {
    i < n.tokens.len() && {
        let tok = n.token_text(i);
        words.list.iter().zip(words.lengths).any(|(w, &len)| {
            let len = len as usize;
            tok.len() >= len && same_collapsed(&tok[..len], w.as_bytes())
        })
    }
}

/// Whether `word[j]` repeats the letter before it: the skeleton keeps one of a run of letters.
const fn repeats_previous(word: &[u8], j: usize) -> bool {
    j > 0 && word[j - 1] == word[j] && word[j].is_ascii_lowercase()
}

/// Whether `skeleton` is `word` with its letter runs collapsed.
pub(super) fn same_collapsed(skeleton: &[u8], word: &[u8]) -> bool {
    let mut k = 0;
    for (j, &b) in word.iter().enumerate() {
        if repeats_previous(word, j) {
            continue;
        }
        if skeleton.get(k) != Some(&b) {
            return false;
        }
        k += 1;
    }
    k == skeleton.len()
}
