//! The built-in lexicon, compiled ahead of time: what [`Builder`] holds once every built-in file is added
//! (entries and their ids, slots, phrases) and the trie of their skeletons, written as bytes. Reading it
//! back skips parsing the files, normalising their 13k written phrases and building the trie; the
//! masked-word index and the candidates are then made from the phrases as they always are.
//!
//! The bytes are `src/lexicon/compiled.bin`, generated from the TSV files (which stay the reviewed
//! source) by the lexicon compiler (`compiler.rs`, `src/bin/compile-lexicon.rs`, which
//! `./scripts/update-lexicon.sh` runs); `cargo test` compiles the files and fails when the two differ
//! (`compiled_lexicon_is_fresh`). `write` exists in the compiler and the tests only.
//!
//! Format: a version byte, a hash of the files it was made from (the build script warns when they
//! changed since), then sections of LEB128 numbers and raw bytes, each kind of value in a section of its
//! own (gzip compresses them better so): entries, slots, the trie's layout
//! (`TrieBuilder::build_recording`), the phrases each of its patterns is, rule ids. A phrase's text is
//! the path of its pattern in the trie, so phrases are numbered in the order the trie numbers their
//! skeletons (the order of their bytes).

use super::builder::Builder;
#[cfg(any(test, feature = "lexicon-compiler"))]
use super::entry::Entry;
use super::find::{Slot, NUM_PHRASE};
#[cfg(any(test, feature = "lexicon-compiler"))]
use super::layout::TrieBuilder;
#[cfg(any(test, feature = "lexicon-compiler"))]
use super::leb128::push_num;
use super::leb128::Reader;
#[cfg(any(test, feature = "lexicon-compiler"))]
use super::sources::SOURCE_HASH;
use super::trie::Trie;
use crate::category::Category;

/// Changes with the format (and `Builder`'s meaning of its fields).
const VERSION: u8 = 6;

#[cfg(any(test, feature = "lexicon-compiler"))]
struct Writer(Vec<u8>);

#[cfg(any(test, feature = "lexicon-compiler"))]
impl Writer {
    fn num(&mut self, v: u64) {
        push_num(&mut self.0, v)
    }

    fn bytes(&mut self, b: &[u8]) {
        self.num(b.len() as u64);
        self.0.extend_from_slice(b);
    }
}

/// The run a phrase byte has unless the snapshot says otherwise: 0 for a space, 1 for a letter.
fn usual_run(b: u8) -> u8 {
    u8::from(b != b' ')
}

