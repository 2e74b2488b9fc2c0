//! # poids-des-mots — the weight of words
//!
//! An on-device detector of cyber-harassment in French messages (English second). It reads a message
//! *before it is sent* and says which words weigh, how much and why, so that the author can rephrase.
//! It never touches the network, the disk or a clock: [`Analyzer::analyze`] is a pure function of the
//! text and the options.
//!
//! ```
//! use poids_des_mots::{Analyzer, Level};
//!
//! let analyzer = Analyzer::default();          // build once (the lexicon is compiled here)…
//! let report = analyzer.analyze("t'es vraiment un connard");
//! assert!(report.flagged);                     // …reuse for every message
//! assert_eq!(report.level, Level::Warn.max(report.level));
//! let finding = &report.findings[0];
//! assert_eq!(finding.text, "connard");
//! assert_eq!(finding.rule, "fr.insult.connard");
//! // offsets are UTF-16 code units, ready for JavaScript's String.prototype.slice
//! assert_eq!((finding.start, finding.end), (17, 24));
//!
//! let kind = analyzer.analyze("merci pour ton aide, t'es génial");
//! assert_eq!(kind.level, Level::None);
//! assert!(kind.findings.is_empty());
//! ```
//!
//! Obfuscations are read through, and offsets still point at what the author typed:
//!
//! ```
//! # use poids_des_mots::Analyzer;
//! let analyzer = Analyzer::default();
//! let report = analyzer.analyze("😀 t'es un c.0.n.n.a.a.a.r.d");
//! assert_eq!(report.findings[0].text, "c.0.n.n.a.a.a.r.d");
//! assert_eq!(report.findings[0].start, 11); // the emoji is two UTF-16 code units: 2 + 1 + 5 + 3
//! ```
//!
//! Words with an innocent sense stay quiet, and so do negation, reported speech and self-talk:
//!
//! ```
//! # use poids_des_mots::{Analyzer, Level};
//! let analyzer = Analyzer::default();
//! for text in ["la technique du conseil municipal", "ma chatte a eu des chatons",
//!              "t'es pas nul", "je suis trop nul"] {
//!     assert!(!analyzer.analyze(text).flagged, "{text}");
//! }
//! ```
//!
//! The crate is pure Rust and works natively; the `wasm` module (compiled only for `wasm32`) is the thin
//! layer that exposes the same [`Analyzer`] to JavaScript. See `DESIGN.md` for the internals.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod context;
mod lexicon;
mod model;
mod normalize;
mod score;
mod utf16;

/// Invariant checks for the fuzzers (`cargo fuzz` builds with `--cfg fuzzing`) and the property tests.
/// Not public API: absent from normal builds.
#[cfg(any(fuzzing, test))]
#[doc(hidden)]
pub mod invariants;

/// Internals for the benchmarks (feature `bench-internals`): not public API, absent from normal builds.
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod __bench {
    /// Normalises `text` alone (what `analyze` does first); returns the skeleton length.
    pub fn normalize(text: &str) -> usize {
        crate::normalize::normalize(text).text.len()
    }

    /// Compiles the built-in lexicon, as the first `Analyzer::new` of a process does (later ones share
    /// it).
    pub fn compile_builtin_lexicon() {
        std::hint::black_box(crate::lexicon::Lexicon::build(&[], &[]).expect("the built-in lexicon compiles"));
    }
}

/// The training of the learned layer (feature `model-training`, for `examples/train.rs`): not public API.
#[cfg(feature = "model-training")]
#[doc(hidden)]
pub mod __training {
    pub use crate::model::checksum;
    pub use crate::model::training::*;

    /// A weights file as the library reads it.
    pub fn write_weights(scale: f32, bias: f32, thresholds: [f32; 3], weights: &[i8]) -> Vec<u8> {
        crate::model::write(scale, bias, thresholds, weights)
    }
}

/// The JavaScript API (only on `wasm32`): see the TypeScript declarations in the npm package.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::{Arc, OnceLock};

pub use lexicon::LexiconError;

