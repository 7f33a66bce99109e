/**
 * Lighthouse, as a reader's phone sees the site (its default: a mid-range phone on a slow 4G connection,
 * simulated): performance, accessibility, best practices and SEO each score 100 on the home page, a plan task, a
 * restaurant, an article and a search. On the fixture site every kind of page; on the project's own content (today's
 * site) the pages any content has: the home page, the official plan's first task and a search for it. Runs in the
 * Chromium that comes with npm install.
 */
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_ARGS, ensureBrowser } from '../../scripts/lib/browser.ts';
import { builtSite, type ServedSite } from '../helpers/site.ts';
import type { SiteName } from '../helpers/sites.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** [site, kind of page, path] */
const PAGES: Array<[SiteName, string, string]> = [
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

const sites = new Map<SiteName, ServedSite>();
let chrome: LaunchedChrome;

beforeAll(async () => {
  const { executablePath, env } = await ensureBrowser();
  for (const name of new Set(PAGES.map(([site]) => site))) sites.set(name, await builtSite(name).serve());
  chrome = await launch({
    chromePath: executablePath,
    chromeFlags: ['--headless=new', ...BROWSER_ARGS],
    envVars: { ...(process.env as Record<string, string>), ...env },
    // Vitest ends the process; chrome-launcher's own Ctrl+C handler would only race it.
    handleSIGINT: false,
  });
});

afterAll(async () => {
  chrome?.kill();
  await Promise.all([...sites.values()].map((site) => site.close()));
});

// One page at a time (not concurrent): Lighthouse measures timing, and two runs at once would slow each other.
describe('Lighthouse', () => {
  it.each(PAGES)('the %s site: %s (%s) scores 100 in all four categories', async (name, _, path) => {
    const result = await lighthouse(`${sites.get(name)!.url}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    const report = result!.lhr;
    expect(report.runtimeError, `Lighthouse could not load ${path}`).toBeUndefined();
    // The audits below 100 that count towards a category, to say what to fix.
    const counted = new Set(
      CATEGORIES.flatMap((id) => report.categories[id]!.auditRefs.filter((ref) => ref.weight > 0)).map((ref) => ref.id),
    );
    const failing = Object.values(report.audits)
      .filter((audit) => counted.has(audit.id) && audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id} (${audit.score}): ${audit.displayValue ?? audit.title}`);
    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, report.categories[id]!.score]));
    expect(scores, failing.join('\n')).toEqual(Object.fromEntries(CATEGORIES.map((id) => [id, 1])));
  });
});
