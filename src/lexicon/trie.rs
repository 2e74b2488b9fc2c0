//! A byte trie of the lexicon's skeleton patterns, walked from every position of the skeleton: it reports
//! every occurrence of every pattern, like an overlapping Aho-Corasick search, for much less code and
//! build time. Every pattern starts with a space (a token boundary), so only spaces start a walk, and a
//! walk ends at the first byte no pattern continues with: the work per position is bounded by the longest
//! pattern, and the search stays linear in the text.

const NONE: u32 = u32::MAX;

/// A node while the trie is filled: children chained in byte order.
#[derive(Clone, Copy)]
struct BuildNode {
    /// First child (children are sorted by byte and chained through `sibling`); 0 when none.
    child: u32,
    /// Next sibling; 0 when none.
    sibling: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    byte: u8,
}

/// A node of the searchable trie (16 bytes).
#[derive(Clone, Copy)]
struct Node {
    /// The first child; the others follow it.
    first: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// Up to 8 children: their bytes, in order, from the lowest byte up, 0 after the last. More children:
    /// `(row + 1) << 8`, a row of `Trie::dense`. No child: 0.
    labels: u64,
}

pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// Byte → column of a dense row (0 for bytes no pattern contains: no transition). Skeletons are
    /// ASCII, so there are at most 129 columns.
    class: Box<[u8; 256]>,
    /// Row width: the number of distinct pattern bytes, plus one.
    width: usize,
    /// Dense rows, `width` bytes each: 1 + the child's offset from the node's first child (0: none).
    dense: Vec<u8>,
}

/// A trie being filled, pattern by pattern.
pub(crate) struct TrieBuilder {
    nodes: Vec<BuildNode>,
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
        nodes.push(BuildNode { child: 0, sibling: 0, pattern: NONE, byte: 0 });
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
                nodes.push(BuildNode { child: 0, sibling: k, pattern: NONE, byte: b });
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

    /// The searchable trie: the nodes laid out again so that a walk reads as little memory as possible.
    ///
    /// A node's children are stored next to each other, in byte order, and the blocks of children are
    /// placed depth first (a node's block soon after the block that holds it): a walk down a chain reads
    /// nearby memory, and finding a child reads no other node. A node with at
    /// most 8 children keeps their bytes in one word (`labels`), searched without a loop; a node with more
    /// has a row of `width` one-byte offsets, one per byte class.
    pub fn build(self) -> Trie {
        let old = self.nodes;
        let mut nodes = Vec::with_capacity(old.len());
        nodes.push(Node { first: 0, pattern: old[0].pattern, labels: 0 });
        let mut dense: Vec<u8> = Vec::new();
        let mut class = Box::new([0u8; 256]);
        let mut width = 1;
        for n in &old[1..] {
            if class[n.byte as usize] == 0 {
                class[n.byte as usize] = width as u8;
                width += 1;
            }
        }
        // (old id, new id): nodes whose children are still to be placed, deepest last.
        let mut todo = Vec::with_capacity(256);
        todo.push((0u32, 0u32));
        while let Some((old_id, new_id)) = todo.pop() {
            let first = nodes.len() as u32;
            let mut labels = 0u64;
            let mut count = 0;
            let mut k = old[old_id as usize].child;
            while k != 0 {
                let c = old[k as usize];
                if count < 8 {
                    labels |= (c.byte as u64) << (8 * count);
                }
                nodes.push(Node { first: 0, pattern: c.pattern, labels: 0 });
                todo.push((k, first + count));
                count += 1;
                k = c.sibling;
            }
            if count > 8 {
                let row = dense.len() / width;
                dense.resize(dense.len() + width, 0);
                let mut k = old[old_id as usize].child;
                for offset in 1..=count {
                    dense[row * width + class[old[k as usize].byte as usize] as usize] = offset as u8;
                    k = old[k as usize].sibling;
                }
                labels = (row as u64 + 1) << 8;
            }
            let n = &mut nodes[new_id as usize];
            n.first = first;
            n.labels = labels;
        }
        Trie { nodes, class, width, dense }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

impl Trie {
    /// The child of `n` for byte `b` (never 0), or `None`.
    #[inline(always)]
    fn child(&self, n: Node, b: u8) -> Option<u32> {
        if n.labels & 0xFF != 0 {
            // The lowest zero byte of `labels ^ b…b` is where `b` is (bytes above a zero may read as zero
            // too, never bytes below it; the padding is 0, never a pattern byte).
            let x = n.labels ^ (ONES * b as u64);
            let zero = x.wrapping_sub(ONES) & !x & HIGHS;
            (zero != 0).then(|| n.first + zero.trailing_zeros() / 8)
        } else if n.labels != 0 {
            let row = (n.labels >> 8) as usize - 1;
            let offset = self.dense[row * self.width + self.class[b as usize] as usize];
            (offset != 0).then(|| n.first + offset as u32 - 1)
        } else {
            None
        }
    }

    /// Calls `f(start, end, pattern)` for every occurrence of every pattern in `text`, by start, then by
    /// length.
    #[cfg(test)]
    pub fn for_each_match(&self, text: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        self.for_each_match_at(text, (0..text.len()).map(|i| (i, i)), |_, s, e, p| f(s, e, p))
    }

    /// The same, for the occurrences that start at one of `starts` (increasing): where every pattern
    /// begins with the same byte, its positions are the only ones worth a walk. Each start comes with a
    /// tag (the caller's token index), handed to `f(tag, start, end, pattern)`.
    #[inline]
    pub fn for_each_match_at(
        &self,
        text: &[u8],
        starts: impl Iterator<Item = (usize, usize)>,
        mut f: impl FnMut(usize, usize, usize, usize),
    ) {
        for (tag, start) in starts {
            let mut node = self.nodes[0];
            let mut end = start;
            while let Some(&b) = text.get(end) {
                let Some(k) = self.child(node, b) else { break };
                node = self.nodes[k as usize];
                end += 1;
                if node.pattern != NONE {
                    f(tag, start, end, node.pattern as usize);
                }
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
