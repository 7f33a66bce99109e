/**
 * The pieces of `npm run publish`, `npm run rollback`, `npm run build` and the importer's atomic writes, on small
 * folders in the system's temporary directory: release names, the publish lock, the checks of a built site, the
 * `current`/`previous` links, leftovers of killed runs.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverLeftovers } from '../../scripts/build.ts';
import { removeKilledBuilds } from '../../scripts/lib/astro-build.ts';
import {
  EnvironmentError,
  environmentFailure,
  environmentMessage,
  fullDisk,
} from '../../scripts/lib/environment-errors.ts';
import { removeStaleTemporaries, temporaryPath, writeFileAtomic } from '../../src/lib/atomic-file.ts';
import { checkBuiltSite, completeHtml, fileOfPath, indexedPages, sitemapPaths } from '../../scripts/lib/built-site.ts';
import { acquireLock, currentOwner, LockHeldError, ownerAlive, readOwner } from '../../scripts/lib/lock.ts';
import {
  compareReleases,
  completeReleases,
  DEFAULT_KEEP,
  keptReleases,
  linkedRelease,
  pointTo,
  publishDir,
  PublishKeepError,
  publishLayout,
  releaseName,
  removeUnused,
} from '../../scripts/lib/releases.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'publish-lib-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('release names and the publish folder', () => {
  it('names a release by the Beijing time it is published, with a suffix if the second is taken', () => {
    const now = new Date('2025-12-31T16:05:09Z');
    expect(releaseName(now, new Set())).toBe('20260101-000509');
    expect(releaseName(now, new Set(['20260101-000509']))).toBe('20260101-000509-2');
    expect(releaseName(now, new Set(['20260101-000509', '20260101-000509-2.partial']))).toBe('20260101-000509-3');
  });

  it('takes PUBLISH_DIR relative to the project or absolute, by default site/', () => {
    expect(publishDir('/p', {})).toBe('/p/site');
    expect(publishDir('/p', { PUBLISH_DIR: ' ' })).toBe('/p/site');
    expect(publishDir('/p', { PUBLISH_DIR: 'out/pub' })).toBe('/p/out/pub');
    expect(publishDir('/p', { PUBLISH_DIR: '/srv/shian-wuqing' })).toBe('/srv/shian-wuqing');
  });

  it('swaps links atomically, keeps current and previous, and removes everything else', () => {
    const layout = publishLayout(dir);
    for (const name of ['a', 'b', 'c', 'd.partial']) mkdirSync(join(layout.releases, name), { recursive: true });
    expect(linkedRelease(layout, layout.current)).toBeNull();
    pointTo(layout.current, 'b');
    pointTo(layout.previous, 'a');
    pointTo(layout.current, 'c');
    expect(readlinkSync(layout.current)).toBe('releases/c');
    expect(linkedRelease(layout, layout.current)).toBe('c');
    // A killed run's link draft is removed with the rest.
    symlinkSync('releases/b', `${layout.current}.tmp`);
    expect(removeUnused(layout).sort()).toEqual([`${layout.current}.tmp`, 'releases/b', 'releases/d.partial']);
    expect(readdirSync(layout.releases).sort()).toEqual(['a', 'c']);
  });

  it('keeps the newest PUBLISH_KEEP releases (5 unless set), and those current and previous point to', () => {
    expect(keptReleases({})).toBe(DEFAULT_KEEP);
    expect(DEFAULT_KEEP).toBe(5);
    expect(keptReleases({ PUBLISH_KEEP: ' 2 ' })).toBe(2);
    for (const wrong of ['0', '-1', '2.5', 'abc', '1e3', '五']) {
      expect(() => keptReleases({ PUBLISH_KEEP: wrong }), wrong).toThrow(PublishKeepError);
    }
    expect(() => keptReleases({ PUBLISH_KEEP: '0' })).toThrow(
      '环境变量 PUBLISH_KEEP 的值“0”无效：它是要保留的最近版本数，应为正整数，例如 PUBLISH_KEEP=5（不设置时保留 5 个）。',
    );

    const layout = publishLayout(dir);
    const names = ['20260101-000500', '20260102-000500', '20260103-000500', '20260103-000500-2', '20260104-000500'];
    for (const name of [...names, '20260105-000500.partial', 'notes']) {
      mkdirSync(join(layout.releases, name), { recursive: true });
    }
    // Served after a rollback: the oldest; previous is the one served before it.
    pointTo(layout.current, '20260101-000500');
    pointTo(layout.previous, '20260102-000500');
    expect(removeUnused(layout, 2).sort()).toEqual([
      'releases/20260103-000500',
      'releases/20260105-000500.partial',
      'releases/notes',
    ]);
    expect(completeReleases(layout)).toEqual([
      '20260101-000500',
      '20260102-000500',
      '20260103-000500-2',
      '20260104-000500',
    ]);
    // With the default, nothing more goes.
    expect(removeUnused(layout)).toEqual([]);
  });

  it('orders releases by time, a second release of the same second after the first', () => {
    const names = [
      '20260102-000000',
      '20260101-120000-10',
      '20260101-120000-2',
      '20260101-120000',
      '20260101-120000-9',
    ];
    expect([...names].sort(compareReleases)).toEqual([
      '20260101-120000',
      '20260101-120000-2',
      '20260101-120000-9',
      '20260101-120000-10',
      '20260102-000000',
    ]);
  });

  it('leaves no link draft when a link cannot be changed, and the link as it was', () => {
    const layout = publishLayout(dir);
    mkdirSync(join(layout.current, 'by hand'), { recursive: true });
    expect(() => pointTo(layout.current, 'a')).toThrow();
    expect(readdirSync(dir)).toEqual(['current']);
  });

  it('refuses to manage a current that is not its own link', () => {
    const layout = publishLayout(dir);
    mkdirSync(layout.current, { recursive: true });
    expect(() => linkedRelease(layout, layout.current)).toThrow(/不是指向 .* 中某个版本的链接（是普通文件或目录）/);
  });
});

describe('the publish lock', () => {
  it('lets one run in, tells a second who holds it, and is free again once released', () => {
    const lock = join(dir, 'publish.lock');
    const release = acquireLock(lock);
    expect(readOwner(lock)?.pid).toBe(process.pid);
    let refused: unknown;
    try {
      acquireLock(lock);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(LockHeldError);
    expect((refused as Error).message).toMatch(
      new RegExp(`^另一次发布或回退正在进行（进程 ${process.pid}，开始于 .+），本次没有做任何改动。`),
    );
    release();
    expect(existsSync(lock)).toBe(false);
    acquireLock(lock)();
    // No lock drafts are left behind.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over the lock of a run that was killed', () => {
    const lock = join(dir, 'publish.lock');
    const pid = deadPid();
    writeFileSync(lock, JSON.stringify({ pid, start: null, boot: null, since: '2026-01-01T00:00:00.000Z' }));
    writeFileSync(join(dir, `.publish.lock.${pid}`), 'draft of the killed run');
    const release = acquireLock(lock);
    expect(readOwner(lock)?.pid).toBe(process.pid);
    expect(readdirSync(dir)).toEqual(['publish.lock']);
    release();
  });

  it('removes what killed runs left around the lock, even when the lock is held by another', () => {
    const lock = join(dir, 'publish.lock');
    const pid = deadPid();
    writeFileSync(join(dir, `.publish.lock.${pid}`), '');
    writeFileSync(join(dir, `publish.lock.stale-${pid}`), '');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, start: null, boot: null, since: '2026-01-01T00:00:00Z' }));
    expect(() => acquireLock(lock, () => true)).toThrow(LockHeldError);
    expect(readdirSync(dir)).toEqual(['publish.lock']);
  });

  it('respects a lock it cannot read rather than guess', () => {
    const lock = join(dir, 'publish.lock');
    writeFileSync(lock, '');
    expect(() => acquireLock(lock)).toThrow(/锁文件内容无法识别/);
  });

  it('knows a holder is gone after a reboot or when its id belongs to another process', () => {
    const owner = { pid: 42, start: '100', boot: 'boot-1', since: '' };
    expect(ownerAlive(owner, { exists: true, start: '100', boot: 'boot-1' })).toBe(true);
    expect(ownerAlive(owner, { exists: false, start: null, boot: 'boot-1' })).toBe(false);
    expect(ownerAlive(owner, { exists: true, start: '100', boot: 'boot-2' })).toBe(false);
    expect(ownerAlive(owner, { exists: true, start: '999', boot: 'boot-1' })).toBe(false);
    // Without /proc, only the id can be checked.
    expect(ownerAlive({ ...owner, start: null, boot: null }, { exists: true, start: null, boot: null })).toBe(true);
    expect(currentOwner().pid).toBe(process.pid);
  });
});

describe('checks of a built site', () => {
  const page = (body = '<main data-pagefind-body>x</main>') => `<!DOCTYPE html><html><body>${body}</body></html>`;
  /** A small complete site: two pages and a 404 page, two of them searchable. */
  const makeSite = () => {
    const write = (file: string, text: string) => {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    write('index.html', page('<p>首页</p>'));
    write('404.html', page());
    write('articles/冷藏/index.html', page());
    write('robots.txt', 'User-agent: *\n');
    write(
      'sitemap.xml',
      '<?xml version="1.0"?>\n<urlset>\n  <url><loc>https://example.org/</loc></url>\n' +
        '  <url><loc>https://example.org/articles/%E5%86%B7%E8%97%8F/</loc></url>\n</urlset>\n',
    );
    write('pagefind/pagefind-entry.json', JSON.stringify({ languages: { 'zh-cn': { page_count: 2 } } }));
  };

  it('accepts a complete site', () => {
    makeSite();
    expect(checkBuiltSite(dir)).toEqual({ problems: [], pages: 2 });
  });

  it('finds a missing, empty or cut page, a missing file and an index that does not match the pages', () => {
    makeSite();
    rmSync(join(dir, 'robots.txt'));
    writeFileSync(join(dir, 'index.html'), '');
    writeFileSync(join(dir, 'articles/冷藏/index.html'), '<!DOCTYPE html><html><body><main data-pagefind-body>');
    writeFileSync(
      join(dir, 'sitemap.xml'),
      readFileSync(join(dir, 'sitemap.xml'), 'utf8').replace(
        '</urlset>',
        '<url><loc>https://example.org/a/</loc></url>',
      ),
    );
    expect(checkBuiltSite(dir).problems).toEqual([
      '缺少 robots.txt。',
      'sitemap.xml 不完整（缺少结尾的 </urlset>）。',
      '页面 index.html 是空文件。',
      '页面 articles/冷藏/index.html 不完整（没有 </html>）。',
      '站点地图列出的页面 a/index.html 不存在。',
    ]);
    writeFileSync(join(dir, 'articles/冷藏/index.html'), page('<p>不再可搜索</p>'));
    expect(checkBuiltSite(dir).problems).toContain(
      '搜索索引收录了 2 个页面，但站点地图的页面（含 404.html）中有 1 个标记为可搜索（data-pagefind-body）：索引与页面不一致。',
    );
  });

  it('reports a site with nothing in it', () => {
    expect(checkBuiltSite(dir).problems).toEqual([
      '缺少 index.html。',
      '缺少 404.html。',
      '缺少 sitemap.xml。',
      '缺少 robots.txt。',
      '缺少 pagefind/pagefind-entry.json。',
    ]);
  });

  it('reads sitemap addresses, page files, complete pages and the index size', () => {
    expect(sitemapPaths('<loc>https://e.org/tags/%E5%86%B7/?a=1&amp;b=2</loc><loc>https://e.org/</loc>')).toEqual([
      '/tags/冷/',
      '/',
    ]);
    expect([fileOfPath('/'), fileOfPath('/plan/2030/'), fileOfPath('/rss.xml')]).toEqual([
      'index.html',
      'plan/2030/index.html',
      'rss.xml',
    ]);
    expect(completeHtml('<html></html>\n')).toBe(true);
    expect(completeHtml('<html><body>')).toBe(false);
    expect(indexedPages('{"languages":{"zh-cn":{"page_count":53},"en":{"page_count":2}}}')).toBe(55);
    expect(indexedPages('{"languages":{}}')).toBeNull();
    expect(indexedPages('{')).toBeNull();
  });
});

