/**
 * `npm run bench`: how the site scales with years of lists. Generates fictional 示例 content (restaurants over the 30
 * real towns, one red/black issue a month since 2020, re-inspections, articles; all `sample: true`) into a temporary
 * copy of the project, builds it with `npm run build` cold without the last month’s issue, then again with it (the
 * rebuild staff wait for after publishing an issue; caches kept), and prints one table: wall time and peak memory of
 * each build (the whole process tree, Pagefind included), pages, the largest pages, the search index, the content
 * check, the spreadsheet importer, and the bytes of a first search for three queries in Chromium
 * (scripts/lib/first-search.ts). A benchmark, not a test: not part of `npm test`. See docs/performance.md for the
 * figures and the machine.
 *
 *   npm run bench                                     # 10,000 restaurants, 2,000 articles
 *   npm run bench -- --restaurants 500 --articles 100 # a quick run
 *   npm run bench -- --keep                           # keep the temporary copy (its path is printed)
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { loadContent } from '../src/lib/content/pipeline.ts';
import { planImport } from '../src/lib/redblack/import.ts';
import { isPrintPagePath } from '../src/lib/sticker/paths.ts';
import { startStaticServer } from './static-server.ts';
import { launchBrowser } from './lib/browser.ts';
import { firstSearchBytes } from './lib/first-search.ts';
import { copyProjectCode } from './lib/project-copy.ts';
import { indexDepartmentNames } from '../src/lib/plan/responsibilities.ts';
import { generateScaleContent, importSheet, progressReportFiles, scaleContentFiles } from './lib/scale-content.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHEET_ROWS = [2_000, 8_000, 50_000];
/** Three first searches: a word of the plan, a term of several pages, and words in every restaurant's name. */
const SEARCH_QUERIES = ['明厨亮灶', '冷链', '示例餐厅'];
const SAMPLE_MS = 200;

/** Copies the project's code and content to `dir`, with no cache, so the first build is cold. */
function copyProject(dir: string): void {
  copyProjectCode(dir, false);
  for (const entry of ['content', 'public']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
}

/**
 * Replaces the copy's registry, issues and re-inspections with generated ones and adds generated articles. Returns
 * a function that holds the last issue (and its re-inspections) back, and one that publishes it again.
 */
function writeScaleContent(
  dir: string,
  restaurants: number,
  articles: number,
  today: string,
): { holdBack: () => void; publish: () => void } {
  const { towns, plans, targets, departments } = loadContent(ROOT).model;
  for (const file of readdirSync(join(dir, 'content/redblack'))) rmSync(join(dir, 'content/redblack', file));
  const content = generateScaleContent(restaurants, articles, towns, today);
  const write = (files: Map<string, string>) => {
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  const all = scaleContentFiles(content);
  write(all);
  // A year of monthly progress reports from every unit of every task of the newest plan (示例).
  write(progressReportFiles(plans[0]!, targets, indexDepartmentNames(departments, 'content/departments.yaml').byName));
  const last = content.issues.at(-1)!;
  return {
    holdBack: () => {
      rmSync(join(dir, `content/redblack/${last.id}.mdx`));
      const followUps = content.followUps.filter((followUp) => followUp.issue !== last.id);
      write(scaleContentFiles({ ...content, issues: [], articles: [], followUps }));
    },
    publish: () => write(all),
  };
}

/** Resident memory of `root` and all its descendants now, in bytes (from /proc). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) in parentheses: state, ppid, … rss is field 24.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * 4096);
    } catch {
      // The process ended while the table was read.
    }
  }
  let total = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface BuildRun {
  seconds: number;
  peakBytes: number;
}

/**
 * Runs `npm run build` (scripts/build.ts: `astro build`, then the search index and the precompressed copies) in
 * `dir`, into `dir`/dist, sampling the process tree's memory; its output goes to a log file.
 */
function timedBuild(dir: string, log: string): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'scripts/build.ts')], {
      cwd: dir,
      // The compressed copies are kept in the copy, not in the project's shared cache: the cold build starts with
      // none and the rebuild has the cold build's.
      env: {
        ...process.env,
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        SHIAN_PRECOMPRESS_CACHE: join(dir, '.precompress-cache'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    let peakBytes = 0;
    const sample = () => (peakBytes = Math.max(peakBytes, treeRss(child.pid!)));
    const timer = setInterval(sample, SAMPLE_MS);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      writeFileSync(log, Buffer.concat(output));
      if (status !== 0) reject(new Error(`构建失败（退出码 ${status}），输出见 ${log}`));
      else resolve({ seconds, peakBytes });
    });
  });
}

