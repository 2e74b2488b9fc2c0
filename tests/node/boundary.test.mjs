// The JS boundary of the built package (pkg/), in Node: every wrong type or value for `analyze(text)`
// and for `new Analyzer(options)` is a TypeError or a RangeError whose message says what was expected,
// and the analyzer (and the module) keeps working after each one. Run by ./scripts/test.sh (node-pkg).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadPackage } from './load-pkg.mjs';

const HARASSING = "t'es vraiment un connard";

let Analyzer;
let analyzer;

before(async () => {
  ({ Analyzer } = await loadPackage());
  analyzer = new Analyzer();
});

/** The analyzer built in `before`, and a fresh one, both still flag a harassing message. */
function assertStillWorks() {
  assert.equal(analyzer.analyze(HARASSING).flagged, true, 'the analyzer still works after the error');
  const fresh = new Analyzer({ locale: 'en' });
  assert.equal(fresh.analyze(HARASSING).flagged, true, 'a new analyzer can still be built');
  fresh.free();
}

/** Runs `fn`, expects an error of class `Kind` whose message matches every pattern. Returns the message. */
function assertThrowsWith(fn, Kind, ...patterns) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'it must throw');
  assert.ok(error instanceof Kind, `${Kind.name} expected, got ${error?.name}: ${error?.message}`);
  assert.match(error.message, /^poids-des-mots: /, `the message names the library: ${error.message}`);
  for (const p of patterns) assert.match(error.message, p, `message: ${error.message}`);
  return error.message;
}

describe('analyze(text) with a text that is not a string', () => {
  const cases = [
    ['a number', 42, /got number/],
    ['NaN', NaN, /got number/],
    ['a boolean', true, /got boolean/],
    ['null', null, /got null/],
    ['undefined', undefined, /got undefined/],
    ['an object', { text: HARASSING }, /got object/],
    ['a String object', new String(HARASSING), /got object/],
    ['an array', [HARASSING], /got an array/],
    ['a symbol', Symbol('text'), /got symbol/],
    ['a bigint', 42n, /got bigint/],
    ['a function', () => HARASSING, /got function/],
    ['an object whose toString throws', { toString() { throw new Error('boom'); } }, /got object/],
  ];
  for (const [name, value, got] of cases) {
    test(`${name} → TypeError "expects a string, ${got.source}"`, () => {
      assertThrowsWith(() => analyzer.analyze(value), TypeError, /analyze\(text\) expects a string/, got);
      assertStillWorks();
    });
  }

  test('no argument → TypeError', () => {
    assertThrowsWith(() => analyzer.analyze(), TypeError, /expects a string, got undefined/);
    assertStillWorks();
  });

  test('too long → RangeError that gives the limit and the length', () => {
    const text = 'a'.repeat(analyzer.maxTextLength + 1);
    assertThrowsWith(() => analyzer.analyze(text), RangeError, /at most 1048576 UTF-16 code units/, /got 1048577/);
    assert.equal(analyzer.maxTextLength, 1_048_576);
    assertStillWorks();
  });

  test('a thousand errors in a row leave the analyzer and the memory usable', () => {
    for (let i = 0; i < 1000; i++) {
      assert.throws(() => analyzer.analyze(i % 2 ? i : { i }), TypeError);
    }
    assertStillWorks();
  });
});