/// The kind of harm a finding belongs to.
///
/// Serialised in `snake_case` (`"self_harm_incitement"`), which is also what [`Category::name`] returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Name-calling: "connard", "abruti".
    Insult,
    /// Putting someone down: appearance, body, intelligence, family ("ta mère…").
    Denigration,
    /// Pushing someone out of a group: "personne ne t'aime", "dégage du groupe".
    Exclusion,
    /// Threats of violence: "je vais te défoncer", "je sais où tu habites".
    Threat,
    /// Pushing someone to hurt or kill themselves: "va te pendre", "kys".
    SelfHarmIncitement,
    /// Cybersexism: sexist slurs, slut-shaming.
    Sexism,
    /// Unsolicited sexual remarks.
    SexualHarassment,
    /// Homophobic or transphobic slurs.
    Lgbtphobia,
    /// Racist slurs and statements.
    Racism,
    /// Antisemitic slurs and statements.
    Antisemitism,
    /// Disability used as an insult: "mongol", "autiste" as an insult.
    Ableism,
    /// Statements that deny a group's humanity: "les X sont des parasites".
    Dehumanization,
    /// Blackmail with intimate images or secrets.
    Sextortion,
    /// Sharing someone's phone number or address.
    Doxxing,
    /// Spreading rumours ("il paraît que…"): low severity, a lexical cue only.
    Rumour,
    /// Swearing that targets no one ("putain il pleut"): at most a notice.
    Profanity,
    /// The *author* seems to be in distress ("je veux mourir"): never counted as harassment; a site
    /// should offer support instead of a warning.
    Distress,
    /// Hostility without a listed word (mockery, exclusion, contempt), found by the learned layer: rule
    /// `model.hostility`, on the words that weigh most in its score. Never in [`Options::rules_only`] mode.
    Hostility,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 18] = [
        Category::Insult,
        Category::Denigration,
        Category::Exclusion,
        Category::Threat,
        Category::SelfHarmIncitement,
        Category::Sexism,
        Category::SexualHarassment,
        Category::Lgbtphobia,
        Category::Racism,
        Category::Antisemitism,
        Category::Ableism,
        Category::Dehumanization,
        Category::Sextortion,
        Category::Doxxing,
        Category::Rumour,
        Category::Profanity,
        Category::Distress,
        Category::Hostility,
    ];

    /// The stable `snake_case` name used in rule ids, JSON and TypeScript.
    pub fn name(self) -> &'static str {
        match self {
            Category::Insult => "insult",
            Category::Denigration => "denigration",
            Category::Exclusion => "exclusion",
            Category::Threat => "threat",
            Category::SelfHarmIncitement => "self_harm_incitement",
            Category::Sexism => "sexism",
            Category::SexualHarassment => "sexual_harassment",
            Category::Lgbtphobia => "lgbtphobia",
            Category::Racism => "racism",
            Category::Antisemitism => "antisemitism",
            Category::Ableism => "ableism",
            Category::Dehumanization => "dehumanization",
            Category::Sextortion => "sextortion",
            Category::Doxxing => "doxxing",
            Category::Rumour => "rumour",
            Category::Profanity => "profanity",
            Category::Distress => "distress",
            Category::Hostility => "hostility",
        }
    }

    /// Parses a name as returned by [`Category::name`].
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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

/// The language of the explanations attached to findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    /// French (the default).
    #[default]
    Fr,
    /// English.
    En,
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
    /// A one-line explanation for the author, in the analyzer's [`Locale`].
    pub explanation: String,
    /// The same span in bytes of the original UTF-8 text, for Rust callers.
    #[serde(skip)]
    pub bytes: std::ops::Range<usize>,
}

/// The result of analysing one message.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Report {
    /// 0 to 1: how much the message weighs. The [`Level`] thresholds are
    /// `notice ≥ 0.15`, `warn ≥ 0.45`, `alert ≥ 0.75` (see [`score::THRESHOLDS`](crate::THRESHOLDS)).
    pub score: f64,
    /// The level derived from the score (and capped at `notice` when only untargeted swearing was found).
    pub level: Level,
    /// `level >= Warn`: the site should ask the author to confirm before sending.
    pub flagged: bool,
    /// The author seems to be in distress: offer support (see [`Category::Distress`]).
    pub distress: bool,
    /// The spans that weigh, sorted by `start`, never overlapping.
    pub findings: Vec<Finding>,
}

pub use score::THRESHOLDS;

/// A site-specific term to detect in addition to the built-in lexicon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomTerm {
    /// The words, in the lexicon's pattern syntax (`"sale (nul|nulle)"`); see `src/lexicon/README.md`.
    pub pattern: String,
    /// The category it belongs to.
    pub category: Category,
    /// 1 to 3.
    pub severity: u8,
}

