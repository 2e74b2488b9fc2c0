//! What an analysis returns: the [`Report`] of a message, its [`Finding`]s and its [`Level`].

use crate::category::Category;
use serde::{Deserialize, Serialize};

/// How strongly a site should react to a message, from the [`Report::score`].
///
/// Ordered: `None < Notice < Warn < Alert`. See [`score`](crate::Report::score) for the thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Nothing that weighs.
    #[default]
    None,
    /// Something mild or untargeted (swearing, a reported insult): show at most a discreet hint.
    Notice,
    /// Likely hurtful: ask the author to confirm before sending.
    Warn,
    /// Severe (threats, slurs, incitement to self-harm, sextortion): ask the author to confirm.
    Alert,
}

impl Level {
    /// The stable lower-case name (`"none"`, `"notice"`, `"warn"`, `"alert"`).
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Notice => "notice",
            Level::Warn => "warn",
            Level::Alert => "alert",
        }
    }
}

/// One span of the message that weighs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Start, in UTF-16 code units into the original text (what JavaScript strings index).
    pub start: usize,
    /// End (exclusive), in UTF-16 code units into the original text.
    pub end: usize,
    /// The original text of the span, exactly as typed.
    pub text: String,
    /// The kind of harm.
    pub category: Category,
    /// 1 (mild) to 3 (severe), from the lexicon.
    pub severity: u8,
    /// Stable rule id, e.g. `"fr.insult.connard"`; custom terms use `"site.<slug>"`.
    pub rule: String,
    /// Whether the words are aimed at someone (second person, vocative, mention, a named person).
    pub targeted: bool,
    /// A one-line explanation for the author, in the analyzer's [`Locale`](crate::Locale).
    pub explanation: String,
    /// The same span in bytes of the original UTF-8 text, for Rust callers.
    #[serde(skip)]
    pub bytes: std::ops::Range<usize>,
}

/// The result of analysing one message.
///
/// Caution and support are independent, and a page gives both when both are due: `level` and
/// `flagged` measure harm to others only (distress is never counted, so it never lowers them), and
/// `distress` says the author needs support. `"j'en peux plus, va te pendre sale pd"` is an alert
/// *and* distress: support, and the confirmation before sending. (`advise()` in the JavaScript package
/// is the page's half of this rule; `tests/distress_policy.rs` holds the core to it.)
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Report {
    /// 0 to 1: how much the message weighs. The [`Level`] thresholds are
    /// `notice ≥ 0.15`, `warn ≥ 0.45`, `alert ≥ 0.75` (see [`score::THRESHOLDS`](crate::THRESHOLDS)).
    pub score: f64,
    /// The level derived from the score (and capped at `notice` when only untargeted swearing was found).
    pub level: Level,
    /// `level >= Warn`: the site should ask the author to confirm before sending.
    pub flagged: bool,
    /// The author seems to be in distress: offer support (see [`Category::Distress`]), besides any
    /// caution `level` asks for.
    pub distress: bool,
    /// The author reports abuse done to them (`il m'a traité de connard, c'est pas cool`): the findings are
    /// kept, framed as reported, and weigh nothing; offer support (3018 in France), not a caution.
    pub victim: bool,
    /// The spans that weigh, sorted by `start`, never overlapping.
    pub findings: Vec<Finding>,
}
