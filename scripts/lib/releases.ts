/**
 * The publish folder (PUBLISH_DIR, by default `site/` in the project):
 *
 *   releases/<YYYYMMDD-HHMMSS>/          complete builds, named by when they were published (Beijing time)
 *   releases/<YYYYMMDD-HHMMSS>.partial/  a build under way; never served, removed if the build or its checks fail
 *   current  → releases/<…>              what the web server serves (nginx: root <PUBLISH_DIR>/current)
 *   previous → releases/<…>              what was served before the last switch (a publish or a rollback)
 *   publish.lock                         held while a publish or rollback runs
 *
 * `current` and `previous` are relative symbolic links. Each is changed by making a new link beside it and renaming
 * it over the old one: rename(2) replaces a name atomically on Linux, so a reader always finds a link to a complete
 * build, the old one or the new one.
 *
 * The newest releases are kept (PUBLISH_KEEP, by default 5), for `npm run rollback` to step back through; `current`
 * and `previous` are kept as well when they point to older ones.
 */
import { existsSync, lstatSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface PublishLayout {
  root: string;
  releases: string;
  current: string;
  previous: string;
  lock: string;
}

/** Suffix of a build under way. */
export const PARTIAL = '.partial';

/** How many of the newest releases are kept when PUBLISH_KEEP is not set. */
export const DEFAULT_KEEP = 5;

/** A complete release's folder name: `20260101-000500`, or `20260101-000500-2` for a second one that second. */
const RELEASE_NAME = /^(\d{8}-\d{6})(?:-(\d+))?$/;

/** PUBLISH_KEEP is set to something that is not a positive whole number; the message says so in Chinese. */
export class PublishKeepError extends Error {
  override name = 'PublishKeepError';
}

/**
 * How many of the newest releases to keep: PUBLISH_KEEP, a positive whole number, by default {@link DEFAULT_KEEP}.
 * @throws PublishKeepError, in Chinese, for any other value.
 */
export function keptReleases(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.PUBLISH_KEEP?.trim();
  if (!text) return DEFAULT_KEEP;
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(count) || count < 1)
    throw new PublishKeepError(
      `环境变量 PUBLISH_KEEP 的值“${env.PUBLISH_KEEP}”无效：它是要保留的最近版本数，应为正整数，` +
        `例如 PUBLISH_KEEP=${DEFAULT_KEEP}（不设置时保留 ${DEFAULT_KEEP} 个）。`,
    );
  return count;
}

/**
 * Orders release names by when they were published, oldest first (`…-2` after that second's first, `-10` after `-9`).
 */
export function compareReleases(a: string, b: string): number {
  const [, baseA = a, suffixA = '1'] = RELEASE_NAME.exec(a) ?? [];
  const [, baseB = b, suffixB = '1'] = RELEASE_NAME.exec(b) ?? [];
  return baseA < baseB ? -1 : baseA > baseB ? 1 : Number(suffixA) - Number(suffixB);
}

/** The complete releases in releases/ (named as {@link releaseName} names them), oldest first. */
export function completeReleases(layout: PublishLayout): string[] {
  const names = existsSync(layout.releases) ? readdirSync(layout.releases) : [];
  return names.filter((name) => RELEASE_NAME.test(name)).sort(compareReleases);
}

/** The publish folder: PUBLISH_DIR (absolute, or relative to the project), by default `site/` in the project. */
export function publishDir(root: string, env: Readonly<Record<string, string | undefined>>): string {
  return resolve(root, env.PUBLISH_DIR?.trim() || 'site');
}

/** The paths inside a publish folder. */
export function publishLayout(root: string): PublishLayout {
  return {
    root,
    releases: join(root, 'releases'),
    current: join(root, 'current'),
    previous: join(root, 'previous'),
    lock: join(root, 'publish.lock'),
  };
}

/**
 * A new release's folder name: the moment in Beijing time, `20260101-000500`, with `-2`, `-3` … if that name is
 * taken (two publishes within a second).
 * @param taken names already in releases/ (complete or partial)
 */
export function releaseName(now: Date, taken: ReadonlySet<string>): string {
  const beijing = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString();
  const base = `${beijing.slice(0, 10).replaceAll('-', '')}-${beijing.slice(11, 19).replaceAll(':', '')}`;
  const free = (name: string) => !taken.has(name) && !taken.has(`${name}${PARTIAL}`);
  if (free(base)) return base;
  let suffix = 2;
  while (!free(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}

/**
 * The release a link (`current` or `previous`) points to, as its name in releases/; null if there is no link.
 * @throws Error in Chinese if the path exists but is not a link into releases/ (e.g. a folder copied there by hand).
 */
export function linkedRelease(layout: PublishLayout, link: string): string | null {
  let stats;
  try {
    stats = lstatSync(link);
  } catch {
    return null;
  }
  const target = stats.isSymbolicLink() ? readlinkSync(link) : null;
  const name = target?.startsWith('releases/') ? target.slice('releases/'.length) : null;
  if (!name || name.includes('/'))
    throw new Error(
      `${link} 不是指向 ${layout.releases}/ 中某个版本的链接${target ? `（指向 ${target}）` : '（是普通文件或目录）'}。` +
        '发布工具只管理自己建立的链接：请把它移到别处（例如改名为 current.manual）后重新发布。',
    );
  return name;
}

/**
 * Points `link` at releases/<name>, atomically: a new link beside it, renamed over it. If that fails (a full disk,
 * a folder that may not be written), the draft is removed and `link` is as it was.
 */
export function pointTo(link: string, name: string): void {
  const temporary = `${link}.tmp`;
  rmSync(temporary, { force: true });
  try {
    symlinkSync(`releases/${name}`, temporary);
    renameSync(temporary, link);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes what is neither served nor kept for a rollback: partial builds and link drafts a killed run left, and
 * releases other than the newest `keep` and those `current` and `previous` point to. Call it only while holding the
 * lock (a partial build is then never a live one).
 * @param keep how many of the newest complete releases to keep ({@link keptReleases})
 * @returns the names removed, for the log
 */
export function removeUnused(layout: PublishLayout, keep = DEFAULT_KEEP): string[] {
  const kept = new Set([
    ...completeReleases(layout).slice(-keep),
    ...[linkedRelease(layout, layout.current), linkedRelease(layout, layout.previous)].filter((name) => name !== null),
  ]);
  const removed: string[] = [];
  for (const link of [layout.current, layout.previous]) {
    if (present(`${link}.tmp`)) {
      rmSync(`${link}.tmp`, { force: true });
      removed.push(`${link}.tmp`);
    }
  }
  for (const name of existsSync(layout.releases) ? readdirSync(layout.releases) : []) {
    if (kept.has(name)) continue;
    rmSync(join(layout.releases, name), { recursive: true, force: true });
    removed.push(`releases/${name}`);
  }
  return removed;
}

/** Whether anything, even a dangling link, has this name. */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
