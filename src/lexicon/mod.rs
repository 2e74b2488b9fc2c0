//! The lexicon: reviewed TSV files (see `README.md` beside this file) compiled into one trie of phrase
//! skeletons (`trie.rs`), walked over the normalised skeleton.
//!
//! Every pattern is expanded (alternatives, optional words, classes) into plain phrases, and every phrase
//! is run through the same normaliser as messages, so the automaton only ever compares skeletons. A match
//! is then *verified*: letter runs must agree (`conne` is not `cône`, `sale` is not `salle`, but
//! `connaaard` is `connard`), and a `1` read as `l` must really have been a `1`.

use crate::bits::ascii_digits;
use crate::category::Category;
use crate::normalize;
use crate::normalized::{Normalized, Token, TokenKind, MASK, T_REPEAT};
use crate::options::{CustomTerm, Locale};
use crate::sort::sort_triples;
use fxhash::{HashMap, Interner};
use std::fmt;
use trie::{Trie, TrieBuilder};

mod fxhash;
mod snapshot;
mod trie;

include!(concat!(env!("OUT_DIR"), "/lexicon_files.rs"));

/// The built-in lexicon, compiled from the TSV files ahead of time (see `snapshot.rs`).
const COMPILED: &[u8] = include_bytes!("compiled.bin");

/// At most this many phrases from one class reference (classes may nest).
const MAX_EXPANSION: usize = 20_000;

/// Entry flag: addresses someone by itself.
pub(crate) const E_TARGET: u16 = 1;
/// Entry flag: ambiguous word, only counts when someone is targeted.
pub(crate) const E_WEAK: u16 = 2;
/// Entry flag: a noun (for `t'es un X`, `espèce de X`).
pub(crate) const E_NOUN: u16 = 4;
/// Entry flag: an adjective.
pub(crate) const E_ADJ: u16 = 8;
/// Entry flag: speaks about the author.
pub(crate) const E_SELF: u16 = 16;
/// Entry flag: a site's allowlisted phrase; it produces no finding and silences what it contains.
pub(crate) const E_ALLOW: u16 = 32;
/// Entry flag: several words.
pub(crate) const E_MULTI: u16 = 64;
/// Entry flag: an innocent set phrase (`mort de rire`); a match that ends inside it is dropped.
pub(crate) const E_IDIOM: u16 = 128;

/// A lexicon line that could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// Where: `fr/insults.tsv:12`, or `extraTerms[3]`.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// One lexicon line.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub category: Category,
    pub severity: u8,
    pub flags: u16,
    /// Stable rule id: `fr.insult.connard`.
    pub id: Box<str>,
}

impl Entry {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// One way an automaton pattern can be a phrase (several phrases share a skeleton: `sale`, `salle`):
/// phrase `i + 1` is candidate `i` (0 is `NUM_PHRASE`).
#[derive(Clone, Copy, Debug)]
struct Candidate {
    /// Expected letter runs, one per pattern byte (0 for spaces), in `Lexicon::runs`.
    runs: (u32, u32),
    /// Whether the phrase's `l`s (at most two of them) may have been written `1`, `|` or `!`: the walk
    /// also reads such an `i` as an `l` (`Trie::for_each_match_from`).
    ones_allowed: bool,
    /// Whether every letter of the phrase has a run of 1: then a text whose tokens repeat no letter
    /// (`T_REPEAT`) has its runs, with no need to compare them.
    single_runs: bool,
    stem: bool,
    /// The next candidate of the same automaton pattern, or `NO_CANDIDATE`.
    next: u32,
}

const NO_CANDIDATE: u32 = u32::MAX;

/// A verified match, in skeleton bytes and tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub entry: u32,
    /// Token range `[first, last)`.
    pub tokens: (usize, usize),
    /// Byte range in the original text.
    pub orig: (usize, usize),
}

/// One position of a pattern: a set of phrases (`(te|t')`, `{GROUPE}`), maybe optional.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// Sorted phrase ids, in `Lexicon::slot_phrases`.
    phrases: (u32, u32),
    optional: bool,
    /// The phrases as a set of [`phrase_bit`]s (made by `Builder::finish`): most phrases of the text
    /// are told apart from a slot's without searching its list.
    mask: u64,
}

/// Buffers `Lexicon::find` reuses from one message to the next.
#[derive(Default)]
pub(crate) struct FindScratch {
    /// Phrase matches: (first token, last token exclusive, phrase).
    phrases: Vec<(u32, u32, u32)>,
    /// `by_start[t]..by_start[t + 1]`: the phrase matches that start at token t.
    by_start: Vec<u32>,
    /// The phrases that start at each token, as a bit set.
    starting_at: Vec<u64>,
    /// The automaton's matches from one token: (end, pattern, ones).
    walked: Vec<(u32, u32, u8)>,
}

/// The phrase id that every number token matches (`{NUM}` in patterns).
const NUM_PHRASE: u32 = 0;

/// Sorts the phrase matches of one token, `phrases[from..]` (the lexicon bounds how many there are),
/// and drops duplicates (a phrase can be reached twice: a `1` read as `l` and as `i`, two ends in a stem's
/// last token). Most groups come sorted: a walk reports its matches from the shortest.
#[inline(never)] // one token in nine has more than one match: out of `find`'s loop
fn sort_group(phrases: &mut Vec<(u32, u32, u32)>, from: usize) {
    let group = &mut phrases[from..];
    if !group.is_sorted() {
        sort_triples(group);
    }
    let mut kept = from + 1;
    for i in from + 1..phrases.len() {
        if phrases[i] != phrases[kept - 1] {
            phrases[kept] = phrases[i];
            kept += 1;
        }
    }
    phrases.truncate(kept);
}

