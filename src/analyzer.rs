//! The [`Analyzer`]: the pipeline normalise → lexicon → context → score, run on each message with
//! buffers reused from one message to the next.

use crate::category::Category;
use crate::normalized::Normalized;
use crate::options::{CustomTerm, Locale, Options, OptionsError};
use crate::report::Report;
use crate::{context, lexicon, model, normalize, score};
use std::sync::{Arc, OnceLock};

/// The detector: build it once (it compiles the lexicon), then call [`Analyzer::analyze`] for every
/// message. `Analyzer` is `Send + Sync` and `analyze` takes `&self`.
///
/// The built-in lexicon is compiled once per process (once per WebAssembly instance) and shared by every
/// analyzer without [`Options::extra_terms`] or [`Options::allowed_terms`]: only the first such
/// `Analyzer::new` pays for it, whatever its locale or ignored categories. An analyzer with site terms
/// compiles its own.
pub struct Analyzer {
    pub(crate) lexicon: Arc<lexicon::Lexicon>,
    /// The learned layer, unless [`Options::rules_only`].
    model: Option<model::Model>,
    pub(crate) options: Options,
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
        // Distress is never counted (it weighs nothing): ignoring it would only hide an author asking for
        // help from the page, which is the one thing the category is for.
        if let Some(i) = options.ignore_categories.iter().position(|&c| c == Category::Distress) {
            return Err(OptionsError(format!(
                "ignoreCategories[{i}]: \"distress\" cannot be ignored: it is the author asking for help, never \
                 counted as harassment (it weighs nothing in the score), and the page needs it to offer support"
            )));
        }
        let lexicon = if options.extra_terms.is_empty() && options.allowed_terms.is_empty() {
            builtin_lexicon()?
        } else {
            compile_lexicon(&options.extra_terms, &options.allowed_terms)?
        };
        Ok(Analyzer { model: learned_layer(&options), lexicon, options })
    }

    /// An analyzer over `lexicon` (the tests compare lexicons compiled in other ways).
    #[cfg(test)]
    pub(crate) fn with_lexicon(lexicon: lexicon::Lexicon, options: Options) -> Analyzer {
        Analyzer { model: learned_layer(&options), lexicon: Arc::new(lexicon), options }
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

    /// The pipeline, one stage after the other (DESIGN.md has a section per stage), then the learned
    /// layer's fusion with the rules' report (`src/model/fusion.rs`) unless rules only.
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

    /// The rules' report, and what the learned layer read of the text (unless rules only).
    pub(crate) fn read(
        &self,
        text: &str,
        buffers: &mut Buffers,
    ) -> (Report, Option<(model::Model, model::fusion::Reading)>) {
        let judged = self.judged(text, buffers, self.model.is_some());
        let reading = self.model.map(|model| {
            let ignored = &self.options.ignore_categories;
            let reading = model::fusion::read(
                &model,
                text,
                &buffers.normalized,
                &judged,
                &self.lexicon,
                ignored,
                &mut buffers.model,
            );
            (model, reading)
        });
        // 5. Score: weights, level, explanations, UTF-16 offsets.
        (score::report(text, judged, &self.lexicon, &self.options), reading)
    }

    /// Stages 1 to 4: the normalised text (left in `buffers.normalized`) and the judged matches. With
    /// `note_matches`, the learned layer's scratch notes the matches before the rules judge them (the
    /// words of those they drop are masked from it); the training tool runs the same stages.
    pub(crate) fn judged(&self, text: &str, buffers: &mut Buffers, note_matches: bool) -> Vec<context::Judged> {
        let Buffers { normalized, scratch, find, spelling, model: model_scratch } = buffers;
        // A long text's intermediate buffers go as soon as they are done with, so that they do not add to
        // the peak of the stages after them (the adversarial check bounds it per input byte).
        let long = frees_buffers(text.len());

        // 1. Normalise: the skeleton (`" t es un conard "`), its letter runs and tokens, mapped back to `text`.
        normalize::normalize_into(text, normalized, scratch);
        if long {
            *scratch = normalize::Scratch::default();
        }
        // 2. Spelling: tokens that are mistyped, glued or cut words of the lexicon read as those words.
        self.lexicon.repair_spelling(text, normalized, spelling, find);
        // 3. Lexicon: every verified match of a pattern, possibly overlapping; masked words, phone numbers.
        let hits = self.lexicon.find(text, normalized, find);
        if long {
            *find = lexicon::FindScratch::default();
        }
        if note_matches {
            model::fusion::note_matches(normalized, &hits, model_scratch);
        }
        // 4. Context: who each match is aimed at and how it is said; negated, allowed, idiomatic and
        //    overlapped matches dropped.
        context::judge(text, normalized, hits, &self.lexicon)
    }
}

/// The learned layer an analyzer with `options` uses: none for rules only, and none in English (it was
/// trained on French only: English explanations mean an English site).
fn learned_layer(options: &Options) -> Option<model::Model> {
    if options.rules_only || options.locale != Locale::Fr {
        None
    } else {
        model::Model::embedded()
    }
}

/// Buffers reused from one analysis to the next on the same thread (a message allocates nothing for its
/// normalised form once they are large enough).
#[derive(Default)]
pub(crate) struct Buffers {
    pub(crate) normalized: Normalized,
    scratch: normalize::Scratch,
    find: lexicon::FindScratch,
    spelling: lexicon::SpellingScratch,
    pub(crate) model: model::fusion::Scratch,
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
    use crate::category::Category;
    use crate::options::Locale;

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
        let own = Analyzer::with_lexicon(lexicon::Lexicon::build(&[], &[]).unwrap(), Options::default());
        for text in ["t'es un connard", "je vais te tuer", "salut, ça va ?", "06 12 34 56 78", "c*nnard"] {
            assert_eq!(fr.analyze(text), own.analyze(text), "{text:?}");
        }
    }
}
