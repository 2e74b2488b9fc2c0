//! A byte trie of the lexicon's skeleton patterns, walked from every position of the skeleton: it reports
//! every occurrence of every pattern, like an overlapping Aho-Corasick search, for much less code and
//! build time. Every pattern starts with a space (a token boundary), so only spaces start a walk, and a
//! walk ends at the first byte no pattern continues with: the work per position is bounded by the longest
//! pattern, and the search stays linear in the text.
//!
//! A trie is made from its patterns (`TrieBuilder::build`), or read back from the record of such a build
//! (`Trie::read`: the built-in lexicon's, compiled ahead of time).

use super::snapshot::{push_num, Reader};

/// No node, no pattern.
pub(super) const NONE: u32 = u32::MAX;

/// A node of the searchable trie (16 bytes).
#[derive(Clone, Copy)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Node {
    /// The first child; the others follow it.
    first: u32,
    /// The pattern that ends here, or `NONE`.
    pattern: u32,
    /// Up to 8 children: their bytes, in order, from the lowest byte up, 0 after the last. More children:
    /// `(row + 1) << 8`, a row of `Trie::dense`. A chain (a run of bytes that only one pattern goes on
    /// with, then the node `first`): `CHAIN | length << 40 | offset << 8`, the bytes in `Trie::chains`.
    /// No child: 0.
    labels: u64,
}

/// Ranges of at most this many patterns are sorted by insertion rather than by counting (which goes
/// over every byte class).
const SHORT_RANGE: usize = 16;

/// Tags a node's `labels` as a chain.
const CHAIN: u64 = 1 << 63;
/// The longest chain one node holds (a longer tail takes several); short in tests, so that they split.
const MAX_CHAIN: usize = if cfg!(test) { 3 } else { (1 << 23) - 1 };

#[cfg_attr(test, derive(Debug, PartialEq))]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// Byte → column of a dense row (0 for bytes no pattern contains: no transition). Skeletons are
    /// ASCII, so there are at most 129 columns.
    class: Box<[u8; 256]>,
    /// Row width: the number of distinct pattern bytes, plus one.
    width: usize,
    /// Dense rows, `width` bytes each: 1 + the child's offset from the node's first child (0: none).
    dense: Vec<u8>,
    /// The bytes of the chains, end to end.
    chains: Vec<u8>,
    /// How many distinct patterns it has (numbered from 0).
    patterns: u32,
    /// Where a walk from the space below the root goes with two letters, the first in `a`–`z` (row), the
    /// second in `a`–`z` or a space (column, `PAIR_COLUMNS` of them): the node reached, `DEAD` when no
    /// pattern goes on so, `SLOW` when the walk takes them one by one (a pattern ends after the first, a
    /// chain, or an `i`, which may be read as an `l`). Empty unless every pattern starts with a space.
    /// Made by `index_pairs` (two steps fewer for most tokens).
    pairs: Vec<u32>,
    /// The root's child when it is its only one, a space, where no pattern ends: walks that start at a
    /// space start there. Set by `index_pairs`.
    after_space: Option<Node>,
}

/// Columns of `Trie::pairs`: `a`–`z`, then a space.
const PAIR_COLUMNS: usize = 27;
/// In `Trie::pairs`: no pattern starts so.
const DEAD: u32 = u32::MAX;
/// In `Trie::pairs`: the walk takes these two bytes one by one.
const SLOW: u32 = u32::MAX - 1;

/// The patterns of a trie being filled, kept as they come; the trie is made from them in one go.
#[cfg_attr(test, derive(Clone))]
pub(crate) struct TrieBuilder {
    /// The pattern bytes, end to end.
    bytes: Vec<u8>,
    /// Pattern `i` (in order of `push`) is `bytes[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<u32>,
}

