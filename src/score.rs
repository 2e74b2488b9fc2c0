//! Findings in context → score, level and explanations.
//!
//! Each finding weighs `base(severity) × target × frame` (capped at 0.95; DESIGN.md §4 has the table of what
//! each kind of finding reaches alone); the message's score is the probability-like union `1 − Π(1 − wᵢ)`, so
//! two mild findings weigh more than one, and no number of findings goes past 1. `distress` findings never
//! count: they speak about the author.

use crate::category::Category;
use crate::context::{Frame, Judged, Target};
use crate::lexicon::Lexicon;
use crate::options::Options;
use crate::report::{Finding, Level, Report};
use crate::utf16;

/// Score thresholds of [`Level::Notice`], [`Level::Warn`] and [`Level::Alert`].
pub const THRESHOLDS: [f64; 3] = [0.15, 0.45, 0.75];

/// Weight of a lone finding by severity 1, 2, 3 when it targets someone. Severity 1 sits just above the warn
/// threshold: a mild word aimed at someone (`t'es moche`) warns, the same word aimed at no one (× 0.75) is a
/// notice.
const BASE: [f64; 3] = [0.46, 0.62, 0.85];

fn weight(j: &Judged, category: Category, severity: u8) -> f64 {
    let base = BASE[(severity.clamp(1, 3) - 1) as usize];
    let target = match (j.target, category) {
        (Target::Direct, _) => 1.0,
        (Target::Third, _) => 1.0,
        (Target::Nobody, Category::Profanity) => 0.3,
        (Target::Nobody, _) => 0.75,
    };
    let frame = match j.frame {
        Frame::Plain => 1.0,
        Frame::Reported | Frame::Play => 0.3,
        Frame::SelfTalk => 0.2,
        // What was done to the author is not the author's harassment: no weight, `Report::victim` instead.
        Frame::Victim => 0.0,
    };
    (base * target * frame).min(0.95)
}

pub(crate) fn level(score: f64) -> Level {
    match score {
        s if s >= THRESHOLDS[2] => Level::Alert,
        s if s >= THRESHOLDS[1] => Level::Warn,
        s if s >= THRESHOLDS[0] => Level::Notice,
        _ => Level::None,
    }
}

/// Builds the report: weights, level, explanations, UTF-16 offsets.
pub(crate) fn report(text: &str, judged: Vec<Judged>, lex: &Lexicon, options: &Options) -> Report {
    let mut keep_going = 1.0f64;
    let mut only_mild = true; // only untargeted swearing, reported or self-talk
    let mut distress = false;
    let mut victim = false;
    let mut findings = Vec::with_capacity(judged.len());
    let mut offsets = Vec::with_capacity(judged.len() * 2);
    for j in &judged {
        let entry = &lex.entries[j.hit.entry as usize];
        if options.ignore_categories.contains(&entry.category) {
            continue;
        }
        if entry.category == Category::Distress {
            distress = true;
        } else {
            victim |= j.frame == Frame::Victim;
            keep_going *= 1.0 - weight(j, entry.category, entry.severity);
            let mild = j.frame != Frame::Plain || entry.category == Category::Profanity;
            only_mild &= mild;
        }
        let (s, e) = j.hit.orig;
        offsets.extend([s, e]);
        findings.push(Finding {
            start: s,
            end: e,
            text: text[s..e].to_string(),
            category: entry.category,
            severity: entry.severity,
            rule: entry.id.to_string(),
            // Distress speaks about the author, a victim's report about what was done to them: neither is
            // aimed at anyone by the author.
            targeted: j.target != Target::Nobody && entry.category != Category::Distress && j.frame != Frame::Victim,
            reported: matches!(j.frame, Frame::Reported | Frame::Victim),
            explanation: lex.explanation(entry.category, options.locale).to_string(),
            bytes: s..e,
        });
    }
    utf16::to_utf16(text, &mut offsets);
    for (f, pair) in findings.iter_mut().zip(offsets.chunks_exact(2)) {
        f.start = pair[0];
        f.end = pair[1];
    }
    // Rounded so that JSON and JavaScript show 0.62, not 0.6199999.
    let score = ((1.0 - keep_going).clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    let mut level = level(score);
    if only_mild {
        level = level.min(Level::Notice);
    }
    Report { score, level, flagged: level >= Level::Warn, distress, victim, findings }
}
