//! The crate's unstable sort: one small function per element type.
//!
//! The standard library's `sort_unstable` is 4–10 KB of wasm for each element type it is used with; the
//! crate sorts five (a token's phrase matches, the masked-word index, a slot's phrases, allowed and
//! idiom ranges, UTF-16 offsets), which cost 5.4 KB gzip more than one. These lists are short or already
//! sorted (a token's matches, a message's offsets), or made once per analyzer (the masked-word index):
//! insertion sort for a short list, a merge sort (O(n log n) whatever the input) for a longer one.

/// Lists up to this long are sorted by insertion.
const SHORT: usize = 16;

/// Sorts `v` in ascending order (equal elements in any order, as `sort_unstable`).
pub(crate) fn sort<T: Ord + Copy>(v: &mut [T]) {
    if v.len() <= SHORT {
        insertion_sort(v);
    } else {
        merge_sort(v);
    }
}

fn insertion_sort<T: Ord + Copy>(v: &mut [T]) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Runs of `SHORT` sorted by insertion, then merged pairwise into runs twice as long, back and forth
/// between `v` and a copy of it.
fn merge_sort<T: Ord + Copy>(v: &mut [T]) {
    for run in v.chunks_mut(SHORT) {
        insertion_sort(run);
    }
    let mut copy = v.to_vec();
    let mut in_copy = false; // where the sorted runs are
    let mut width = SHORT;
    while width < v.len() {
        if in_copy {
            merge_runs(&copy, v, width);
        } else {
            merge_runs(v, &mut copy, width);
        }
        in_copy = !in_copy;
        width *= 2;
    }
    if in_copy {
        v.copy_from_slice(&copy);
    }
}

/// Merges each pair of sorted runs of `width` of `from` into `to`.
fn merge_runs<T: Ord + Copy>(from: &[T], to: &mut [T], width: usize) {
    for start in (0..from.len()).step_by(2 * width) {
        let mid = (start + width).min(from.len());
        let end = (start + 2 * width).min(from.len());
        let (mut i, mut j) = (start, mid);
        for slot in &mut to[start..end] {
            if j == end || (i < mid && from[i] <= from[j]) {
                *slot = from[i];
                i += 1;
            } else {
                *slot = from[j];
                j += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut rand = crate::invariants::xorshift(0x0DDB_1A5E_5BAD_5EED);
        for round in 0..4_000 {
            let len = rand(if round % 10 == 0 { 300 } else { 40 });
            // Few distinct values (many equal elements) or many; then as drawn, sorted, reversed, or sorted
            // with a few elements moved.
            let values = if round % 2 == 0 { 4 } else { 1_000 };
            let mut v: Vec<(u32, u32)> = (0..len).map(|_| (rand(values) as u32, rand(3) as u32)).collect();
            match round % 4 {
                0 => {}
                1 => v.sort_unstable(),
                2 => v.sort_unstable_by(|a, b| b.cmp(a)),
                _ => {
                    v.sort_unstable();
                    for _ in 0..3.min(len) {
                        let (a, b) = (rand(len), rand(len));
                        v.swap(a, b);
                    }
                }
            }
            let mut want = v.clone();
            want.sort_unstable();
            sort(&mut v);
            assert_eq!(v, want, "round {round}");
        }
    }
}