impl TrieBuilder {
    /// An empty builder, with room for `patterns` patterns of `bytes` bytes in all.
    pub fn with_capacity(patterns: usize, bytes: usize) -> TrieBuilder {
        let mut bounds = Vec::with_capacity(patterns + 1);
        bounds.push(0);
        TrieBuilder { bytes: Vec::with_capacity(bytes), bounds }
    }

    /// Adds a pattern (non-empty, no zero byte) and returns its index in order of `push`. A pattern pushed
    /// twice is one pattern of the trie.
    pub fn push(&mut self, bytes: &[u8]) -> u32 {
        debug_assert!(!bytes.is_empty() && !bytes.contains(&0));
        self.bytes.extend_from_slice(bytes);
        self.bounds.push(self.bytes.len() as u32);
        self.bounds.len() as u32 - 2
    }

    /// The searchable trie, and for each pushed pattern its number in the trie (distinct patterns are
    /// numbered from 0, in the order the build reaches the nodes they end at).
    ///
    /// The trie is made by sorting the patterns one byte position at a time, from the root down (a most
    /// significant digit radix sort): a node's patterns are grouped by their next byte with a counting
    /// sort, and each group is a child; a group of one pattern is the chain of its remaining bytes. Each
    /// pattern byte is read once, with no pointer chasing, and only the final nodes are ever allocated
    /// (filling a trie of sibling chains and laying it out again kept both; with the chains, wasm memory
    /// after a first report went from 5,824 to 4,480 KB).
    ///
    /// A node's children are stored next to each other, in byte order, and the blocks of children are
    /// placed depth first, the lowest byte first (a node's block soon after the block that holds it): a
    /// walk down a chain reads nearby memory, and finding a child reads no other node. A node with at most
    /// 8 children keeps their bytes in one word (`labels`), searched without a loop; a node with more has a
    /// row of `width` one-byte offsets, one per byte class. Patterns are numbered in the order of their
    /// bytes.
    #[inline(never)]
    pub fn build(self) -> (Trie, Vec<u32>) {
        let (trie, pattern_of, _) = self.build_recording(false);
        (trie, pattern_of)
    }

    /// The same, and the trie's layout as `Trie::read` reads it back (when `record`).
    pub fn build_recording(self, record: bool) -> (Trie, Vec<u32>, Vec<u8>) {
        let TrieBuilder { bytes, bounds } = self;
        let patterns = bounds.len() - 1;
        // Byte classes, in byte order (class 0: no byte, where a pattern ends).
        let mut seen = [false; 256];
        for &b in &bytes {
            seen[b as usize] = true;
        }
        let byte_of_class: Vec<u8> = std::iter::once(0).chain((1..=255u8).filter(|&b| seen[b as usize])).collect();
        let mut layout = Layout {
            // Fewer than 4 nodes per pattern, its tail in a chain (the lexicon: 21k for 7.1k).
            trie: Trie::root_only(&byte_of_class[1..], patterns * 4 + 1, bytes.len() / 4),
            group_start: vec![0; byte_of_class.len()],
            byte_of_class,
            pattern_of: vec![NONE; patterns],
            order: (0..patterns as u32).collect(),
            keys: Vec::new(),
            sorted: Vec::new(),
            children: Vec::new(),
            todo: if patterns > 0 { vec![(0, 0, 0, patterns)] } else { Vec::new() },
            bytes,
            bounds,
            record: record.then(Vec::new),
        };
        if let Some(record) = &mut layout.record {
            push_num(record, layout.byte_of_class.len() as u64 - 1);
            record.extend_from_slice(&layout.byte_of_class[1..]);
        }
        while let Some(node) = layout.todo.pop() {
            layout.place_children(node);
        }
        if patterns == 0 {
            // The root has no child: no shared bytes, no pattern ends there, no child.
            layout.record(0, false, &[]);
            layout.record(0, false, &[]);
        }
        let Layout { mut trie, pattern_of, record, .. } = layout;
        trie.index_pairs();
        (trie, pattern_of, record.unwrap_or_default())
    }
}

