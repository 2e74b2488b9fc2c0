//! The core's half of the policy for a message that carries distress *and* harm to others (issue 19):
//! the report's `level` (and `flagged`) measures the harm to others only, and distress never lowers it,
//! while `distress` says the author needs support. So a page gives both: support, and the confirmation
//! (pkg-template/attach/policy.js, `advise()`, is the one implementation of the page's half).
//!
//! Sentences written for this test, not taken from any corpus.

use poids_des_mots::{Analyzer, Category, Level, Locale, Options};

/// The author's distress, alone in a sentence.
const DISTRESS_FR: &[&str] = &[
    "j'ai envie de mourir",
    "j'en peux plus",
    "tout le monde me harcèle",
    "je me sens tellement seule",
    "je pense au suicide",
];
/// Harm to others, at warn or alert on its own.
const HARM_FR: &[&str] = &[
    "va te pendre sale pd",
    "t'es vraiment un connard",
    "je vais te tuer",
    "ferme ta gueule sale pute",
    "personne t'aime, va crever",
];
const DISTRESS_EN: &[&str] = &["i want to die", "everyone hates me", "i can't take it anymore"];
const HARM_EN: &[&str] = &["go kill yourself", "you are such a loser, nobody likes you", "shut up you stupid bitch"];

fn check(locale: Locale, distress: &[&str], harm: &[&str]) {
    let analyzer = Analyzer::new(Options { locale, ..Options::default() }).unwrap();
    for d in distress {
        let alone = analyzer.analyze(d);
        assert!(alone.distress, "{d:?} should read as distress: {alone:?}");
        assert!(!alone.flagged && alone.level == Level::None, "{d:?}: distress alone asks no caution: {alone:?}");
        for h in harm {
            let abuse = analyzer.analyze(h);
            assert!(abuse.flagged, "{h:?} should be flagged on its own: {abuse:?}");
            assert!(!abuse.distress, "{h:?}: no distress on its own");
            for text in [format!("{d}. {h}"), format!("{h}. {d}")] {
                let both = analyzer.analyze(&text);
                assert!(both.distress, "{text:?}: the distress is still seen");
                assert_eq!(both.level, abuse.level, "{text:?}: distress never lowers the level");
                assert_eq!(both.flagged, abuse.flagged, "{text:?}");
                assert_eq!(both.score, abuse.score, "{text:?}: distress weighs nothing");
                let harms = |r: &poids_des_mots::Report| -> Vec<String> {
                    r.findings.iter().filter(|f| f.category != Category::Distress).map(|f| f.rule.clone()).collect()
                };
                assert_eq!(harms(&both), harms(&abuse), "{text:?}: every harmful finding is kept");
            }
        }
    }
}

#[test]
fn distress_never_lowers_the_caution_fr() {
    check(Locale::Fr, DISTRESS_FR, HARM_FR);
}

#[test]
fn distress_never_lowers_the_caution_en() {
    check(Locale::En, DISTRESS_EN, HARM_EN);
}

#[test]
fn distress_cannot_be_ignored() {
    let options = Options { ignore_categories: vec![Category::Profanity, Category::Distress], ..Options::default() };
    let err = Analyzer::new(options).err().expect("ignoring distress is refused");
    assert!(err.0.starts_with("ignoreCategories[1]: \"distress\" cannot be ignored"), "{err}");
    assert!(err.0.contains("offer support"), "it says why: {err}");
    let others = Options { ignore_categories: vec![Category::Profanity, Category::Insult], ..Options::default() };
    assert!(Analyzer::new(others).is_ok());
}

#[test]
fn distress_and_harm_in_one_clause_keep_the_alert() {
    // The issue's own example: one sentence, no full stop between the two.
    let report = Analyzer::default().analyze("j'en peux plus, va te pendre sale pd");
    assert!(report.distress && report.flagged && report.level == Level::Alert, "{report:?}");
}
