//! The JavaScript boundary, and the only file that knows about JS. Thin on purpose: it checks what comes
//! in (a wrong type is a `TypeError`, a wrong value a `RangeError`, both saying what was expected),
//! calls the pure-Rust core, and hands back plain objects whose TypeScript types are declared below.
//! Offsets are already UTF-16 code units: the core computes them once, at the end of `analyze`.

use crate::{Analyzer as Core, Options};
use wasm_bindgen::prelude::*;

/// The longest text `analyze` accepts, in UTF-16 code units (what `text.length` says in JS). Longer
/// texts get a `RangeError`: a comment form never needs more, and the bound keeps every call short.
pub const MAX_TEXT_LENGTH: u32 = 1 << 20;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The kind of harm a finding belongs to. `distress` means the author seems to be in distress. */
export type Category =
  | 'insult' | 'denigration' | 'exclusion' | 'threat' | 'self_harm_incitement' | 'sexism'
  | 'sexual_harassment' | 'lgbtphobia' | 'racism' | 'antisemitism' | 'ableism' | 'dehumanization'
  | 'sextortion' | 'doxxing' | 'rumour' | 'profanity' | 'distress';

/** none < notice < warn < alert. Sites ask the author to confirm from `warn` up. */
export type Level = 'none' | 'notice' | 'warn' | 'alert';

/** One span of the message that weighs. */
export interface Finding {
  /** Start, in UTF-16 code units: `text.slice(start, end) === finding.text`. */
  start: number;
  /** End (exclusive), in UTF-16 code units. */
  end: number;
  /** The span exactly as typed. */
  text: string;
  category: Category;
  /** 1 (mild) to 3 (severe). */
  severity: 1 | 2 | 3;
  /** Stable rule id, e.g. `fr.insult.connard`; custom terms use `site.<words>`. */
  rule: string;
  /** Whether the words are aimed at someone. */
  targeted: boolean;
  /** One short sentence for the author, in the analyzer's locale. */
  explanation: string;
}

/** The result of `Analyzer.analyze`. */
export interface Report {
  /** 0..1; thresholds: notice ≥ 0.15, warn ≥ 0.45, alert ≥ 0.75. */
  score: number;
  level: Level;
  /** `level` is `warn` or `alert`: ask the author to confirm before sending. */
  flagged: boolean;
  /** The author seems to be in distress: show support, not a warning. */
  distress: boolean;
  /** Sorted by `start`, never overlapping. */
  findings: Finding[];
}

/** A site-specific term, in the lexicon's pattern syntax (`"sale (nul|nulle)"`). */
export interface CustomTerm {
  pattern: string;
  category: Category;
  severity: 1 | 2 | 3;
}

