//! The lexicon's report and the model's probability → one score, one level, and findings that say why.
//!
//! The model **raises** a report the rules leave under warn (none or notice) to warn or alert (it never
//! makes a notice of its own, and a rules warning or alert stands as it is): every rules finding stays,
//! and a message the model raises gets findings of category
//! [`Category::Hostility`] on the words that weigh most in its score. It may also **lower** a rules
//! *warning* (never an alert) to a notice when it is confident that the message is harmless (`p` under
//! the veto threshold: `je crève de faim`, `mon negro` between friends); the findings stay, so the words
//! are still shown. It stays silent when the context rules know better:
//!
//! - the author seems in distress (`Report::distress`): support, not a warning;
//! - the site ignores a category (`ignoreCategories`): its findings' words are masked from the model too;
//! - a lexicon finding is reported, quoted or self-talk (`il m'a traité de …, c'est pas cool`): the message
//!   is about words, not an attack; and the words the rules set aside never reach the model at all
//!   (`features::masked_tokens`);
//! - the message has fewer than [`MIN_WORDS`] words the model may read and speaks to no one, or it reads
//!   as English (`context::reads_as_english`: the model was trained on French);
//! - it cannot say why: the words it would show (outside the rules' findings) carry less than
//!   [`MIN_SHARE`] of what pushes the score up. Users never see a warning they cannot understand.
//!
//! The model's probability `p` becomes a score on the lexicon's scale: `p` at the warn threshold is 0.45,
//! at the alert threshold 0.75, then up to 0.95 at `p = 1` (thresholds chosen on development data by the
//! training tool, `docs/model.md`). The report's score is the higher of the two.

use super::features;
use super::{sigmoid, Model, Scorer};
use crate::context::{Frame, Judged};
use crate::lexicon::{Hit, Lexicon};
use crate::normalized::Normalized;
use crate::{context, score, utf16, Category, Finding, Level, Options, Report};

/// The smallest share of the positive contributions the shown words must carry for the model to raise.
pub(crate) const MIN_SHARE: f32 = 0.3;
/// At most this many words are shown, the heaviest first, until they carry [`SHOWN_SHARE`].
const MAX_SHOWN: usize = 4;
const SHOWN_SHARE: f32 = 0.6;

/// Buffers reused from one message to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    covered: Vec<bool>,
    masked: Vec<bool>,
    contributions: Vec<f32>,
    block: Vec<f32>,
    outside: Vec<bool>,
    order: Vec<(u32, u32, u32)>,
}

impl Scratch {
    /// Which tokens the lexicon matched (`note_matches`), before the rules judged the matches.
    #[cfg(feature = "model-training")]
    pub(crate) fn covered(&self) -> &[bool] {
        &self.covered
    }
}

/// What the model read of a message, before the report is made.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reading {
    pub probability: f32,
    /// A lexicon finding is reported, quoted or self-talk: the model keeps quiet.
    pub framed: bool,
    /// How many words with a meaning of their own the model read (not masked, not `un`, `toi`…).
    pub words: usize,
    /// The message speaks to someone (`context::addresses_someone`).
    pub addressed: bool,
    /// The message reads as English (`context::reads_as_english`): the model, trained on French, keeps quiet.
    pub english: bool,
}

/// The fewest words with a meaning of their own the model raises a message with, unless it speaks to
/// someone (`t'es une vraie plaie`): two words outside the reviewed lexicon, said to no one, are too little
/// to judge (`meurtre`, `un filet de thon`, `des mains sales`).
pub(crate) const MIN_WORDS: usize = 3;

/// The probability from which the model raises a message: the warn threshold, or for a message of fewer
/// than [`MIN_WORDS`] words of its own (`t'es une crème`, `tu es vraiment gentil`) halfway from it to
/// certainty. Two words leave a linear model unsure of itself in both directions; it must be much surer
/// of a short message than of a sentence.
pub(crate) fn raise_threshold(warn: f32, words: usize) -> f32 {
    if words < MIN_WORDS {
        warn + (1.0 - warn) / 2.0
    } else {
        warn
    }
}

