/**
 * The three sites the built-site and browser tiers test, each built once per change of its inputs and shared by
 * every test file (and by `npm run test:site` and `npm run test:browser` run one after the other):
 * - `fixture`: the small content tree in tests/fixtures/site/, on which behavioural tests assert exact results;
 * - `project`: the project's own content/, on which tests assert only invariants that hold for any valid content;
 * - `stripped`: content/ with every 示例 sample removed, as staff will do before go-live (same invariants).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { copyProject, FIXTURE_SITE, personEnv, ROOT, type ContentSource } from './build.ts';
import { makeHostile } from './hostile.ts';
import { stripSamples } from './strip-samples.ts';

export type SiteName = 'fixture' | 'project' | 'stripped' | 'hostile';
export const SITE_NAMES: readonly SiteName[] = ['fixture', 'project', 'stripped', 'hostile'];
/** Sites whose content is not the fixture's: tests on them assert invariants only. */
export const INVARIANT_SITES: readonly SiteName[] = ['fixture', 'project', 'stripped'];

export const SITES_DIR = join(ROOT, 'tests/.tmp/sites');

/** The folder holding a site's copy of the project; its build is in `dist/` inside it. */
export function siteDir(name: SiteName): string {
  return join(SITES_DIR, name);
}

const SITE_SOURCES: Record<SiteName, { content: ContentSource; inputs: string[]; change?: (dir: string) => void }> = {
  fixture: { content: 'fixture', inputs: [FIXTURE_SITE, join(ROOT, 'public')] },
  project: { content: 'project', inputs: [join(ROOT, 'content'), join(ROOT, 'public')] },
  stripped: {
    content: 'project',
    inputs: [join(ROOT, 'content'), join(ROOT, 'public'), join(ROOT, 'tests/helpers/strip-samples.ts')],
    change: stripSamples,
  },
  hostile: {
    content: 'fixture',
    inputs: [FIXTURE_SITE, join(ROOT, 'public'), join(ROOT, 'tests/helpers/hostile.ts')],
    change: makeHostile,
  },
};

const CODE_INPUTS = ['src', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'].map((entry) =>
  join(ROOT, entry),
);

/** Every file under the given paths, sorted, so the hash does not depend on directory order. */
function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of everything a site's build reads: when it is unchanged, the previous build is still right. */
export function siteInputHash(name: SiteName): string {
  const hash = createHash('sha256');
  for (const file of [...CODE_INPUTS, ...SITE_SOURCES[name].inputs].flatMap(filesUnder)) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function runBuild(dir: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/astro'), ['build'], { cwd: dir, env: personEnv() });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Whether a process is still running (a lock left by a killed run is stale). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `done()` holds, checking whenever something in `folder` changes (and at least every second). */
async function waitFor(folder: string, done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const { watch } = await import('node:fs');
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`等待${what}超时（${timeoutMs / 1000} 秒）。`);
    await new Promise<void>((resolve) => {
      const watcher = watch(folder, () => finish());
      const timer = setTimeout(finish, 1000);
      function finish(): void {
        clearTimeout(timer);
        watcher.close();
        resolve();
      }
    });
  }
}

/**
 * Builds a site unless its last build had the same inputs; returns its folder. Safe when several processes ask at
 * once: one builds under a lock while the others wait for its stamp. The build is made beside the old one and moved
 * into place only when it succeeded, so a failed build never leaves a half-written site for the tests.
 */
export async function ensureSite(name: SiteName): Promise<string> {
  mkdirSync(SITES_DIR, { recursive: true });
  const dir = siteDir(name);
  const stampFile = join(dir, 'input-hash');
  const hash = siteInputHash(name);
  const fresh = (): boolean => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash;
  if (fresh()) return dir;

  const lock = join(SITES_DIR, `${name}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : NaN);
      if (Number.isInteger(owner) && !alive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await waitFor(SITES_DIR, () => !existsSync(lock), 300_000, `网站“${name}”由另一个进程构建`);
      if (fresh()) return dir;
    }
  }
  try {
    if (fresh()) return dir;
    const building = join(SITES_DIR, `${name}.building-${process.pid}`);
    const { content, change } = SITE_SOURCES[name];
    copyProject(building, content);
    change?.(building);
    const { status, output } = await runBuild(building);
    if (status !== 0) {
      rmSync(building, { recursive: true, force: true });
      throw new Error(`测试网站“${name}”构建失败（退出码 ${status}）：\n${output.slice(-6000)}`);
    }
    writeFileSync(join(building, 'input-hash'), hash);
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