describe('new Analyzer(options) with wrong options', () => {
  const typeErrors = [
    ['a number', 3, /expects an options object, got number/],
    ['a string', 'fr', /expects an options object, got string/],
    ['a boolean', true, /expects an options object, got boolean/],
    ['an array', [{ locale: 'fr' }], /expects an options object, got an array/],
    ['a symbol', Symbol('fr'), /expects an options object, got symbol/],
    ['a bigint', 1n, /expects an options object, got bigint/],
    ['a function', () => ({}), /expects an options object, got function/],
    ['an unknown key', { locale: 'fr', colour: 'red' }, /unknown key "colour" in options/, /expected one of locale, extraTerms, allowedTerms, ignoreCategories, rulesOnly/],
    ['a misspelt key', { extraTerm: [] }, /unknown key "extraTerm"/],
    ['an unknown key in a term', { extraTerms: [{ pattern: 'nul', category: 'insult', severity: 1, weight: 2 }] }, /unknown key "weight" in extraTerms\[0\]/, /expected one of pattern, category, severity/],
    ['a locale that is a number', { locale: 42 }, /options\.locale must be 'fr' or 'en', got number/],
    ['extraTerms that is a string', { extraTerms: 'nul' }, /options\.extraTerms must be an array of \{ pattern, category, severity \}, got string/],
    ['a term that is a string', { extraTerms: ['nul'] }, /expected/],
    ['a term without a pattern', { extraTerms: [{ category: 'insult', severity: 1 }] }, /pattern/],
    ['a pattern that is a number', { extraTerms: [{ pattern: 1, category: 'insult', severity: 1 }] }, /expected/],
    ['a severity that is a string', { extraTerms: [{ pattern: 'nul', category: 'insult', severity: '2' }] }, /expected/],
    ['allowedTerms that is a string', { allowedTerms: 'tuer le boss' }, /options\.allowedTerms must be an array of strings, got string/],
    ['an allowed term that is a number', { allowedTerms: [42] }, /expected/],
    ['ignoreCategories that is a string', { ignoreCategories: 'profanity' }, /options\.ignoreCategories must be an array of category names, got string/],
    ['a locale that is null', { locale: null }, /options\.locale must be 'fr' or 'en', got null/],
  ];
  for (const [name, options, ...patterns] of typeErrors) {
    test(`${name} → TypeError`, () => {
      assertThrowsWith(() => new Analyzer(options), TypeError, ...patterns);
      assertStillWorks();
    });
  }

  const rangeErrors = [
    ['an unknown locale', { locale: 'de' }, /de/, /expected/],
    ['an unknown category', { extraTerms: [{ pattern: 'nul', category: 'meanness', severity: 1 }] }, /meanness/, /expected/],
    ['an unknown category to ignore', { ignoreCategories: ['swearing'] }, /swearing/, /expected/],
    ['distress to ignore', { ignoreCategories: ['profanity', 'distress'] }, /ignoreCategories\[1\]: "distress" cannot be ignored/, /asking for help/, /offer support/],
    ['severity 7', { extraTerms: [{ pattern: 'nul', category: 'insult', severity: 7 }] }, /extraTerms\[0\]/, /severity must be 1, 2 or 3/],
    ['severity 0', { extraTerms: [{ pattern: 'nul', category: 'insult', severity: 0 }] }, /severity must be 1, 2 or 3/],
    ['an unbalanced pattern', { extraTerms: [{ pattern: '(nul|naze', category: 'insult', severity: 2 }] }, /extraTerms\[0\]/, /unbalanced/],
    ['an empty pattern', { extraTerms: [{ pattern: '   ', category: 'insult', severity: 2 }] }, /extraTerms\[0\]/],
    ['an unknown class', { extraTerms: [{ pattern: '{NOPE} nul', category: 'insult', severity: 2 }] }, /unknown class/],
  ];
  for (const [name, options, ...patterns] of rangeErrors) {
    test(`${name} → RangeError`, () => {
      assertThrowsWith(() => new Analyzer(options), RangeError, ...patterns);
      assertStillWorks();
    });
  }

  test('a severity out of the u8 range or fractional → an error that says what was expected', () => {
    for (const severity of [300, -1, 2.5, NaN]) {
      let error;
      try {
        new Analyzer({ extraTerms: [{ pattern: 'nul', category: 'insult', severity }] });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof TypeError || error instanceof RangeError, `severity ${severity}: ${error}`);
      assert.match(error.message, /severity|expected/, `severity ${severity}: ${error.message}`);
    }
    assertStillWorks();
  });

  test('a getter that throws → TypeError that says which option, and the module keeps working', () => {
    assertThrowsWith(() => new Analyzer({ get locale() { throw new Error('boom'); } }), TypeError, /could not read options\.locale: boom/);
    assertStillWorks();
  });

  test('null and undefined options mean the defaults', () => {
    for (const options of [null, undefined, {}]) {
      const a = new Analyzer(options);
      assert.equal(a.analyze(HARASSING).flagged, true);
      a.free();
    }
  });

  test('optional keys may be undefined', () => {
    const a = new Analyzer({ locale: undefined, extraTerms: undefined, allowedTerms: undefined, ignoreCategories: undefined });
    assert.equal(a.analyze(HARASSING).flagged, true);
    a.free();
  });
});