/// Laying a trie out, node by node, whether the build decides what comes next (from the patterns) or a
/// recorded layout says it (`Trie::read`): both make the same trie through these steps.
impl Trie {
    /// An empty trie (its root only) whose patterns are made of `bytes` (distinct, increasing, not 0),
    /// with room for `nodes` nodes and `chains` chain bytes.
    fn root_only(bytes: &[u8], nodes: usize, chains: usize) -> Trie {
        let mut class = Box::new([0u8; 256]);
        for (k, &b) in bytes.iter().enumerate() {
            class[b as usize] = k as u8 + 1;
        }
        let mut trie = Trie {
            nodes: Vec::with_capacity(nodes),
            class,
            width: bytes.len() + 1,
            dense: Vec::new(),
            chains: Vec::with_capacity(chains),
            patterns: 0,
            pairs: Vec::new(),
            after_space: None,
        };
        trie.nodes.push(Node { first: 0, pattern: NONE, labels: 0 });
        trie
    }

    /// Numbers the pattern that ends at `node`, if it has no number yet, and returns its number.
    fn number(&mut self, node: u32) -> u32 {
        let n = &mut self.nodes[node as usize];
        if n.pattern == NONE {
            n.pattern = self.patterns;
            self.patterns += 1;
        }
        n.pattern
    }

    /// Hangs the bytes of `tail` (one pattern's rest) under `node` as chains, a single byte as a plain
    /// child, and returns the node where they end (`node` itself for no bytes).
    fn chain(&mut self, node: u32, tail: &[u8]) -> u32 {
        let mut parent = node;
        for part in tail.chunks(MAX_CHAIN) {
            let id = self.nodes.len() as u32;
            let labels = if part.len() == 1 {
                part[0] as u64
            } else {
                let offset = self.chains.len() as u64;
                self.chains.extend_from_slice(part);
                CHAIN | (part.len() as u64) << 40 | offset << 8
            };
            self.nodes[parent as usize] = Node { labels, first: id, ..self.nodes[parent as usize] };
            self.nodes.push(Node { first: 0, pattern: NONE, labels: 0 });
            parent = id;
        }
        parent
    }

    /// Gives `node` one child per byte of `bytes` (increasing, each with a class), next to each other, and
    /// returns the first (no bytes: `node` has no child, and 0).
    fn branch(&mut self, node: u32, bytes: &[u8]) -> u32 {
        let t = self;
        if bytes.is_empty() {
            return 0;
        }
        let first = t.nodes.len() as u32;
        t.nodes.resize(t.nodes.len() + bytes.len(), Node { first: 0, pattern: NONE, labels: 0 });
        let labels = if bytes.len() <= 8 {
            bytes.iter().rev().fold(0u64, |labels, &b| labels << 8 | b as u64)
        } else {
            let row = t.dense.len() / t.width;
            t.dense.resize(t.dense.len() + t.width, 0);
            for (offset, &b) in bytes.iter().enumerate() {
                t.dense[row * t.width + t.class[b as usize] as usize] = offset as u8 + 1;
            }
            (row as u64 + 1) << 8
        };
        t.nodes[node as usize] = Node { labels, first, ..t.nodes[node as usize] };
        first
    }