/// `phrases.reserve(room)`, out of `find`'s way (in Node, a `reserve` in line cost messages ~1 %).
#[cold]
#[inline(never)]
fn reserve_phrases(phrases: &mut Vec<(u32, u32, u32)>, room: usize) {
    phrases.reserve(room);
}

/// Phrase `p` in a 64-bit set of phrases (a Bloom-style summary: distinct phrases may share a bit).
fn phrase_bit(p: u32) -> u64 {
    1 << (p % 64)
}

/// How many phrase matches one pattern may examine from one starting point; bounds the work per match
/// whatever the text.
const MATCH_BUDGET: u32 = 64;

/// The compiled lexicon.
///
/// Patterns are not expanded into every phrase they allow (`{MENACEUR} {TE} {COUPS}` would be thousands):
/// each distinct phrase is one automaton pattern, and a pattern is a sequence of slots matched over the
/// phrase matches, token by token.
pub(crate) struct Lexicon {
    pub entries: Vec<Entry>,
    /// Slots of entry `i`: `slots[entry_slots[i].0..entry_slots[i].1]`.
    entry_slots: Vec<(u32, u32)>,
    slots: Vec<Slot>,
    slot_phrases: Vec<u32>,
    /// Where a match of phrase `p` can start a pattern: `starts[start_index[p]..start_index[p + 1]]`,
    /// as (entry, slot).
    start_index: Vec<u32>,
    starts: Vec<(u32, u16)>,
    /// For each of `starts`: the phrases the pattern can go on with (see [`phrase_bit`]), or all bits when
    /// it may end there. A start whose next token begins none of them is skipped without a search.
    start_next: Vec<u64>,
    /// For each phrase, the union of its starts' `start_next`: when the next token begins none of those
    /// phrases (most matches of common words), none of its starts is looked at.
    phrase_next: Vec<u64>,
    automaton: Trie,
    /// The patterns added on top of the compiled lexicon (sites' own terms, if any), numbered after the
    /// automaton's.
    added: Option<Trie>,
    /// Candidates of automaton pattern `i`: `candidates[first_candidate[i]]`, then following `next`.
    first_candidate: Vec<u32>,
    candidates: Vec<Candidate>,
    runs: Vec<u8>,
    /// Single-word entries, for masked words (`c*nnard`): (length of the full form << 8 | its first byte,
    /// start of the form in `masked_forms`, entry), sorted.
    masked: Vec<(u32, u32, u32)>,
    masked_forms: Vec<u8>,
    /// Explanations by category, French then English.
    explanations: Vec<(Box<str>, Box<str>)>,
    /// The entry standing for a phone number (doxxing), found outside the automaton.
    pub phone_entry: u32,
}

/// A class of words usable as `{NAME}` in patterns (borrowed from the file).
type Classes<'a> = HashMap<&'a str, Vec<&'a str>>;

struct Builder {
    entries: Vec<Entry>,
    entry_slots: Vec<(u32, u32)>,
    slots: Vec<Slot>,
    slot_phrases: Vec<u32>,
    /// Skeleton bytes followed by their runs (both of the same length); phrase id − 1.
    phrases: Interner,
    /// The key being looked up in `phrases` (reused: most look-ups find a phrase already there).
    phrase_key: Vec<u8>,
    /// Buffers for normalising written phrases, reused from one phrase to the next.
    norm: Normalized,
    norm_scratch: normalize::Scratch,
    /// Written alternatives → phrase id, without and with stem (`[stem as usize]`): classes are referenced
    /// by many patterns, each written phrase is normalised once.
    written: [(Interner, Vec<u32>); 2],
    /// The built-in lexicon's trie, compiled ahead of time (`snapshot::read`).
    compiled: Option<Trie>,
    /// The pattern of each candidate of the compiled lexicon (the first ones) in `compiled`.
    compiled_patterns: Vec<u32>,
    /// The skeleton of each candidate added since (all of them without `compiled`): the patterns of a trie
    /// that `finish` makes.
    automaton: TrieBuilder,
    candidates: Vec<Candidate>,
    runs: Vec<u8>,
    masked: Vec<(u32, u32, u32)>,
    masked_forms: Vec<u8>,
    /// For each entry, the phrases its id was made of (`id_tail`): `id_sources[id_source_ends[i - 1]..]`.
    id_sources: Vec<u32>,
    id_source_ends: Vec<u32>,
    /// The rule ids so far.
    ids: Interner,
    /// The pattern being added (its buffers are reused).
    pattern: Pattern,
}

