/**
 * Runs `astro build` into a given folder (Astro's --outDir), under this process's Node (the project's Node 24, not
 * the system's), and passes a Ctrl+C or a systemd stop on to it, so the caller can remove what it half wrote. Once
 * Astro has ended, this process finishes the site (search index, _headers, precompressed copies): Pagefind's memory
 * then never adds to Astro's.
 *
 * Astro always builds inside the project. It writes the server code that renders the pages into <outDir>/.prerender/
 * and then renames the images and styles it made there into outDir; but for an outDir outside its working directory
 * (the project), it uses the project's .astro/.prerender/ instead (astro/dist/core/build/common.js,
 * getOutDirWithinCwd): one folder shared by every such build (a publish and a preview would overwrite each other's),
 * and on another file system than outDir when PUBLISH_DIR is on one, where the rename fails (EXDEV). So such an outDir
 * is built as the project's own dist.tmp-<pid>/ (gitignored; one per process; removed by the next build, publish or
 * preview if its process was killed), then moved into place: one rename on the same file system, else a copy. The
 * finishing steps run after the move, so the compressed copies they reuse from the previous release are hard-linked
 * on outDir's own file system. Running Astro from another working directory (outDir's) is not an option: the site's
 * code reads the project's files relative to process.cwd() (src/data/campaign-data.ts, the MDX components …).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, cpSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { FINISH_AFTER_ASTRO, finishSite } from '../../src/integrations/finish-site.ts';
import { processAlive } from '../../src/lib/atomic-file.ts';
import { environmentFailure } from './environment-errors.ts';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * How the native code in Astro's process gives memory back, measured at 10,000 restaurants (Astro's peak from 1.31 GB
 * to 0.98 GB). Vite's bundler (Rolldown, Rust) allocates with mimalloc, which by default backs its arenas with huge
 * pages where the kernel allows them (2 MB each, even when a little of one is used), commits them eagerly, and keeps
 * freed pages for a while: none of that here. glibc's malloc (Node's own) gets two arenas: its native threads would
 * otherwise keep one each, about 200 MB never used again. Each library ignores the other's variables.
 */
const NATIVE_MEMORY = {
  MIMALLOC_ALLOW_THP: '0',
  MIMALLOC_ARENA_EAGER_COMMIT: '0',
  MIMALLOC_PURGE_DELAY: '0',
  MALLOC_ARENA_MAX: '2',
};

/**
 * Astro turns on Node's compile cache, kept in the system's temporary folder and never pruned. Its entries are keyed by
 * path, and each build's server code has new paths (dist.tmp-<pid>/.prerender/), so every build added entries that no
 * build reads again: 19 MB a build at 10,000 restaurants, for a publishing timer thousands a year. Without it a build
 * is no slower (measured).
 */
const NO_COMPILE_CACHE = { NODE_DISABLE_COMPILE_CACHE: '1' };

/** A build folder inside the project: `dist.tmp-<pid>` (scripts/build.ts builds dist/ there too). */
const BUILD_FOLDER = /^dist\.tmp-(\d+)$/;

/** Astro's JavaScript heap, in MB, unless SHIAN_ASTRO_HEAP_MB says otherwise. */
const DEFAULT_ASTRO_HEAP_MB = 1024;

export interface BuildOutcome {
  /** The build's exit status (null if it was ended by a signal). */
  status: number | null;
  /** The signal that stopped this process while the build ran, if any: the caller should stop too. */
  stoppedBy: NodeJS.Signals | null;
}

/**
 * Builds the site of the project in `root` into `outDir`, its output shown as it comes. `outDir` may be anywhere, on
 * any file system: Astro builds inside the project, and the result is moved there (see the top of this file); it must
 * not exist yet or be empty.
 * @param env the environment for the build (SITE_URL, SITE_NOW …)
 * @param extraArgs further `astro build` options
 * @param previous the previous build, whose compressed copies of unchanged files are reused; null if none
 * @throws the error of a full disk or a folder that may not be written (see environment-errors.ts), for the caller
 *   to explain; other failures are said here and give a non-zero status.
 */
