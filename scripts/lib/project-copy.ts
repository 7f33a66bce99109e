/**
 * Copies of the project for builds beside it (the test sites, the benchmark): its code, with node_modules shared
 * through symlinks but without Astro's and Vite's caches, so concurrent builds never read each other's content and
 * a copy's first build is cold.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a build reads besides content/ and public/. */
const CODE = ['src', 'astro.config.mjs', 'tsconfig.json', 'package.json'];
/** Caches in node_modules that each copy keeps for itself. */
const CACHES = ['.astro', '.vite', '.vite-temp', '.vitest-cache', '.cache'];

/**
 * Writes a fresh copy of the project's code to `dir` (content/ and public/ are the caller's), sharing node_modules.
 * With `shareCaches`, the caches in node_modules/.cache named `shian-*` (the unpacked browser, compressed files) are
 * shared too: they are keyed by what they hold, so sharing is safe and spares each copy the work; a benchmark of a
 * cold build leaves them out.
 */
export function copyProjectCode(dir: string, shareCaches = true): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of CODE) cpSync(join(PROJECT_ROOT, entry), join(dir, entry), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(PROJECT_ROOT, 'node_modules'))) {
    if (!CACHES.includes(entry))
      symlinkSync(join(PROJECT_ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  const shared = join(PROJECT_ROOT, 'node_modules/.cache');
  if (!shareCaches || !existsSync(shared)) return;
  mkdirSync(join(dir, 'node_modules/.cache'));
  for (const entry of readdirSync(shared)) {
    if (entry.startsWith('shian-')) symlinkSync(join(shared, entry), join(dir, 'node_modules/.cache', entry));
  }
}