    /// Reads the trie `TrieBuilder::build` recorded (`TrieBuilder::build_recording`), calling
    /// `on_pattern(bytes, number)` for each of its patterns, in the order they are numbered (the order of
    /// their bytes). `None` (never a panic) for bytes that are not such a record, or when `on_pattern`
    /// says `None`.
    pub fn read(r: &mut Reader, mut on_pattern: impl FnMut(&[u8], u32) -> Option<()>) -> Option<Trie> {
        let count = r.count()?;
        let bytes = r.take(count)?;
        if bytes.first() == Some(&0) || bytes.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        // About 0.36 node and 0.47 chain byte per byte of layout (the built-in lexicon: 59 KB, 21.2k nodes,
        // 27.6 KB of chains).
        let rest = r.bytes.len() - r.at;
        let mut trie = Trie::root_only(bytes, rest * 3 / 8, rest / 2);
        // Nodes to visit, next last: (node, the length of its bytes, its last byte).
        let mut todo = vec![(0u32, 0usize, 0u8)];
        let mut path = Vec::new();
        let has_class = |bytes: &[u8], trie: &Trie| bytes.iter().all(|&b| trie.class[b as usize] != 0);
        while let Some((mut node, depth, byte)) = todo.pop() {
            path.truncate(depth.saturating_sub(1));
            if depth > 0 {
                path.push(byte);
            }
            let v = r.num()?;
            let steps = r.take((v >> 1) as usize)?;
            if !has_class(steps, &trie) {
                return None;
            }
            path.extend_from_slice(steps);
            if v & 1 == 1 {
                let end = trie.chain(node, steps);
                on_pattern(&path, trie.number(end))?;
                continue;
            }
            for &b in steps {
                node = trie.chain(node, &[b]);
            }
            let v = r.num()?;
            let children = r.take((v >> 1) as usize)?;
            if !has_class(children, &trie) || children.windows(2).any(|w| w[0] >= w[1]) {
                return None;
            }
            if v & 1 == 1 {
                on_pattern(&path, trie.number(node))?;
            }
            let first = trie.branch(node, children);
            for (k, &b) in children.iter().enumerate().rev() {
                todo.push((first + k as u32, path.len() + 1, b));
            }
        }
        trie.index_pairs();
        Some(trie)
    }
}

/// The state of `TrieBuilder::build`.
struct Layout {
    trie: Trie,
    bytes: Vec<u8>,
    bounds: Vec<u32>,
    byte_of_class: Vec<u8>,
    /// The trie's number of each pushed pattern.
    pattern_of: Vec<u32>,
    /// The pushed patterns, reordered so that the patterns under a node are one range.
    order: Vec<u32>,
    /// For the node being split: the class of each of its patterns' next byte, where each class's group
    /// starts in `order` (a counting sort), and the range sorted by class.
    keys: Vec<u8>,
    group_start: Vec<u32>,
    sorted: Vec<(u8, u32)>,
    /// The bytes of a node's children (or of the one-child steps down a shared prefix).
    children: Vec<u8>,
    /// Nodes whose children are still to be placed, next last: (node, depth, range of `order`).
    todo: Vec<(u32, usize, usize, usize)>,
    /// The layout so far, as `Trie::read` reads it, when asked for.
    record: Option<Vec<u8>>,
}

impl Layout {
    fn start(&self, i: u32) -> usize {
        self.bounds[i as usize] as usize
    }

    fn end(&self, i: u32) -> usize {
        self.bounds[i as usize + 1] as usize
    }

    /// Writes one step of the layout: a number (`n << 1 | bit`), then `bytes`.
    fn record(&mut self, n: usize, bit: bool, bytes: &[u8]) {
        if let Some(record) = &mut self.record {
            push_num(record, (n as u64) << 1 | bit as u64);
            record.extend_from_slice(bytes);
        }
    }

