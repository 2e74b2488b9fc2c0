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

impl Trie {
    /// Builds the trie of `patterns` (distinct, non-empty); pattern `i` is reported as `i`.
    pub fn new(patterns: &[Vec<u8>]) -> Trie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| patterns[a as usize].cmp(&patterns[b as usize]));
        let mut nodes = vec![Node { child: 0, sibling: 0, pattern: NONE, dense: NONE, byte: 0 }];
        // The path of the previous pattern: nodes[path[d]] is its node at depth d + 1. Sorted input means a
        // new pattern shares a prefix with the previous one and adds its suffix as the last children.
        let mut path: Vec<u32> = Vec::new();
        let mut prev: &[u8] = &[];
        for &p in &order {
            let bytes = &patterns[p as usize][..];
            let common = bytes.iter().zip(prev).take_while(|(a, b)| a == b).count();
            for d in common..bytes.len() {
                let parent = if d == 0 { 0 } else { path[d - 1] as usize };
                let id = nodes.len() as u32;
                nodes.push(Node { child: 0, sibling: 0, pattern: NONE, dense: NONE, byte: bytes[d] });
                // Append as the last child of `parent`: input is sorted, so its last child so far is the
                // previous pattern's node at this depth, if the parent has any child.
                if nodes[parent].child == 0 {
                    nodes[parent].child = id;
                } else {
                    nodes[path[d] as usize].sibling = id;
                }
                path.truncate(d);
                path.push(id);
            }
            if let Some(&end) = path.last() {
                nodes[end as usize].pattern = p;
            }
            prev = bytes;
        }
        let mut root = Box::new([0u32; 256]);
        let mut k = nodes[0].child;
        while k != 0 {
            root[nodes[k as usize].byte as usize] = k;
            k = nodes[k as usize].sibling;
        }
        let mut class = Box::new([0u16; 256]);
        let mut width = 1;
        for p in patterns {
            for &b in p {
                if class[b as usize] == 0 {
                    class[b as usize] = width as u16;
                    width += 1;
                }
            }
        }
        let mut dense = Vec::new();
        for i in 0..nodes.len() {
            let mut children = Vec::new();
            let mut k = nodes[i].child;
            while k != 0 {
                children.push(k);
                k = nodes[k as usize].sibling;
            }
            if children.len() >= DENSE_FROM {
                let row = dense.len();
                dense.resize(row + width, 0);
                for k in children {
                    dense[row + class[nodes[k as usize].byte as usize] as usize] = k;
                }
                nodes[i].dense = (row / width) as u32;
            }
        }
        Trie { nodes, root, class, width, dense }
    }

    /// Calls `f(start, end, pattern)` for every occurrence of every pattern in `text`, by start, then by
    /// length.
    #[inline]
    pub fn for_each_match(&self, text: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let nodes = &self.nodes[..];
        for start in 0..text.len() {
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
    use super::Trie;

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
        Trie::new(&pats).for_each_match(text, |s, e, p| got.push((s, e, p)));
        assert_eq!(got, brute_force(&pats, text));
        // Many children per node: the dense rows.
        for w in ["cb", "ca", "cc", "ce", "cd", "cf", "cg", "c", "b a", "d", "e", "f", "g"] {
            pats.push(format!(" {w} ").into_bytes());
            pats.push(format!(" {w}").into_bytes());
        }
        let text = b" ca cb cc cd ce cf cg ch b a b c d e f g h a sale con conard ab z~ ";
        let mut got = Vec::new();
        Trie::new(&pats).for_each_match(text, |s, e, p| got.push((s, e, p)));
        assert_eq!(got, brute_force(&pats, text));
    }
}
