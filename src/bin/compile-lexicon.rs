//! Compiles the lexicon's TSV files (`src/lexicon/{fr,en}/*.tsv`, embedded by the build script) into
//! `src/lexicon/compiled.bin`, what `Analyzer::new` reads. A build tool, run by
//! `./scripts/update-lexicon.sh` after the files change (see `src/lexicon/README.md`):
//!
//!   cargo run --features lexicon-compiler --bin compile-lexicon            rewrite compiled.bin if stale
//!   cargo run --features lexicon-compiler --bin compile-lexicon -- --check fail if it is stale
//!   … -- PATH                                                              write PATH instead
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lexicon/compiled.bin").to_string();
    let path = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or(default);
    let bytes = match poids_des_mots::__lexicon_compiler::compile() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("compile-lexicon: {e}");
            return ExitCode::FAILURE;
        }
    };
    let current = std::fs::read(&path).unwrap_or_default();
    if current == bytes {
        eprintln!("compile-lexicon: {path} is up to date ({} bytes)", bytes.len());
        return ExitCode::SUCCESS;
    }
    if check {
        eprintln!("compile-lexicon: {path} is not what the TSV files compile to: run ./scripts/update-lexicon.sh");
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::write(&path, &bytes) {
        eprintln!("compile-lexicon: {path}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("compile-lexicon: wrote {path} ({} bytes)", bytes.len());
    ExitCode::SUCCESS
}
