//! The compiled lexicon and the search of a message in it: the trie is walked from each token, each
//! match of a phrase is verified (letter runs, a `1` read as `l`), then patterns are matched as sequences
//! of slots over the phrase matches; masked words and phone numbers are found beside.

use super::entry::{Entry, Explanation, Hit, E_ALLOW, E_IDIOM, E_WEAK};
use super::phone::find_phone_numbers;
use super::spelling::{Spelling, SpellingScratch};
use super::trie::Trie;
use crate::category::Category;
use crate::normalized::{Normalized, Token, TokenKind, MASK, T_REPEAT};
use crate::options::Locale;
use crate::sort::sort;

/// One way an automaton pattern can be a phrase (several phrases share a skeleton: `sale`, `salle`):
/// phrase `i + 1` is candidate `i` (0 is `NUM_PHRASE`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    /// Expected letter runs, one per pattern byte (0 for spaces), in `Lexicon::runs`.
    pub(super) runs: (u32, u32),
    /// Whether the phrase's `l`s (at most two of them) may have been written `1`, `|` or `!`: the walk
    /// also reads such an `i` as an `l` (`Trie::for_each_match_from`).
    pub(super) ones_allowed: bool,
    /// Whether every letter of the phrase has a run of 1: then a text whose tokens repeat no letter
    /// (`T_REPEAT`) has its runs, with no need to compare them.
    pub(super) single_runs: bool,
    pub(super) stem: bool,
    /// The next candidate of the same automaton pattern, or `NO_CANDIDATE`.
    pub(super) next: u32,
}

pub(super) const NO_CANDIDATE: u32 = u32::MAX;

/// One position of a pattern: a set of phrases (`(te|t')`, `{GROUPE}`), maybe optional.
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    /// Sorted phrase ids, in `Lexicon::slot_phrases`.
    pub(super) phrases: (u32, u32),
    pub(super) optional: bool,
    /// The phrases as a set of [`phrase_bit`]s (made by `Builder::finish`): most phrases of the text
    /// are told apart from a slot's without searching its list.
    pub(super) mask: u64,
}

/// Buffers `Lexicon::find` reuses from one message to the next.
#[derive(Default)]
pub(crate) struct FindScratch {
    /// Phrase matches, grouped by first token.
    phrases: Vec<PhraseMatch>,
    /// `by_start[t]..by_start[t + 1]`: the phrase matches that start at token t.
    by_start: Vec<u32>,
    /// The phrases that start at each token, as a bit set.
    starting_at: Vec<u64>,
    /// The automaton's matches from one token.
    walked: Vec<Walked>,
}

/// A verified match of a phrase over tokens `first..last` (`last` exclusive). Ordered by first token,
/// then last token, then phrase: the order of a token's group once sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct PhraseMatch {
    pub(super) first: u32,
    pub(super) last: u32,
    pub(super) phrase: u32,
}

/// A match of the automaton from a token, before it is verified: the skeleton position it ends at, its
/// pattern, and how many `i`s of the text it read as `l`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Walked {
    end: u32,
    pattern: u32,
    ones: u8,
}

/// Where a phrase can start a pattern: entry `entry`, at its slot `slot` (the first, or one after
/// optional slots only).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct PatternStart {
    pub(super) entry: u32,
    pub(super) slot: u16,
}

/// A single-word entry indexed for masked words (`c*nnard`), by `shape` (the length of the word's full
/// form << 8 | its first byte), then where the form starts in `Lexicon::masked_forms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct MaskedWord {
    pub(super) shape: u32,
    pub(super) form: u32,
    pub(super) entry: u32,
}

/// The `MaskedWord::shape` of a full form of `len` bytes that starts with `first`.
pub(super) fn masked_shape(len: usize, first: u8) -> u32 {
    (len as u32) << 8 | first as u32
}

/// The phrase id that every number token matches (`{NUM}` in patterns).
pub(super) const NUM_PHRASE: u32 = 0;