impl Lexicon {
    /// The built-in lexicon (compiled ahead of time: `compiled.bin`) plus a site's extra and allowed terms.
    ///
    /// The work is split into functions that are not inlined here (`Builder::add_candidate`,
    /// `Builder::add`, `Builder::finish`): a wasm engine compiles a function that runs long with its
    /// optimising compiler, and a function called once never runs that code. Small pieces called many
    /// times do.
    pub fn build(extra: &[CustomTerm], allowed: &[String]) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::new();
        snapshot::read(&mut b, COMPILED)
            .ok_or_else(|| err("compiled.bin".into(), "not a compiled lexicon of this version"))?;
        b.add_site_terms(extra, allowed)?;
        Ok(b.finish())
    }

    /// The same, from the TSV files themselves rather than from their compiled form.
    #[cfg(test)]
    pub fn build_from_files(extra: &[CustomTerm], allowed: &[String]) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::from_files()?;
        b.add_site_terms(extra, allowed)?;
        Ok(b.finish())
    }

    /// The explanation of a category in a locale.
    pub fn explanation(&self, category: Category, locale: Locale) -> &str {
        let (fr, en) = &self.explanations[category as usize];
        match locale {
            Locale::Fr => fr,
            Locale::En => en,
        }
    }

    /// Every verified match in `n` (possibly overlapping), plus masked words and phone numbers.
    pub fn find(&self, text: &str, n: &Normalized, scratch: &mut FindScratch) -> Vec<Hit> {
        let FindScratch { phrases, by_start, starting_at, walked } = scratch;
        // 1. Phrase matches, as token ranges: (first token, last token exclusive, phrase), token by token,
        // so grouped by first token; each group sorted and without duplicates. `by_start[t]..by_start[t + 1]`
        // is token t's group, and `starting_at[t]` its phrases as a bit set (one more token each: nothing
        // starts after the end).
        phrases.clear();
        // Room for about one match per token (0.8 on typical messages), taken before the per-token
        // buffers: grown past them match by match, it left freed blocks behind that raised the peak
        // memory of long texts by 7 %.
        if phrases.capacity() < n.tokens.len() {
            reserve_phrases(phrases, n.tokens.len());
        }
        by_start.clear();
        by_start.resize(n.tokens.len() + 2, 0);
        starting_at.clear();
        starting_at.resize(n.tokens.len() + 1, 0);
        let one = |i: usize| !n.ones.is_empty() && n.ones.binary_search(&(i as u32)).is_ok();
        let offset = self.automaton.patterns();
        for (first, token) in n.tokens.iter().enumerate() {
            let group = phrases.len();
            by_start[first] = group as u32;
            // The walks from the space before the token: every pattern starts with one. Their matches
            // (end, pattern, ones) are collected first and checked after, out of the walk's way.
            let start = token.norm.0 as usize - 1;
            walked.clear();
            self.automaton
                .for_each_match_from(&n.text, &one, start, |end, p, ones| walked.push((end as u32, p as u32, ones)));
            if let Some(added) = &self.added {
                added.for_each_match_from(&n.text, &one, start, |end, p, ones| {
                    walked.push((end as u32, (p + offset) as u32, ones))
                });
            }
            let mut bits = 0;
            for &(end, p, ones) in walked.iter() {
                // A stem ends inside its last token; the last token is found by a short scan from the first
                // (a binary search per match made the whole search O(n log n)).
                let mut at_end = first;
                while at_end < n.tokens.len() && n.tokens[at_end].norm.1 < end {
                    at_end += 1;
                }
                let mut next = self.first_candidate[p as usize];
                while let Some(c) = self.candidates.get(next as usize) {
                    let phrase = next + 1;
                    next = c.next;
                    let last = if c.stem { at_end + 1 } else { at_end };
                    if (ones == 0 || c.ones_allowed)
                        && first < last
                        && last <= n.tokens.len()
                        && self.verify(n, start, c, &n.tokens[first..last])
                    {
                        phrases.push((first as u32, last as u32, phrase));
                        bits |= phrase_bit(phrase);
                    }
                }
            }
            if token.kind == TokenKind::Number {
                phrases.push((first as u32, first as u32 + 1, NUM_PHRASE));
                bits |= phrase_bit(NUM_PHRASE);
            }
            if phrases.len() - group > 1 {
                sort_group(phrases, group);
            }
            starting_at[first] = bits;
        }
        by_start[n.tokens.len()] = phrases.len() as u32;
        by_start[n.tokens.len() + 1] = phrases.len() as u32;
        // 2. Patterns: slot sequences over phrase matches.
        let mut hits = Vec::new();
        for &(first, last, phrase) in phrases.iter() {
            let p = phrase as usize;
            let next = self.phrase_next[p];
            if next != u64::MAX && next & starting_at[last as usize] == 0 {
                continue; // as below, for every start of the phrase at once
            }
            let range = self.start_index[p] as usize..self.start_index[p + 1] as usize;
            for (&(entry, slot), &next) in self.starts[range.clone()].iter().zip(&self.start_next[range]) {
                if next != u64::MAX && next & starting_at[last as usize] == 0 {
                    continue; // no phrase the pattern can go on with starts at the next token
                }
                let (s, e) = self.entry_slots[entry as usize];
                let rest = &self.slots[(s + slot as u32 + 1) as usize..e as usize];
                let mut budget = MATCH_BUDGET;
                if let Some(end) = self.match_slots(rest, last as usize, phrases, by_start, &mut budget) {
                    hits.push(self.hit(entry, n, first as usize, end));
                }
            }
        }
        for (i, t) in n.tokens.iter().enumerate() {
            if t.kind == TokenKind::Masked {
                if let Some(entry) = self.find_masked(n, i) {
                    hits.push(self.hit(entry, n, i, i + 1));
                }
            }
        }
        for (s, e) in find_phone_numbers(text) {
            let first = n.tokens.partition_point(|t| (t.orig.1 as usize) <= s);
            let last = n.tokens.partition_point(|t| (t.orig.0 as usize) < e).max(first + 1);
            if first < n.tokens.len() {
                hits.push(Hit { entry: self.phone_entry, tokens: (first, last.min(n.tokens.len())), orig: (s, e) });
            }
        }
        hits
    }

    /// Matches `slots` from token `at`; returns the furthest end token of a complete match.
    fn match_slots(
        &self,
        slots: &[Slot],
        at: usize,
        phrases: &[(u32, u32, u32)],
        by_start: &[u32],
        budget: &mut u32,
    ) -> Option<usize> {
        let Some((slot, rest)) = slots.split_first() else { return Some(at) };
        let mut best = if slot.optional { self.match_slots(rest, at, phrases, by_start, budget) } else { None };
        if at + 1 >= by_start.len() {
            return best;
        }
        let set = &self.slot_phrases[slot.phrases.0 as usize..slot.phrases.1 as usize];
        for &(_, last, phrase) in &phrases[by_start[at] as usize..by_start[at + 1] as usize] {
            if *budget == 0 {
                break;
            }
            *budget -= 1;
            if slot.mask & phrase_bit(phrase) != 0 && set.binary_search(&phrase).is_ok() {
                if let Some(end) = self.match_slots(rest, last as usize, phrases, by_start, budget) {
                    best = best.max(Some(end));
                }
            }
        }
        best
    }

    fn hit(&self, entry: u32, n: &Normalized, first: usize, last: usize) -> Hit {
        let orig = (n.tokens[first].orig.0 as usize, n.tokens[last - 1].orig.1 as usize);
        Hit { entry, tokens: (first, last), orig }
    }

    /// Whether the text's letter runs from `start` (in `tokens`) agree with the candidate's: equal, or an
    /// emphasis (3 or more).
    fn verify(&self, n: &Normalized, start: usize, c: &Candidate, tokens: &[Token]) -> bool {
        // Most phrases and most tokens repeat no letter: then the runs agree without a look at them.
        if c.single_runs && tokens.iter().all(|t| t.flags & T_REPEAT == 0) {
            return true;
        }
        let want = &self.runs[c.runs.0 as usize..c.runs.1 as usize];
        // Most other occurrences are written with the phrase's own runs: one comparison of the slices.
        if n.runs.get(start..start + want.len()) == Some(want) {
            return true;
        }
        for (j, &w) in want.iter().enumerate() {
            if w == 0 {
                continue;
            }
            let got = n.runs[start + j];
            if got != w && got < 3 {
                return false;
            }
        }
        true
    }

    /// A masked word (`c*nnard`, `p***`) that fits exactly one letter per mask of a single-word entry.
    fn find_masked(&self, n: &Normalized, i: usize) -> Option<u32> {
        let t = n.tokens[i];
        let (s, e) = (t.norm.0 as usize, t.norm.1 as usize);
        let mut full = Vec::with_capacity(e - s + 4);
        for k in s..e {
            let reps = if n.text[k] == MASK { n.runs[k].max(1) } else { n.runs[k].clamp(1, 2) };
            full.extend(std::iter::repeat_n(n.text[k], reps as usize));
        }
        let visible = full.iter().filter(|&&b| b != MASK).count();
        if full.len() < 3 || visible == 0 || full[0] == MASK {
            return None;
        }
        let key = (full.len() as u32) << 8 | full[0] as u32;
        let bucket = &self.masked[self.masked.partition_point(|m| m.0 < key)..];
        bucket
            .iter()
            .take_while(|m| m.0 == key)
            .filter(|m| self.masked_forms[m.1 as usize..].iter().zip(&full).all(|(a, b)| *b == MASK || a == b))
            .map(|m| m.2)
            .filter(|&entry| !self.entries[entry as usize].has(E_WEAK | E_ALLOW))
            .max_by_key(|&entry| (self.entries[entry as usize].severity, std::cmp::Reverse(entry)))
    }
}

