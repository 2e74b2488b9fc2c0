// Tests of the built npm package (pkg/) in Node ESM, with node's own runner:
//   ./scripts/build.sh && node --test tests/node/
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadPackage } from './load-pkg.mjs';


const LEVELS = ['none', 'notice', 'warn', 'alert'];
const HARASSING = "t'es vraiment un connard";
const KIND = 'Super clip, bravo à toute la classe ! 🎉';

let Analyzer;
let analyzer;

before(async () => {
  ({ Analyzer } = await loadPackage());
  analyzer = new Analyzer({ locale: 'fr' });
});

/** Checks every field of a report against the contract, for `text`. */
function assertReport(report, text) {
  assert.equal(typeof report, 'object');
  assert.notEqual(report, null);
  assert.equal(typeof report.score, 'number');
  assert.ok(Number.isFinite(report.score) && report.score >= 0 && report.score <= 1, `score ${report.score} in 0..1`);
  assert.ok(LEVELS.includes(report.level), `level ${report.level}`);
  assert.equal(typeof report.flagged, 'boolean');
  assert.equal(report.flagged, report.level === 'warn' || report.level === 'alert', 'flagged iff level >= warn');
  assert.equal(typeof report.distress, 'boolean', 'distress is a boolean');
  assert.ok(Array.isArray(report.findings), 'findings is an array');
  for (const f of report.findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end), `integer offsets ${f.start}..${f.end}`);
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `0 <= ${f.start} < ${f.end} <= ${text.length}`);
    assert.equal(typeof f.text, 'string');
    assert.equal(text.slice(f.start, f.end), f.text, 'text.slice(start, end) === finding.text');
    assert.equal(typeof f.category, 'string');
    assert.match(f.category, /^[a-z_]+$/);
    assert.ok([1, 2, 3].includes(f.severity), `severity ${f.severity}`);
    assert.equal(typeof f.rule, 'string');
    assert.match(f.rule, /^([a-z]{2}|site)\.[a-z_]+\.[\w.-]+$/, `rule id ${f.rule}`);
    assert.equal(typeof f.targeted, 'boolean');
    assert.equal(typeof f.explanation, 'string');
    assert.ok(f.explanation.trim().length > 0, 'explanation is not empty');
  }
  return report;
}

function assertStillWorks() {
  const r = assertReport(analyzer.analyze(HARASSING), HARASSING);
  assert.ok(r.flagged, 'the analyzer still flags after an error');
}

describe('reports', () => {
  test('a harassing message is flagged, with the span of the insult', () => {
    const r = assertReport(analyzer.analyze(HARASSING), HARASSING);
    assert.ok(r.flagged, `level ${r.level}`);
    assert.ok(r.score > 0);
    const insult = r.findings.find((f) => f.text.toLowerCase() === 'connard');
    assert.ok(insult, `a finding on "connard": ${JSON.stringify(r.findings)}`);
    assert.equal(insult.start, HARASSING.indexOf('connard'));
    assert.equal(insult.category, 'insult');
    assert.match(insult.rule, /^fr\./);
  });

  test('a kind message is not flagged', () => {
    const r = assertReport(analyzer.analyze(KIND), KIND);
    assert.equal(r.flagged, false);
    assert.equal(r.level, 'none');
    assert.deepEqual(r.findings, []);
  });

  test('the empty string gives an empty report', () => {
    const r = assertReport(analyzer.analyze(''), '');
    assert.equal(r.level, 'none');
    assert.equal(r.findings.length, 0);
  });

  test('offsets are UTF-16 code units, after emoji and accents', () => {
    const texts = [
      '😀 connard',
      '👩‍👩‍👧‍👦 tu es un connard',
      'Élodie, ça va ? é è ê 🎉🎉 espèce de connard !',
      'e\u0301e\u0301 connard', // combining accents
      '𝒜𝒷𝒸 connard 😀 connard',
    ];
    for (const text of texts) {
      const r = assertReport(analyzer.analyze(text), text);
      const hits = r.findings.filter((f) => f.text.toLowerCase() === 'connard');
      assert.ok(hits.length >= 1, `"connard" found in ${JSON.stringify(text)}: ${JSON.stringify(r.findings)}`);
      for (const h of hits) assert.equal(text.slice(h.start, h.end), 'connard');
    }
  });

  test('the same text gives the same report', () => {
    assert.deepEqual(analyzer.analyze(HARASSING), analyzer.analyze(HARASSING));
  });

  test('analyzers are independent: a second one agrees with the first', () => {
    const other = new Analyzer({ locale: 'fr' });
    assert.deepEqual(other.analyze(HARASSING), analyzer.analyze(HARASSING));
    other.free();
    assertStillWorks();
  });

  test('several findings with accents and emoji: each field is its own (the report is handed over in one piece)', () => {
    // report.js cuts texts, rules and explanations out of one string by UTF-16 lengths: a wrong length
    // would shift every field after it.
    const site = new Analyzer({
      locale: 'fr',
      extraTerms: [{ pattern: 'débile fini', category: 'insult', severity: 2 }],
    });
    const parts = ["t'es un débile fini 😀", 'e\u0301 espèce de connard 🇫🇷', 'sale pute', 'je vais te tuer'];
    const text = parts.join(' ');
    const report = assertReport(site.analyze(text), text);
    assert.ok(report.findings.length >= 4, `${report.findings.length} findings`);
    for (const f of report.findings) {
      // The same finding alone in a text of its own has the same rule, category and explanation.
      const alone = site.analyze(f.text).findings.find((g) => g.rule === f.rule);
      assert.ok(alone, `${f.rule} found again in ${JSON.stringify(f.text)}`);
      assert.equal(alone.category, f.category);
      assert.equal(alone.explanation, f.explanation);
    }
    assert.ok(report.findings.some((f) => f.rule.startsWith('site.') && f.text === 'débile fini'));
    site.free();
  });

  test('a freed analyzer says so (not "null pointer passed to rust"); a second free() is harmless', () => {
    const a = new Analyzer();
    assert.equal(a.analyze(HARASSING).level, 'warn');
    a.free();
    for (const use of [() => a.analyze(HARASSING), () => a.maxTextLength]) {
      assert.throws(use, (e) => e instanceof Error && e.message === 'poids-des-mots: this Analyzer was freed (free() was called); create a new one');
    }
    a.free();
    a[Symbol.dispose]?.();
    assert.equal(new Analyzer().analyze(HARASSING).level, 'warn', 'the module is fine');
  });

  test('options are optional', () => {
    const a = new Analyzer();
    assertReport(a.analyze(HARASSING), HARASSING);
    a.free();
  });

  test('engines without TextEncoder.encodeInto (Safari before 14.1) get the same reports', () => {
    // Short texts go into the module through report.js's writeText, which falls back to encode().
    const texts = [HARASSING, KIND, "😀 é t'es un c0nnard", '\uD800 sale con', '', 'x'.repeat(500) + ' connard'];
    const want = texts.map((t) => JSON.stringify(analyzer.analyze(t)));
    const proto = TextEncoder.prototype;
    const saved = Object.getOwnPropertyDescriptor(proto, 'encodeInto');
    delete proto.encodeInto;
    try {
      assert.equal(new TextEncoder().encodeInto, undefined);
      assert.deepEqual(texts.map((t) => JSON.stringify(analyzer.analyze(t))), want);
    } finally {
      Object.defineProperty(proto, 'encodeInto', saved);
    }
  });
});

