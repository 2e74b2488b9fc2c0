//! Functional tests in the spirit of HateCheck (Röttger et al., 2021, "HateCheck: Functional Tests for Hate
//! Speech Detection Models"): for each *functionality* (a way hate is expressed, or a non-hateful message that
//! looks like hate), many short cases written by hand for this project, never taken from the evaluation
//! corpora. What is measured is the share of cases of each functionality the engine gets right: hateful
//! ones flagged, non-hateful ones left alone (not flagged: at most a notice).
//!
//! `tests/data/functional_{fr,en}.tsv`: `functionality<TAB>expect<TAB>text<TAB>note`, `expect` being
//! `hateful` or `non-hateful` (always the same for one functionality, see [`FUNCTIONALITIES`]).
//!
//! The test prints the table of pass rates (`cargo test --test functional -- --nocapture`); with
//! `FUNCTIONAL_TABLE=path` it also writes it there as Markdown, which is how `scripts/quality.py
//! --functional` keeps the section of `docs/quality.md` up to date.

mod common;

use common::{check_invariants, data, decode_escapes, lines};
use poids_des_mots::Analyzer;
use std::collections::BTreeMap;

/// Share of the cases of each hateful functionality that must be flagged (issue 18's target).
const HATEFUL_CAUGHT: f64 = 0.85;
/// Share of the cases of each non-hateful functionality that must be left alone (issue 18's target).
const NON_HATEFUL_LEFT_ALONE: f64 = 0.90;
/// The functionalities still below the target, with the floor they hold meanwhile (the level reached):
/// spelling variations wait for typo tolerance (issue 18, deliverable 3, not done yet), pronoun references
/// across sentences for a rule that carries a named group to the pronouns after it. Remove a line when its
/// functionality reaches the target.
const BELOW_TARGET: &[(&str, &str, f64)] = &[
    ("fr", "reference_clause", 0.78),
    ("fr", "reference_sentence", 0.65),
    ("fr", "spell_swap", 0.06),
    ("fr", "spell_delete", 0.06),
    ("fr", "spell_glued", 0.0),
    ("fr", "spell_spaced", 0.56),
    ("en", "slur", 0.81),
    ("en", "abuse_individual", 0.81),
    ("en", "reference_clause", 0.68),
    ("en", "reference_sentence", 0.50),
    ("en", "phrased_question", 0.81),
    ("en", "spell_swap", 0.25),
    ("en", "spell_delete", 0.18),
    ("en", "spell_glued", 0.0),
    ("en", "spell_spaced", 0.56),
    ("en", "spell_lookalike", 0.62),
];
/// Cases each functionality needs, per language.
const MIN_CASES: [(&str, usize); 2] = [("fr", 30), ("en", 15)];

struct Functionality {
    name: &'static str,
    hateful: bool,
    what: &'static str,
}

const fn hateful(name: &'static str, what: &'static str) -> Functionality {
    Functionality { name, hateful: true, what }
}

const fn non_hateful(name: &'static str, what: &'static str) -> Functionality {
    Functionality { name, hateful: false, what }
}

/// The functionalities, in the order of the table.
const FUNCTIONALITIES: &[Functionality] = &[
    hateful("slur", "a slur aimed at a group or at someone for belonging to it"),
    hateful("derogation_emotion", "strong negative emotion about a group (hate, disgust, contempt)"),
    hateful("derogation_attribute", "a group described with very negative attributes"),
    hateful("dehumanisation", "a group called animals, vermin, filth, not human"),
    hateful("threat_direct", "a threat of violence by the author, against a group or a third person"),
    hateful("threat_normative", "violence against a group or a person said to be needed or deserved"),
    hateful("exclusion_group", "a group told to leave, kept out, denied a place"),
    hateful("profanity_hateful", "hate carried by swear words (\"putain de X\", \"X de merde\")"),
    hateful("abuse_individual", "an insult aimed at a person named by a noun, a mention or a pronoun"),
    hateful("reference_clause", "a group named in one clause, insulted through a pronoun in the next"),
    hateful("reference_sentence", "a group named in one sentence, insulted through a pronoun in the next"),
    hateful("negated_positive", "hate said by denying something good (\"ne sont pas des humains\")"),
    hateful("phrased_question", "hate phrased as a question"),
    hateful("phrased_opinion", "hate phrased as the author's opinion (\"je pense que…\")"),
    hateful("spell_swap", "a hateful word with two neighbouring letters swapped"),
    hateful("spell_delete", "a hateful word with one letter left out"),
    hateful("spell_glued", "hateful words written without the spaces between them"),
    hateful("spell_spaced", "a hateful word with spaces or dots inside it"),
    hateful("spell_lookalike", "a hateful word with letters replaced by digits, symbols or look-alikes"),
    non_hateful("counter_quote", "a denunciation of hate that quotes it"),
    non_hateful("counter_reference", "a denunciation of hate that refers to it"),
    non_hateful("negated_hate", "a hateful statement negated"),
    non_hateful("identity_neutral", "a neutral statement naming a group"),
    non_hateful("identity_positive", "a positive statement about a group"),
    non_hateful("profanity_untargeted", "swearing aimed at no one"),
    non_hateful("abuse_object", "harsh words about a thing, not a person"),
    non_hateful("self_deprecation", "the author running themselves down"),
    non_hateful("slur_homonym", "an innocent word that is also a slur (\"l'empire mongol\")"),
];

