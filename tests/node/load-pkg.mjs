// Loads the built package (pkg/) in Node ESM for the tests in this folder (not a test file itself).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

export const PKG = new URL('../../pkg/', import.meta.url);
export const GLUE = new URL('poids_des_mots.js', PKG);
export const WASM = new URL('poids_des_mots_bg.wasm', PKG);

/** Imports the glue and instantiates the .wasm from its bytes; returns the module's exports. */
export async function loadPackage() {
  assert.ok(existsSync(GLUE) && existsSync(WASM), 'pkg/ is missing: run ./scripts/build.sh first');
  const mod = await import(GLUE);
  await mod.default({ module_or_path: readFileSync(WASM) });
  return mod;
}