    /// Places the children of `node`, whose patterns are `order[lo..hi]` and share their first `depth`
    /// bytes. A function of its own, called once per node: a wasm engine optimises it while the build
    /// runs (a long loop inlined into `build` would only ever run as baseline code).
    ///
    /// Recorded as: one pattern, `len << 1 | 1` and its remaining bytes; several, `steps << 1` and the
    /// bytes of the one-child steps down their shared prefix, then `children << 1 | ended` and the
    /// children's bytes.
    #[inline(never)]
    fn place_children(&mut self, (mut node, mut depth, lo, hi): (u32, usize, usize, usize)) {
        if hi - lo == 1 {
            // One pattern: the rest of it is a chain, one node for its bytes and one where it ends (a
            // single byte is a plain child).
            let i = self.order[lo];
            let (s, e) = (self.start(i) + depth, self.end(i));
            let end = self.trie.chain(node, &self.bytes[s..e]);
            if self.record.is_some() {
                let tail = self.bytes[s..e].to_vec();
                self.record(tail.len(), true, &tail);
            }
            self.pattern_of[i as usize] = self.trie.number(end);
            return;
        }
        let mut keys = std::mem::take(&mut self.keys);
        let mut children = std::mem::take(&mut self.children);
        children.clear();
        loop {
            keys.clear();
            keys.extend(self.order[lo..hi].iter().map(|&i| {
                let at = self.start(i) + depth;
                if at < self.end(i) {
                    self.trie.class[self.bytes[at] as usize]
                } else {
                    0
                }
            }));
            // Every pattern goes on with the same byte (a shared prefix): one child, with the same
            // patterns below it, placed here rather than through `todo` (which would take it next).
            let shared = keys[0];
            if shared == 0 || keys.iter().any(|&k| k != shared) {
                break;
            }
            children.push(self.byte_of_class[shared as usize]);
            node = self.trie.chain(node, &children[children.len() - 1..]);
            depth += 1;
        }
        self.record(children.len(), false, &children);
        // Group the range by class, keeping the order within a group. Often the range is in order already
        // (the compiled lexicon's phrases come sorted, and every pattern may go on with the same byte):
        // nothing to move. A short range is sorted by insertion, a long one by counting.
        let in_order = keys.windows(2).all(|w| w[0] <= w[1]);
        if in_order {
            // nothing to move
        } else if keys.len() <= SHORT_RANGE {
            let order = &mut self.order[lo..hi];
            for j in 1..keys.len() {
                let (key, i) = (keys[j], order[j]);
                let mut k = j;
                while k > 0 && keys[k - 1] > key {
                    (keys[k], order[k]) = (keys[k - 1], order[k - 1]);
                    k -= 1;
                }
                (keys[k], order[k]) = (key, i);
            }
        } else {
            let group_start = &mut self.group_start;
            group_start.fill(0);
            for &k in &keys {
                group_start[k as usize] += 1;
            }
            let mut at = 0;
            for g in group_start.iter_mut() {
                (*g, at) = (at, at + *g);
            }
            self.sorted.clear();
            self.sorted.resize(keys.len(), (0, 0));
            for (&k, &i) in keys.iter().zip(&self.order[lo..hi]) {
                self.sorted[group_start[k as usize] as usize] = (k, i);
                group_start[k as usize] += 1;
            }
            for (k, &(key, i)) in self.sorted.iter().enumerate() {
                (keys[k], self.order[lo + k]) = (key, i);
            }
        }
        // The patterns that end here (class 0) come first.
        let ended = keys.iter().take_while(|&&k| k == 0).count();
        if ended > 0 {
            let p = self.trie.number(node);
            for &i in &self.order[lo..lo + ended] {
                self.pattern_of[i as usize] = p;
            }
        }
        // One child per class, placed together; their ranges wait in `todo`, the first child on top.
        children.clear();
        let todo = self.todo.len();
        let mut k = ended;
        while k < keys.len() {
            let c = keys[k];
            let end = k + keys[k..].iter().take_while(|&&d| d == c).count();
            self.todo.push((children.len() as u32, depth + 1, lo + k, lo + end));
            children.push(self.byte_of_class[c as usize]);
            k = end;
        }
        let first = self.trie.branch(node, &children);
        for child in &mut self.todo[todo..] {
            child.0 += first;
        }
        self.todo[todo..].reverse();
        self.record(children.len(), ended > 0, &children);
        self.keys = keys;
        self.children = children;
    }
}

