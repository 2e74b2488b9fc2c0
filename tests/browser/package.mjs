// The package as a newcomer gets it (issue 19): publish-ready, installed from a fresh folder with the
// docs' own commands, and used from there, in Node and in a page without a bundler.
//
//   ./scripts/build.sh && node tests/browser/package.mjs
//
// 1. `npm publish --dry-run` in pkg/ (offline): no warning but the one every dry run without a login
//    gives, and the tarball holds every file of `files` and `exports`;
// 2. docs/integration.md's first commands: `npm pack ./pkg`, then `npm install <the .tgz>` in an empty
//    folder (offline: the package has no dependencies);
// 3. docs/integration.md's Node example, verbatim, run in that folder;
// 4. its page without a bundler ("Without a bundler"), verbatim, served from that folder in Chromium
//    under its Content-Security-Policy: guarded, with one module for the kit; and when it goes wrong
//    (an import map the CSP blocks, a wrong path, no 'wasm-unsafe-eval'), a console error and a form
//    that never silently loses its guard.
// Prints 'package: N passed, N failed'.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { counter, launch, startServer, watch } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.join(ROOT, 'pkg');
const t = counter('package');
const { check } = t;

/** Runs a command; returns { code, out, err }. */
function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { code: r.status, out: r.stdout || '', err: r.stderr || '' };
}

/** The code blocks of `lang` in a section (from its `## …` or `### …` heading to the next) of a markdown file. */
function blocks(markdown, heading, lang) {
  const start = markdown.indexOf(heading);
  if (start < 0) return [];
  const rest = markdown.slice(start + heading.length).search(/\n#{2,3} /);
  const next = rest < 0 ? -1 : start + heading.length + rest;
  const section = markdown.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

async function main() {
  if (!existsSync(path.join(PKG, 'package.json'))) {
    check('pkg/ exists (run ./scripts/build.sh)', false);
    t.finish(1);
  }
  const pkg = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'pdm-package-'));
  try {
    publishReady(pkg);
    const app = install(pkg, work);
    if (app) {
      nodeExample(app);
      await withoutBundler(app);
    }
  } catch (err) {
    check(`no unexpected exception (${err && err.message ? err.message.split('\n')[0] : err})`, false, err && err.stack);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  t.finish();
}

function publishReady(pkg) {
  const dry = run('npm', ['publish', '--dry-run', '--offline'], PKG);
  // A dry run cannot log in; every other warning is about the package.
  const warnings = dry.err.split('\n').filter((l) => /^npm (warn|WARN|ERR)/.test(l) && !/requires you to be logged in/.test(l));
  check('npm publish --dry-run: succeeds, with no warning about the package', dry.code === 0 && warnings.length === 0 && /\+ poids-des-mots@/.test(dry.out), `${warnings.join('\n')}\n${dry.err.slice(-800)}`);
  const packed = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--offline'], PKG).out)[0];
  const shipped = new Set(packed.files.map((f) => f.path));
  const promised = [
    ...pkg.files.filter((f) => !f.endsWith('/')),
    ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))).map((f) => f.replace(/^\.\//, '')),
    pkg.types.replace(/^\.\//, ''),
    pkg.main.replace(/^\.\//, ''),
  ];
  const missing = [...new Set(promised)].filter((f) => !shipped.has(f));
  check(`the tarball ships every file that files, exports, main and types name (${shipped.size} files)`, missing.length === 0, JSON.stringify(missing));
  check('the tarball ships a licence and the package declares it', shipped.has('LICENSE') && pkg.license === 'MIT', JSON.stringify([pkg.license, [...shipped].filter((f) => /LICEN/i.test(f))]));
  check('no runtime dependency, no install script', !pkg.dependencies && !(pkg.scripts && (pkg.scripts.install || pkg.scripts.postinstall || pkg.scripts.preinstall)));
  const p = pkg.wasmProvenance || {};
  const source = execFileSync('node', [path.join(ROOT, 'scripts/provenance.mjs'), '--source'], { encoding: 'utf8' }).trim();
  check(
    'wasmProvenance records the crate, the .wasm and source hashes and the tools, matching this checkout',
    p.crate === `poids-des-mots ${pkg.version}` && /^[0-9a-f]{64}$/.test(p.wasmSha256) && p.sourceSha256 === source &&
      p.tools && /^rustc /.test(p.tools.rustc) && p.tools['wasm-bindgen'] === '0.2.130',
    JSON.stringify({ p, source }),
  );
}

/** docs/integration.md §1's commands in a fresh folder; returns the app's folder, or null. */
function install(pkg, work) {
  const docs = readFileSync(path.join(ROOT, 'docs/integration.md'), 'utf8');
  const first = blocks(docs, '## 1. ', 'sh')[0] || '';
  check(
    "docs/integration.md starts with commands that work today: npm pack, then npm install of the .tgz (not the registry's 404)",
    /npm pack \.\/pkg/.test(first) && /npm install \S*poids-des-mots-\S*\.tgz/.test(first) && !/npm install poids-des-mots\s*$/m.test(first),
    first,
  );
  const packs = path.join(work, 'packs');
  execFileSync('mkdir', ['-p', packs]);
  const pack = run('npm', ['pack', './pkg', '--pack-destination', packs, '--offline'], ROOT);
  const tgz = existsSync(packs) ? readdirSync(packs).filter((f) => f.endsWith('.tgz')) : [];
  check(`npm pack ./pkg makes poids-des-mots-${pkg.version}.tgz`, pack.code === 0 && tgz.join() === `poids-des-mots-${pkg.version}.tgz`, pack.err.slice(-800));
  if (!tgz.length) return null;
  const app = path.join(work, 'my-app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'my-app', private: true, type: 'module' }, null, 2)}\n`);
  const inst = run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(packs, tgz[0])], app);
  const installed = path.join(app, 'node_modules/poids-des-mots/package.json');
  check(
    'npm install <the .tgz> in an empty folder: installed, recorded in its package.json',
    inst.code === 0 && existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === pkg.version &&
      /poids-des-mots-.*\.tgz/.test(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).dependencies['poids-des-mots']),
    inst.err.slice(-800),
  );
  return app;
}