/** A built file's page path: towns/1/stickers/index.html → /towns/1/stickers/ (other files keep their name). */
const pagePathOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** Every file under `dir`, with its size. */
function files(dir: string): { path: string; bytes: number }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((path) => ({ path, stat: statSync(join(dir, path)) }))
    .filter(({ stat }) => stat.isFile())
    .map(({ path, stat }) => ({ path, bytes: stat.size }));
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sec = (seconds: number) => `${seconds.toFixed(1)} s`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      restaurants: { type: 'string', default: '10000' },
      articles: { type: 'string', default: '2000' },
      keep: { type: 'boolean', default: false },
    },
  });
  const restaurants = Number(values.restaurants);
  const articles = Number(values.articles);
  if (!Number.isInteger(restaurants) || restaurants < 1 || !Number.isInteger(articles) || articles < 0) {
    console.error('--restaurants 应为正整数，--articles 应为非负整数。');
    return 2;
  }
  const today = new Date().toISOString().slice(0, 10);
  const dir = mkdtempSync(join(tmpdir(), 'shian-bench-'));
  const rows: [string, string][] = [];
  try {
    console.log(`生成示例内容：${restaurants} 家餐厅、${articles} 篇文章，位于 ${dir}`);
    copyProject(dir);
    const lastIssue = writeScaleContent(dir, restaurants, articles, today);

    let started = performance.now();
    const { model, problems } = loadContent(dir);
    const checkSeconds = (performance.now() - started) / 1000;
    if (problems.length > 0) {
      console.error(`生成的内容有 ${problems.length} 处问题，例如：${JSON.stringify(problems.slice(0, 3))}`);
      return 1;
    }
    const entries = model.listIssues.reduce((sum, issue) => sum + issue.data.entries.length, 0);

    // The first build is without the last month's issue; the second is the rebuild after staff publish it.
    lastIssue.holdBack();
    console.log('冷构建（无缓存，不含最近一期）…');
    const cold = await timedBuild(dir, join(dir, 'build-cold.log'));
    lastIssue.publish();
    console.log('发布最近一期后重新构建（保留 Astro 缓存）…');
    const rebuild = await timedBuild(dir, join(dir, 'build-rebuild.log'));

    const built = files(join(dir, 'dist'));
    const pages = built.filter((file) => file.path.endsWith('.html'));
    const largest = [...pages].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, 5);
    const pagefindBytes = built.filter((file) => file.path.startsWith('pagefind/')).reduce((s, f) => s + f.bytes, 0);
    const pagefindFiles = built.filter((file) => file.path.startsWith('pagefind/')).length;
    // Door stickers: the print pages and the badges, as files and as a server sends them (gzip).
    const stickerFiles = built.filter(
      (file) => isPrintPagePath(pagePathOf(file.path)) || /\/badge\.svg$/.test(file.path),
    );
    const stickerGzip = stickerFiles.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(dir, 'dist', file.path))).length,
      0,
    );
    const stickerPages = stickerFiles.filter((file) => file.path.endsWith('.html'));
    const largestSheet = stickerPages
      .map((file) => ({ path: file.path, gzip: gzipSync(readFileSync(join(dir, 'dist', file.path))).length }))
      .sort((a, b) => b.gzip - a.gzip)[0];

    const importTimes: string[] = [];
    for (const count of SHEET_ROWS) {
      const sheet = importSheet(count, model.restaurants, model.towns);
      started = performance.now();
      const result = planImport(
        sheet,
        `bench-${count}.csv`,
        {
          year: Number(today.slice(0, 4)),
          number: 99,
          publishedOn: today,
          theme: '示例导入性能测试',
          area: model.towns[0]!.name,
          participants: [],
          source: 'market-regulation',
          sample: true,
        },
        {
          today,
          restaurants: model.restaurants,
          towns: model.towns,
          issues: model.listIssues,
        },
      );
      const seconds = (performance.now() - started) / 1000;
      if (!result.ok) throw new Error(`导入 ${count} 行失败：${result.problems.slice(0, 3).join('；')}`);
      importTimes.push(`${count} 行 ${sec(seconds)}`);
    }

    // A reader's first search, on the rebuilt site served as `npm start` serves it, in a fresh browser per query.
    const { server, url } = await startStaticServer(join(dir, 'dist'));
    const browser = await launchBrowser();
    const searches: string[] = [];
    try {
      for (const query of SEARCH_QUERIES) {
        const { bytes, results } = await firstSearchBytes(browser, url, query);
        searches.push(`${query} ${kb(bytes)} (${results} shown)`);
      }
    } finally {
      await browser.close();
      server.close();
    }

    rows.push(
      [
        'content',
        `${restaurants} restaurants, ${model.listIssues.length} issues, ${entries} entries, ` +
          `${model.followUps.length} follow-ups, ${model.articles.length} articles`,
      ],
      ['cold build: wall time', sec(cold.seconds)],
      ['cold build: peak RSS (process tree)', mb(cold.peakBytes)],
      ['rebuild after one issue: wall time', sec(rebuild.seconds)],
      ['rebuild after one issue: peak RSS', mb(rebuild.peakBytes)],
      ['HTML pages', String(pages.length)],
      ...largest.map((page, index): [string, string] => [
        `largest page ${index + 1}`,
        `/${page.path} ${kb(page.bytes)} (gzip ${kb(gzipSync(readFileSync(join(dir, 'dist', page.path))).length)})`,
      ]),
      ['Pagefind index (dist/pagefind)', `${mb(pagefindBytes)} in ${pagefindFiles} files`],
      [
        'door stickers (print pages, badges)',
        `${stickerPages.length} pages + ${stickerFiles.length - stickerPages.length} badges, ` +
          `${mb(stickerFiles.reduce((sum, file) => sum + file.bytes, 0))} (gzip ${mb(stickerGzip)})` +
          (largestSheet ? `; largest /${largestSheet.path} gzip ${kb(largestSheet.gzip)}` : ''),
      ],
      ['check:content (loadContent)', sec(checkSeconds)],
      ['importer (planImport)', importTimes.join(', ')],
      ['first-search bytes (browser)', searches.join(', ')],
    );
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(`\n| ${'measure'.padEnd(width)} | value |\n| ${'-'.repeat(width)} | ----- |`);
    for (const [label, value] of rows) console.log(`| ${label.padEnd(width)} | ${value} |`);
    return 0;
  } finally {
    if (values.keep) console.log(`\n临时副本保留在 ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.exitCode = await main();