use crate::bits::{HIGHS, ONES};

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
    fn index_pairs(&mut self) {
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

/// The most `1`s read as `l` in one occurrence.
const MAX_ONES: u8 = 2;

#[cfg(test)]
mod tests {
    use super::{Reader, Trie, TrieBuilder};

    /// The trie of `patterns`, and each one's number in it. Pushes the first pattern twice, which must
    /// not make a pattern of its own.
    fn trie(patterns: &[Vec<u8>]) -> (Trie, Vec<u32>) {
        let mut t = TrieBuilder::with_capacity(0, 0);
        for (i, p) in patterns.iter().enumerate() {
            assert_eq!(t.push(p), i as u32);
        }
        t.push(&patterns[0]);
        let (trie, mut numbers, layout) = t.build_recording(true);
        // Read back, the recorded layout is the same trie, and names each pattern with its number, in the
        // order of their bytes.
        let mut named = Vec::new();
        let mut r = Reader { bytes: &layout, at: 0 };
        let read = Trie::read(&mut r, |bytes, p| {
            named.push((bytes.to_vec(), p));
            Some(())
        })
        .expect("a recorded layout");
        assert!(read == trie, "the trie read back differs");
        assert_eq!(r.at, layout.len());
        let mut want: Vec<(Vec<u8>, u32)> = patterns.iter().cloned().zip(numbers.iter().copied()).collect();
        want.sort();
        assert_eq!(named, want);
        assert_eq!(named.iter().map(|n| n.1).collect::<Vec<_>>(), (0..patterns.len() as u32).collect::<Vec<_>>());
        for (bytes, p) in &named {
            assert_eq!(trie.find(bytes), Some(*p));
            assert_eq!(
                trie.find(&bytes[..bytes.len() - 1]),
                named.iter().find(|n| n.0 == bytes[..bytes.len() - 1]).map(|n| n.1)
            );
        }
        assert_eq!(numbers.pop(), Some(numbers[0]));
        let mut distinct = numbers.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct, (0..patterns.len() as u32).collect::<Vec<_>>(), "one number per distinct pattern");
        assert_eq!(trie.patterns(), patterns.len());
        (trie, numbers)
    }

    /// Every match of the trie, with the patterns given by their index in `pats`.
    fn matches(pats: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let (trie, numbers) = trie(pats);
        let mut got = Vec::new();
        trie.for_each_match(text, |s, e, p| {
            got.push((s, e, numbers.iter().position(|&n| n as usize == p).expect("a pushed pattern")))
        });
        got
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
        assert_eq!(matches(&pats, text), brute_force(&pats, text));
        // Many children per node: the dense rows.
        for w in ["cb", "ca", "cc", "ce", "cd", "cf", "cg", "c", "b a", "d", "e", "f", "g"] {
            pats.push(format!(" {w} ").into_bytes());
            pats.push(format!(" {w}").into_bytes());
        }
        let text = b" ca cb cc cd ce cf cg ch b a b c d e f g h a sale con conard ab z~ ";
        assert_eq!(matches(&pats, text), brute_force(&pats, text));
    }

    #[test]
    fn a_trie_without_patterns_finds_nothing() {
        let (trie, numbers, layout) = TrieBuilder::with_capacity(0, 0).build_recording(true);
        assert_eq!((trie.patterns(), numbers.len()), (0, 0));
        let read = Trie::read(&mut Reader { bytes: &layout, at: 0 }, |_, _| None).expect("an empty layout");
        assert!(read == trie);
        trie.for_each_match(b" con ", |_, _, _| panic!("a match"));
        assert_eq!(trie.find(b" con "), None);
    }

    #[test]
    fn layouts_cut_or_changed_are_refused_or_read_without_a_panic() {
        let pats: Vec<&[u8]> = vec![b" con ", b" conard ", b" sale ", b" sale con ", b" salaud ", b" c ", b" cc "];
        let mut t = TrieBuilder::with_capacity(0, 0);
        for p in &pats {
            t.push(p);
        }
        let (_, _, layout) = t.build_recording(true);
        for len in 0..layout.len() {
            assert!(
                Trie::read(&mut Reader { bytes: &layout[..len], at: 0 }, |_, _| Some(())).is_none(),
                "cut at {len}"
            );
        }
        for at in 0..layout.len() {
            for byte in [0, 1, 2, 0x20, 0x7F, 0x80, 0xFF] {
                let mut changed = layout.clone();
                changed[at] = byte;
                if let Some(trie) = Trie::read(&mut Reader { bytes: &changed, at: 0 }, |_, _| Some(())) {
                    trie.for_each_match(b" sale con conard salaud cc ", |_, _, _| {});
                }
            }
        }
    }

    /// Where `one` says so, an `i` of the text is also an `l` of a pattern, at most twice per match.
    #[test]
    fn an_i_written_one_is_also_an_l() {
        let mut next = crate::invariants::xorshift(0x2545_F491_4F6C_DD1D);
        let letters = b"ilia ";
        for round in 0..300 {
            // Every other round, every pattern starts with a space, as the lexicon's do (the walks then
            // take two letters at once where they can).
            let spaced = round % 2 == 1;
            let mut pats: Vec<Vec<u8>> = Vec::new();
            for _ in 0..1 + next(30) {
                let mut p: Vec<u8> = (0..1 + next(7)).map(|_| letters[next(4)]).collect();
                if spaced {
                    p.insert(0, b' ');
                }
                if !pats.contains(&p) {
                    pats.push(p);
                }
            }
            let text: Vec<u8> = (0..50).map(|_| letters[next(5)]).collect();
            let one = |i: usize| (i * 7 + round) % 3 != 0;
            let (trie, numbers) = trie(&pats);
            let mut got = Vec::new();
            trie.for_each_match_at(&text, one, 0..text.len(), |s, e, p, ones| {
                got.push((s, e, numbers.iter().position(|&n| n as usize == p).unwrap(), ones))
            });
            got.sort();
            let mut want = Vec::new();
            for s in 0..text.len() {
                for (k, p) in pats.iter().enumerate() {
                    let Some(t) = text.get(s..s + p.len()) else { continue };
                    let ones = (0..p.len()).filter(|&j| p[j] != t[j]).count();
                    let fits = (0..p.len()).all(|j| p[j] == t[j] || (p[j] == b'l' && t[j] == b'i' && one(s + j)));
                    if fits && ones <= 2 {
                        want.push((s, s + p.len(), k, ones as u8));
                    }
                }
            }
            want.sort();
            assert_eq!(got, want, "patterns {pats:?}, text {text:?}");
        }
    }

    #[test]
    fn random_patterns_match_like_brute_force() {
        // A small alphabet makes shared prefixes, patterns that are prefixes of others, and wide nodes.
        let mut next = crate::invariants::xorshift(0x9E37_79B9_7F4A_7C15);
        for round in 0..200 {
            let alphabet = if round % 2 == 0 { 3 } else { 20 };
            // Half the rounds, every pattern starts with a space, as the lexicon's do: walks from a space
            // then start below the root.
            let spaced = round % 4 >= 2;
            let mut pats: Vec<Vec<u8>> = Vec::new();
            for _ in 0..1 + next(40) {
                let len = 1 + next(6);
                let mut p: Vec<u8> = (0..len).map(|_| b'a' + next(alphabet) as u8).collect();
                if spaced {
                    p.insert(0, b' ');
                }
                if !pats.contains(&p) {
                    pats.push(p);
                }
            }
            let text: Vec<u8> = (0..60)
                .map(|_| match next(alphabet + 1) {
                    r if spaced && r == alphabet => b' ',
                    r => b'a' + r as u8,
                })
                .collect();
            assert_eq!(matches(&pats, &text), brute_force(&pats, &text), "patterns {pats:?}");
        }
    }
}