/** Options of `new Analyzer(options)`. Unknown keys are a TypeError. */
export interface AnalyzerOptions {
  /** Language of the explanations. Default `'fr'`. */
  locale?: 'fr' | 'en';
  /** Extra terms this site wants to catch. */
  extraTerms?: CustomTerm[];
  /** Words or phrases that never count on this site, e.g. `"tuer le boss"`. */
  allowedTerms?: string[];
  /** Categories this site does not want reported. */
  ignoreCategories?: Category[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `AnalyzerOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "AnalyzerOptions")]
    pub type JsOptions;
    /// `Report` in TypeScript.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    #[cfg(debug_assertions)]
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Analyses messages on this device. Build one and reuse it: construction compiles the lexicon.
#[wasm_bindgen(js_name = Analyzer)]
pub struct WasmAnalyzer {
    core: Core,
}

fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&format!("poids-des-mots: {message}")).into()
}

fn range_error(message: String) -> JsValue {
    js_sys::RangeError::new(&format!("poids-des-mots: {message}")).into()
}

fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "an unknown value".into())
    }
}

use js_sys::Array;

/// serde-wasm-bindgen reads only the fields it knows: a misspelt option would be silently ignored.
fn reject_unknown_keys(value: &JsValue, what: &str, known: &[&str]) -> Result<(), JsValue> {
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(type_error(format!("unknown key {key:?} in {what}; expected one of {}", known.join(", "))));
        }
    }
    Ok(())
}

/// A copy of the options without the keys whose value is `undefined` (JS treats them as absent, and so do
/// we; serde-wasm-bindgen would not), after checking that the list options are arrays (serde-wasm-bindgen
/// would say "Reflect.get called on non-object" for a string).
fn defined_options(value: &JsValue) -> Result<JsValue, JsValue> {
    let clean = js_sys::Object::new();
    for key in ["locale", "extraTerms", "allowedTerms", "ignoreCategories"] {
        let k = JsValue::from_str(key);
        let v = js_sys::Reflect::get(value, &k)
            .map_err(|e| type_error(format!("could not read options.{key}: {}", describe_error(&e))))?;
        if v.is_undefined() {
            continue;
        }
        let expected = match key {
            "locale" if !v.is_string() => Some("'fr' or 'en'"),
            "extraTerms" if !Array::is_array(&v) => Some("an array of { pattern, category, severity }"),
            "allowedTerms" if !Array::is_array(&v) => Some("an array of strings"),
            "ignoreCategories" if !Array::is_array(&v) => Some("an array of category names"),
            _ => None,
        };
        if let Some(expected) = expected {
            return Err(type_error(format!("options.{key} must be {expected}, got {}", describe(&v))));
        }
        js_sys::Reflect::set(&clean, &k, &v).map_err(|_| type_error(format!("could not copy options.{key}")))?;
    }
    Ok(clean.into())
}

fn describe_error(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| describe(e))
}

#[wasm_bindgen(js_class = Analyzer)]
impl WasmAnalyzer {
    /// `new Analyzer(options?)`. Throws a `TypeError` for unknown keys or wrong types, a `RangeError`
    /// for values out of range (severity, pattern syntax).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<JsOptions>) -> Result<WasmAnalyzer, JsValue> {
        let value: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let options: Options = if value.is_undefined() || value.is_null() {
            Options::default()
        } else if !value.is_object() || Array::is_array(&value) {
            return Err(type_error(format!(
                "new Analyzer(options) expects an options object, got {}",
                describe(&value)
            )));
        } else {
            reject_unknown_keys(&value, "options", &["locale", "extraTerms", "allowedTerms", "ignoreCategories"])?;
            let value = defined_options(&value)?;
            let terms = js_sys::Reflect::get(&value, &JsValue::from_str("extraTerms")).unwrap_or(JsValue::UNDEFINED);
            if Array::is_array(&terms) {
                for (i, term) in Array::from(&terms).iter().enumerate() {
                    if term.is_object() {
                        reject_unknown_keys(&term, &format!("extraTerms[{i}]"), &["pattern", "category", "severity"])?;
                    }
                }
            }
            // A string outside the allowed set (locale "de", category "meanness") is a wrong value: RangeError.
            serde_wasm_bindgen::from_value(value).map_err(|e| {
                let message = format!("invalid options: {e}");
                if e.to_string().contains("unknown variant") {
                    range_error(message)
                } else {
                    type_error(message)
                }
            })?
        };
        let core = Core::new(options).map_err(|e| range_error(format!("invalid options: {e}")))?;
        Ok(WasmAnalyzer { core })
    }

    /// `analyzer.analyze(text)`: a report for one message. Throws a `TypeError` when `text` is not a
    /// string and a `RangeError` when it is longer than `MAX_TEXT_LENGTH` UTF-16 code units. Lone
    /// surrogates are read as U+FFFD, which keeps every offset in place.
    pub fn analyze(&self, #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsReport, JsValue> {
        let Some(js) = text.dyn_ref::<js_sys::JsString>() else {
            return Err(type_error(format!("analyze(text) expects a string, got {}", describe(&text))));
        };
        if js.length() > MAX_TEXT_LENGTH {
            return Err(range_error(format!(
                "analyze(text) accepts at most {MAX_TEXT_LENGTH} UTF-16 code units, got {}; split the text",
                js.length()
            )));
        }
        let text = String::from(js);
        let report = self.core.analyze(&text);
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = serde::Serialize::serialize(&report, &serializer).map_err(|e| type_error(e.to_string()))?;
        Ok(value.unchecked_into())
    }

    /// The longest text `analyze` accepts, in UTF-16 code units.
    #[wasm_bindgen(getter = maxTextLength)]
    pub fn max_text_length(&self) -> u32 {
        MAX_TEXT_LENGTH
    }
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// In development builds, a panic (a bug: there should be none) is printed to the console with its
/// message before the module traps, instead of an opaque `unreachable`.
#[cfg(debug_assertions)]
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| console_error(&format!("poids-des-mots panicked (please report): {info}"))));
}

/// Development builds only (absent from the published release build): panics with `message`, so that
/// `tests/node/boundary-panic-hook.test.mjs` can check that the hook above turns a panic into a readable
/// console message. No input can reach a panic in release builds; this is the only way to make one.
#[cfg(debug_assertions)]
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}
