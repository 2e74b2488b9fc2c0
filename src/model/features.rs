//! What the learned layer reads of a message: one implementation, used by inference and by training (the
//! training tool calls [`extract`] through the same pipeline as `Analyzer::analyze`), so that the two
//! cannot drift apart.
//!
//! Every feature is hashed into one table of `2^BUCKETS_LOG2` weights and belongs to the token it was read
//! from (the per-token sums are what the explanations show), or to no token (`GLOBAL`):
//!
//! - character 3-, 4- and 5-grams of each word of the *normalised* skeleton, with its boundaries
//!   (`" conard "` → `" co"`, `"con"`, …): the normaliser has already undone leet, repeats, masks and
//!   spacing, so `c.0.n.n.a.a.r.d` and `connard` read the same;
//! - the word itself and the pair it forms with the next word (`"pas nul"`), the pair shared between both;
//! - the lexicon's judged findings: category, category × target, severity × target, on the finding's
//!   tokens;
//! - a few properties of the whole message (shouting, exclamation marks, a lexicon finding).
//!
//! Words the context rules set aside are **masked** (they give no feature at all): words of a lexicon
//! match the rules dropped (negated, `t'es pas nul`; an innocent set phrase, `mort de rire`; a site's
//! allowed term; a weak word aimed at no one), findings that are reported or self-talk, and swearing (which
//! the rules cap at a notice: `ptn le bus est en retard`). So the model
//! never reads again what the rules judged (`il m'a traité de connard` reaches it as `il m a traite de`).
//!
//! The values of the n-gram block and of the word block are each divided by the square root of their
//! number of features (long messages are not louder than short ones); lexicon and message features are 1.
//!
//! [`extract`] hands the features to a [`Sink`]: the training tool keeps them ([`Features`]), inference
//! only sums their weights as they come (`Model`'s scorer), so that a message's features are never held
//! in memory at once.

use crate::context::{Frame, Judged, Target};
use crate::lexicon::{Hit, Lexicon};
use crate::normalized::{Normalized, TokenKind};
use crate::Category;

/// The weight table has `2^BUCKETS_LOG2` entries.
pub(crate) const BUCKETS_LOG2: u32 = 18;
/// Changes whenever the features change: a weights file made for other features is refused.
pub(crate) const FEATURE_VERSION: u8 = 3;
/// The token of a feature that belongs to the whole message.
pub(crate) const GLOBAL: u32 = u32::MAX;
/// The shortest and longest character n-grams.
const NGRAM_MIN: usize = 3;
const NGRAM_MAX: usize = 5;
/// The fewest features a block is normalised as (see `block_scale`): about a sentence of 8 words.
const MIN_NGRAMS: usize = 60;
const MIN_WORDS: usize = 16;
/// Words longer than this (a URL, a keyboard smash) give their n-grams of the first `MAX_WORD` bytes only:
/// every message costs at most a bounded amount per token.
const MAX_WORD: usize = 32;

/// One feature: its bucket in the weight table, its value, and the token it belongs to (kept by the
/// training tool's sink; inference never holds one).
#[cfg(feature = "model-training")]
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Feature {
    pub bucket: u32,
    pub value: f32,
    pub token: u32,
}

/// Namespaces: the first byte hashed, so that the word `con` and the n-gram `con` are different features.
const NS_NGRAM: u8 = b'c';
const NS_WORD: u8 = b'w';
const NS_PAIR: u8 = b'p';
const NS_LEXICON: u8 = b'l';
const NS_MESSAGE: u8 = b'm';

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// The bucket of a hash (Fibonacci hashing: FNV's low bits alone are poorly spread).
fn bucket(h: u32) -> u32 {
    h.wrapping_mul(0x9e37_79b1) >> (32 - BUCKETS_LOG2)
}

fn hash_of(namespace: u8, parts: &[&[u8]]) -> u32 {
    let mut h = fnv(FNV_OFFSET, &[namespace]);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h = fnv(h, &[0]);
        }
        h = fnv(h, p);
    }
    bucket(h)
}

/// Which tokens a lexicon match covers, before the context rules judge the matches (`covered`, one flag
/// per token): those the rules then drop are masked (see [`masked_tokens`]).
pub(crate) fn covered_tokens(n: &Normalized, hits: &[Hit], covered: &mut Vec<bool>) {
    covered.clear();
    covered.resize(n.tokens.len(), false);
    for h in hits {
        let (first, last) = h.tokens;
        covered[first.min(n.tokens.len())..last.min(n.tokens.len())].fill(true);
    }
}

