/**
 * npm run rollback — serves the previous publish again: swaps the `current` and `previous` links of the publish
 * folder (PUBLISH_DIR, by default `site/`; layout in scripts/lib/releases.ts), each atomically. Running it again
 * returns to the newer build. The build rolled back to is checked first (scripts/lib/built-site.ts), and the publish
 * lock keeps a rollback and a publish apart.
 *
 * Note that the daily publish (deploy/shian-wuqing-publish.timer) builds from content/ again: to keep the older site,
 * correct or revert the content that caused the rollback before the next run.
 */
import { join } from 'node:path';
import { checkBuiltSite } from './lib/built-site.ts';
import { acquireLock, LockHeldError } from './lib/lock.ts';
import { linkedRelease, pointTo, publishDir, publishLayout } from './lib/releases.ts';

/** Rolls back the publish folder of the project in `root`; returns the exit code. */
export function main(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): number {
  const layout = publishLayout(publishDir(root, env));
  let release: () => void;
  try {
    release = acquireLock(layout.lock);
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    console.error(`没有回退：${error.message}`);
    return 1;
  }
  try {
    const served = linkedRelease(layout, layout.current);
    const previous = linkedRelease(layout, layout.previous);
    if (!previous || previous === served) {
      console.error(`没有回退：${layout.root} 中没有可回退的上一版本（至少要成功发布两次）。网站保持不变。`);
      return 1;
    }
    const report = checkBuiltSite(join(layout.releases, previous));
    if (report.problems.length > 0) {
      console.error(
        `没有回退：上一版本 releases/${previous} 不完整，网站保持不变：\n` +
          report.problems.map((problem, index) => `  ${index + 1}. ${problem}`).join('\n'),
      );
      return 1;
    }
    pointTo(layout.current, previous);
    if (served) pointTo(layout.previous, served);
    console.log(
      `已回退：${layout.current} → releases/${previous}。` +
        (served ? `较新的版本 releases/${served} 保留为 previous，再次运行 npm run rollback 可恢复。` : ''),
    );
    return 0;
  } catch (error) {
    console.error(`回退出错：${(error as Error).message}`);
    return 1;
  } finally {
    release();
  }
}

if (import.meta.main) process.exitCode = main();