/// How an [`Analyzer`] is built.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Language of the explanations.
    pub locale: Locale,
    /// Extra terms a site wants to catch.
    pub extra_terms: Vec<CustomTerm>,
    /// Words or phrases that never count on this site ("tuer le boss" on a gaming forum): a finding that
    /// lies inside an occurrence of one of them is dropped.
    pub allowed_terms: Vec<String>,
    /// Categories this site does not want reported.
    pub ignore_categories: Vec<Category>,
    /// The lexicon and its context rules only, without the learned layer: every warning is then traced to
    /// a reviewed lexicon entry (the reports of the engine before the model, exactly). The learned layer
    /// was trained on French only, so an analyzer with [`Locale::En`] is always rules only.
    pub rules_only: bool,
}

/// Why [`Analyzer::new`] refused its options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError(pub String);

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OptionsError {}

/// The detector: build it once (it compiles the lexicon), then call [`Analyzer::analyze`] for every
/// message. `Analyzer` is `Send + Sync` and `analyze` takes `&self`.
///
/// The built-in lexicon is compiled once per process (once per WebAssembly instance) and shared by every
/// analyzer without [`Options::extra_terms`] or [`Options::allowed_terms`]: only the first such
/// `Analyzer::new` pays for it, whatever its locale or ignored categories. An analyzer with site terms
/// compiles its own.
pub struct Analyzer {
    lexicon: Arc<lexicon::Lexicon>,
    /// The learned layer, unless [`Options::rules_only`].
    model: Option<model::Model>,
    options: Options,
}

/// A byte of 1 in each of the 8 bytes of a `u64`: `ONES * b` repeats byte `b`. The byte-parallel tests
/// (the trie's labels, digits and letters 8 bytes at a time) are written with it and [`HIGHS`].
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of the 8 bytes of a `u64`.
pub(crate) const HIGHS: u64 = ONES * 0x80;

/// Sorts triples of `u32`. Every unstable sort in the crate sorts this one element type (byte offsets
/// split into halves, pairs padded with 0): each element type's sort is its own 4–10 KB of wasm.
pub(crate) fn sort_triples(v: &mut [(u32, u32, u32)]) {
    v.sort_unstable();
}

/// The lexicon without site terms, compiled on first use and kept for the life of the process.
fn builtin_lexicon() -> Result<Arc<lexicon::Lexicon>, OptionsError> {
    static BUILTIN: OnceLock<Result<Arc<lexicon::Lexicon>, OptionsError>> = OnceLock::new();
    BUILTIN.get_or_init(|| compile_lexicon(&[], &[])).clone()
}

/// The built-in lexicon plus a site's terms, compiled.
fn compile_lexicon(extra: &[CustomTerm], allowed: &[String]) -> Result<Arc<lexicon::Lexicon>, OptionsError> {
    lexicon::Lexicon::build(extra, allowed).map(Arc::new).map_err(|e| OptionsError(e.to_string()))
}

impl Default for Analyzer {
    /// The built-in French and English lexicon, French explanations.
    fn default() -> Self {
        Analyzer::new(Options::default()).expect("the built-in lexicon compiles (tested)")
    }
}

impl Analyzer {
    /// Builds an analyzer. Fails only on invalid custom terms (bad pattern syntax, severity outside 1–3).
    pub fn new(options: Options) -> Result<Analyzer, OptionsError> {
        let lexicon = if options.extra_terms.is_empty() && options.allowed_terms.is_empty() {
            builtin_lexicon()?
        } else {
            compile_lexicon(&options.extra_terms, &options.allowed_terms)?
        };
        // The model was trained on French only: English explanations mean an English site, rules only.
        let model = if options.rules_only || options.locale != Locale::Fr { None } else { model::Model::embedded() };
        Ok(Analyzer { lexicon, model, options })
    }

    /// The options this analyzer was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Analyses one message. Time and memory are linear in `text.len()`.
    pub fn analyze(&self, text: &str) -> Report {
        BUFFERS.with(|buffers| match buffers.try_borrow_mut() {
            Ok(mut buffers) => {
                let report = self.analyze_with(text, &mut buffers);
                if frees_buffers(text.len()) {
                    *buffers = Buffers::default(); // don't hold on to a huge text's buffers
                }
                report
            }
            Err(_) => self.analyze_with(text, &mut Buffers::default()),
        })
    }

    fn analyze_with(&self, text: &str, buffers: &mut Buffers) -> Report {
        match self.read(text, buffers) {
            (report, Some((model, reading))) => model::fusion::fuse(
                &model,
                reading,
                report,
                text,
                &buffers.normalized,
                &self.lexicon,
                &self.options,
                &mut buffers.model,
            ),
            (report, None) => report,
        }
    }

