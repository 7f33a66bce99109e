/**
 * Every page in a real browser, opened once: axe-core (WCAG 2.0/2.1 A and AA plus best practice) on every page of the
 * sitemap, the print pages and the 404 page (on the project's sites, a sample of the pages each restaurant or town
 * gets: see GENERATED); the Content-Security-Policy sent with it and nothing it refuses, no console error or warning
 * (tests/helpers/csp-watch.ts); and, the window then narrowed to a 320 px wide phone, no sideways scrolling of the
 * page. Wide tables may scroll inside their own container, which then is the only thing that scrolls.
 */
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { collectViolations, visitWatched, watchContext } from '../helpers/csp-watch.ts';
import { builtSite, launchChromium, pagePool, type ServedSite } from '../helpers/site.ts';
import { INVARIANT_SITES, type SiteName } from '../helpers/sites.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * axe-core itself, which every page of the axe contexts loads before its own scripts. @axe-core/playwright's builder
 * evaluated this 560 KB script twice in each page it checked: 550 ms a page, against 160 ms as an init script (axe's
 * own run is 80 ms of either).
 */
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The search page with results in it, which only exist once its script has run: a query every plan matches. */
const SEARCH_WITH_RESULTS = `/search/?q=${encodeURIComponent('食品安全')}`;

/**
 * Pages made from one template for each item of the red and black lists' data: a restaurant, its sticker, a letter of
 * the A–Z index, a town, a town's sticker sheet. The fixture site, whose data is made to reach every variant of these
 * templates, checks every one; the project's site and the site without samples check the first
 * {@link GENERATED_SAMPLE} of each, since their other pages are the same markup with other sample values (which staff
 * replace with real lists). Their plan, department, article and campaign pages are all checked: that is real content.
 */
const GENERATED = [
  /^\/restaurants\/(?!initial\/)[^/]+\/$/,
  /^\/restaurants\/[^/]+\/sticker\/$/,
  /^\/restaurants\/initial\//,
  /^\/towns\/[^/]+\/$/,
  /^\/towns\/[^/]+\/stickers\//,
];
const GENERATED_SAMPLE = 3;

/**
 * The pages each site checks: every sitemap page, the print pages and the 404 page (on the sites after the first, only
 * a sample of the GENERATED pages), except a page whose HTML is byte-identical to one already checked on an earlier
 * site (the plan and department pages of the project's site and of the site without samples are the same build of the
 * same files, so they would give the same results).
 */
const seen = new Set<string>();
const CHECKED: Record<SiteName, string[]> = Object.fromEntries(
  INVARIANT_SITES.map((name) => {
    const site = builtSite(name);
    const perTemplate = new Map<RegExp, number>();
    const sampled = [...site.contentPaths(), '/404.html'].filter((path) => {
      const template = name === INVARIANT_SITES[0] ? undefined : GENERATED.find((pattern) => pattern.test(path));
      if (!template) return true;
      perTemplate.set(template, (perTemplate.get(template) ?? 0) + 1);
      return perTemplate.get(template)! <= GENERATED_SAMPLE;
    });
    const unique = sampled.filter((path) => {
      const hash = createHash('sha256').update(site.page(path)).digest('hex');
      if (seen.has(hash)) return false;
      seen.add(hash);
      return true;
    });
    return [name, [...unique, SEARCH_WITH_RESULTS]];
  }),
) as Record<SiteName, string[]>;

/** Pages whose layout changes most in 长者模式 (larger type, higher contrast): the first of each kind. */
function elderSample(name: SiteName): string[] {
  const paths = builtSite(name).sitemapPaths();
  const first = (pattern: RegExp) => paths.find((path) => pattern.test(path));
  return [
    '/',
    first(/^\/plan\/\d{4}\/$/),
    first(/^\/plan\/\d{4}\/tasks\/\d+\/$/),
    first(/^\/plan\/\d{4}\/responsibilities\/$/),
    first(/^\/plan\/\d{4}\/targets\/$/),
    // Progress bars and the year-end scorecard (the project's 2022 plan), the changes' diff (the fixture's 2031).
    first(/^\/plan\/\d{4}\/progress\/$/),
    first(/^\/plan\/\d{4}\/changes\/$/),
    first(/^\/departments\/[a-z-]+\/$/),
    first(/^\/restaurants\/[a-z0-9-]+\/$/),
    SEARCH_WITH_RESULTS,
  ].filter((path): path is string => path !== undefined);
}

let browser: Browser;
const served = {} as Record<SiteName, ServedSite>;
type Pool = ReturnType<typeof pagePool>;
let desktop: Pool;
let elder: Pool;

const DESKTOP = { width: 1280, height: 900 };
/** The narrowest phone: the desktop tab is narrowed to it once axe has run, instead of opening the page again. */
const PHONE = { width: 320, height: 640 };

