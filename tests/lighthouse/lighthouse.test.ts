/**
 * Lighthouse, as a reader's phone sees the site: accessibility, best practices and SEO each score 100 on the home
 * page, a plan task, a restaurant, an article and a search. On the project's own content (today's site) the pages any
 * content has: the home page, the official plan's first task and a search for it; on the fixture site the kinds the
 * project's samples may not have: a restaurant and an article with a cover picture (LIGHTHOUSE_TEST_PAGES). Runs in
 * the Chromium that comes with npm install.
 *
 * Performance is not asserted: its score is made of timings (first paint, blocking time) that a busy machine
 * lengthens, so it would fail the suite for reasons unrelated to the change. `npm run bench:lighthouse` measures it
 * on the same pages (docs/performance.md); the byte budgets and request counts that make it fast are asserted by the
 * site and browser tiers.
 */
import type { LaunchedChrome } from 'chrome-launcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DETERMINISTIC_CATEGORIES,
  launchLighthouseChrome,
  LIGHTHOUSE_TEST_PAGES,
  runLighthouse,
} from '../../scripts/lib/lighthouse.ts';
import { builtSite, type ServedSite } from '../helpers/site.ts';
import type { SiteName } from '../helpers/sites.ts';

const sites = new Map<SiteName, ServedSite>();
let chrome: LaunchedChrome;

beforeAll(async () => {
  for (const name of new Set(LIGHTHOUSE_TEST_PAGES.map(([site]) => site)))
    sites.set(name, await builtSite(name).serve());
  chrome = await launchLighthouseChrome();
});

afterAll(async () => {
  chrome?.kill();
  await Promise.all([...sites.values()].map((site) => site.close()));
});

// One page at a time (not concurrent): two Lighthouse runs at once in one Chromium would interfere.
describe('Lighthouse', () => {
  it.each(LIGHTHOUSE_TEST_PAGES)(
    'the %s site: %s (%s) scores 100 in accessibility, best practices and SEO',
    async (name, _, path) => {
      const { scores, failing } = await runLighthouse(
        `${sites.get(name)!.url}${path}`,
        chrome.port,
        DETERMINISTIC_CATEGORIES,
      );
      const asserted = Object.fromEntries(DETERMINISTIC_CATEGORIES.map((id) => [id, scores[id]]));
      expect(asserted, DETERMINISTIC_CATEGORIES.flatMap((id) => failing[id]).join('\n')).toEqual(
        Object.fromEntries(DETERMINISTIC_CATEGORIES.map((id) => [id, 1])),
      );
    },
  );
});
