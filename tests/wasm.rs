//! The JS boundary, run by wasm-bindgen-test in Node and in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test wasm`, add `WASM_BINDGEN_USE_BROWSER=1` for Chromium).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect};
use poids_des_mots::wasm::{WasmAnalyzer as Analyzer, MAX_TEXT_LENGTH};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("property")
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn analyzer(options: JsValue) -> Result<Analyzer, JsValue> {
    Analyzer::new(Some(options.unchecked_into()))
}

fn error_name(e: &JsValue) -> String {
    get(e, "name").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn analyze_returns_a_plain_report_with_utf16_offsets() {
    let a = analyzer(JsValue::UNDEFINED).unwrap();
    let text = "😀 é t'es un connard";
    let report: JsValue = a.analyze(JsValue::from_str(text)).unwrap().into();
    let level = get(&report, "level").as_string().unwrap();
    assert!(level == "warn" || level == "alert", "{level}");
    assert_eq!(get(&report, "flagged").as_bool(), Some(true));
    let score = get(&report, "score").as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    let findings: Array = get(&report, "findings").dyn_into().unwrap();
    assert_eq!(findings.length(), 1);
    let f = findings.get(0);
    let (start, end) = (get(&f, "start").as_f64().unwrap() as u32, get(&f, "end").as_f64().unwrap() as u32);
    let js = JsString::from(text);
    assert_eq!(String::from(js.slice(start, end)), "connard");
    assert_eq!(get(&f, "text").as_string().as_deref(), Some("connard"));
    assert_eq!(get(&f, "rule").as_string().as_deref(), Some("fr.insult.connard"));
    assert_eq!(get(&f, "category").as_string().as_deref(), Some("insult"));
}

#[wasm_bindgen_test]
fn wrong_types_throw_type_errors_and_the_analyzer_keeps_working() {
    let a = analyzer(JsValue::NULL).unwrap();
    for bad in [
        JsValue::from_f64(42.0),
        JsValue::NULL,
        JsValue::UNDEFINED,
        Object::new().into(),
        Array::new().into(),
        JsValue::TRUE,
    ] {
        let e = a.analyze(bad).err().expect("must throw");
        assert_eq!(error_name(&e), "TypeError");
        assert!(get(&e, "message").as_string().unwrap().contains("expects a string"));
        let ok: JsValue = a.analyze(JsValue::from_str("espèce de connard")).unwrap().into();
        assert_eq!(get(&ok, "flagged").as_bool(), Some(true));
    }
}

#[wasm_bindgen_test]
fn bad_options_are_clear_errors() {
    let e = analyzer(JsValue::from_f64(1.0)).err().unwrap();
    assert_eq!(error_name(&e), "TypeError");
    let e = analyzer(obj(&[("locales", JsValue::from_str("fr"))])).err().unwrap();
    assert_eq!(error_name(&e), "TypeError");
    assert!(get(&e, "message").as_string().unwrap().contains("locales"), "the message names the unknown key");
    let e = analyzer(obj(&[("locale", JsValue::from_str("de"))])).err().unwrap();
    assert_eq!(error_name(&e), "RangeError", "a string outside the allowed set is a wrong value");
    let term = obj(&[
        ("pattern", JsValue::from_str("nul")),
        ("category", JsValue::from_str("insult")),
        ("severity", JsValue::from_f64(7.0)),
    ]);
    let e = analyzer(obj(&[("extraTerms", Array::of1(&term).into())])).err().unwrap();
    assert_eq!(error_name(&e), "RangeError");
    let en = analyzer(obj(&[("locale", JsValue::from_str("en"))])).unwrap();
    let r: JsValue = en.analyze(JsValue::from_str("t'es un connard")).unwrap().into();
    let f = Array::from(&get(&r, "findings")).get(0);
    let explanation = get(&f, "explanation").as_string().unwrap();
    assert!(explanation.is_ascii(), "English explanation expected, got {explanation}");
}

#[wasm_bindgen_test]
fn long_texts_and_lone_surrogates() {
    let a = analyzer(JsValue::UNDEFINED).unwrap();
    let big = "a".repeat(MAX_TEXT_LENGTH as usize);
    let r: JsValue = a.analyze(JsValue::from_str(&big)).unwrap().into();
    assert_eq!(get(&r, "level").as_string().as_deref(), Some("none"));
    let too_big = JsString::from("a").repeat(MAX_TEXT_LENGTH as i32 + 1);
    let e = a.analyze(too_big.into()).err().unwrap();
    assert_eq!(error_name(&e), "RangeError");
    // A lone surrogate before the insult: the offsets must still index the JS string.
    let s = JsString::from_char_code1(0xD800).concat(&JsValue::from_str(" t'es un connard"));
    let r: JsValue = a.analyze(s.clone().into()).unwrap().into();
    let f = Array::from(&get(&r, "findings")).get(0);
    let (start, end) = (get(&f, "start").as_f64().unwrap() as u32, get(&f, "end").as_f64().unwrap() as u32);
    assert_eq!(String::from(s.slice(start, end)), "connard");
}

/// Short texts are written into a buffer reused from call to call: a short text after a longer one is
/// read alone (nothing of the longer one after it), and the same text gives the same report every time.
#[wasm_bindgen_test]
fn a_text_is_read_alone_whatever_came_before() {
    let a = analyzer(JsValue::UNDEFINED).unwrap();
    let report = |text: &str| -> JsValue { a.analyze(JsValue::from_str(text)).unwrap().into() };
    let findings = |r: &JsValue| Array::from(&get(r, "findings"));
    // Over the buffer's bound, then just under it (it fills the buffer), then short texts.
    for units in [5000, 480] {
        let long = format!("{} t'es un connard de merde 😀", "é".repeat(units - 30));
        assert_eq!(get(&report(&long), "flagged").as_bool(), Some(true));
        for text in ["ok", "t'es", "", "é"] {
            assert_eq!(findings(&report(text)).length(), 0, "{text:?} after a text of {units} units");
        }
    }
    let short = report("t'es un connard");
    let f = findings(&short).get(0);
    assert_eq!(get(&f, "text").as_string().as_deref(), Some("connard"));
    assert_eq!((get(&f, "start").as_f64(), get(&f, "end").as_f64()), (Some(8.0), Some(15.0)));
    let again = report("t'es un connard");
    assert_eq!(js_sys::JSON::stringify(&short).unwrap(), js_sys::JSON::stringify(&again).unwrap());
}

/// Every JS type that is not a string (symbols and bigints included), and options of every wrong shape:
/// a TypeError or RangeError that says what was expected, and the analyzer keeps working after each.
#[wasm_bindgen_test]
fn every_wrong_type_is_a_clear_error_and_nothing_breaks() {
    let a = analyzer(JsValue::UNDEFINED).unwrap();
    let still_works = |a: &Analyzer| {
        let ok: JsValue = a.analyze(JsValue::from_str("espèce de connard")).unwrap().into();
        assert_eq!(get(&ok, "flagged").as_bool(), Some(true));
    };
    let message = |e: &JsValue| get(e, "message").as_string().unwrap_or_default();
    for (bad, got) in [
        (JsValue::symbol(Some("text")), "got symbol"),
        (JsValue::bigint_from_str("42"), "got bigint"),
        (JsValue::from_f64(f64::NAN), "got number"),
        (js_sys::Function::new_no_args("return 1").into(), "got function"),
        (JsValue::NULL, "got null"),
    ] {
        let e = a.analyze(bad).err().expect("must throw");
        assert_eq!(error_name(&e), "TypeError");
        assert!(message(&e).contains("expects a string") && message(&e).contains(got), "{}", message(&e));
        still_works(&a);
    }
    let term = |severity: JsValue| {
        Array::of1(&obj(&[("pattern", "nul".into()), ("category", "insult".into()), ("severity", severity)])).into()
    };
    for (options, name, expected) in [
        (JsValue::symbol(None), "TypeError", "expects an options object, got symbol"),
        (JsValue::bigint_from_str("1"), "TypeError", "expects an options object, got bigint"),
        (Array::new().into(), "TypeError", "got an array"),
        (obj(&[("locale", JsValue::from_f64(42.0))]), "TypeError", "options.locale must be 'fr' or 'en'"),
        (obj(&[("extraTerms", "nul".into())]), "TypeError", "options.extraTerms must be an array"),
        (obj(&[("allowedTerms", JsValue::TRUE)]), "TypeError", "options.allowedTerms must be an array of strings"),
        (obj(&[("ignoreCategories", "insult".into())]), "TypeError", "options.ignoreCategories must be an array"),
        (obj(&[("ignoreCategories", Array::of1(&"swearing".into()).into())]), "RangeError", "swearing"),
        (obj(&[("extraTerms", term(JsValue::from_f64(0.0)))]), "RangeError", "severity must be 1, 2 or 3"),
        (obj(&[("extraTerms", term("2".into()))]), "TypeError", "expected"),
    ] {
        let e = analyzer(options).err().expect("must throw");
        assert_eq!(error_name(&e), name, "{}", message(&e));
        assert!(message(&e).contains(expected), "{:?} in {:?}", expected, message(&e));
        still_works(&a);
        still_works(&analyzer(JsValue::NULL).unwrap());
    }
    // Keys whose value is undefined are absent, as in JS.
    let a = analyzer(obj(&[("locale", JsValue::UNDEFINED), ("extraTerms", JsValue::UNDEFINED)])).unwrap();
    still_works(&a);
}

/// An explanation is handed over to JavaScript once per category and locale, then only named: every
/// report must still carry the core's own explanations, whatever reports and analyzers came before.
#[wasm_bindgen_test]
fn explanations_are_the_cores_in_every_report() {
    use poids_des_mots::{Analyzer as Native, Locale, Options};
    let texts = [
        "t'es un connard",
        "sale pd, va crever",
        "t'es un connard et une grosse merde, je vais te frapper",
        "salut, tu viens ?",
        "sale pd",
        "t'es un connard",
    ];
    let locales = [("fr", Locale::Fr), ("en", Locale::En)];
    let js: Vec<Analyzer> =
        locales.iter().map(|(name, _)| analyzer(obj(&[("locale", JsValue::from_str(name))])).unwrap()).collect();
    let native: Vec<Native> =
        locales.iter().map(|&(_, locale)| Native::new(Options { locale, ..Default::default() }).unwrap()).collect();
    let mut checked = 0;
    for round in 0..4 {
        for text in texts {
            // Each locale after the other, in both orders.
            for k in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
                let want = native[k].analyze(text);
                let r: JsValue = js[k].analyze(JsValue::from_str(text)).unwrap().into();
                let got = Array::from(&get(&r, "findings"));
                assert_eq!(got.length() as usize, want.findings.len(), "{text}");
                for (i, f) in want.findings.iter().enumerate() {
                    let explanation = get(&got.get(i as u32), "explanation").as_string();
                    let locale = locales[k].1;
                    assert_eq!(
                        explanation.as_deref(),
                        Some(f.explanation.as_str()),
                        "{text} ({locale:?}, round {round})"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 30, "too few findings to check: {checked}");
}

/// The report crosses the boundary as numbers in fixed positions and one string buffer (`report_to_js`
/// in src/wasm.rs, `makeReport` in src/report.js): every field of every report must be the core's, with
/// exactly the keys of the Rust types. Two fields written in each other's place (say `severity` and
/// `targeted`, or two lengths) change a value below, as the corpus has findings where they differ.
#[wasm_bindgen_test]
fn every_field_of_the_report_is_the_cores() {
    use poids_des_mots::{Analyzer as Native, Locale, Options};
    let texts = [
        "😀 é t'es un connard",
        "sale pd, va crever",
        "t'es un connard et une grosse merde, je vais te frapper",
        "putain il pleut",
        "j'ai envie de mourir",
        "tout le monde me harcèle, je veux mourir",
        "you are such a loser, nobody likes you",
        "appelle-le au 06 12 34 56 78 😡 c.0.n.n.a.r.d",
        "t'es un connard",
        "salut, tu viens ?",
        "il m'a traité de connard, t'es un bouffon",
    ];
    let keys = |v: &JsValue| -> Vec<String> {
        Object::keys(v.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect()
    };
    let json_keys = |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let (mut severities, mut targeted, mut reported, mut findings_seen) =
        (std::collections::BTreeSet::new(), [0; 2], [0; 2], 0);
    for (name, locale) in [("fr", Locale::Fr), ("en", Locale::En)] {
        let js = analyzer(obj(&[("locale", JsValue::from_str(name))])).unwrap();
        let native = Native::new(Options { locale, ..Default::default() }).unwrap();
        // Twice: the second time, explanations are named by key instead of handed over.
        for text in texts.iter().chain(texts.iter()) {
            let want = native.analyze(text);
            let got: JsValue = js.analyze(JsValue::from_str(text)).unwrap().into();
            let want_json = serde_json::to_value(&want).unwrap();
            // serde_json sorts keys; so do these comparisons.
            let sorted = |mut v: Vec<String>| {
                v.sort();
                v
            };
            assert_eq!(sorted(keys(&got)), sorted(json_keys(&want_json)), "report keys, {text}");
            assert_eq!(get(&got, "score").as_f64(), Some(want.score), "{text}");
            assert_eq!(get(&got, "level").as_string().as_deref(), Some(want.level.name()), "{text}");
            assert_eq!(get(&got, "flagged").as_bool(), Some(want.flagged), "{text}");
            assert_eq!(get(&got, "distress").as_bool(), Some(want.distress), "{text}");
            assert_eq!(get(&got, "victim").as_bool(), Some(want.victim), "{text}");
            let got_findings = Array::from(&get(&got, "findings"));
            assert_eq!(got_findings.length() as usize, want.findings.len(), "{text}");
            for (i, (f, g)) in want.findings.iter().zip(got_findings.iter()).enumerate() {
                let what = format!("{text} ({name}), finding {i}");
                let want_keys = json_keys(&want_json["findings"][i]);
                assert_eq!(sorted(keys(&g)), sorted(want_keys), "finding keys, {what}");
                assert_eq!(get(&g, "start").as_f64(), Some(f.start as f64), "{what}");
                assert_eq!(get(&g, "end").as_f64(), Some(f.end as f64), "{what}");
                assert_eq!(get(&g, "text").as_string().as_deref(), Some(f.text.as_str()), "{what}");
                assert_eq!(get(&g, "category").as_string().as_deref(), Some(f.category.name()), "{what}");
                assert_eq!(get(&g, "severity").as_f64(), Some(f64::from(f.severity)), "{what}");
                assert_eq!(get(&g, "rule").as_string().as_deref(), Some(f.rule.as_str()), "{what}");
                assert_eq!(get(&g, "targeted").as_bool(), Some(f.targeted), "{what}");
                assert_eq!(get(&g, "reported").as_bool(), Some(f.reported), "{what}");
                assert_eq!(get(&g, "explanation").as_string().as_deref(), Some(f.explanation.as_str()), "{what}");
                severities.insert(f.severity);
                targeted[usize::from(f.targeted)] += 1;
                reported[usize::from(f.reported)] += 1;
                findings_seen += 1;
            }
        }
    }
    // What makes a swap of two fields visible: severities other than 0 and 1, both kinds of targeting,
    // and texts, rules and explanations of different lengths (true of any real finding).
    assert!(severities.len() >= 2 && severities.iter().any(|&s| s > 1), "severities seen: {severities:?}");
    assert!(targeted[0] > 0 && targeted[1] > 0, "targeted / not targeted: {targeted:?}");
    assert!(reported[0] > 0 && reported[1] > 0, "reported / not reported: {reported:?}");
    assert!(findings_seen > 30, "too few findings to check: {findings_seen}");
}

/// The learned layer's findings (`hostility`, rule `model.hostility`) cross the boundary like the
/// lexicon's: the same fields as the core's, and UTF-16 spans whatever comes before them (emoji,
/// accents, combining marks). With `rulesOnly` the reports are the rules-only core's, with no such
/// finding.
#[wasm_bindgen_test]
fn the_models_findings_are_utf16_spans_and_rules_only_turns_them_off() {
    use poids_des_mots::{Analyzer as Native, Category, Options};
    // Hostile without a listed word (from tests/data/hostile_fr.txt): at least some of them raise.
    let messages = [
        "tu sers strictement à rien",
        "retourne chialer dans les jupes de ta mère",
        "personne voudra jamais de toi",
        "tu ferais mieux de te taire pour toujours",
        "avec ta tronche personne te parlera",
        "on va tous te lâcher",
    ];
    let prefixes = ["", "😀 ", "é\u{301} ", "👩‍👩‍👧 café ", "𝒜 \u{200B}"];
    let fused = (analyzer(JsValue::UNDEFINED).unwrap(), Native::default());
    let rules = (
        analyzer(obj(&[("rulesOnly", JsValue::TRUE)])).unwrap(),
        Native::new(Options { rules_only: true, ..Options::default() }).unwrap(),
    );
    let mut model_findings = 0;
    for message in messages {
        for prefix in prefixes {
            let text = format!("{prefix}{message}");
            let js = JsString::from(text.as_str());
            for (which, (a, native)) in [("fused", &fused), ("rules only", &rules)] {
                let want = native.analyze(&text);
                let got: JsValue = a.analyze(JsValue::from_str(&text)).unwrap().into();
                assert_eq!(get(&got, "level").as_string().as_deref(), Some(want.level.name()), "{which}: {text}");
                let got_findings = Array::from(&get(&got, "findings"));
                assert_eq!(got_findings.length() as usize, want.findings.len(), "{which}: {text}");
                for (f, g) in want.findings.iter().zip(got_findings.iter()) {
                    let (start, end) =
                        (get(&g, "start").as_f64().unwrap() as u32, get(&g, "end").as_f64().unwrap() as u32);
                    assert_eq!((start as usize, end as usize), (f.start, f.end), "{which}: {text}");
                    assert_eq!(String::from(js.slice(start, end)), f.text, "{which}: {text}");
                    assert_eq!(get(&g, "category").as_string().as_deref(), Some(f.category.name()));
                    if f.category == Category::Hostility {
                        assert_eq!(which, "fused", "rules only never reports the model's findings: {text}");
                        assert_eq!(get(&g, "rule").as_string().as_deref(), Some("model.hostility"));
                        assert!(!get(&g, "explanation").as_string().unwrap_or_default().is_empty());
                        model_findings += 1;
                    }
                }
            }
        }
    }
    assert!(model_findings >= prefixes.len() * 2, "too few model findings to check: {model_findings}");
    let e = analyzer(obj(&[("rulesOnly", "yes".into())])).err().expect("must throw");
    assert_eq!(error_name(&e), "TypeError");
    assert!(get(&e, "message").as_string().unwrap_or_default().contains("options.rulesOnly must be a boolean"));
}
