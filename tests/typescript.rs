//! The TypeScript declarations of the boundary (`TS_TYPES` in src/wasm.rs, shipped as
//! `poids_des_mots.d.ts`) say what the Rust side does: the `Category` and `Level` unions list the
//! names of the enums in their order, and the interfaces have the fields the types serialise to. A
//! category, a level or a field added, renamed or removed on one side alone fails here. (That the
//! objects JS receives carry those fields with the core's values is `tests/wasm.rs`'s job.)

use poids_des_mots::{Analyzer, Category, CustomTerm, Level, Options};
use std::collections::BTreeSet;

const WASM_RS: &str = include_str!("../src/wasm.rs");
const PACKAGE_README: &str = include_str!("../pkg-template/README.md");

/// The TypeScript text of `TS_TYPES`, without its comments.
fn declarations() -> String {
    let start = WASM_RS.find("const TS_TYPES: &'static str = r#\"").expect("TS_TYPES in src/wasm.rs");
    let body = &WASM_RS[start..];
    let body = &body[body.find('"').unwrap() + 1..body.find("\"#;").expect("end of TS_TYPES")];
    let mut out = String::new();
    let mut rest = body;
    while let Some(open) = rest.find("/*") {
        out.push_str(&rest[..open]);
        rest = &rest[open + rest[open..].find("*/").expect("closed comment") + 2..];
    }
    out.push_str(rest);
    out.lines().map(|l| l.split("//").next().unwrap()).collect::<Vec<_>>().join("\n")
}

/// The string literals of `type name = 'a' | 'b' …;`, in order.
fn union(name: &str) -> Vec<String> {
    literals(&declarations(), &format!("type {name} ="))
}

/// The string literals of the union that follows `head` in `code`, up to the next `;`.
fn literals(code: &str, head: &str) -> Vec<String> {
    let start = code.find(head).unwrap_or_else(|| panic!("{head} not found")) + head.len();
    let end = start + code[start..].find(';').unwrap();
    code[start..end]
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            assert!(s.len() > 1 && s.starts_with('\'') && s.ends_with('\''), "{head} {s} is not a string literal");
            s[1..s.len() - 1].to_string()
        })
        .collect()
}

/// The property names of `interface name { … }` (one per line, as TS_TYPES writes them).
fn interface(name: &str) -> BTreeSet<String> {
    let code = declarations();
    let head = format!("interface {name} {{");
    let start = code.find(&head).unwrap_or_else(|| panic!("interface {name} not declared")) + head.len();
    let end = start + code[start..].find('}').unwrap();
    code[start..end]
        .lines()
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().trim_end_matches('?').to_string()))
        .filter(|k| !k.is_empty())
        .collect()
}

/// The keys `value` serialises to (as a JSON object).
fn keys(value: &impl serde::Serialize) -> BTreeSet<String> {
    serde_json::to_value(value).unwrap().as_object().expect("an object").keys().cloned().collect()
}

#[test]
fn the_category_union_is_category_all_in_order() {
    let names: Vec<String> = Category::ALL.iter().map(|c| c.name().to_string()).collect();
    assert_eq!(union("Category"), names);
}

#[test]
fn the_package_readme_lists_every_category() {
    // Its "The report" section shows the report's shape for readers of the npm page.
    let names: Vec<String> = Category::ALL.iter().map(|c| c.name().to_string()).collect();
    let section = &PACKAGE_README[PACKAGE_README.find("## The report").expect("a section \"The report\"")..];
    assert_eq!(literals(section, "category:"), names);
}

#[test]
fn the_level_union_is_every_level_in_order() {
    // A level added to the enum must be added here (the match stops compiling), and to the union.
    let every = [Level::None, Level::Notice, Level::Warn, Level::Alert];
    for level in every {
        match level {
            Level::None | Level::Notice | Level::Warn | Level::Alert => {}
        }
    }
    assert!(every.windows(2).all(|w| w[0] < w[1]), "in increasing order");
    assert_eq!(union("Level"), every.map(|l| l.name().to_string()));
}

#[test]
fn the_interfaces_have_the_fields_the_types_serialise_to() {
    let report = Analyzer::new(Options::default()).unwrap().analyze("t'es un connard");
    assert!(!report.findings.is_empty());
    assert_eq!(interface("Report"), keys(&report));
    assert_eq!(interface("Finding"), keys(&report.findings[0]));
    let term = CustomTerm { pattern: "nul".into(), category: Category::Insult, severity: 2 };
    assert_eq!(interface("CustomTerm"), keys(&term));
    assert_eq!(interface("AnalyzerOptions"), keys(&Options::default()));
}

#[test]
fn the_reader_sees_a_change() {
    // The readers above must not read nothing: the declarations they read are not empty, and the
    // category union has every category once.
    assert_eq!(union("Category").len(), Category::ALL.len());
    assert!(interface("Finding").len() >= 8, "{:?}", interface("Finding"));
    assert!(interface("AnalyzerOptions").contains("ignoreCategories"));
}
