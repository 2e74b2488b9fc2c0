// Privacy proof, in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no
// browser is downloaded). It opens www-demo/strict/ — the demo, with the WebAssembly embedded in its JS
// (pkg/poids_des_mots.js there is scripts/embed-wasm.mjs's output) and the Content-Security-Policy
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'none'; …
// — served on 127.0.0.1 only, then types and analyses messages like a person would, and records
//   - every request: the page's and the context's (workers included), the DevTools network log (beacons,
//     preflights, pings), WebSockets, and the server's own access log;
//   - every storage write: localStorage, sessionStorage, IndexedDB, cookies, Cache Storage, service
//     workers (the storage APIs are wrapped before any page script runs, and read back at the end);
//   - every securitypolicyviolation event.
// It asserts: during load only the page's own static files (and no .wasm), after load nothing at all,
// no storage write, no CSP violation; then a positive control shows the recorders work: a fetch() and a
// localStorage write made on purpose are blocked / seen.
//
//   node tests/browser/privacy.mjs      (after ./scripts/build.sh; run by ./scripts/test.sh as `privacy`)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { counter, DEMO_KIT_MODULES, launch, startServer } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = path.join(ROOT, 'www-demo');
const STRICT = path.join(DEMO, 'strict');
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'none'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";
// What the page may load, and nothing else (no .wasm: it is inside pkg/poids_des_mots.js).
const ALLOWED_PATHS = new Set([
  '/strict/',
  '/strict/index.html',
  '/strict/style.css',
  '/strict/demo.js',
  '/strict/pkg/poids_des_mots.js',
  '/strict/pkg/poids_des_mots_glue.js',
  ...DEMO_KIT_MODULES.map((f) => `/strict/pkg/${f}`),
]);
// The JS that builds report objects (src/report.js), which wasm-bindgen puts under a crate-hash directory.
const ALLOWED_SNIPPET = /^\/strict\/pkg\/snippets\/poids-des-mots-[0-9a-f]{16}\/src\/report\.js$/;
const allowedPath = (p) => ALLOWED_PATHS.has(p) || ALLOWED_SNIPPET.test(p);

const { check, finish } = counter('privacy');

/** The static server on loopback; its access log (request lines only) is kept as independent evidence. */
async function serveDemo() {
  const server = await startServer(DEMO, '/strict/index.html');
  await new Promise((r) => setTimeout(r, 200));
  server.log.length = 0; // forget the readiness probes
  const isRequest = (l) => /"(GET|HEAD|POST|PUT|OPTIONS|DELETE|PATCH) /.test(l);
  return { ...server, requests: () => server.log.filter(isRequest) };
}

/** Runs in the page before any of its scripts: wraps every API that sends or stores something. */
function instrument() {
  const log = (window.__privacy = []);
  const wrap = (obj, name, kind) => {
    if (!obj || typeof obj[name] !== 'function') return;
    const orig = obj[name];
    obj[name] = function (...args) {
      log.push(`${kind}: ${String(args[0]).slice(0, 80)}`);
      return orig.apply(this, args);
    };
  };
  wrap(window, 'fetch', 'fetch');
  wrap(XMLHttpRequest.prototype, 'open', 'xhr');
  wrap(navigator, 'sendBeacon', 'beacon');
  wrap(Storage.prototype, 'setItem', 'storage');
  wrap(Storage.prototype, 'removeItem', 'storage');
  wrap(Storage.prototype, 'clear', 'storage');
  wrap(IDBFactory.prototype, 'open', 'indexeddb');
  wrap(IDBFactory.prototype, 'deleteDatabase', 'indexeddb');
  if (window.CacheStorage) wrap(CacheStorage.prototype, 'open', 'cache');
  if (navigator.serviceWorker) wrap(ServiceWorkerContainer.prototype, 'register', 'service-worker');
  for (const Ctor of ['WebSocket', 'EventSource', 'RTCPeerConnection', 'WebTransport', 'Worker', 'SharedWorker']) {
    const Orig = window[Ctor];
    if (typeof Orig !== 'function') continue;
    window[Ctor] = new Proxy(Orig, {
      construct(target, args) {
        log.push(`${Ctor}: ${String(args[0]).slice(0, 80)}`);
        return Reflect.construct(target, args);
      },
    });
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    get() {
      return cookie.get.call(this);
    },
    set(v) {
      log.push(`cookie: ${String(v).slice(0, 80)}`);
      cookie.set.call(this, v);
    },
  });
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** What the browser holds for this origin, read back at the end. */
async function storageState(page, context) {
  const inPage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
    caches: window.caches ? await caches.keys() : [],
    workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
  const state = await context.storageState();
  return { ...inPage, contextCookies: state.cookies.length, origins: state.origins.filter((o) => o.localStorage.length).length };
}

