// End-to-end test of the demo in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; no browser is ever downloaded).
//
//   node tests/browser/e2e.mjs        (after ./scripts/build.sh)
//
// It serves www-demo/ itself on 127.0.0.1 (a free port), records every request
// the page makes, and checks that the page talks to nobody: during load only
// its own static files, after load nothing at all. Then it plays the comment
// form like a person would. Prints 'N passed, N failed'; exits 1 on failure.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, counter, DEMO_KIT_MODULES, launch, startServer } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = path.join(ROOT, 'www-demo');
const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR || '/tmp';
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";
// What the page may load, and nothing else.
const ALLOWED_PATHS = new Set([
  '/',
  '/style.css',
  '/demo.js',
  '/pkg/poids_des_mots.js',
  '/pkg/poids_des_mots_bg.wasm',
  ...DEMO_KIT_MODULES.map((f) => `/pkg/${f}`),
]);
// The JS that builds report objects (src/report.js), which wasm-bindgen puts under a crate-hash directory.
const ALLOWED_SNIPPET = /^\/pkg\/snippets\/poids-des-mots-[0-9a-f]{16}\/src\/report\.js$/;
const allowedPath = (p) => ALLOWED_PATHS.has(p) || ALLOWED_SNIPPET.test(p);

const { check, finish } = counter('e2e');

