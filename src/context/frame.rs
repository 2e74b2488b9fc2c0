//! Rules: how the words are said. Quoted or reported (`il m'a traité de …`, `« … »`, `arrête de dire
//! …`) and self-talk (`je suis trop nul`, `j'ai été un vrai con`) lower the weight; words reported by the
//! one they were aimed at are a victim's report (`il m'a traité de …`); a negated word is dropped
//! (`negation.rs`).

use super::judged::Frame;
use super::lists::{
    AS_A, BEEN, BEHAVED, BEING, CALLED, DE, DENOUNCED_SAYING, FILLERS, FIRST_PERSON_COPULA, FIRST_PERSON_SUBJECT, FOR,
    I_AM, I_WAS, PAST_AUXILIARIES, PAST_SELF_VERBS, REFLEXIVE_ME, REGRETS, REPORTED_OBJECTS, REPORTED_TO_ME,
    REPORTED_TO_ME_AUX, REPORT_CUES, SAID_BY_WHO, SAYING_VERBS, SELF_AFTER_SUBJECT, SELF_AFTER_VERBS, SELF_PERCEPTION,
    SELF_QUALIFIERS, SELF_SUBJECTS, SIMPLE_PAST_SELF, SORRY, SPEAKER_PRONOUNS, SPEAKER_TWO_BEFORE, SUIS, THAT_CLAUSE,
    TO_BE, TO_HAVE, WHO, WORD_NOUNS,
};
use super::negation::negated;
use super::window::{lead, window_start, Lead, LOOK_BACK};
use super::words::{is_in, Words};
use crate::lexicon::E_SELF;
use crate::normalized::{Normalized, T_CLAUSE, T_QUOTED, T_SENTENCE};

/// How the words of tokens `first..last` (entry flags `flags`) are said; `None` when they are negated.
pub(super) fn frame(n: &Normalized, first: usize, last: usize, flags: u16) -> Option<Frame> {
    if n.tokens[first..last].iter().any(|t| t.flags & T_QUOTED != 0) {
        return Some(Frame::Reported);
    }
    let lead = lead(n, first);
    if negated(n, lead) {
        return None;
    }
    if flags & E_SELF == 0 && self_talk(n, lead, last) {
        return Some(Frame::SelfTalk);
    }
    reported(n, first)
}

/// Whether the author says the words of themselves right before them: `chui nul`, `je suis trop nul`,
/// `je me sens nul`, also over the words that make one the worst of a kind (`je suis le pire des
/// bouffons`), in the past or the infinitive (`j'étais X`, `j'ai été un vrai X`, `désolé d'être un X`,
/// `j'ai agi comme un X`, `i was such an X`); or right after them (`quel X je fais`).
fn self_talk(n: &Normalized, Lead { start, word }: Lead, last: usize) -> bool {
    let after = last < n.tokens.len() && n.tokens[last].flags & T_CLAUSE == 0;
    if after && is_in(n, last, &SELF_AFTER_SUBJECT) && is_in(n, last + 1, &SELF_AFTER_VERBS) {
        return true;
    }
    let mut word = word;
    while word > start + 1 && is_in(n, word - 1, &SELF_QUALIFIERS) {
        word -= 1;
        while word > start && is_in(n, word - 1, &FILLERS) {
            word -= 1;
        }
    }
    if word <= start {
        return false;
    }
    let before = word - 1;
    let subject = |i: usize| i >= start && is_in(n, i, &FIRST_PERSON_SUBJECT);
    is_in(n, before, &I_AM)
        || (is_in(n, before, &FIRST_PERSON_COPULA) && before > start && subject(before - 1))
        || (is_in(n, before, &SELF_PERCEPTION)
            && before > start + 1
            && is_in(n, before - 1, &REFLEXIVE_ME)
            && subject(before - 2))
        || (is_in(n, before, &I_WAS) && before > start && subject(before - 1))
        || (is_in(n, before, &PAST_SELF_VERBS) && first_person_past(n, start, before))
}