describe('atomic files and leftovers of killed runs', () => {
  it('writes a file whole, and refuses to replace one when asked not to', () => {
    const file = join(dir, 'restaurants.yaml');
    writeFileAtomic(file, 'old\n');
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(() => writeFileAtomic(file, 'other\n', { replace: false })).toThrow(/EEXIST/);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['restaurants.yaml']);
  });

  it('removes the temporary files of killed writers only', () => {
    const dead = temporaryPath(join(dir, '2026-01.mdx'), deadPid());
    const live = temporaryPath(join(dir, 'restaurants.yaml'));
    writeFileSync(dead, 'cut');
    writeFileSync(live, 'being written');
    expect(dead).toMatch(/\/\.2026-01\.mdx\.tmp-\d+-[0-9a-f]+$/);
    expect(removeStaleTemporaries(dir)).toEqual([dead.slice(dir.length + 1)]);
    expect(readdirSync(dir)).toEqual([live.slice(dir.length + 1)]);
  });

  it('removes the build folders of killed builds, publishes and previews only', () => {
    const pid = deadPid();
    for (const name of [`dist.tmp-${pid}`, `dist.tmp-${process.pid}`, 'dist', `dist.old-${pid}`, 'dist.tmp-x']) {
      mkdirSync(join(dir, name));
    }
    expect(removeKilledBuilds(dir)).toEqual([`dist.tmp-${pid}`]);
    expect(readdirSync(dir).sort()).toEqual(['dist', `dist.old-${pid}`, `dist.tmp-${process.pid}`, 'dist.tmp-x']);
  });

  it('puts back the previous dist/ a killed build had moved aside, and removes its unfinished build', () => {
    const pid = deadPid();
    mkdirSync(join(dir, `dist.old-${pid}`));
    writeFileSync(join(dir, `dist.old-${pid}`, 'index.html'), 'previous');
    mkdirSync(join(dir, `dist.tmp-${pid}`));
    mkdirSync(join(dir, `dist.tmp-${process.pid}`));
    recoverLeftovers(dir);
    expect(readdirSync(dir).sort()).toEqual(['dist', `dist.tmp-${process.pid}`]);
    expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toBe('previous');
  });
});

