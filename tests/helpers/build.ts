/**
 * Real `astro build`s of scratch copies of the project: the fixture site, the project with its samples removed,
 * and copies with one change that the build-failure tests make, as staff would after editing a file.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyProjectCode } from '../../scripts/lib/project-copy.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Scratch copies live here; each test run process gets its own folder. */
export const SCRATCH = join(ROOT, 'tests/.tmp/build-errors', String(process.pid));
/** The fixture site's content tree (content/ and public/ files that belong to content). */
export const FIXTURE_SITE = join(ROOT, 'tests/fixtures/site');

/** Files under public/ that belong to content (materials, attachments) rather than to the site itself. */
const CONTENT_PUBLIC = ['materials', 'files'];

/** Where a copy's content comes from: the project's own `content/`, or the fixture site's. */
export type ContentSource = 'project' | 'fixture';

/** Copies the project's code to `dir` (scripts/lib/project-copy.ts) with the given content. */
export function copyProject(dir: string, content: ContentSource = 'project'): void {
  copyProjectCode(dir);
  if (content === 'project') {
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    cpSync(join(ROOT, 'public'), join(dir, 'public'), { recursive: true });
  } else {
    cpSync(join(FIXTURE_SITE, 'content'), join(dir, 'content'), { recursive: true });
    cpSync(join(ROOT, 'public'), join(dir, 'public'), {
      recursive: true,
      filter: (source) => !CONTENT_PUBLIC.some((folder) => source.startsWith(join(ROOT, 'public', folder))),
    });
    if (existsSync(join(FIXTURE_SITE, 'public'))) {
      cpSync(join(FIXTURE_SITE, 'public'), join(dir, 'public'), { recursive: true });
    }
  }
}

/** The environment a person's shell gives `astro build`: without the test runner's NODE_ENV=test and VITEST_*. */
export function personEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST'));
  return {
    ...Object.fromEntries(inherited),
    PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs `astro build` in a copy; returns the exit status and everything it printed. */
export function build(dir: string): { status: number | null; output: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: dir,
    encoding: 'utf8',
    env: personEnv(),
    timeout: 230_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Copies the project to a scratch folder and applies a change; returns the folder. */
export function prepareCopy(name: string, change: (dir: string) => void, content: ContentSource = 'fixture'): string {
  const dir = join(SCRATCH, name);
  copyProject(dir, content);
  change(dir);
  return dir;
}

/** Builds a changed copy of the project; returns the exit status and everything it printed. */
export function buildWith(
  name: string,
  change: (dir: string) => void,
  content: ContentSource = 'fixture',
): { status: number | null; output: string } {
  return build(prepareCopy(name, change, content));
}

/** Replaces text in a file of a copy; fails loudly when the fixture no longer contains it. */
export function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(path, changed);
}