fn err(place: String, message: impl Into<String>) -> LexiconError {
    LexiconError { place, message: message.into() }
}

#[cfg(test)]
fn parse_severity(s: &str) -> Option<u8> {
    match s.trim() {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        _ => None,
    }
}

#[cfg(test)]
fn parse_flags(s: &str) -> Result<u16, String> {
    let mut flags = 0;
    for f in s.split(',').map(str::trim).filter(|f| !f.is_empty() && *f != "-") {
        flags |= match f {
            "target" => E_TARGET,
            "weak" => E_WEAK,
            "noun" => E_NOUN,
            "adj" => E_ADJ,
            "self" => E_SELF,
            "idiom" => E_IDIOM,
            _ => return Err(format!("unknown flag {f:?}")),
        };
    }
    Ok(flags)
}

fn parse_classes<'a>(name: &str, content: &'a str) -> Result<Classes<'a>, LexiconError> {
    let mut classes = Classes::default();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (class, members) =
            line.split_once('\t').ok_or_else(|| err(format!("{name}:{}", n + 1), "expected NAME<TAB>a|b|c"))?;
        let members = members.split('\t').next().unwrap_or("");
        classes.entry(class.trim()).or_default().extend(members.split('|').map(str::trim).filter(|m| !m.is_empty()));
    }
    Ok(classes)
}

fn parse_explanations(content: &str) -> Vec<(Box<str>, Box<str>)> {
    let mut out: Vec<(Box<str>, Box<str>)> = Category::ALL
        .iter()
        .map(|_| {
            (
                "Ces mots peuvent blesser la personne qui les lit.".into(),
                "These words can hurt the person who reads them.".into(),
            )
        })
        .collect();
    for line in content.lines() {
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if let (Some(c), Some(fr), Some(en)) =
            (cols.first().and_then(|c| Category::from_name(c.trim())), cols.get(1), cols.get(2))
        {
            out[c as usize] = (fr.trim().into(), en.trim().into());
        }
    }
    out
}

/// A pattern line split into items, every alternative of every item written end to end in one buffer
/// (reused from one line to the next: no allocation per alternative).
#[derive(Debug, Default)]
struct Pattern {
    /// The alternatives, end to end.
    text: String,
    /// Alternative `k` is `text[alts[k].0..alts[k].1]`.
    alts: Vec<(u32, u32)>,
    items: Vec<Item>,
    /// The last word is a stem (`pendre*`).
    stem: bool,
    /// Where the items are in the line.
    bounds: Vec<(usize, usize)>,
}

/// One element of a pattern line: its alternative phrases (one for a plain word), maybe optional.
#[derive(Clone, Copy, Debug)]
struct Item {
    /// `Pattern::alts[alts.0..alts.1]`.
    alts: (u32, u32),
    optional: bool,
}

impl Pattern {
    fn alt(&self, k: usize) -> &str {
        let (s, e) = self.alts[k];
        &self.text[s as usize..e as usize]
    }