/// Which tokens the context rules set aside (see the module documentation), one flag per token: `covered`
/// comes from [`covered_tokens`]; a covered token is masked unless a judged finding in a plain frame
/// keeps it (and swearing, a finding reported or self-talk, or one of a category the site ignores masks
/// its tokens).
pub(crate) fn masked_tokens(
    n: &Normalized,
    covered: &[bool],
    judged: &[Judged],
    lex: &Lexicon,
    ignored: &[Category],
    masked: &mut Vec<bool>,
) {
    masked.clear();
    masked.extend_from_slice(covered);
    masked.resize(n.tokens.len(), false);
    for j in judged.iter().filter(|j| j.frame == Frame::Plain && category_of(lex, j) != Category::Profanity) {
        let (first, last) = j.hit.tokens;
        masked[first.min(n.tokens.len())..last.min(n.tokens.len())].fill(false);
    }
    // Swearing weighs at most a notice for the rules: the model judges the rest of the message.
    // A category the site ignores does not count, for the model either (`ignoreCategories: ['insult']`).
    let set_aside = |j: &&Judged| {
        let category = category_of(lex, j);
        j.frame != Frame::Plain || category == Category::Profanity || ignored.contains(&category)
    };
    for j in judged.iter().filter(set_aside) {
        let (first, last) = j.hit.tokens;
        masked[first.min(n.tokens.len())..last.min(n.tokens.len())].fill(true);
    }
}

/// The words of token `i` as the features read them: a mention or a number stands for its kind.
fn word(n: &Normalized, i: usize) -> &[u8] {
    match n.tokens[i].kind {
        TokenKind::Mention => b"@",
        TokenKind::Number => b"0",
        _ => n.token_text(i),
    }
}

/// Where [`extract`] puts the features of a message, block after block: every feature of a block, then
/// the factor its values are all multiplied by (see `block_scale`).
pub(crate) trait Sink {
    /// One feature of the current block, before the block's factor.
    fn feature(&mut self, bucket: u32, value: f32, token: u32);
    /// The current block ends: its features' values are multiplied by `scale`.
    fn end_block(&mut self, scale: f32);
}

/// The features of a message, kept (the training tool's sink).
#[cfg(feature = "model-training")]
#[derive(Default)]
pub(crate) struct Features {
    pub list: Vec<Feature>,
    block_start: usize,
}

#[cfg(feature = "model-training")]
impl Sink for Features {
    fn feature(&mut self, bucket: u32, value: f32, token: u32) {
        self.list.push(Feature { bucket, value, token });
    }
    fn end_block(&mut self, scale: f32) {
        for f in &mut self.list[self.block_start..] {
            f.value *= scale;
        }
        self.block_start = self.list.len();
    }
}

