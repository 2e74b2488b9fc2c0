//! Spelling repairs: what a token was meant to be when the author mistyped a word of the lexicon (one
//! letter swapped, left out, added or replaced: `conanrd`, `salpe`), glued words together
//! (`tesunconnard`) or cut one with spaces (`sa lope`, `conn ard`).
//!
//! Between normalisation and matching, [`Spelling::repair`] rewrites those tokens of the skeleton into the
//! words of the lexicon they stand for, each with the original range of what was typed, and leaves every
//! other token as it is. What it may do is bounded so that an innocent word is never read as an insult:
//! - only words of the lexicon's own phrases are ever written (the *vocabulary*, built from the phrases
//!   when the lexicon is), and only a token that is no word of the vocabulary is repaired;
//! - one edit, on long words only (a swap from 5 letters, any other edit from 6), and only when exactly
//!   one word of the vocabulary is that close;
//! - French and English dictionary words that are that close to a word of the lexicon (`canard` to
//!   `conard`, `bavard` to `batard`, `bonnes` to `connes`) are listed in `{fr,en}/near_words.txt` and
//!   never repaired; so are the cuts of a word into dictionary words (`mer de` is not `merde`). The list
//!   is generated from Debian's hunspell dictionaries (`scripts/update-near-words.sh`) and a test checks
//!   it against them: the dictionaries are used at generation and test time, never shipped.
//!
//! Words are compared in *full form*: skeleton letters with their runs written out (`conard` with a run
//! of 2 on `n` is `connard`), so `connase` is one letter away from `connasse`. A run of 3 or more is an
//! emphasis, which the matcher reads as such: such tokens are left alone.
//!
//! Linear and bounded: a token is looked at only if it has 5 to [`MAX_LETTERS`] letters, its fuzzy
//! look-up visits at most a bounded number of trie nodes per letter, a glued token is split by a dynamic
//! programme over its letters with words of at most [`MAX_LETTERS`] letters, and a cut word joins at most
//! [`MAX_JOINED`] tokens.

use crate::normalize;
use crate::normalized::{Normalized, Token, TokenKind, T_CLAUSE, T_ELIDED, T_QUOTED, T_REPEAT};

/// A token longer than this (in letters, runs written out) is never repaired, and no word of the
/// vocabulary is longer.
pub(crate) const MAX_LETTERS: usize = 24;
/// At most this many tokens are joined into one word (`sa lo pe`).
const MAX_JOINED: usize = 4;
/// At most this many pieces come out of one glued token.
const MAX_PIECES: usize = 6;

/// Word flag: a word of the vocabulary (a word of a phrase of the lexicon, or a function word).
const W_KNOWN: u8 = 1;
/// Word flag: a word of a harmful phrase that is no function word, and long enough to be a typo's target
/// and a join's result.
const W_TARGET: u8 = 2;
/// Word flag: a word of a harmful phrase that is no function word: a glued token is split only when one
/// of its pieces is one.
const W_CONTENT: u8 = 4;
/// Word flag: a dictionary word close to a word of the lexicon (`near_words.txt`): never repaired.
const W_INNOCENT: u8 = 8;
/// Word flag: a word that is an entry by itself (`connard`): from 5 letters, a target.
const W_ENTRY: u8 = 32;
/// Word flag: an elided French prefix (`t`, `j`…), the only one-letter piece of a glued token, first.
const W_ELISION: u8 = 16;

/// The function words of each language (hand-written): known words, never targets.
const FUNCTION_WORDS: [&str; 2] = [include_str!("fr/function_words.txt"), include_str!("en/function_words.txt")];
/// The dictionary words near the lexicon's (generated, see the module's doc).
const NEAR_WORDS: [&str; 2] = [include_str!("fr/near_words.txt"), include_str!("en/near_words.txt")];

/// A trie of full forms, children of a node side by side.
#[derive(Default)]
struct Node {
    /// Index of the first child in `Spelling::nodes`.
    first: u32,
    children: u8,
    /// The letter leading to this node.
    label: u8,
    flags: u8,
}

/// The vocabulary of the lexicon, as a trie of full forms, and the cuts that are no join.
pub(crate) struct Spelling {
    nodes: Vec<Node>,
    /// Full forms of words with a space where cutting them gives two dictionary words (`mer de`), sorted.
    innocent_cuts: Vec<Box<[u8]>>,
}

/// One word for [`Spelling::build`]: its full form and flags.
pub(crate) struct Word {
    pub full: Vec<u8>,
    pub flags: u8,
}

