// Browser tests of the integration kit (pkg/attach.js, checker.js, worker.js)
// in headless Chromium, and of the Vite example's built output.
//
//   ./scripts/build.sh && (cd examples/vite && npm run build) && node tests/browser/kit.mjs
//
// Serves a temporary folder on 127.0.0.1 with pkg/, tests/browser/fixtures/
// and examples/vite/dist/ (symlinks), under the same strict CSP as the demo
// (plus worker-src 'self'). Prints 'kit: N passed, N failed'.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { counter, freePort, launch, startServer, watch } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VITE_DIST = path.join(ROOT, 'examples/vite/dist');
const t = counter('kit');
const { check } = t;

const HARASSING = "t'es vraiment un connard";
const CORPUS = [
  '',
  'Super clip, bravo à toute la classe ! 🎉',
  HARASSING,
  '😀 Élodie, t\u2019es une vraie connard ?',
  "j'ai envie de mourir",
  'tout le monde me harcèle',
  'je vais te tuer',
  "t'es un noob",
  'you are such a loser, nobody likes you',
  'ferme ta gueule sale pute',
  'Franchement je trouve que ce clip est pas mal du tout mais toi t\u2019es vraiment un connard 😀 et voilà\nligne 2',
  'merde alors',
];

async function main() {
  for (const f of ['pkg/attach.js', 'pkg/worker.js', 'pkg/poids_des_mots_bg.wasm']) {
    if (!existsSync(path.join(ROOT, f))) {
      check(`${f} exists (run ./scripts/build.sh)`, false);
      t.finish(1);
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdm-kit-'));
  symlinkSync(path.join(ROOT, 'pkg'), path.join(dir, 'pkg'));
  symlinkSync(path.join(ROOT, 'tests/browser/fixtures'), path.join(dir, 'fixtures'));
  symlinkSync(path.join(ROOT, 'www-demo'), path.join(dir, 'www'));
  if (existsSync(VITE_DIST)) symlinkSync(VITE_DIST, path.join(dir, 'vite'));
  const server = await startServer(dir, '/fixtures/kit.html');
  const browser = await launch();
  try {
    await kit(browser, server.base);
    await demoKit(browser, server.base);
    await strict(browser, server.base);
    await vite(browser, server.base);
    await viteDev(browser);
  } catch (err) {
    check(`no unexpected exception (${err && err.message ? err.message.split('\n')[0] : err})`, false, err && err.stack);
  } finally {
    await browser.close().catch(() => {});
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  t.finish();
}

async function open(browser, url) {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 }, locale: 'fr-FR', serviceWorkers: 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  const seen = await watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 15_000 });
  return { context, page, seen };
}

