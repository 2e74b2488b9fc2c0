//! Rule: findings are sorted and never overlap.

use super::judged::Judged;
use crate::lexicon::Lexicon;

/// Keeps findings sorted and non-overlapping: a longer pattern wins over the words inside it; between
/// partly overlapping matches, the more severe one (then the longer one) wins; between matches of the
/// same words, the entry that comes first in the files (French first).
pub(super) fn resolve_overlaps(mut judged: Vec<Judged>, lex: &Lexicon) -> Vec<Judged> {
    use std::cmp::Reverse;
    judged.sort_by_key(|j| (j.hit.orig.0, Reverse(j.hit.orig.1), j.hit.entry));
    let mut out: Vec<Judged> = Vec::with_capacity(judged.len());
    for j in judged {
        match out.last() {
            Some(prev) if j.hit.orig.0 < prev.hit.orig.1 => {
                let contained = j.hit.orig.1 <= prev.hit.orig.1;
                let better = |a: &Judged| {
                    let e = &lex.entries[a.hit.entry as usize];
                    (e.severity, a.hit.orig.1 - a.hit.orig.0)
                };
                if !contained && better(&j) > better(prev) {
                    *out.last_mut().expect("checked") = j;
                }
            }
            _ => out.push(j),
        }
    }
    out
}
