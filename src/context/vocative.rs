//! Rule: a noun alone at the edge of a clause addresses the reader (`connard !`, `ferme-la connard`,
//! `t'as vu ça, bouffon`), as does a noun that ends a clause after a verb rather than a determiner
//! (`qu'est-ce que tu racontes mongol`, not `j'adore ton chien`), or after a greeting (`salut les cons`).

use super::judged::Target;
use super::lists::{COPULAS, DE, DETERMINERS, FILLERS, GREETINGS, GREETING_ARTICLES, LIKE, LIKE_YOU};
use super::window::{window_start, LOOK_AHEAD};
use super::words::is_in;
use crate::lexicon::{E_ADJ, E_IDENT, E_MULTI, E_NOUN};
use crate::normalized::{Normalized, T_CLAUSE};

/// `Direct` when the word of tokens `first..last` (entry flags `flags`) calls the reader, else `Nobody`.
pub(super) fn vocative(n: &Normalized, first: usize, last: usize, flags: u16) -> Target {
    if (flags & E_ADJ != 0 || flags & E_MULTI != 0) && flags & E_NOUN == 0 {
        return Target::Nobody; // adjectives and whole sentences are not ways of calling someone
    }
    let clause_start = n.tokens[first].flags & T_CLAUSE != 0;
    let clause_end = last >= n.tokens.len() || n.tokens[last].flags & T_CLAUSE != 0;
    if clause_start || clause_end {
        let s = window_start(n, first, T_CLAUSE);
        let limit = (last + LOOK_AHEAD).min(n.tokens.len());
        let e = (last..limit).find(|&i| n.tokens[i].flags & T_CLAUSE != 0).unwrap_or(limit);
        // A short clause made of the word alone ("connard !", "bande de nuls, …"), but not an exclamation
        // about a thing ("quelle queue !").
        let determined = (s..first).any(|i| is_in(n, i, &DETERMINERS) && !is_in(n, i, &DE));
        // Not a copula's predicate ("c'est con"): that is what something *is*, no way of calling someone.
        let predicate = (s..first).any(|i| is_in(n, i, &COPULAS));
        if n.tokens[s].flags & T_CLAUSE != 0 && e - s <= last - first + 2 && !determined && !predicate {
            return Target::Direct;
        }
    }
    // "une crasseuse comme toi", "des bouffons comme vous"
    if is_in(n, last, &LIKE) && is_in(n, last + 1, &LIKE_YOU) {
        return Target::Direct;
    }
    if clause_end && !clause_start && first > 0 && flags & E_IDENT == 0 {
        // "qu'est-ce que tu racontes, mongol" without the comma: a noun that ends the clause after a verb
        // or an interjection, not after a determiner or a preposition ("j'adore ton chien"); but a word
        // that names people neutrally is a plain fact there ("un garçon trisomique").
        let prev = first - 1;
        if !is_in(n, prev, &DETERMINERS) && !is_in(n, prev, &COPULAS) && !is_in(n, prev, &FILLERS) {
            return Target::Direct;
        }
        // "salut les cons", "wesh les bouffons"
        if is_in(n, prev, &GREETING_ARTICLES) && prev > 0 && is_in(n, prev - 1, &GREETINGS) {
            return Target::Direct;
        }
    }
    Target::Nobody
}
