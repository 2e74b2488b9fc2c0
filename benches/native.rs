//! Native benchmarks (a small harness of our own: medians of several rounds, no dependency).
//!
//!   cargo bench --features bench-internals --bench native               all benchmarks, a table
//!   cargo bench --features bench-internals --bench native -- --json F   the same, plus JSON lines in F
//!   cargo bench --bench native -- --write-corpus F                      the corpus as JSON, for benches/js
//!   cargo bench --bench native -- --dump IN OUT   every report (Debug) for each line of IN (the text
//!       column of a TSV) and of the corpus, with default and with site options: diff two dumps to check
//!       that an optimisation changed no behaviour
//!
//! Under `cargo test --all-targets` (no `--bench` argument) every benchmark runs once, untimed, as a
//! smoke test. Timings are never asserted: the machine is shared.
//!
//! Environment: `PDM_ROUNDS` (default 9) rounds per measurement; the median is reported. `PDM_ONLY=new`,
//! `analyze`, `normalize` or `scaling` runs only that group.

#[path = "support/corpus.rs"]
mod corpus;

use poids_des_mots::{Analyzer, Options};
use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

struct Out {
    json: Option<std::fs::File>,
}

impl Out {
    fn record(&mut self, line: String) {
        if let Some(f) = &mut self.json {
            writeln!(f, "{line}").expect("write the JSON output");
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Runs `f` once per round (each round at least `min_round` long, repeating `f` as needed) and returns
/// the median seconds per call of `f`.
fn time_rounds(rounds: usize, min_round: Duration, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let mut per_call = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        let mut calls = 0u32;
        while calls == 0 || start.elapsed() < min_round {
            f();
            calls += 1;
        }
        per_call.push(start.elapsed().as_secs_f64() / calls as f64);
    }
    median(&mut per_call)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg_after = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    if let Some(path) = arg_after("--write-corpus") {
        std::fs::write(&path, corpus::to_json(&corpus::corpus())).expect("write the corpus");
        eprintln!("corpus written to {path}");
        return;
    }
    if let Some(input) = arg_after("--dump") {
        let output = args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 2)).expect("--dump IN OUT");
        dump(&input, output);
        return;
    }
    let bench = args.iter().any(|a| a == "--bench");
    let rounds: usize = std::env::var("PDM_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(9);
    let mut out = Out { json: arg_after("--json").map(|p| std::fs::File::create(p).expect("create the JSON file")) };
    let sets = corpus::corpus();

    if !bench {
        // Smoke test under `cargo test`: everything runs once.
        let analyzer = Analyzer::default();
        for set in &sets {
            for m in set.messages.iter().take(20) {
                black_box(analyzer.analyze(m));
                #[cfg(feature = "bench-internals")]
                black_box(poids_des_mots::__bench::normalize(m));
            }
        }
        black_box(analyzer.analyze(&corpus::text_of(100_000)));
        println!("native benchmarks: smoke run ok (use `cargo bench` to measure)");
        return;
    }

    let only = std::env::var("PDM_ONLY").unwrap_or_default();
    let run = |group: &str| only.is_empty() || only == group;
    println!("native benchmarks, median of {rounds} rounds");
    if run("new") {
        // What the first `Analyzer::new` of a process pays: the built-in lexicon, compiled. (Later
        // analyzers without site terms share it; with the feature off, one with a site term compiles its own.)
        let new = time_rounds(rounds.max(15), Duration::from_millis(50), || {
            #[cfg(feature = "bench-internals")]
            poids_des_mots::__bench::compile_builtin_lexicon();
            #[cfg(not(feature = "bench-internals"))]
            black_box(Analyzer::new(Options { allowed_terms: vec!["bench".into()], ..Options::default() }).unwrap());
        });
        println!("{:<28} {:>10.3} ms", "Analyzer::new (first)", new * 1e3);
        out.record(format!("{{\"bench\":\"new\",\"seconds\":{new:e}}}"));
    }

    let analyzer = Analyzer::default();
    println!("{:<28} {:>12} {:>12} {:>10} {:>10}", "analyze", "µs/msg mean", "µs/msg p50", "MB/s", "msgs/s");
    for set in sets.iter().filter(|_| run("analyze")) {
        let bytes: usize = set.messages.iter().map(|m| m.len()).sum();
        let per_pass = time_rounds(rounds, Duration::from_millis(200), || {
            for m in &set.messages {
                black_box(analyzer.analyze(black_box(m)));
            }
        });
        // Per-message p50: each message timed alone, over a few passes.
        let mut each = Vec::with_capacity(set.messages.len() * 3);
        for _ in 0..3 {
            for m in &set.messages {
                let t = Instant::now();
                black_box(analyzer.analyze(black_box(m)));
                each.push(t.elapsed().as_secs_f64());
            }
        }
        let p50 = median(&mut each);
        let n = set.messages.len() as f64;
        let mbs = bytes as f64 / per_pass / 1e6;
        println!(
            "{:<28} {:>12.2} {:>12.2} {:>10.1} {:>10.0}",
            set.name,
            per_pass / n * 1e6,
            p50 * 1e6,
            mbs,
            n / per_pass
        );
        out.record(format!(
            "{{\"bench\":\"analyze\",\"set\":\"{}\",\"messages\":{},\"bytes\":{bytes},\"mean_s\":{:e},\"p50_s\":{p50:e},\"mb_s\":{mbs}}}",
            set.name,
            set.messages.len(),
            per_pass / n
        ));
    }

    #[cfg(feature = "bench-internals")]
    {
        println!("{:<28} {:>12} {:>12} {:>10}", "normalize only", "µs/msg mean", "", "MB/s");
        for set in sets.iter().filter(|_| run("normalize")) {
            let bytes: usize = set.messages.iter().map(|m| m.len()).sum();
            let per_pass = time_rounds(rounds, Duration::from_millis(200), || {
                for m in &set.messages {
                    black_box(poids_des_mots::__bench::normalize(black_box(m)));
                }
            });
            let n = set.messages.len() as f64;
            let mbs = bytes as f64 / per_pass / 1e6;
            println!("{:<28} {:>12.2} {:>12} {:>10.1}", set.name, per_pass / n * 1e6, "", mbs);
            out.record(format!(
                "{{\"bench\":\"normalize\",\"set\":\"{}\",\"bytes\":{bytes},\"mean_s\":{:e},\"mb_s\":{mbs}}}",
                set.name,
                per_pass / n
            ));
        }
    }

    println!("{:<28} {:>12} {:>12}", "scaling (one text)", "ms", "ns/byte");
    for size in [1_000usize, 10_000, 100_000, 1_000_000, 10_000_000].into_iter().filter(|_| run("scaling")) {
        let text = corpus::text_of(size);
        let r = if size >= 10_000_000 { 3 } else { rounds };
        let secs = time_rounds(r, Duration::from_millis(100), || {
            black_box(analyzer.analyze(black_box(&text)));
        });
        let ns_per_byte = secs * 1e9 / text.len() as f64;
        println!("{:<28} {:>12.3} {:>12.2}", format!("{} bytes", text.len()), secs * 1e3, ns_per_byte);
        out.record(format!(
            "{{\"bench\":\"scaling\",\"bytes\":{},\"seconds\":{secs:e},\"ns_per_byte\":{ns_per_byte}}}",
            text.len()
        ));
    }
}

/// Writes the Debug form of every report, for the lines of `input` (the 4th column of a TSV, else the
/// line) and the corpus, with default options and with site options that overlap the built-in lexicon.
fn dump(input: &str, output: &str) {
    use poids_des_mots::{Category, CustomTerm};
    let content = std::fs::read_to_string(input).unwrap_or_default();
    let mut texts: Vec<String> = content.lines().map(|l| l.splitn(4, '\t').nth(3).unwrap_or(l).to_string()).collect();
    for set in corpus::corpus() {
        texts.extend(set.messages.into_iter().take(200));
    }
    let site = Options {
        extra_terms: vec![
            CustomTerm { pattern: "connard".into(), category: Category::Insult, severity: 3 },
            CustomTerm { pattern: "sale (nul|nulle)".into(), category: Category::Insult, severity: 2 },
            CustomTerm { pattern: "gros boulet*".into(), category: Category::Denigration, severity: 1 },
        ],
        allowed_terms: vec!["tuer le boss".into(), "va te pendre".into()],
        ..Options::default()
    };
    let analyzers = [Analyzer::default(), Analyzer::new(site).expect("site options compile")];
    let mut out = std::io::BufWriter::new(std::fs::File::create(output).expect("create the dump"));
    for t in &texts {
        for a in &analyzers {
            writeln!(out, "{t:?}\n{:?}", a.analyze(t)).expect("write the dump");
        }
    }
}
