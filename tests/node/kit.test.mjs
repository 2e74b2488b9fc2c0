// The integration kit of the built package (pkg/checker.js, attach.js, messages.js,
// resources.js) in Node ESM: local checkers, option errors, the texts and resources.
//   ./scripts/build.sh && node --test tests/node/
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

const PKG = new URL('../../pkg/', import.meta.url);
const wasm = readFileSync(new URL('poids_des_mots_bg.wasm', PKG));
let kit;
let checkerModule;

before(async () => {
  kit = await import(new URL('attach.js', PKG));
  checkerModule = await import(new URL('checker.js', PKG));
});

describe('createChecker in Node', () => {
  test('local mode gives the same report as the Analyzer', async () => {
    const glue = await import(new URL('poids_des_mots.js', PKG));
    const checker = await kit.createChecker({ wasm, locale: 'fr' });
    assert.equal(checker.mode, 'local');
    assert.equal(checker.locale, 'fr');
    const text = "t'es vraiment un connard";
    const report = await checker.analyze(text);
    assert.deepEqual(report, new glue.Analyzer({ locale: 'fr' }).analyze(text));
    assert.deepEqual(checker.analyzeSync(text), report);
    assert.equal(report.level, 'warn');
    assert.ok(checker.lastTiming.analysisMs >= 0);
    assert.equal(checker.maxTextLength, 1 << 20);
    checker.destroy();
    await assert.rejects(checker.analyze('x'), /destroyed/);
  });

  test('the analyzer options go through: locale, extra and allowed terms, ignored categories', async () => {
    const en = await kit.createChecker({ wasm, locale: 'en' });
    assert.match((await en.analyze("t'es un connard")).findings[0].explanation, /insult/);
    const site = await kit.createChecker({
      wasm,
      extraTerms: [{ pattern: '(campeur|campeuse)', category: 'insult', severity: 2 }],
      allowedTerms: ['je vais te tuer'],
      ignoreCategories: ['profanity'],
    });
    assert.equal((await site.analyze("t'es un campeur")).findings[0].rule, 'site.insult.campeur');
    assert.equal((await site.analyze('je vais te tuer')).level, 'none');
  });

  test('invalid options: TypeError or RangeError, saying what was expected', async () => {
    await assert.rejects(kit.createChecker('fr'), { name: 'TypeError', message: /options object, got string/ });
    await assert.rejects(kit.createChecker({ wasm, mod: 'local' }), { name: 'TypeError', message: /unknown key "mod"/ });
    await assert.rejects(kit.createChecker({ wasm, mode: 'cloud' }), { name: 'RangeError', message: /'local' or 'worker'/ });
    await assert.rejects(kit.createChecker({ wasm, workerUrl: 3 }), { name: 'TypeError', message: /workerUrl/ });
    await assert.rejects(kit.createChecker({ wasm, extraTerms: [{ pattern: '(', category: 'insult', severity: 2 }] }), RangeError);
    await assert.rejects(kit.createChecker({ wasm, locale: 'de' }), RangeError);
    await assert.rejects(checkerModule.loadModule(42), { name: 'TypeError', message: /option wasm/ });
  });

  test("worker mode says it needs a browser", async () => {
    await assert.rejects(kit.createChecker({ wasm, mode: 'worker' }), /needs Web Workers/);
  });

  test('analyze(non-string) is a TypeError, as on the wasm side', async () => {
    const checker = await kit.createChecker({ wasm });
    await assert.rejects(checker.analyze(42), TypeError);
    await assert.rejects(checker.analyze('x'.repeat((1 << 20) + 1)), RangeError);
    assert.equal((await checker.analyze('merci !')).level, 'none', 'usable after errors');
  });
});

describe('attach.bundle.js, the kit in one module', () => {
  test('exports what attach.js exports, and works', async () => {
    const bundle = await import(new URL('attach.bundle.js', PKG));
    assert.deepEqual(Object.keys(bundle).sort(), Object.keys(kit).sort());
    assert.deepEqual(bundle.MESSAGES, kit.MESSAGES);
    assert.equal(bundle.CSS, kit.CSS);
    const checker = await bundle.createChecker({ wasm });
    const report = await checker.analyze("j'en peux plus, va te pendre");
    assert.deepEqual(bundle.advise(report), kit.advise(report));
    checker.destroy();
  });
});