/// What a phrase is to the entries that weigh (not idioms, allowed terms or distress), the most of it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Role {
    /// Nothing more than words of the vocabulary.
    Other,
    /// It ends an entry (`gueule` of `ta gueule`): its last word is a content word.
    Last,
    /// It is an entry by itself (`connard`): a one-word phrase is a content word and, from 5 letters, a
    /// target.
    Entry,
}

/// The words of a phrase of the lexicon for the vocabulary, with what its `role` makes them.
pub(crate) fn phrase_words(skeleton: &[u8], runs: &[u8], role: Role, out: &mut Vec<Word>) {
    let words = skeleton.split(|&b| b == b' ').filter(|w| !w.is_empty()).count();
    let mut start = 0;
    let mut k = 0;
    while start < skeleton.len() {
        let end = skeleton[start..].iter().position(|&b| b == b' ').map_or(skeleton.len(), |p| start + p);
        if end > start {
            k += 1;
            let full = full_form(&skeleton[start..end], &runs[start..end]);
            if let Some(full) = full.filter(|f| f.len() <= MAX_LETTERS && f.iter().all(u8::is_ascii_lowercase)) {
                let flags = match role {
                    Role::Entry if words == 1 => W_KNOWN | W_CONTENT | W_ENTRY,
                    Role::Entry | Role::Last if k == words => W_KNOWN | W_CONTENT,
                    _ => W_KNOWN,
                };
                out.push(Word { full, flags });
            }
        }
        start = end + 1;
    }
}

/// The letters of a skeleton word with its runs written out, or `None` for an emphasis (a run of 3 or
/// more).
fn full_form(skeleton: &[u8], runs: &[u8]) -> Option<Vec<u8>> {
    let mut full = Vec::with_capacity(skeleton.len() + 2);
    for (&b, &r) in skeleton.iter().zip(runs) {
        match r {
            0 | 1 => full.push(b),
            2 => full.extend_from_slice(&[b, b]),
            _ => return None,
        }
    }
    Some(full)
}

/// The full form of a written word, through the normaliser (`None` unless it is one token of letters).
fn written_full_form(word: &str, n: &mut Normalized, scratch: &mut normalize::Scratch) -> Option<Vec<u8>> {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) && !has_triple(word.as_bytes()) {
        return Some(word.as_bytes().to_vec()); // a full form already (`near_words.txt`, most function words)
    }
    normalize::normalize_into(word, n, scratch);
    match n.tokens[..] {
        [t] if t.kind == TokenKind::Word => {
            let (s, e) = (t.norm.0 as usize, t.norm.1 as usize);
            full_form(&n.text[s..e], &n.runs[s..e]).filter(|f| f.iter().all(u8::is_ascii_lowercase))
        }
        _ => None,
    }
}

/// Whether the one-letter prefix `letter` may be cut off a glued token before `next`: an elision, before
/// a vowel (`taime`), or `j` before anything (`jvais`, as texted); so `snigger` is no `s` + `nigger`.
fn elides(letter: u8, next: Option<&u8>) -> bool {
    letter == b'j' || next.is_some_and(|b| b"aeiouyh".contains(b))
}