async function kit(browser, base) {
  const { context, page, seen } = await open(browser, `${base}/fixtures/kit.html`);
  const ev = (expr) => page.evaluate(expr);

  // ---- options are checked at once
  const errors = await page.evaluate(async () => {
    const { attach, createChecker } = window.pdm;
    const out = {};
    const grab = (name, fn) => {
      try {
        fn();
        out[name] = 'no error';
      } catch (e) {
        out[name] = `${e.name}: ${e.message}`;
      }
    };
    const ta = document.getElementById('ta');
    grab('div', () => attach(document.createElement('div')));
    grab('checkbox', () => attach(Object.assign(document.createElement('input'), { type: 'checkbox' })));
    grab('unknown', () => attach(ta, { sensitivty: 'warn' }));
    grab('sensitivity', () => attach(ta, { sensitivity: 'high' }));
    grab('debounce', () => attach(ta, { debounce: '150' }));
    grab('locale', () => attach(ta, { locale: 'de' }));
    grab('help', () => attach(ta, { help: 3018 }));
    grab('messages', () => attach(ta, { messages: { warn: 3 } }));
    for (const mode of ['local', 'worker']) {
      for (const [name, opts] of [
        ['badmode', { mode: 'cloud' }],
        ['badterm', { mode, extraTerms: [{ pattern: '(', category: 'insult', severity: 2 }] }],
        ['badsev', { mode, extraTerms: [{ pattern: 'noob', category: 'insult', severity: 7 }] }],
        ['badkey', { mode, extraTerm: [] }],
        ['badcat', { mode, ignoreCategories: ['nope'] }],
        ['nodistress', { mode, ignoreCategories: ['distress'] }],
      ]) {
        try {
          await createChecker(opts);
          out[`${mode}-${name}`] = 'no error';
        } catch (e) {
          out[`${mode}-${name}`] = `${e.name}: ${e.message}`;
        }
      }
    }
    return out;
  });
  check('attach(<div>) is a TypeError', /^TypeError: .*contenteditable/.test(errors.div), errors.div);
  check('attach(checkbox) is a TypeError', /^TypeError/.test(errors.checkbox), errors.checkbox);
  check('an unknown attach option is a TypeError naming it', /^TypeError: .*"sensitivty"/.test(errors.unknown), errors.unknown);
  check("sensitivity 'high' is a RangeError", /^RangeError: .*sensitivity/.test(errors.sensitivity), errors.sensitivity);
  check("debounce '150' is a TypeError", /^TypeError: .*debounce/.test(errors.debounce), errors.debounce);
  check("locale 'de' is a RangeError", /^RangeError: .*locale/.test(errors.locale), errors.locale);
  check('help: 3018 and messages.warn: 3 are TypeErrors', /^TypeError/.test(errors.help) && /^TypeError/.test(errors.messages), `${errors.help} / ${errors.messages}`);
  check("createChecker({ mode: 'cloud' }) is a RangeError", /^RangeError: .*mode/.test(errors['local-badmode']), errors['local-badmode']);
  const same = ['badterm', 'badsev', 'badkey', 'badcat', 'nodistress'].map((n) => [n, errors[`local-${n}`], errors[`worker-${n}`]]);
  check(
    'invalid analyzer options: the same error, same type, in local and worker modes',
    same.every(([, l, w]) => l === w && /^(TypeError|RangeError): poids-des-mots/.test(l)),
    JSON.stringify(same),
  );
  check(
    "ignoreCategories: ['distress'] is a RangeError that says why, in both modes",
    /^RangeError: poids-des-mots: .*"distress" cannot be ignored: it is the author asking for help/.test(errors['worker-nodistress']),
    errors['worker-nodistress'],
  );
  check('the wasm side errors keep their type (RangeError for a bad pattern)', /^RangeError/.test(errors['local-badterm']), errors['local-badterm']);

  // ---- worker and local modes give identical reports
  const compared = await page.evaluate(async (corpus) => {
    const { createChecker } = window.pdm;
    const opts = { extraTerms: [{ pattern: 'noob', category: 'insult', severity: 2 }] };
    const out = {};
    for (const locale of ['fr', 'en']) {
      const local = await createChecker({ ...opts, locale, mode: 'local' });
      const worker = await createChecker({ ...opts, locale, mode: 'worker' });
      const diffs = [];
      for (const text of corpus) {
        const a = JSON.stringify(await local.analyze(text));
        const b = JSON.stringify(await worker.analyze(text));
        if (a !== b) diffs.push({ text, a, b });
      }
      out[locale] = { diffs, n: corpus.length, modes: [local.mode, worker.mode], timing: worker.lastTiming };
      local.destroy();
      worker.destroy();
    }
    return out;
  }, CORPUS);
  for (const locale of ['fr', 'en']) {
    const c = compared[locale];
    check(`worker and local modes give identical reports (${locale}, ${c.n} texts)`, c.diffs.length === 0 && c.modes.join() === 'local,worker', JSON.stringify(c.diffs));
  }
  check('the worker reports its timing', compared.fr.timing && compared.fr.timing.analysisMs >= 0 && compared.fr.timing.totalMs >= compared.fr.timing.analysisMs, JSON.stringify(compared.fr.timing));

  // ---- a long text in the worker does not block the page
  const responsive = await page.evaluate(async () => {
    const { createChecker } = window.pdm;
    const worker = await createChecker({ mode: 'worker' });
    const long = 'Franchement t\u2019es vraiment un connard, ce clip est nul. '.repeat(15_000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const t0 = performance.now();
    const report = await worker.analyze(long);
    const ms = performance.now() - t0;
    clearInterval(timer);
    worker.destroy();
    let destroyed = '';
    try {
      await worker.analyze('x');
    } catch (e) {
      destroyed = e.message;
    }
    return { ticks, ms, findings: report.findings.length, length: long.length, destroyed };
  });
  check(
    `a long text (${responsive.length} chars, ${Math.round(responsive.ms)} ms) in the worker leaves the page running (${responsive.ticks} timer ticks meanwhile)`,
    responsive.findings > 1000 && responsive.ticks >= 3,
    JSON.stringify(responsive),
  );
  check('a destroyed checker says so', /destroyed/.test(responsive.destroyed), responsive.destroyed);
  const freed = await page.evaluate(async () => {
    const { Analyzer } = await import('../pkg/poids_des_mots.js'); // initialised by the checkers above
    const a = new Analyzer();
    a.free();
    const out = [];
    for (const use of [() => a.analyze('x'), () => a.maxTextLength, () => a.free()]) {
      try {
        use();
        out.push('no error');
      } catch (e) {
        out.push(`${e.name}: ${e.message}`);
      }
    }
    return out;
  });
  const bundled = await page.evaluate(async (text) => {
    const bundle = await import('../pkg/attach.bundle.js');
    const out = { keys: Object.keys(bundle).sort().join(), modules: Object.keys(window.pdm).filter((k) => k in bundle).length };
    // The page's compiled module (the bundle has its own copy of checker.js, which would fetch it again).
    const wasm = await window.pdm.loadModule();
    for (const mode of ['local', 'worker']) {
      const c = await bundle.createChecker({ mode, wasm });
      out[mode] = JSON.stringify(await c.analyze(text));
      c.destroy();
    }
    const direct = await window.pdm.createChecker();
    out.direct = JSON.stringify(await direct.analyze(text));
    direct.destroy();
    return out;
  }, HARASSING);
  check(
    'attach.bundle.js (one module for pages without a bundler): the same reports as the modules, in local and worker modes',
    bundled.local === bundled.direct && bundled.worker === bundled.direct && /"level":"warn"/.test(bundled.direct),
    JSON.stringify(bundled),
  );
  check(
    'a freed Analyzer says so in the browser too, and a second free() is harmless',
    freed[0] === 'Error: poids-des-mots: this Analyzer was freed (free() was called); create a new one' && freed[1] === freed[0] && freed[2] === 'no error',
    JSON.stringify(freed),
  );

  // ---- attach on a textarea (local mode)
  await page.evaluate(() => {
    window.events = [];
    window.h1 = window.pdm.attach(document.getElementById('ta'), { locale: 'fr' });
    for (const type of ['analysis', 'confirm', 'send-anyway', 'rephrase']) {
      window.h1.addEventListener(type, (e) => window.events.push({ type, level: e.detail.report && e.detail.report.level }));
    }
    return window.h1.ready;
  });
  const ta = page.locator('#ta');
  const count = (type) => ev(`window.events.filter((e) => e.type === ${JSON.stringify(type)}).length`);
  const waitAnalysis = async (n) => page.waitForFunction((n) => window.events.filter((e) => e.type === 'analysis').length >= n, n, { timeout: 5_000 });
  let analyses = await count('analysis');
  await ta.click();
  await ta.pressSequentially(HARASSING, { delay: 5 });
  await waitAnalysis(analyses + 1);
  await page.waitForFunction(() => document.querySelector('#f1 .pdm-feedback')?.dataset.pdmState === 'warn' || document.querySelector('#f1 .pdm-feedback')?.dataset.pdmState === 'alert');
  const marks = await page.locator('#f1 .pdm-overlay mark').allTextContents();
  check('textarea: the word is highlighted', marks.length === 1 && marks[0] === 'connard', JSON.stringify(marks));
  const panel = await page.evaluate(() => {
    const p = document.querySelector('#f1 .pdm-feedback');
    const t = document.getElementById('ta');
    return {
      live: p.getAttribute('aria-live'),
      role: p.getAttribute('role'),
      text: p.textContent,
      describedby: t.getAttribute('aria-describedby'),
      id: p.id,
      fieldState: t.dataset.pdmState,
      border: getComputedStyle(p).borderLeftWidth,
      markDecoration: getComputedStyle(document.querySelector('#f1 .pdm-overlay mark')).textDecorationLine,
    };
  });
  check('textarea: the warning is in a polite live region', panel.live === 'polite' && panel.role === 'status', JSON.stringify(panel));
  check('textarea: the warning says it with words, not colour alone (⚠️, the word, why)', /⚠️/.test(panel.text) && /« connard »/.test(panel.text) && /insulte/.test(panel.text), panel.text);
  check('textarea: the help line mentions the 3018', /Tu es victime ou témoin de harcèlement \? Le 3018, gratuit et anonyme\./.test(panel.text), panel.text);
  check('textarea: the field is described by the warning (and keeps its own hint)', panel.describedby === `ta-hint ${panel.id}`, panel.describedby);
  check('styles apply under style-src \u2019self\u2019 (adopted stylesheet), with an underline as the non-colour cue', panel.border === '5px' && panel.markDecoration === 'underline', JSON.stringify(panel));

  // ---- caret preserved while typing past a highlight
  const overlayMutations = await page.evaluate(() => {
    window.__mut = 0;
    new MutationObserver((m) => (window.__mut += m.length)).observe(document.querySelector('#f1 .pdm-overlay'), { childList: true, subtree: true, characterData: true });
  });
  void overlayMutations;
  await ta.pressSequentially(' et voilà', { delay: 40 });
  await page.waitForTimeout(300);
  let caret = await page.evaluate(() => {
    const t = document.getElementById('ta');
    return { value: t.value, start: t.selectionStart, end: t.selectionEnd, mut: window.__mut, marks: [...document.querySelectorAll('#f1 .pdm-overlay mark')].map((m) => m.textContent) };
  });
  check(
    'caret: typing past a highlight keeps the text and the caret at the end',
    caret.value === `${HARASSING} et voilà` && caret.start === caret.value.length && caret.end === caret.start && caret.mut > 0,
    JSON.stringify(caret),
  );
  check('caret: the highlight stayed on the word while typing after it', caret.marks.join() === 'connard', JSON.stringify(caret.marks));
  // Put the caret inside the highlighted word and type there.
  const inside = HARASSING.indexOf('connard') + 3;
  await page.evaluate((pos) => document.getElementById('ta').setSelectionRange(pos, pos), inside);
  await page.keyboard.type('XY', { delay: 40 });
  await page.waitForTimeout(300);
  caret = await page.evaluate(() => {
    const t = document.getElementById('ta');
    return { value: t.value, start: t.selectionStart };
  });
  check('caret: typing inside a highlighted word inserts there and keeps the caret after it', caret.value === "t'es vraiment un conXYnard et voilà" && caret.start === inside + 2, JSON.stringify(caret));
  // Typing before the word moves the highlight along at once.
  await ta.fill(HARASSING);
  // Wait for this text's own analysis: the text before it may have had one mark too (the learned layer
  // reads `t'es vraiment un conXYnard` as hostile, and shows `vraiment`).
  await page.waitForFunction(() => [...document.querySelectorAll('#f1 .pdm-overlay mark')].map((m) => m.textContent).join() === 'connard');
  await page.evaluate(() => document.getElementById('ta').setSelectionRange(0, 0));
  await page.keyboard.type('Hé, ');
  const moved = await page.evaluate(() => {
    const t = document.getElementById('ta');
    return { marks: [...document.querySelectorAll('#f1 .pdm-overlay mark')].map((m) => m.textContent), start: t.selectionStart };
  });
  check('caret: typing before the word moves its highlight along, before any new analysis', moved.marks.join() === 'connard' && moved.start === 4, JSON.stringify(moved));

  // ---- IME composition (dead keys, mobile keyboards): nothing re-renders until it ends
  await ta.fill('');
  await page.waitForTimeout(300);
  await ta.focus();
  const cdp = await context.newCDPSession(page);
  await page.evaluate(() => {
    window.__mut = 0;
    window.__before = window.events.filter((e) => e.type === 'analysis').length;
  });
  await cdp.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'connard et ´', selectionStart: 12, selectionEnd: 12 });
  await page.waitForTimeout(400);
  const during = await page.evaluate(() => ({ mut: window.__mut, analyses: window.events.filter((e) => e.type === 'analysis').length - window.__before, value: document.getElementById('ta').value }));
  await cdp.send('Input.insertText', { text: 'connard et é' });
  await page.waitForTimeout(400);
  const afterIme = await page.evaluate(() => ({
    analyses: window.events.filter((e) => e.type === 'analysis').length - window.__before,
    value: document.getElementById('ta').value,
    marks: [...document.querySelectorAll('#f1 .pdm-overlay mark')].map((m) => m.textContent),
    start: document.getElementById('ta').selectionStart,
  }));
  check('IME: no analysis and no repaint during composition', during.analyses === 0 && during.mut === 0, JSON.stringify(during));
  check('IME: the composed text is analysed once composition ends, caret intact', afterIme.value === 'connard et é' && afterIme.analyses >= 1 && afterIme.marks.join() === 'connard' && afterIme.start === 12, JSON.stringify(afterIme));

  // ---- the confirm flow: rephrase, then send anyway
  await ta.fill(HARASSING);
  await page.click('#send1');
  const dialog = page.locator('#f1 dialog.pdm-dialog');
  await dialog.waitFor({ state: 'visible' }).catch(() => {});
  const d1 = await page.evaluate(() => {
    const d = document.querySelector('#f1 dialog.pdm-dialog');
    return d && { modal: d.matches(':modal'), title: d.querySelector('h2').textContent, focus: document.activeElement?.className, text: d.textContent };
  });
  check('confirm: a harassing message opens a modal "Es-tu sûr·e ?"', d1 && d1.modal && /Es-tu sûr·e/.test(d1.title) && /« connard »/.test(d1.text), JSON.stringify(d1));
  check('confirm: the focus is on "Reformuler"', d1 && /pdm-rephrase/.test(d1.focus), JSON.stringify(d1));
  check('confirm: nothing was sent yet, and the site\u2019s submit handler did not run', (await ev('window.sent.length')) === 0);
  await page.click('#f1 .pdm-rephrase');
  const r1 = await page.evaluate(() => ({ open: document.querySelector('#f1 dialog').open, focus: document.activeElement?.id, sent: window.sent.length, value: document.getElementById('ta').value }));
  check('confirm: "Reformuler" closes it, keeps the text, puts the focus back in the field, sends nothing', !r1.open && r1.focus === 'ta' && r1.sent === 0 && r1.value === HARASSING, JSON.stringify(r1));
  await page.click('#send1');
  await dialog.waitFor({ state: 'visible' }).catch(() => {});
  await page.click('#f1 .pdm-send-anyway');
  await page.waitForFunction(() => window.sent.length > 0).catch(() => {});
  const s1 = await ev('window.sent');
  check('confirm: "Publier quand même" sends it once, through the site\u2019s own handler', s1.length === 1 && s1[0].text === HARASSING, JSON.stringify(s1));
  check('events: confirm ×2, rephrase ×1, send-anyway ×1', (await count('confirm')) === 2 && (await count('rephrase')) === 1 && (await count('send-anyway')) === 1, JSON.stringify(await ev('window.events.filter(e => e.type !== "analysis")')));

  // ---- keyboard only: Tab to the word, Enter selects it; submit, Tab, Enter
  await ta.fill('');
  await ta.focus();
  await page.keyboard.type(HARASSING);
  await page.waitForFunction((text) => window.h1.text === text && document.querySelector('#f1 .pdm-overlay mark')?.textContent === 'connard', HARASSING);
  await page.keyboard.press('Tab');
  const onWord = await ev('document.activeElement.className + "|" + document.activeElement.textContent');
  check('keyboard: Tab from the field reaches the word in the warning', /pdm-word/.test(onWord) && /connard/.test(onWord), onWord);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id === 'ta').catch(() => {});

  const sel = await page.evaluate(() => {
    const t = document.getElementById('ta');
    return { focus: document.activeElement.id, selected: t.value.slice(t.selectionStart, t.selectionEnd), value: t.value };
  });
  check('keyboard: Enter on the word selects it in the field, ready to rephrase (the Enter types nothing)', sel.focus === 'ta' && sel.selected === 'connard' && sel.value === HARASSING, JSON.stringify(sel));
  // Tab to the submit button (past the word button), Enter, then Escape = rephrase.
  await page.focus('#send1');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'visible' }).catch(() => {});
  await page.keyboard.press('Escape');
  const esc = await page.evaluate(() => ({ open: document.querySelector('#f1 dialog').open, focus: document.activeElement?.id, sent: window.sent.length }));
  check('keyboard: Escape in the dialog is "Reformuler" (back to the field, nothing sent)', !esc.open && esc.focus === 'ta' && esc.sent === 1, JSON.stringify(esc));
  await page.focus('#send1');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'visible' }).catch(() => {});
  await page.keyboard.press('Tab');
  const onAnyway = await ev('document.activeElement.className');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.sent.length > 1).catch(() => {});
  check('keyboard: Tab reaches "Publier quand même", Enter sends', /pdm-send-anyway/.test(onAnyway) && (await ev('window.sent.length')) === 2, onAnyway);

  // ---- kind and distress messages are sent without a question
  await ta.fill('Super clip, bravo à toute la classe ! 🎉');
  await page.click('#send1');
  await page.waitForTimeout(100);
  check('a kind message is sent without the dialog', (await ev('window.sent.length')) === 3 && !(await ev("document.querySelector('#f1 dialog').open")));
  await ta.fill("j'ai envie de mourir");
  await page.waitForFunction(() => document.querySelector('#f1 .pdm-feedback').dataset.pdmState === 'distress').catch(() => {});
  const distress = await page.evaluate(() => ({ state: document.querySelector('#f1 .pdm-feedback').dataset.pdmState, text: document.querySelector('#f1 .pdm-feedback').textContent }));
  check('distress: support, not a warning (the 3114, no ⚠️)', distress.state === 'distress' && /3114/.test(distress.text) && !/⚠/.test(distress.text), JSON.stringify(distress));
  await page.click('#send1');
  await page.waitForTimeout(100);
  check('distress: never the confirm dialog', (await ev('window.sent.length')) === 4 && !(await ev("document.querySelector('#f1 dialog').open")));
  await ta.fill('tout le monde me harcèle');
  await page.waitForFunction(() => /3018/.test(document.querySelector('#f1 .pdm-feedback').textContent)).catch(() => {});
  const harassed = await ev("document.querySelector('#f1 .pdm-feedback').textContent");
  check('distress: an author who is harassed is given the 3018', /3018/.test(harassed) && !/3114/.test(harassed), harassed);

  // ---- distress and harm to others in one message: support AND the confirmation (advise(), issue 19)
  const mixedCases = [
    // [name, text, dialog expected, support number expected, highlighted words]
    ['distress + self-harm incitement', "j'en peux plus, va te pendre", true, '3114', ["j'en peux plus", 'va te pendre']],
    ['distress + slur', "j'ai envie de mourir, sale pd", true, '3114', ["j'ai envie de mourir", 'sale pd']],
    ['distress alone', "j'en peux plus de cette vie", false, '3114', ["j'en peux plus de cette vie"]],
    ['abuse alone', 'va te pendre sale pd', true, null, ['va te pendre', 'sale pd']],
  ];
  const sentAtMixed = await ev('window.sent.length');
  for (const [name, text, dialogExpected, number, words] of mixedCases) {
    const sentBefore = await ev('window.sent.length');
    await ta.fill(text);
    await page.waitForFunction((text) => window.h1.text === text, text).catch(() => {});
    await page.waitForTimeout(50);
    const shown = await page.evaluate(() => {
      const p = document.querySelector('#f1 .pdm-feedback');
      return {
        state: p.dataset.pdmState,
        text: p.textContent,
        support: p.querySelector('.pdm-support-block')?.textContent || '',
        tel: [...p.querySelectorAll('a.pdm-tel')].map((a) => a.getAttribute('href')),
        warning: !!p.querySelector('.pdm-reasons li'),
        marks: [...document.querySelectorAll('#f1 .pdm-overlay mark')].map((m) => `${m.textContent}|${m.className.includes('pdm-care') ? 'care' : 'weigh'}`),
      };
    });
    const careMarks = shown.marks.filter((m) => m.endsWith('|care')).length;
    check(
      `${name}: ${number ? `support (${number}, a tel: link)` : 'no support'}${dialogExpected ? ' and the warning' : ''} in the panel`,
      (number ? shown.support.includes(number) && shown.tel.includes(`tel:${number}`) : !shown.support) &&
        shown.warning === dialogExpected && (dialogExpected ? /⚠️/.test(shown.text) : !/⚠/.test(shown.text)),
      JSON.stringify(shown),
    );
    check(
      `${name}: the highlight draws exactly the words the panel speaks of`,
      JSON.stringify(shown.marks.map((m) => m.split('|')[0])) === JSON.stringify(words) && careMarks === (number ? 1 : 0),
      JSON.stringify(shown.marks),
    );
    await page.click('#send1');
    await page.waitForTimeout(150);
    const asked = await page.evaluate(() => {
      const d = document.querySelector('#f1 dialog');
      return { open: !!d && d.open, text: d ? d.textContent : '' };
    });
    if (dialogExpected) {
      check(
        `${name}: "Publier" asks "Es-tu sûr·e ?"${number ? ', and the dialog gives the support again' : ''}; nothing sent yet`,
        asked.open && /Es-tu sûr·e/.test(asked.text) && (number ? asked.text.includes(number) : true) && (await ev('window.sent.length')) === sentBefore,
        JSON.stringify(asked),
      );
      await page.click('#f1 .pdm-rephrase');
    } else {
      check(`${name}: sent without the dialog`, !asked.open && (await ev('window.sent.length')) === sentBefore + 1, JSON.stringify(asked));
    }
  }
  await page.evaluate((n) => window.sent.splice(n), sentAtMixed); // the counts checked below leave these out

  // ---- the highlight and the panel never contradict each other; plural-aware titles; tel: links
  const agreement = [];
  for (const text of ['le mot connard est un gros mot', 'putain', 'putain merde', 'connard bouffon', "j'ai envie de mourir"]) {
    await ta.fill(text);
    await page.waitForFunction((text) => window.h1.text === text, text).catch(() => {});
    await page.waitForTimeout(50);
    agreement.push(await page.evaluate(() => {
      const p = document.querySelector('#f1 .pdm-feedback');
      const sentences = [...p.querySelectorAll('p, li')].map((n) => n.textContent.trim());
      return {
        text: window.h1.text,
        state: p.dataset.pdmState,
        title: p.querySelector('.pdm-title')?.textContent,
        named: [...p.querySelectorAll('.pdm-word')].map((b) => b.textContent.replace(/[«»]/g, '').trim()),
        marks: [...document.querySelectorAll('#f1 .pdm-overlay mark:not(.pdm-care)')].map((m) => m.textContent),
        reasons: [...p.querySelectorAll('.pdm-reasons li')].map((li) => li.textContent),
        tel: [...p.querySelectorAll('a.pdm-tel')].map((a) => `${a.textContent}=${a.getAttribute('href')}`),
        repeated: sentences.filter((x, i) => sentences.indexOf(x) !== i),
      };
    }));
  }
  const [mention, one, two, insults, dying] = agreement;
  check(
    'no contradiction: every highlighted word is named in the panel, and every named word highlighted',
    agreement.every((a) => JSON.stringify(a.marks) === JSON.stringify(a.named)),
    JSON.stringify(agreement.map((a) => [a.text, a.marks, a.named])),
  );
  check(
    '"le mot connard est un gros mot" (level none): no highlight, and "✓ Rien qui pèse lourd"',
    mention.state === 'none' && mention.marks.length === 0 && /Rien qui pèse lourd/.test(mention.title),
    JSON.stringify(mention),
  );
  check('a notice is highlighted and named: "Un mot à surveiller" for one word', one.state === 'notice' && one.marks.join() === 'putain' && one.title === 'ℹ️ Un mot à surveiller.', JSON.stringify(one));
  check('… and "Des mots à surveiller" for several', two.state === 'notice' && two.marks.length === 2 && two.title === 'ℹ️ Des mots à surveiller.', JSON.stringify(two));
  check(
    'several words under one explanation read right ("« connard », « bouffon » : Une insulte…")',
    insults.reasons.length === 1 && /^« connard », « bouffon » : Une insulte/.test(insults.reasons[0]),
    JSON.stringify(insults.reasons),
  );
  check('the 3018 under a warning is a tel: link', insults.tel.join() === '3018=tel:3018', JSON.stringify(insults.tel));
  check('the 3114 of the support is a tel: link, and no sentence of the support repeats', dying.tel.join() === '3114=tel:3114' && dying.repeated.length === 0, JSON.stringify(dying));

  // ---- detach removes everything
  const beforeSheets = await page.evaluate(() => {
    window.events.length = 0;
    const n = document.adoptedStyleSheets.length;
    window.h1.detach();
    return n;
  });
  const detached = await page.evaluate(() => ({
    nodes: document.querySelectorAll('#f1 [class^="pdm-"], #f1 [class*=" pdm-"]').length,
    describedby: document.getElementById('ta').getAttribute('aria-describedby'),
    state: document.getElementById('ta').dataset.pdmState,
    sheets: document.adoptedStyleSheets.length,
    children: [...document.getElementById('f1').children].map((c) => c.tagName).join(','),
  }));
  check(
    'detach (textarea): no node, attribute or stylesheet left',
    detached.nodes === 0 && detached.describedby === 'ta-hint' && detached.state === undefined && detached.sheets === beforeSheets - 1 && detached.children === 'LABEL,TEXTAREA,P,BUTTON',
    JSON.stringify({ ...detached, beforeSheets }),
  );
  await ta.fill(HARASSING);
  await page.waitForTimeout(300);
  await page.click('#send1');
  await page.waitForTimeout(100);
  check('detach (textarea): no listener left (no analysis, the form submits freely)', (await ev('window.events.length')) === 0 && (await ev('window.sent.length')) === 5);

  // ---- a text input
  await page.evaluate(() => (window.h2 = window.pdm.attach(document.getElementById('inp'))).ready);
  await page.locator('#inp').pressSequentially('ce prof est un connard', { delay: 5 });
  await page.waitForFunction(() => document.querySelectorAll('#f2 .pdm-overlay mark').length > 0).catch(() => {});
  const inputBox = await page.evaluate(() => {
    const m = document.querySelector('#f2 .pdm-overlay mark');
    const i = document.getElementById('inp').getBoundingClientRect();
    if (!m) return 'no mark';
    const r = m.getBoundingClientRect();
    return r.top >= i.top && r.bottom <= i.bottom && r.left >= i.left && r.right <= i.right ? `inside ${m.textContent}` : `outside ${JSON.stringify([r, i])}`;
  });
  check('input: the word is highlighted inside the field', inputBox === 'inside connard', inputBox);
  await page.evaluate(() => window.h2.detach());

  // ---- contenteditable
  await page.evaluate(() => {
    window.events = [];
    window.h3 = window.pdm.attach(document.getElementById('ce'), { locale: 'fr' });
    for (const type of ['analysis', 'confirm', 'send-anyway', 'rephrase']) window.h3.addEventListener(type, (e) => window.events.push({ type }));
    return window.h3.ready;
  });
  const ce = page.locator('#ce');
  await ce.click();
  await page.keyboard.type('Salut, ');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type(HARASSING, { delay: 5 });
  await page.waitForFunction(() => document.querySelectorAll('#f3 .pdm-box').length > 0).catch(() => {});
  const ceBoxes = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('#f3 .pdm-box')].map((b) => b.getBoundingClientRect());
    // Where the word really is.
    const ce = document.getElementById('ce');
    const walker = document.createTreeWalker(ce, NodeFilter.SHOW_TEXT);
    let r = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf('connard');
      if (i >= 0) {
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 7);
        r = range.getBoundingClientRect();
      }
    }
    return { boxes, word: r, state: document.querySelector('#f3 .pdm-feedback')?.dataset.pdmState, html: ce.innerHTML };
  });
  const b0 = ceBoxes.boxes[0];
  check(
    'contenteditable: a box sits exactly on the word',
    ceBoxes.boxes.length === 1 && ceBoxes.word && Math.abs(b0.left - ceBoxes.word.left) < 1 && Math.abs(b0.top - ceBoxes.word.top) < 1 && Math.abs(b0.width - ceBoxes.word.width) < 1,
    JSON.stringify(ceBoxes),
  );
  check('contenteditable: the warning shows', ceBoxes.state === 'warn' || ceBoxes.state === 'alert', JSON.stringify(ceBoxes.state));
  await page.keyboard.type(' et voilà', { delay: 40 });
  await page.waitForTimeout(300);
  const ceCaret = await page.evaluate(() => {
    const s = getSelection();
    const ce = document.getElementById('ce');
    const range = s.getRangeAt(0);
    const pre = document.createRange();
    pre.selectNodeContents(ce);
    pre.setEnd(range.endContainer, range.endOffset);
    return { text: ce.innerText, caretAtEnd: s.isCollapsed && pre.toString().length === ce.textContent.length, boxes: document.querySelectorAll('#f3 .pdm-box').length };
  });
  check('contenteditable: typing past the highlight keeps the caret at the end and the DOM untouched', ceCaret.caretAtEnd && ceCaret.text.endsWith(`${HARASSING} et voilà`) && ceCaret.boxes === 1, JSON.stringify(ceCaret));
  await page.click('#send3');
  await page.locator('#f3 dialog.pdm-dialog').waitFor({ state: 'visible' }).catch(() => {});
  check('contenteditable: its form is guarded too', await ev("document.querySelector('#f3 dialog')?.open === true"));
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.h3.detach());
  const ceDetached = await page.evaluate(() => ({
    nodes: document.querySelectorAll('#f3 [class^="pdm-"], #f3 [class*=" pdm-"]').length,
    sheets: document.adoptedStyleSheets.length,
    describedby: document.getElementById('ce').getAttribute('aria-describedby'),
  }));
  check('detach (contenteditable): nothing left', ceDetached.nodes === 0 && ceDetached.sheets === 0 && ceDetached.describedby === null, JSON.stringify(ceDetached));

  // ---- locale switch, custom and allowlisted terms, sensitivity, help
  const variants = await page.evaluate(async (harassing) => {
    const { attach, RESOURCES_GB } = window.pdm;
    const ta = document.getElementById('ta');
    const form = document.getElementById('f1');
    const run = async (options, text) => {
      const h = attach(ta, options);
      await h.ready;
      ta.value = text;
      const report = await h.check();
      const panel = form.querySelector('.pdm-feedback');
      const tel = panel ? [...panel.querySelectorAll('a.pdm-tel')].map((a) => `${a.textContent}=${a.getAttribute('href')}`).join() : '';
      const out = { level: report.level, state: h.state, tel, panel: panel ? panel.textContent : '', marks: [...form.querySelectorAll('.pdm-overlay mark')].map((m) => m.textContent), needs: h.needsConfirmation(), mode: h.checker.mode };
      h.detach();
      ta.value = '';
      return out;
    };
    return {
      en: await run({ locale: 'en' }, harassing),
      fr: await run({ locale: 'fr' }, harassing),
      enWorker: await run({ locale: 'en', mode: 'worker' }, harassing),
      custom: await run({ extraTerms: [{ pattern: '(campeur|campeuse)', category: 'insult', severity: 2 }] }, "t'es un campeur"),
      noCustom: await run({}, "t'es un campeur"),
      threat: await run({}, 'je vais te tuer'),
      allowed: await run({ allowedTerms: ['je vais te tuer'] }, 'je vais te tuer'),
      ignored: await run({ ignoreCategories: ['insult'] }, harassing),
      alertOnly: await run({ sensitivity: 'alert' }, harassing),
      noHelp: await run({ help: false }, harassing),
      ownHelp: await run({ help: 'Besoin d\u2019aide ? Parles-en au CPE.' }, harassing),
      gb: await run({ locale: 'en', resources: RESOURCES_GB }, 'i want to die'),
      ownWords: await run({ messages: { warn: 'Hmm, relis-toi.' } }, harassing),
    };
  }, HARASSING);
  check('locale en: nudge and explanation in English', /This message could hurt/.test(variants.en.panel) && /insult/.test(variants.en.panel) && /Being harassed/.test(variants.en.panel), variants.en.panel);
  check('locale fr: nudge and explanation in French', /Ce message pourrait blesser/.test(variants.fr.panel) && /insulte/.test(variants.fr.panel), variants.fr.panel);
  check('locale en in worker mode: the same words', variants.enWorker.mode === 'worker' && variants.enWorker.panel === variants.en.panel, JSON.stringify([variants.enWorker.panel, variants.en.panel]));
  check('custom term: a site\u2019s own word is highlighted (and not without it)', variants.custom.marks.join() === 'campeur' && variants.custom.needs && variants.noCustom.marks.length === 0, JSON.stringify([variants.custom, variants.noCustom]));
  check('allowlisted term: a gaming forum\u2019s "je vais te tuer" no longer counts', variants.threat.needs && variants.allowed.level === 'none' && variants.allowed.marks.length === 0, JSON.stringify([variants.threat, variants.allowed]));
  check('ignored category: insults not reported when ignored', variants.ignored.level === 'none' && !variants.ignored.needs, JSON.stringify(variants.ignored));
  check("sensitivity 'alert': a warn-level message no longer asks to confirm", variants.fr.needs && !variants.alertOnly.needs && variants.alertOnly.level === 'warn', JSON.stringify([variants.fr.needs, variants.alertOnly]));
  check('help: false removes the help line; a string replaces it', !/3018/.test(variants.noHelp.panel) && /Parles-en au CPE/.test(variants.ownHelp.panel) && !/3018/.test(variants.ownHelp.panel), JSON.stringify([variants.noHelp.panel, variants.ownHelp.panel]));
  check('resources per country: UK numbers for distress in English', /Samaritans: 116 123/.test(variants.gb.panel) && !/3114/.test(variants.gb.panel), variants.gb.panel);
  check('resources per country: their numbers are tel: links too (spaces left out of the href)', variants.gb.tel === '116 123=tel:116123', variants.gb.tel);
  check('messages: a site can reword the nudges', /Hmm, relis-toi\./.test(variants.ownWords.panel), variants.ownWords.panel);

  // ---- a victim's report ("il m'a traité de connard, c'est pas cool"): support and the 3018, no caution.
  // The core's own report (issue 18): the reported words weigh nothing, Report.victim is true.
  const victim = await page.evaluate(async () => {
    const { attach, createChecker } = window.pdm;
    const checker = await createChecker();
    const text = "il m'a traité de connard, c'est pas cool";
    const ta = document.getElementById('ta');
    const h = attach(ta, { checker });
    await h.ready;
    ta.value = text;
    const report = await h.check();
    const p = document.querySelector('#f1 .pdm-feedback');
    const out = {
      victim: report.victim,
      score: report.score,
      state: h.state,
      text: p.textContent,
      tel: [...p.querySelectorAll('a.pdm-tel')].map((a) => a.getAttribute('href')).join(),
      marks: [...document.querySelectorAll('#f1 .pdm-overlay mark')].map((m) => m.textContent),
      needs: h.needsConfirmation(),
      sends: await h.confirm(),
      dialog: !!document.querySelector('#f1 dialog')?.open,
    };
    h.detach();
    checker.destroy();
    ta.value = '';
    return out;
  });
  check(
    "a victim's report: support (\u201cCe qu\u2019on t\u2019a dit n\u2019est pas ok\u201d) and the 3018 as a tel: link, no caution",
    victim.victim === true && victim.score === 0 && victim.state === 'distress' && /Ce qu’on t’a dit n’est pas ok/.test(victim.text) && victim.tel === 'tel:3018' && !/⚠|surveiller/.test(victim.text),
    JSON.stringify(victim),
  );
  check("a victim's report: the words reported are not highlighted, and sending asks nothing", victim.marks.length === 0 && !victim.needs && victim.sends === true && !victim.dialog, JSON.stringify(victim));

  // ---- a shared checker is not destroyed by detach; confirm() for sites without a form
  const shared = await page.evaluate(async (harassing) => {
    const { attach, createChecker } = window.pdm;
    const checker = await createChecker({ mode: 'worker' });
    const ta = document.getElementById('ta');
    const h = attach(ta, { checker, guard: false });
    await h.ready;
    ta.value = harassing;
    const p = h.confirm();
    await new Promise((r) => setTimeout(r, 50));
    const open = document.querySelector('#f1 dialog')?.open;
    document.querySelector('#f1 .pdm-send-anyway').click();
    const answer = await p;
    h.detach();
    const still = (await checker.analyze(harassing)).level;
    checker.destroy();
    ta.value = '';
    return { open, answer, still };
  }, HARASSING);
  check('confirm() without a form: asks, resolves true on "send anyway"; a shared checker outlives detach()', shared.open && shared.answer === true && shared.still === 'warn', JSON.stringify(shared));

  // ---- all along
  const foreign = seen.requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'));
  check('kit page: every request went to the page\u2019s own origin', foreign.length === 0, JSON.stringify(foreign));
  const wasmFetches = seen.requests.filter((u) => u.endsWith('.wasm'));
  check('kit page: the .wasm was fetched once, workers included', wasmFetches.length === 1, JSON.stringify(wasmFetches));
  check('kit page: no CSP violation', (await ev('window.__csp.length')) === 0, JSON.stringify(await ev('window.__csp')));
  check('kit page: no console error', seen.errors.length === 0, JSON.stringify(seen.errors));
  await context.close();
}

