//! A fixed workload for profilers (callgrind counts instructions, repeatable on a shared machine):
//! `cargo build --release --example profile && valgrind --tool=callgrind target/release/examples/profile analyze`
//!
//! `analyze [SET]` (default): every typical message of the benchmark corpus (or of the sets whose name
//! starts with SET, e.g. `typical-kind`, `long`), 3 passes, after building the analyzer;
//! `new`: compiles the lexicon 3 times (with one site term, so that it is not shared); `builtin`: the first
//! analyzer of a process, without site terms (the built-in lexicon, read as compiled ahead of time); `plain`: one plain 10-word message, 10,000 times;
//! `scale [SIZE]`: one text of SIZE bytes, 10 times.
#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "analyze".into());
    match what.as_str() {
        "new" => {
            // The built-in lexicon is compiled once per process; a site term makes each analyzer compile
            // its own (one phrase more than the built-in lexicon).
            for _ in 0..3 {
                let site = poids_des_mots::Options { allowed_terms: vec!["profil".into()], ..Default::default() };
                std::hint::black_box(poids_des_mots::Analyzer::new(site).unwrap());
            }
        }
        "builtin" => {
            std::hint::black_box(poids_des_mots::Analyzer::new(Default::default()).unwrap());
        }
        "scale" => {
            // One text of SIZE bytes (default 100,000), as the native benchmark's scaling group makes it,
            // analysed 10 times: compare instructions per byte across sizes.
            let size = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
            let text = corpus::text_of(size);
            let analyzer = poids_des_mots::Analyzer::default();
            let mut findings = 0;
            for _ in 0..10 {
                findings += std::hint::black_box(analyzer.analyze(&text)).findings.len();
            }
            println!("{} bytes, {findings} findings", text.len());
        }
        "plain" => {
            // One plain ASCII message of 10 words, 10,000 times: the per-word floor of the pipeline.
            let analyzer = poids_des_mots::Analyzer::default();
            let mut findings = 0;
            for _ in 0..10_000 {
                findings += std::hint::black_box(analyzer.analyze("salut tu viens au foot ce soir avec nous alors"))
                    .findings
                    .len();
            }
            println!("{findings} findings");
        }
        _ => {
            let analyzer = poids_des_mots::Analyzer::default();
            let sets = corpus::corpus();
            let mut findings = 0;
            for _ in 0..3 {
                let only = std::env::args().nth(2).unwrap_or_default(); // e.g. `typical-kind`
                let wanted = if only.is_empty() { "typical" } else { only.as_str() };
                for set in sets.iter().filter(|s| s.name.starts_with(wanted)) {
                    for m in &set.messages {
                        findings += std::hint::black_box(analyzer.analyze(m)).findings.len();
                    }
                }
            }
            println!("{findings} findings");
        }
    }
}
