//! One message per line on stdin → one JSON report per line on stdout.
//!
//! ```sh
//! echo "t'es vraiment un connard" | cargo run --release --example analyze
//! cargo run --release --example analyze -- --locale en < messages.txt
//! cargo run --release --example analyze -- --rules-only < messages.txt   # the lexicon alone, no model
//! ```
//!
//! Each line is `{"score":…,"flagged":…,"level":…,"distress":…,"findings":[…]}` (the report schema of
//! the README), flushed at once so that a caller can read report N before it writes message N+1. A
//! literal `\n` inside a line stays two characters: messages are single lines.
use poids_des_mots::{Analyzer, Locale, Options};
use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--rules-only" {
            options.rules_only = true;
            continue;
        }
        match (arg.as_str(), args.next().as_deref()) {
            ("--locale", Some("fr")) => options.locale = Locale::Fr,
            ("--locale", Some("en")) => options.locale = Locale::En,
            _ => {
                eprintln!("usage: analyze [--locale fr|en] [--rules-only] < messages.txt");
                std::process::exit(2);
            }
        }
    }
    let analyzer = Analyzer::new(options).map_err(io::Error::other)?;
    let stdin = io::stdin().lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.split(b'\n') {
        let line = line?;
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        let report = analyzer.analyze(text);
        serde_json::to_writer(&mut out, &report)?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(())
}
