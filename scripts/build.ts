/**
 * npm run build — `astro build` into dist.tmp-<pid>/ beside dist/, moved into place only when it succeeds, so a
 * failed or interrupted build leaves the previous dist/ as it was (and `npm start` can still serve it). Options after
 * `--` go to `astro build`.
 *
 * The move is two renames (dist → dist.old-<pid>, then dist.tmp-<pid> → dist): a kill in between leaves no dist/
 * for an instant; the next build puts dist.old-<pid> back first if so. Publishing does not use dist/
 * (see scripts/publish.ts), so this tiny window never touches the public site.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild } from './lib/astro-build.ts';
import { processAlive } from '../src/lib/atomic-file.ts';

const LEFTOVER = /^dist\.(tmp|old)-(\d+)$/;

/**
 * Tidies what a killed build left: its unfinished dist.tmp-<pid>/ is removed; its dist.old-<pid>/ is the previous
 * build, put back if dist/ is missing and removed otherwise. Builds still running are left alone.
 */
export function recoverLeftovers(root: string, alive: (pid: number) => boolean = processAlive): void {
  for (const name of readdirSync(root).sort()) {
    const match = LEFTOVER.exec(name);
    if (!match || alive(Number(match[2]))) continue;
    if (match[1] === 'old' && !existsSync(join(root, 'dist'))) renameSync(join(root, name), join(root, 'dist'));
    else rmSync(join(root, name), { recursive: true, force: true });
  }
}

/** Builds the project in `root` into dist/; returns the exit code. */
export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  recoverLeftovers(root);
  const fresh = join(root, `dist.tmp-${process.pid}`);
  const old = join(root, `dist.old-${process.pid}`);
  const dist = join(root, 'dist');
  const outcome = await astroBuild(root, fresh, process.env, argv, existsSync(dist) ? dist : null);
  if (outcome.status !== 0 || outcome.stoppedBy) {
    rmSync(fresh, { recursive: true, force: true });
    console.error(
      outcome.stoppedBy
        ? `构建被中断（收到 ${outcome.stoppedBy}），dist/ 保持原样。`
        : `构建失败（退出码 ${outcome.status}），dist/ 保持原样（仍是上一次成功构建的结果）。`,
    );
    return outcome.status || 1;
  }
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(fresh, dist);
  rmSync(old, { recursive: true, force: true });
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
