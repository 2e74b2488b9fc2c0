//! A byte trie of the lexicon's skeleton patterns, walked from every position of the skeleton: it reports
//! every occurrence of every pattern, like an overlapping Aho-Corasick search, for much less code and
//! build time. Every pattern starts with a space (a token boundary), so only spaces start a walk, and a
//! walk ends at the first byte no pattern continues with: the work per position is bounded by the longest
//! pattern, and the search stays linear in the text.
//!
//! This file is the trie and its search; `layout.rs` makes it from its patterns (`TrieBuilder::build`), or
//! reads it back from the record of such a build (`Trie::read`: the built-in lexicon's, compiled ahead of
//! time).

use crate::bits::{HIGHS, ONES};

/// No node, no pattern.
pub(super) const NONE: u32 = u32::MAX;

/// A node of the searchable trie (16 bytes).
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Node {
    /// The first child; the others follow it.
    pub(super) first: u32,
    /// The pattern that ends here, or `NONE`.
    pub(super) pattern: u32,
    /// Up to 8 children: their bytes, in order, from the lowest byte up, 0 after the last. More children:
    /// `(row + 1) << 8`, a row of `Trie::dense`. A chain (a run of bytes that only one pattern goes on
    /// with, then the node `first`): `CHAIN | length << 40 | offset << 8`, the bytes in `Trie::chains`.
    /// No child: 0.
    pub(super) labels: u64,
}

/// Tags a node's `labels` as a chain.
pub(super) const CHAIN: u64 = 1 << 63;
/// The longest chain one node holds (a longer tail takes several): its length has 23 bits of `labels`.
pub(super) const MAX_CHAIN: usize = (1 << 23) - 1;

#[cfg_attr(test, derive(Debug, PartialEq))]
pub(crate) struct Trie {
    pub(super) nodes: Vec<Node>,
    /// Byte → column of a dense row (0 for bytes no pattern contains: no transition). Skeletons are
    /// ASCII, so there are at most 129 columns.
    pub(super) class: Box<[u8; 256]>,
    /// Row width: the number of distinct pattern bytes, plus one.
    pub(super) width: usize,
    /// Dense rows, `width` bytes each: 1 + the child's offset from the node's first child (0: none).
    pub(super) dense: Vec<u8>,
    /// The bytes of the chains, end to end.
    pub(super) chains: Vec<u8>,
    /// How many distinct patterns it has (numbered from 0).
    pub(super) patterns: u32,
    /// Where a walk from the space below the root goes with two letters, the first in `a`–`z` (row), the
    /// second in `a`–`z` or a space (column, `PAIR_COLUMNS` of them): the node reached, `DEAD` when no
    /// pattern goes on so, `SLOW` when the walk takes them one by one (a pattern ends after the first, a
    /// chain, or an `i`, which may be read as an `l`). Empty unless every pattern starts with a space.
    /// Made by `index_pairs` (two steps fewer for most tokens).
    pub(super) pairs: Vec<u32>,
    /// The root's child when it is its only one, a space, where no pattern ends: walks that start at a
    /// space start there. Set by `index_pairs`.
    pub(super) after_space: Option<Node>,
}

/// Columns of `Trie::pairs`: `a`–`z`, then a space.
const PAIR_COLUMNS: usize = 27;
/// In `Trie::pairs`: no pattern starts so.
const DEAD: u32 = u32::MAX;
/// In `Trie::pairs`: the walk takes these two bytes one by one.
const SLOW: u32 = u32::MAX - 1;

/// The most `1`s read as `l` in one occurrence.
const MAX_ONES: u8 = 2;

impl Trie {
    /// How many distinct patterns it has: they are numbered `0..patterns()`.
    pub fn patterns(&self) -> usize {
        self.patterns as usize
    }

