//! Table-driven behaviour tests from `tests/data/*.tsv` and `*.txt`: the project's own cases, written by
//! hand (never copied from the evaluation corpora).
//!
//! - `behaviour_{fr,en}.tsv`: `expect<TAB>category<TAB>text<TAB>note`, where `expect` is `flag` (warn or
//!   alert, with a finding of `category` unless it is `-`), `notice` (at most a notice), `none` (no finding
//!   at all), `distress` (a distress finding, not flagged), `victim` (the author reports abuse done to
//!   them: `Report::victim`, every finding marked reported, no caution at all) or `victim+flag` (a victim's
//!   report beside the author's own words, which are flagged: a finding of `category` not reported);
//! - `scunthorpe_{fr,en}.txt`: one innocent word or phrase per line, which must give no finding (rules
//!   only; at most 2 % false alarms with the learned layer, like `kind_fr.txt`);
//! - `hostile_fr.txt`: hostile messages, most without a listed word, for the learned layer.
//!
//! The tables hold exactly with `Options::rules_only`; with the learned layer, see `run_table_fused`.
//!
//! `\uXXXX` escapes in the data are decoded, so invisible characters and homoglyphs stay reviewable.

mod common;

use common::{check_invariants, data, decode_escapes, lines};
use poids_des_mots::{Analyzer, Category, Finding, Level, Options};

/// The lexicon and its context rules alone: the tables say exactly what they do.
fn rules_only() -> Analyzer {
    Analyzer::new(Options { rules_only: true, ..Options::default() }).unwrap()
}

/// Runs a table; returns the failures as (expectation, message).
fn table_failures(file: &str, analyzer: &Analyzer) -> (usize, Vec<(String, String)>) {
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
            let message =
                format!("{file}:{n}: expected {expect} {category}, got {} {:?}: {text}", report.level.name(), got);
            failures.push((expect.to_string(), message));
        }
    }
    assert!(rows > 0, "{file} has no rows");
    (rows, failures)
}

/// Every row holds with the rules alone.
fn run_table(file: &str) {
    let (rows, failures) = table_failures(file, &rules_only());
    let failures: Vec<String> = failures.into_iter().map(|f| f.1).collect();
    assert!(failures.is_empty(), "{} of {rows} rows failed:\n{}", failures.len(), failures.join("\n"));
}

/// With the learned layer: every row where the context rules know better (`notice`: reported speech,
/// negation, self-talk, swearing; `distress`; `victim`) holds, and at most 2 % of the others fail (a model lowers a
/// rules warning it is sure is harmless, or speaks on a line that has no finding).
fn run_table_fused(file: &str) {
    let (rows, failures) = table_failures(file, &Analyzer::default());
    let context: Vec<&String> =
        failures.iter().filter(|f| ["notice", "distress", "victim"].contains(&f.0.as_str())).map(|f| &f.1).collect();
    assert!(context.is_empty(), "the model overrode the context rules:\n{context:#?}");
    let all: Vec<&String> = failures.iter().map(|f| &f.1).collect();
    assert!(all.len() * 50 <= rows, "{} of {rows} rows failed (more than 2 %):\n{all:#?}", all.len());
}

/// The lines of `file` with any finding (the rules alone) or with a finding of the model or a warning
/// (the learned layer on).
fn innocent_failures(file: &str, analyzer: &Analyzer, fused: bool) -> (usize, Vec<String>) {
    let content = data(file);
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in lines(&content) {
        let text = decode_escapes(line);
        rows += 1;
        let report = analyzer.analyze(&text);
        check_invariants(&text, &report);
        let failed = if fused {
            report.flagged || report.findings.iter().any(|f| f.category == Category::Hostility)
        } else {
            !report.findings.is_empty()
        };
        if failed {
            let got: Vec<String> = report.findings.iter().map(|f| format!("{}={:?}", f.rule, f.text)).collect();
            failures.push(format!("{file}:{n}: {text:?} gave {} {got:?}", report.level.name()));
        }
    }
    assert!(rows > 0, "{file} has no rows");
    (rows, failures)
}

/// No line gives a finding with the rules alone.
fn run_innocent(file: &str) {
    let (rows, failures) = innocent_failures(file, &rules_only(), false);
    assert!(failures.is_empty(), "{} of {rows} innocent lines gave findings:\n{}", failures.len(), failures.join("\n"));
}

