// Page loads in headless Chromium for the start-up benchmarks: one fresh browser context per load, the
// pages alternating (so that a busy machine slows them alike). Each page sets `window.result` when done.
import { rmSync } from 'node:fs';
import { launch, startServer } from '../../tests/browser/harness.mjs';

/**
 * Serves `www` on 127.0.0.1, loads each of `paths` in turn, `loads` times; removes `www` at the end.
 * `prepare(tab, i)`, if given, runs before page `paths[i]` is opened (e.g. to throttle its CPU).
 */
export async function loadPages(www, paths, loads, prepare = null) {
  const server = await startServer(www);
  const browser = await launch();
  const version = browser.version();
  const results = paths.map(() => []);
  try {
    for (let n = 0; n < loads; n++) {
      for (let i = 0; i < paths.length; i++) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        if (prepare) await prepare(tab, i);
        await tab.goto(`${server.base}/${paths[i]}`);
        await tab.waitForFunction(() => window.result, null, { timeout: 120_000 });
        results[i].push(await tab.evaluate(() => window.result));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.stop();
    rmSync(www, { recursive: true, force: true });
  }
  return { version, results };
}

export const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

/** Removes `name` and its value from `args` and returns the value (`dflt` when `name` is absent). */
export function takeOption(args, name, dflt) {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : dflt;
}
