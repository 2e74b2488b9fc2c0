//! The JavaScript boundary, and the only file that knows about JS. Thin on purpose: it checks what comes
//! in (a wrong type is a `TypeError`, a wrong value a `RangeError`, both saying what was expected),
//! calls the pure-Rust core, and hands back plain objects whose TypeScript types are declared below.
//! Offsets are already UTF-16 code units: the core computes them once, at the end of `analyze`.

use crate::{Analyzer as Core, Category, CustomTerm, Level, Locale, Options, Report};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

/// The longest text `analyze` accepts, in UTF-16 code units (what `text.length` says in JS). Longer
/// texts get a `RangeError`: a comment form never needs more, and the bound keeps every call short.
pub const MAX_TEXT_LENGTH: u32 = 1 << 20;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/**
 * The kind of harm a finding belongs to. `distress` means the author seems to be in distress.
 * `hostility` is the learned layer's (rule `model.hostility`): the words that weigh most in a message
 * it judged hurtful without a listed word; never reported with `rulesOnly`.
 */
export type Category =
  | 'insult' | 'denigration' | 'exclusion' | 'threat' | 'self_harm_incitement' | 'sexism'
  | 'sexual_harassment' | 'lgbtphobia' | 'racism' | 'antisemitism' | 'ableism' | 'dehumanization'
  | 'sextortion' | 'doxxing' | 'rumour' | 'profanity' | 'distress' | 'hostility';

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
  /** Whether the words are someone else's, quoted or reported (`il m'a traité de …`), not the author's:
   *  they weigh less, and nothing in a victim's report (`Report.victim`), where only the other findings
   *  are the author's to reconsider. */
  reported: boolean;
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
  /** The author seems to be in distress: show support. It never lowers `level`: harm to others in the
   *  same message still asks to confirm (support *and* the confirmation). */
  distress: boolean;
  /** The author reports abuse done to them (`il m'a traité de …`): show support (3018 in France). The
   *  words reported (`Finding.reported`) weigh nothing; the author's own words beside them count as ever. */
  victim: boolean;
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
  /** Categories this site does not want reported; never `'distress'` (a RangeError: the page needs it to
   *  offer support, and it weighs nothing anyway). */
  ignoreCategories?: Exclude<Category, 'distress'>[];
  /**
   * The reviewed lexicon and its context rules only, without the learned layer: every warning is then
   * traced to a lexicon entry (no `hostility` finding). Default `false`. The learned layer reads French
   * only: with `locale: 'en'` the analyzer is always rules only.
   */
  rulesOnly?: boolean;
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

/// Analyses messages on this device. Build one and reuse it. The first one compiles the built-in lexicon;
/// later ones without `extraTerms` or `allowedTerms` share it and cost almost nothing.
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

/// A misspelt option would otherwise be silently ignored.
fn reject_unknown_keys(value: &JsValue, what: &str, known: &[&str]) -> Result<(), JsValue> {
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(type_error(format!("unknown key {key:?} in {what}; expected one of {}", known.join(", "))));
        }
    }
    Ok(())
}

/// `options[key]`, `undefined` when absent (JS treats a key set to `undefined` as absent, and so do we).
fn get(object: &JsValue, key: &str, what: &str) -> Result<JsValue, JsValue> {
    Reflect::get(object, &JsValue::from_str(key))
        .map_err(|e| type_error(format!("could not read {what}: {}", describe_error(&e))))
}

/// The items of `options[key]` if it is set: it must be an array (`expected` says of what).
fn get_list(options: &JsValue, key: &str, expected: &str) -> Result<Option<Array>, JsValue> {
    let value = get(options, key, &format!("options.{key}"))?;
    if value.is_undefined() {
        Ok(None)
    } else if Array::is_array(&value) {
        Ok(Some(value.unchecked_into()))
    } else {
        Err(type_error(format!("options.{key} must be {expected}, got {}", describe(&value))))
    }
}

