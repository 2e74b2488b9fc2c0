//! What a character is to the normaliser: glue inside a word, invisible, a combining mark, an
//! apostrophe; and the French elided prefixes.

/// Symbols that may stand inside a word: leetspeak letters and masks.
pub(super) fn is_glue(c: char) -> bool {
    matches!(c, '*' | '@' | '$' | '€' | '£' | '!' | '|' | '¡') || is_invisible(c)
}

/// Characters that are not shown and never separate words.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

pub(crate) fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{FE00}'..='\u{FE0F}')
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´' | 'ʹ' | '′')
}

/// The first apostrophe of `s` (see [`is_apostrophe`]) and its offset. Scans bytes: every apostrophe is
/// ASCII or starts with 0xC2, 0xCA or 0xE2, so other characters are never decoded.
pub(super) fn find_apostrophe(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'\'' | b'`' | 0xC2 | 0xCA | 0xE2) {
            let c = s[i..].chars().next()?;
            if is_apostrophe(c) {
                return Some((i, c));
            }
        }
        i += 1;
    }
    None
}

/// French elided prefixes, split off as their own token (`t'es` → `t` + `es`).
pub(crate) fn is_elision(prefix: &str) -> bool {
    let mut buf = [0u8; 8];
    let mut n = 0;
    for c in prefix.chars() {
        if n == buf.len() || !c.is_alphabetic() {
            return false;
        }
        let l = c.to_ascii_lowercase();
        if !l.is_ascii() {
            return false;
        }
        buf[n] = l as u8;
        n += 1;
    }
    matches!(
        &buf[..n],
        b"c" | b"d"
            | b"j"
            | b"l"
            | b"m"
            | b"n"
            | b"s"
            | b"t"
            | b"y"
            | b"qu"
            | b"jusqu"
            | b"lorsqu"
            | b"puisqu"
            | b"quoiqu"
    )
}
