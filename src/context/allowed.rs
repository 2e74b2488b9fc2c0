//! Rule: matches silenced by what they lie in. A site's allowed terms (`allowedTerms`) drop the
//! matches they fully contain; the lexicon's innocent set phrases (flag `idiom`: `mort de rire`,
//! `tuer le temps`) drop any match whose last word falls inside them, so `t'es mort de rire` is not the
//! threat `t'es mort`. Neither produces a finding itself.

use crate::lexicon::{Hit, Lexicon, E_ALLOW, E_IDIOM};
use crate::sort::sort;

/// A token range `first..end` of [`reach_index`], whose `end` is then the furthest end of the ranges
/// that start at or before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Reach {
    first: u32,
    end: u32,
}

/// The token ranges of the hits of entries with `flag`, sorted by start, each end replaced by the furthest
/// end so far (so one binary search tells whether a token or a range lies inside one of them).
fn reach_index(hits: &[Hit], lex: &Lexicon, flag: u16) -> Vec<Reach> {
    let mut ranges: Vec<Reach> = hits
        .iter()
        .filter(|h| lex.entries[h.entry as usize].has(flag))
        .map(|h| Reach { first: h.tokens.0 as u32, end: h.tokens.1 as u32 })
        .collect();
    sort(&mut ranges);
    let mut reach = 0;
    for r in &mut ranges {
        reach = reach.max(r.end);
        r.end = reach;
    }
    ranges
}

/// Drops the allowed terms and idioms themselves, and the hits they silence.
pub(super) fn drop_silenced(hits: &mut Vec<Hit>, lex: &Lexicon) {
    // A hit lies inside an allowed phrase iff the furthest end among the phrases starting at or before it
    // reaches its end: O(log n) per hit, where testing every phrase was quadratic on a long text full of
    // allowed terms.
    let allowed = reach_index(hits, lex, E_ALLOW);
    let idioms = reach_index(hits, lex, E_IDIOM);
    hits.retain(|h| {
        let (first, end) = (h.tokens.0 as u32, h.tokens.1 as u32);
        let k = allowed.partition_point(|a| a.first <= first);
        let last = end - 1;
        let i = idioms.partition_point(|a| a.first <= last);
        !lex.entries[h.entry as usize].has(E_ALLOW | E_IDIOM)
            && (k == 0 || allowed[k - 1].end < end)
            && (i == 0 || idioms[i - 1].end <= last)
    });
}
