/**
 * Runs `astro build` into a given folder (Astro's --outDir), under this process's Node (the project's Node 24, not
 * the system's), and passes a Ctrl+C or a systemd stop on to it, so the caller can remove what it half wrote. Once
 * Astro has ended, this process finishes the site (search index, _headers, precompressed copies): Pagefind's memory
 * then never adds to Astro's.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FINISH_AFTER_ASTRO, finishSite } from '../../src/integrations/finish-site.ts';

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

/** Astro's JavaScript heap, in MB, unless SHIAN_ASTRO_HEAP_MB says otherwise. */
const DEFAULT_ASTRO_HEAP_MB = 1024;

export interface BuildOutcome {
  /** The build's exit status (null if it was ended by a signal). */
  status: number | null;
  /** The signal that stopped this process while the build ran, if any: the caller should stop too. */
  stoppedBy: NodeJS.Signals | null;
}

/**
 * Builds the site of the project in `root` into `outDir`, its output shown as it comes.
 * @param env the environment for the build (SITE_URL, SITE_NOW …)
 * @param extraArgs further `astro build` options
 * @param previous the previous build, whose compressed copies of unchanged files are reused; null if none
 */
export async function astroBuild(
  root: string,
  outDir: string,
  env: NodeJS.ProcessEnv,
  extraArgs: readonly string[] = [],
  previous: string | null = null,
): Promise<BuildOutcome> {
  const outcome = await runAstro(root, outDir, env, extraArgs);
  if (outcome.status !== 0 || outcome.stoppedBy) return outcome;
  try {
    await finishSite(outDir, (message) => console.log(message), previous);
    return outcome;
  } catch (error) {
    console.error(`构建后的收尾步骤失败：${(error as Error).message}`);
    return { status: 1, stoppedBy: null };
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
        env: { ...NATIVE_MEMORY, ...NO_COMPILE_CACHE, ...env, [FINISH_AFTER_ASTRO]: '1' },
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
