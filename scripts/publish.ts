/**
 * npm run publish — builds the site for the public and swaps it in atomically; run by the daily timer
 * (deploy/shian-wuqing-publish.timer) so that what changes with time alone (a 黑榜 deadline passing, a scheduled
 * article becoming due) reaches the site, and by staff after editing content.
 *
 *   SITE_URL=https://<网站域名> PUBLISH_DIR=/srv/shian-wuqing npm run publish
 *
 * In order: the content check (the build's own pipeline, in a second or two), `astro build` into
 * releases/<name>.partial/ in the publish folder (built inside the project and moved there when the publish folder is
 * elsewhere, on any file system: scripts/lib/astro-build.ts), checks of the built site (scripts/lib/built-site.ts),
 * then the rename to releases/<name>/ and the swap of the `current` link (layout: scripts/lib/releases.ts); the newest
 * PUBLISH_KEEP releases (5 unless set) are kept for `npm run rollback`. Anything that fails stops the publish before
 * the swap: what is served stays as it was, the partial build is removed, and the message says in Chinese what went
 * wrong; a full disk or a folder this account may not write is told in one sentence (lib/environment-errors.ts).
 * A lock (publish.lock) keeps two publishes, or a publish and a rollback, apart.
 *
 * The whole publish uses one moment, the time it starts or SITE_NOW (src/lib/dates.ts), so a publish that runs across
 * midnight does not compute statuses for two different days.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../src/lib/content-errors.ts';
import { checkAllContent } from '../src/lib/content/pipeline.ts';
import { siteNow, SiteNowError } from '../src/lib/dates.ts';
import { astroBuild, removeKilledBuilds } from './lib/astro-build.ts';
import { checkBuiltSite } from './lib/built-site.ts';
import { EnvironmentError, environmentMessage, fullDisk } from './lib/environment-errors.ts';
import { acquireLock, LockHeldError } from './lib/lock.ts';
import {
  completeReleases,
  keptReleases,
  linkedRelease,
  PARTIAL,
  pointTo,
  publishDir,
  PublishKeepError,
  publishLayout,
  releaseName,
  removeUnused,
} from './lib/releases.ts';
import { requireSiteUrl, SiteUrlError } from './lib/site-url.ts';

/** A publish that stopped for a reason staff can act on; the message is in Chinese. */
class PublishError extends Error {
  override name = 'PublishError';
}

/** How a machine failure (a full disk, a folder that may not be written) is told: environment-errors.ts. */
const PUBLISHING = { verb: '发布', command: 'npm run publish', outcome: '网站仍是原来的版本。' };

/**
 * Publishes the project in `root`; returns the exit code.
 * @param env SITE_URL (required), PUBLISH_DIR, PUBLISH_KEEP, SITE_NOW
 */
export async function main(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let site: string;
  let now: Date;
  let keep: number;
  try {
    site = requireSiteUrl(env);
    now = siteNow(env);
    keep = keptReleases(env);
  } catch (error) {
    if (!(error instanceof SiteUrlError || error instanceof SiteNowError || error instanceof PublishKeepError))
      throw error;
    console.error(`没有发布：${error.message}`);
    return 2;
  }
  const layout = publishLayout(publishDir(root, env));
  let release: (() => void) | null = null;
  let partial: string | null = null;
  try {
    mkdirSync(layout.releases, { recursive: true });
    release = acquireLock(layout.lock);
    // Before half a minute of building: every folder the publish writes in must let this account write.
    for (const folder of [layout.root, layout.releases, root]) accessSync(folder, constants.W_OK);

    const leftovers = [...removeUnused(layout, keep), ...removeKilledBuilds(root)];
    if (leftovers.length > 0) console.log(`已清理上次中断或过期的版本：${leftovers.join('、')}`);

    const beijing = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    console.log(`发布：网站地址 ${site}，按北京时间 ${beijing} 计算状态，发布目录 ${layout.root}`);
    const problems = checkAllContent(root, { now });
    if (problems.length > 0) {
      throw new PublishError(
        `内容有误，共 ${problems.length} 处，请逐条修改后重新发布：\n` +
          problems.map((problem, index) => `  ${index + 1}. ${formatProblem(problem)}`).join('\n'),
      );
    }

    const name = releaseName(new Date(), new Set(readdirSync(layout.releases)));
    partial = join(layout.releases, `${name}${PARTIAL}`);
    // The build sees the same moment as the check above, and the checked address. The served release's compressed
    // copies of unchanged files are reused (hard links: releases are never changed in place).
    const servedBefore = linkedRelease(layout, layout.current);
    const build = await astroBuild(
      root,
      partial,
      { ...env, SITE_URL: site, SITE_NOW: now.toISOString() },
      [],
      servedBefore ? join(layout.releases, servedBefore) : null,
    );
    if (build.stoppedBy) throw new PublishError(`发布被中断（收到 ${build.stoppedBy}）。`);
    if (build.status !== 0) {
      // Astro's own process says a disk is full only in English, among its output.
      const full = fullDisk([layout.releases, root]);
      if (full) throw new EnvironmentError('ENOSPC', full);
      throw new PublishError(`构建失败（退出码 ${build.status}），详见上方的构建输出。`);
    }

    const report = checkBuiltSite(partial);
    if (report.problems.length > 0) {
      throw new PublishError(
        `构建结果检查未通过，共 ${report.problems.length} 处：\n` +
          report.problems.map((problem, index) => `  ${index + 1}. ${problem}`).join('\n'),
      );
    }

    const complete = join(layout.releases, name);
    renameSync(partial, complete);
    partial = complete;
    const served = linkedRelease(layout, layout.current);
    // `previous` first: a kill between the two renames leaves both on the old build, which is still served whole.
    if (served && existsSync(join(layout.releases, served))) pointTo(layout.previous, served);
    pointTo(layout.current, name);
    partial = null;
    // Published: a failure from here on is only the tidying's.
    let removed: string[] = [];
    try {
      removed = removeUnused(layout, keep);
    } catch (error) {
      console.error(`发布已完成，但没能删除较早的版本（下次发布时再试）：${(error as Error).message}`);
    }
    const kept = completeReleases(layout).length;
    console.log(
      `发布完成：${layout.current} → releases/${name}（${report.pages} 个页面）。` +
        (served ? `可用 npm run rollback 回退到上一版本 releases/${served}；` : '') +
        `保留的 ${kept} 个版本可用 npm run rollback -- --list 列出` +
        (removed.length > 0 ? `，超出保留数量（PUBLISH_KEEP=${keep}）的旧版本已删除：${removed.join('、')}。` : '。'),
    );
    return 0;
  } catch (error) {
    if (partial) rmSync(partial, { recursive: true, force: true });
    if (error instanceof LockHeldError) {
      console.error(`没有发布：${error.message}`);
      return 1;
    }
    const machine = environmentMessage(error, PUBLISHING, { publish: layout.root, project: root });
    if (machine) {
      console.error(machine);
      return 1;
    }
    const message = error instanceof PublishError ? error.message : `发布出错：${(error as Error).message}`;
    console.error(`${message}\n没有发布：网站仍是原来的版本${partial ? '，未完成的构建已删除' : ''}。`);
    return 1;
  } finally {
    release?.();
  }
}

if (import.meta.main) process.exitCode = await main();
