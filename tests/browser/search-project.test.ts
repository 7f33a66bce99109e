/**
 * Search on the project's own site, for what its real content promises: the official plan's tasks rank first for the
 * words of their own titles (Pagefind weights), a query in the address shows its results on arrival, and a first
 * search stays small. The plan is the real, verbatim one (not sample data), so these hold whatever staff publish.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstSearchBytes } from '../../scripts/lib/first-search.ts';
import { loadContent } from '../../src/lib/content/pipeline.ts';
import { ROOT } from '../helpers/build.ts';
import { resultLinks, settled } from '../helpers/search-page.ts';
import { pagePool, useBrowserSession } from '../helpers/site.ts';

const plan = loadContent(ROOT).model.plans.find((candidate) => candidate.year === 2022)!;

const session = useBrowserSession('project');
let context: BrowserContext;
let pool: ReturnType<typeof pagePool>;

beforeAll(async () => {
  context = await session.browser.newContext();
  pool = pagePool(context, 2);
});

afterAll(() => context?.close());

/** Opens /search/?q=… and returns the result links once every result has arrived. */
async function results(page: Page, query: string): Promise<string[]> {
  await page.goto(`${session.site.url}/search/?q=${encodeURIComponent(query)}`);
  await settled(page);
  return resultLinks(page);
}

describe('the plan’s tasks', () => {
  it('are all 24 of the plan', () => {
    expect(plan.tasks).toHaveLength(24);
  });

  it.concurrent.each(plan.tasks.map((task) => [task.number, task.title] as const))(
    'task %i ranks first for its title “%s”',
    async (number, title) => {
      await pool(async (page) => {
        const links = await results(page, title);
        expect(links[0], `results: ${links.slice(0, 5).join(' ')}`).toBe(`/plan/2022/tasks/${number}/`);
      });
    },
  );
});

describe('a search in the address', () => {
  it('/search/?q=冷链 shows its results on arrival', async () => {
    await pool(async (page) => {
      const links = await results(page, '冷链');
      expect(await page.textContent('#search-status')).toMatch(/^找到 \d+ 条与“冷链”相关的结果/);
      expect(links.length).toBeGreaterThan(0);
      expect(links.some((link) => link.startsWith('/plan/2022/tasks/'))).toBe(true);
    });
  });

  // Pagefind's script, worker and WebAssembly (~71 KB, in Brotli), a small index chunk per word of the query
  // (src/lib/pagefind-bundle.ts), and the ten shown results' excerpts.
  it.concurrent.each(['明厨亮灶', '食品安全', '冷链', ...plan.tasks.slice(0, 4).map((task) => task.title)])(
    'a first search for “%s” fetches at most 100 KB, counted as the web server sends it',
    async (query) => {
      const { bytes, results: shown } = await firstSearchBytes(session.browser, session.site.url, query);
      expect(shown).toBeGreaterThan(0);
      // Pagefind's WebAssembly alone is ~47 KB: a count without it would have missed requests.
      expect(bytes).toBeGreaterThan(50 * 1024);
      expect(bytes).toBeLessThanOrEqual(100 * 1024);
    },
  );
});