/// Gives the features of a message to `sink`. `masked` comes from [`masked_tokens`]; `judged` are the
/// context rules' findings (those in a plain frame give lexicon features, unless the site ignores their
/// category: `ignored`).
pub(crate) fn extract(
    text: &str,
    n: &Normalized,
    judged: &[Judged],
    lex: &Lexicon,
    ignored: &[Category],
    masked: &[bool],
    sink: &mut impl Sink,
) {
    let kept = || (0..n.tokens.len()).filter(|&i| !masked[i]);
    // 1. Character n-grams of each word, with its boundaries.
    let mut boundary = [0u8; MAX_WORD + 2];
    let mut count = 0;
    for i in kept() {
        let w = word(n, i);
        let token = i as u32;
        let len = w.len().min(MAX_WORD);
        boundary[0] = b' ';
        boundary[1..=len].copy_from_slice(&w[..len]);
        boundary[len + 1] = b' ';
        let b = &boundary[..len + 2];
        if b.len() < NGRAM_MIN {
            sink.feature(hash_of(NS_NGRAM, &[b]), 1.0, token);
            count += 1;
        }
        for s in 0..b.len() {
            let mut h = fnv(FNV_OFFSET, &[NS_NGRAM]);
            for e in s..(s + NGRAM_MAX).min(b.len()) {
                h = fnv(h, &b[e..=e]);
                if e + 1 - s >= NGRAM_MIN {
                    sink.feature(bucket(h), 1.0, token);
                    count += 1;
                }
            }
        }
    }
    sink.end_block(block_scale(count, MIN_NGRAMS));
    // 2. Words, and the pair each forms with the next word read (shared between both).
    let mut count = 0;
    for (i, next) in kept().zip(kept().skip(1).map(Some).chain([None])) {
        sink.feature(hash_of(NS_WORD, &[word(n, i)]), 1.0, i as u32);
        count += 1;
        if let Some(next) = next {
            let pair = hash_of(NS_PAIR, &[word(n, i), word(n, next)]);
            sink.feature(pair, 0.5, i as u32);
            sink.feature(pair, 0.5, next as u32);
            count += 2;
        }
    }
    sink.end_block(block_scale(count, MIN_WORDS));
    // 3. The lexicon's findings the rules kept, on their tokens (shared between them).
    for j in judged.iter().filter(|j| j.frame == Frame::Plain) {
        let entry = &lex.entries[j.hit.entry as usize];
        let category = entry.category.name().as_bytes();
        let target: &[u8] = match j.target {
            Target::Direct => b"direct",
            Target::Third => b"third",
            Target::Nobody => b"nobody",
        };
        let severity = [b'0' + entry.severity];
        let (first, last) = j.hit.tokens;
        let tokens = (first..last).filter(|&i| i < masked.len() && !masked[i]);
        let count = tokens.clone().count().max(1) as f32;
        for feature in [
            hash_of(NS_LEXICON, &[category]),
            hash_of(NS_LEXICON, &[category, target]),
            hash_of(NS_LEXICON, &[&severity, target]),
        ] {
            for i in tokens.clone() {
                sink.feature(feature, 1.0 / count, i as u32);
            }
        }
    }
    // 4. The message as a whole.
    let (mut upper, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(1000) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    if letters >= 8 && upper * 10 >= letters * 6 {
        sink.feature(hash_of(NS_MESSAGE, &[b"shouting"]), 1.0, GLOBAL);
    }
    if text.bytes().filter(|&b| b == b'!').take(2).count() == 2 {
        sink.feature(hash_of(NS_MESSAGE, &[b"exclamations"]), 1.0, GLOBAL);
    }
    let counts = |j: &Judged| category_of(lex, j) != Category::Distress && !ignored.contains(&category_of(lex, j));
    if judged.iter().any(|j| j.frame == Frame::Plain && counts(j)) {
        sink.feature(hash_of(NS_MESSAGE, &[b"lexicon"]), 1.0, GLOBAL);
    }
    sink.end_block(1.0);
}

fn category_of(lex: &Lexicon, j: &Judged) -> Category {
    lex.entries[j.hit.entry as usize].category
}

/// The factor of a block of `count` features: one over the square root of their number, or of `floor` if
/// that is more. A message of two words is not louder than a sentence (unnormalised, the few features of
/// short texts made the model sure of itself on any of them: `un filet de thon`).
fn block_scale(count: usize, floor: usize) -> f32 {
    let count = count.max(floor);
    if count > 1 {
        1.0 / (count as f32).sqrt()
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_stay_in_the_table() {
        for word in ["", "a", "conard", "un mot"] {
            assert!(hash_of(NS_WORD, &[word.as_bytes()]) < 1 << BUCKETS_LOG2);
        }
    }

    #[test]
    fn namespaces_and_pairs_are_distinct_features() {
        assert_ne!(hash_of(NS_WORD, &[b"con"]), hash_of(NS_NGRAM, &[b"con"]));
        assert_ne!(hash_of(NS_PAIR, &[b"ab", b"c"]), hash_of(NS_PAIR, &[b"a", b"bc"]));
    }

    #[test]
    fn an_ngram_hashed_in_one_go_is_the_ngram_hashed_byte_by_byte() {
        // `extract` extends one hash byte by byte; `hash_of` hashes the whole n-gram.
        let whole = hash_of(NS_NGRAM, &[b" co"]);
        let mut h = fnv(FNV_OFFSET, &[NS_NGRAM]);
        for b in b" co" {
            h = fnv(h, &[*b]);
        }
        assert_eq!(bucket(h), whole);
    }
}