impl Reading {
    /// The guards that do not depend on the probability (see `may_raise`).
    pub fn new(probability: f32, n: &Normalized, judged: &[Judged], masked: &[bool]) -> Reading {
        let framed = judged.iter().any(|j| j.frame != Frame::Plain);
        let words = (0..n.tokens.len()).filter(|&i| !masked[i] && !context::is_function_word(n, i)).count();
        Reading {
            probability,
            framed,
            words,
            addressed: context::addresses_someone(n),
            english: context::reads_as_english(n),
        }
    }
}

/// Notes which tokens the lexicon matched, before the context rules judge the matches (the words of those
/// they drop are masked: `features::masked_tokens`).
pub(crate) fn note_matches(n: &Normalized, hits: &[Hit], scratch: &mut Scratch) {
    features::covered_tokens(n, hits, &mut scratch.covered);
}

/// Reads the message (after [`note_matches`]): masks what the rules set aside (and the findings of the
/// categories the site ignores), and sums the weights of the features as `features::extract` gives them.
pub(crate) fn read(
    model: &Model,
    text: &str,
    n: &Normalized,
    judged: &[Judged],
    lex: &Lexicon,
    ignored: &[Category],
    scratch: &mut Scratch,
) -> Reading {
    features::masked_tokens(n, &scratch.covered, judged, lex, ignored, &mut scratch.masked);
    for per_token in [&mut scratch.contributions, &mut scratch.block] {
        per_token.clear();
        per_token.resize(n.tokens.len(), 0.0);
    }
    let mut scorer = Scorer::new(model, &mut scratch.contributions, &mut scratch.block);
    features::extract(text, n, judged, lex, ignored, &scratch.masked, &mut scorer);
    Reading::new(sigmoid(scorer.logit), n, judged, &scratch.masked)
}

/// The model's probability on the report's scale (see the module documentation); 0 below the warn
/// threshold.
pub(crate) fn model_score(model: &Model, p: f32) -> f64 {
    let (p, warn, alert) = (f64::from(p), f64::from(model.warn), f64::from(model.alert));
    let [_, to_warn, to_alert] = score::THRESHOLDS;
    let s = if p < warn {
        0.0
    } else if p < alert {
        to_warn + (to_alert - to_warn) * (p - warn) / (alert - warn).max(1e-6)
    } else {
        to_alert + (0.95 - to_alert) * (p - alert) / (1.0 - alert).max(1e-6)
    };
    (s.min(0.95) * 1000.0).round() / 1000.0
}

/// Whether the model may speak for this message at all (before looking at its words).
pub(crate) fn may_raise(reading: &Reading, report: &Report, options: &Options) -> bool {
    !reading.framed
        && !reading.english
        && (reading.words >= MIN_WORDS || (reading.addressed && reading.words > 0))
        && !report.distress
        && !options.ignore_categories.contains(&Category::Hostility)
}

/// Which tokens the model may show: not set aside by the rules, not inside a finding of the report, not a
/// word without meaning of its own (`un`, `toi`: they count in the score, but alone they explain nothing).
pub(crate) fn outside_findings(n: &Normalized, masked: &[bool], report: &Report, outside: &mut Vec<bool>) {
    outside.clear();
    outside.extend(n.tokens.iter().zip(masked).enumerate().map(|(i, (t, &masked))| {
        let (s, e) = (t.orig.0 as usize, t.orig.1 as usize);
        !masked
            && !context::is_function_word(n, i)
            && !report.findings.iter().any(|f| f.bytes.start < e && s < f.bytes.end)
    }));
}