async function run(browser, server) {
  const context = await browser.newContext({ viewport: { width: 800, height: 1000 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);

  let phase = 'load';
  const requests = [];
  page.on('request', (r) => requests.push({ phase, kind: 'page', url: r.url() }));
  context.on('request', (r) => {
    if (!r.frame || r.frame()?.page() !== page) requests.push({ phase, kind: 'context', url: r.url() });
  });
  page.on('websocket', (ws) => requests.push({ phase, kind: 'websocket', url: ws.url() }));
  page.on('worker', (w) => requests.push({ phase, kind: 'worker', url: w.url() }));
  // The DevTools network log sees what the page events may not (beacons, pings, preflights).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const cdpRequests = [];
  cdp.on('Network.requestWillBeSent', (e) => cdpRequests.push({ phase, url: e.request.url, type: e.type }));
  cdp.on('Network.webSocketCreated', (e) => cdpRequests.push({ phase, url: e.url, type: 'WebSocket' }));
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.addInitScript(instrument);

  // ---- load
  const response = await page.goto(`${server.base}/strict/`, { waitUntil: 'load' });
  check('the strict demo answers 200', response?.status() === 200, `status ${response?.status()}`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 15_000 }).catch(() => {});
  check('the analyzer starts from the embedded WebAssembly', (await page.evaluate(() => document.body.dataset.ready)) === 'true');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  check('the page declares the strict CSP (connect-src \u2019none\u2019)', csp === STRICT_CSP, csp);
  const loadPaths = requests.filter((r) => r.phase === 'load').map((r) => new URL(r.url));
  const foreign = loadPaths.filter((u) => u.origin !== server.base || !allowedPath(u.pathname));
  check('during load: only the page\u2019s own static files', foreign.length === 0, foreign.map(String).join(' '));
  check('during load: no .wasm request (the bytes are in the JS)', !loadPaths.some((u) => u.pathname.endsWith('.wasm')));
  const cdpLoadForeign = cdpRequests.filter((r) => !r.url.startsWith(`${server.base}/strict/`) && !r.url.startsWith('data:'));
  check('during load: the DevTools network log agrees', cdpLoadForeign.length === 0, cdpLoadForeign.map((r) => r.url).join(' '));
  const storedBefore = await storageState(page, context);

  // ---- typing and analysis: nothing may leave the page from here on
  phase = 'use';
  const serverLogAtLoad = server.requests().length;
  const textarea = page.locator('#comment');
  const feedback = page.locator('#feedback .pdm-feedback'); // attach()'s panel, in the demo's #feedback
  const messages = [
    "t'es vraiment un connard, personne ne t'aime",
    'Super clip, bravo à toute la classe ! 🎉',
    'je veux mourir, je suis trop nul',
    'va te pendre sérieux 😡 c.0.n.n.a.r.d @kevin 06 12 34 56 78',
  ];
  const levels = [];
  for (const m of messages) {
    await textarea.fill('');
    await textarea.pressSequentially(m, { delay: 5 });
    await page.waitForTimeout(400); // the demo debounces by 150 ms
    levels.push(await feedback.getAttribute('data-pdm-state'));
  }
  check('analysis ran on what was typed (a warning, then none)', ['warn', 'alert'].includes(levels[0]) && levels[1] === 'none', levels.join(', '));
  // A long paste (100,000 characters) and a publish with the confirmation dialog.
  await textarea.fill('bonjour à tous '.repeat(6_000) + " t'es un connard");
  await page.waitForTimeout(600);
  await page.click('#publish');
  await page.locator('#feedback dialog.pdm-dialog').waitFor({ state: 'visible' }).catch(() => {});
  if (await page.locator('#feedback .pdm-send-anyway').isVisible()) await page.click('#feedback .pdm-send-anyway');
  await page.waitForTimeout(300);
  const published = await page.locator('#published-list li').count();
  check('publishing stays on the page (the comment is listed locally)', published >= 1, `${published} items`);

  const used = requests.filter((r) => r.phase === 'use');
  check('after load: no request of any kind (page, workers, WebSockets)', used.length === 0, used.map((r) => `${r.kind} ${r.url}`).join(' '));
  const cdpUsed = cdpRequests.filter((r) => r.phase === 'use');
  check('after load: the DevTools network log is empty (no beacon, ping or preflight)', cdpUsed.length === 0, cdpUsed.map((r) => `${r.type} ${r.url}`).join(' '));
  check('after load: the server saw no request', server.requests().length === serverLogAtLoad, server.requests().slice(serverLogAtLoad).join(' | '));
  const apiCalls = await page.evaluate(() => window.__privacy);
  check('no call to fetch, XHR, sendBeacon, WebSocket, EventSource, WebRTC, workers or any storage API', apiCalls.length === 0, apiCalls.join(' | '));
  const stored = await storageState(page, context);
  const empty = (s) => s.local === 0 && s.session === 0 && s.cookie === '' && s.idb.length === 0 && s.caches.length === 0 && s.workers === 0 && s.contextCookies === 0 && s.origins === 0;
  check('nothing stored: localStorage, sessionStorage, cookies, IndexedDB, Cache Storage, service workers', empty(storedBefore) && empty(stored), JSON.stringify(stored));
  const violations = await page.evaluate(() => window.__csp);
  check('zero securitypolicyviolation events', violations.length === 0, violations.join(' | '));
  check('no error in the console', consoleErrors.length === 0, consoleErrors.join(' | '));

  // ---- positive control: the recorders and the CSP do see what they are meant to see
  phase = 'control';
  const blocked = await page.evaluate(() => fetch('/strict/style.css').then(() => 'sent', (e) => `blocked: ${e.name}`));
  await page.evaluate(() => sessionStorage.setItem('probe', '1'));
  await page.waitForTimeout(200);
  const controlViolations = await page.evaluate(() => window.__csp);
  const controlCalls = await page.evaluate(() => window.__privacy);
  check('control: a deliberate fetch() is blocked by connect-src \u2019none\u2019', blocked.startsWith('blocked'), blocked);
  check('control: and it raises a securitypolicyviolation event', controlViolations.some((v) => v.startsWith('connect-src')), controlViolations.join(' | '));
  check('control: a deliberate storage write is recorded', controlCalls.some((c) => c.startsWith('storage')) && controlCalls.some((c) => c.startsWith('fetch')), controlCalls.join(' | '));
  console.log(`  (load: ${loadPaths.length} requests, all listed above as allowed; use: ${used.length}; server log at load: ${serverLogAtLoad} lines)`);
}

async function main() {
  for (const f of ['index.html', 'demo.js', 'pkg/poids_des_mots.js', 'pkg/poids_des_mots_glue.js']) {
    if (!existsSync(path.join(STRICT, f))) {
      check(`www-demo/strict/${f} exists (run ./scripts/build.sh)`, false);
      finish();
    }
  }
  check('www-demo/strict/ ships no .wasm file', !existsSync(path.join(STRICT, 'pkg/poids_des_mots_bg.wasm')));
  check('the strict demo runs the same demo.js as the demo', readFileSync(path.join(STRICT, 'demo.js'), 'utf8') === readFileSync(path.join(DEMO, 'demo.js'), 'utf8'));
  const server = await serveDemo();
  const browser = await launch();
  try {
    await run(browser, server);
  } catch (err) {
    check(`no unexpected exception (${err?.message?.split('\n')[0] ?? err})`, false, err?.stack);
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
  finish();
}

main();