/// A category name; `what` names the value in messages (`extraTerms[0].category`).
fn category(value: &JsValue, what: &str) -> Result<Category, JsValue> {
    let Some(name) = value.as_string() else {
        return Err(type_error(format!("{what}: expected a category name, got {}", describe(value))));
    };
    Category::from_name(&name).ok_or_else(|| {
        let known: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
        range_error(format!("{what}: unknown category {name:?}, expected one of {}", known.join(", ")))
    })
}

/// Reads `new Analyzer(options)`'s object by hand: every wrong type is a `TypeError` and every wrong
/// value a `RangeError`, each naming the option (a generic deserializer would also pull float formatting
/// and its own error texts into the bundle).
fn read_options(value: &JsValue) -> Result<Options, JsValue> {
    reject_unknown_keys(value, "options", &["locale", "extraTerms", "allowedTerms", "ignoreCategories", "rulesOnly"])?;
    let mut options = Options::default();
    let locale = get(value, "locale", "options.locale")?;
    if !locale.is_undefined() {
        options.locale = match locale.as_string().as_deref() {
            Some("fr") => Locale::Fr,
            Some("en") => Locale::En,
            Some(other) => {
                return Err(range_error(format!("invalid options: locale {other:?}: expected 'fr' or 'en'")));
            }
            None => return Err(type_error(format!("options.locale must be 'fr' or 'en', got {}", describe(&locale)))),
        };
    }
    for (i, term) in get_list(value, "extraTerms", "an array of { pattern, category, severity }")?
        .iter()
        .flat_map(Array::iter)
        .enumerate()
    {
        let what = format!("extraTerms[{i}]");
        if !term.is_object() || Array::is_array(&term) {
            return Err(type_error(format!(
                "{what}: expected an object {{ pattern, category, severity }}, got {}",
                describe(&term)
            )));
        }
        reject_unknown_keys(&term, &what, &["pattern", "category", "severity"])?;
        let pattern = get(&term, "pattern", &format!("{what}.pattern"))?;
        let Some(pattern) = pattern.as_string() else {
            return Err(type_error(format!("{what}.pattern: expected a string, got {}", describe(&pattern))));
        };
        let category = category(&get(&term, "category", &format!("{what}.category"))?, &format!("{what}.category"))?;
        let severity = get(&term, "severity", &format!("{what}.severity"))?;
        let Some(number) = severity.as_f64() else {
            return Err(type_error(format!("{what}.severity: expected 1, 2 or 3, got {}", describe(&severity))));
        };
        // 1..=3 is checked with the pattern by the core; here only what does not fit a u8.
        if !(0.0..=255.0).contains(&number) || number.fract() != 0.0 {
            return Err(range_error(format!("invalid options: {what}: severity must be 1, 2 or 3")));
        }
        options.extra_terms.push(CustomTerm { pattern, category, severity: number as u8 });
    }
    for (i, term) in get_list(value, "allowedTerms", "an array of strings")?.iter().flat_map(Array::iter).enumerate() {
        let Some(term) = term.as_string() else {
            return Err(type_error(format!("allowedTerms[{i}]: expected a string, got {}", describe(&term))));
        };
        options.allowed_terms.push(term);
    }
    for (i, name) in
        get_list(value, "ignoreCategories", "an array of category names")?.iter().flat_map(Array::iter).enumerate()
    {
        options.ignore_categories.push(category(&name, &format!("ignoreCategories[{i}]"))?);
    }
    let rules_only = get(value, "rulesOnly", "options.rulesOnly")?;
    if !rules_only.is_undefined() {
        let Some(on) = rules_only.as_bool() else {
            return Err(type_error(format!("options.rulesOnly must be a boolean, got {}", describe(&rules_only))));
        };
        options.rules_only = on;
    }
    Ok(options)
}

