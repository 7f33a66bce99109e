/**
 * `npm run publish` and `npm run rollback` on a copy of the fixture site, publishing into a folder inside the copy
 * (PUBLISH_DIR) as the server's timer does: the site's clock (SITE_NOW) decides statuses and scheduled articles, a
 * failed check or build changes nothing that is served, the newest PUBLISH_KEEP releases are kept, a rollback steps
 * back one release at a time or to a release by name, and a publish killed at any moment leaves the served site whole.
 * Publishing on another file system, as cron runs it, and the failures of the machine: publish-env.test.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBuiltSite } from '../../scripts/lib/built-site.ts';
import { compareReleases } from '../../scripts/lib/releases.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { edit, personEnv, prepareCopy, ROOT, SCRATCH } from '../helpers/build.ts';
import { textOf } from '../helpers/html.ts';

const NAME = 'publish';
let dir: string;
let site: string;
/** Complete publishes: how long each took, and how long after its build each took to finish (checks and swap). */
const durations: Array<{ ms: number; afterBuild: number }> = [];
/** What `astro build` prints when it has written everything (its integrations included). */
const BUILT = '[build] Complete!';

beforeAll(() => {
  dir = prepareCopy(NAME, () => {});
  site = join(dir, 'site');
});
afterAll(() => rmSync(join(SCRATCH, NAME), { recursive: true, force: true }));

interface Run {
  status: number | null;
  output: string;
  ms: number;
  /** When the build had finished (ms from the start), if it did. */
  builtAt: number | null;
}

/** When to SIGKILL a run: so many ms after it starts, or after its build has finished. */
type Kill = { after: number } | { afterBuild: number };

/**
 * Runs a script of the project in the copy, as `npm run` does, in its own process group (a systemd stop or a kill
 * reaches the build it starts too). With `killAfter`, SIGKILLs the group after that many ms: the test's stimulus, a
 * random moment, not a wait. Resolves when the process has ended.
 */
function run(
  script: 'publish' | 'rollback',
  env: Record<string, string> = {},
  kill?: Kill,
  args: readonly string[] = [],
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, `scripts/${script}.ts`), ...args], {
      cwd: dir,
      env: personEnv({ SITE_URL: 'https://example.org', PUBLISH_DIR: site, SITE_NOW: '', ...env }),
      detached: true,
    });
    let output = '';
    let builtAt: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    const killLater = (ms: number) => {
      timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // It has ended already.
        }
      }, ms);
    };
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (builtAt === null && output.includes(BUILT)) {
        builtAt = performance.now() - started;
        if (kill && 'afterBuild' in kill) killLater(kill.afterBuild);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    if (kill && 'after' in kill) killLater(kill.after);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output, ms: performance.now() - started, builtAt });
    });
  });
}

async function publish(env: Record<string, string> = {}): Promise<Run> {
  const result = await run('publish', env);
  if (result.status === 0 && result.builtAt !== null)
    durations.push({ ms: result.ms, afterBuild: result.ms - result.builtAt });
  return result;
}

