/**
 * `npm run publish`, `npm run rollback` and `npm run preview:at` on a machine that is not the developer's: a publish
 * folder on another file system, a publish run as cron runs it (a system account without a home directory, cron's
 * bare environment, a node_modules it may not write), a disk with no space left, a publish folder the account may not
 * write; and a preview of another day, which changes nothing published, built or served.
 *
 * As root (as CI runs), the test mounts its own tmpfs file systems (unmounted at the end) and runs as the account
 * nobody (uid 65534) with setpriv; as another user, the other file system is /dev/shm (when it is one), a folder is
 * made unwritable with chmod, and the runs are the user's own. The full disk needs a mount of its own: without root
 * that test fails, saying so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statfsSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
  chmodSync,
  chownSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBuiltSite } from '../../scripts/lib/built-site.ts';
import { startStaticServer } from '../../scripts/static-server.ts';
import { personEnv, prepareCopy, ROOT, SCRATCH } from '../helpers/build.ts';

const NAME = 'publish-env';
const IS_ROOT = process.getuid?.() === 0;
/** The account `nobody`, which the runs use when the test runs as root. */
const NOBODY = 65534;
const SITE_URL = 'https://example.org';

/** The copy of the project (the fixture site, with scripts/ so that `npm run publish` runs in it). */
let dir: string;
/** A folder on another file system than the copy's. */
let elsewhere: string;
/** The publish folder on that file system. */
let site: string;
/** Mount points to unmount at the end. */
const mounts: string[] = [];
/** Folders above the project opened for nobody to pass through, with their modes to restore at the end. */
const reopened: Array<[string, number]> = [];
/** Folders outside the scratch folder to remove at the end. */
const outside: string[] = [];

/** Mounts a tmpfs of this size on a new folder; null when it cannot (not root, or no mount). */
function mountTmpfs(size: string): string | null {
  if (!IS_ROOT) return null;
  const point = mkdtempSync(join(tmpdir(), 'shian-publish-fs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', point], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(point, { recursive: true, force: true });
    return null;
  }
  mounts.push(point);
  return point;
}

beforeAll(() => {
  dir = prepareCopy(NAME, (copy) => {
    for (const folder of ['scripts', 'deploy']) cpSync(join(ROOT, folder), join(copy, folder), { recursive: true });
  });
  const mounted = mountTmpfs('512m');
  if (mounted) elsewhere = mounted;
  else if (existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(dir).dev) {
    elsewhere = mkdtempSync('/dev/shm/shian-publish-');
    outside.push(elsewhere);
  } else {
    throw new Error(
      'Publishing to another file system needs one: as root, a tmpfs is mounted (mount -t tmpfs failed here); ' +
        'otherwise /dev/shm is used, which is missing or on the same file system as the project.',
    );
  }
  site = join(elsewhere, 'site');
  if (IS_ROOT) {
    // nobody must reach the copy and the packages it links to, inside this project: a clone in a folder only root may
    // enter (mktemp -d makes it 0700) would stop it at the door. Such folders are opened for passing through (o+x,
    // not listing) for the test, and closed again after it.
    for (let folder = ROOT; folder !== dirname(folder); folder = dirname(folder)) {
      const mode = statSync(folder).mode & 0o7777;
      if ((mode & 0o001) === 0) {
        chmodSync(folder, mode | 0o001);
        reopened.push([folder, mode]);
      }
    }
    // The copy belongs to nobody, as the project belongs to the publishing account on a server; its node_modules
    // folder stays root's (and the packages it links to are root's): a build must not need to write there.
    spawnSync('chown', ['-R', '-h', `${NOBODY}:${NOBODY}`, dir]);
    chownSync(join(dir, 'node_modules'), 0, 0);
  }
});

afterAll(() => {
  for (const [folder, mode] of reopened) chmodSync(folder, mode);
  for (const point of mounts) {
    if (spawnSync('umount', [point]).status !== 0) spawnSync('umount', ['-l', point]);
    rmSync(point, { recursive: true, force: true });
  }
  for (const folder of outside) rmSync(folder, { recursive: true, force: true });
  rmSync(join(SCRATCH, NAME), { recursive: true, force: true });
});

interface Run {
  status: number | null;
  output: string;
}

/** Waits for a started process to end; resolves with its status and everything it printed. */
function finished(child: ChildProcess): Promise<Run> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** The command line that runs a program as nobody when the test is root, else as the test's own user. */
function asAccount(file: string, args: readonly string[]): [string, string[]] {
  return IS_ROOT
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', file, ...args]]
    : [file, [...args]];
}