export async function astroBuild(
  root: string,
  outDir: string,
  env: NodeJS.ProcessEnv,
  extraArgs: readonly string[] = [],
  previous: string | null = null,
): Promise<BuildOutcome> {
  const project = realpathSync(root);
  const wanted = realPath(outDir);
  const direct = inside(project, wanted);
  const building = direct ? wanted : join(project, `dist.tmp-${process.pid}`);
  let outcome: BuildOutcome;
  try {
    outcome = await runAstro(project, building, env, extraArgs);
    if (outcome.status !== 0 || outcome.stoppedBy) return outcome;
    if (!direct) moveFolder(building, wanted);
  } finally {
    if (!direct) rmSync(building, { recursive: true, force: true });
  }
  try {
    await finishSite(wanted, (message) => console.log(message), previous);
    return outcome;
  } catch (error) {
    if (environmentFailure(error)) throw error;
    console.error(`构建后的收尾步骤失败：${(error as Error).message}`);
    return { status: 1, stoppedBy: null };
  }
}

/**
 * Removes the build folders (dist.tmp-<pid>/) of builds, publishes and previews that were killed; those of running
 * ones are left alone.
 * @returns the names removed
 */
export function removeKilledBuilds(root: string, alive: (pid: number) => boolean = processAlive): string[] {
  const removed = readdirSync(root).filter((name) => {
    const match = BUILD_FOLDER.exec(name);
    return match !== null && Number(match[1]) !== process.pid && !alive(Number(match[1]));
  });
  for (const name of removed) rmSync(join(root, name), { recursive: true, force: true });
  return removed;
}

/** A path with its folder's symbolic links resolved, as Astro's process sees it (process.cwd() is a real path). */
function realPath(path: string): string {
  try {
    return join(realpathSync(dirname(resolve(path))), basename(path));
  } catch {
    return resolve(path);
  }
}

/** Whether `path` is inside `folder` (not the folder itself). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep);
}

/**
 * Moves a folder into place (`to` missing or empty): one rename on the same file system, else a copy (the caller
 * removes the original).
 */
function moveFolder(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
  }
}

/**
 * What Astro's process needs besides the caller's environment when run by a timer as a system account whose home
 * does not exist (HOME=/nonexistent under cron, say): Astro makes ~/.config/astro/ for its telemetry settings and
 * stops when it cannot. Telemetry is off (a publishing server sends nothing, and may have no network), and where
 * HOME is not a writable folder, Astro's settings folder is the project's .astro/config/ (gitignored).
 */
function homeless(project: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const extra: NodeJS.ProcessEnv = { ASTRO_TELEMETRY_DISABLED: '1' };
  if (!env.XDG_CONFIG_HOME && !writableFolder(env.HOME)) extra.XDG_CONFIG_HOME = join(project, '.astro', 'config');
  return extra;
}

function writableFolder(path: string | undefined): boolean {
  try {
    if (!path || !statSync(path).isDirectory()) return false;
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** `astro build` itself, leaving the finishing steps to the caller. */
function runAstro(
  root: string,
  outDir: string,
  env: NodeJS.ProcessEnv,
  extraArgs: readonly string[],
): Promise<BuildOutcome> {
  // Astro's process grew to 1.9 GB at 10,000 restaurants though its heap needs under 0.5 GB: a cap of 1 GB keeps the
  // build within reach of a small build server, with room for twice that content.
  const heapMb = Number(env.SHIAN_ASTRO_HEAP_MB) || DEFAULT_ASTRO_HEAP_MB;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${heapMb}`,
        join(root, 'node_modules/.bin/astro'),
        'build',
        '--outDir',
        outDir,
        ...extraArgs,
      ],
      {
        cwd: root,
        env: { ...NATIVE_MEMORY, ...NO_COMPILE_CACHE, ...env, ...homeless(root, env), [FINISH_AFTER_ASTRO]: '1' },
        stdio: 'inherit',
      },
    );
    let stoppedBy: NodeJS.Signals | null = null;
    const forward = (signal: NodeJS.Signals) => {
      stoppedBy = signal;
      child.kill(signal);
    };
    for (const signal of STOP_SIGNALS) process.on(signal, forward);
    const done = () => {
      for (const signal of STOP_SIGNALS) process.off(signal, forward);
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('close', (status, signal) => {
      done();
      // V8 aborts the process when the heap is full.
      if (signal === 'SIGABRT' && !stoppedBy) {
        console.error(
          `Astro 用完了为它预留的 ${heapMb} MB 内存（内容比预计的多）。` +
            `请设置环境变量 SHIAN_ASTRO_HEAP_MB 提高上限（例如 SHIAN_ASTRO_HEAP_MB=2048）后重新构建。`,
        );
        resolve({ status: 1, stoppedBy });
        return;
      }
      resolve({ status, stoppedBy });
    });
  });
}
