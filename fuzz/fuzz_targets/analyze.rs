//! `Analyzer::analyze` on any text, with four configurations (the first input byte picks one):
//! the default analyzer, English explanations, a site with extra and allowed terms, and one that ignores
//! some categories. Every report is checked against its contract (src/invariants.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use poids_des_mots::{invariants, Analyzer, Category, CustomTerm, Locale, Options};
use std::sync::OnceLock;

fn analyzers() -> &'static [Analyzer; 4] {
    static ANALYZERS: OnceLock<[Analyzer; 4]> = OnceLock::new();
    ANALYZERS.get_or_init(|| {
        let site = Options {
            extra_terms: vec![
                CustomTerm { pattern: "(noob|nullos) de (base|service)".into(), category: Category::Insult, severity: 2 },
                CustomTerm { pattern: "tryhard*".into(), category: Category::Denigration, severity: 1 },
            ],
            allowed_terms: vec!["tuer le boss".into(), "con".into(), "sale".into()],
            ..Options::default()
        };
        let ignoring = Options {
            ignore_categories: vec![Category::Profanity, Category::Threat, Category::Insult],
            ..Options::default()
        };
        [
            Analyzer::default(),
            Analyzer::new(Options { locale: Locale::En, ..Options::default() }).unwrap(),
            Analyzer::new(site).unwrap(),
            Analyzer::new(ignoring).unwrap(),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    // What JavaScript hands over: any UTF-16 string, lone surrogates read as U+FFFD.
    let text = String::from_utf8_lossy(rest);
    let analyzer = &analyzers()[(which % 4) as usize];
    let report = analyzer.analyze(&text);
    invariants::check_report(&text, &report);
});
