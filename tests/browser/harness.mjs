// Shared pieces of the browser tests: a loopback static server (python3 -m
// http.server --bind 127.0.0.1), Debian's Chromium through playwright-core
// (never a downloaded browser), and 'N passed, N failed' counting.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export function counter(label) {
  const c = { passed: 0, failed: 0, failures: [] };
  c.check = (name, ok, detail = '') => {
    if (ok) {
      c.passed++;
      console.log(`  ok   ${name}`);
    } else {
      c.failed++;
      c.failures.push(name);
      console.log(`  FAIL ${name}${detail ? `\n       ${String(detail).slice(0, 2000)}` : ''}`);
    }
    return ok;
  };
  c.finish = (code) => {
    console.log(`\n${label}: ${c.passed} passed, ${c.failed} failed`);
    if (c.failures.length) console.log(`failed: ${c.failures.join('; ')}`);
    process.exit(code ?? (c.failed ? 1 : 0));
  };
  return c;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Serves `dir` on 127.0.0.1 (a free port); resolves once it answers. */
export async function startServer(dir, probe = '/') {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', String(port)], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const onData = (d) => log.push(...String(d).split('\n').filter(Boolean));
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`http.server exited: ${log.join('\n')}`);
    try {
      const res = await fetch(base + probe, { method: 'HEAD' });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('http.server did not start in 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  log.length = 0;
  return { proc, base, log, stop: () => proc.kill('SIGTERM') };
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Records requests, console errors and CSP violations of a page. */
export async function watch(page) {
  const seen = { requests: [], errors: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return seen;
}

/**
 * The modules of the package the demo loads (www-demo/demo.js imports attach.js, which imports the
 * rest), besides the glue and src/report.js: the only other files e2e.mjs and privacy.mjs allow it.
 */
export const DEMO_KIT_MODULES = [
  'attach.js',
  'attach/css.js',
  'attach/dialog.js',
  'attach/dom.js',
  'attach/field.js',
  'attach/handle.js',
  'attach/highlight.js',
  'attach/options.js',
  'attach/panel.js',
  'attach/policy.js',
  'attach/styles.js',
  'attach/texts.js',
  'checker.js',
  'messages.js',
  'option-keys.js',
  'resources.js',
];