describe('attach outside a browser', () => {
  test('attach() without a DOM element is a TypeError', () => {
    assert.throws(() => kit.attach({}), { name: 'TypeError', message: /textarea/ });
    assert.throws(() => kit.attach(null), TypeError);
  });
  test('attach.css is the stylesheet attach() adopts', () => {
    assert.equal(kit.CSS, readFileSync(new URL('attach.css', PKG), 'utf8'));
    assert.doesNotMatch(kit.CSS, /(^|\})\s*(body|html|\*|textarea|input|button|p|ul|li|dialog)\s*[{,]/, 'no rule for bare elements');
    for (const rule of kit.CSS.replace(/\/\*[\s\S]*?\*\//g, '').match(/[^{}]+(?=\{)/g)) {
      if (/@media/.test(rule)) continue;
      for (const sel of rule.split(',')) assert.match(sel.trim(), /^\.pdm-/, `scoped selector: ${sel.trim()}`);
    }
  });
});

describe('advise(): what a report asks of the page, distress and harm together', () => {
  const cases = [
    // text, state, confirm (sensitivity warn), support, the words named and highlighted
    ["j'en peux plus, va te pendre", 'alert', true, ['suicide'], ["j'en peux plus", 'va te pendre']],
    ["j'ai envie de mourir, sale pd", 'alert', true, ['suicide'], ["j'ai envie de mourir", 'sale pd']],
    ['tout le monde me harcèle. ferme ta gueule sale pute', 'alert', true, ['harassment'], ['tout le monde me harcèle', 'ferme ta gueule', 'sale pute']],
    ["j'ai envie de mourir", 'distress', false, ['suicide'], ["j'ai envie de mourir"]],
    ['tout le monde me harcèle, j\u2019ai envie de mourir', 'distress', false, ['suicide', 'harassment'], null],
    ["t'es vraiment un connard", 'warn', true, [], ['connard']],
    ['le mot connard est un gros mot', 'none', false, [], []],
    ['Super clip, bravo !', 'none', false, [], []],
  ];
  for (const [text, state, confirm, support, words] of cases) {
    test(JSON.stringify(text), async () => {
      const checker = await kit.createChecker({ wasm });
      const report = await checker.analyze(text);
      const advice = kit.advise(report);
      assert.equal(advice.state, state, JSON.stringify(report));
      assert.equal(advice.confirm, confirm);
      assert.deepEqual(advice.support, support);
      if (words) assert.deepEqual(advice.findings.map((f) => f.text), words);
      for (const f of advice.findings) assert.ok(report.findings.includes(f), 'findings of the report itself');
      checker.destroy();
    });
  }
  test("a victim's report (Report.victim, from issue 18's core): support with the 3018, no caution", async () => {
    const checker = await kit.createChecker({ wasm });
    const text = "il m'a traité de connard, c'est pas cool";
    const report = await checker.analyze(text);
    assert.deepEqual([report.victim, report.score, report.level], [true, 0, 'none'], "the core's own report: the reported words weigh nothing");
    const advice = kit.advise(report);
    assert.deepEqual([advice.state, advice.confirm, advice.victim, advice.support.join()], ['distress', false, true, 'harassment']);
    assert.deepEqual(advice.findings, [], 'the words reported are not named nor highlighted');
    const withDistress = kit.advise({ ...report, distress: true, findings: [...report.findings, { text: "j'ai envie de mourir", category: 'distress', rule: 'fr.distress.j_ai_envie_de_mourir' }] });
    assert.deepEqual(withDistress.support, ['suicide', 'harassment'], 'most urgent first');
    checker.destroy();
  });
  test('the sensitivity moves the confirmation, never the support', async () => {
    const checker = await kit.createChecker({ wasm });
    const report = await checker.analyze("j'en peux plus, t'es un connard");
    assert.equal(report.level, 'warn');
    assert.deepEqual(
      ['notice', 'warn', 'alert'].map((s) => [kit.advise(report, s).confirm, kit.advise(report, s).support.join()]),
      [[true, 'suicide'], [true, 'suicide'], [false, 'suicide']],
    );
    const notice = await checker.analyze('putain');
    assert.equal(notice.level, 'notice');
    assert.equal(kit.advise(notice, 'notice').confirm, true);
    assert.equal(kit.advise(notice).confirm, false);
    assert.deepEqual(kit.advise(notice).findings.map((f) => f.text), ['putain'], 'a notice is named and highlighted');
    checker.destroy();
  });
});

describe('words that help', () => {
  test('French and English nudges have the same keys, short and without blame words', () => {
    const { fr, en } = kit.MESSAGES;
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    for (const [k, v] of [...Object.entries(fr), ...Object.entries(en)]) {
      assert.ok(v.length > 0 && v.length <= 110, `${k}: short (${v.length})`);
      assert.doesNotMatch(v, /méchant|harceleur|honte|coupable|bully|shame|guilty/i, `${k}: judges nobody`);
    }
    assert.equal(fr.confirmTitle, 'Es-tu sûr·e ?');
  });
  test('resources: 3018 and 3114 by default, replaceable, link-free', () => {
    const { RESOURCES_FR, RESOURCES_GB, DEFAULT_RESOURCES, supportKind } = kit;
    assert.equal(DEFAULT_RESOURCES, RESOURCES_FR);
    assert.equal(RESOURCES_FR.harassment.number, '3018');
    assert.equal(RESOURCES_FR.suicide.number, '3114');
    assert.equal(RESOURCES_FR.harassment.text.fr, 'Tu es victime ou témoin de harcèlement ? Le 3018, gratuit et anonyme.');
    assert.equal(RESOURCES_GB.country, 'GB');
    for (const r of [RESOURCES_FR, RESOURCES_GB]) assert.doesNotMatch(JSON.stringify(r), /https?:|tel:|<a/);
    assert.equal(supportKind({ rule: 'fr.distress.je_veux_mourir' }), 'suicide');
    assert.equal(supportKind({ rule: 'en.distress.i_want_to_die' }), 'suicide');
    assert.equal(supportKind({ rule: 'fr.distress.tout_le_monde_me_harcele' }), 'harassment');
    assert.equal(supportKind({ rule: 'fr.distress.il_me_fait_chanter' }), 'harassment');
  });
  test("one set of texts: the core's distress explanation ends with the kit's distressText", async () => {
    const same = (s) => s.replace(/\u2019/g, "'");
    for (const locale of ['fr', 'en']) {
      const checker = await kit.createChecker({ wasm, locale });
      const report = await checker.analyze(locale === 'fr' ? "j'ai envie de mourir" : 'i want to die');
      const explanation = report.findings.find((f) => f.category === 'distress').explanation;
      assert.ok(same(explanation).endsWith(same(kit.MESSAGES[locale].distressText)), `${locale}: ${explanation}`);
      checker.destroy();
    }
  });
  test('explanations say no "this word": they follow one word or several', async () => {
    const checker = await kit.createChecker({ wasm });
    for (const text of ['connard bouffon', 'putain merde']) {
      for (const f of (await checker.analyze(text)).findings) assert.doesNotMatch(f.explanation, /^(Ce mot|C'est un)/, f.explanation);
    }
    checker.destroy();
  });
  test('resourceText picks the locale, falls back, accepts plain strings', async () => {
    const { resourceText, RESOURCES_FR } = await import(new URL('resources.js', PKG));
    assert.match(resourceText(RESOURCES_FR, 'suicide', 'en'), /3114: 24\/7, free/);
    assert.equal(resourceText({ harassment: 'Appelle le 116 111.' }, 'harassment', 'en'), 'Appelle le 116 111.');
    assert.equal(resourceText({ harassment: { number: '116 111', text: { fr: 'Le 116 111.' } } }, 'harassment', 'en'), 'Le 116 111.');
    assert.equal(resourceText(null, 'suicide', 'fr'), '');
  });
});

test('package.json exports and ships every kit file', () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', PKG), 'utf8'));
  for (const sub of ['./attach', './checker', './resources', './messages', './worker.js', './attach.css']) assert.ok(pkg.exports[sub], sub);
  for (const f of ['attach.js', 'attach.d.ts', 'attach.css', 'checker.js', 'checker.d.ts', 'worker.js', 'resources.js', 'resources.d.ts', 'messages.js', 'messages.d.ts']) {
    assert.ok(pkg.files.includes(f), `files has ${f}`);
  }
});
