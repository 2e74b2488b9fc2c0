//! Making a lexicon: each pattern line is parsed, its phrases normalised (once each) and numbered, its
//! slots and rule id recorded; `finish` then indexes where each phrase can start a pattern and makes the
//! trie of the phrases' skeletons (or takes the one compiled ahead of time).

use super::entry::{err, Entry, LexiconError, E_ALLOW, E_IDIOM, E_MULTI, E_TARGET};
use super::find::{
    masked_shape, phrase_bit, Candidate, Lexicon, MaskedWord, PatternStart, Slot, NO_CANDIDATE, NUM_PHRASE,
};
use super::fxhash::Interner;
use super::layout::TrieBuilder;
use super::parse::{parse_classes, parse_explanations, parse_pattern, Classes, Pattern};
use super::plain::{assert_same_skeleton, normalize_plain};
use super::sources::{CLASS_FILES, COMPILED, EXPLANATIONS};
use super::spelling::{phrase_words, Role, Spelling, Word};
use super::trie::Trie;
use crate::category::Category;
use crate::normalize;
use crate::normalized::{Normalized, TokenKind};
use crate::options::CustomTerm;
use crate::sort::sort;

pub(super) struct Builder {
    pub(super) entries: Vec<Entry>,
    pub(super) entry_slots: Vec<(u32, u32)>,
    pub(super) slots: Vec<Slot>,
    pub(super) slot_phrases: Vec<u32>,
    /// Skeleton bytes followed by their runs (both of the same length); phrase id − 1.
    pub(super) phrases: Interner,
    /// The key being looked up in `phrases` (reused: most look-ups find a phrase already there).
    pub(super) phrase_key: Vec<u8>,
    /// Buffers for normalising written phrases, reused from one phrase to the next.
    pub(super) norm: Normalized,
    pub(super) norm_scratch: normalize::Scratch,
    /// Written alternatives → phrase id, without and with stem (`[stem as usize]`): classes are referenced
    /// by many patterns, each written phrase is normalised once.
    pub(super) written: [(Interner, Vec<u32>); 2],
    /// The built-in lexicon's trie, compiled ahead of time (`snapshot::read`).
    pub(super) compiled: Option<Trie>,
    /// The pattern of each candidate of the compiled lexicon (the first ones) in `compiled`.
    pub(super) compiled_patterns: Vec<u32>,
    /// The skeleton of each candidate added since (all of them without `compiled`): the patterns of a trie
    /// that `finish` makes.
    pub(super) automaton: TrieBuilder,
    pub(super) candidates: Vec<Candidate>,
    pub(super) runs: Vec<u8>,
    pub(super) masked: Vec<MaskedWord>,
    pub(super) masked_forms: Vec<u8>,
    /// For each entry, the phrases its id was made of (`id_tail`): `id_sources[id_source_ends[i - 1]..]`.
    pub(super) id_sources: Vec<u32>,
    pub(super) id_source_ends: Vec<u32>,
    /// The rule ids so far.
    pub(super) ids: Interner,
    /// The pattern being added (its buffers are reused).
    pub(super) pattern: Pattern,
}

impl Builder {
    pub(super) fn new() -> Builder {
        // Pre-size the builder's largest vectors: about one phrase (and candidate) per 15 bytes of the
        // compiled lexicon (7.3k for 111 KB, of 12.7 bytes on average).
        let guess = COMPILED.len() / 15;
        Builder {
            entries: Vec::new(),
            entry_slots: Vec::new(),
            slots: Vec::new(),
            slot_phrases: Vec::new(),
            phrases: Interner::with_capacity(guess),
            phrase_key: Vec::new(),
            norm: Normalized::default(),
            norm_scratch: normalize::Scratch::default(),
            // Only the tests' build from the files and sites' own terms write phrases.
            written: Default::default(),
            automaton: TrieBuilder::with_capacity(0, 0),
            compiled: None,
            compiled_patterns: Vec::new(),
            candidates: Vec::with_capacity(guess),
            runs: Vec::with_capacity(guess * 13),
            masked: Vec::new(),
            masked_forms: Vec::new(),
            id_sources: Vec::new(),
            id_source_ends: Vec::new(),
            ids: Interner::with_capacity(1024),
            pattern: Pattern::default(),
        }
    }