    fn push_alt(&mut self, alt: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(alt);
        self.alts.push((start, self.text.len() as u32));
    }
}

/// Splits a pattern line into items: words, `(a|b)` groups, `{CLASS}` references, each maybe `?`.
fn parse_pattern(pattern: &str, classes: &Classes, out: &mut Pattern) -> Result<(), String> {
    out.text.clear();
    out.alts.clear();
    out.items.clear();
    out.stem = false;
    let pattern = pattern.trim();
    // Items are separated by whitespace outside parentheses and braces. The whole line is checked before
    // any item is expanded, so that an unbalanced line reports that first.
    let bytes = pattern.as_bytes();
    let mut depth = 0i32;
    let mut start = None;
    out.bounds.clear();
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let space = match b {
            b'(' | b'{' => {
                depth += 1;
                false
            }
            b')' | b'}' => {
                depth -= 1;
                if depth < 0 {
                    return Err("unbalanced parenthesis or brace".into());
                }
                false
            }
            // Any Unicode space separates: decoded at its first byte, the others are skipped.
            0x80..=0xBF => continue,
            0xC0.. => pattern[i..].chars().next().is_some_and(char::is_whitespace),
            _ => (b as char).is_whitespace(),
        };
        if !(space && depth == 0) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.bounds.push((s, i));
        }
    }
    if depth != 0 {
        return Err("unbalanced parenthesis or brace".into());
    }
    if out.bounds.is_empty() {
        return Err("empty pattern".into());
    }
    for k in 0..out.bounds.len() {
        let (s, e) = out.bounds[k];
        parse_item(&pattern[s..e], k + 1 == out.bounds.len(), classes, out)?;
    }
    Ok(())
}

fn parse_item(mut raw: &str, last: bool, classes: &Classes, out: &mut Pattern) -> Result<(), String> {
    if raw.ends_with('*') && !raw.ends_with(")*") && last && raw.len() > 1 {
        raw = &raw[..raw.len() - 1];
        out.stem = true;
    }
    let optional = raw.len() > 1 && raw.ends_with('?');
    if optional {
        raw = &raw[..raw.len() - 1];
    }
    let from = out.alts.len();
    if raw.starts_with('(') && raw.ends_with(')') {
        // Alternatives are separated by `|` outside braces; the last one ends the group.
        let inner = &raw[1..raw.len() - 1];
        let (mut depth, mut start) = (0, 0);
        for (i, &b) in inner.as_bytes().iter().enumerate().chain([(inner.len(), &b'|')]) {
            match b {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                b'|' if depth == 0 || i == inner.len() => {
                    expand_classes(trim(&inner[start..i]), classes, out)?;
                    start = i + 1;
                }
                _ => {}
            }
        }
    } else {
        expand_classes(raw, classes, out)?;
    }
    // The alternatives of this item are the end of `out.text`.
    let Some(&(first, _)) = out.alts.get(from) else {
        return Err(format!("{raw:?} has no alternatives"));
    };
    if out.text.as_bytes()[first as usize..].iter().any(|b| matches!(b, b'(' | b')' | b'|' | b'?')) {
        return Err(format!("unexpected operator in {raw:?} (groups cannot nest)"));
    }
    out.items.push(Item { alts: (from as u32, out.alts.len() as u32), optional });
    Ok(())
}

/// `s.trim()`, without decoding characters when `s` starts and ends with visible ASCII.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Replaces `{NAME}` references in a phrase by each member of the class, appending the phrases to `out`.
fn expand_classes(phrase: &str, classes: &Classes, out: &mut Pattern) -> Result<(), String> {
    let Some(open) = phrase.find('{') else {
        out.push_alt(phrase);
        return Ok(());
    };
    let close = phrase[open..].find('}').ok_or("unclosed {")? + open;
    let name = &phrase[open + 1..close];
    if name == "NUM" {
        // Any number: a slot of its own, matched on number tokens (see `NUM_PHRASE`).
        if phrase != "{NUM}" {
            return Err("{NUM} must stand alone, not inside a phrase".into());
        }
        out.push_alt(phrase);
        return Ok(());
    }
    let members = classes.get(name).ok_or_else(|| format!("unknown class {{{name}}}"))?;
    let from = out.alts.len();
    let mut replaced = String::new();
    for m in members {
        replaced.clear();
        replaced.push_str(&phrase[..open]);
        replaced.push_str(m);
        replaced.push_str(&phrase[close + 1..]);
        expand_classes(&replaced, classes, out)?;
        if out.alts.len() - from > MAX_EXPANSION {
            return Err("class expansion too large".into());
        }
    }
    Ok(())
}