/// Whether a letter is written three times in a row (an emphasis, which the normaliser reads as such).
fn has_triple(word: &[u8]) -> bool {
    word.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

impl Spelling {
    /// The vocabulary of `words` (the lexicon's), the function words and the near words.
    pub fn build(words: Vec<Word>) -> Spelling {
        Spelling::build_with(words, NEAR_WORDS)
    }

    /// The same with other near words (the generator of `near_words.txt` builds it without any).
    fn build_with(mut words: Vec<Word>, near_words: [&str; 2]) -> Spelling {
        let mut n = Normalized::default();
        let mut scratch = normalize::Scratch::default();
        let mut function = Vec::new();
        for list in FUNCTION_WORDS {
            for w in data_lines(list) {
                if let Some(full) = written_full_form(w, &mut n, &mut scratch) {
                    let elision = full.len() == 1 && normalize::is_elision(w);
                    function.push(full.clone());
                    words.push(Word { full, flags: W_KNOWN | if elision { W_ELISION } else { 0 } });
                }
            }
        }
        function.sort_unstable();
        let mut innocent_cuts = Vec::new();
        for list in near_words {
            for w in data_lines(list) {
                match w.split_once(' ') {
                    Some((a, b)) => {
                        let a = written_full_form(a, &mut n, &mut scratch);
                        let b = written_full_form(b, &mut n, &mut scratch);
                        if let (Some(mut a), Some(b)) = (a, b) {
                            a.push(b' ');
                            a.extend_from_slice(&b);
                            innocent_cuts.push(a.into_boxed_slice());
                        }
                    }
                    None => {
                        if let Some(full) = written_full_form(w, &mut n, &mut scratch) {
                            words.push(Word { full, flags: W_INNOCENT });
                        }
                    }
                }
            }
        }
        innocent_cuts.sort_unstable();
        innocent_cuts.dedup();
        for w in &mut words {
            if w.flags & W_CONTENT != 0 && function.binary_search(&w.full).is_ok() {
                w.flags &= !(W_CONTENT | W_ENTRY);
            }
            if w.flags & W_ENTRY != 0 && w.flags & W_CONTENT != 0 && w.full.len() >= 5 {
                w.flags |= W_TARGET;
            }
        }
        words.sort_unstable_by(|a, b| a.full.cmp(&b.full));
        let mut s = Spelling { nodes: vec![Node::default()], innocent_cuts };
        s.place(0, &words, 0);
        s
    }

    /// Places the children of node `at`, whose words (sorted, sharing their first `depth` letters) are
    /// `words`.
    fn place(&mut self, at: usize, words: &[Word], depth: usize) {
        let mut i = 0;
        while i < words.len() && words[i].full.len() == depth {
            self.nodes[at].flags |= words[i].flags;
            i += 1;
        }
        let rest = &words[i..];
        let mut groups = Vec::new();
        let mut g = 0;
        while g < rest.len() {
            let b = rest[g].full[depth];
            let end = g + rest[g..].iter().position(|w| w.full[depth] != b).unwrap_or(rest.len() - g);
            groups.push((b, g, end));
            g = end;
        }
        let first = self.nodes.len();
        self.nodes[at].first = first as u32;
        self.nodes[at].children = groups.len() as u8;
        for &(b, _, _) in &groups {
            self.nodes.push(Node { label: b, ..Node::default() });
        }
        for (k, &(_, s, e)) in groups.iter().enumerate() {
            self.place(first + k, &rest[s..e], depth + 1);
        }
    }

    fn child(&self, node: usize, b: u8) -> Option<usize> {
        let n = &self.nodes[node];
        let first = n.first as usize;
        (first..first + n.children as usize).find(|&c| self.nodes[c].label == b)
    }

    fn children(&self, node: usize) -> std::ops::Range<usize> {
        let n = &self.nodes[node];
        n.first as usize..n.first as usize + n.children as usize
    }

    /// The node a word leads to, if any.
    fn walk(&self, mut node: usize, word: &[u8]) -> Option<usize> {
        for &b in word {
            node = self.child(node, b)?;
        }
        Some(node)
    }

    /// The flags of `word` (0 when it is no word of the vocabulary).
    fn flags(&self, word: &[u8]) -> u8 {
        self.walk(0, word).map_or(0, |n| self.nodes[n].flags)
    }

    /// The target one edit away from `word` (no word of the vocabulary), written into `out`; `false` when
    /// there is none. A swap of two neighbouring letters counts from 5 letters, any other edit from 6 (of
    /// the target). Several targets: the one a swap gives, else a replaced letter, else a letter added or
    /// left out; two of the same kind, none.
    fn near_target(&self, word: &[u8], out: &mut Vec<u8>) -> bool {
        let mut best: Option<(Edit, Vec<u8>)> = None;
        let mut ambiguous = false;
        let mut path = Vec::with_capacity(word.len() + 1);
        let mut report = |target: &[u8], edit: Edit| {
            if target.len() < if edit == Edit::Swap { 5 } else { 6 } {
                return;
            }
            match &best {
                Some((e, t)) if *e == edit && t.as_slice() != target => ambiguous = true,
                Some((e, _)) if *e <= edit => {}
                _ => {
                    best = Some((edit, target.to_vec()));
                    ambiguous = false;
                }
            }
        };
        self.fuzzy(0, word, &mut path, &mut report);
        match best {
            Some((_, t)) if !ambiguous => {
                out.clear();
                out.extend_from_slice(&t);
                true
            }
            _ => false,
        }
    }

    /// Every target reached from `node` (after the letters `path`) by reading `rest` with exactly one edit:
    /// `report(target, is_swap)`. The exact path is followed letter by letter; at each node the edit is
    /// tried and the rest must then follow exactly, so the work is bounded by letters × children ×
    /// letters.
    fn fuzzy(&self, node: usize, rest: &[u8], path: &mut Vec<u8>, report: &mut impl FnMut(&[u8], Edit)) {
        // A letter added in the text: skip it (not before the first letter: `snigger` is no typo).
        if let Some((_, after)) = rest.split_first().filter(|_| node != 0) {
            self.exact(node, after, path, Edit::Length, report);
        }
        // Two neighbouring letters swapped.
        if let [a, b, after @ ..] = rest {
            if a != b {
                if let Some(n1) = self.child(node, *b) {
                    if let Some(n2) = self.child(n1, *a) {
                        path.extend_from_slice(&[*b, *a]);
                        self.exact(n2, after, path, Edit::Swap, report);
                        path.truncate(path.len() - 2);
                    }
                }
            }
        }
        for c in self.children(node) {
            let label = self.nodes[c].label;
            path.push(label);
            // A letter left out of the text: the target has it here (not first; last only a mute `e`, as
            // in `pédal`: `Bitche` is no `bitches`).
            if node != 0 && (!rest.is_empty() || label == b'e') {
                self.exact(c, rest, path, Edit::Length, report);
            }
            // A letter replaced.
            if let Some((&r, after)) = rest.split_first() {
                if r != label {
                    self.exact(c, after, path, Edit::Replace, report);
                }
            }
            path.pop();
        }
        // No edit here: the next letter as written, and the edit further on.
        if let Some((&r, after)) = rest.split_first() {
            if let Some(c) = self.child(node, r) {
                path.push(r);
                self.fuzzy(c, after, path, report);
                path.pop();
            }
        }
    }

    /// Follows `rest` exactly from `node`; a target at its end is reported.
    fn exact(&self, node: usize, rest: &[u8], path: &mut Vec<u8>, edit: Edit, report: &mut impl FnMut(&[u8], Edit)) {
        if let Some(end) = self.walk(node, rest) {
            if self.nodes[end].flags & W_TARGET != 0 {
                let len = path.len();
                path.extend_from_slice(rest);
                report(path, edit);
                path.truncate(len);
            }
        }
    }

    /// The pieces of a glued token (`tesunconard` → `tes` `un` `connard`) as the ends of each piece in
    /// `word`, fewest pieces first: every piece a word of the vocabulary (a one-letter piece only as a
    /// first elided prefix), the last one an entry of the lexicon (`connard`) or the end of one (`gueule`
    /// of `fermetagueule`): what is glued to an insult comes before it. Empty when there is no such split.
    fn split(&self, word: &[u8], ends: &mut Vec<usize>) {
        ends.clear();
        let n = word.len();
        // best[i]: (pieces, start of the last piece, whether that piece ends an entry) of the best split
        // of word[..i].
        let mut best: Vec<Option<(u8, u8, bool)>> = vec![None; n + 1];
        best[0] = Some((0, 0, false));
        for i in 0..n {
            let Some((pieces, _, _)) = best[i] else { continue };
            if pieces as usize >= MAX_PIECES {
                continue;
            }
            let mut node = 0;
            for j in i..n {
                let Some(c) = self.child(node, word[j]) else { break };
                node = c;
                let flags = self.nodes[node].flags;
                if flags & W_KNOWN == 0
                    || (j == i && !(i == 0 && flags & W_ELISION != 0 && elides(word[0], word.get(1))))
                {
                    continue;
                }
                let candidate = (pieces + 1, i as u8, flags & W_CONTENT != 0);
                let better = match best[j + 1] {
                    None => true,
                    // Fewer pieces; then one that ends an entry; else the first found.
                    Some(b) => candidate.0 < b.0 || (candidate.0 == b.0 && candidate.2 && !b.2),
                };
                if better {
                    best[j + 1] = Some(candidate);
                }
            }
        }
        if let Some((pieces, _, true)) = best[n] {
            if pieces >= 2 {
                let mut at = n;
                while at > 0 {
                    ends.push(at);
                    at = best[at].map_or(0, |b| b.1 as usize);
                }
                ends.reverse();
            }
        }
    }

    /// Plans the repairs of the tokens of `n` that are mistyped, glued or cut words of the lexicon (see
    /// the module's doc; `text` is the original) and, if there are any, writes the repaired skeleton into
    /// `n` (the original one is kept in the scratch for [`Self::undo_splits`]). Returns whether a glued
    /// token was split: such a split stands only if a match of the lexicon ends with its last piece, which
    /// the caller checks. Nothing is allocated when no token needs a repair.
    pub fn repair(&self, text: &str, n: &mut Normalized, scratch: &mut SpellingScratch) -> bool {
        let SpellingScratch { plan, full, target, ends, letters, .. } = scratch;
        plan.clear();
        target.clear();
        letters.clear();
        let tokens = &n.tokens;
        let mut i = 0;
        while i < tokens.len() {
            if let Some(k) = self.join_length(n, i, full) {
                plan.push(Repair { first: i, last: i + k, kind: RepairKind::Join, word: (0, 0) });
                i += k;
                continue;
            }
            let t = tokens[i];
            i += 1;
            let (s, e) = (t.norm.0 as usize, t.norm.1 as usize);
            if t.kind != TokenKind::Word || t.flags & T_ELIDED != 0 || e - s < 4 || e - s > MAX_LETTERS {
                continue;
            }
            let Some(f) = full_form(&n.text[s..e], &n.runs[s..e]) else { continue };
            if f.len() < 5 || f.len() > MAX_LETTERS || self.flags(&f) & (W_KNOWN | W_INNOCENT) != 0 {
                continue;
            }
            let at = target.len() as u32;
            if self.near_target(&f, full) {
                target.extend_from_slice(full);
                let word = (at, target.len() as u32);
                plan.push(Repair { first: i - 1, last: i, kind: RepairKind::Typo, word });
                continue;
            }
            if f.len() < 6 {
                continue;
            }
            self.split(&f, ends);
            let letters_at = letters.len() as u32;
            if !ends.is_empty() && letter_origins(text, &t, &f, letters) {
                target.extend_from_slice(&f);
                let word = (at, target.len() as u32);
                target.extend(ends.iter().map(|&e| e as u8)); // the ends, one byte each
                let kind = RepairKind::Split { ends: (word.1, target.len() as u32), letters: letters_at, at: 0 };
                plan.push(Repair { first: i - 1, last: i, kind, word });
            } else {
                letters.truncate(letters_at as usize);
            }
        }
        if plan.is_empty() {
            return false;
        }
        let out = &mut scratch.out;
        rewrite(n, &mut scratch.plan, &scratch.target, &scratch.letters, out);
        std::mem::swap(n, out);
        scratch.plan.iter().any(|r| matches!(r.kind, RepairKind::Split { .. }))
    }

    /// The splits of the last [`Self::repair`], as the token ranges they became in the repaired skeleton.
    pub fn splits<'a>(&self, scratch: &'a SpellingScratch) -> impl Iterator<Item = (usize, usize)> + 'a {
        scratch.plan.iter().filter_map(|r| match r.kind {
            RepairKind::Split { ends, at, .. } => Some((at as usize, (at + ends.1 - ends.0) as usize)),
            _ => None,
        })
    }

    /// Writes the skeleton of the last [`Self::repair`] again into `n`, without the splits for which
    /// `keep(first, last)` (their token range in the repaired skeleton) is false.
    pub fn undo_splits(&self, n: &mut Normalized, scratch: &mut SpellingScratch, keep: impl Fn(usize, usize) -> bool) {
        let SpellingScratch { plan, target, letters, out, .. } = scratch;
        plan.retain(|r| match r.kind {
            RepairKind::Split { ends, at, .. } => keep(at as usize, (at + ends.1 - ends.0) as usize),
            _ => true,
        });
        // `out` holds the skeleton as normalised.
        rewrite(out, plan, target, letters, n);
    }

    /// How many tokens from `i` (2 to `MAX_JOINED`) are the pieces of one target cut by spaces or
    /// hyphens (`sa lope`, `pé-tasse`), the most first; `None` when they are not.
    fn join_length(&self, n: &Normalized, i: usize, full: &mut Vec<u8>) -> Option<usize> {
        let tokens = &n.tokens;
        let first = tokens[i];
        if first.kind != TokenKind::Word {
            return None;
        }
        let mut cuts = [0usize; MAX_JOINED];
        full.clear();
        let mut best = None;
        for k in 0..MAX_JOINED {
            let Some(t) = tokens.get(i + k) else { break };
            if t.kind != TokenKind::Word || (k > 0 && t.flags & (T_CLAUSE | T_ELIDED) != 0) {
                break;
            }
            if k > 0 && tokens[i + k - 1].flags & T_ELIDED != 0 {
                break;
            }
            let (s, e) = (t.norm.0 as usize, t.norm.1 as usize);
            let f = full_form(&n.text[s..e], &n.runs[s..e])?;
            cuts[k] = full.len();
            full.extend_from_slice(&f);
            if full.len() > MAX_LETTERS {
                break;
            }
            if k > 0 && full.len() >= 5 && self.flags(full) & W_TARGET != 0 && !self.innocent_cut(full, &cuts[1..=k]) {
                best = Some(k + 1);
            }
        }
        best
    }

    /// Whether cutting `word` at `cuts` gives dictionary words only (`mer de`): only a cut in two is
    /// listed, so a cut in more pieces is innocent when any cut in two it refines is.
    fn innocent_cut(&self, word: &[u8], cuts: &[usize]) -> bool {
        let mut key = Vec::with_capacity(word.len() + 1);
        cuts.iter().any(|&c| {
            key.clear();
            key.extend_from_slice(&word[..c]);
            key.push(b' ');
            key.extend_from_slice(&word[c..]);
            self.innocent_cuts.binary_search_by(|x| x[..].cmp(&key)).is_ok()
        })
    }
}

