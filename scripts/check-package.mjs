// Static privacy check of the built npm package (pkg/, or the directory given as argument): no code in
// it can send, store or evaluate anything, outside the few lines wasm-bindgen generates to load the
// module, each listed below with the reason it is there. Run by ./scripts/test.sh (step check-package).
//
//   node scripts/check-package.mjs [pkg-dir]
//
// What it checks:
//   1. every .js file, line by line (comment lines skipped): no fetch(), XMLHttpRequest, WebSocket,
//      EventSource, sendBeacon, WebRTC, WebTransport, importScripts, dynamic import(), eval(),
//      Function() / new Function, setTimeout/setInterval with a string, storage APIs (localStorage,
//      sessionStorage, indexedDB, document.cookie, Cache Storage, service workers), unless the line is in
//      ALLOWED, which must match exactly (so that a change in wasm-bindgen's output is re-reviewed);
//   2. every .css file: no url() to anything but data:, no @import; and attach/css.js, the module attach()
//      adopts its styles from, is exactly the text of attach.css;
//   3. the .wasm: it imports only wasm-bindgen's glue functions (module ./poids_des_mots_bg.js), and none
//      whose name mentions a network or storage API; the imports are listed for the auditor;
//   4. package.json: no runtime dependencies and no install scripts;
//   5. http(s) URLs in .js files are listed (links shown to people are fine; they are never fetched).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.resolve(process.argv[2] || path.join(ROOT, 'pkg'));