#[wasm_bindgen(module = "/src/report.js")]
extern "C" {
    /// Gives `makeReport` the names of the levels and categories (comma-separated, in enum order) and
    /// of the numbers written for each finding (`FINDING_FIELDS`, in their order).
    #[wasm_bindgen(js_name = setNames)]
    fn set_names(levels: &str, categories: &str, finding_fields: &str);
    /// Builds `{ score, level, flagged, distress, victim, findings }` from the numbers and strings of
    /// `report_to_js`, in one call.
    #[wasm_bindgen(js_name = makeReport)]
    fn make_report(
        score: f64,
        level: u32,
        flagged: bool,
        distress: bool,
        victim: bool,
        numbers: &[u32],
        strings: &str,
    ) -> JsValue;
    /// The same for a report without findings (most messages), with no arrays to hand over.
    #[wasm_bindgen(js_name = emptyReport)]
    fn empty_report(score: f64, level: u32, flagged: bool, distress: bool, victim: bool) -> JsValue;
    /// Writes `text` as UTF-8 into `memory` at `at` (room for `room` bytes) with one `encodeInto`;
    /// returns how many bytes it wrote.
    #[wasm_bindgen(js_name = writeText)]
    fn write_text(text: &js_sys::JsString, memory: &JsValue, at: u32, room: u32) -> u32;
}

/// The text being analysed, as UTF-8, in a buffer reused from one call to the next: one `encodeInto`
/// into it costs less than wasm-bindgen's string hand-over (a JavaScript loop over the characters and a
/// fresh allocation per call), up to `ENCODE_INTO_MAX` UTF-16 units.
struct TextBuffer {
    bytes: Vec<u8>,
    memory: JsValue,
}

thread_local! {
    static TEXT: std::cell::RefCell<TextBuffer> =
        std::cell::RefCell::new(TextBuffer { bytes: Vec::new(), memory: wasm_bindgen::memory() });
}

/// The longest text (in UTF-16 units) read through `TextBuffer`. The module checks the UTF-8 it gets
/// (`from_utf8`, the price of no unsafe code), ≈ 1 ns per byte in wasm: Node, same process, texts of
/// 60 / 300 / 500 / 700 / 1,000 characters were 10 / 3 / 1 / −0.6 / −3.7 % faster than with `String::from`.
const ENCODE_INTO_MAX: u32 = 512;

/// Calls `f` with `js` as a `&str` (lone surrogates read as U+FFFD, as `String::from` reads them).
fn with_text<R>(js: &js_sys::JsString, units: u32, f: impl FnOnce(&str) -> R) -> R {
    if units > ENCODE_INTO_MAX {
        return f(&String::from(js));
    }
    TEXT.with(|buffer| {
        let Ok(mut buffer) = buffer.try_borrow_mut() else { return f(&String::from(js)) };
        // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
        let room = units as usize * 3;
        if buffer.bytes.len() < room {
            buffer.bytes.resize(room, 0);
        }
        let at = buffer.bytes.as_mut_ptr() as u32;
        let written = write_text(js, &buffer.memory, at, room as u32) as usize;
        match buffer.bytes.get(..written).map(std::str::from_utf8) {
            Some(Ok(text)) => f(text),
            _ => f(&String::from(js)), // never: encodeInto writes UTF-8, within the room given
        }
    })
}

/// Hands the names `report.js` uses to JS (once per analyzer: cheap, and right for every instance).
fn send_names() {
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    let levels = [Level::None, Level::Notice, Level::Warn, Level::Alert].map(Level::name);
    set_names(&levels.join(","), &categories.join(","), &FINDING_FIELDS.join(","));
}

/// The numbers `report_to_js` writes for each finding, in this order: `report.js` learns these names
/// from `send_names` and reads each number by its name, so the positions are declared here only
/// (`tests/wasm.rs` checks every field of the reports against the core's).
const FINDING_FIELDS: [&str; 10] = [
    "start",
    "end",
    "category",
    "severity",
    "targeted",
    "reported",
    // The UTF-16 lengths of the finding's text, rule and explanation (or `KEPT`), which follow one
    // another in the string buffer.
    "textLength",
    "ruleLength",
    "explanationLength",
    // Where `report.js` keeps the explanation (or `NO_KEY`).
    "explanationKey",
];

/// Buffers for the report's numbers and strings, reused from one report to the next, and what
/// `report.js` keeps of the explanations.
#[derive(Default)]
struct Handover {
    numbers: Vec<u32>,
    strings: String,
    /// For each key (`explanation_key`), the explanation `report.js` keeps: the last one handed over
    /// with that key. Findings whose explanation is the one kept hand over `KEPT` instead of its text.
    kept: Vec<Option<String>>,
}

