//! Rule: a negation that applies to the word itself drops the match (`t'es pas nul`, `c'est pas un
//! connard`, `ne sois pas con`). Only a negation right before the word counts (fillers such as `un`,
//! `si`, `trop` allowed between), so `pas que con` stays, and so does a negation elsewhere in the
//! sentence (`je n'ai aucun respect pour les femmes de ton espèce`).

use super::lists::NEGATIONS;
use super::window::Lead;
use super::words::is_in;
use crate::lexicon::E_MULTI;
use crate::normalized::Normalized;

/// Whether the single word of a match (entry flags `flags`) after `lead` is negated. Phrases of several
/// words are never negated here: the negation is part of what they say or not.
pub(super) fn negated(n: &Normalized, lead: Lead, flags: u16) -> bool {
    flags & E_MULTI == 0 && lead.word > lead.start && is_in(n, lead.word - 1, &NEGATIONS)
}
