/**
 * The publish folder (PUBLISH_DIR, by default `site/` in the project):
 *
 *   releases/<YYYYMMDD-HHMMSS>/          complete builds, named by when they were published (Beijing time)
 *   releases/<YYYYMMDD-HHMMSS>.partial/  a build under way; never served, removed if the build or its checks fail
 *   current  → releases/<…>              what the web server serves (nginx: root <PUBLISH_DIR>/current)
 *   previous → releases/<…>              the build before it, for `npm run rollback`
 *   publish.lock                         held while a publish or rollback runs
 *
 * `current` and `previous` are relative symbolic links. Each is changed by making a new link beside it and renaming
 * it over the old one: rename(2) replaces a name atomically on Linux, so a reader always finds a link to a complete
 * build, the old one or the new one.
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

/** Points `link` at releases/<name>, atomically: a new link beside it, renamed over it. */
export function pointTo(link: string, name: string): void {
  const temporary = `${link}.tmp`;
  rmSync(temporary, { force: true });
  symlinkSync(`releases/${name}`, temporary);
  renameSync(temporary, link);
}

/**
 * Removes what is neither served nor kept for a rollback: partial builds and link drafts a killed run left, and
 * releases older than `previous`. Call it only while holding the lock (a partial build is then never a live one).
 * @returns the names removed, for the log
 */
export function removeUnused(layout: PublishLayout): string[] {
  const keep = new Set(
    [linkedRelease(layout, layout.current), linkedRelease(layout, layout.previous)].filter((name) => name !== null),
  );
  const removed: string[] = [];
  for (const link of [layout.current, layout.previous]) {
    if (present(`${link}.tmp`)) {
      rmSync(`${link}.tmp`, { force: true });
      removed.push(`${link}.tmp`);
    }
  }
  for (const name of existsSync(layout.releases) ? readdirSync(layout.releases) : []) {
    if (keep.has(name)) continue;
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
