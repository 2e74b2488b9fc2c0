//! Table-driven behaviour tests from `tests/data/*.tsv` and `*.txt`: the project's own cases, written by
//! hand (never copied from the evaluation corpora).
//!
//! - `behaviour_{fr,en}.tsv`: `expect<TAB>category<TAB>text<TAB>note`, where `expect` is `flag` (warn or
//!   alert, with a finding of `category` unless it is `-`), `notice` (at most a notice), `none` (no finding
//!   at all), `distress` (a distress finding, not flagged), `victim` (the author reports abuse done to
//!   them: `Report::victim`, every finding marked reported, no caution at all) or `victim+flag` (a victim's
//!   report beside the author's own words, which are flagged: a finding of `category` not reported);
//! - `scunthorpe_{fr,en}.txt`: one innocent word or phrase per line, which must give no finding.
//!
//! `\uXXXX` escapes in the data are decoded, so invisible characters and homoglyphs stay reviewable.

mod common;

use common::{check_invariants, data, decode_escapes, lines};
use poids_des_mots::{Analyzer, Category, Level};

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
            "victim" => {
                report.victim
                    && report.level == Level::None
                    && report.findings.iter().all(|f| f.reported || f.category == Category::Distress)
            }
            "victim+flag" => {
                let own = |f: &&poids_des_mots::Finding| !f.reported && want_category.is_none_or(|c| f.category == c);
                report.victim
                    && report.flagged
                    && report.findings.iter().any(|f| f.reported)
                    && report.findings.iter().any(|f| own(&f))
            }
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