const FORBIDDEN = [
  ['fetch()', /\bfetch\s*\(/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['EventSource', /\bEventSource\b/],
  ['sendBeacon', /\bsendBeacon\b/],
  ['WebRTC', /\bRTCPeerConnection\b|\bRTCDataChannel\b/],
  ['WebTransport', /\bWebTransport\b/],
  ['importScripts', /\bimportScripts\b/],
  ['dynamic import()', /(^|[^.\w])import\s*\(/],
  ['eval', /\beval\s*\(/],
  ['Function constructor', /\bnew\s+Function\b|(^|[^.\w])Function\s*\(/],
  ['string timer', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
  ['localStorage', /\blocalStorage\b/],
  ['sessionStorage', /\bsessionStorage\b/],
  ['IndexedDB', /\bindexedDB\b|\bIDBFactory\b/],
  ['cookies', /\bdocument\.cookie\b|\bcookieStore\b/],
  ['Cache Storage', /\bcaches\s*\.\s*(open|match|keys|delete|has)\b|\bCacheStorage\b/],
  ['service worker', /\bserviceWorker\b/],
  ['<img>/<script> injection by URL', /\.src\s*=\s*['"`]https?:/],
  ['Worker', /\bnew\s+(Shared)?Worker\b/],
  ['postMessage', /\bpostMessage\s*\(/],
  ['window.open / navigation', /\bwindow\.open\s*\(|\blocation\.(assign|replace)\s*\(|\blocation\.href\s*=/],
];

// Lines that match a forbidden pattern but are allowed, with the reason: an exact `line` (trimmed) or a
// `pattern`, which must match exactly `count` lines of the file (a change there must be re-reviewed), and
// as many of attach.bundle.js, which carries the same modules (scripts/bundle-kit.mjs) but worker.js.
const BUNDLE = 'attach.bundle.js';
const ALLOWED = [
  {
    file: 'poids_des_mots.js',
    line: 'module_or_path = fetch(module_or_path);',
    count: 1,
    why:
      "wasm-bindgen's init(): when it is given a URL or a path (or nothing: then the URL of poids_des_mots_bg.wasm " +
      'next to the glue), it fetches the .wasm. This is the only request the library can make: once, to load its ' +
      'own code, from the place the integrator chose. The text is never sent. poids_des_mots_embedded.js passes ' +
      'the bytes instead, so that this line never runs (tests/browser/privacy.mjs).',
  },
  {
    file: 'checker.js',
    line: 'response = await fetch(source);',
    count: 1,
    why:
      'createChecker() compiles the WebAssembly module itself (to hand it to a worker): like init() above, it fetches ' +
      'poids_des_mots_bg.wasm, once per page, from the URL the integrator gives (default: next to checker.js). ' +
      'The text is never sent; pass the bytes or a WebAssembly.Module as `wasm` to fetch nothing.',
  },
  {
    file: 'checker.js',
    pattern: /^(\? |: )?new Worker\((options\.workerUrl|new URL\('\.\/worker\.js', import\.meta\.url\)), \{ type: 'module', name: 'poids-des-mots' \}\);?$/,
    count: 2,
    why: "createChecker({ mode: 'worker' }) starts a dedicated Web Worker running the package's own worker.js (or the integrator's copy): a thread of the same page, on the same device.",
  },
  {
    file: 'checker.js',
    pattern: /^(this\.#)?worker\.postMessage\(\{ type: '(analyze|init)'/,
    count: 3,
    why: "the page hands the text (and at start the compiled module, the options and the checker's own warm-up message) to that dedicated worker: memory of the same page, never a network or another origin.",
  },
  {
    file: 'worker.js',
    pattern: /^self\.postMessage\(\{ type: '(ready|error|result)'/,
    count: 4,
    why: 'the worker answers its own page (the report, or an error); `self` in a dedicated worker is that page only.',
  },
];

/** Whether allowed entry `a` (for the module `a.file`) covers file `name`: that module, or the bundle of the kit. */
const inFile = (a, name) => a.file === name || (name === BUNDLE && a.file !== 'worker.js');
const problems = [];
const allowedSeen = new Map();
const urls = [];
// Recursive: wasm-bindgen puts JS the Rust code imports (src/report.js) under snippets/.
const files = readdirSync(DIR, { recursive: true })
  .map(String)
  .filter((f) => statSync(path.join(DIR, f)).isFile())
  .sort();

for (const name of files.filter((f) => f.endsWith('.js'))) {
  const lines = readFileSync(path.join(DIR, name), 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('//') || line.startsWith('*') || line.startsWith('/*')) return;
    for (const m of line.matchAll(/https?:\/\/[^\s'"`)<>]+/g)) urls.push(`${name}:${i + 1} ${m[0]}`);
    const hits = FORBIDDEN.filter(([, re]) => re.test(line)).map(([what]) => what);
    if (!hits.length) return;
    const allowed = ALLOWED.find((a) => inFile(a, name) && (a.line === line || (a.pattern && a.pattern.test(line))));
    if (allowed) {
      const key = `${name}\n${ALLOWED.indexOf(allowed)}`;
      allowedSeen.set(key, (allowedSeen.get(key) || 0) + 1);
    } else {
      problems.push(`${name}:${i + 1}: ${hits.join(', ')}: ${line.slice(0, 160)}`);
    }
  });
}
for (const [i, a] of ALLOWED.entries()) {
  for (const file of [a.file, ...(a.file === 'worker.js' ? [] : [BUNDLE])]) {
    const n = allowedSeen.get(`${file}\n${i}`) || 0;
    if (n !== a.count) problems.push(`${file}: the allowed line ${a.line ? JSON.stringify(a.line) : a.pattern} appears ${n} times, ${a.count} expected: review the change`);
  }
}

for (const name of files.filter((f) => f.endsWith('.css'))) {
  const css = readFileSync(path.join(DIR, name), 'utf8');
  for (const m of css.matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!m[1].startsWith('data:')) problems.push(`${name}: url(${m[1]}) loads a resource`);
  if (/@import\b/.test(css)) problems.push(`${name}: @import loads a stylesheet`);
}
// attach() adopts the styles of attach/css.js, which scripts/build.sh writes from attach.css: it must be
// that text and nothing else, so that the check above covers what is adopted.
const CSS_MODULE = path.join('attach', 'css.js');
if (files.includes(CSS_MODULE)) {
  const lines = readFileSync(path.join(DIR, CSS_MODULE), 'utf8').split('\n').filter((l) => l && !l.startsWith('//'));
  const css = lines.length === 1 && /^export const CSS = (".*");$/.exec(lines[0]);
  if (!css || JSON.parse(css[1]) !== readFileSync(path.join(DIR, 'attach.css'), 'utf8')) {
    problems.push(`${CSS_MODULE}: not exactly \`export const CSS = <the text of attach.css>\``);
  }
} else {
  problems.push(`${CSS_MODULE} is missing: attach() would have no styles to adopt`);
}

let wasmImports = [];
for (const name of files.filter((f) => f.endsWith('.wasm'))) {
  const module = new WebAssembly.Module(readFileSync(path.join(DIR, name)));
  wasmImports = WebAssembly.Module.imports(module);
  for (const imp of wasmImports) {
    if (imp.module !== './poids_des_mots_bg.js') problems.push(`${name}: imports ${imp.name} from ${imp.module}, not from the wasm-bindgen glue`);
    if (!/^__wbg_|^__wbindgen_/.test(imp.name)) problems.push(`${name}: import ${imp.name} is not a wasm-bindgen glue function`);
    if (/fetch|xmlhttp|websocket|beacon|storage|cookie|indexeddb|eventsource|worker|eval|function_new|new_function/i.test(imp.name)) {
      problems.push(`${name}: import ${imp.name} names a network, storage or eval API`);
    }
  }
}

const pkg = JSON.parse(readFileSync(path.join(DIR, 'package.json'), 'utf8'));
for (const key of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundledDependencies']) {
  if (pkg[key] && Object.keys(pkg[key]).length) problems.push(`package.json: ${key} is not empty: ${Object.keys(pkg[key]).join(', ')}`);
}
for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) if (pkg.scripts?.[s]) problems.push(`package.json: an install script (${s})`);

console.log(`check-package: ${DIR}`);
console.log(`  ${files.length} files; ${files.filter((f) => f.endsWith('.js')).length} JS files scanned for ${FORBIDDEN.length} patterns`);
console.log(`  allowed lines (${ALLOWED.length}):`);
for (const a of ALLOWED) console.log(`    ${a.file} (${a.count}×): ${a.line ?? a.pattern}\n      why: ${a.why}`);
const names = [...new Set(wasmImports.map((i) => i.name.replace(/_[0-9a-f]{16}$/, '')))];
console.log(`  the .wasm imports ${wasmImports.length} glue functions: ${names.join(' ')}`);
console.log(`  runtime dependencies: ${Object.keys(pkg.dependencies || {}).length}`);
console.log(`  URLs in JS (never fetched; shown to people as links): ${urls.length ? '\n    ' + urls.join('\n    ') : 'none'}`);
if (problems.length) {
  console.log(`\ncheck-package: ${problems.length} problem(s):`);
  for (const p of problems) console.log(`  FAIL ${p}`);
  process.exit(1);
}
console.log('\ncheck-package: ok');