    /// The node after `n` for the text at `*end` (its byte `b`), `*end` moved past the bytes taken
    /// (more than one through a chain, less one: the caller takes the last); `None` when no pattern goes
    /// on so. In a chain, an `l` is also taken by an `i` of the text that was written `1` (`one`), counted
    /// in `*ones` (at most `MAX_ONES`).
    #[inline(always)]
    fn step(
        &self,
        n: Node,
        b: u8,
        text: &[u8],
        end: &mut usize,
        ones: &mut u8,
        one: impl Fn(usize) -> bool,
    ) -> Option<u32> {
        if n.labels & 0xFF != 0 {
            // The lowest zero byte of `labels ^ b…b` is where `b` is (bytes above a zero may read as zero
            // too, never bytes below it; the padding is 0, never a pattern byte).
            let x = n.labels ^ (ONES * b as u64);
            let zero = x.wrapping_sub(ONES) & !x & HIGHS;
            (zero != 0).then(|| n.first + zero.trailing_zeros() / 8)
        } else if n.labels & CHAIN == 0 {
            if n.labels == 0 {
                return None;
            }
            let row = (n.labels >> 8) as usize - 1;
            let offset = self.dense[row * self.width + self.class[b as usize] as usize];
            (offset != 0).then(|| n.first + offset as u32 - 1)
        } else {
            // Chains are a few bytes long: a loop, not a call to `memcmp`.
            let offset = (n.labels >> 8) as u32 as usize;
            let chain = &self.chains[offset..offset + ((n.labels & !CHAIN) >> 40) as usize];
            for (j, &c) in chain.iter().enumerate() {
                let t = text.get(*end + j);
                if t != Some(&c) {
                    if c == b'l' && t == Some(&b'i') && *ones < MAX_ONES && one(*end + j) {
                        *ones += 1;
                    } else {
                        return None;
                    }
                }
            }
            *end += chain.len() - 1;
            Some(n.first)
        }
    }

    /// Calls `f(start, end, pattern)` for every occurrence of every pattern in `text`, by start, then by
    /// length (no `i` is read as an `l` here).
    #[cfg(test)]
    pub fn for_each_match(&self, text: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        self.for_each_match_at(text, |_| false, 0..text.len(), |s, e, p, _| f(s, e, p))
    }

    /// The same, `f(start, end, pattern, ones)`, for the occurrences that start at one of `starts` (see
    /// [`Trie::for_each_match_from`]).
    #[cfg(test)]
    pub fn for_each_match_at(
        &self,
        text: &[u8],
        one: impl Fn(usize) -> bool,
        starts: impl Iterator<Item = usize>,
        mut f: impl FnMut(usize, usize, usize, u8),
    ) {
        for start in starts {
            self.for_each_match_from(text, &one, start, |end, p, ones| f(start, end, p, ones));
        }
    }

    /// Calls `f(end, pattern, ones)` for every occurrence that starts at `start`, by length: where every
    /// pattern begins with the same byte, its positions are the only ones worth a walk (the lexicon's all
    /// begin with the space before a token).
    ///
    /// An `i` of the text at a position where `one` says it was written `1` (`F_ONE`) is also read as an
    /// `l`, at most `MAX_ONES` times per occurrence (`ones`, which `f` gets, says how many): `1` stands
    /// for both letters (`1dio`, `sa1ope`). Where a node has both an `i` and an `l` child, the walk goes
    /// on with the `l` in a walk of its own (`fork`), then with the `i`.
    #[inline(always)]
    pub fn for_each_match_from(
        &self,
        text: &[u8],
        one: &impl Fn(usize) -> bool,
        start: usize,
        mut f: impl FnMut(usize, usize, u8),
    ) {
        // When the root's only child is a space, walks that start at a space start at that child (a step
        // fewer for every token), and most take the next two letters in one look-up (`pairs`).
        match self.after_space {
            Some(node) if text.get(start) == Some(&b' ') => match self.pair(text, start + 1) {
                DEAD => {}
                SLOW => self.walk(text, one, node, start + 1, 0, &mut f),
                k => {
                    let node = self.nodes[k as usize];
                    if node.pattern != NONE {
                        f(start + 3, node.pattern as usize, 0);
                    }
                    self.walk(text, one, node, start + 3, 0, &mut f)
                }
            },
            _ => self.walk(text, one, self.nodes[0], start, 0, &mut f),
        }
    }

    /// The root's child when it is its only one, a space, where no pattern ends.
    fn find_after_space(&self) -> Option<Node> {
        let root = self.nodes[0];
        (root.labels == b' ' as u64).then(|| self.nodes[root.first as usize]).filter(|n| n.pattern == NONE)
    }