    /// Adds a site's extra and allowed terms.
    pub(super) fn add_site_terms(&mut self, extra: &[CustomTerm], allowed: &[String]) -> Result<(), LexiconError> {
        if extra.is_empty() && allowed.is_empty() {
            return Ok(());
        }
        let classes = parse_classes("fr/classes.tsv", CLASS_FILES.iter().find(|f| f.0 == "fr").map_or("", |f| f.1))?;
        for (i, t) in extra.iter().enumerate() {
            let place = || format!("extraTerms[{i}]");
            if !(1..=3).contains(&t.severity) {
                return Err(err(place(), "severity must be 1, 2 or 3"));
            }
            self.add("site", &t.pattern, t.category, t.severity, E_TARGET, None, &classes)
                .map_err(|m| err(place(), m))?;
        }
        for (i, t) in allowed.iter().enumerate() {
            self.add("allow", t, Category::Profanity, 1, E_ALLOW, None, &classes)
                .map_err(|m| err(format!("allowedTerms[{i}]"), m))?;
        }
        Ok(())
    }

    /// The lexicon of everything added: the phone number entry, the index of where each phrase can start
    /// a pattern, the trie.
    #[inline(never)]
    pub(super) fn finish(mut self) -> Lexicon {
        let words = self.spelling_words();
        let phone_entry = self.entries.len() as u32;
        self.entry_slots.push((self.slots.len() as u32, self.slots.len() as u32));
        self.entries.push(Entry {
            category: Category::Doxxing,
            severity: 3,
            flags: E_TARGET,
            id: "fr.doxxing.phone".into(),
        });
        for slot in &mut self.slots {
            let phrases = &self.slot_phrases[slot.phrases.0 as usize..slot.phrases.1 as usize];
            slot.mask = phrases.iter().fold(0, |mask, &p| mask | phrase_bit(p));
        }
        // Index: phrase → (entry, slot) it can start, i.e. slot 0 or any slot after optional ones only.
        // Counted first (phrase p at `start_index[p + 2]`), then placed in the same order, moving
        // `start_index[p + 1]` from the start of p's range to its end.
        let mut start_index = vec![0u32; self.phrases.len() + 3];
        let mut starts = Vec::new();
        for place in [false, true] {
            if place {
                for i in 1..start_index.len() {
                    start_index[i] += start_index[i - 1];
                }
                starts = vec![PatternStart::default(); start_index[start_index.len() - 1] as usize];
            }
            for (entry, &(s, e)) in self.entry_slots.iter().enumerate() {
                for k in s..e {
                    let slot = self.slots[k as usize];
                    for &p in &self.slot_phrases[slot.phrases.0 as usize..slot.phrases.1 as usize] {
                        if place {
                            let at = &mut start_index[p as usize + 1];
                            starts[*at as usize] = PatternStart { entry: entry as u32, slot: (k - s) as u16 };
                            *at += 1;
                        } else {
                            start_index[p as usize + 2] += 1;
                        }
                    }
                    if !slot.optional {
                        break;
                    }
                }
            }
        }
        start_index.pop();
        let start_next: Vec<u64> = starts
            .iter()
            .map(|&PatternStart { entry, slot }| {
                let (s, e) = self.entry_slots[entry as usize];
                let mut mask = 0;
                for next in &self.slots[(s + slot as u32 + 1) as usize..e as usize] {
                    mask |= next.mask;
                    if !next.optional {
                        return mask;
                    }
                }
                u64::MAX // the pattern may be complete here
            })
            .collect();
        // The compiled trie, and one of the patterns added on top of it (sites' own terms), numbered after
        // its own; or one trie of them all.
        let added = std::mem::replace(&mut self.automaton, TrieBuilder::with_capacity(0, 0)).build();
        let (automaton, added, pattern_of) = match self.compiled.take() {
            Some(trie) => {
                let mut pattern_of = std::mem::take(&mut self.compiled_patterns);
                let offset = trie.patterns() as u32;
                pattern_of.extend(added.1.iter().map(|p| p + offset));
                (trie, (added.0.patterns() > 0).then_some(added.0), pattern_of)
            }
            None => (added.0, None, added.1),
        };
        // Chain the candidates of each automaton pattern, the last one pushed first.
        let patterns = automaton.patterns() + added.as_ref().map_or(0, Trie::patterns);
        let mut first_candidate = vec![NO_CANDIDATE; patterns];
        for (i, (c, &p)) in self.candidates.iter_mut().zip(&pattern_of).enumerate() {
            c.next = std::mem::replace(&mut first_candidate[p as usize], i as u32);
        }
        let phrase_next = start_index
            .windows(2)
            .map(|w| start_next[w[0] as usize..w[1] as usize].iter().fold(0, |all, &next| all | next))
            .collect();
        Lexicon {
            entries: self.entries,
            entry_slots: self.entry_slots,
            slots: self.slots,
            slot_phrases: self.slot_phrases,
            start_index,
            starts,
            start_next,
            phrase_next,
            automaton,
            added,
            first_candidate,
            candidates: self.candidates,
            runs: self.runs,
            masked: {
                let mut masked = self.masked;
                sort(&mut masked);
                masked
            },
            masked_forms: self.masked_forms,
            explanations: parse_explanations(EXPLANATIONS),
            phone_entry,
            spelling: Spelling::build(words),
        }
    }

