// Records in the built package where its WebAssembly comes from, so that anyone holding the package can
// tell which source and tools made it (and rebuild it: PRIVACY.md, "Reproducing the published bundle"):
//
//   "wasmProvenance": {
//     "crate": "poids-des-mots 0.1.0",
//     "wasmSha256": "…",          the SHA-256 of poids_des_mots_bg.wasm in the package
//     "sourceSha256": "…",        of the files the package is built from (SOURCES below, in path order)
//     "tools": { "rustc": "…", "wasm-bindgen": "0.2.130", "wasm-opt": "…" }
//   }
//
//   node scripts/provenance.mjs <pkg-dir>     writes it into <pkg-dir>/package.json (scripts/build.sh)
//   node scripts/provenance.mjs --source      prints the source hash of this checkout, to compare
//
// The source hash covers every file under SOURCES (no git needed: a tarball of the source gives the same
// hash), each as its relative path, a NUL, its length, a NUL and its bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the package is made of: the crate, the package's own files, and the build's scripts. */
const SOURCES = [
  'Cargo.toml',
  'Cargo.lock',
  'build',
  'src',
  'pkg-template',
  'scripts/build.sh',
  'scripts/bundle-kit.mjs',
  'scripts/css-module.mjs',
  'scripts/embed-wasm.mjs',
  'scripts/guard-freed.mjs',
  'scripts/provenance.mjs',
  'package-lock.json',
];

function filesUnder(rel) {
  const abs = path.join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [rel];
  return readdirSync(abs, { recursive: true })
    .map((f) => path.join(rel, String(f)))
    .filter((f) => statSync(path.join(ROOT, f)).isFile());
}

function sourceHash() {
  const files = SOURCES.flatMap(filesUnder).map((f) => f.split(path.sep).join('/')).sort();
  const hash = createHash('sha256');
  for (const f of files) {
    const bytes = readFileSync(path.join(ROOT, f));
    hash.update(`${f}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

function toolVersion(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const [arg] = process.argv.slice(2);
if (arg === '--source') {
  console.log(sourceHash());
} else if (arg) {
  const file = path.join(arg, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  const wasm = readFileSync(path.join(arg, 'poids_des_mots_bg.wasm'));
  pkg.wasmProvenance = {
    crate: `${pkg.name} ${pkg.version}`,
    wasmSha256: createHash('sha256').update(wasm).digest('hex'),
    sourceSha256: sourceHash(),
    tools: {
      rustc: toolVersion('rustc', ['--version']),
      'wasm-bindgen': toolVersion('wasm-bindgen', ['--version']).replace(/^wasm-bindgen /, ''),
      'wasm-opt': process.env.SKIP_WASM_OPT === '1'
        ? 'skipped (SKIP_WASM_OPT=1)'
        : toolVersion(path.join(ROOT, 'node_modules/.bin/wasm-opt'), ['--version']).replace(/^wasm-opt /, ''),
    },
  };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
} else {
  console.error('usage: node scripts/provenance.mjs <pkg-dir> | --source');
  process.exit(2);
}
