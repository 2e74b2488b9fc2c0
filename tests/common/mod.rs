//! What the table-driven tests share: reading `tests/data/`, decoding `\uXXXX` escapes, the report
//! invariants every row is checked against.

use poids_des_mots::{Category, Level, Report};

/// Decodes `\uXXXX` escapes, so that invisible characters and homoglyphs stay reviewable in the data.
pub fn decode_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 6).unwrap_or("");
        match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            Some(c) if hex.len() == 4 => {
                out.push(c);
                rest = &rest[i + 6..];
            }
            _ => {
                out.push_str("\\u");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The content of `tests/data/{name}`.
pub fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The numbered lines of a data file, without blank lines and `#` comments.
pub fn lines(content: &str) -> impl Iterator<Item = (usize, &str)> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Checks the invariants every report must satisfy, whatever the text.
pub fn check_invariants(text: &str, report: &Report) {
    let units: Vec<u16> = text.encode_utf16().collect();
    assert!((0.0..=1.0).contains(&report.score), "{text:?}: score {}", report.score);
    assert_eq!(report.flagged, report.level >= Level::Warn);
    let mut prev_end = 0;
    for f in &report.findings {
        assert!(f.start < f.end && f.end <= units.len(), "{text:?}: bad span {f:?}");
        assert!(f.start >= prev_end, "{text:?}: findings overlap or are unsorted");
        prev_end = f.end;
        assert_eq!(String::from_utf16(&units[f.start..f.end]).ok().as_deref(), Some(f.text.as_str()), "{text:?}");
        assert_eq!(&text[f.bytes.clone()], f.text);
        assert!((1..=3).contains(&f.severity));
        let lexicon = f.rule.starts_with("fr.") || f.rule.starts_with("en.") || f.rule.starts_with("site.");
        // The learned layer's findings, and only they, are `model.hostility`.
        assert_eq!(f.category == Category::Hostility, f.rule == "model.hostility", "{}", f.rule);
        assert!(lexicon || f.rule == "model.hostility", "{}", f.rule);
        assert!(!f.explanation.is_empty());
    }
}