    /// The words of every phrase, for the spelling repairs, with what they are in the entries that weigh
    /// (not idioms, allowed terms or distress): the last word of a phrase that ends one, and a word that is
    /// one by itself. A stem's last word is no word.
    pub(super) fn spelling_words(&self) -> Vec<Word> {
        let mut roles = vec![Role::Other; self.phrases.len() + 1];
        for (entry, &(s, e)) in self.entries.iter().zip(&self.entry_slots) {
            if entry.has(E_IDIOM | E_ALLOW) || entry.category == Category::Distress || s == e {
                continue;
            }
            let single = e - s == 1;
            let last = self.slots[e as usize - 1];
            for &p in &self.slot_phrases[last.phrases.0 as usize..last.phrases.1 as usize] {
                let role = if single { Role::Entry } else { Role::Last };
                roles[p as usize] = roles[p as usize].max(role);
            }
        }
        let mut words = Vec::new();
        for (p, &role) in roles.iter().enumerate().skip(1) {
            let key = self.phrases.get(p as u32 - 1);
            let len = key.len() / 2;
            let (mut skeleton, mut runs) = (&key[..len], &key[len..]);
            if self.candidates[p - 1].stem {
                let cut = skeleton.iter().rposition(|&b| b == b' ').unwrap_or(0);
                (skeleton, runs) = (&skeleton[..cut], &runs[..cut]);
            }
            phrase_words(skeleton, runs, role, &mut words);
        }
        words
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn add(
        &mut self,
        lang: &str,
        pattern: &str,
        category: Category,
        severity: u8,
        flags: u16,
        id: Option<&str>,
        classes: &Classes,
    ) -> Result<(), String> {
        let mut parsed = std::mem::take(&mut self.pattern);
        let result = self.add_parsed(lang, pattern, &mut parsed, category, severity, flags, id, classes);
        self.pattern = parsed;
        result
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn add_parsed(
        &mut self,
        lang: &str,
        pattern: &str,
        parsed: &mut Pattern,
        category: Category,
        severity: u8,
        mut flags: u16,
        id: Option<&str>,
        classes: &Classes,
    ) -> Result<(), String> {
        parse_pattern(pattern, classes, parsed)?;
        let (items, stem) = (&parsed.items, parsed.stem);
        let entry = self.entries.len() as u32;
        let slots_start = self.slots.len() as u32;
        // The phrases the rule id is made of, when the line gives none: the first alternative of each
        // word that is not optional, until there are 3 words (see `id_tail`).
        let mut id_sources = Vec::new();
        let mut id_word_count = 0;
        let mut multi = items.len() > 1;
        for (k, item) in items.iter().enumerate() {
            let last_item = k + 1 == items.len();
            let phrase_stem = stem && last_item;
            let from = self.slot_phrases.len();
            for (a, k) in (item.alts.0 as usize..item.alts.1 as usize).enumerate() {
                let alt = parsed.alt(k);
                if alt == "{NUM}" {
                    self.slot_phrases.push(NUM_PHRASE);
                    if a == 0 && !item.optional && id_word_count < 3 {
                        id_sources.push(NUM_PHRASE);
                        id_word_count += 1;
                    }
                    continue;
                }
                let need_id = a == 0 && !item.optional && id_word_count < 3;
                let written = &self.written[phrase_stem as usize];
                let id = match written.0.find(alt.as_bytes()).filter(|_| !need_id) {
                    Some(w) => written.1[w as usize],
                    None => {
                        if !normalize_plain(alt, &mut self.norm) {
                            normalize::normalize_into(alt, &mut self.norm, &mut self.norm_scratch);
                        } else if cfg!(debug_assertions) {
                            // Tests, debug builds and the lexicon compiler check the shortcut.
                            assert_same_skeleton(alt, &self.norm);
                        }
                        let n = &self.norm;
                        if n.tokens.is_empty() {
                            return Err(format!("{alt:?} has no words"));
                        }
                        if n.tokens.iter().any(|t| t.kind == TokenKind::Masked) {
                            return Err(format!("{alt:?}: `*` is only allowed at the end of the last word"));
                        }
                        let id = self.phrase(phrase_stem);
                        let written = &mut self.written[phrase_stem as usize];
                        if written.0.intern(alt.as_bytes()).1 {
                            written.1.push(id);
                        }
                        id
                    }
                };
                let words = self.phrase_words(id);
                multi |= words > 1;
                if need_id {
                    id_sources.push(id);
                    id_word_count += words;
                }
                // A single word (not a stem) also matches masked (`c*nnard`): see `add_masked`.
                if words == 1 && !phrase_stem && items.len() == 1 {
                    self.add_masked(entry, id);
                }
                self.slot_phrases.push(id);
            }
            // The slot's phrases, sorted and distinct (they are binary-searched).
            let mut sorted: Vec<u32> = self.slot_phrases.drain(from..).collect();
            sort(&mut sorted);
            sorted.dedup();
            self.slot_phrases.extend_from_slice(&sorted);
            self.slots.push(Slot {
                phrases: (from as u32, self.slot_phrases.len() as u32),
                optional: item.optional,
                mask: 0,
            });
        }
        if items.iter().all(|i| i.optional) {
            return Err("every word of the pattern is optional".into());
        }
        self.entry_slots.push((slots_start, self.slots.len() as u32));
        if multi {
            flags |= E_MULTI;
        }
        let mut tail = String::new();
        let tail = match id {
            Some(id) => id,
            None => {
                self.id_tail(&id_sources, &mut tail);
                &tail
            }
        };
        self.push_entry(lang, category, severity, flags, tail);
        self.id_sources.extend_from_slice(&id_sources);
        self.id_source_ends.push(self.id_sources.len() as u32);
        Ok(())
    }

    /// How many words phrase `p` has (`NUM_PHRASE`: one).
    pub(super) fn phrase_words(&self, p: u32) -> usize {
        if p == NUM_PHRASE {
            return 1;
        }
        let key = self.phrases.get(p - 1);
        key[..key.len() / 2].split(|&c| c == b' ').filter(|w| !w.is_empty()).count()
    }

    /// The words of a rule id made of `sources` (phrases, `NUM_PHRASE` for `num`): up to 3, joined by `_`,
    /// spelled as written (`connard`, not the skeleton's `conard`).
    pub(super) fn id_tail(&self, sources: &[u32], out: &mut String) {
        let mut count = 0;
        for &p in sources {
            if p == NUM_PHRASE {
                push_id_word(out, &mut count, "num".bytes());
                continue;
            }
            let key = self.phrases.get(p - 1);
            let (text, runs) = key.split_at(key.len() / 2);
            let mut start = 0;
            for end in (0..=text.len()).filter(|&i| i == text.len() || text[i] == b' ') {
                if end > start {
                    let letters = (start..end).flat_map(|i| std::iter::repeat_n(text[i], runs[i].clamp(1, 2) as usize));
                    push_id_word(out, &mut count, letters);
                }
                start = end + 1;
            }
        }
    }

    /// Adds an entry, its id `lang.category.tail` (see `entry_id`).
    pub(super) fn push_entry(&mut self, lang: &str, category: Category, severity: u8, flags: u16, tail: &str) {
        let id = self.entry_id(lang, category, tail);
        self.ids.intern(id.as_bytes());
        self.entries.push(Entry { category, severity, flags, id: id.into() });
    }

    /// The id `push_entry` gives: `lang.category.tail`; two lines with the same id become `…_2`, `…_3`.
    pub(super) fn entry_id(&self, lang: &str, category: Category, tail: &str) -> String {
        let mut id = String::with_capacity(lang.len() + category.name().len() + tail.len() + 2);
        for part in [lang, ".", category.name(), ".", tail] {
            id.push_str(part);
        }
        let base = id.len();
        let mut k = 2;
        while self.ids.find(id.as_bytes()).is_some() {
            id.truncate(base);
            id.push('_');
            // `k` in decimal, without the formatting machinery (a wasm engine would compile it for this).
            let at = id.len();
            let mut n = k;
            loop {
                id.insert(at, char::from(b'0' + (n % 10) as u8));
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            k += 1;
        }
        id
    }

    /// Indexes single-word `entry` by the full form of `phrase` (letters repeated as written), for masked
    /// words.
    pub(super) fn add_masked(&mut self, entry: u32, phrase: u32) {
        let key = self.phrases.get(phrase - 1);
        let (text, runs) = key.split_at(key.len() / 2);
        let form = self.masked_forms.len();
        for i in 1..text.len() - 1 {
            self.masked_forms.extend(std::iter::repeat_n(text[i], runs[i] as usize));
        }
        if let Some(&first) = self.masked_forms.get(form) {
            let shape = masked_shape(self.masked_forms.len() - form, first);
            self.masked.push(MaskedWord { shape, form: form as u32, entry });
        }
    }

    /// The id of the phrase in `self.norm` (normalised once, shared by every pattern that uses it).
    pub(super) fn phrase(&mut self, stem: bool) -> u32 {
        let n = &self.norm;
        let len = if stem { n.text.len() - 1 } else { n.text.len() };
        let mut key = std::mem::take(&mut self.phrase_key);
        key.clear();
        key.extend_from_slice(&n.text[..len]);
        key.extend_from_slice(&n.runs[..len]);
        let id = self.add_phrase(&key, len, stem);
        self.phrase_key = key;
        id
    }

    /// The id of the phrase whose skeleton is `key[..len]` and runs `key[len..]`; a new phrase gets its
    /// automaton patterns and candidates.
    pub(super) fn add_phrase(&mut self, key: &[u8], len: usize, stem: bool) -> u32 {
        match self.phrases.intern(key) {
            (index, false) => index + 1, // 0 is NUM_PHRASE
            (index, true) => {
                let single_runs = key[len..].iter().all(|&run| run <= 1);
                self.add_candidate(key, len, index + 1, stem, single_runs, None);
                index + 1
            }
        }
    }

    /// Adds a phrase of the compiled lexicon (new: it is not looked up), whose skeleton is `pattern` in
    /// the compiled trie (`single_runs`: no letter of it is repeated, which the snapshot says).
    pub(super) fn add_compiled_phrase(
        &mut self,
        key: &[u8],
        len: usize,
        stem: bool,
        single_runs: bool,
        pattern: u32,
    ) -> u32 {
        let id = self.phrases.push(key) + 1;
        self.add_candidate(key, len, id, stem, single_runs, Some(pattern));
        id
    }

    /// The candidate of new phrase `id` (`single_runs`: every run of `key[len..]` is 0 or 1). Its skeleton
    /// is `compiled`, a pattern of the compiled trie; or else a pattern of the trie `finish` makes.
    #[inline(never)]
    pub(super) fn add_candidate(
        &mut self,
        key: &[u8],
        len: usize,
        id: u32,
        stem: bool,
        single_runs: bool,
        compiled: Option<u32>,
    ) {
        debug_assert_eq!(single_runs, key[len..].iter().all(|&run| run <= 1));
        let start = self.runs.len() as u32;
        self.runs.extend_from_slice(&key[len..]);
        let runs = (start, self.runs.len() as u32);
        // `1` may be written for `l` (at most two of them): the walk reads it so.
        let ones_allowed = key[..len].iter().filter(|&&b| b == b'l').count() <= 2;
        debug_assert_eq!(id as usize, self.candidates.len() + 1, "one candidate per phrase");
        self.candidates.push(Candidate { runs, ones_allowed, single_runs, stem, next: NO_CANDIDATE });
        match compiled {
            Some(pattern) => self.compiled_patterns.push(pattern),
            None => _ = self.automaton.push(&key[..len]),
        }
    }

    /// The skeleton of phrase `p` (from 1).
    #[cfg(any(test, feature = "lexicon-compiler"))]
    pub(super) fn skeleton(&self, p: u32) -> &[u8] {
        let key = self.phrases.get(p - 1);
        &key[..key.len() / 2]
    }
}

/// Appends a word to a rule id being made of words (`pauvre_con`); only the first 3 count.
pub(super) fn push_id_word(id: &mut String, count: &mut usize, letters: impl Iterator<Item = u8>) {
    if *count < 3 {
        if *count > 0 {
            id.push('_');
        }
        id.extend(letters.map(char::from));
    }
    *count += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn a_phrase_seen_before_gives_the_same_flags() {
        // Alternatives after the first are looked up in the written-phrase cache (the first is normalised
        // again for the rule id). A one-word stem (`feujs` of `{G_JUIFS}*`) found there is no more
        // "several words" (E_MULTI) than when the line is compiled alone; a two-word phrase no less.
        let term = |pattern: &str| CustomTerm { pattern: pattern.into(), category: Category::Insult, severity: 2 };
        let flags = |terms: &[CustomTerm]| {
            let lex = Lexicon::build(terms, &[]).unwrap();
            lex.entries.iter().rfind(|e| e.id.starts_with("site.")).unwrap().flags
        };
        let alone = flags(&[term("{G_JUIFS}*")]);
        assert_eq!(alone & E_MULTI, 0);
        assert_eq!(flags(&[term("feujs*"), term("{G_JUIFS}*")]), alone);
        assert_ne!(flags(&[term("gros bidule"), term("(machin|gros bidule)")]) & E_MULTI, 0);
    }

    #[test]
    pub(super) fn every_built_in_file_compiles() {
        let lex = Lexicon::build(&[], &[]).unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.entries.len() > 1);
    }

    #[test]
    pub(super) fn rule_ids_are_unique() {
        let lex = Lexicon::build(&[], &[]).unwrap();
        let mut seen = std::collections::HashSet::new();
        for e in &lex.entries {
            assert!(seen.insert(e.id.clone()), "duplicate rule id {}", e.id);
        }
    }

    #[test]
    pub(super) fn repeated_rule_ids_are_numbered() {
        let term = |pattern: &str| CustomTerm { pattern: pattern.into(), category: Category::Insult, severity: 2 };
        let extra = [term("gros nul"), term("(gros|grosse) nul"), term("gros nul"), term("{NUM} nul")];
        let lex = Lexicon::build(&extra, &[]).unwrap();
        let ids: Vec<&str> = lex.entries.iter().filter(|e| e.id.starts_with("site.")).map(|e| &*e.id).collect();
        assert_eq!(
            ids,
            ["site.insult.gros_nul", "site.insult.gros_nul_2", "site.insult.gros_nul_3", "site.insult.num_nul"]
        );
        // Past 9: two digits.
        let lex = Lexicon::build(&vec![term("gros nul"); 12], &[]).unwrap();
        let last: Vec<&str> =
            lex.entries.iter().filter(|e| e.id.starts_with("site.")).map(|e| &*e.id).skip(9).collect();
        assert_eq!(last, ["site.insult.gros_nul_10", "site.insult.gros_nul_11", "site.insult.gros_nul_12"]);
    }
}
