//! Property tests: the report contract holds for any text, with any options (the same invariants the
//! fuzzers check, see `fuzz/` and `src/invariants.rs`; this suite keeps them guarded in `cargo test`).
//!
//! For every input: no panic; score in [0, 1]; `flagged` iff level ≥ warn; every finding has
//! `start < end <= utf16_len(text)`, on character boundaries, and its `text` is that slice of the input;
//! findings sorted by `start` and non-overlapping.
#![cfg(not(target_arch = "wasm32"))]

use poids_des_mots::{Analyzer, Category, CustomTerm, Level, Locale, Options, Report};
use proptest::prelude::*;
use std::sync::OnceLock;

fn check_report(text: &str, report: &Report) {
    assert!(report.score.is_finite() && (0.0..=1.0).contains(&report.score), "score {}: {text:?}", report.score);
    assert_eq!(report.flagged, report.level >= Level::Warn, "flagged iff level >= warn: {text:?}");
    if report.findings.is_empty() {
        assert_eq!(report.score, 0.0, "no finding, no score: {text:?}");
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut prev_end = 0;
    for (i, f) in report.findings.iter().enumerate() {
        assert!(
            f.start < f.end && f.end <= units.len(),
            "finding {i} {}..{} of {}: {text:?}",
            f.start,
            f.end,
            units.len()
        );
        let splits = |at: usize| at > 0 && at < units.len() && (0xDC00..0xE000).contains(&units[at]);
        assert!(!splits(f.start) && !splits(f.end), "finding {i} splits a surrogate pair: {text:?}");
        assert_eq!(String::from_utf16(&units[f.start..f.end]).ok().as_deref(), Some(f.text.as_str()), "{i}: {text:?}");
        assert_eq!(text.get(f.bytes.clone()), Some(f.text.as_str()), "finding {i} bytes: {text:?}");
        assert!((1..=3).contains(&f.severity), "finding {i} severity: {text:?}");
        assert!(!f.rule.is_empty() && !f.explanation.is_empty(), "finding {i} rule/explanation: {text:?}");
        assert!(f.start >= prev_end, "finding {i} overlaps or is out of order: {text:?}");
        prev_end = f.end;
    }
}

fn analyzers() -> &'static [Analyzer] {
    static A: OnceLock<Vec<Analyzer>> = OnceLock::new();
    A.get_or_init(|| {
        vec![
            Analyzer::default(),
            Analyzer::new(Options { locale: Locale::En, ..Options::default() }).unwrap(),
            Analyzer::new(Options {
                extra_terms: vec![CustomTerm {
                    pattern: "(noob|nullos) de (base|service)".into(),
                    category: Category::Insult,
                    severity: 2,
                }],
                allowed_terms: vec!["tuer le boss".into(), "con".into()],
                ignore_categories: vec![Category::Profanity],
                ..Options::default()
            })
            .unwrap(),
        ]
    })
}

/// Words and obfuscations the lexicon and the context rules react to, glued by random separators.
fn harassment_like() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("t'es"),
        Just("un"),
        Just("connard"),
        Just("c.0.n.n.a.r.d"),
        Just("c o n n a r d"),
        Just("s@lope"),
        Just("c*nnard"),
        Just("p***"),
        Just("pas"),
        Just("nul"),
        Just("je"),
        Just("suis"),
        Just("va"),
        Just("te"),
        Just("pendre"),
        Just("fils de pute"),
        Just("espèce de"),
        Just("sale"),
        Just("@kevin"),
        Just("06 12 34 56 78"),
        Just("il m'a traité de"),
        Just("«"),
        Just("»"),
        Just("tuer le boss"),
        Just("noob de base"),
        Just("je veux mourir"),
        Just("kys"),
        Just("you're"),
        Just("loser"),
        Just("ᴄᴏɴɴᴀʀᴅ"),
        Just("сопnаrd"),
        Just("😀"),
        Just("\u{0301}"),
        Just("\u{200B}"),
        Just("conseil"),
    ];
    let sep = prop_oneof![Just(" "), Just(""), Just(", "), Just(". "), Just("!"), Just("\n"), Just("-"), Just("'")];
    prop::collection::vec((word, sep), 0..24).prop_map(|v| v.into_iter().flat_map(|(w, s)| [w, s]).collect::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text(text in any::<String>(), which in 0usize..3) {
        check_report(&text, &analyzers()[which].analyze(&text));
    }

    #[test]
    fn harassment_like_text(text in harassment_like(), which in 0usize..3) {
        check_report(&text, &analyzers()[which].analyze(&text));
    }

    /// A report does not depend on what was analysed before (no state between calls).
    #[test]
    fn analyses_are_independent(a in harassment_like(), b in harassment_like()) {
        let analyzer = &analyzers()[0];
        let first = analyzer.analyze(&b);
        analyzer.analyze(&a);
        prop_assert_eq!(first, analyzer.analyze(&b));
    }

    /// Site options never make `analyze` panic, whatever the pattern (a bad one is an error at `new`).
    #[test]
    fn any_custom_term(pattern in "[a-z()|?*{} '.-]{0,24}", allowed in "[a-z '*]{0,12}", text in harassment_like()) {
        let options = Options {
            extra_terms: vec![CustomTerm { pattern: pattern.clone(), category: Category::Insult, severity: 2 }],
            allowed_terms: vec![allowed],
            ..Options::default()
        };
        if let Ok(analyzer) = Analyzer::new(options) {
            let probe = format!("{text} {pattern}");
            check_report(&probe, &analyzer.analyze(&probe));
        }
    }
}

/// Regression (examples/adversarial.rs): a long text full of allowed terms took quadratic time (every
/// hit was tested against every allowed phrase). The allowlist must still silence exactly what lies inside
/// an allowed phrase, and nothing else, also when phrases overlap or nest.
#[test]
fn allowed_terms_silence_what_they_contain_and_only_that() {
    let plain = Analyzer::default();
    let site = Analyzer::new(Options {
        allowed_terms: vec!["un connard".into(), "vraiment un connard fini".into(), "tuer le boss".into()],
        ..Options::default()
    })
    .unwrap();
    let mut text = "t'es un connard, ".repeat(3000);
    text += "t'es vraiment un connard fini. t'es un abruti";
    let all = plain.analyze(&text);
    let kept = site.analyze(&text);
    check_report(&text, &kept);
    let connards = |r: &Report| r.findings.iter().filter(|f| f.text.contains("connard")).count();
    assert!(connards(&all) >= 3001, "the plain analyzer sees every connard");
    assert_eq!(connards(&kept), 0, "every connard lies inside an allowed phrase");
    let others =
        |r: &Report| r.findings.iter().filter(|f| !f.text.contains("connard")).map(|f| f.start).collect::<Vec<_>>();
    assert!(!others(&all).is_empty(), "abruti is found");
    assert_eq!(others(&kept), others(&all), "what lies outside allowed phrases is kept");
}