/** docs/integration.md §5, verbatim, in the fresh folder. */
function nodeExample(app) {
  const docs = readFileSync(path.join(ROOT, 'docs/integration.md'), 'utf8');
  const code = blocks(docs, '## 5. Node', 'js')[0];
  if (!check('docs/integration.md has its Node example', !!code)) return;
  writeFileSync(path.join(app, 'example.mjs'), code);
  const r = run('node', ['example.mjs'], app);
  check("the docs' Node example runs in the fresh folder and finds the insult", r.code === 0 && /level: 'warn'/.test(r.out) && /connard/.test(r.out), `${r.out.slice(0, 600)}\n${r.err.slice(-600)}`);
  const types = run('node', ['-e', "import('poids-des-mots/attach').then((m) => console.log(Object.keys(m).sort().join()))"], app);
  check("'poids-des-mots/attach' resolves from the app (exports map)", types.code === 0 && /advise,.*attach/.test(types.out), types.out + types.err);
}

/** The page of "Without a bundler", with `edit` applied to its HTML and JS, served from `app` as /. */
function writePage(app, name, edit = (x) => x) {
  const docs = readFileSync(path.join(ROOT, 'docs/integration.md'), 'utf8');
  const [html] = blocks(docs, '### Without a bundler', 'html');
  const [js] = blocks(docs, '### Without a bundler', 'js');
  if (!html || !js) return false;
  const page = edit({ html, js });
  // The snippet is the head's and the body's content: the parser puts each where it belongs.
  writeFileSync(path.join(app, `${name}.html`), `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,">\n${page.html.replace('/comments.js', `/${name}.js`)}`);
  writeFileSync(path.join(app, `${name}.js`), page.js);
  return true;
}

