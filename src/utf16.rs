//! Byte offsets → UTF-16 code-unit offsets, in one pass for any number of offsets.

/// Converts byte offsets (each on a char boundary of `text`) to UTF-16 offsets, in place.
/// Linear in `text.len() + offsets.len() * log(offsets.len())`.
pub(crate) fn to_utf16(text: &str, offsets: &mut [usize]) {
    // (high half, low half, index): see `sort_triples`.
    let mut order: Vec<(u32, u32, u32)> =
        offsets.iter().enumerate().map(|(i, &o)| ((o as u64 >> 32) as u32, o as u32, i as u32)).collect();
    crate::sort_triples(&mut order);
    let mut units = 0;
    let mut chars = text.char_indices().peekable();
    for (_, _, i) in order {
        let i = i as usize;
        let target = offsets[i];
        while let Some(&(at, c)) = chars.peek() {
            if at >= target {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        offsets[i] = units;
    }
}

#[cfg(test)]
mod tests {
    use super::to_utf16;

    #[test]
    fn converts_any_order() {
        let text = "a😀é\u{301}b";
        // bytes: a=0, 😀=1..5, é=5..7, U+0301=7..9, b=9..10
        let mut offs = [10, 0, 5, 1, 9, 7];
        to_utf16(text, &mut offs);
        assert_eq!(offs, [6, 0, 3, 1, 5, 4]);
    }
}
