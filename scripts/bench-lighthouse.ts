/**
 * `npm run bench:lighthouse`: Lighthouse's four scores, performance included, and the timed figures behind it
 * (first and largest contentful paint, total blocking time, layout shift, speed index) on the pages the Lighthouse
 * test checks (scripts/lib/lighthouse.ts), as a reader's phone sees them. Each page is measured several times and the
 * median run (by performance score) is shown. A benchmark, not a test: the timings depend on how busy the machine
 * is, so `npm test` asserts only accessibility, best practices and SEO. See docs/performance.md for the figures.
 *
 *   npm run bench:lighthouse                # three runs a page
 *   npm run bench:lighthouse -- --runs 5
 *
 * It builds the fixture and project test sites first if their inputs changed (tests/.tmp/sites/, as `npm test` does).
 */
import { parseArgs } from 'node:util';
import { ensureSite, type SiteName } from '../tests/helpers/sites.ts';
import { join } from 'node:path';
import { startStaticServer } from './static-server.ts';
import {
  LIGHTHOUSE_CATEGORIES,
  launchLighthouseChrome,
  LIGHTHOUSE_PAGES,
  runLighthouse,
  TIMED_AUDITS,
  type LighthouseResult,
} from './lib/lighthouse.ts';

/** The run whose performance score is the median of the runs (the lower middle one for an even count). */
export function medianRun(runs: readonly LighthouseResult[]): LighthouseResult {
  const sorted = [...runs].sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Runs the benchmark; returns the exit code. */
export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs 应为正整数，实际为“${values.runs}”。`);
    return 2;
  }
  const names = [...new Set(LIGHTHOUSE_PAGES.map(([site]) => site))] as SiteName[];
  console.log(`构建测试网站（输入未变时跳过）：${names.join('、')}`);
  const urls = new Map<string, string>();
  const servers = [];
  for (const name of names) {
    const { server, url } = await startStaticServer(join(await ensureSite(name), 'dist'));
    servers.push(server);
    urls.set(name, url);
  }
  const chrome = await launchLighthouseChrome();
  const header = ['page', ...LIGHTHOUSE_CATEGORIES, ...TIMED_AUDITS];
  const rows: string[][] = [];
  try {
    for (const [site, kind, path] of LIGHTHOUSE_PAGES) {
      const results: LighthouseResult[] = [];
      for (let run = 0; run < runs; run += 1)
        results.push(await runLighthouse(`${urls.get(site)}${path}`, chrome.port));
      const median = medianRun(results);
      const performance = results.map((result) => Math.round((result.scores.performance ?? 0) * 100)).join('/');
      rows.push([
        `${site}: ${kind}`,
        `${performance} (median ${Math.round((median.scores.performance ?? 0) * 100)})`,
        ...LIGHTHOUSE_CATEGORIES.slice(1).map((id) => String(Math.round((median.scores[id] ?? 0) * 100))),
        ...TIMED_AUDITS.map((id) => median.timings[id]),
      ]);
      for (const line of median.failing.performance) console.log(`  ${site}${path} ${line}`);
    }
  } finally {
    chrome.kill();
    for (const server of servers) server.close();
  }
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => ' --- |').join('')}`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  return 0;
}

if (import.meta.main) process.exitCode = await main();
