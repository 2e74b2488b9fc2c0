// Exits 0 when ./node_modules holds every package of ./package-lock.json at its locked version, 1 otherwise
// (then the caller runs `npm ci`). Used by setup.sh and vite-example.sh so an install is skipped only when
// it would change nothing. Linked packages (file: dependencies) and optional packages for other platforms
// are not checked.
import { existsSync, readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
if (!existsSync('node_modules')) process.exit(1);
for (const [p, meta] of Object.entries(lock.packages || {})) {
  if (!p || meta.link || !p.startsWith('node_modules/')) continue;
  if (meta.optional && !existsSync(p)) continue;
  let have;
  try {
    have = JSON.parse(readFileSync(`${p}/package.json`, 'utf8')).version;
  } catch {
    process.exit(1);
  }
  if (have !== meta.version) process.exit(1);
}