/** The documented crontab (deploy/crontab): its variables and the command of its schedule line. */
function crontab(): { variables: Record<string, string>; command: string } {
  const lines = readFileSync(join(ROOT, 'deploy/crontab'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const variables = Object.fromEntries(
    lines.filter((line) => /^[A-Z_]+=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const schedules = lines.filter((line) => !/^[A-Z_]+=/.test(line));
  expect(schedules, 'deploy/crontab has one schedule line').toHaveLength(1);
  // Five time fields, then the command.
  const command = schedules[0]!.replace(/^(\S+\s+){5}/, '');
  return { variables, command };
}

/**
 * Runs deploy/crontab's line in the copy as cron runs it: its command under /bin/sh -c, with only the variables the
 * crontab sets and those cron adds (LOGNAME), as nobody when the test is root. The paths of docs/deploy.md become the
 * copy's: the project folder, and the settings file (SHIAN_PUBLISH_ENV, read by deploy/cron-publish.sh). The HOME it
 * sets (/var/lib/shian-wuqing) does not exist here: an account without a home directory. The copy is no git
 * checkout, so its `git pull` fails, as it does when the repository cannot be reached, and the publish goes ahead.
 */
function publishAsCron(): Promise<Run> {
  const { variables, command } = crontab();
  expect(command).toContain('/opt/shian-wuqing/deploy/cron-publish.sh');
  const settings = join(SCRATCH, `${NAME}-publish.env`);
  writeFileSync(settings, `SITE_URL=${SITE_URL}\nPUBLISH_DIR=${site}\n`);
  if (IS_ROOT) chownSync(settings, NOBODY, NOBODY);
  const [file, args] = asAccount('/bin/sh', ['-c', command.replaceAll('/opt/shian-wuqing', dir)]);
  const env: Record<string, string> = {
    ...variables,
    LOGNAME: IS_ROOT ? 'nobody' : userInfo().username,
    SHIAN_PUBLISH_ENV: settings,
  };
  expect(existsSync(variables.HOME!), 'the crontab\'s HOME does not exist on the test machine').toBe(false);
  return finished(spawn(file, args, { env }));
}

/** Runs a script of the project (publish, rollback) in the copy under the project's Node, optionally as nobody. */
function runScript(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  asNobody = false,
): Promise<Run> {
  const node = join(ROOT, 'node_modules/.bin/node');
  const [file, argv] = asNobody
    ? asAccount(node, [join(dir, `scripts/${script}.ts`), ...args])
    : [node, [join(dir, `scripts/${script}.ts`), ...args]];
  return finished(spawn(file, argv, { cwd: dir, env: personEnv({ SITE_URL, SITE_NOW: '', ...env }) }));
}

/** The release a link of a publish folder points to. */
const linked = (folder: string, link = 'current') => readlinkSync(join(folder, link)).replace(/^releases\//, '');

/** A small complete site (as checkBuiltSite wants it), as a release of a publish folder. */
function fakeRelease(folder: string, name: string): void {
  const release = join(folder, 'releases', name);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(release, file)), { recursive: true });
    writeFileSync(join(release, file), text);
  };
  const page = '<!DOCTYPE html><html><body><main data-pagefind-body>x</main></body></html>';
  write('index.html', page);
  write('404.html', page);
  write('robots.txt', 'User-agent: *\n');
  write('sitemap.xml', '<?xml version="1.0"?>\n<urlset><url><loc>https://example.org/</loc></url></urlset>\n');
  write('pagefind/pagefind-entry.json', JSON.stringify({ languages: { 'zh-cn': { page_count: 2 } } }));
}

/** A publish folder with two releases, `current` on the newer and `previous` on the older. */
function fakePublishFolder(folder: string): void {
  fakeRelease(folder, '20260101-000500');
  fakeRelease(folder, '20260102-000500');
  symlinkSync('releases/20260102-000500', join(folder, 'current'));
  symlinkSync('releases/20260101-000500', join(folder, 'previous'));
}

/** Everything of a publish folder a run could change: its entries, links and releases. */
function publishFolderState(folder: string): unknown {
  return {
    entries: readdirSync(folder).sort(),
    current: readlinkSync(join(folder, 'current')),
    previous: existsSync(join(folder, 'previous')) ? readlinkSync(join(folder, 'previous')) : null,
    releases: readdirSync(join(folder, 'releases')).sort(),
  };
}

/** One line, no stack trace: what a failure of the machine prints. */
function expectOneSentence(run: Run, sentence: RegExp): void {
  expect(run.output).not.toMatch(/^\s+at /m);
  expect(run.output.trim().split('\n')).toHaveLength(1);
  expect(run.output.trim()).toMatch(sentence);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The id of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('publishing on a server', () => {
  it('publishes to another file system, by deploy/crontab’s line, as an account without a home', async () => {
    expect(statSync(elsewhere).dev).not.toBe(statSync(dir).dev);
    const published = await publishAsCron();
    expect(published.status, published.output).toBe(0);
    expect(published.output).toMatch(/发布完成：.*current → releases\/\d{8}-\d{6}(-\d+)?（\d+ 个页面）。/);
    expect(published.output).not.toMatch(/EXDEV|EACCES/);
    // Served from current, on the other file system, a complete build.
    expect(statSync(join(site, 'current', 'index.html')).dev).toBe(statSync(elsewhere).dev);
    if (IS_ROOT) expect(statSync(join(site, 'current', 'index.html')).uid).toBe(NOBODY);
    expect(checkBuiltSite(join(site, 'current')).problems).toEqual([]);
    const { server, url } = await startStaticServer(join(site, 'current'));
    try {
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('</html>');
    } finally {
      server.close();
    }
    // Astro built inside the project, in a folder of its own, now gone; nothing went into node_modules.
    expect(readdirSync(dir).filter((name) => name.startsWith('dist.tmp-'))).toEqual([]);
    expect(existsSync(join(dir, '.astro/.prerender'))).toBe(false);
    expect(['.astro', '.vite', '.vite-temp'].filter((cache) => existsSync(join(dir, 'node_modules', cache)))).toEqual(
      [],
    );
  });

  it('reuses the previous release’s compressed copies there, by hard link', async () => {
    const first = linked(site);
    const published = await publishAsCron();
    expect(published.status, published.output).toBe(0);
    const second = linked(site);
    expect(second).not.toBe(first);
    expect(linked(site, 'previous')).toBe(first);
    const inode = (release: string) => statSync(join(site, 'releases', release, 'privacy/index.html.br')).ino;
    expect(inode(second)).toBe(inode(first));
  });

  it('says in one sentence which folder the account may not write, and changes nothing', async () => {
    const locked = join(SCRATCH, `${NAME}-not-writable`);
    outside.push(locked);
    fakePublishFolder(locked);
    const releases = join(locked, 'releases');
    const me = IS_ROOT ? 'nobody' : userInfo().username;
    // As root, nobody against a publish folder that is root's; otherwise a publish folder made read-only.
    if (!IS_ROOT) chmodSync(locked, 0o555);
    try {
      const before = publishFolderState(locked);
      const published = await runScript('publish', [], { PUBLISH_DIR: locked }, true);
      expect(published.status).toBe(1);
      expectOneSentence(
        published,
        new RegExp(
          `^没有发布：账号 ${me} 没有写入 ${escape(locked)} 的权限（EACCES）：发布必须以拥有发布目录的账号运行.*网站仍是原来的版本。$`,
        ),
      );
      const rolledBack = await runScript('rollback', [], { PUBLISH_DIR: locked }, true);
      expect(rolledBack.status).toBe(1);
      expectOneSentence(
        rolledBack,
        new RegExp(
          `^没有回退：账号 ${me} 没有写入 ${escape(locked)} 的权限（EACCES）：回退必须以拥有发布目录的账号运行.*网站保持不变。$`,
        ),
      );
      expect(publishFolderState(locked)).toEqual(before);
    } finally {
      chmodSync(locked, 0o755);
    }

    // The publish folder is the account's, but releases/ is not (root's, or read-only): said before any building.
    if (IS_ROOT) chownSync(locked, NOBODY, NOBODY);
    else chmodSync(releases, 0o555);
    try {
      const before = publishFolderState(locked);
      const published = await runScript('publish', [], { PUBLISH_DIR: locked }, true);
      expect(published.status).toBe(1);
      expectOneSentence(
        published,
        new RegExp(`^没有发布：账号 ${me} 没有写入 ${escape(releases)} 的权限（EACCES）：.*网站仍是原来的版本。$`),
      );
      expect(publishFolderState(locked)).toEqual(before);
    } finally {
      chmodSync(releases, 0o755);
    }
  });

  it('says in one sentence that the disk is full, and leaves no lock or link draft behind', async () => {
    const full = mountTmpfs('256k');
    if (!full)
      throw new Error(
        'A full disk is a tiny tmpfs filled up, which needs root to mount: run this test as root (CI does).',
      );
    const folder = join(full, 'site');
    fakePublishFolder(folder);
    // What killed runs left (empty, so removing them frees no space).
    const dead = deadPid();
    writeFileSync(join(folder, `.publish.lock.${dead}`), '');
    writeFileSync(join(folder, `publish.lock.stale-${dead}`), '');
    const filler = openSync(join(full, 'filler'), 'w');
    try {
      for (;;) writeSync(filler, Buffer.alloc(4096));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(filler);
    }
    expect(statfsSync(full).bavail).toBe(0);

    const published = await runScript('publish', [], { PUBLISH_DIR: folder });
    expect(published.status).toBe(1);
    expectOneSentence(
      published,
      new RegExp(
        `^没有发布：发布目录 ${escape(folder)} 所在的磁盘已满（ENOSPC），请清理空间（可删除 releases/ 中不再需要的旧版本）后重试。` +
          '网站仍是原来的版本。$',
      ),
    );
    const rolledBack = await runScript('rollback', [], { PUBLISH_DIR: folder });
    expect(rolledBack.status).toBe(1);
    expectOneSentence(
      rolledBack,
      new RegExp(`^没有回退：发布目录 ${escape(folder)} 所在的磁盘已满（ENOSPC），请清理空间.*后重试。网站保持不变。$`),
    );
    // Listing needs no space.
    const list = await runScript('rollback', ['--list'], { PUBLISH_DIR: folder });
    expect(list.status, list.output).toBe(0);
    expect(list.output).toContain('* 20260102-000500  （当前）');
    expect(publishFolderState(folder)).toEqual({
      entries: ['current', 'previous', 'releases'],
      current: 'releases/20260102-000500',
      previous: 'releases/20260101-000500',
      releases: ['20260101-000500', '20260102-000500'],
    });
  });
});

describe('npm run preview:at', () => {
  const jiPage = 'restaurants/ce-shi-ji-huo-guo/index.html';
  /** A preview needs no SITE_URL; PUBLISH_DIR is set to show that it is not used. */
  const env = () => ({ PUBLISH_DIR: site, SITE_URL: '' });

  /** What a preview must leave as it was: the publish folder, dist/, and the project's own entries. */
  const untouched = () => ({
    published: publishFolderState(site),
    dist: readdirSync(join(dir, 'dist'), { recursive: true }).sort(),
    distIndex: readFileSync(join(dir, 'dist/index.html'), 'utf8'),
    project: readdirSync(dir).sort(),
  });

  /** Starts a serving preview; resolves with its address once it serves. */
  function startPreview(moment: string): Promise<{ child: ChildProcess; url: string; done: Promise<Run> }> {
    const child = spawn(join(ROOT, 'node_modules/.bin/node'), [join(dir, 'scripts/preview-at.ts'), moment], {
      cwd: dir,
      env: personEnv({ ...env(), PORT: '0' }),
    });
    const done = finished(child);
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        const address = /预览：(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (address) resolve({ child, url: address[1]!, done });
      });
      void done.then((run) => reject(new Error(`the preview ended before serving:\n${run.output}`)));
    });
  }

  it('builds the site of another day into a fresh folder, serves it, and changes nothing published', async () => {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist/index.html'), '<p>npm run build 的结果</p>');
    const before = untouched();

    const badDate = await runScript('preview-at', ['下周一', '--no-serve'], env());
    expect(badDate.status).toBe(2);
    expect(badDate.output).toContain('没有预览：环境变量 SITE_NOW 的值“下周一”无法识别。');

    const built = await runScript('preview-at', ['2099-01-02', '--no-serve'], env());
    expect(built.status, built.output).toBe(0);
    const folder = /预览已构建到 (\S+)（北京时间 2099-01-02 00:00 的网站/.exec(built.output)?.[1];
    expect(folder, built.output).toMatch(new RegExp(`^${escape(dir.replace(/\/$/, ''))}/dist\\.tmp-\\d+$`));
    expect(readFileSync(join(folder!, jiPage), 'utf8')).toContain('已过整改期限');
    expect(built.output).toContain('对外提供的网站没有改动。');
    rmSync(folder!, { recursive: true, force: true });

    const { child, url, done } = await startPreview('2024-10-11');
    const page = await (await fetch(`${url}/restaurants/ce-shi-ji-huo-guo/`)).text();
    expect(page).toContain('整改中');
    expect(page).not.toContain('已过整改期限');
    const serving = readdirSync(dir).filter((name) => name.startsWith('dist.tmp-'));
    expect(serving).toHaveLength(1);
    child.kill('SIGTERM');
    const stopped = await done;
    expect(stopped.status, stopped.output).toBe(0);
    expect(stopped.output).toContain('预览已停止（收到 SIGTERM），预览文件已删除。');
    expect(existsSync(join(dir, serving[0]!))).toBe(false);

    expect(untouched()).toEqual(before);
  }, 480_000);
});