// The kit over the embedded-wasm variant, under connect-src 'none' (www-demo/strict/pkg/).
async function strict(browser, base) {
  if (!existsSync(path.join(ROOT, 'www-demo/strict/pkg/attach.js'))) {
    check('www-demo/strict/pkg/ has the kit (./scripts/build.sh)', false);
    return;
  }
  const { context, page, seen } = await open(browser, `${base}/fixtures/strict.html`);
  const out = await page.evaluate(() => window.results.catch((e) => ({ error: `${e.name}: ${e.message}` })));
  check(
    "connect-src 'none': local and worker checkers start from the embedded .wasm and agree",
    out.local && out.worker && JSON.stringify(out.local) === JSON.stringify(out.worker) && out.local.level === 'warn' && out.attached === 'warn',
    JSON.stringify(out).slice(0, 500),
  );
  const fetched = seen.requests.filter((u) => /\.wasm$/.test(u));
  check("connect-src 'none': no .wasm request, no CSP violation, no console error", fetched.length === 0 && (await page.evaluate(() => window.__csp.length)) === 0 && seen.errors.length === 0, JSON.stringify([fetched, await page.evaluate(() => window.__csp), seen.errors]));
  await context.close();
}

// www-demo/kit/: the demo page of the kit, with its options.
async function demoKit(browser, base) {
  const { context, page, seen } = await open(browser, `${base}/www/kit/index.html`);
  const ready = (mode) => page.waitForFunction((mode) => document.body.dataset.ready === mode, mode, { timeout: 15_000 });
  check('demo kit: starts in local mode', (await page.evaluate(() => document.body.dataset.ready)) === 'local');
  const ta = page.locator('#comment');
  await ta.click();
  await ta.pressSequentially(HARASSING, { delay: 5 });
  await page.waitForFunction(() => /pour 24 caractères/.test(document.getElementById('timing').textContent) && document.querySelector('.pdm-feedback')?.dataset.pdmState === 'warn').catch(() => {});
  const fr = await page.evaluate(() => ({ timing: document.getElementById('timing').textContent, panel: document.querySelector('.pdm-feedback')?.textContent }));
  check('demo kit: shows the time of each analysis', /Analyse \(local\) : [\d.]+ ms dans l.analyseur, [\d.]+ ms en tout pour 24 caractères/.test(fr.timing), fr.timing);
  check('demo kit: French warning', /Ce message pourrait blesser/.test(fr.panel), fr.panel);
  await page.selectOption('#locale', 'en');
  await ready('local');
  await page.waitForFunction(() => /could hurt/.test(document.querySelector('.pdm-feedback')?.textContent)).catch(() => {});
  const en = await page.evaluate(() => ({ panel: document.querySelector('.pdm-feedback')?.textContent, value: document.getElementById('comment').value, panels: document.querySelectorAll('.pdm-feedback').length }));
  check('demo kit: switching the locale re-attaches in English, text kept', /This message could hurt/.test(en.panel) && en.value === HARASSING && en.panels === 1, JSON.stringify(en));
  await page.check('input[name="mode"][value="worker"]');
  await ready('worker');
  await page.click('#long');
  await page.waitForFunction(() => /Analyse \(worker\).*pour 4\d\d\u202f?\s?\d{3} caractères/.test(document.getElementById('timing').textContent), null, { timeout: 15_000 }).catch(() => {});
  const long = await page.evaluate(() => document.getElementById('timing').textContent);
  check('demo kit: worker mode analyses the long text and says how long it took', /Analyse \(worker\)/.test(long) && /caractères/.test(long), long);
  await ta.fill('je vais te tuer');
  await page.waitForFunction(() => document.querySelector('.pdm-feedback')?.dataset.pdmState === 'alert').catch(() => {});
  await page.check('#gaming');
  await ready('worker');
  await page.waitForFunction(() => document.querySelector('.pdm-feedback')?.dataset.pdmState === 'none').catch(() => {});
  check('demo kit: the gaming-forum allowlist clears "je vais te tuer"', (await page.evaluate(() => document.querySelector('.pdm-feedback')?.dataset.pdmState)) === 'none');
  await ta.fill(HARASSING);
  await page.click('#publish');
  await page.locator('dialog.pdm-dialog').waitFor({ state: 'visible' }).catch(() => {});
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#published-list li').length === 1).catch(() => {});
  const counts = await page.evaluate(() => document.getElementById('counts').textContent);
  check('demo kit: the nudges are counted on the page (confirm, send anyway)', /confirmations demandées : 1/.test(counts) && /publié quand même : 1/.test(counts), counts);
  const foreign = seen.requests.filter((u) => !u.startsWith(`${base}/www/`) && !u.startsWith('data:'));
  check('demo kit: only the site\u2019s own files are requested', foreign.length === 0, JSON.stringify(foreign));
  check('demo kit: no CSP violation, no console error', (await page.evaluate(() => window.__csp.length)) === 0 && seen.errors.length === 0, JSON.stringify([await page.evaluate(() => window.__csp), seen.errors]));
  await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOT_DIR || '/tmp', 'poids-des-mots-kit.png'), fullPage: true });
  await context.close();
}

