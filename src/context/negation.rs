//! Rule: a negation that applies to the words themselves drops the match (`t'es pas nul`, `c'est pas un
//! connard`, `ne sois pas con`, and before several words `not all muslims are …`, `ne sont pas des
//! sous-hommes`). Only a negation right before the words counts (fillers such as `un`, `si`, `trop`,
//! `tous` allowed between), so `pas que con` stays, and so does a negation elsewhere in the sentence
//! (`je n'ai aucun respect pour les femmes de ton espèce`). A negative quantifier earlier in the clause
//! with its `ne` right before the words negates them too (`aucun migrant ne mérite de …`, `personne ne
//! devrait …`).

use super::lists::{CLAUSE_NE, NEGATIONS, NEGATIVE_QUANTIFIERS};
use super::window::Lead;
use super::words::is_in;
use crate::normalized::Normalized;

/// Whether the words of a match after `lead` are negated.
pub(super) fn negated(n: &Normalized, Lead { start, word }: Lead) -> bool {
    if word <= start {
        return false;
    }
    let before = word - 1;
    is_in(n, before, &NEGATIONS)
        || (is_in(n, before, &CLAUSE_NE) && (start..before).any(|i| is_in(n, i, &NEGATIVE_QUANTIFIERS)))
}
