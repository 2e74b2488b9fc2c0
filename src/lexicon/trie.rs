//! A byte trie of the lexicon's skeleton patterns, walked from every position of the skeleton: it reports
//! every occurrence of every pattern, like an overlapping Aho-Corasick search, for much less code and
//! build time. Every pattern starts with a space (a token boundary), so only spaces start a walk, and a
//! walk ends at the first byte no pattern continues with: the work per position is bounded by the longest
//! pattern, and the search stays linear in the text.

const NONE: u32 = u32::MAX;
/// Nodes with at least this many children get a dense row of transitions (one lookup instead of a scan
/// of the sibling chain): the node after the leading space has one child per first letter.
const DENSE_FROM: usize = 6;

#[derive(Clone, Copy)]
struct Node {
    /// First child (children are sorted by byte and chained through `sibling`); 0 when none.
    child: u32,
    /// Next sibling; 0 when none.
    sibling: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// Row in `Trie::dense`, or `NONE`.
    dense: u32,
    byte: u8,
}

pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// The children of the root, indexed by byte (0: none): the first step of every walk is one lookup.
    root: Box<[u32; 256]>,
    /// Byte → column of a dense row (0 for bytes no pattern contains: no transition).
    class: Box<[u16; 256]>,
    /// Row width: the number of distinct pattern bytes, plus one.
    width: usize,
    /// Dense rows, `width` child ids each (0: none).
    dense: Vec<u32>,
}

/// A trie being filled, pattern by pattern.
pub(crate) struct TrieBuilder {
    nodes: Vec<Node>,
    patterns: u32,
    /// The last pattern inserted and the nodes along it (`path[i]` after `i` bytes): consecutive patterns
    /// often share a prefix (`l` -> `i` variants, phrases of one class), whose walk is skipped.
    last: Vec<u8>,
    path: Vec<u32>,
}

impl TrieBuilder {
    /// An empty trie, with room for `bytes` pattern bytes.
    pub fn with_capacity(bytes: usize) -> TrieBuilder {
        let mut nodes = Vec::with_capacity(bytes / 2 + 1);
        nodes.push(Node { child: 0, sibling: 0, pattern: NONE, dense: NONE, byte: 0 });
        TrieBuilder { nodes, patterns: 0, last: Vec::new(), path: vec![0] }
    }

    /// The number of pattern `bytes` (non-empty): patterns are numbered from 0 in order of first
    /// insertion, so the trie is also the set of distinct patterns. Children stay sorted by byte, so a walk
    /// can stop early in a sibling chain.
    pub fn insert(&mut self, bytes: &[u8]) -> u32 {
        let nodes = &mut self.nodes;
        let shared = bytes.iter().zip(&self.last).take_while(|(a, b)| a == b).count();
        self.last.truncate(shared);
        self.last.extend_from_slice(&bytes[shared..]);
        self.path.truncate(shared + 1);
        let mut cur = self.path[shared] as usize;
        for &b in &bytes[shared..] {
            // Find the child for `b` in the sorted sibling chain, or insert it in place.
            let mut prev = 0u32;
            let mut k = nodes[cur].child;
            while k != 0 && nodes[k as usize].byte < b {
                prev = k;
                k = nodes[k as usize].sibling;
            }
            if k == 0 || nodes[k as usize].byte != b {
                let id = nodes.len() as u32;
                nodes.push(Node { child: 0, sibling: k, pattern: NONE, dense: NONE, byte: b });
                if prev == 0 {
                    nodes[cur].child = id;
                } else {
                    nodes[prev as usize].sibling = id;
                }
                k = id;
            }
            cur = k as usize;
            self.path.push(k);
        }
        if nodes[cur].pattern == NONE {
            nodes[cur].pattern = self.patterns;
            self.patterns += 1;
        }
        nodes[cur].pattern
    }