async function main() {
  for (const f of ['index.html', 'demo.js', 'style.css', 'pkg/poids_des_mots.js', 'pkg/poids_des_mots_bg.wasm']) {
    if (!existsSync(path.join(DEMO, f))) {
      check(`www-demo/${f} exists (run ./scripts/build.sh first)`, false);
      finish(1);
    }
  }
  if (!existsSync(CHROMIUM)) {
    check(`${CHROMIUM} exists (run ./scripts/setup.sh)`, false);
    finish(1);
  }

  const server = await startServer(DEMO, '/index.html');
  const browser = await launch();
  try {
    await run(browser, server);
  } catch (err) {
    check(`no unexpected exception (${err && err.message ? err.message.split('\n')[0] : err})`, false, err && err.stack);
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
  finish();
}

async function run(browser, server) {
  const context = await browser.newContext({
    viewport: { width: 800, height: 1000 },
    locale: 'fr-FR',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  // A failed step should fail fast and let the next checks report, not hang.
  page.setDefaultTimeout(5_000);

  // ---- record everything that leaves the page
  const requests = []; // { phase, url, method, type }
  let phase = 'load';
  const record = (kind) => (x) => requests.push({ phase, kind, url: x.url(), method: x.method ? x.method() : '', type: x.resourceType ? x.resourceType() : kind });
  page.on('request', record('request'));
  context.on('request', (r) => {
    // The context sees the page's requests too; keep only those the page did not report.
    if (!r.frame || r.frame()?.page() !== page) requests.push({ phase, kind: 'context', url: r.url(), method: r.method(), type: r.resourceType() });
  });
  page.on('websocket', (ws) => requests.push({ phase, kind: 'websocket', url: ws.url(), method: 'WS', type: 'websocket' }));
  page.on('worker', (w) => requests.push({ phase, kind: 'worker', url: w.url(), method: '', type: 'worker' }));

  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));

  // CSP violations, collected from the start of the document.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });

  // ---- load
  const response = await page.goto(`${server.base}/`, { waitUntil: 'load' });
  check('the page answers 200', response && response.status() === 200, `status ${response && response.status()}`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 15_000 });
  check('the analyzer starts (wasm loaded)', (await page.evaluate(() => document.body.dataset.ready)) === 'true');
  await page.waitForLoadState('networkidle');
  phase = 'after-load';

  const loadRequests = requests.filter((r) => r.phase === 'load');
  const foreign = loadRequests.filter((r) => {
    let u;
    try {
      u = new URL(r.url);
    } catch {
      return true;
    }
    if (u.protocol === 'data:') return false; // inline, not a request to anyone
    return u.origin !== server.base || !allowedPath(u.pathname) || r.method !== 'GET';
  });
  check(
    'during load, only the page\u2019s own static files are requested',
    foreign.length === 0 && loadRequests.length > 0,
    JSON.stringify(foreign.length ? foreign : loadRequests),
  );
  const loadedPaths = new Set(loadRequests.map((r) => new URL(r.url).pathname));
  check('the .wasm came from the page\u2019s own origin', loadedPaths.has('/pkg/poids_des_mots_bg.wasm'), [...loadedPaths].join(' '));
  // index.html preloads it; init() must use that response, not fetch it again.
  const wasmLoads = loadRequests.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));
  check('the .wasm is requested once (init() uses the preload)', wasmLoads.length === 1, JSON.stringify(wasmLoads));
  console.log(`       load requests: ${[...loadedPaths].join(' ')}`);

  const csp = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  );
  check('the strict CSP meta tag is in place', csp === EXPECTED_CSP, csp);
  check(
    'the privacy promise is on the page',
    /sur cet appareil uniquement/.test(await page.textContent('#privacy')) && /Rien n.est envoyé/.test(await page.textContent('#privacy')),
  );
  check(
    'the 3018 is mentioned',
    /Tu es victime ou témoin de harcèlement \? Le 3018, gratuit et anonyme\./.test(
      (await page.textContent('footer')).replace(/\s+/g, ' '),
    ),
  );

  const textarea = page.locator('#comment');
  // attach()'s feedback panel (inside the demo's #feedback) and the mirror of its highlight overlay.
  const feedback = page.locator('#feedback .pdm-feedback');
  const marks = page.locator('#editor .pdm-mirror mark');

  async function typeFresh(text) {
    await textarea.fill('');
    await textarea.pressSequentially(text, { delay: 5 });
  }
  async function settle() {
    // debounce is 150 ms; wait for the feedback to reflect the current text
    await page.waitForTimeout(400);
  }

  // ---- a harassing message
  await textarea.click();
  await typeFresh("t'es vraiment un connard");
  await page.waitForFunction(() => ['warn', 'alert'].includes(document.querySelector('#feedback .pdm-feedback').dataset.pdmState), null, { timeout: 5_000 }).catch(() => {});
  const level1 = await feedback.getAttribute('data-pdm-state');
  check('a harassing message shows a warning', level1 === 'warn' || level1 === 'alert', `feedback level: ${level1}; ${await feedback.textContent()}`);
  const markTexts = await marks.allTextContents();
  check('the highlighted span is exactly "connard"', markTexts.length === 1 && markTexts[0] === 'connard', JSON.stringify(markTexts));
  const fbText = (await feedback.textContent()).replace(/\s+/g, ' ');
  check('the warning names the word and explains why', /connard/.test(fbText) && fbText.length > 40, fbText);
  check('the warning is in an aria-live region', (await feedback.getAttribute('aria-live')) === 'polite');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-warn.png'), fullPage: true });

  // ---- a kind message
  await typeFresh('Super clip, bravo à toute la classe ! 🎉');
  await settle();
  const level2 = await feedback.getAttribute('data-pdm-state');
  check('a kind message shows no warning', level2 === 'none', `feedback level: ${level2}; ${await feedback.textContent()}`);
  check('a kind message has no highlight', (await marks.count()) === 0);

  // ---- publish a harassing message: confirm, rephrase, publish anyway
  await typeFresh("t'es vraiment un connard");
  await page.click('#publish');
  const dialog = page.locator('#feedback dialog.pdm-dialog');
  await dialog.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
  check('"Publier" on a harassing message opens the dialog', await dialog.isVisible());
  check('the dialog asks "Es-tu sûr·e ?"', /Es-tu sûr·e\s*\?/.test(await page.textContent('#feedback .pdm-dialog-title')));
  check('the dialog is modal', await page.evaluate(() => document.querySelector('#feedback dialog.pdm-dialog').matches(':modal')));
  check('focus is inside the dialog', await page.evaluate(() => document.querySelector('#feedback dialog.pdm-dialog').contains(document.activeElement)));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-dialog.png'), fullPage: false });
  await page.click('#feedback .pdm-rephrase');
  check('"Reformuler" closes the dialog', !(await dialog.isVisible()));
  check('"Reformuler" puts the focus back in the textarea', await page.evaluate(() => document.activeElement?.id === 'comment'));
  check('nothing was published', (await page.locator('#published-list li').count()) === 0);
  check('the text is still there', (await textarea.inputValue()) === "t'es vraiment un connard");

  // keyboard only: Enter on Publier, Tab to "Publier quand même", Enter
  await page.focus('#publish');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
  check('the dialog opens from the keyboard too', await dialog.isVisible());
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.id === 'comment', null, { timeout: 2_000 }).catch(() => {});
  check('Escape closes it and returns to the text', !(await dialog.isVisible()) && (await page.evaluate(() => document.activeElement?.id === 'comment')));

  await page.click('#publish');
  await dialog.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
  await page.click('#feedback .pdm-send-anyway');
  const published = await page.locator('#published-list li .published-text').allTextContents();
  check('"Publier quand même" publishes it', published.length === 1 && published[0] === "t'es vraiment un connard", JSON.stringify(published));
  check('the textarea is emptied after publishing', (await textarea.inputValue()) === '');

  // ---- a kind message is published without a question
  await typeFresh('Trop bien, j\u2019adore la musique 🎶');
  await page.click('#publish');
  await page.waitForTimeout(100);
  check('a kind message is published without the dialog', !(await dialog.isVisible()) && (await page.locator('#published-list li').count()) === 2);

  // ---- distress: support, not a warning
  await typeFresh("j'ai envie de mourir");
  await page.waitForFunction(() => document.querySelector('#feedback .pdm-feedback').dataset.pdmState !== 'none', null, { timeout: 5_000 }).catch(() => {});
  await settle();
  const level3 = await feedback.getAttribute('data-pdm-state');
  const fb3 = (await feedback.textContent()).replace(/\s+/g, ' ');
  check('distress shows a support message, not a warning', level3 === 'distress' && /3114/.test(fb3) && !/⚠/.test(fb3), `${level3}: ${fb3}`);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-distress.png'), fullPage: true });
  const { MESSAGES } = await import(pathToFileURL(path.join(DEMO, 'pkg/messages.js')).href);
  const sentences = await feedback.evaluate((p) => [...p.querySelectorAll('p, li')].map((n) => n.textContent.trim()));
  check(
    "distress: the demo says the kit's own words (one set of texts), each sentence once, the 3114 a tel: link",
    sentences[0] === MESSAGES.fr.distressTitle && sentences[1] === MESSAGES.fr.distressText && new Set(sentences).size === sentences.length &&
      (await feedback.evaluate((p) => [...p.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')).join())) === 'tel:3114',
    JSON.stringify(sentences),
  );

  // ---- distress and harm in one message (issue 19): the demo gives support AND asks to confirm
  await typeFresh("j'en peux plus, va te pendre sale pd");
  await page.waitForFunction(() => document.querySelector('#feedback .pdm-feedback').dataset.pdmState === 'alert', null, { timeout: 5_000 }).catch(() => {});
  const mixed = (await feedback.textContent()).replace(/\s+/g, ' ');
  check('distress + abuse: the demo shows the support (3114) and the warning', /3114/.test(mixed) && /⚠️/.test(mixed) && /va te pendre/.test(mixed), mixed);
  const publishedBefore = await page.locator('#published-list li').count();
  await page.click('#publish');
  await dialog.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
  check('distress + abuse: "Publier" opens "Es-tu sûr·e ?" (distress never turns the guard off)', await dialog.isVisible());
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-mixed-dialog.png'), fullPage: false });
  await page.click('#feedback .pdm-rephrase');
  check('distress + abuse: nothing published before the author decides', (await page.locator('#published-list li').count()) === publishedBefore);

  // ---- highlight offsets after emoji and accents (UTF-16)
  await typeFresh('😀 Élodie, t\u2019es une vraie connard ?');
  await page.waitForFunction(() => document.querySelectorAll('#editor .pdm-mirror mark').length > 0, null, { timeout: 5_000 }).catch(() => {});
  const marks2 = await marks.allTextContents();
  check('the highlight stays on the word after emoji and accents', marks2.includes('connard'), JSON.stringify(marks2));
  const mirrorText = await page.evaluate(() => document.querySelector('#editor .pdm-mirror').textContent.replace(/\u200b$/, ''));
  check('the mirror holds exactly the text', mirrorText === (await textarea.inputValue()));
  await textarea.fill('');
  await settle();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-final.png'), fullPage: true });

  // ---- a phone-sized screen: the highlight still sits on the word when lines wrap
  await page.setViewportSize({ width: 360, height: 740 });
  await typeFresh('Franchement je trouve que ce clip est pas mal du tout mais toi t\u2019es vraiment un connard 😀 et voilà');
  await page.waitForFunction(() => document.querySelectorAll('#editor .pdm-mirror mark').length > 0, null, { timeout: 5_000 }).catch(() => {});
  const aligned = await page.evaluate(() => {
    // Put a caret-sized range on the same word in the textarea's twin and compare boxes.
    const mark = document.querySelector('#editor .pdm-mirror mark');
    const ta = document.getElementById('comment');
    if (!mark) return 'no mark';
    const m = mark.getBoundingClientRect();
    const t = ta.getBoundingClientRect();
    return m.left >= t.left && m.right <= t.right && m.top >= t.top && m.bottom <= t.bottom ? 'inside' : `outside ${JSON.stringify([m, t])}`;
  });
  check('on a phone, the highlight stays inside the text box', aligned === 'inside', aligned);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-phone.png'), fullPage: true });
  await textarea.fill('');

  // ---- 375×700: the warning is seen next to the field right after typing, even with the field at the
  // bottom of the screen, and when an on-screen keyboard takes half of it (emulated: the viewport shrinks)
  const inView = () => page.evaluate(() => {
    const vv = window.visualViewport;
    const top = vv ? vv.offsetTop : 0;
    const bottom = top + (vv ? vv.height : innerHeight);
    const p = document.querySelector('#feedback .pdm-feedback');
    const parts = [...p.children].slice(0, 2).map((c) => c.getBoundingClientRect());
    const t = document.getElementById('comment').getBoundingClientRect();
    const title = p.querySelector('.pdm-title');
    return {
      state: p.dataset.pdmState,
      title: title && title.textContent,
      seen: parts.length === 2 && parts[0].top >= top && parts[1].bottom <= bottom,
      fieldSeen: t.bottom > top + 40 && t.top < bottom,
      panel: [Math.round(parts[0]?.top), Math.round(parts[1]?.bottom)],
      band: [Math.round(top), Math.round(bottom)],
    };
  });
  const toBottom = () => page.evaluate(() => {
    const t = document.getElementById('comment');
    window.scrollTo(0, t.getBoundingClientRect().bottom + window.scrollY - window.innerHeight + 4);
  });
  await page.setViewportSize({ width: 375, height: 700 });
  await textarea.fill('');
  await settle();
  await toBottom();
  await textarea.focus();
  await textarea.pressSequentially("t'es vraiment un connard", { delay: 5 });
  await page.waitForFunction(() => document.querySelector('#feedback .pdm-feedback').dataset.pdmState === 'warn', null, { timeout: 5_000 }).catch(() => {});
  await page.waitForTimeout(100);
  const phone = await inView();
  check('375×700, field at the bottom of the screen: the warning (title and words) comes into view, the field stays', phone.state === 'warn' && phone.seen && phone.fieldSeen, JSON.stringify(phone));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-375.png') });
  // The keyboard opens while the warning is shown.
  await toBottom();
  await page.setViewportSize({ width: 375, height: 400 });
  await page.waitForTimeout(150);
  const keyboard = await inView();
  check('375×700 with an on-screen keyboard (375×400 left): the warning is still in view', keyboard.seen && keyboard.fieldSeen, JSON.stringify(keyboard));
  // A new message typed with the keyboard open, the field at the bottom of what is left.
  await textarea.fill('');
  await settle();
  await toBottom();
  await textarea.pressSequentially("j'en peux plus, va te pendre", { delay: 5 });
  await page.waitForFunction(() => document.querySelector('#feedback .pdm-feedback').dataset.pdmState === 'alert', null, { timeout: 5_000 }).catch(() => {});
  await page.waitForTimeout(100);
  const typedWithKeyboard = await inView();
  check('… and a message typed with it open: its support and warning come into view next to the field', typedWithKeyboard.state === 'alert' && typedWithKeyboard.seen && typedWithKeyboard.fieldSeen, JSON.stringify(typedWithKeyboard));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'poids-des-mots-375-keyboard.png') });
  // Nothing moves when the author is not in the field.
  await textarea.fill('');
  await settle();
  await page.evaluate(() => document.activeElement.blur());
  await toBottom();
  const still = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => { document.getElementById('comment').value = "t'es vraiment un connard"; });
  await page.evaluate(() => document.getElementById('comment').dispatchEvent(new Event('input')));
  await settle();
  check('the page never scrolls by itself when the author is not typing', (await page.evaluate(() => window.scrollY)) === still);
  await textarea.fill('');
  await page.setViewportSize({ width: 800, height: 1000 });

  // ---- and all along...
  const after = requests.filter((r) => r.phase === 'after-load');
  check('after load, nothing at all is requested', after.length === 0, JSON.stringify(after));
  // (The readiness probe is a HEAD; its log line may arrive late, so it is left out.)
  const served = server.log.filter((l) => /"[A-Z]+ /.test(l) && !/"HEAD \/index\.html /.test(l));
  check('the server saw only the load requests', served.length === loadRequests.length, served.join('\n'));
  const cspViolations = await page.evaluate(() => window.__csp);
  check('no CSP violation', cspViolations.length === 0, JSON.stringify(cspViolations));
  check('no console error', consoleErrors.length === 0, JSON.stringify(consoleErrors));
  await context.close();
}

main().catch((err) => {
  check('the test ran to the end', false, err && err.stack ? err.stack : String(err));
  finish(1);
});