beforeAll(async () => {
  browser = await launchChromium();
  for (const name of INVARIANT_SITES) served[name] = await builtSite(name).serve();
  const contexts: BrowserContext[] = await Promise.all([
    browser.newContext({ viewport: DESKTOP }),
    browser.newContext({ viewport: DESKTOP }),
  ]);
  for (const context of contexts) {
    await watchContext(context);
    await context.addInitScript({ path: AXE_SCRIPT });
  }
  await contexts[1]!.addInitScript(() => localStorage.setItem('elder', '1'));
  // Two tabs per context: the machines have two cores, and axe is CPU-bound.
  desktop = pagePool(contexts[0]!, 2);
  elder = pagePool(contexts[1]!, 2);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(served).map((site) => site.close()));
});

/**
 * Loads a page in the desktop window and waits until it is complete (on the search page: until the search has run),
 * then checks that it came with the policy and that nothing was refused or logged on the way.
 */
async function open(page: Page, name: SiteName, path: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  const { status, csp } = await visitWatched(page, `${served[name].url}${path}`);
  expect(status, path).toBe(200);
  if (path.startsWith('/search/')) {
    await page.waitForFunction(() => {
      const text = document.getElementById('search-status')?.textContent ?? '';
      return text !== '' && !text.startsWith('正在');
    });
  }
  expect(csp, path).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  expect(await collectViolations(page), `${path}: refused by the CSP or logged`).toEqual({
    violations: [],
    console: [],
  });
}

/** axe-core's violations of TAGS on the page (loaded into it by the context's init script), one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // Only violations are needed; axe runs in the page itself, which checks the whole page since the site has no
  // iframes (checked below).
  const options: RunOptions = { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] };
  const violations = await page.evaluate(async (options) => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
    };
    const results = await axe.run(document, options);
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      targets: nodes.map((node) => node.target.join(' ')),
    }));
  }, options);
  expect(await page.locator('iframe, frame').count()).toBe(0);
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.targets.slice(0, 5).join(' | ')}`,
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

describe.each(INVARIANT_SITES)('every page of the %s site in Chromium', (name) => {
  it('checks every sitemap page, print page and the 404 page that no earlier site had', () => {
    expect(CHECKED[name].length).toBeGreaterThan(1);
    const all = [...builtSite(name).contentPaths(), '/404.html'];
    // The first site checks all of its pages; the others at least the pages that differ, with a sample of each
    // GENERATED template.
    if (name === INVARIANT_SITES[0]) {
      for (const path of all) expect(CHECKED[name]).toContain(path);
      return;
    }
    for (const pattern of GENERATED) {
      const pages = all.filter((path) => pattern.test(path)).length;
      const checked = CHECKED[name].filter((path) => pattern.test(path)).length;
      expect(checked, String(pattern)).toBeLessThanOrEqual(GENERATED_SAMPLE);
      if (pages > 0) expect(checked, String(pattern)).toBeGreaterThan(0);
    }
  });

  it.concurrent.each(CHECKED[name])(
    '%s has no axe violations, nothing refused by the CSP, and does not scroll sideways at 320 px',
    async (path) => {
      await desktop(async (page) => {
        await open(page, name, path);
        expect(await axeViolations(page)).toEqual([]);
        await page.setViewportSize(PHONE);
        for (const mode of ['normal', '长者模式']) {
          // 长者模式 is exactly this attribute on <html> (what the switch sets); its larger type must fit too.
          if (mode === '长者模式') await page.evaluate(() => (document.documentElement.dataset.elder = 'on'));
          const result = await overflow(page);
          expect(result.clientWidth).toBe(PHONE.width);
          expect(result.scrollWidth, `${mode}: ${result.culprits.join(', ')}`).toBeLessThanOrEqual(result.clientWidth);
        }
      });
    },
  );

  it.concurrent.each(elderSample(name))('%s has no axe violations in 长者模式', async (path) => {
    await elder(async (page) => {
      await open(page, name, path);
      expect(await page.getAttribute('html', 'data-elder')).toBe('on');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe('the axe check itself', () => {
  it('reports a violation the page has: an image without a text alternative', async () => {
    await desktop(async (page) => {
      await open(page, 'fixture', '/');
      expect(await axeViolations(page)).toEqual([]);
      await page.evaluate(() => document.querySelector('main')!.append(document.createElement('img')));
      expect((await axeViolations(page)).map((line) => line.split(' ')[0])).toEqual(['image-alt']);
    });
  });
});

describe('a wide table on a phone', () => {
  it('the wide responsibility table scrolls inside its own container', async () => {
    await desktop(async (page) => {
      // The project's own plan names dozens of units: its table is wider than any phone.
      const path = builtSite('project')
        .sitemapPaths()
        .find((path) => /^\/plan\/\d{4}\/responsibilities\/$/.test(path))!;
      await open(page, 'project', path);
      await page.setViewportSize(PHONE);
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