/// The non-empty, non-comment lines of a data file.
fn data_lines(list: &str) -> impl Iterator<Item = &str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The kinds of one-letter edits, in the order they are preferred when several targets are that close.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Edit {
    Swap,
    Replace,
    /// A letter added or left out.
    Length,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RepairKind {
    /// A mistyped word: the token becomes the target.
    Typo,
    /// A glued token: its letters cut at the ends in `target[ends.0..ends.1]`, the original range of each
    /// letter from `letters[letters..]`; the pieces became the tokens from `at` of the repaired skeleton.
    Split { ends: (u32, u32), letters: u32, at: u32 },
    /// Tokens `first..last` become one word.
    Join,
}

/// One repair: tokens `first..last` of the skeleton, and the letters it writes, `target[word.0..word.1]`.
#[derive(Clone, Copy, Debug)]
struct Repair {
    first: usize,
    last: usize,
    kind: RepairKind,
    word: (u32, u32),
}

/// Buffers `Spelling::repair` reuses from one message to the next.
#[derive(Default)]
pub(crate) struct SpellingScratch {
    plan: Vec<Repair>,
    full: Vec<u8>,
    target: Vec<u8>,
    ends: Vec<usize>,
    /// For a glued token: the original byte range of each letter of its full form.
    letters: Vec<(u32, u32)>,
    out: Normalized,
}

/// Appends the original byte range of each letter of the full form `full` of token `t`, found by folding
/// its original characters again; `false` when they do not give exactly these letters (leetspeak, marks,
/// letters folded into two…), and the token is then not split.
fn letter_origins(text: &str, t: &Token, full: &[u8], out: &mut Vec<(u32, u32)>) -> bool {
    let base = out.len();
    let (s, e) = (t.orig.0 as usize, t.orig.1 as usize);
    for (off, c) in text[s..e].char_indices() {
        let at = (s + off) as u32;
        let end = at + c.len_utf8() as u32;
        match normalize::fold_char(c).plain_letters() {
            Some(&[b]) if out.len() - base < full.len() && b == full[out.len() - base] => out.push((at, end)),
            None if (normalize::is_invisible(c) || normalize::is_combining(c)) && out.len() > base => {
                out.last_mut().expect("a letter before").1 = end
            }
            _ => return false,
        }
    }
    out.len() - base == full.len()
}

/// Writes `n` with the repairs of `plan` into `out` (and where each split's pieces went into the plan).
fn rewrite(n: &Normalized, plan: &mut [Repair], target: &[u8], letters: &[(u32, u32)], out: &mut Normalized) {
    out.clear_for(n.text.len());
    let mut next = 0;
    let mut i = 0;
    while i < n.tokens.len() {
        let Some(r) = plan.get_mut(next).filter(|r| r.first == i) else {
            out.copy_token(n, i);
            i += 1;
            continue;
        };
        next += 1;
        let first = n.tokens[r.first];
        match &mut r.kind {
            RepairKind::Typo => {
                let word = &target[r.word.0 as usize..r.word.1 as usize];
                out.push_full_word(word, &[], first.orig, first.flags);
            }
            RepairKind::Join => {
                let last = n.tokens[r.last - 1];
                let mut word = Vec::new();
                for t in &n.tokens[r.first..r.last] {
                    let (s, e) = (t.norm.0 as usize, t.norm.1 as usize);
                    word.extend(full_form(&n.text[s..e], &n.runs[s..e]).unwrap_or_default());
                }
                out.push_full_word(&word, &[], (first.orig.0, last.orig.1), first.flags);
            }
            RepairKind::Split { ends, letters: from, at } => {
                *at = out.tokens.len() as u32;
                let word = &target[r.word.0 as usize..r.word.1 as usize];
                let letters = &letters[*from as usize..*from as usize + word.len()];
                let mut start = 0;
                for (k, &end) in target[ends.0 as usize..ends.1 as usize].iter().enumerate() {
                    let end = end as usize;
                    let piece = &letters[start..end];
                    let orig = (piece[0].0, piece[piece.len() - 1].1);
                    let mut flags = if k == 0 { first.flags } else { first.flags & T_QUOTED };
                    if k == 0 && end == 1 {
                        flags |= T_ELIDED;
                    }
                    out.push_full_word(&word[start..end], piece, orig, flags);
                    start = end;
                }
            }
        }
        i = r.last;
    }
}

impl Normalized {
    /// Empties `self` for a rewrite: a skeleton with its first space.
    fn clear_for(&mut self, len: usize) {
        self.text.clear();
        self.runs.clear();
        self.ones.clear();
        self.orig.clear();
        self.tokens.clear();
        self.text.reserve(len + 2);
        self.text.push(b' ');
        self.runs.push(0);
        self.orig.push(0, 0);
    }

    /// Copies token `i` of `from`, its letters and what is known of them, and the space after it.
    fn copy_token(&mut self, from: &Normalized, i: usize) {
        let t = from.tokens[i];
        let (s, e) = (t.norm.0 as usize, t.norm.1 as usize);
        let start = self.text.len();
        self.text.extend_from_slice(&from.text[s..e]);
        self.runs.extend_from_slice(&from.runs[s..e]);
        let ones = from.ones.partition_point(|&p| (p as usize) < s)..from.ones.partition_point(|&p| (p as usize) < e);
        self.ones.extend(from.ones[ones].iter().map(|&p| p - s as u32 + start as u32));
        self.orig.copy_ranges(&from.orig, s, e);
        self.tokens.push(Token { norm: (start as u32, self.text.len() as u32), ..t });
        self.text.push(b' ');
        self.runs.push(0);
        self.orig.push(t.orig.1, t.orig.1);
    }

    /// Writes a word from its full form (runs collapsed again) as a token of original range `orig`, and
    /// the space after it. `letters`, when not empty, is the original range of each letter.
    fn push_full_word(&mut self, full: &[u8], letters: &[(u32, u32)], orig: (u32, u32), flags: u8) {
        let start = self.text.len();
        for (k, &b) in full.iter().enumerate() {
            let range = letters.get(k).copied().unwrap_or(orig);
            if self.text.len() > start && self.text[self.text.len() - 1] == b {
                let last = self.runs.len() - 1;
                self.runs[last] += 1;
                self.orig.set_end(self.text.len() - 1, range.1);
            } else {
                self.text.push(b);
                self.runs.push(1);
                self.orig.push(range.0, range.1);
            }
        }
        let repeat = if self.runs[start..].iter().any(|&r| r > 1) { T_REPEAT } else { 0 };
        self.tokens.push(Token {
            norm: (start as u32, self.text.len() as u32),
            orig,
            kind: TokenKind::Word,
            flags: (flags & !T_REPEAT) | repeat,
        });
        self.text.push(b' ');
        self.runs.push(0);
        self.orig.push(orig.1, orig.1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    fn bare() -> Spelling {
        Spelling::build_with(crate::lexicon::builtin_spelling_words(), ["", ""])
    }

    #[test]
    fn repairs_need_long_words_and_one_edit() {
        let s = Spelling::build(crate::lexicon::builtin_spelling_words());
        let mut out = Vec::new();
        for (typed, meant) in
            [("conanrd", "connard"), ("salpoe", "salope"), ("connase", "connasse"), ("idoit", "idiot")]
        {
            assert!(s.near_target(typed.as_bytes(), &mut out), "{typed}");
            assert_eq!(out, meant.as_bytes(), "{typed}");
        }
        // Two edits, a short word, an innocent dictionary word.
        for typed in ["conanrdd", "cno", "canard", "bonnes"] {
            let left_alone = s.flags(typed.as_bytes()) & (W_KNOWN | W_INNOCENT) != 0;
            assert!(left_alone || !s.near_target(typed.as_bytes(), &mut out), "{typed}");
        }
        let mut ends = Vec::new();
        s.split(b"tesunconnard", &mut ends);
        assert_eq!(ends, [3, 5, 12]);
        s.split(b"pourtant", &mut ends);
        assert!(ends.is_empty(), "no piece of a harmful phrase");
    }

    /// The word forms of a hunspell dictionary (`unmunch`), lower case, without elided prefixes; `None`
    /// when the dictionary or the tool is missing.
    fn dictionary(name: &str) -> Option<Vec<String>> {
        let dir = "/usr/share/hunspell";
        let out = std::process::Command::new("unmunch")
            .arg(format!("{dir}/{name}.dic"))
            .arg(format!("{dir}/{name}.aff"))
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success() && !o.stdout.is_empty())?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut words = BTreeSet::new();
        for line in text.lines() {
            let word = line.split('/').next().unwrap_or("").trim();
            let word = word.rsplit(['\'', '’']).next().unwrap_or("");
            let n = word.chars().count();
            if (1..=MAX_LETTERS).contains(&n) && word.chars().all(char::is_alphabetic) {
                words.insert(word.to_lowercase());
            }
        }
        Some(words.into_iter().collect())
    }

    /// `near_words.txt` of one language, from its dictionary: the words the repairs would change (read
    /// as a word of the lexicon, or split before one), and the cuts of a target into two words of the
    /// dictionary. `lexicon` repairs with no near words.
    fn near_words(lexicon: &crate::lexicon::Lexicon, forms: &[String]) -> String {
        let s = &lexicon.spelling;
        let mut n = Normalized::default();
        let mut scratch = normalize::Scratch::default();
        let (mut repair, mut find) = (SpellingScratch::default(), crate::lexicon::FindScratch::default());
        let mut full_forms = HashSet::new();
        let mut near = BTreeSet::new();
        for w in forms {
            let Some(f) = written_full_form(w, &mut n, &mut scratch) else { continue };
            if f.len() >= 5 && s.flags(&f) & W_KNOWN == 0 {
                normalize::normalize_into(w, &mut n, &mut scratch);
                let before = (n.text.clone(), n.runs.clone());
                lexicon.repair_spelling(w, &mut n, &mut repair, &mut find);
                if (&n.text, &n.runs) != (&before.0, &before.1) {
                    if std::env::var_os("NEAR_WORDS_DEBUG").is_some() {
                        eprintln!("NEAR\t{w}\t{}", String::from_utf8_lossy(&n.text));
                    }
                    near.insert(String::from_utf8(f.clone()).unwrap());
                }
            }
            full_forms.insert(f);
        }
        let mut targets = Vec::new();
        let mut path = Vec::new();
        s.collect(0, &mut path, &mut targets);
        for t in targets {
            for cut in 2..t.len() - 1 {
                if full_forms.contains(&t[..cut]) && full_forms.contains(&t[cut..]) {
                    let (a, b) = (std::str::from_utf8(&t[..cut]).unwrap(), std::str::from_utf8(&t[cut..]).unwrap());
                    near.insert(format!("{a} {b}"));
                }
            }
        }
        let mut text = String::from(
            "# Generated by scripts/update-near-words.sh from Debian's hunspell dictionary: do not edit.\n\
             # Dictionary words one edit away from a word of the lexicon, or that would split before one, and cuts\n\
             # of a word of the lexicon into two dictionary words (of 2 letters or more): never repaired (see\n\
             # src/lexicon/spelling.rs). Written in full form: the skeleton's letters, runs written out.\n",
        );
        for w in near {
            text.push_str(&w);
            text.push('\n');
        }
        text
    }

    impl Spelling {
        /// Every target of the trie, in order.
        fn collect(&self, node: usize, path: &mut Vec<u8>, out: &mut Vec<Vec<u8>>) {
            if self.nodes[node].flags & W_TARGET != 0 {
                out.push(path.clone());
            }
            for c in self.children(node) {
                path.push(self.nodes[c].label);
                self.collect(c, path, out);
                path.pop();
            }
        }
    }

    /// `near_words.txt` is what the dictionaries give (`UPDATE_NEAR_WORDS=1` rewrites it). The dictionaries
    /// are Debian's `hunspell-fr` and `hunspell-en-us`, expanded by `unmunch` (`hunspell-tools`), which
    /// `scripts/setup.sh` installs; without them the test says so, and fails in CI.
    #[test]
    fn near_words_are_fresh() {
        let mut lexicon = crate::lexicon::Lexicon::build(&[], &[]).unwrap();
        lexicon.spelling = bare();
        for (lang, dict, committed) in [("fr", "fr", NEAR_WORDS[0]), ("en", "en_US", NEAR_WORDS[1])] {
            let Some(forms) = dictionary(dict) else {
                assert!(std::env::var_os("CI").is_none(), "hunspell-{lang} or unmunch missing: run scripts/setup.sh");
                eprintln!("near_words_are_fresh: no {dict} dictionary or no unmunch; skipped (scripts/setup.sh installs them)");
                return;
            };
            let fresh = near_words(&lexicon, &forms);
            let path = format!("{}/src/lexicon/{lang}/near_words.txt", env!("CARGO_MANIFEST_DIR"));
            if std::env::var_os("UPDATE_NEAR_WORDS").is_some() {
                std::fs::write(&path, &fresh).unwrap();
            } else {
                assert!(fresh == committed, "{path} is stale: run scripts/update-near-words.sh");
            }
        }
    }
}