/// The tokens to show, in order: the heaviest of the tokens `outside` (at most [`MAX_SHOWN`], until they
/// carry [`SHOWN_SHARE`] of the positive contributions), or none when they carry less than [`MIN_SHARE`].
pub(crate) fn shown_tokens(contributions: &[f32], outside: &[bool], order: &mut Vec<(u32, u32, u32)>) -> Vec<usize> {
    let positive: f32 = contributions.iter().filter(|&&c| c > 0.0).sum();
    if positive <= 0.0 {
        return Vec::new();
    }
    // Heaviest first (the bits of positive floats order like the floats), then by position.
    order.clear();
    order.extend(
        contributions
            .iter()
            .zip(outside)
            .enumerate()
            .filter(|&(_, (&c, &outside))| c > 0.0 && outside)
            .map(|(i, (&c, _))| (u32::MAX - c.to_bits(), i as u32, 0)),
    );
    crate::sort::sort(order);
    let mut shown: Vec<usize> = Vec::new();
    let mut carried = 0.0;
    for &(_, i, _) in order.iter().take(MAX_SHOWN) {
        if carried >= SHOWN_SHARE * positive {
            break;
        }
        carried += contributions[i as usize];
        shown.push(i as usize);
    }
    if carried < MIN_SHARE * positive {
        return Vec::new();
    }
    shown.sort_unstable();
    shown
}

/// Adjacent tokens joined: `[first, last)` runs.
fn runs(shown: &[usize]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in shown {
        match runs.last_mut() {
            Some(run) if run.1 == i => run.1 = i + 1,
            _ => runs.push((i, i + 1)),
        }
    }
    runs
}

/// The fused report: `report` as the rules made it, raised by the model when it may and can say why.
pub(crate) fn fuse(
    model: &Model,
    reading: Reading,
    mut report: Report,
    text: &str,
    n: &Normalized,
    lex: &Lexicon,
    options: &Options,
    scratch: &mut Scratch,
) -> Report {
    if report.level == Level::Warn && reading.probability < model.veto {
        report.level = Level::Notice;
        report.flagged = false;
        report.score = report.score.min(score::THRESHOLDS[1] - 0.01);
        return report;
    }
    let raised = model_score(model, reading.probability);
    // A rules warning or alert stands as the rules made it: its words come from reviewed entries, and the
    // model would only add words around them (`vraiment` beside `connard`).
    if report.level >= Level::Warn
        || reading.probability < raise_threshold(model.warn, reading.words)
        || raised <= report.score
        || score::level(raised) <= report.level
        || !may_raise(&reading, &report, options)
    {
        return report;
    }
    outside_findings(n, &scratch.masked, &report, &mut scratch.outside);
    let shown = shown_tokens(&scratch.contributions, &scratch.outside, &mut scratch.order);
    if shown.is_empty() {
        return report;
    }
    let level = score::level(raised);
    let severity = match raised {
        s if s >= score::THRESHOLDS[2] => 3,
        s if s >= 0.6 => 2,
        _ => 1,
    };
    let targeted = context::addresses_someone(n);
    let explanation = lex.explanation(Category::Hostility, options.locale);
    let runs = runs(&shown);
    let mut offsets = Vec::with_capacity(runs.len() * 2);
    let added = report.findings.len();
    for (first, last) in runs {
        let (s, e) = (n.tokens[first].orig.0 as usize, n.tokens[last - 1].orig.1 as usize);
        offsets.extend([s, e]);
        report.findings.push(Finding {
            start: s,
            end: e,
            text: text[s..e].to_string(),
            category: Category::Hostility,
            severity,
            rule: "model.hostility".to_string(),
            targeted,
            reported: false,
            explanation: explanation.to_string(),
            bytes: s..e,
        });
    }
    utf16::to_utf16(text, &mut offsets);
    for (f, pair) in report.findings[added..].iter_mut().zip(offsets.chunks_exact(2)) {
        f.start = pair[0];
        f.end = pair[1];
    }
    report.findings.sort_by_key(|f| f.start);
    report.score = raised;
    report.level = level;
    report.flagged = level >= Level::Warn;
    report
}