async function vite(browser, base) {
  if (!existsSync(path.join(VITE_DIST, 'index.html'))) {
    check('the Vite example was built (examples/vite/dist)', false, 'run: cd examples/vite && npm ci && npm run build');
    return;
  }
  for (const mode of ['local', 'worker']) {
    const { context, page, seen } = await open(browser, `${base}/vite/index.html?mode=${mode}`);
    check(`vite (${mode}): the built app starts`, (await page.evaluate(() => document.body.dataset.ready)) === mode);
    await page.locator('#comment').pressSequentially(HARASSING, { delay: 5 });
    await page.waitForFunction(() => document.querySelectorAll('.pdm-overlay mark').length > 0).catch(() => {});
    const out = await page.evaluate(() => ({
      marks: [...document.querySelectorAll('.pdm-overlay mark')].map((m) => m.textContent),
      state: document.querySelector('.pdm-feedback')?.dataset.pdmState,
      mode: window.__pdm.checker?.mode,
    }));
    check(`vite (${mode}): highlight and warning`, out.marks.join() === 'connard' && ['warn', 'alert'].includes(out.state) && out.mode === mode, JSON.stringify(out));
    await page.click('#send');
    await page.locator('dialog.pdm-dialog').waitFor({ state: 'visible' }).catch(() => {});
    await page.click('.pdm-send-anyway').catch(() => {});
    const sent = await page.locator('#sent li').allTextContents();
    check(`vite (${mode}): confirm then send anyway`, sent.length === 1 && sent[0] === HARASSING, JSON.stringify(sent));
    const foreign = seen.requests.filter((u) => !u.startsWith(`${base}/vite/`) && !u.startsWith('data:'));
    const ok = seen.requests.every((u) => !/\.wasm$/.test(u) || /\/vite\/assets\/poids_des_mots_bg-[\w-]+\.wasm$/.test(u));
    check(`vite (${mode}): only its own assets are requested (the hashed .wasm${mode === 'worker' ? ' and worker' : ''})`, foreign.length === 0 && ok, JSON.stringify(seen.requests));
    check(`vite (${mode}): no CSP violation, no console error`, (await page.evaluate(() => window.__csp.length)) === 0 && seen.errors.length === 0, JSON.stringify([await page.evaluate(() => window.__csp), seen.errors]));
    await context.close();
  }
}

