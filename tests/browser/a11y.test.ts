/**
 * Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA plus best practice) on every page of the
 * sitemap and the 404 page, and no sideways scrolling of the page on a 320 px wide phone. Wide tables may
 * scroll inside their own container, which then is the only thing that scrolls.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pagePool, serveSite, sitemapPaths } from '../helpers/site.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const pages = [...sitemapPaths(), '/404.html'];
/** Also the search page with results in it, which only exist once its script has run. */
const CHECKED_PAGES = [...pages, '/search/?q=冷链'];
/** Pages whose layout changes most in 长者模式 (larger type, higher contrast), checked again in it. */
const ELDER_SAMPLE = [
  '/',
  '/plan/2022/',
  '/plan/2022/tasks/6/',
  '/plan/2022/responsibilities/',
  '/plan/2022/targets/',
  '/departments/market-regulation/',
  '/search/?q=冷链',
];

let site: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;
type Pool = ReturnType<typeof pagePool>;
let desktop: Pool;
let elder: Pool;
let phone: Pool;

beforeAll(async () => {
  [site, browser] = await Promise.all([serveSite(), launchChromium()]);
  const contexts: BrowserContext[] = await Promise.all([
    browser.newContext({ viewport: { width: 1280, height: 900 } }),
    browser.newContext({ viewport: { width: 1280, height: 900 } }),
    browser.newContext({ viewport: { width: 320, height: 640 } }),
  ]);
  await contexts[1]!.addInitScript(() => localStorage.setItem('elder', '1'));
  // Two tabs per context: the machines have two cores, and axe is CPU-bound.
  desktop = pagePool(contexts[0]!, 2);
  elder = pagePool(contexts[1]!, 2);
  phone = pagePool(contexts[2]!, 2);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Loads a page and waits until it is complete (on the search page: until the search has run). */
async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  if (path.startsWith('/search/')) {
    await page.waitForFunction(() => {
      const text = document.getElementById('search-status')?.textContent ?? '';
      return text !== '' && !text.startsWith('正在');
    });
  }
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    // Only violations are needed; legacy mode runs axe in the page itself instead of opening a helper page,
    // which is equivalent here because the site has no iframes (checked below) and halves the run time.
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  expect(await page.locator('iframe, frame').count()).toBe(0);
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
}

/** How wide the document is compared with the screen, and which elements stick out past its right edge. */
async function overflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    // Likely causes first: elements past the edge that are positioned out of flow or not inside a scroll container.
    const inScroller = (element: Element) => {
      for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(ancestor).overflowX)) return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .filter((element) => ['absolute', 'fixed'].includes(getComputedStyle(element).position) || !inScroller(element))
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${[...element.classList].join('.')}`,
      );
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 5) };
  });
}

describe('axe-core', () => {
  it('checks every sitemap page and the 404 page', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const path of [...pages, '/search/']) expect(CHECKED_PAGES).toContain(path);
  });

  it.concurrent.each(CHECKED_PAGES)('%s has no axe violations', async (path) => {
    await desktop(async (page) => {
      await open(page, path);
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it.concurrent.each(ELDER_SAMPLE)('%s has no axe violations in 长者模式', async (path) => {
    await elder(async (page) => {
      await open(page, path);
      expect(await page.getAttribute('html', 'data-elder')).toBe('on');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe('320 px wide screen', () => {
  it.concurrent.each(CHECKED_PAGES)('%s does not scroll sideways, in normal and in 长者模式', async (path) => {
    await phone(async (page) => {
      await open(page, path);
      for (const mode of ['normal', '长者模式']) {
        // 长者模式 is exactly this attribute on <html> (what the switch sets); its larger type must fit too.
        if (mode === '长者模式') await page.evaluate(() => (document.documentElement.dataset.elder = 'on'));
        const result = await overflow(page);
        expect(result.clientWidth).toBe(320);
        expect(result.scrollWidth, `${mode}: ${result.culprits.join(', ')}`).toBeLessThanOrEqual(result.clientWidth);
      }
    });
  });

  it('the wide responsibility table scrolls inside its own container', async () => {
    await phone(async (page) => {
      await open(page, '/plan/2022/responsibilities/');
      const container = page.locator('section:has(> table)');
      const sizes = await container.evaluate((element) => ({
        scroll: element.scrollWidth,
        client: element.clientWidth,
        overflowX: getComputedStyle(element).overflowX,
      }));
      // The table is wider than the phone, so this test is about something real.
      expect(sizes.scroll).toBeGreaterThan(sizes.client);
      expect(['auto', 'scroll']).toContain(sizes.overflowX);
      // Keyboard users can reach it to scroll it.
      expect(await container.getAttribute('tabindex')).toBe('0');
    });
  });
});
