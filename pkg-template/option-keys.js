// The names of the options, declared once: checker.js and attach/options.js import them, and
// tests/node/declarations.test.mjs fails when the TypeScript declarations (AnalyzerOptions in
// src/wasm.rs, CheckerOptions, AttachOptions) or the keys the wasm side accepts disagree with them.
// The order is the order error messages list them in.

/** What `new Analyzer(options)` reads (src/wasm.rs). */
export const ANALYZER_KEYS = Object.freeze(['locale', 'extraTerms', 'allowedTerms', 'ignoreCategories', 'rulesOnly']);

/** What `createChecker(options)` accepts: the analyzer's, and where it runs. */
export const CHECKER_KEYS = Object.freeze(['mode', ...ANALYZER_KEYS, 'wasm', 'workerUrl']);

/** attach()'s own options (`locale` is also the analyzer's: it sets both). */
export const ATTACH_OWN_KEYS = Object.freeze([
  'checker', 'locale', 'sensitivity', 'debounce', 'highlight', 'feedback', 'guard', 'form', 'help', 'resources', 'messages', 'styles',
]);

/** What attach() hands to createChecker() when no `checker` is given; with a `checker`, they belong to it. */
export const ATTACH_CHECKER_KEYS = Object.freeze(CHECKER_KEYS.filter((k) => !ATTACH_OWN_KEYS.includes(k)));

/** Every key attach() accepts. */
export const ATTACH_KEYS = Object.freeze([...ATTACH_OWN_KEYS, ...ATTACH_CHECKER_KEYS]);
