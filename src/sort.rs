//! The crate's one unstable sort.

/// Sorts triples of `u32`. Every unstable sort in the crate sorts this one element type (byte offsets
/// split into halves, pairs padded with 0): each element type's sort is its own 4–10 KB of wasm.
pub(crate) fn sort_triples(v: &mut [(u32, u32, u32)]) {
    v.sort_unstable();
}