describe('a full disk or a folder that may not be written, in one sentence', () => {
  const publishing = { verb: '发布', command: 'npm run publish', outcome: '网站仍是原来的版本。' };
  const places = () => ({ publish: join(dir, 'site'), project: join(dir, 'project') });
  /** An error as Node's file functions throw it. */
  const systemError = (code: string, path: string) =>
    Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path });

  it('names the disk of the publish folder or of the project, and says what to do', () => {
    const { publish, project } = places();
    expect(environmentMessage(systemError('ENOSPC', join(publish, '.publish.lock.7')), publishing, places())).toBe(
      `没有发布：发布目录 ${publish} 所在的磁盘已满（ENOSPC），请清理空间（可删除 releases/ 中不再需要的旧版本）后重试。` +
        '网站仍是原来的版本。',
    );
    expect(environmentMessage(new EnvironmentError('ENOSPC', project), publishing, places())).toBe(
      `没有发布：项目目录 ${project} 所在的磁盘已满（ENOSPC），请清理空间后重试。网站仍是原来的版本。`,
    );
    // A worker thread's error keeps only its message.
    expect(environmentFailure(new Error(`ENOSPC: no space left on device, write '${publish}/a.br'`))).toEqual({
      code: 'ENOSPC',
      path: `${publish}/a.br`,
    });
    expect(environmentMessage(new Error('其他错误'), publishing, places())).toBeNull();
    expect(environmentMessage(systemError('ENOENT', publish), publishing, places())).toBeNull();
  });

  it('names the folder that may not be written and the account to run as', () => {
    const { publish } = places();
    mkdirSync(join(publish, 'releases'), { recursive: true });
    const message = environmentMessage(systemError('EACCES', join(publish, 'releases')), publishing, places())!;
    expect(message).toMatch(
      new RegExp(
        `^没有发布：账号 \\S+ 没有写入 ${join(publish, 'releases')} 的权限（EACCES）：发布必须以拥有发布目录的账号运行`,
      ),
    );
    expect(message).toMatch(/网站仍是原来的版本。$/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('tells a disk with room from a full one', () => {
    expect(fullDisk([dir])).toBeNull();
    expect(fullDisk([join(dir, 'missing')])).toBeNull();
  });
});
