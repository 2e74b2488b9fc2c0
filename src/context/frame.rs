//! Rules: how the words are said. Quoted or reported (`il m'a traité de …`, `« … »`, `arrête de dire
//! …`) and self-talk (`je suis trop nul`) lower the weight; a negated word is dropped (`negation.rs`).

use super::judged::Frame;
use super::lists::{
    FIRST_PERSON_COPULA, FIRST_PERSON_SUBJECT, I_AM, REFLEXIVE_ME, REPORTED_OBJECTS, REPORT_CUES, SAYING_VERBS,
    SELF_PERCEPTION, SPEAKER_PRONOUNS, SPEAKER_TWO_BEFORE, THAT_CLAUSE, WORD_NOUNS,
};
use super::negation::negated;
use super::window::{lead, window_start, Lead, LOOK_BACK};
use super::words::is_in;
use crate::lexicon::E_SELF;
use crate::normalized::{Normalized, T_CLAUSE, T_QUOTED, T_SENTENCE};

/// How the words of tokens `first..last` (entry flags `flags`) are said; `None` when they are negated.
pub(super) fn frame(n: &Normalized, first: usize, last: usize, flags: u16) -> Option<Frame> {
    if n.tokens[first..last].iter().any(|t| t.flags & T_QUOTED != 0) {
        return Some(Frame::Reported);
    }
    let lead = lead(n, first);
    if negated(n, lead, flags) {
        return None;
    }
    if flags & E_SELF == 0 && self_talk(n, lead) {
        return Some(Frame::SelfTalk);
    }
    if reported(n, first) {
        return Some(Frame::Reported);
    }
    Some(Frame::Plain)
}

/// Whether the author says the words of themselves right before them: `chui nul`, `je suis trop nul`,
/// `je me sens nul`.
fn self_talk(n: &Normalized, Lead { start, word }: Lead) -> bool {
    if word <= start {
        return false;
    }
    let before = word - 1;
    is_in(n, before, &I_AM)
        || (is_in(n, before, &FIRST_PERSON_COPULA) && before > start && is_in(n, before - 1, &FIRST_PERSON_SUBJECT))
        || (is_in(n, before, &SELF_PERCEPTION)
            && before > start + 1
            && is_in(n, before - 1, &REFLEXIVE_ME)
            && is_in(n, before - 2, &FIRST_PERSON_SUBJECT))
}

/// Whether a cue of reported speech stands before token `first` in its sentence: within `LOOK_BACK`
/// tokens (`il m'a traité de …` puts the cue right before the words it reports), not before a `que`
/// (`je te dis que t'es un …` is said, not reported), and not the author's own verb of saying.
fn reported(n: &Normalized, first: usize) -> bool {
    let sentence = window_start(n, first, T_SENTENCE);
    for i in (sentence..first).rev() {
        if is_in(n, i, &THAT_CLAUSE) || first - i > LOOK_BACK {
            return false;
        }
        if is_in(n, i, &REPORT_CUES) && !said_by_author(n, i, first, sentence) {
            return true;
        }
    }
    false
}

/// Verbs of saying that are the author's own words, not a report: `t'as rien à dire, sous-merde`,
/// `tu dis encore un truc pareil je te …`, `c'est bien ce que je disais`.
fn said_by_author(n: &Normalized, cue: usize, first: usize, sentence: usize) -> bool {
    if !is_in(n, cue, &SAYING_VERBS) {
        return false;
    }
    // "dis-le, sale hypocrite": an imperative at the start of a clause is the author speaking;
    // "vous dites de la merde, sucez …": a new clause after the verb of saying is not what was said.
    if n.tokens[cue].flags & T_CLAUSE != 0 && !is_in(n, cue, &WORD_NOUNS) {
        return true;
    }
    if (cue + 1..=first).any(|k| k < n.tokens.len() && n.tokens[k].flags & T_CLAUSE != 0) {
        return true;
    }
    let before = |k: usize| cue >= sentence + k && cue >= k;
    (before(1) && is_in(n, cue - 1, &SPEAKER_PRONOUNS))
        || (before(2) && is_in(n, cue - 2, &SPEAKER_TWO_BEFORE) && !is_in(n, cue - 1, &REPORTED_OBJECTS))
}