/// Whether the author's own verb in the past or the infinitive ends at token `verb` (`j'ai été`, `d'avoir
/// été`, `désolé d'être`, `je me suis comporté comme`, `i acted like`, `sorry for being`).
fn first_person_past(n: &Normalized, start: usize, verb: usize) -> bool {
    let at = |i: usize, list: &Words| i >= start && is_in(n, i, list);
    let mut v = verb;
    if at(v, &AS_A) {
        if v == start || !at(v - 1, &BEHAVED) {
            return false;
        }
        v -= 1;
    }
    if at(v, &BEING) {
        return v > start + 1 && at(v - 1, &FOR) && at(v - 2, &SORRY);
    }
    if at(v, &SIMPLE_PAST_SELF) {
        return v > start && at(v - 1, &SELF_SUBJECTS);
    }
    // "j'ai été", "j'ai fait", "je me suis comporté"
    let subject_then = |i: usize| i > start + 1 && at(i - 1, &PAST_AUXILIARIES) && at(i - 2, &SELF_SUBJECTS);
    if subject_then(v) || (v > start + 2 && at(v - 1, &SUIS) && subject_then(v - 1)) {
        return true;
    }
    // "d'avoir été", "désolé d'être": the infinitive after the author's regret
    (at(v, &BEEN) && v > start + 1 && at(v - 1, &TO_HAVE) && at(v - 2, &DE))
        || (at(v, &TO_BE) && v > start + 1 && at(v - 1, &DE) && at(v - 2, &REGRETS))
}

/// How the words from token `first` are said, from a cue of reported speech before them in their
/// sentence: within `LOOK_BACK` tokens (`il m'a traité de …` puts the cue right before the words it
/// reports), and not the author's own verb of saying; reported by the one they were aimed at, a victim's
/// report. Past a `que`, the words are the author's (`je te dis que t'es un …`) unless the verb before it
/// says that someone else says them, to denounce it (`arrête de dire que les X sont …`).
fn reported(n: &Normalized, first: usize) -> Option<Frame> {
    let sentence = window_start(n, first, T_SENTENCE);
    for i in (sentence..first).rev() {
        if is_in(n, i, &THAT_CLAUSE) {
            return Some(if i > sentence && denounced_saying(n, i - 1) { Frame::Reported } else { Frame::Plain });
        }
        if first - i > LOOK_BACK {
            break;
        }
        if is_in(n, i, &REPORT_CUES) && !said_by_author(n, i, first, sentence) {
            return Some(if reported_by_target(n, i, sentence) { Frame::Victim } else { Frame::Reported });
        }
    }
    Some(Frame::Plain)
}

/// Whether token `verb`, right before a `que`, says that someone else says or thinks it, in a way that
/// denounces it: an infinitive or a gerund (`arrête de dire que`, `écrire que … en dit long`, `claiming
/// that`), or a verb after `qui` (`ceux qui disent que`, `les gens qui pensent que`).
fn denounced_saying(n: &Normalized, verb: usize) -> bool {
    is_in(n, verb, &DENOUNCED_SAYING) || (verb > 0 && is_in(n, verb - 1, &WHO) && is_in(n, verb, &SAID_BY_WHO))
}

/// Whether the one the words were aimed at reports them: `il m'a traité de …`, `on m'a dit …`, `elle me
/// traite de …`, `he called me …`.
fn reported_by_target(n: &Normalized, cue: usize, sentence: usize) -> bool {
    (cue > sentence && is_in(n, cue - 1, &REPORTED_TO_ME))
        || (cue > sentence + 1 && is_in(n, cue - 2, &REPORTED_TO_ME) && is_in(n, cue - 1, &REPORTED_TO_ME_AUX))
        || (is_in(n, cue, &CALLED) && is_in(n, cue + 1, &REPORTED_TO_ME))
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
