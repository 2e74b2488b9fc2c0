//! What the context rules decide about a match: who it is aimed at and how it is said.

use crate::lexicon::Hit;

/// Who the words are aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// The reader: second person, vocative, @mention, or a pattern that addresses by itself.
    Direct,
    /// A third person: `il est …`, `c'est un …`.
    Third,
    /// No one in particular.
    Nobody,
}

/// How the words are said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Said by the author, as meant.
    Plain,
    /// Reported or quoted (`il m'a traité de …`, `« … »`), or counter-speech (`arrête de dire …`).
    Reported,
    /// About the author (`je suis trop nul`).
    SelfTalk,
    /// Reported by the one it was aimed at (`il m'a traité de …`, `on m'a dit …`): a victim's report, which
    /// sets `Report::victim` and asks for no caution.
    Victim,
    /// A threat said about a game (`je vais te tuer au prochain match de fortnite`): banter, not an alert.
    Play,
}

/// A match with its context.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Judged {
    pub hit: Hit,
    pub target: Target,
    pub frame: Frame,
}
