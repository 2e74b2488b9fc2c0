//! Table-driven behaviour tests from `tests/data/*.tsv` and `*.txt`: the project's own cases, written by
//! hand (never copied from the evaluation corpora).
//!
//! - `behaviour_{fr,en}.tsv`: `expect<TAB>category<TAB>text<TAB>note`, where `expect` is `flag` (warn or
//!   alert, with a finding of `category` unless it is `-`), `notice` (at most a notice), `none` (no finding
//!   at all) or `distress` (a distress finding, not flagged);
//! - `scunthorpe_{fr,en}.txt`: one innocent word or phrase per line, which must give no finding.
//!
//! `\uXXXX` escapes in the data are decoded, so invisible characters and homoglyphs stay reviewable.

use poids_des_mots::{Analyzer, Category, Level, Report};

fn decode_escapes(s: &str) -> String {
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

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn lines(content: &str) -> impl Iterator<Item = (usize, &str)> {
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
        assert!(f.rule.starts_with("fr.") || f.rule.starts_with("en.") || f.rule.starts_with("site."), "{}", f.rule);
        assert!(!f.explanation.is_empty());
    }
}

fn run_table(file: &str) {
    let analyzer = Analyzer::default();
    let content = data(file);
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in lines(&content) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "{file}:{n}: expected expect, category, text");
        let (expect, category, text) = (cols[0].trim(), cols[1].trim(), decode_escapes(cols[2]));
        rows += 1;
        let report = analyzer.analyze(&text);
        check_invariants(&text, &report);
        let want_category = (category != "-").then(|| {
            Category::from_name(category).unwrap_or_else(|| panic!("{file}:{n}: unknown category {category}"))
        });
        let has_category = |c: Category| report.findings.iter().any(|f| f.category == c);
        let ok = match expect {
            "flag" => report.flagged && want_category.is_none_or(has_category),
            "notice" => report.level <= Level::Notice,
            "none" => report.findings.is_empty(),
            "distress" => report.distress && !report.flagged,
            other => panic!("{file}:{n}: unknown expectation {other:?}"),
        };
        if !ok {
            let got: Vec<String> = report.findings.iter().map(|f| format!("{}={:?}", f.rule, f.text)).collect();
            failures.push(format!(
                "{file}:{n}: expected {expect} {category}, got {} {:?}: {text}",
                report.level.name(),
                got
            ));
        }
    }
    assert!(rows > 0, "{file} has no rows");
    assert!(failures.is_empty(), "{} of {rows} rows failed:\n{}", failures.len(), failures.join("\n"));
}

fn run_innocent(file: &str) {
    let analyzer = Analyzer::default();
    let content = data(file);
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in lines(&content) {
        let text = decode_escapes(line);
        rows += 1;
        let report = analyzer.analyze(&text);
        check_invariants(&text, &report);
        if !report.findings.is_empty() {
            let got: Vec<String> = report.findings.iter().map(|f| format!("{}={:?}", f.rule, f.text)).collect();
            failures.push(format!("{file}:{n}: {text:?} gave {got:?}"));
        }
    }
    assert!(rows > 0, "{file} has no rows");
    assert!(failures.is_empty(), "{} of {rows} innocent lines gave findings:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn behaviour_fr() {
    run_table("behaviour_fr.tsv");
}

#[test]
fn behaviour_en() {
    run_table("behaviour_en.tsv");
}

#[test]
fn scunthorpe_fr() {
    run_innocent("scunthorpe_fr.txt");
}

#[test]
fn scunthorpe_en() {
    run_innocent("scunthorpe_en.txt");
}

/// Offsets stay exact when emoji, combining accents and other astral characters come before a finding.
#[test]
fn offsets_survive_emoji_and_combining_marks() {
    let analyzer = Analyzer::default();
    let content = data("behaviour_fr.tsv");
    let prefixes = ["😀 ", "e\u{301}\u{301} ", "👩‍👩‍👧 🇫🇷 ", "𝒜 ", "\u{200B}\u{FEFF} "];
    let mut checked = 0;
    for (_, line) in lines(&content) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols[0] != "flag" {
            continue;
        }
        let text = decode_escapes(cols[2]);
        let base = analyzer.analyze(&text);
        for p in prefixes {
            let shifted = analyzer.analyze(&format!("{p}{text}"));
            let shift = p.encode_utf16().count();
            check_invariants(&format!("{p}{text}"), &shifted);
            let a: Vec<(usize, &str)> = base.findings.iter().map(|f| (f.start + shift, f.text.as_str())).collect();
            let b: Vec<(usize, &str)> = shifted.findings.iter().map(|f| (f.start, f.text.as_str())).collect();
            assert_eq!(a, b, "prefix {p:?} moved the findings of {text:?}");
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn decode_escapes_works() {
    assert_eq!(decode_escapes("a\\u200Bb\\u00e9 \\uZZ"), "a\u{200B}bé \\uZZ");
}