/** The release `current` points to (its name in releases/). */
const served = () => readlinkSync(join(site, 'current')).replace(/^releases\//, '');
/** The release `previous` points to. */
const previous = () => readlinkSync(join(site, 'previous')).replace(/^releases\//, '');
/** The releases kept, in the order their names sort (the order they were published in). */
const releases = () => readdirSync(join(site, 'releases')).sort();
/** A file of the served site. */
const page = (file: string) => readFileSync(join(site, 'current', file), 'utf8');

/** The year-end scorecard of a progress page: each task's and target's row (after its first cell), as text. */
function scorecard(file: string): Record<string, string> {
  const rows = page(file).matchAll(/<tr[^>]*data-scorecard-(task|target)="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g);
  return Object.fromEntries(
    [...rows].map((match) => [`${match[1]} ${match[2]}`, textOf(match[3]!.replace(/^[\s\S]*?<\/th>/, ''))]),
  );
}

/** The fixture's 2030 plan at the end of its year (tests/fixtures/site/README.md, “Progress reports”). */
const SCORECARD_2030 = {
  'task 1': '● 已完成 （ 2030年3月20日 ） —',
  'task 2': '✕ 未完成 （ 2030年12月20日 ） 评议办法未获通过，评议结果无法向社会公开。',
  'task 3': '没有最终报告（最近一次：推进中， 2030年9月30日 ） 未报告',
  'task 4': '没有最终报告 未报告',
  'task 5': '没有最终报告（最近一次：推进中， 2030年7月5日 ） 未报告',
  'task 6': '没有最终报告（最近一次：未启动， 2030年6月1日 ） 未报告',
  'target 2030-canteen-sample-rate': '100% 98%（ 2030年9月30日 ） 未达到目标（报告未说明原因）',
  'target 2030-sampling-batches': '1000批次 480批次（ 2030年7月5日 ） 未达到目标（报告未说明原因）',
};
const jiPage = 'restaurants/ce-shi-ji-huo-guo/index.html';
const scheduledPage = 'articles/scheduled-article/index.html';
/** Folders in releases/ that are not complete builds. */
const partials = () => readdirSync(join(site, 'releases')).filter((name) => name.endsWith('.partial'));

describe('npm run publish', () => {
  let first: string;
  let second: string;

  it('refuses to publish without SITE_URL or with a bad SITE_NOW or PUBLISH_KEEP, changing nothing', async () => {
    const noUrl = await run('publish', { SITE_URL: '' });
    expect(noUrl.status).toBe(2);
    expect(noUrl.output).toMatch(/没有发布：缺少 SITE_URL/);
    const badNow = await run('publish', { SITE_NOW: '下周一' });
    expect(badNow.status).toBe(2);
    expect(badNow.output).toContain('没有发布：环境变量 SITE_NOW 的值“下周一”无法识别。');
    const badKeep = await run('publish', { PUBLISH_KEEP: '0' });
    expect(badKeep.status).toBe(2);
    expect(badKeep.output.trim()).toBe(
      '没有发布：环境变量 PUBLISH_KEEP 的值“0”无效：它是要保留的最近版本数，应为正整数，例如 PUBLISH_KEEP=5（不设置时保留 5 个）。',
    );
    expect(existsSync(site)).toBe(false);
    // Nothing to roll back to yet, nor to list.
    const noRelease = await run('rollback');
    expect(noRelease.status).toBe(1);
    expect(noRelease.output).toContain(`没有回退：${site} 中还没有发布过的版本`);
    expect(existsSync(site)).toBe(false);
  });

  it('publishes the site as of SITE_NOW: a deadline passes, a scheduled article appears, with time alone', async () => {
    // Fixture: 测试己火锅's 黑榜 entry has deadline 2024-10-12 and no re-inspection.
    const before = await publish({ SITE_NOW: '2024-10-11T12:00:00+08:00' });
    expect(before.status, before.output).toBe(0);
    expect(before.output).toMatch(/发布完成：.*current → releases\/\d{8}-\d{6}(-\d+)?（\d+ 个页面）。/);
    first = served();
    expect(page(jiPage)).toContain('整改中');
    expect(page(jiPage)).not.toContain('已过整改期限');
    expect(existsSync(join(site, 'current', scheduledPage))).toBe(false);
    expect(page('sitemap.xml')).toContain('<loc>https://example.org/</loc>');
    // The 2030 plan's year is not over in 2024: its progress page has no year-end scorecard.
    expect(page('plan/2030/progress/index.html')).not.toContain('年终结果');

    // The next day's publish, far later: the deadline has passed and the 2099-01-01 09:00 article is due.
    const after = await publish({ SITE_NOW: '2099-01-02' });
    expect(after.status, after.output).toBe(0);
    second = served();
    expect(second).not.toBe(first);
    expect(page(jiPage)).toContain('已过整改期限');
    // Its status no longer says 整改中 (the page keeps that standing only in the hidden verdict for an old sticker).
    const status = page(jiPage).match(/<section aria-labelledby="status-heading"[\s\S]*?<\/section>/)![0];
    expect(status).toContain('已过整改期限');
    expect(status).not.toContain('整改中');
    expect(page(jiPage)).toContain('这张门贴已过期：该餐厅当前状态为黑榜 · 已过整改期限');
    expect(page(scheduledPage)).toContain('定时专用标签');
    expect(scorecard('plan/2030/progress/index.html')).toEqual(SCORECARD_2030);
    // The 2031 plan has no report at all: nothing is invented.
    expect(scorecard('plan/2031/progress/index.html')).toEqual({
      ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((task) => [`task ${task}`, '没有最终报告 未报告'])),
      'target 2031-canteen-sample-rate': '100% 没有最终报告 无法判断',
      'target 2031-sampling-batches': '1200批次 没有最终报告 无法判断',
    });
    expect(page('sitemap.xml')).toContain('<loc>https://example.org/articles/scheduled-article/</loc>');
    expect(readlinkSync(join(site, 'previous'))).toBe(`releases/${first}`);
    expect(readdirSync(join(site, 'releases')).sort()).toEqual([first, second].sort());
    // A page the two moments do not change keeps the first release's compressed copy (one file, two names); a
    // changed page gets its own.
    const inode = (release: string, file: string) => statSync(join(site, 'releases', release, file)).ino;
    expect(inode(second, 'privacy/index.html.br')).toBe(inode(first, 'privacy/index.html.br'));
    expect(inode(second, `${jiPage}.br`)).not.toBe(inode(first, `${jiPage}.br`));
  });

  it('serves the previous publish again after npm run rollback, and the newer one by its name', async () => {
    const back = await run('rollback');
    expect(back.status, back.output).toBe(0);
    expect(back.output.trim()).toBe(
      `已回退：${join(site, 'current')} → releases/${first}。恢复最新版本：npm run rollback -- ${second}。` +
        '注意：下一次发布会按 content/ 重新构建网站。',
    );
    expect(served()).toBe(first);
    expect(previous()).toBe(second);
    expect(page(jiPage)).toContain('整改中');
    expect(existsSync(join(site, 'current', scheduledPage))).toBe(false);
    // Nothing older is kept: a second rollback changes nothing (rather than swapping back, as it once did).
    const further = await run('rollback');
    expect(further.status).toBe(1);
    expect(further.output.trim()).toBe(
      `没有回退：正在提供的 releases/${first} 已是保留的最早版本，没有更早的版本（保留的版本：npm run rollback -- --list）。` +
        '网站保持不变。',
    );
    expect(served()).toBe(first);
    const forward = await run('rollback', {}, undefined, [second]);
    expect(forward.status, forward.output).toBe(0);
    expect(forward.output).toContain(
      `已切换到较新的版本：${join(site, 'current')} → releases/${second}。这是最新的版本；再运行 npm run rollback 会再退一个版本。`,
    );
    expect(served()).toBe(second);
    expect(previous()).toBe(first);
    expect(page(scheduledPage)).toContain('定时专用标签');
    // A name that is not a kept release, and a command line that is not one of the three forms, change nothing.
    const unknown = await run('rollback', {}, undefined, ['20000101-000000']);
    expect(unknown.status).toBe(1);
    expect(unknown.output).toContain(`没有回退：${join(site, 'releases')} 中没有完整的版本 20000101-000000`);
    const usage = await run('rollback', {}, undefined, ['--lsit']);
    expect(usage.status).toBe(2);
    expect(usage.output).toMatch(/^用法：npm run rollback/);
    expect(served()).toBe(second);
  });

  it('changes nothing served when the content check fails, and says what is wrong in Chinese', async () => {
    const registry = join(dir, 'content/restaurants.yaml');
    const text = readFileSync(registry, 'utf8');
    edit(dir, 'content/restaurants.yaml', "town: '120114002'", "town: '120114999'");
    try {
      const failed = await run('publish');
      expect(failed.status).toBe(1);
      expect(failed.output).toMatch(/内容有误，共 \d+ 处，请逐条修改后重新发布：\n {2}1\. 文件 content\/restaurants\.yaml/);
      expect(failed.output).toContain('没有发布：网站仍是原来的版本。');
    } finally {
      writeFileSync(registry, text);
    }
    expect(served()).toBe(second);
    expect(partials()).toEqual([]);
  });

  it('changes nothing served when the build fails, and removes the partial build', async () => {
    const broken = join(dir, 'src/pages/publish-test-broken.astro');
    // A syntax error: the build stops while bundling, after the content check has passed.
    writeFileSync(broken, '---\nconst broken = ;\n---\n<p>不会生成</p>\n');
    try {
      const failed = await run('publish');
      expect(failed.status).toBe(1);
      expect(failed.output).toMatch(/构建失败（退出码 \d+），详见上方的构建输出。\n没有发布：网站仍是原来的版本，未完成的构建已删除。/);
    } finally {
      rmSync(broken);
    }
    expect(served()).toBe(second);
    expect(partials()).toEqual([]);
    expect(readdirSync(join(site, 'releases')).sort()).toEqual([first, second].sort());
    expect(checkBuiltSite(join(site, 'current')).problems).toEqual([]);
  });

  it('says in Chinese how to give Astro more memory when its heap runs out, and changes nothing served', async () => {
    const failed = await run('publish', { SHIAN_ASTRO_HEAP_MB: '8' });
    expect(failed.status).toBe(1);
    expect(failed.output).toContain('Astro 用完了为它预留的 8 MB 内存');
    expect(failed.output).toContain('SHIAN_ASTRO_HEAP_MB=2048');
    expect(served()).toBe(second);
    expect(partials()).toEqual([]);
  });

  it('keeps the newest PUBLISH_KEEP releases, and current and previous; rolls back one release at a time', async () => {
    const publishedThird = await publish({ SITE_NOW: '2099-01-02' });
    expect(publishedThird.status, publishedThird.output).toBe(0);
    const third = served();
    expect(releases()).toEqual([first, second, third]);

    // Each rollback steps one release further back.
    expect((await run('rollback')).status).toBe(0);
    expect(served()).toBe(second);
    const twice = await run('rollback');
    expect(twice.status, twice.output).toBe(0);
    expect(twice.output).toContain(
      `已回退：${join(site, 'current')} → releases/${first}。恢复最新版本：npm run rollback -- ${third}。`,
    );
    expect(served()).toBe(first);
    expect(previous()).toBe(second);
    expect(page(jiPage)).toContain('整改中');

    const list = await run('rollback', {}, undefined, ['--list']);
    expect(list.status, list.output).toBe(0);
    expect(list.output.trim().split('\n')).toEqual([
      `${join(site, 'releases')} 中保留的版本（最新的在前，* 为正在对外提供的版本）：`,
      `  ${third}`,
      `  ${second}  （上一次切换前的版本）`,
      `* ${first}  （当前）`,
      `正在提供的不是最新版本；恢复最新版本：npm run rollback -- ${third}`,
    ]);

    // A publish while rolled back, keeping 2: the 2 newest stay, and the release served until now (previous).
    const fourth = await publish({ SITE_NOW: '2024-10-11', PUBLISH_KEEP: '2' });
    expect(fourth.status, fourth.output).toBe(0);
    const newest = served();
    expect(previous()).toBe(first);
    expect(releases()).toEqual([first, third, newest]);
    expect(fourth.output).toContain(`超出保留数量（PUBLISH_KEEP=2）的旧版本已删除：releases/${second}。`);
    expect(page(jiPage)).toContain('整改中');
    expect(checkBuiltSite(join(site, 'current')).problems).toEqual([]);
  });

  it('leaves the served site whole when killed at any moment', { timeout: 900_000 }, async () => {
    // The publishes above, timed (each saw its build finish: the signal the last kills wait for).
    expect(durations.length).toBeGreaterThanOrEqual(2);
    const typical = Math.max(...durations.map((publish) => publish.ms));
    const swapping = Math.max(...durations.map((publish) => publish.afterBuild));
    const kills = 20;
    const outcomes = { unchanged: 0, swapped: 0 };
    const moments: string[] = [];
    for (let attempt = 0; attempt < kills; attempt += 1) {
      const before = served();
      // 17 kills at a random moment in the first 60% of a run (the content check and the build, most of a run),
      // which keeps the test short; the last 3 at a random moment after the build has finished, during the checks
      // of the new build and the swap, the moments that matter most (each costs a whole build).
      const kill: Kill =
        attempt < 17
          ? { after: Math.random() * typical * 0.6 }
          : { afterBuild: (0.3 + Math.random()) * swapping };
      const killed = await run('publish', { SITE_NOW: attempt % 2 ? '2099-01-02' : '2024-10-11' }, kill);
      const moment =
        'after' in kill ? `${(kill.after / 1000).toFixed(1)} 秒` : `构建完成后 ${Math.round(kill.afterBuild)} 毫秒`;
      moments.push(moment);
      const where = `kill ${attempt} at ${moment} (${killed.output.trim().split('\n').at(-1) ?? ''})`;
      // Publishing never touches content.
      expect(checkAllContent(dir).map(formatProblem), where).toEqual([]);
      // What is served is a complete build: the old one or the new one.
      const now = served();
      expect(statSync(join(site, 'current', 'index.html')).size, where).toBeGreaterThan(0);
      expect(existsSync(join(site, 'current', 'sitemap.xml')), where).toBe(true);
      expect(checkBuiltSite(join(site, 'current')).problems, where).toEqual([]);
      outcomes[now === before ? 'unchanged' : 'swapped'] += 1;
    }
    console.info(
      `发布中途被杀 ${kills} 次（一次完整发布约 ${(typical / 1000).toFixed(1)} 秒，构建完成后的检查与切换约 ` +
        `${Math.round(swapping)} 毫秒；杀于 ${moments.join('、')}）：网站仍为旧版本 ${outcomes.unchanged} 次，` +
        `已换为新版本 ${outcomes.swapped} 次，每次都是完整的版本。`,
    );

    // The next publish takes over the killed runs' lock and removes their partial builds, and the releases beyond the
    // 2 newest but for the one served before it (a killed run may have completed a release it did not switch to).
    const after = await publish({ SITE_NOW: '2099-01-02', PUBLISH_KEEP: '2' });
    expect(after.status, after.output).toBe(0);
    expect(partials()).toEqual([]);
    expect(readdirSync(site).sort()).toEqual(['current', 'previous', 'releases']);
    const kept = readdirSync(join(site, 'releases')).sort(compareReleases);
    expect(kept.at(-1)).toBe(served());
    expect(kept).toContain(previous());
    expect(kept.filter((name) => name !== previous())).toEqual(kept.slice(-2).filter((name) => name !== previous()));
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(readdirSync(dir).filter((name) => name.startsWith('dist.tmp-'))).toEqual([]);
    expect(page(scheduledPage)).toContain('定时专用标签');
  });
});