// examples/vite under `vite dev` (what a developer runs first), with the page's own CSP: Vite's styles
// and its client must not need anything the policy refuses.
async function viteDev(browser) {
  const app = path.join(ROOT, 'examples/vite');
  const bin = path.join(app, 'node_modules/.bin/vite');
  if (!existsSync(bin)) {
    check('the Vite example is installed (examples/vite/node_modules)', false, 'run ./scripts/vite-example.sh');
    return;
  }
  const port = await freePort();
  const dev = spawn(bin, ['--host', '127.0.0.1', '--port', String(port), '--strictPort', '--clearScreen', 'false'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  dev.stdout.on('data', (d) => log.push(String(d)));
  dev.stderr.on('data', (d) => log.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (dev.exitCode !== null) throw new Error(`vite dev exited: ${log.join('')}`);
      const up = await fetch(`${base}/`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error(`vite dev did not answer in 20 s: ${log.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const mode of ['local', 'worker']) {
      const { context, page, seen } = await open(browser, `${base}/?mode=${mode}`);
      check(`vite dev (${mode}): the app starts under its CSP`, (await page.evaluate(() => document.body.dataset.ready)) === mode);
      await page.locator('#comment').pressSequentially(HARASSING, { delay: 5 });
      await page.waitForFunction(() => document.querySelector('.pdm-feedback')?.dataset.pdmState === 'warn').catch(() => {});
      const out = await page.evaluate(() => ({
        marks: [...document.querySelectorAll('.pdm-overlay mark')].map((m) => m.textContent),
        state: document.querySelector('.pdm-feedback')?.dataset.pdmState,
        styled: getComputedStyle(document.body).maxWidth, // from the app's own style.css
      }));
      check(`vite dev (${mode}): highlight and warning, and the app's own styles apply`, out.marks.join() === 'connard' && out.state === 'warn' && out.styled === '640px', JSON.stringify(out));
      const csp = await page.evaluate(() => window.__csp);
      check(`vite dev (${mode}): no CSP violation, no console error`, csp.length === 0 && seen.errors.length === 0, JSON.stringify([csp, seen.errors]));
      await context.close();
    }
  } catch (err) {
    check(`vite dev runs (${err.message.split('\n')[0]})`, false, err.stack);
  } finally {
    dev.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.log(err && err.stack ? err.stack : String(err));
  t.failed++;
  t.finish(1);
});