    /// `pairs`' entry for the two bytes at `at` (`SLOW` for any other pair).
    #[inline(always)]
    fn pair(&self, text: &[u8], at: usize) -> u32 {
        let (Some(&a), Some(&b)) = (text.get(at), text.get(at + 1)) else { return SLOW };
        let column = match b {
            b'a'..=b'z' => b - b'a',
            b' ' => 26,
            _ => return SLOW,
        };
        let row = a.wrapping_sub(b'a') as usize;
        self.pairs.get(row * PAIR_COLUMNS + column as usize).copied().unwrap_or(SLOW)
    }

    /// Fills `pairs` from the trie's nodes (`PAIR_COLUMNS` × 26 steps at most).
    pub(super) fn index_pairs(&mut self) {
        self.pairs.clear();
        self.after_space = self.find_after_space();
        let Some(after_space) = self.after_space else { return };
        if after_space.labels & CHAIN != 0 {
            return; // a single pattern
        }
        let mut pairs = vec![SLOW; 26 * PAIR_COLUMNS];
        let no_one = |_| false;
        for (row, first) in (b'a'..=b'z').enumerate() {
            if first == b'i' {
                continue; // it may be read as an `l`
            }
            let Some(k) = self.step(after_space, first, &[], &mut 0, &mut 0, no_one) else {
                pairs[row * PAIR_COLUMNS..(row + 1) * PAIR_COLUMNS].fill(DEAD);
                continue;
            };
            let node = self.nodes[k as usize];
            if node.pattern != NONE || node.labels & CHAIN != 0 {
                continue; // a pattern ends after the first letter, or a chain compares the text itself
            }
            for (column, second) in (b'a'..=b'z').chain([b' ']).enumerate() {
                if second != b'i' {
                    pairs[row * PAIR_COLUMNS + column] =
                        self.step(node, second, &[], &mut 0, &mut 0, no_one).unwrap_or(DEAD);
                }
            }
        }
        self.pairs = pairs;
    }

    /// The walk of `for_each_match_from` from `node`, reached with the text before `end` (`ones` of its
    /// `i`s read as `l`).
    #[inline(always)]
    fn walk<F: FnMut(usize, usize, u8)>(
        &self,
        text: &[u8],
        one: &impl Fn(usize) -> bool,
        mut node: Node,
        mut end: usize,
        mut ones: u8,
        f: &mut F,
    ) {
        while let Some(&b) = text.get(end) {
            if b == b'i' && one(end) {
                self.fork(text, one, node, end, ones, f);
            }
            let Some(k) = self.step(node, b, text, &mut end, &mut ones, one) else { break };
            node = self.nodes[k as usize];
            end += 1;
            if node.pattern != NONE {
                f(end, node.pattern as usize, ones);
            }
        }
    }

    /// At an `i` of the text written `1` (at `end`), the walk through `node`'s `l` child, if it has one.
    /// Rare: out of the way of the walk. Each fork reads one more `l`, so forks nest at most `MAX_ONES`
    /// deep.
    #[inline(never)]
    #[cold]
    fn fork<F: FnMut(usize, usize, u8)>(
        &self,
        text: &[u8],
        one: &impl Fn(usize) -> bool,
        node: Node,
        end: usize,
        ones: u8,
        f: &mut F,
    ) {
        // A chain compares its bytes itself (`step`).
        if ones >= MAX_ONES || node.labels & CHAIN != 0 {
            return;
        }
        let Some(k) = self.step(node, b'l', text, &mut { end }, &mut 0, |_| false) else { return };
        let node = self.nodes[k as usize];
        if node.pattern != NONE {
            f(end + 1, node.pattern as usize, ones + 1);
        }
        self.walk(text, one, node, end + 1, ones + 1, f);
    }

    /// The number of `pattern` in the trie, if it is one of its patterns.
    #[cfg(test)]
    pub fn find(&self, pattern: &[u8]) -> Option<u32> {
        let mut node = self.nodes[0];
        let mut end = 0;
        while let Some(&b) = pattern.get(end) {
            node = self.nodes[self.step(node, b, pattern, &mut end, &mut 0, |_| false)? as usize];
            end += 1;
        }
        (node.pattern != NONE).then_some(node.pattern)
    }
}

#[cfg(test)]
mod tests;
