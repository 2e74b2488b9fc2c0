//! `HashMap` with the Fx hash (the one rustc uses): the lexicon's maps are keyed by our own data, so
//! SipHash's protection against chosen keys buys nothing, and it was ~15 % of `Analyzer::new` under
//! callgrind. A few lines instead of a dependency.

use std::hash::{BuildHasherDefault, Hasher};

/// `std::collections::HashMap` with [`FxHasher`]; build it with `HashMap::default()`.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail as a little-endian word, without copying it into a buffer (a memcpy call in wasm).
            let word = rest.iter().rev().fold(0u64, |w, &b| w << 8 | b as u64);
            self.add(word ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of byte strings numbered in insertion order, stored end to end in one buffer: one allocation
/// for all the keys instead of one per key (the lexicon builder looks up and keeps thousands of short
/// strings).
#[derive(Default)]
pub(crate) struct Interner {
    bytes: Vec<u8>,
    /// Key `i` is `bytes[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<u32>,
    /// Open addressing with linear probing: key index + 1, 0 for a free slot. A power of two, at most
    /// half full.
    table: Vec<u32>,
    /// How many keys are in `table`: keys added by `push` wait until the next `intern`.
    indexed: usize,
}

impl Interner {
    /// An empty set with room for `keys` keys (the look-up table is made at the first `intern`).
    pub fn with_capacity(keys: usize) -> Interner {
        Interner { bytes: Vec::with_capacity(keys * 16), ends: Vec::with_capacity(keys), table: Vec::new(), indexed: 0 }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: u32) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i as usize - 1] };
        &self.bytes[start as usize..self.ends[i as usize] as usize]
    }

    /// The index of `key`, if it is there (not for a set with keys added by `push` since the last
    /// `intern`).
    pub fn find(&self, key: &[u8]) -> Option<u32> {
        debug_assert_eq!(self.indexed, self.len());
        if self.table.is_empty() {
            return None;
        }
        self.table[self.slot(key)].checked_sub(1)
    }

    /// The index of `key`, and whether it was just added.
    pub fn intern(&mut self, key: &[u8]) -> (u32, bool) {
        if (self.len() + 1) * 2 > self.table.len() {
            self.table = vec![0; ((self.len() + 1) * 2).next_power_of_two().max(64)];
            self.indexed = 0;
        }
        for i in self.indexed as u32..self.len() as u32 {
            let s = self.slot(self.get(i));
            self.table[s] = i + 1;
        }
        self.indexed = self.len();
        let s = self.slot(key);
        if self.table[s] != 0 {
            return (self.table[s] - 1, false);
        }
        self.push(key);
        self.table[s] = self.len() as u32;
        self.indexed = self.len();
        (self.len() as u32 - 1, true)
    }

    /// Adds a key known not to be there yet, and returns its index; it is hashed only at the next
    /// `intern` (the compiled lexicon's phrases are distinct, and most analyzers never look one up).
    pub fn push(&mut self, key: &[u8]) -> u32 {
        self.bytes.extend_from_slice(key);
        self.ends.push(self.bytes.len() as u32);
        self.len() as u32 - 1
    }

    /// The slot that holds `key`, or the free slot where it belongs.
    fn slot(&self, key: &[u8]) -> usize {
        let mut h = FxHasher::default();
        h.write(key);
        let mask = self.table.len() - 1;
        // The high bits: the last multiplication mixes them best.
        let mut s = (h.finish() >> 32) as usize & mask;
        while self.table[s] != 0 && self.get(self.table[s] - 1) != key {
            s = (s + 1) & mask;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn interner_numbers_keys_in_insertion_order() {
        let mut set = Interner::default();
        assert_eq!(set.find(b"a"), None);
        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(set.intern(w.as_bytes()), (i as u32, true));
        }
        assert_eq!(set.intern(b""), (1000, true));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(set.intern(w.as_bytes()), (i as u32, false));
            assert_eq!(set.find(w.as_bytes()), Some(i as u32));
            assert_eq!(set.get(i as u32), w.as_bytes());
        }
        assert_eq!(set.find(b"w1000"), None);
        assert_eq!(set.get(1000), b"");
        assert_eq!(set.len(), 1001);
    }

    #[test]
    fn pushed_keys_are_found_by_the_next_intern() {
        let mut set = Interner::with_capacity(4);
        assert_eq!(set.intern(b"a"), (0, true));
        for i in 1..100u32 {
            assert_eq!(set.push(format!("p{i}").as_bytes()), i);
        }
        // The table grows while the pushed keys wait: every one is still found.
        for i in 1..100u32 {
            assert_eq!(set.intern(format!("p{i}").as_bytes()), (i, false));
            assert_eq!(set.find(format!("p{i}").as_bytes()), Some(i));
        }
        assert_eq!(set.intern(b"a"), (0, false));
        assert_eq!(set.intern(b"new"), (100, true));
    }
}
