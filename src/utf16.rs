//! Byte offsets → UTF-16 code-unit offsets, in one pass for any number of offsets.

use crate::sort::sort;
/// Offset `index` of [`to_utf16`]'s list, `byte` bytes into the text: the list is swept in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Offset {
    byte: usize,
    index: usize,
}

/// Converts byte offsets (each on a char boundary of `text`) to UTF-16 offsets, in place.
/// Linear in `text.len() + offsets.len() * log(offsets.len())`.
pub(crate) fn to_utf16(text: &str, offsets: &mut [usize]) {
    let mut order: Vec<Offset> = offsets.iter().enumerate().map(|(index, &byte)| Offset { byte, index }).collect();
    sort(&mut order);
    let (mut units, mut at) = (0, 0);
    for Offset { byte, index: i } in order {
        let target = byte.min(text.len());
        if target > at {
            units += utf16_len(&text.as_bytes()[at..target]);
            at = target;
        }
        offsets[i] = units;
    }
}

/// The length in UTF-16 code units of `bytes`, UTF-8 cut on char boundaries: one unit per char (every
/// byte but continuation bytes), two for a char of four bytes.
pub(crate) fn utf16_len(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

#[cfg(test)]
mod tests {
    use super::to_utf16;

    #[test]
    fn utf16_len_counts_like_encode_utf16() {
        for text in ["", "abc", "é", "😀", "a😀é\u{301}b", "\u{FFFD}\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}"]
        {
            assert_eq!(super::utf16_len(text.as_bytes()), text.encode_utf16().count(), "{text:?}");
        }
    }

    #[test]
    fn converts_like_counting_each_prefix() {
        let mut next = crate::invariants::xorshift(0x1234_5678_9ABC_DEF1);
        let pieces = ["a", "é", "😀", "\u{301}", " ", "€", "\u{10FFFF}"];
        for _ in 0..200 {
            let text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut offsets: Vec<usize> = (0..next(8)).map(|_| bounds[next(bounds.len())]).collect();
            let want: Vec<usize> = offsets.iter().map(|&o| text[..o].encode_utf16().count()).collect();
            to_utf16(&text, &mut offsets);
            assert_eq!(offsets, want, "{text:?}");
        }
    }

    #[test]
    fn converts_any_order() {
        let text = "a😀é\u{301}b";
        // bytes: a=0, 😀=1..5, é=5..7, U+0301=7..9, b=9..10
        let mut offs = [10, 0, 5, 1, 9, 7];
        to_utf16(text, &mut offs);
        assert_eq!(offs, [6, 0, 3, 1, 5, 4]);
    }
}
