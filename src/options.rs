//! How an analyzer is built: the explanations' [`Locale`], a site's own terms, and the error for options
//! that do not compile.

use crate::category::Category;
use serde::{Deserialize, Serialize};
use std::fmt;

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

/// How an [`Analyzer`](crate::Analyzer) is built.
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
    /// Categories this site does not want reported. Not [`Category::Distress`]: [`Analyzer::new`](crate::Analyzer::new)
    /// refuses it (it never weighs, and the page needs it to offer support).
    pub ignore_categories: Vec<Category>,
    /// The lexicon and its context rules only, without the learned layer: every warning is then traced to
    /// a reviewed lexicon entry (the reports of the engine before the model, exactly). The learned layer
    /// was trained on French only, so an analyzer with [`Locale::En`] is always rules only.
    pub rules_only: bool,
}

/// Why [`Analyzer::new`](crate::Analyzer::new) refused its options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError(pub String);

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OptionsError {}