async function withoutBundler(app) {
  if (!check('docs/integration.md has the page "Without a bundler" (an html and a js block)', writePage(app, 'comments'))) return;
  writePage(app, 'modules', (p) => ({ ...p, js: p.js.replace('attach.bundle.js', 'attach.js') }));
  // The issue's page: a bare name through an inline import map, which the CSP blocks.
  writePage(app, 'importmap', (p) => ({
    html: p.html.replace('<script type="module"', '<script type="importmap">{ "imports": { "poids-des-mots/attach": "/node_modules/poids-des-mots/attach.js" } }</script>\n<script type="module"'),
    js: p.js.replace(/'\/node_modules\/poids-des-mots\/attach\.bundle\.js'/, "'poids-des-mots/attach'"),
  }));
  writePage(app, 'typo', (p) => ({ ...p, js: p.js.replace('attach.bundle.js', 'atach.bundle.js') }));
  writePage(app, 'nowasm', (p) => ({ ...p, html: p.html.replace(" 'wasm-unsafe-eval'", '') }));

  const server = await startServer(app, '/comments.html');
  const browser = await launch();
  const open = async (name) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', serviceWorkers: 'block' });
    const page = await context.newPage();
    page.setDefaultTimeout(5_000);
    const seen = await watch(page);
    await page.goto(`${server.base}/${name}.html`, { waitUntil: 'load' });
    await page.waitForTimeout(400); // the module graph, and the analyzer's start
    const state = () => page.evaluate(() => ({
      disabled: document.querySelector('[type="submit"]').disabled,
      panel: document.querySelector('.pdm-feedback')?.textContent ?? null,
      csp: window.__csp,
    }));
    return { context, page, seen, state };
  };
  try {
    for (const [name, modules] of [['comments', 'attach.bundle.js'], ['modules', 'attach.js and its modules']]) {
      const { context, page, seen, state } = await open(name);
      await page.waitForFunction(() => !document.querySelector('[type="submit"]').disabled).catch(() => {});
      await page.locator('#comment').pressSequentially("t'es vraiment un connard", { delay: 5 });
      await page.waitForFunction(() => document.querySelector('.pdm-feedback')?.dataset.pdmState === 'warn').catch(() => {});
      await page.click('[type="submit"]');
      await page.locator('dialog.pdm-dialog').waitFor({ state: 'visible' }).catch(() => {});
      const s = await state();
      const dialog = await page.evaluate(() => !!document.querySelector('dialog.pdm-dialog')?.open);
      const kit = seen.requests.filter((u) => u.includes('/node_modules/poids-des-mots/') && u.endsWith('.js'));
      check(
        `without a bundler (${modules}), from the fresh install, under the docs' CSP: the form is enabled and guarded`,
        !s.disabled && /Ce message pourrait blesser/.test(s.panel) && dialog,
        JSON.stringify({ s, dialog }),
      );
      check(
        `… no CSP violation, no console error, only the page's own files (${kit.length} JS file${kit.length > 1 ? 's' : ''} of the package)`,
        s.csp.length === 0 && seen.errors.length === 0 && seen.requests.every((u) => u.startsWith(server.base) || u.startsWith('data:')) &&
          (name === 'comments' ? kit.length === 1 : kit.length > 10),
        JSON.stringify({ csp: s.csp, errors: seen.errors, requests: seen.requests }),
      );
      await context.close();
    }
    for (const [name, what, expected] of [
      ['importmap', 'an inline import map (blocked by the CSP) for a bare name', /Content Security Policy|import ?map|Failed to resolve module specifier/i],
      ['typo', 'a wrong path to the package', /Failed to load|404|Not Found/i],
    ]) {
      const { context, seen, state } = await open(name);
      const s = await state();
      check(`${what}: a console error says so, and the form stays off rather than unguarded`, s.disabled && s.panel === null && seen.errors.some((e) => expected.test(e)), JSON.stringify({ s, errors: seen.errors }));
      await context.close();
    }
    {
      const { context, page, seen, state } = await open('nowasm');
      await page.waitForFunction(() => document.querySelector('.pdm-feedback')?.dataset.pdmState === 'error').catch(() => {});
      const s = await state();
      check(
        "no 'wasm-unsafe-eval': attach() says so in the console and under the field (the author is not blocked)",
        seen.errors.some((e) => /poids-des-mots: attach\(\) could not start the analyzer/.test(e)) && /n.a pas pu se faire/.test(s.panel) && !s.disabled,
        JSON.stringify({ s, errors: seen.errors }),
      );
      await context.close();
    }
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
}

main().catch((err) => {
  console.log(err && err.stack ? err.stack : String(err));
  t.failed++;
  t.finish(1);
});