thread_local! {
    static HANDOVER: std::cell::RefCell<Handover> = std::cell::RefCell::default();
}

/// In place of an explanation's length: the one `report.js` keeps under the finding's key.
const KEPT: u32 = u32::MAX;
/// In place of a key: `report.js` keeps nothing of this explanation.
const NO_KEY: u32 = u32::MAX;

/// The key an explanation is kept under: one per category and locale, as the lexicon writes one
/// explanation per category and locale. (Only an optimisation: `Handover::kept` is compared with the text
/// before `KEPT` is used, so another text under the same key is handed over and kept instead.)
fn explanation_key(category: Category, locale: Locale) -> usize {
    category as usize * 2 + locale as usize
}

/// The report as a plain JS object (see `Report` in the TypeScript declarations above), built by
/// `report.js` from one call. Explanations repeat from one report to the next: each is handed over, and
/// decoded by JS, once per key.
fn report_to_js(report: &Report, locale: Locale) -> JsValue {
    if report.findings.is_empty() {
        return empty_report(report.score, report.level as u32, report.flagged, report.distress, report.victim);
    }
    // `keep`: whether `h.kept` is what `report.js` keeps (the thread's handover, not a fresh one).
    let fill = |h: &mut Handover, keep: bool| {
        h.numbers.clear();
        h.strings.clear();
        for f in &report.findings {
            let utf16 = |s: &str| crate::utf16::utf16_len(s.as_bytes()) as u32;
            let key = explanation_key(f.category, locale);
            let (explanation, key) = if !keep {
                (Some(&f.explanation), NO_KEY)
            } else if h.kept.get(key).is_some_and(|k| k.as_ref() == Some(&f.explanation)) {
                (None, key as u32)
            } else {
                if h.kept.len() <= key {
                    h.kept.resize(key + 1, None);
                }
                h.kept[key] = Some(f.explanation.clone());
                (Some(&f.explanation), key as u32)
            };
            // In the order of FINDING_FIELDS.
            let numbers: [u32; FINDING_FIELDS.len()] = [
                f.start as u32,
                f.end as u32,
                f.category as u32,
                u32::from(f.severity),
                u32::from(f.targeted),
                u32::from(f.reported),
                (f.end - f.start) as u32,
                utf16(&f.rule),
                explanation.map_or(KEPT, |e| utf16(e)),
                key,
            ];
            h.numbers.extend(numbers);
            h.strings.push_str(&f.text);
            h.strings.push_str(&f.rule);
            h.strings.push_str(explanation.map_or("", |e| e));
        }
        let level = report.level as u32;
        make_report(report.score, level, report.flagged, report.distress, report.victim, &h.numbers, &h.strings)
    };
    HANDOVER.with(|h| match h.try_borrow_mut() {
        Ok(mut h) => fill(&mut h, true),
        Err(_) => fill(&mut Handover::default(), false),
    })
}

fn describe_error(e: &JsValue) -> String {
    Reflect::get(e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_else(|| describe(e))
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
            read_options(&value)?
        };
        let core = Core::new(options).map_err(|e| range_error(format!("invalid options: {e}")))?;
        send_names();
        Ok(WasmAnalyzer { core })
    }

    /// `analyzer.analyze(text)`: a report for one message. Throws a `TypeError` when `text` is not a
    /// string and a `RangeError` when it is longer than `MAX_TEXT_LENGTH` UTF-16 code units. Lone
    /// surrogates are read as U+FFFD, which keeps every offset in place.
    pub fn analyze(&self, #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsReport, JsValue> {
        let Some(js) = text.dyn_ref::<js_sys::JsString>() else {
            return Err(type_error(format!("analyze(text) expects a string, got {}", describe(&text))));
        };
        let units = js.length();
        if units > MAX_TEXT_LENGTH {
            return Err(range_error(format!(
                "analyze(text) accepts at most {MAX_TEXT_LENGTH} UTF-16 code units, got {units}; split the text"
            )));
        }
        Ok(with_text(js, units, |text| report_to_js(&self.core.analyze(text), self.core.options().locale))
            .unchecked_into())
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
