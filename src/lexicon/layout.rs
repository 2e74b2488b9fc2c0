//! Making a trie: its patterns sorted one byte position at a time from the root down, each node's
//! children placed together (`TrieBuilder::build`); and reading a trie back from the record of such a
//! build (`Trie::read`), through the same placement steps.

use super::leb128::{push_num, Reader};
use super::trie::{Node, Trie, CHAIN, MAX_CHAIN, NONE};

/// Ranges of at most this many patterns are sorted by insertion rather than by counting (which goes
/// over every byte class).
pub(super) const SHORT_RANGE: usize = 16;

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
pub(super) struct Layout {
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