describe('bad input', () => {
  for (const [name, value] of [
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { text: HARASSING }],
    ['an array', [HARASSING]],
  ]) {
    test(`${name} → TypeError, and the analyzer still works`, () => {
      assert.throws(() => analyzer.analyze(value), TypeError);
      assertStillWorks();
    });
  }

  test('no argument at all → TypeError', () => {
    assert.throws(() => analyzer.analyze(), TypeError);
    assertStillWorks();
  });

  test('1,000,000 characters → a report', () => {
    const text = 'bonjour tout le monde, '.repeat(50_000).slice(0, 999_990) + ' connard!';
    assert.equal(text.length, 999_999);
    const r = assertReport(analyzer.analyze(text), text);
    assert.ok(r.findings.some((f) => f.text === 'connard' && f.start === text.lastIndexOf('connard')));
    assertStillWorks();
  });

  test('exactly 1,048,576 UTF-16 units → a report; one more → RangeError', () => {
    const max = 'a'.repeat(1_048_576);
    assertReport(analyzer.analyze(max), max);
    assert.throws(() => analyzer.analyze(max + 'a'), RangeError);
    assertStillWorks();
  });

  test('the limit counts UTF-16 units, not characters (emoji count twice)', () => {
    const emoji = '😀'.repeat(524_289); // 1,048,578 units
    assert.throws(() => analyzer.analyze(emoji), RangeError);
    assertStillWorks();
  });

  test('2,000,000 characters → RangeError, and the analyzer still works', () => {
    assert.throws(() => analyzer.analyze('x'.repeat(2_000_000)), RangeError);
    assertStillWorks();
  });

  test('lone surrogates → a valid report', () => {
    for (const text of ['\uD800connard', 'connard\uDC00', '\uDC00\uD800 t\u2019es un connard \uD800', '\uD800']) {
      assertReport(analyzer.analyze(text), text);
    }
    assertStillWorks();
  });

  test('NUL and control characters → a valid report', () => {
    const text = 'con\u0000nard \u0007 connard\r\n\t';
    assertReport(analyzer.analyze(text), text);
  });
});

describe('options', () => {
  for (const [name, options] of [
    ['an unknown key', { locale: 'fr', colour: 'red' }],
    ['a locale of the wrong type', { locale: 42 }],
    ['options that are a string', 'fr'],
    ['options that are a number', 3],
  ]) {
    test(`${name} → TypeError`, () => {
      assert.throws(() => new Analyzer(options), TypeError);
      assertStillWorks();
    });
  }

  test('the English locale gives a valid report', () => {
    const en = new Analyzer({ locale: 'en' });
    const text = 'you are such an idiot';
    const r = assertReport(en.analyze(text), text);
    en.free();
    for (const f of r.findings) assert.match(f.rule, /^(en|fr)\./);
  });
});
