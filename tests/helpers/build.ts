/**
 * Runs a real `astro build` on a scratch copy of the project with one change, as staff would
 * after editing a file: the build tests use it to check which content fails and how.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCRATCH = join(ROOT, 'tests/.tmp/build-errors', String(process.pid));

/** Copies the project to a scratch folder and applies a change; returns the folder. */
export function prepareCopy(name: string, change: (dir: string) => void): string {
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['src', 'content', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  // Packages are shared, but not Astro's and Vite's caches in node_modules: concurrent builds would read each other's content.
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (!['.astro', '.vite', '.vite-temp', '.vitest-cache', '.cache'].includes(entry))
      symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  change(dir);
  return dir;
}

/** Builds a changed copy of the project; returns the exit status and everything it printed. */
export function buildWith(name: string, change: (dir: string) => void): { status: number | null; output: string } {
  const dir = prepareCopy(name, change);
  const result = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: dir,
    encoding: 'utf8',
    // As a person runs it: without the test runner's NODE_ENV=test.
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')),
      ),
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    },
    timeout: 230_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

export function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(path, changed);
}
