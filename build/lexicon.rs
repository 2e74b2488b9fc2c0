//! Embeds every lexicon data file (`src/lexicon/{fr,en}/*.tsv` and `src/lexicon/explanations.tsv`)
//! so that adding a reviewed file needs no code change; comment lines are left out of the bundle. The
//! pattern files are for the tests only (the bundle has them compiled: `src/lexicon/compiled.bin`). The
//! generated list is sorted: the build is reproducible.
use std::{fs, path::Path};

/// Writes `lexicon_files.rs` into `out`.
pub fn generate(manifest: &Path, out_dir: &Path) {
    let root = manifest.join("src/lexicon");
    let mut files = Vec::new();
    for lang in ["fr", "en"] {
        let dir = root.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(read) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in read.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "tsv") {
                println!("cargo:rerun-if-changed={}", path.display());
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.push((format!("{lang}/{name}"), path));
            }
        }
    }
    // French first: on equal terms (masked words, rule order) the French entry wins.
    files.sort_by_key(|(name, _)| (!name.starts_with("fr/"), name.clone()));
    let explanations = root.join("explanations.tsv");
    println!("cargo:rerun-if-changed={}", explanations.display());
    // The pattern files are compiled ahead of time into src/lexicon/compiled.bin (see snapshot.rs): only
    // the lexicon compiler (src/bin/compile-lexicon.rs) and the tests read them. The class files also
    // serve sites' own terms.
    let mut patterns = String::from("/// The pattern files: (path relative to src/lexicon, contents).\n#[cfg(any(test, feature = \"lexicon-compiler\"))]\npub(crate) const PATTERN_FILES: &[(&str, &str)] = &[\n");
    let mut classes = String::from(
        "/// The class files: (language, contents).\npub(crate) const CLASS_FILES: &[(&str, &str)] = &[\n",
    );
    // What the compiled lexicon is made from (names and lines), hashed (FNV-1a).
    let mut source_hash = 0xcbf2_9ce4_8422_2325u64;
    for (name, path) in &files {
        // Comment lines are for reviewers, not for the bundle: they are blanked (line numbers in error
        // messages stay right) and the rest is embedded as a literal.
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let data: String =
            text.lines().map(|l| if l.starts_with('#') { "\n".to_string() } else { format!("{l}\n") }).collect();
        // Lines that are neither comments nor blank: what compiles (a comment edit changes nothing).
        let lines = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for b in name.bytes().chain([0]).chain(lines.flat_map(|l| l.bytes().chain([b'\n']))).chain([0]) {
            source_hash = (source_hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        match name.strip_suffix("/classes.tsv") {
            Some(lang) => classes += &format!("    ({lang:?}, {data:?}),\n"),
            None => patterns += &format!("    ({name:?}, {data:?}),\n"),
        }
    }
    let mut out = patterns + "];\n" + &classes + "];\n";
    out += &format!("/// A hash of the files `compiled.bin` is made from (it starts with the hash it was made from).\n#[cfg(any(test, feature = \"lexicon-compiler\"))]\npub(crate) const SOURCE_HASH: u64 = {source_hash:#x};\n");
    // A lexicon file changed and compiled.bin was not made again: the bundle would not have the change.
    // `cargo test` fails then; a build says so (it cannot make the file itself: that needs this crate).
    let compiled = root.join("compiled.bin");
    println!("cargo:rerun-if-changed={}", compiled.display());
    let made_from = fs::read(&compiled).ok().and_then(|b| Some(u64::from_le_bytes(b.get(1..9)?.try_into().ok()?)));
    if made_from != Some(source_hash) {
        println!(
            "cargo:warning=src/lexicon/compiled.bin was not made from the lexicon files as they are now: run ./scripts/update-lexicon.sh"
        );
    }
    out += &if explanations.exists() {
        format!("/// One line per category: French and English explanations.\npub(crate) const EXPLANATIONS: &str = include_str!({:?});\n", explanations.display().to_string())
    } else {
        "/// One line per category: French and English explanations.\npub(crate) const EXPLANATIONS: &str = \"\";\n"
            .to_string()
    };
    fs::write(out_dir.join("lexicon_files.rs"), out).unwrap();
}