    /// The rules' report, and what the model read of the text (unless rules only).
    fn read(&self, text: &str, buffers: &mut Buffers) -> (Report, Option<(model::Model, model::fusion::Reading)>) {
        let Buffers { normalized, scratch, find, model: model_scratch } = buffers;
        // A long text's intermediate buffers go as soon as they are done with, so that they do not add to
        // the peak of the steps after them (the adversarial check bounds it per input byte).
        let long = frees_buffers(text.len());
        normalize::normalize_into(text, normalized, scratch);
        if long {
            *scratch = normalize::Scratch::default();
        }
        let hits = self.lexicon.find(text, normalized, find);
        if long {
            *find = lexicon::FindScratch::default();
        }
        let Some(model) = self.model else {
            let judged = context::judge(normalized, hits, &self.lexicon);
            return (score::report(text, judged, &self.lexicon, &self.options), None);
        };
        let raw = hits.clone();
        let judged = context::judge(normalized, hits, &self.lexicon);
        let reading = model::fusion::read(&model, text, normalized, &raw, &judged, &self.lexicon, model_scratch);
        (score::report(text, judged, &self.lexicon, &self.options), Some((model, reading)))
    }
}

/// Buffers reused from one analysis to the next on the same thread (a message allocates nothing for its
/// normalised form once they are large enough).
#[derive(Default)]
struct Buffers {
    normalized: normalize::Normalized,
    scratch: normalize::Scratch,
    find: lexicon::FindScratch,
    model: model::fusion::Scratch,
}

/// Natively, a text longer than this frees its buffers as soon as each is done with; shorter ones leave
/// them for the next analysis.
const FREE_BUFFERS_ABOVE: usize = 64 * 1024;

/// Whether a text of `len` bytes frees its buffers. In WebAssembly never: linear memory never shrinks, so
/// freeing would only make the next long text fault its pages in again (natively, keeping them took a
/// 1 MB text from 48 to 36 ms).
fn frees_buffers(len: usize) -> bool {
    !cfg!(target_arch = "wasm32") && len > FREE_BUFFERS_ABOVE
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::default();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Analyzer>();
    }

    #[test]
    fn reused_buffers_change_no_report() {
        // Each analysis reuses the previous one's buffers (and a text over FREE_BUFFERS_ABOVE frees them):
        // whatever came before, a text gets the report a fresh analyzer thread would give.
        let long = "espèce de c*nnard 😀 ".repeat(FREE_BUFFERS_ABOVE / 10);
        let texts = ["t'es un connard", "salut !", long.as_str(), "f d p", "ok", "fils de pute", ""];
        let a = Analyzer::default();
        let forward: Vec<String> = texts.iter().map(|t| format!("{:?}", a.analyze(t))).collect();
        let backward: Vec<String> = texts.iter().rev().map(|t| format!("{:?}", a.analyze(t))).collect();
        let fresh: Vec<String> = texts
            .iter()
            .map(|t| std::thread::scope(|s| s.spawn(|| format!("{:?}", a.analyze(t))).join().unwrap()))
            .collect();
        assert_eq!(forward, fresh);
        assert_eq!(backward.into_iter().rev().collect::<Vec<_>>(), fresh);
    }

    #[test]
    fn analyzers_without_site_terms_share_the_builtin_lexicon() {
        let fr = Analyzer::default();
        let en = Analyzer::new(Options {
            locale: Locale::En,
            ignore_categories: vec![Category::Profanity],
            ..Options::default()
        })
        .unwrap();
        assert!(Arc::ptr_eq(&fr.lexicon, &en.lexicon), "locale and ignored categories do not touch the lexicon");
        let site = Analyzer::new(Options { allowed_terms: vec!["je vais te tuer".into()], ..Options::default() });
        assert!(!Arc::ptr_eq(&fr.lexicon, &site.unwrap().lexicon), "site terms compile their own lexicon");
        // The shared lexicon reports what a lexicon compiled for this analyzer alone reports.
        let own = Analyzer {
            lexicon: Arc::new(lexicon::Lexicon::build(&[], &[]).unwrap()),
            model: model::Model::embedded(),
            options: Options::default(),
        };
        for text in ["t'es un connard", "je vais te tuer", "salut, ça va ?", "06 12 34 56 78", "c*nnard"] {
            assert_eq!(fr.analyze(text), own.analyze(text), "{text:?}");
        }
    }

    #[test]
    fn categories_are_listed_in_declaration_order() {
        // The wasm boundary indexes its table of category names by `category as usize`.
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c:?}");
        }
    }

    #[test]
    fn category_names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.name()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.name()));
        }
    }
}