impl Builder {
    fn new() -> Builder {
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
    fn add_site_terms(&mut self, extra: &[CustomTerm], allowed: &[String]) -> Result<(), LexiconError> {
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

    /// A builder holding every built-in file.
    #[cfg(test)]
    fn from_files() -> Result<Builder, LexiconError> {
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
    #[cfg(test)]
    fn add_file(&mut self, name: &str, content: &str, classes: &Classes) -> Result<(), LexiconError> {
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

    /// The lexicon of everything added: the phone number entry, the index of where each phrase can start
    /// a pattern, the trie.
    #[inline(never)]
    fn finish(mut self) -> Lexicon {
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
                starts = vec![(0, 0); start_index[start_index.len() - 1] as usize];
            }
            for (entry, &(s, e)) in self.entry_slots.iter().enumerate() {
                for k in s..e {
                    let slot = self.slots[k as usize];
                    for &p in &self.slot_phrases[slot.phrases.0 as usize..slot.phrases.1 as usize] {
                        if place {
                            let at = &mut start_index[p as usize + 1];
                            starts[*at as usize] = (entry as u32, (k - s) as u16);
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
            .map(|&(entry, slot)| {
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
                sort_triples(&mut masked);
                masked
            },
            masked_forms: self.masked_forms,
            explanations: parse_explanations(EXPLANATIONS),
            phone_entry,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
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
    fn add_parsed(
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
                        } else if cfg!(test) {
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
            // The slot's phrases, sorted and distinct (they are binary-searched; as triples: `sort_triples`).
            let mut sorted: Vec<(u32, u32, u32)> = self.slot_phrases.drain(from..).map(|p| (p, 0, 0)).collect();
            sort_triples(&mut sorted);
            sorted.dedup();
            self.slot_phrases.extend(sorted.iter().map(|t| t.0));
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
    fn phrase_words(&self, p: u32) -> usize {
        if p == NUM_PHRASE {
            return 1;
        }
        let key = self.phrases.get(p - 1);
        key[..key.len() / 2].split(|&c| c == b' ').filter(|w| !w.is_empty()).count()
    }

    /// The words of a rule id made of `sources` (phrases, `NUM_PHRASE` for `num`): up to 3, joined by `_`,
    /// spelled as written (`connard`, not the skeleton's `conard`).
    fn id_tail(&self, sources: &[u32], out: &mut String) {
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
    fn push_entry(&mut self, lang: &str, category: Category, severity: u8, flags: u16, tail: &str) {
        let id = self.entry_id(lang, category, tail);
        self.ids.intern(id.as_bytes());
        self.entries.push(Entry { category, severity, flags, id: id.into() });
    }

    /// The id `push_entry` gives: `lang.category.tail`; two lines with the same id become `…_2`, `…_3`.
    fn entry_id(&self, lang: &str, category: Category, tail: &str) -> String {
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
    fn add_masked(&mut self, entry: u32, phrase: u32) {
        let key = self.phrases.get(phrase - 1);
        let (text, runs) = key.split_at(key.len() / 2);
        let form = self.masked_forms.len();
        for i in 1..text.len() - 1 {
            self.masked_forms.extend(std::iter::repeat_n(text[i], runs[i] as usize));
        }
        if let Some(&first) = self.masked_forms.get(form) {
            let key = ((self.masked_forms.len() - form) as u32) << 8 | first as u32;
            self.masked.push((key, form as u32, entry));
        }
    }

    /// The id of the phrase in `self.norm` (normalised once, shared by every pattern that uses it).
    fn phrase(&mut self, stem: bool) -> u32 {
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
    fn add_phrase(&mut self, key: &[u8], len: usize, stem: bool) -> u32 {
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
    fn add_compiled_phrase(&mut self, key: &[u8], len: usize, stem: bool, single_runs: bool, pattern: u32) -> u32 {
        let id = self.phrases.push(key) + 1;
        self.add_candidate(key, len, id, stem, single_runs, Some(pattern));
        id
    }

    /// The candidate of new phrase `id` (`single_runs`: every run of `key[len..]` is 0 or 1). Its skeleton
    /// is `compiled`, a pattern of the compiled trie; or else a pattern of the trie `finish` makes.
    #[inline(never)]
    fn add_candidate(&mut self, key: &[u8], len: usize, id: u32, stem: bool, single_runs: bool, compiled: Option<u32>) {
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
    #[cfg(test)]
    fn skeleton(&self, p: u32) -> &[u8] {
        let key = self.phrases.get(p - 1);
        &key[..key.len() / 2]
    }
}

/// The skeleton of a plainly written phrase, as `normalize_into` makes it, without its segmentation
/// machinery (most phrases of the lexicon are plain): lower-case letters, ASCII or accented, in words
/// separated by single spaces, with elisions (`t'es`, `jusqu'au`), and never two one-letter words in a
/// row (`c o n` would be joined). Fills `text`, `runs` and `tokens` (their `norm` and `kind`), the fields
/// the builder reads; `false` for any other phrase. The tests compare it with `normalize_into`.
fn normalize_plain(phrase: &str, out: &mut Normalized) -> bool {
    out.text.clear();
    out.runs.clear();
    out.tokens.clear();
    out.text.push(b' ');
    out.runs.push(0);
    let bytes = phrase.as_bytes();
    // The token being read: where it starts in `phrase` and in `out.text`, its letters, and what came
    // before it.
    let (mut piece, mut start, mut letters) = (0, 1, 0);
    let (mut after_space, mut one_letter_before) = (true, false);
    let mut i = 0;
    while i <= bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        if b == b' ' || b == b'\'' {
            // The end of a word, or of an elided prefix (`j't'aime`: `j`, `t`, `aime`; what follows the
            // apostrophe must be letters, as any token).
            let elision = b == b'\'' && normalize::is_elision(&phrase[piece..i]);
            if letters == 0 || (b == b'\'' && !elision) || (after_space && one_letter_before && letters == 1) {
                return false;
            }
            out.tokens.push(Token {
                norm: (start as u32, out.text.len() as u32),
                orig: (0, 0),
                kind: TokenKind::Word,
                flags: 0,
            });
            out.text.push(b' ');
            out.runs.push(0);
            (after_space, one_letter_before) = (b == b' ', letters == 1);
            (piece, start, letters) = (i + 1, out.text.len(), 0);
            i += 1;
            continue;
        }
        // A lower-case letter, ASCII or Latin (U+00C0–U+017F, where segmentation treats every letter
        // alike), folded as the normaliser folds it.
        let folded_char;
        let (len, folded) = if b.is_ascii_lowercase() {
            (1, std::slice::from_ref(&bytes[i]))
        } else {
            let c = phrase[i..].chars().next().unwrap_or_default();
            if !matches!(c, '\u{C0}'..='\u{17F}') || !c.is_lowercase() {
                return false;
            }
            folded_char = normalize::fold_char(c);
            let Some(folded) = folded_char.plain_letters() else { return false };
            (c.len_utf8(), folded)
        };
        letters += 1;
        for &b in folded {
            // Letter runs are collapsed: `connard` is `conard` with a run of 2 on the `n`.
            if out.text.len() > start && out.text[out.text.len() - 1] == b {
                let last = out.runs.len() - 1;
                out.runs[last] = out.runs[last].saturating_add(1);
            } else {
                out.text.push(b);
                out.runs.push(1);
            }
        }
        i += len;
    }
    true
}

/// Panics unless `n` (from `normalize_plain`) is what `normalize_into` makes of `phrase`.
#[cfg_attr(not(test), allow(dead_code))]
fn assert_same_skeleton(phrase: &str, n: &Normalized) {
    let mut want = Normalized::default();
    normalize::normalize_into(phrase, &mut want, &mut normalize::Scratch::default());
    let tokens = |n: &Normalized| n.tokens.iter().map(|t| (t.norm, t.kind)).collect::<Vec<_>>();
    assert_eq!(
        (&n.text, &n.runs, tokens(n)),
        (&want.text, &want.runs, tokens(&want)),
        "normalize_plain({phrase:?}) differs from normalize_into"
    );
}

/// Appends a word to a rule id being made of words (`pauvre_con`); only the first 3 count.
fn push_id_word(id: &mut String, count: &mut usize, letters: impl Iterator<Item = u8>) {
    if *count < 3 {
        if *count > 0 {
            id.push('_');
        }
        id.extend(letters.map(char::from));
    }
    *count += 1;
}

/// French phone numbers in the original text: `06 12 34 56 78`, `06.12.34.56.78`, `0612345678`,
/// `+33 6 12 34 56 78`, `0033612345678`. Returns byte ranges. Linear: every byte is looked at a bounded
/// number of times.
pub(crate) fn find_phone_numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if ascii_digits(b) < 10 {
        return out; // every phone number has at least 10 digits
    }
    let mut i = 0;
    while i < b.len() {
        let starts_number = (b[i] == b'+' || b[i].is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'+');
        if !starts_number {
            i += 1;
            continue;
        }
        // Collect digits, allowing one separator (space, dot, dash) between groups.
        let mut digits = [0u8; 14];
        let mut nd = 0;
        let mut j = i;
        let plus = b[i] == b'+';
        if plus {
            j += 1;
        }
        let mut end = j;
        while j < b.len() && nd < digits.len() {
            if b[j].is_ascii_digit() {
                digits[nd] = b[j];
                nd += 1;
                j += 1;
                end = j;
            } else if matches!(b[j], b' ' | b'.' | b'-')
                && j + 1 < b.len()
                && b[j + 1].is_ascii_digit()
                && j > i
                && b[j - 1].is_ascii_digit()
            {
                j += 1;
            } else {
                break;
            }
        }
        let d = &digits[..nd];
        let followed_by_digit = end < b.len() && b[end].is_ascii_digit();
        let national = |d: &[u8]| d.len() == 10 && d[0] == b'0' && (b'1'..=b'9').contains(&d[1]);
        let international = |d: &[u8]| d.len() == 11 && d.starts_with(b"33") && (b'1'..=b'9').contains(&d[2]);
        let zero_zero = |d: &[u8]| d.len() == 13 && d.starts_with(b"0033") && (b'1'..=b'9').contains(&d[4]);
        let is_phone = !followed_by_digit && ((!plus && (national(d) || zero_zero(d))) || (plus && international(d)));
        if is_phone {
            out.push((i, end));
        }
        i = end.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_of_phrase_matches_is_sorted_without_duplicates() {
        // A token's matches after the groups of earlier tokens: in walk order (sorted), with duplicates
        // (a phrase reached twice), or shuffled; the earlier groups must stay as they are.
        let mut rand = crate::invariants::xorshift(0x9E37_79B9_7F4A_7C15u64);
        for round in 0..3_000 {
            let before: Vec<(u32, u32, u32)> = (0..rand(5) as u32).map(|t| (t, t + 1, rand(6) as u32)).collect();
            let first = before.len() as u32;
            let mut group: Vec<(u32, u32, u32)> =
                (0..1 + rand(8)).map(|_| (first, first + 1 + rand(3) as u32, rand(6) as u32)).collect();
            match round % 3 {
                0 => group.sort_unstable(),
                1 => {
                    group.sort_unstable();
                    let copies: Vec<_> = group.iter().copied().filter(|_| rand(2) == 0).collect();
                    group.extend(copies);
                    group.sort_unstable();
                }
                _ => {
                    for i in (1..group.len()).rev() {
                        group.swap(i, rand(i + 1));
                    }
                }
            }
            let mut want = group.clone();
            want.sort_unstable();
            want.dedup();
            let mut v = before.clone();
            v.extend(&group);
            sort_group(&mut v, before.len());
            assert_eq!(v[..before.len()], before[..]);
            assert_eq!(v[before.len()..], want[..], "{group:?}");
        }
    }

    #[test]
    fn plain_phrases_normalise_like_messages() {
        // Every plain phrase of the lexicon is checked as it is added (see `assert_same_skeleton`); here,
        // random phrases over an alphabet with every special case nearby.
        let letters = [
            "a", "e", "l", "t", "j", "q", "u", "s", "n", "à", "á", "â", "ä", "ç", "è", "é", "ê", "ë", "ì", "í", "î",
            "ï", "ñ", "ò", "ó", "ô", "ö", "ù", "ú", "û", "ü", "ÿ", "œ", "æ",
        ];
        let others = ["'", " ", "É", "A", "1", "0", "’", "  ", "-", ".", "*", "@", "\u{301}", "ß", "ø", "ã", "å"];
        let mut rand = crate::invariants::xorshift(0x2545_F491_4F6C_DD1Du64);
        let mut n = Normalized::default();
        let mut plain = 0;
        for _ in 0..50_000 {
            let mut phrase = String::new();
            for _ in 0..1 + rand(12) {
                // Mostly letters, apostrophes and spaces, so that many phrases are plain.
                let common = rand(2) == 0;
                phrase.push_str(match rand(8) {
                    0 => others[rand(others.len())],
                    1 => others[rand(2)],
                    _ => letters[rand(if common { 9 } else { letters.len() })],
                });
            }
            if normalize_plain(&phrase, &mut n) {
                plain += 1;
                assert_same_skeleton(&phrase, &n);
            }
        }
        assert!(plain > 5_000, "{plain}");
        for p in ["t'es con", "jusqu'à la mort", "j't'aime", "qu'il crève", "sale conne", "cœur", "à la"] {
            assert!(normalize_plain(p, &mut n), "{p:?}");
        }
        for p in ["t'", "aujourd'hui", "a b c", "c o", "", " con", "con ", "a  b", "Con", "l'a b"] {
            assert!(!normalize_plain(p, &mut n), "{p:?}");
        }
    }

    #[test]
    fn a_phrase_seen_before_gives_the_same_flags() {
        // Alternatives after the first are looked up in the written-phrase cache (the first is normalised
        // again for the rule id). A one-word stem (`blacks` of `{GROUPE}*`) found there is no more
        // "several words" (E_MULTI) than when the line is compiled alone; a two-word phrase no less.
        let term = |pattern: &str| CustomTerm { pattern: pattern.into(), category: Category::Insult, severity: 2 };
        let flags = |terms: &[CustomTerm]| {
            let lex = Lexicon::build(terms, &[]).unwrap();
            lex.entries.iter().rfind(|e| e.id.starts_with("site.")).unwrap().flags
        };
        let alone = flags(&[term("{GROUPE}*")]);
        assert_eq!(alone & E_MULTI, 0);
        assert_eq!(flags(&[term("blacks*"), term("{GROUPE}*")]), alone);
        assert_ne!(flags(&[term("gros bidule"), term("(machin|gros bidule)")]) & E_MULTI, 0);
    }

    #[test]
    fn every_built_in_file_compiles() {
        let lex = Lexicon::build(&[], &[]).unwrap_or_else(|e| panic!("{e}"));
        assert!(lex.entries.len() > 1);
    }

    #[test]
    fn rule_ids_are_unique() {
        let lex = Lexicon::build(&[], &[]).unwrap();
        let mut seen = std::collections::HashSet::new();
        for e in &lex.entries {
            assert!(seen.insert(e.id.clone()), "duplicate rule id {}", e.id);
        }
    }

    #[test]
    fn repeated_rule_ids_are_numbered() {
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

    #[test]
    fn pattern_items_and_alternatives() {
        let classes = Classes::from_iter([("TE", vec!["te", "t'"])]);
        let parse = |line: &str| {
            let mut p = Pattern::default();
            parse_pattern(line, &classes, &mut p).map(|()| {
                let alts = |i: &Item| (i.alts.0..i.alts.1).map(|k| p.alt(k as usize).to_string()).collect::<Vec<_>>();
                (p.items.iter().map(|i| (alts(i), i.optional)).collect::<Vec<_>>(), p.stem)
            })
        };
        let item = |alts: &[&str], optional| (alts.iter().map(|a| a.to_string()).collect::<Vec<_>>(), optional);
        // Any Unicode space separates items; alternatives are trimmed; `|` inside braces is not a separator.
        assert_eq!(
            parse("a\u{a0}b ( c| {TE} )?\u{3000}d*"),
            Ok((
                vec![item(&["a"], false), item(&["b"], false), item(&["c", "te", "t'"], true), item(&["d"], false)],
                true
            ))
        );
        assert_eq!(parse("(a||b)"), Ok((vec![item(&["a", "", "b"], false)], false)));
        assert_eq!(parse("(a(b))"), Err("unexpected operator in \"(a(b))\" (groups cannot nest)".into()));
        assert_eq!(parse("(a|b)*"), Err("unexpected operator in \"(a|b)*\" (groups cannot nest)".into()));
        assert_eq!(parse("{NOPE} a)"), Err("unbalanced parenthesis or brace".into()));
    }

    #[test]
    fn pattern_syntax_errors_are_reported() {
        let classes = Classes::default();
        for bad in ["(a|b", "a)", "{NOPE}", "", "(a|(b|c))"] {
            assert!(parse_pattern(bad, &classes, &mut Pattern::default()).is_err() || bad.is_empty(), "{bad:?}");
        }
        let mut p = Pattern::default();
        parse_pattern("va (te|t')? pendre*", &classes, &mut p).unwrap();
        assert_eq!(p.items.len(), 3);
        assert!(p.items[1].optional && p.stem);
    }

    #[test]
    fn phone_numbers() {
        let yes = [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33612345678",
            "appelle le 07-12-34-56-78 !",
        ];
        for t in yes {
            assert_eq!(find_phone_numbers(t).len(), 1, "{t:?}");
        }
        let no = ["12 34 56", "2024 2025", "061234567", "06123456789", "+44 20 7946 0958", "v2 0612345678"];
        for t in no[..5].iter() {
            assert!(find_phone_numbers(t).is_empty(), "{t:?}");
        }
        let (s, e) = find_phone_numbers("mon num: 06 12 34 56 78.")[0];
        assert_eq!(&"mon num: 06 12 34 56 78."[s..e], "06 12 34 56 78");
    }
}
