//! The lexicon compiler: the built-in lexicon compiled from its TSV files, into the bytes of
//! `compiled.bin`. A build tool (`src/bin/compile-lexicon.rs`, run by `./scripts/update-lexicon.sh`,
//! feature `lexicon-compiler`), never part of the library that ships; the tests compare its output with
//! the committed `compiled.bin`.

use super::builder::Builder;
use super::entry::{err, LexiconError};
#[cfg(test)]
use super::find::Lexicon;
use super::fxhash::HashMap;
use super::parse::{parse_classes, parse_flags, parse_severity, Classes};
use super::snapshot;
use super::sources::{CLASS_FILES, PATTERN_FILES};
use crate::category::Category;
#[cfg(test)]
use crate::options::CustomTerm;

/// What `compiled.bin` must hold: the built-in TSV files, compiled.
pub(crate) fn compile() -> Result<Vec<u8>, LexiconError> {
    Ok(snapshot::write(&Builder::from_files()?))
}

impl Builder {
    /// A builder holding every built-in file.
    pub(super) fn from_files() -> Result<Builder, LexiconError> {
        let mut b = Builder::new();
        let mut classes: HashMap<&str, Classes> = HashMap::default();
        for (lang, content) in CLASS_FILES {
            classes.insert(lang, parse_classes(&format!("{lang}/classes.tsv"), content)?);
        }
        let empty = Classes::default();
        for (name, content) in PATTERN_FILES {
            b.add_file(name, content, classes.get(&name[..2]).unwrap_or(&empty))?;
        }
        Ok(b)
    }

    /// Adds every pattern line of one built-in file.
    pub(super) fn add_file(&mut self, name: &str, content: &str, classes: &Classes) -> Result<(), LexiconError> {
        let lang = &name[..2];
        for (n, line) in content.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let place = || format!("{name}:{}", n + 1);
            let mut cols = line.split('\t');
            let (Some(pattern), Some(category), Some(severity), Some(flags)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(err(place(), "expected pattern, category, severity, flags (tab-separated)"));
            };
            let category = Category::from_name(category.trim())
                .ok_or_else(|| err(place(), format!("unknown category {category:?}")))?;
            let severity = parse_severity(severity).ok_or_else(|| err(place(), "severity must be 1, 2 or 3"))?;
            let flags = parse_flags(flags).map_err(|m| err(place(), m))?;
            let id = cols.next().map(str::trim).filter(|s| !s.is_empty() && *s != "-");
            self.add(lang, pattern, category, severity, flags, id, classes).map_err(|m| err(place(), m))?;
        }
        Ok(())
    }
}

#[cfg(test)]
impl Lexicon {
    /// The built-in lexicon plus a site's terms (as `Lexicon::build`), from the TSV files themselves
    /// rather than from their compiled form.
    pub fn build_from_files(extra: &[CustomTerm], allowed: &[String]) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::from_files()?;
        b.add_site_terms(extra, allowed)?;
        Ok(b.finish())
    }
}