    /// The searchable trie.
    pub fn build(self) -> Trie {
        let mut nodes = self.nodes;
        let mut root = Box::new([0u32; 256]);
        let mut k = nodes[0].child;
        while k != 0 {
            root[nodes[k as usize].byte as usize] = k;
            k = nodes[k as usize].sibling;
        }
        let mut class = Box::new([0u16; 256]);
        let mut width = 1;
        for n in &nodes[1..] {
            if class[n.byte as usize] == 0 {
                class[n.byte as usize] = width as u16;
                width += 1;
            }
        }
        let mut dense = Vec::new();
        for i in 0..nodes.len() {
            let mut count = 0;
            let mut k = nodes[i].child;
            while k != 0 {
                count += 1;
                k = nodes[k as usize].sibling;
            }
            if count >= DENSE_FROM {
                let row = dense.len();
                dense.resize(row + width, 0);
                let mut k = nodes[i].child;
                while k != 0 {
                    dense[row + class[nodes[k as usize].byte as usize] as usize] = k;
                    k = nodes[k as usize].sibling;
                }
                nodes[i].dense = (row / width) as u32;
            }
        }
        Trie { nodes, root, class, width, dense }
    }
}

impl Trie {
    /// Calls `f(start, end, pattern)` for every occurrence of every pattern in `text`, by start, then by
    /// length.
    #[cfg(test)]
    pub fn for_each_match(&self, text: &[u8], f: impl FnMut(usize, usize, usize)) {
        self.for_each_match_at(text, 0..text.len(), f)
    }

    /// The same, for the occurrences that start at one of `starts` (increasing): where every pattern
    /// begins with the same byte, its positions are the only ones worth a walk.
    #[inline]
    pub fn for_each_match_at(
        &self,
        text: &[u8],
        starts: impl Iterator<Item = usize>,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let nodes = &self.nodes[..];
        for start in starts {
            let mut node = self.root[text[start] as usize];
            let mut end = start + 1;
            while node != 0 {
                let n = nodes[node as usize];
                if n.pattern != NONE {
                    f(start, end, n.pattern as usize);
                }
                let Some(&b) = text.get(end) else { break };
                let mut k = n.child;
                if n.dense != NONE {
                    k = self.dense[n.dense as usize * self.width + self.class[b as usize] as usize];
                } else {
                    while k != 0 {
                        let c = nodes[k as usize];
                        if c.byte >= b {
                            if c.byte != b {
                                k = 0;
                            }
                            break;
                        }
                        k = c.sibling;
                    }
                }
                node = k;
                end += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Trie, TrieBuilder};

    fn trie(patterns: &[Vec<u8>]) -> Trie {
        let mut t = TrieBuilder::with_capacity(0);
        for (i, p) in patterns.iter().enumerate() {
            assert_eq!(t.insert(p), i as u32);
        }
        assert_eq!(t.insert(&patterns[0]), 0);
        t.build()
    }

    fn brute_force(pats: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut want = Vec::new();
        for s in 0..text.len() {
            let mut here: Vec<(usize, usize, usize)> = pats
                .iter()
                .enumerate()
                .filter(|(_, p)| text[s..].starts_with(p))
                .map(|(i, p)| (s, s + p.len(), i))
                .collect();
            here.sort_by_key(|&(_, e, _)| e);
            want.extend(here);
        }
        want
    }

    #[test]
    fn finds_every_overlapping_occurrence() {
        let mut pats: Vec<Vec<u8>> = [" con ", " con", " conard ", " sale ", " sale con ", "a", "ab", "b"]
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .collect();
        let text = b" sale con conard ab ";
        let mut got = Vec::new();
        trie(&pats).for_each_match(text, |s, e, p| got.push((s, e, p)));
        assert_eq!(got, brute_force(&pats, text));
        // Many children per node: the dense rows.
        for w in ["cb", "ca", "cc", "ce", "cd", "cf", "cg", "c", "b a", "d", "e", "f", "g"] {
            pats.push(format!(" {w} ").into_bytes());
            pats.push(format!(" {w}").into_bytes());
        }
        let text = b" ca cb cc cd ce cf cg ch b a b c d e f g h a sale con conard ab z~ ";
        let mut got = Vec::new();
        trie(&pats).for_each_match(text, |s, e, p| got.push((s, e, p)));
        assert_eq!(got, brute_force(&pats, text));
    }
}