/// The snapshot of a builder that holds the built-in files only. Phrases are renumbered in the order of
/// their bytes, so that each can be written as what it shares with the one before and the rest.
#[cfg(any(test, feature = "lexicon-compiler"))]
pub(super) fn write(b: &Builder) -> Vec<u8> {
    let mut w = Writer(vec![VERSION]);
    w.0.extend_from_slice(&SOURCE_HASH.to_le_bytes());
    // Entries: their languages (the first part of their ids), then each one's language, category,
    // severity and flags.
    let lang_of = |e: &Entry| e.id.split('.').next().unwrap_or("").to_string();
    let mut langs: Vec<String> = b.entries.iter().map(lang_of).collect();
    langs.sort();
    langs.dedup();
    w.num(langs.len() as u64);
    for lang in &langs {
        w.bytes(lang.as_bytes());
    }
    w.num(b.entries.len() as u64);
    for e in &b.entries {
        w.num(langs.iter().position(|l| *l == lang_of(e)).unwrap_or(0) as u64);
        w.0.push(e.category as u8);
        w.0.push(e.severity);
        w.num(e.flags as u64);
    }
    // The trie of every candidate's skeleton, as `Trie::read` reads it back. Phrases are renumbered in the
    // order the trie numbers their skeletons (the order of their bytes), then by key: the reader makes
    // them in that order, from the trie's patterns.
    let count = b.phrases.len() as u32;
    let mut patterns = TrieBuilder::with_capacity(count as usize, 0);
    for p in 1..=count {
        patterns.push(b.skeleton(p));
    }
    let (trie, pattern_of, layout) = patterns.build_recording(true);
    // (pattern of its skeleton, key, phrase) of every phrase.
    let mut phrases: Vec<(u32, &[u8], u32)> =
        (1..=count).zip(&pattern_of).map(|(p, &pattern)| (pattern, b.phrases.get(p - 1), p)).collect();
    phrases.sort_unstable();
    // Phrase p (from 1; 0 is NUM_PHRASE) becomes `renumbered[p]`.
    let mut renumbered = vec![0u32; count as usize + 1];
    for (rank, &(_, _, p)) in phrases.iter().enumerate() {
        renumbered[p as usize] = rank as u32 + 1;
    }
    // Slots: how many each entry has, then each one's phrase count and whether it is optional, then the
    // phrases of each (sorted), as differences.
    for &(s, e) in &b.entry_slots {
        w.num((e - s) as u64);
    }
    w.num(b.slots.len() as u64);
    for slot in &b.slots {
        w.num(((slot.phrases.1 - slot.phrases.0) as u64) << 1 | slot.optional as u64);
    }
    let mut slot_phrases = b.slot_phrases.clone();
    for slot in &b.slots {
        let phrases = &mut slot_phrases[slot.phrases.0 as usize..slot.phrases.1 as usize];
        for p in phrases.iter_mut() {
            *p = renumbered[*p as usize];
        }
        phrases.sort_unstable();
        let mut last = 0;
        for &p in phrases.iter() {
            w.num((p - last) as u64);
            last = p;
        }
    }
    // The trie, then for each of its patterns the phrases it is the skeleton of: how many, then for each
    // the runs that are not the usual ones (how many; then each one's distance from the previous one, and
    // the run). A stem is the phrase whose skeleton does not end with a space (`pendre*`: ` pend`).
    w.bytes(&layout);
    let mut next = phrases.iter().peekable();
    for pattern in 0..trie.patterns() as u32 {
        let mut here = Vec::new();
        while let Some(&(_, key, p)) = next.next_if(|&&(q, _, _)| q == pattern) {
            here.push((key, p));
        }
        w.num(here.len() as u64);
        for (key, p) in here {
            let (text, runs) = key.split_at(key.len() / 2);
            assert_eq!(
                b.candidates[p as usize - 1].stem,
                !text.ends_with(b" "),
                "a stem's skeleton ends without a space"
            );
            let unusual = || runs.iter().enumerate().filter(|&(j, &r)| r != usual_run(text[j]));
            w.num(unusual().count() as u64);
            let mut at = 0;
            for (j, &r) in unusual() {
                w.num((j - at) as u64);
                w.0.push(r);
                at = j;
            }
        }
    }
    // Ids: most are made of the entry's words (`Builder::id_tail`): how many of its words that are not
    // optional give the id, and for each, where its first alternative is among the slot's phrases. The
    // others are written out.
    let mut replay = Builder::new();
    let mut tail = String::new();
    for (i, e) in b.entries.iter().enumerate() {
        let from = if i == 0 { 0 } else { b.id_source_ends[i - 1] as usize };
        let sources = &b.id_sources[from..b.id_source_ends[i] as usize];
        tail.clear();
        b.id_tail(sources, &mut tail);
        let lang = lang_of(e);
        let (s, _) = b.entry_slots[i];
        let required = (s..).filter(|&k| !b.slots[k as usize].optional);
        if replay.entry_id(&lang, e.category, &tail) == *e.id {
            replay.push_entry(&lang, e.category, e.severity, e.flags, &tail);
            w.num(0);
            w.num(sources.len() as u64);
            for (&p, k) in sources.iter().zip(required) {
                let slot = b.slots[k as usize].phrases;
                let set = &slot_phrases[slot.0 as usize..slot.1 as usize];
                w.num(set.iter().position(|&q| q == renumbered[p as usize]).unwrap_or(0) as u64);
            }
        } else {
            // `lang.category.` and the rest, which the reader gives `push_entry` as it is.
            let written = &e.id[lang.len() + e.category.name().len() + 2..];
            w.num(written.len() as u64 + 1);
            w.0.extend_from_slice(written.as_bytes());
            replay.push_entry(&lang, e.category, e.severity, e.flags, written);
        }
        debug_assert_eq!(replay.entries[i].id, e.id);
    }
    w.0
}