/// Sorts the phrase matches of one token, `phrases[from..]` (the lexicon bounds how many there are),
/// and drops duplicates (a phrase can be reached twice: a `1` read as `l` and as `i`, two ends in a stem's
/// last token). Most groups come sorted: a walk reports its matches from the shortest.
#[inline(never)] // one token in nine has more than one match: out of `find`'s loop
pub(super) fn sort_group(phrases: &mut Vec<PhraseMatch>, from: usize) {
    let group = &mut phrases[from..];
    if !group.is_sorted() {
        sort(group);
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
pub(super) fn reserve_phrases(phrases: &mut Vec<PhraseMatch>, room: usize) {
    phrases.reserve(room);
}

/// Phrase `p` in a 64-bit set of phrases (a Bloom-style summary: distinct phrases may share a bit).
pub(super) fn phrase_bit(p: u32) -> u64 {
    1 << (p % 64)
}

/// How many phrase matches one pattern may examine from one starting point; bounds the work per match
/// whatever the text.
pub(super) const MATCH_BUDGET: u32 = 64;

/// The compiled lexicon.
///
/// Patterns are not expanded into every phrase they allow (`{MENACEUR} {TE} {COUPS}` would be thousands):
/// each distinct phrase is one automaton pattern, and a pattern is a sequence of slots matched over the
/// phrase matches, token by token.
pub(crate) struct Lexicon {
    pub entries: Vec<Entry>,
    /// Slots of entry `i`: `slots[entry_slots[i].0..entry_slots[i].1]`.
    pub(super) entry_slots: Vec<(u32, u32)>,
    pub(super) slots: Vec<Slot>,
    pub(super) slot_phrases: Vec<u32>,
    /// Where a match of phrase `p` can start a pattern: `starts[start_index[p]..start_index[p + 1]]`,
    /// as (entry, slot).
    pub(super) start_index: Vec<u32>,
    pub(super) starts: Vec<PatternStart>,
    /// For each of `starts`: the phrases the pattern can go on with (see [`phrase_bit`]), or all bits when
    /// it may end there. A start whose next token begins none of them is skipped without a search.
    pub(super) start_next: Vec<u64>,
    /// For each phrase, the union of its starts' `start_next`: when the next token begins none of those
    /// phrases (most matches of common words), none of its starts is looked at.
    pub(super) phrase_next: Vec<u64>,
    pub(super) automaton: Trie,
    /// The patterns added on top of the compiled lexicon (sites' own terms, if any), numbered after the
    /// automaton's.
    pub(super) added: Option<Trie>,
    /// Candidates of automaton pattern `i`: `candidates[first_candidate[i]]`, then following `next`.
    pub(super) first_candidate: Vec<u32>,
    pub(super) candidates: Vec<Candidate>,
    pub(super) runs: Vec<u8>,
    /// Single-word entries, for masked words (`c*nnard`), sorted.
    pub(super) masked: Vec<MaskedWord>,
    pub(super) masked_forms: Vec<u8>,
    /// Explanations by category, French then English.
    pub(super) explanations: Vec<Explanation>,
    /// The entry standing for a phone number (doxxing), found outside the automaton.
    pub phone_entry: u32,
    /// The words of the phrases, for the spelling repairs (`spelling.rs`).
    pub(super) spelling: Spelling,
}

impl Lexicon {
    /// The explanation of a category in a locale.
    pub fn explanation(&self, category: Category, locale: Locale) -> &str {
        let Explanation { fr, en } = &self.explanations[category as usize];
        match locale {
            Locale::Fr => fr,
            Locale::En => en,
        }
    }

    /// Rewrites the tokens of `n` that are mistyped, glued or cut words of the lexicon (`spelling.rs`). A
    /// glued token stays split only when a match of an entry that weighs ends with its last piece
    /// (`tesunconnard`, not `abrutissait` cut before `sait`): then the matches are looked for twice.
    pub fn repair_spelling(
        &self,
        text: &str,
        n: &mut Normalized,
        scratch: &mut SpellingScratch,
        find: &mut FindScratch,
    ) {
        if !self.spelling.repair(text, n, scratch) {
            return;
        }
        let hits = self.find(text, n, find);
        let weighs = |h: &Hit| {
            let e = &self.entries[h.entry as usize];
            !e.has(E_IDIOM | E_ALLOW) && e.category != Category::Distress
        };
        let confirmed =
            |first: usize, last: usize| hits.iter().any(|h| h.tokens.1 == last && h.tokens.0 >= first && weighs(h));
        if self.spelling.splits(scratch).all(|(first, last)| confirmed(first, last)) {
            return;
        }
        self.spelling.undo_splits(n, scratch, confirmed);
    }

    /// Every verified match in `n` (possibly overlapping), plus masked words and phone numbers.
    pub fn find(&self, text: &str, n: &Normalized, scratch: &mut FindScratch) -> Vec<Hit> {
        let FindScratch { phrases, by_start, starting_at, walked } = scratch;
        // 1. Phrase matches, as token ranges, token by token, so grouped by first token; each group sorted and without duplicates. `by_start[t]..by_start[t + 1]`
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
            self.automaton.for_each_match_from(&n.text, &one, start, |end, p, ones| {
                walked.push(Walked { end: end as u32, pattern: p as u32, ones })
            });
            if let Some(added) = &self.added {
                added.for_each_match_from(&n.text, &one, start, |end, p, ones| {
                    walked.push(Walked { end: end as u32, pattern: (p + offset) as u32, ones })
                });
            }
            let mut bits = 0;
            for &Walked { end, pattern, ones } in walked.iter() {
                // A stem ends inside its last token; the last token is found by a short scan from the first
                // (a binary search per match made the whole search O(n log n)).
                let mut at_end = first;
                while at_end < n.tokens.len() && n.tokens[at_end].norm.1 < end {
                    at_end += 1;
                }
                let mut next = self.first_candidate[pattern as usize];
                while let Some(c) = self.candidates.get(next as usize) {
                    let phrase = next + 1;
                    next = c.next;
                    let last = if c.stem { at_end + 1 } else { at_end };
                    if (ones == 0 || c.ones_allowed)
                        && first < last
                        && last <= n.tokens.len()
                        && self.verify(n, start, c, &n.tokens[first..last])
                    {
                        phrases.push(PhraseMatch { first: first as u32, last: last as u32, phrase });
                        bits |= phrase_bit(phrase);
                    }
                }
            }
            if token.kind == TokenKind::Number {
                phrases.push(PhraseMatch { first: first as u32, last: first as u32 + 1, phrase: NUM_PHRASE });
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
        for &PhraseMatch { first, last, phrase } in phrases.iter() {
            let p = phrase as usize;
            let next = self.phrase_next[p];
            if next != u64::MAX && next & starting_at[last as usize] == 0 {
                continue; // as below, for every start of the phrase at once
            }
            let range = self.start_index[p] as usize..self.start_index[p + 1] as usize;
            for (&PatternStart { entry, slot }, &next) in self.starts[range.clone()].iter().zip(&self.start_next[range])
            {
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
        phrases: &[PhraseMatch],
        by_start: &[u32],
        budget: &mut u32,
    ) -> Option<usize> {
        let Some((slot, rest)) = slots.split_first() else { return Some(at) };
        let mut best = if slot.optional { self.match_slots(rest, at, phrases, by_start, budget) } else { None };
        if at + 1 >= by_start.len() {
            return best;
        }
        let set = &self.slot_phrases[slot.phrases.0 as usize..slot.phrases.1 as usize];
        for &PhraseMatch { last, phrase, .. } in &phrases[by_start[at] as usize..by_start[at + 1] as usize] {
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
        let shape = masked_shape(full.len(), full[0]);
        let bucket = &self.masked[self.masked.partition_point(|m| m.shape < shape)..];
        bucket
            .iter()
            .take_while(|m| m.shape == shape)
            .filter(|m| self.masked_forms[m.form as usize..].iter().zip(&full).all(|(a, b)| *b == MASK || a == b))
            .map(|m| m.entry)
            .filter(|&entry| !self.entries[entry as usize].has(E_WEAK | E_ALLOW))
            .max_by_key(|&entry| (self.entries[entry as usize].severity, std::cmp::Reverse(entry)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_of_phrase_matches_is_sorted_without_duplicates() {
        // A token's matches after the groups of earlier tokens: in walk order (sorted), with duplicates
        // (a phrase reached twice), or shuffled; the earlier groups must stay as they are.
        let mut rand = crate::invariants::xorshift(0x9E37_79B9_7F4A_7C15u64);
        let m = |first, last, phrase| PhraseMatch { first, last, phrase };
        for round in 0..3_000 {
            let before: Vec<PhraseMatch> = (0..rand(5) as u32).map(|t| m(t, t + 1, rand(6) as u32)).collect();
            let first = before.len() as u32;
            let mut group: Vec<PhraseMatch> =
                (0..1 + rand(8)).map(|_| m(first, first + 1 + rand(3) as u32, rand(6) as u32)).collect();
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
}
