/**
 * Lighthouse on a page of a served site, in the Chromium that comes with npm install, as a reader's phone sees it
 * (Lighthouse's default: a mid-range phone on a slow 4G connection, simulated). Shared by the test
 * (tests/lighthouse/), which asserts the categories that do not depend on the machine's speed, and by
 * `npm run bench:lighthouse`, which prints all four scores with the timed figures behind performance.
 */
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { BROWSER_ARGS, ensureBrowser } from './browser.ts';

/** The four categories Lighthouse scores. */
export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];

/**
 * The categories whose score depends only on the page, not on how fast the machine is: these are asserted by the
 * test. Performance is timed (first paint, blocking time), so a busy machine lowers it; it is benchmarked instead.
 */
export const DETERMINISTIC_CATEGORIES: readonly LighthouseCategory[] = ['accessibility', 'best-practices', 'seo'];

/** The timed figures reported with the performance score, by Lighthouse audit id. */
export const TIMED_AUDITS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

/** [site, kind of page, path]: the pages both the test and the benchmark measure. */
export const LIGHTHOUSE_PAGES: ReadonlyArray<readonly ['fixture' | 'project', string, string]> = [
  ['fixture', 'home', '/'],
  ['fixture', 'a plan task', '/plan/2030/tasks/1/'],
  ['fixture', 'a restaurant', '/restaurants/ce-shi-jia-can-ting/'],
  // With a cover picture: the page's largest element, whose size and loading Lighthouse checks.
  ['fixture', 'an article', '/articles/science-cold-storage/'],
  ['fixture', 'a search', `/search/?q=${encodeURIComponent('洗手')}`],
  ['project', 'home', '/'],
  ['project', 'a plan task', '/plan/2022/tasks/1/'],
  ['project', 'a search', `/search/?q=${encodeURIComponent('明厨亮灶')}`],
];

/**
 * The pages the test asserts: every kind of page once, on the project's own content where it has that kind, on the
 * fixture site where it does not. Each Lighthouse run takes about 10 s, and the same kind of page on the other site
 * adds no check (axe runs on every page of both in the browser tier); the benchmark still measures all of
 * LIGHTHOUSE_PAGES.
 */
export const LIGHTHOUSE_TEST_PAGES = LIGHTHOUSE_PAGES.filter(
  ([site, kind]) => site === 'project' || !LIGHTHOUSE_PAGES.some(([other, k]) => other === 'project' && k === kind),
);

export interface LighthouseResult {
  /** Each category's score, 0 to 1; null for a category that was not run. */
  scores: Record<LighthouseCategory, number | null>;
  /** The audits below full marks that count towards each category, as `id (score): value`, to say what to fix. */
  failing: Record<LighthouseCategory, string[]>;
  /** The timed audits' values as Lighthouse shows them (e.g. `0.8 s`); `—` when performance was not run. */
  timings: Record<(typeof TIMED_AUDITS)[number], string>;
}

/** Starts the packaged Chromium for Lighthouse to drive; kill it when done. */
export async function launchLighthouseChrome(): Promise<LaunchedChrome> {
  const { executablePath, env } = await ensureBrowser();
  return launch({
    chromePath: executablePath,
    chromeFlags: ['--headless=new', ...BROWSER_ARGS],
    envVars: { ...(process.env as Record<string, string>), ...env },
    // The caller ends the process; chrome-launcher's own Ctrl+C handler would only race it.
    handleSIGINT: false,
  });
}

/**
 * Runs Lighthouse on `url` in the Chromium listening on `port`, one page at a time (two at once would slow each
 * other's timings), for `categories` (all four unless given: without performance, Lighthouse skips the page's trace
 * and the simulated slow phone, which are most of a run).
 * @throws Error if Lighthouse could not load the page
 */
export async function runLighthouse(
  url: string,
  port: number,
  categories: readonly LighthouseCategory[] = LIGHTHOUSE_CATEGORIES,
): Promise<LighthouseResult> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
  });
  const report = result!.lhr;
  if (report.runtimeError) throw new Error(`Lighthouse 无法打开 ${url}：${report.runtimeError.message}`);
  const scores = {} as LighthouseResult['scores'];
  const failing = {} as LighthouseResult['failing'];
  for (const id of LIGHTHOUSE_CATEGORIES) {
    const category = report.categories[id];
    if (!category) {
      scores[id] = null;
      failing[id] = [];
      continue;
    }
    scores[id] = category.score;
    failing[id] = category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => report.audits[ref.id]!)
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id} (${audit.score}): ${audit.displayValue ?? audit.title}`);
  }
  const timings = Object.fromEntries(
    TIMED_AUDITS.map((id) => [id, report.audits[id]?.displayValue ?? '—']),
  ) as LighthouseResult['timings'];
  return { scores, failing, timings };
}