/// Passed and total cases of one functionality in one language.
#[derive(Default, Clone, Copy)]
struct Tally {
    passed: usize,
    total: usize,
}

impl Tally {
    fn rate(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

/// Runs one language's table: the tally per functionality, and the failed cases.
fn run(lang: &str) -> (BTreeMap<&'static str, Tally>, Vec<String>) {
    let analyzer = Analyzer::default();
    let file = format!("functional_{lang}.tsv");
    let content = data(&file);
    let mut tallies = BTreeMap::new();
    let mut failed = Vec::new();
    for (n, line) in lines(&content) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "{file}:{n}: expected functionality, expect, text");
        let name = cols[0].trim();
        let functionality = FUNCTIONALITIES
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("{file}:{n}: unknown functionality {name:?}"));
        let want_flag = match cols[1].trim() {
            "hateful" => true,
            "non-hateful" => false,
            other => panic!("{file}:{n}: expect is hateful or non-hateful, not {other:?}"),
        };
        assert_eq!(want_flag, functionality.hateful, "{file}:{n}: {name} is hateful={}", functionality.hateful);
        let text = decode_escapes(cols[2]);
        assert!(!text.trim().is_empty(), "{file}:{n}: empty text");
        let report = analyzer.analyze(&text);
        check_invariants(&text, &report);
        let tally: &mut Tally = tallies.entry(functionality.name).or_default();
        tally.total += 1;
        if report.flagged == want_flag {
            tally.passed += 1;
        } else {
            let got: Vec<String> = report.findings.iter().map(|f| format!("{}={:?}", f.rule, f.text)).collect();
            failed.push(format!("{file}:{n}: [{name}] got {} {got:?}: {text}", report.level.name()));
        }
    }
    (tallies, failed)
}

fn percent(t: Option<&Tally>) -> String {
    t.map_or("—".to_string(), |t| format!("{:.0} % ({}/{})", 100.0 * t.rate(), t.passed, t.total))
}

/// The table of pass rates, in Markdown.
fn table(fr: &BTreeMap<&str, Tally>, en: &BTreeMap<&str, Tally>) -> String {
    let mut out = String::from("| functionality | expected | French | English | what |\n|---|---|---|---|---|\n");
    for f in FUNCTIONALITIES {
        let expected = if f.hateful { "flagged" } else { "left alone" };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            f.name,
            expected,
            percent(fr.get(f.name)),
            percent(en.get(f.name)),
            f.what.replace('|', "\\|")
        ));
    }
    for (kind, hateful) in [("all hateful", true), ("all non-hateful", false)] {
        let sum = |m: &BTreeMap<&str, Tally>| {
            FUNCTIONALITIES
                .iter()
                .filter(|f| f.hateful == hateful)
                .filter_map(|f| m.get(f.name))
                .fold(Tally::default(), |a, t| Tally { passed: a.passed + t.passed, total: a.total + t.total })
        };
        let expected = if hateful { "flagged" } else { "left alone" };
        out.push_str(&format!(
            "| **{kind}** | {expected} | {} | {} | |\n",
            percent(Some(&sum(fr))),
            percent(Some(&sum(en)))
        ));
    }
    out
}

#[test]
fn functional_suite() {
    let (fr, fr_failed) = run("fr");
    let (en, en_failed) = run("en");
    let table = table(&fr, &en);
    println!("{table}");
    if let Ok(path) = std::env::var("FUNCTIONAL_TABLE") {
        std::fs::write(&path, &table).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    if std::env::var_os("FUNCTIONAL_FAILURES").is_some() {
        println!("{}", fr_failed.iter().chain(&en_failed).cloned().collect::<Vec<_>>().join("\n"));
    }
    let mut problems = Vec::new();
    for (lang, tallies) in [("fr", &fr), ("en", &en)] {
        let min_cases = MIN_CASES.iter().find(|(l, _)| *l == lang).map_or(0, |(_, n)| *n);
        for f in FUNCTIONALITIES {
            let t = tallies.get(f.name).copied().unwrap_or_default();
            if t.total < min_cases {
                problems.push(format!("{lang} {}: {} cases, at least {min_cases} needed", f.name, t.total));
            }
            let target = if f.hateful { HATEFUL_CAUGHT } else { NON_HATEFUL_LEFT_ALONE };
            let floor = BELOW_TARGET.iter().find(|(l, name, _)| *l == lang && *name == f.name).map_or(target, |b| b.2);
            if t.rate() < floor {
                problems.push(format!(
                    "{lang} {}: {:.0} % right, floor {:.0} %",
                    f.name,
                    100.0 * t.rate(),
                    100.0 * floor
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(FUNCTIONAL_FAILURES=1 cargo test --test functional -- --nocapture lists the failed cases)",
        problems.join("\n")
    );
}
