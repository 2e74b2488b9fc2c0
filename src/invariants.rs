//! The invariants that hold for every input, checked by the fuzzers (`fuzz/`, built with `--cfg fuzzing`)
//! and by the property tests (`cargo test`). Not part of the public API: compiled only for those two.
//!
//! Every check panics with a message that names the broken invariant and the input, so that a fuzzer
//! crash or a proptest failure reads as a bug report.

use crate::normalize;
use crate::normalized::{TokenKind, T_REPEAT};
use crate::report::{Level, Report};

/// A small deterministic random source for table-free tests (xorshift64): `below(n)` is in `0..n`.
pub fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// Number of UTF-16 code units of `text` (what `text.length` says in JavaScript).
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Checks a report against its contract for `text`: score in [0, 1]; level and flagged agree; every
/// finding has `start < end <= utf16_len(text)`, on character boundaries, its `text` is that slice of
/// the input (in UTF-16 and in bytes), severity 1–3; findings sorted and non-overlapping.
pub fn check_report(text: &str, report: &Report) {
    assert!(report.score.is_finite() && (0.0..=1.0).contains(&report.score), "score {} for {text:?}", report.score);
    assert_eq!(report.flagged, report.level >= Level::Warn, "flagged iff level >= warn, for {text:?}");
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut prev_end = 0;
    for (i, f) in report.findings.iter().enumerate() {
        assert!(
            f.start < f.end && f.end <= units.len(),
            "finding {i} {}..{} of {} units: {text:?}",
            f.start,
            f.end,
            units.len()
        );
        // On character boundaries: neither end splits a surrogate pair.
        let splits = |at: usize| at > 0 && at < units.len() && (0xDC00..0xE000).contains(&units[at]);
        assert!(!splits(f.start) && !splits(f.end), "finding {i} splits a surrogate pair: {text:?}");
        assert_eq!(
            String::from_utf16(&units[f.start..f.end]).ok().as_deref(),
            Some(f.text.as_str()),
            "finding {i} text: {text:?}"
        );
        assert!(f.bytes.start < f.bytes.end && f.bytes.end <= text.len(), "finding {i} bytes: {text:?}");
        assert!(
            text.is_char_boundary(f.bytes.start) && text.is_char_boundary(f.bytes.end),
            "finding {i} bytes: {text:?}"
        );
        assert_eq!(&text[f.bytes.clone()], f.text, "finding {i} byte slice: {text:?}");
        assert!((1..=3).contains(&f.severity), "finding {i} severity {}: {text:?}", f.severity);
        assert!(f.start >= prev_end, "finding {i} overlaps or is out of order ({} < {prev_end}): {text:?}", f.start);
        prev_end = f.end;
    }
}

