// wasm in headless Chromium, side by side with the JavaScript filters (bundled with esbuild), in one page.
//   node benches/js/browser.mjs --pkg DIR --corpus corpus.json [--rounds 7] [--out result.json]
// Serves a scratch directory (target/bench/www) with python3 -m http.server on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../tests/browser/harness.mjs';
import { benchSets, readEval } from './sets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const pkg = resolve(arg('--pkg', join(root, 'pkg')));
const corpus = JSON.parse(readFileSync(resolve(arg('--corpus')), 'utf8'));
const rounds = Number(arg('--rounds', 7));
const www = join(root, 'target/bench/www');

rmSync(www, { recursive: true, force: true });
mkdirSync(www, { recursive: true });
cpSync(pkg, join(www, 'pkg'), { recursive: true });
cpSync(join(here, 'harness.mjs'), join(www, 'harness.mjs'));
cpSync(join(here, 'page.mjs'), join(www, 'page.mjs'));
writeFileSync(join(www, 'sets.json'), JSON.stringify(benchSets(corpus, readEval(join(root, '../shared/eval/data')))));
const esbuild = createRequire(import.meta.url)('esbuild');
esbuild.buildSync({
  entryPoints: [join(here, 'peers-entry.cjs')],
  bundle: true,
  format: 'iife',
  globalName: 'PDM_PEER_MODULES',
  platform: 'browser',
  outfile: join(www, 'peers.js'),
  logLevel: 'warning',
});
writeFileSync(
  join(www, 'index.html'),
  '<!doctype html><meta charset="utf-8"><title>bench</title><script src="peers.js"></script>' +
    '<script type="module" src="page.mjs"></script>',
);

const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => ok(p));
  });
});
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', www], {
  stdio: 'ignore',
});
let browser;
try {
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/index.html`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  browser = await launch(); // Debian's Chromium, the tests' flags (no background networking)
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
  const res = await page.evaluate((r) => window.runBench(r), rounds);
  const out = { env: 'chromium', version: browser.version(), rounds, ...res };
  const outPath = arg('--out');
  if (outPath) writeFileSync(outPath, JSON.stringify(out, null, 1));
  else console.log(JSON.stringify(out, null, 1));
} finally {
  if (browser) await browser.close();
  server.kill();
}
