//! Byte-parallel tests: eight bytes of a `u64` looked at at once (the trie's child labels, the letters of
//! a word, the digits of a message).

/// A byte of 1 in each of the 8 bytes of a `u64`: `ONES * b` repeats byte `b`. The byte-parallel tests
/// are written with it and [`HIGHS`].
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of the 8 bytes of a `u64`.
pub(crate) const HIGHS: u64 = ONES * 0x80;

/// The high bit of each byte of `x` (little-endian) that is an ASCII letter, `A`–`Z` or `a`–`z`.
pub(crate) fn ascii_letters(x: u64) -> u64 {
    // Upper case folded to lower (`@`, `[`… fold to bytes outside the range); 7 bits, so that the
    // additions below carry into no other byte.
    let low = (x | (ONES * 0x20)) & !HIGHS;
    let from_a = low + ONES * (0x80 - b'a' as u64); // high bit: at least `a`
    let past_z = low + ONES * (0x80 - b'z' as u64 - 1); // high bit: past `z`
    from_a & !past_z & !x & HIGHS
}

/// How many bytes of `b` are ASCII digits, 8 bytes at a time (every message is scanned for phone numbers).
pub(crate) fn ascii_digits(b: &[u8]) -> usize {
    let chunks = b.chunks_exact(8);
    let tail = chunks.remainder().iter().filter(|c| c.is_ascii_digit()).count();
    chunks.fold(tail, |n, chunk| {
        // A digit is a byte that `^ b'0'` turns into 0..=9: high bit clear, and no carry into it when
        // 128 - 10 is added to its low 7 bits.
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (ONES * b'0' as u64);
        let at_least_ten = ((x & (ONES * 0x7F)) + ONES * (0x80 - 10)) | x;
        n + (!at_least_ten & HIGHS).count_ones() as usize
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_letters_marks_every_letter_and_nothing_else() {
        // Every byte value at every position of a word, between bytes that border the ranges (`@` `[`
        // `` ` `` `{` and bytes with the high bit set, whose carries must not reach a neighbour).
        let borders = [b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', 0x7F, 0x80, 0xC3, 0xDA, 0xE1, 0xFA, 0xFF];
        for at in 0..8 {
            for byte in 0..=255u8 {
                for &around in &borders {
                    let mut chunk = [around; 8];
                    chunk[at] = byte;
                    let want = chunk
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.is_ascii_alphabetic())
                        .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
                    assert_eq!(ascii_letters(u64::from_le_bytes(chunk)), want, "{chunk:?}");
                }
            }
        }
    }

    #[test]
    fn ascii_digits_counts_every_byte_value() {
        // Every byte value at every position of a chunk and in the tail, next to digits and to the bytes
        // around them ('/' and ':' border the digits; 0xB0-0xB9 are digits with the high bit set).
        let mut rand = crate::invariants::xorshift(0x5DEE_CE66_D1CE_4E5Bu64);
        for len in 0..40 {
            for _ in 0..300 {
                let b: Vec<u8> = (0..len)
                    .map(|_| match rand(4) {
                        0 => b'0' + rand(10) as u8,
                        1 => [b'/', b':', 0xB0, 0xB9, 0x10, 0x39, 0x3A][rand(7)],
                        _ => rand(256) as u8,
                    })
                    .collect();
                assert_eq!(ascii_digits(&b), b.iter().filter(|c| c.is_ascii_digit()).count(), "{b:?}");
            }
        }
    }
}