/// Normalises `text` and checks the skeleton and its offset map: the per-byte arrays have the same
/// length; the skeleton is ASCII, starts and ends with a space, never has two spaces in a row; every
/// byte maps to a range of the original on character boundaries (non-empty for letters), in order;
/// tokens are non-empty, in order, separated by spaces, and each covers its bytes' ranges; and the
/// plain-word shortcuts give what the general path gives.
pub fn check_normalized(text: &str) {
    let n = normalize::normalize(text);
    let general = normalize::normalize_without_shortcuts(text);
    assert_eq!(format!("{n:?}"), format!("{general:?}"), "plain-word shortcuts: {text:?}");
    let len = n.text.len();
    assert!(n.runs.len() == len && n.orig.ranges.len() == len, "array lengths: {text:?}");
    assert!(n.ones.windows(2).all(|w| w[0] < w[1]), "ones in ascending order: {text:?}");
    assert!(n.ones.iter().all(|&p| n.text.get(p as usize) == Some(&b'i')), "ones are i's: {text:?}");
    assert!(len >= 1 && n.text[0] == b' ' && n.text[len - 1] == b' ', "skeleton framed by spaces: {text:?}");
    assert!(n.text.is_ascii(), "skeleton is ASCII: {text:?}");
    assert!(!n.text.windows(2).any(|w| w == b"  "), "no double space: {text:?}");
    let mut last_start = 0;
    for (i, (&b, &(s, e))) in n.text.iter().zip(&n.orig.ranges).enumerate() {
        let (s, e) = (s as usize, e as usize);
        assert!(s <= e && e <= text.len(), "byte {i} maps to {s}..{e} of {}: {text:?}", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "byte {i} off a char boundary: {text:?}");
        if b != b' ' {
            assert!(s < e, "byte {i} ({}) maps to an empty range: {text:?}", b as char);
            assert!(n.runs[i] >= 1, "byte {i} has run 0: {text:?}");
            assert!(s >= last_start, "byte {i} goes back in the original: {text:?}");
            last_start = s;
        } else {
            assert_eq!(n.runs[i], 0, "space {i} has a run: {text:?}");
        }
    }
    for t in &n.tokens {
        let repeated = n.runs[t.norm.0 as usize..t.norm.1 as usize].iter().any(|&r| r > 1);
        assert_eq!(t.flags & T_REPEAT != 0, repeated, "T_REPEAT where a run is 2 or more: {text:?}");
    }
    let mut prev = (0u32, 0u32);
    for (k, t) in n.tokens.iter().enumerate() {
        let (ns, ne) = (t.norm.0 as usize, t.norm.1 as usize);
        assert!(ns < ne && ne < len, "token {k} skeleton range {ns}..{ne}: {text:?}");
        assert!(n.text[ns - 1] == b' ' && n.text[ne] == b' ', "token {k} not framed by spaces: {text:?}");
        assert!(!n.text[ns..ne].contains(&b' '), "token {k} contains a space: {text:?}");
        let (os, oe) = (t.orig.0 as usize, t.orig.1 as usize);
        assert!(os < oe && oe <= text.len(), "token {k} orig {os}..{oe}: {text:?}");
        assert!(text.is_char_boundary(os) && text.is_char_boundary(oe), "token {k} orig off a boundary: {text:?}");
        assert!(t.norm.0 > prev.1 && t.orig.0 >= prev.0, "token {k} out of order: {text:?}");
        if k > 0 {
            assert!(t.orig.0 >= n.tokens[k - 1].orig.1, "token {k} overlaps the previous one: {text:?}");
        }
        for i in ns..ne {
            let (s, e) = n.orig.ranges[i];
            assert!(s >= t.orig.0 && e <= t.orig.1, "token {k} byte {i} outside the token: {text:?}");
        }
        if t.kind == TokenKind::Number {
            assert!(n.text[ns..ne].iter().all(u8::is_ascii_digit), "a number is its digits: {text:?}");
        }
        assert_eq!(n.token_at(ns), k, "token_at({ns}): {text:?}");
        prev = (t.orig.0, t.norm.1);
    }
    assert_eq!(n.token_at(len), n.tokens.len(), "token_at(end): {text:?}");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::check_normalized;
    use proptest::prelude::*;

    /// Text made of the pieces the normaliser treats specially, so that random draws hit its branches.
    fn tricky() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("t'"),
            Just("qu'"),
            Just("c"),
            Just("o"),
            Just("n"),
            Just("a"),
            Just("connard"),
            Just("CoNnArD"),
            Just("aAa"),
            Just("con"),
            Just("."),
            Just(" "),
            Just("-"),
            Just("_"),
            Just("*"),
            Just("@"),
            Just("$"),
            Just("€"),
            Just("!"),
            Just("1"),
            Just("0"),
            Just("06 12 34 56 78"),
            Just("\u{200B}"),
            Just("\u{00AD}"),
            Just("\u{0301}"),
            Just("😀"),
            Just("👨\u{200D}👩"),
            Just("🇫🇷"),
            Just("é"),
            Just("ß"),
            Just("ᴄ"),
            Just("с"),
            Just("Ｃ"),
            Just("𝐜"),
            Just("«"),
            Just("»"),
            Just("\""),
            Just("\n"),
            Just(","),
            Just("ש"),
            Just("\u{202E}"),
            Just("\u{FFFD}"),
            Just("’"),
            Just("ŉ"),
            Just("İ"),
            Just("\u{36E}"),
            Just("\u{8}"),
            Just("\u{0}"),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    /// Inputs the fuzzers found, kept as regression tests (and as seeds in fuzz/seeds/).
    #[test]
    fn fuzz_regressions() {
        // `@` then a control character and a combining letter (U+036E is alphabetic, so UAX #29 makes it a
        // word): the mention lost its `@` and had no letter left, which pushed an empty token.
        // Stars and a combining letter only (`*\u{36e}`): a "number" without a digit, also an empty token.
        for text in [
            "@\u{8}\u{36e}",
            "t'es @\u{36e} con",
            "@\u{36e}\u{36e} @\u{200B}\u{36e}x",
            "*\u{36e}\u{FFFD}",
            "**\u{36e} con",
        ] {
            check_normalized(text);
            crate::Analyzer::default().analyze(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
        #[test]
        fn normaliser_offset_map_holds_for_any_text(text in any::<String>()) {
            check_normalized(&text);
        }

        #[test]
        fn normaliser_offset_map_holds_for_tricky_text(text in tricky()) {
            check_normalized(&text);
        }
    }
}