/// At most 2 % false alarms with the learned layer.
fn run_innocent_fused(file: &str) {
    let (rows, failures) = innocent_failures(file, &Analyzer::default(), true);
    eprintln!("{file}: {} of {rows} innocent lines raised with the model", failures.len());
    assert!(
        failures.len() * 50 <= rows,
        "{} of {rows} innocent lines raised:\n{}",
        failures.len(),
        failures.join("\n")
    );
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

#[test]
fn behaviour_fr_with_the_model() {
    run_table_fused("behaviour_fr.tsv");
}

#[test]
fn behaviour_en_with_the_model() {
    run_table_fused("behaviour_en.tsv");
}

#[test]
fn scunthorpe_fr_with_the_model() {
    run_innocent_fused("scunthorpe_fr.txt");
}

#[test]
fn scunthorpe_en_with_the_model() {
    run_innocent_fused("scunthorpe_en.txt");
}

/// Kind teen messages written for the project and never trained on: the model raises at most 2 % of
/// them. (The rules alone flag a few teasing lines, `mdrrr t'es trop bête toi`: the context rules do not
/// read laughter as banter yet; they are counted apart, and bounded.)
#[test]
fn kind_messages_with_the_model() {
    let content = data("kind_fr.txt");
    let (fused, rules) = (Analyzer::default(), rules_only());
    let (mut rows, mut by_model, mut by_rules) = (0, Vec::new(), Vec::new());
    for (n, line) in lines(&content) {
        rows += 1;
        let report = fused.analyze(line);
        check_invariants(line, &report);
        if report.findings.iter().any(|f| f.category == Category::Hostility) {
            by_model.push(format!("kind_fr.txt:{n}: {line}"));
        } else if report.flagged || rules.analyze(line).flagged {
            by_rules.push(format!("kind_fr.txt:{n}: {line} ({})", report.level.name()));
        }
    }
    eprintln!("kind_fr.txt: {} of {rows} raised by the model, {} flagged by the rules", by_model.len(), by_rules.len());
    assert!(by_model.len() * 50 <= rows, "the model raised {} of {rows}:\n{}", by_model.len(), by_model.join("\n"));
    assert!(by_rules.len() * 20 <= rows, "the rules flag {} of {rows}:\n{}", by_rules.len(), by_rules.join("\n"));
}

/// Hostile teen messages written for the project and never trained on, most without a listed word: the
/// model flags more of them than the rules alone (a tenth of the suite at least; docs/model.md has the
/// figures), and every message it raises has findings that say why.
#[test]
fn hostile_messages_with_the_model() {
    let content = data("hostile_fr.txt");
    let (fused, rules) = (Analyzer::default(), rules_only());
    let (mut rows, mut by_rules, mut by_both) = (0, 0, 0);
    for (_, line) in lines(&content) {
        rows += 1;
        let report = fused.analyze(line);
        check_invariants(line, &report);
        by_rules += usize::from(rules.analyze(line).flagged);
        by_both += usize::from(report.flagged);
        if report.flagged && !rules.analyze(line).flagged {
            let shown: Vec<&Finding> = report.findings.iter().filter(|f| f.category == Category::Hostility).collect();
            assert!(!shown.is_empty(), "{line:?}: raised without saying why");
        }
    }
    eprintln!("hostile_fr.txt: {by_rules} of {rows} flagged by the rules, {by_both} with the model");
    assert!(by_both >= by_rules + rows / 10, "{by_rules} of {rows} by the rules, {by_both} with the model");
}

/// The model's findings are UTF-16 spans like every other, whatever comes before them.
#[test]
fn model_offsets_survive_emoji_and_combining_marks() {
    let analyzer = Analyzer::default();
    let content = data("hostile_fr.txt");
    let prefixes = ["😀 ", "e\u{301}\u{301} ", "👩‍👩‍👧 🇫🇷 ", "𝒜 ", "\u{200B}\u{FEFF} "];
    let mut checked = 0;
    for (_, line) in lines(&content) {
        for p in prefixes {
            for text in [format!("{p}{line}"), format!("{line} {p}"), format!("{}{p}", line.replace(' ', " é\u{301} "))]
            {
                let report = analyzer.analyze(&text);
                check_invariants(&text, &report);
                checked += report.findings.iter().filter(|f| f.category == Category::Hostility).count();
            }
        }
    }
    assert!(checked > 50, "{checked} model findings checked");
}

/// Offsets stay exact when emoji, combining accents and other astral characters come before a finding.
#[test]
fn offsets_survive_emoji_and_combining_marks() {
    let analyzer = rules_only();
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

/// The learned layer was trained on French: an English message gets no `hostility` finding even from an
/// analyzer with the French locale (before this guard, swearing about a song or a phone read as hostile).
#[test]
fn the_model_keeps_quiet_on_english_messages() {
    let analyzer = Analyzer::default();
    let english = [
        "damn, this song is so good",
        "oh crap, I forgot my keys at school again",
        "what the hell happened to the bus today",
        "my new neighbour is muslim and she is really kind",
        "we should all go to the cinema on Friday",
    ];
    for text in english {
        let report = analyzer.analyze(text);
        check_invariants(text, &report);
        let shown: Vec<&str> =
            report.findings.iter().filter(|f| f.category == Category::Hostility).map(|f| f.text.as_str()).collect();
        assert!(shown.is_empty(), "{text:?}: the model raised {shown:?}");
    }
    // French still reaches it.
    assert!(analyzer
        .analyze("tu ferais mieux de te taire pour toujours")
        .findings
        .iter()
        .any(|f| f.category == Category::Hostility));
}

/// A category the site ignores does not count for the model either, and a rules warning stands as the
/// rules made it (the model does not add words around reviewed ones: `vraiment` beside `connard`).
#[test]
fn the_model_respects_ignored_categories_and_rules_warnings() {
    let text = "t'es vraiment un connard et voilà";
    let ignoring = Analyzer::new(Options { ignore_categories: vec![Category::Insult], ..Options::default() }).unwrap();
    let report = ignoring.analyze(text);
    check_invariants(text, &report);
    assert!(report.findings.is_empty() && !report.flagged, "{report:?}");
    let report = Analyzer::default().analyze(text);
    check_invariants(text, &report);
    assert!(report.flagged, "{report:?}");
    assert_eq!(report, rules_only().analyze(text), "the rules' warning, as they made it");
}