/// Fills an empty builder from `write`'s bytes, as if the built-in files had been added to it (the
/// phrases' candidates are made again, in the same order). The bytes are the crate's own, written by
/// `write` and checked by the tests; other bytes give `None` (or a builder `finish` can still use).
pub(super) fn read(b: &mut Builder, bytes: &[u8]) -> Option<()> {
    let mut r = Reader { bytes, at: 0 };
    if r.byte()? != VERSION {
        return None;
    }
    r.take(8)?; // the hash of the files it was made from (see build/lexicon.rs)
    let mut langs = Vec::new();
    for _ in 0..r.count()? {
        let len = r.count()?;
        langs.push(std::str::from_utf8(r.take(len)?).ok()?);
    }
    let entries = r.count()?;
    let mut meta = Vec::with_capacity(entries);
    for _ in 0..entries {
        let lang = *langs.get(r.num()? as usize)?;
        let category = *Category::ALL.get(r.byte()? as usize)?;
        meta.push((lang, category, r.byte()?, r.num()? as u16));
    }
    let mut slot = 0u32;
    b.entry_slots.reserve(entries);
    for _ in 0..entries {
        let n = r.count()? as u32;
        b.entry_slots.push((slot, slot.checked_add(n)?));
        slot += n;
    }
    let slots = r.count()?;
    if slots != slot as usize {
        return None;
    }
    b.slots.reserve(slots);
    let mut phrase = 0u32;
    for _ in 0..slots {
        let v = r.num()?;
        let n = (v >> 1) as u32;
        b.slots.push(Slot { phrases: (phrase, phrase.checked_add(n)?), optional: v & 1 != 0, mask: 0 });
        phrase += n;
    }
    b.slot_phrases.reserve(phrase.min(bytes.len() as u32) as usize);
    for s in 0..slots {
        let (from, to) = b.slots[s].phrases;
        let mut last = 0u32;
        for _ in from..to {
            last = last.checked_add(r.num()? as u32)?;
            b.slot_phrases.push(last);
        }
    }
    // The trie, and the phrases whose skeletons are its patterns.
    let len = r.count()?;
    let mut layout = Reader { bytes: r.take(len)?, at: 0 };
    b.compiled_patterns.reserve(b.candidates.capacity());
    let mut key = Vec::new();
    let trie = Trie::read(&mut layout, |text, pattern| {
        for _ in 0..r.count()? {
            let v = r.num()?;
            if text.is_empty() {
                return None;
            }
            key.clear();
            key.extend_from_slice(text);
            key.extend(text.iter().map(|&c| usual_run(c)));
            let mut at = 0usize;
            let mut single_runs = true;
            for _ in 0..v {
                at = at.checked_add(r.num()? as usize)?;
                let run = r.byte()?;
                *key.get_mut(text.len().checked_add(at)?)? = run;
                single_runs &= run <= 1;
            }
            b.add_compiled_phrase(&key, text.len(), !text.ends_with(b" "), single_runs, pattern);
        }
        Some(())
    })?;
    if layout.at != len {
        return None;
    }
    b.compiled = Some(trie);
    if b.slot_phrases.iter().any(|&p| p as usize > b.phrases.len()) {
        return None;
    }
    // Ids: from the phrases (`Builder::id_tail`), or written out.
    let mut sources = Vec::new();
    let mut tail = String::new();
    for (i, &(lang, category, severity, flags)) in meta.iter().enumerate() {
        tail.clear();
        let written = r.num()? as usize;
        if written == 0 {
            let (start, end) = b.entry_slots[i];
            sources.clear();
            let mut required = b.slots[start as usize..end as usize].iter().filter(|slot| !slot.optional);
            for _ in 0..r.count()? {
                let slot = required.next()?;
                sources.push(*b.slot_phrases[slot.phrases.0 as usize..slot.phrases.1 as usize].get(r.num()? as usize)?);
            }
            b.id_tail(&sources, &mut tail);
        } else {
            tail.push_str(std::str::from_utf8(r.take(written - 1)?).ok()?);
        }
        b.push_entry(lang, category, severity, flags, &tail);
        if written == 0 {
            b.id_sources.extend_from_slice(&sources);
        }
        b.id_source_ends.push(b.id_sources.len() as u32);
    }
    // Masked words: the single words (not stems) of single-slot entries, as `Builder::add_parsed` indexes
    // them.
    for entry in 0..entries {
        let (s, e) = b.entry_slots[entry];
        if e - s != 1 {
            continue;
        }
        let (from, to) = b.slots[s as usize].phrases;
        for k in from..to {
            let p = b.slot_phrases[k as usize];
            // A stem's skeleton has no space after its last word.
            let not_stem = p != NUM_PHRASE && b.phrases.get(p - 1)[..b.phrases.get(p - 1).len() / 2].ends_with(b" ");
            if not_stem && b.phrase_words(p) == 1 {
                b.add_masked(entry as u32, p);
            }
        }
    }
    (r.at == bytes.len()).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::find::Lexicon;
    use crate::lexicon::sources::COMPILED;

    /// `compiled.bin` is what the TSV files compile to (the CI check: it compares, it never writes).
    #[test]
    fn compiled_lexicon_is_fresh() {
        let from_files = crate::lexicon::compiler::compile().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            from_files == COMPILED,
            "src/lexicon/compiled.bin is not what the TSV files compile to: run ./scripts/update-lexicon.sh"
        );
    }

    /// Texts made of the lexicon's own phrases, one to three in a row, so that every phrase and many
    /// multi-phrase patterns match, and masked.
    fn phrase_texts() -> Vec<String> {
        let b = Builder::from_files().unwrap();
        let phrases: Vec<String> = (0..b.phrases.len() as u32)
            .map(|i| {
                let key = b.phrases.get(i);
                String::from_utf8_lossy(&key[..key.len() / 2]).trim().to_string()
            })
            .collect();
        let mut texts = phrases.clone();
        for (i, p) in phrases.iter().enumerate() {
            let k = i * 7 % phrases.len();
            texts.push(format!("{p} {} {}", phrases[k], phrases[(k + 1) % phrases.len()]));
            texts.push(format!("t'es {p}, {}!", phrases[(i + 1) % phrases.len()]));
            // Masked: `c*nnard`, `co**ard`.
            if p.len() > 3 && p.is_ascii() {
                texts.push(format!("{}*{}", &p[..1], &p[2..]));
                texts.push(format!("sale {}**{}", &p[..2], &p[4.min(p.len())..]));
            }
        }
        texts
    }

    /// The compiled lexicon reports what the TSV files report, with and without site terms.
    #[test]
    fn compiled_lexicon_reports_like_the_files() {
        use crate::{Analyzer, CustomTerm, Options};
        let site = Options {
            extra_terms: vec![
                CustomTerm { pattern: "noob (de|d') {GROUPE}".into(), category: Category::Insult, severity: 2 },
                CustomTerm { pattern: "connard".into(), category: Category::Insult, severity: 3 },
            ],
            allowed_terms: vec!["tuer le boss".into(), "sale".into()],
            ..Options::default()
        };
        for options in [Options::default(), site] {
            let compiled = Analyzer::new(options.clone()).unwrap();
            let lexicon = Lexicon::build_from_files(&options.extra_terms, &options.allowed_terms).unwrap();
            let files = Analyzer::with_lexicon(lexicon, options);
            let mut flagged = 0;
            for text in phrase_texts() {
                let report = compiled.analyze(&text);
                flagged += report.flagged as usize;
                assert_eq!(report, files.analyze(&text), "{text:?}");
            }
            assert!(flagged > 5_000, "{flagged}");
        }
    }

    /// The trie `compiled.bin` holds is the trie its phrases make, and gives each candidate the same pattern.
    #[test]
    fn the_compiled_trie_is_the_trie_of_the_phrases() {
        let mut b = Builder::new();
        read(&mut b, COMPILED).expect("the compiled lexicon reads");
        let compiled = b.compiled.take().expect("a compiled trie");
        let mut patterns = TrieBuilder::with_capacity(0, 0);
        for p in 1..=b.phrases.len() as u32 {
            patterns.push(b.skeleton(p));
        }
        let (built, pattern_of) = patterns.build();
        assert_eq!(b.compiled_patterns, pattern_of);
        assert!(compiled == built, "the tries differ");
        assert!(compiled.patterns() > 6_000, "{}", compiled.patterns());
    }

    #[test]
    fn reading_then_writing_gives_the_same_bytes() {
        let mut b = Builder::new();
        read(&mut b, COMPILED).expect("the compiled lexicon reads");
        assert_eq!(write(&b), COMPILED);
    }

    #[test]
    fn other_bytes_are_refused_without_a_panic() {
        assert!(read(&mut Builder::new(), &[]).is_none());
        assert!(read(&mut Builder::new(), &[VERSION + 1]).is_none());
        // Cut anywhere, the bytes are refused (every section ends where the next begins).
        for len in (0..COMPILED.len()).step_by(997) {
            assert!(read(&mut Builder::new(), &COMPILED[..len]).is_none(), "cut at {len}");
        }
    }
}
