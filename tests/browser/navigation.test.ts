/**
 * A reader's way through the fixture site in a real browser: home → 监管计划 → the plan → a task (through the
 * plan's table of contents) → a responsible department (through a unit name linked in the plan text), with
 * breadcrumbs and no errors on the way; the 长者模式 switch with mouse and keyboard; and the site without
 * JavaScript.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtSite, launchChromium, type ServedSite } from '../helpers/site.ts';

let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([builtSite('fixture').serve(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Records console errors, uncaught exceptions, failed requests and error responses on a page. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message} (${page.url()})`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // Leaving a page cancels what it was still loading (often the favicon): that is not a failure.
    if (error !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

function path(page: Page): string {
  return new URL(page.url()).pathname;
}

/** The breadcrumb trail as text, e.g. ['首页', '监管计划', '2030年计划'], checking its markup on the way. */
async function breadcrumbs(page: Page): Promise<string[]> {
  const trail = page.getByRole('navigation', { name: '面包屑导航' });
  await expect.poll(() => trail.isVisible()).toBe(true);
  const items = (await trail.locator('li').allInnerTexts()).map((text) => text.replace('›', '').trim());
  // Every crumb but the last links somewhere; the last is the current page.
  expect(await trail.locator('li').last().locator('[aria-current="page"]').count()).toBe(1);
  expect(await trail.locator('li a').count()).toBe(items.length - 1);
  return items;
}

async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

describe('from the home page to a department', () => {
  it('reaches the plan, a task and a department by following links, without errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      await page.goto(`${site.url}/`);
      expect(await page.getByRole('navigation', { name: '面包屑导航' }).count()).toBe(0);

      // The main navigation leads to the plans.
      const mainNav = page.getByRole('navigation', { name: '主导航' });
      await Promise.all([page.waitForURL('**/plan/'), mainNav.getByRole('link', { name: '监管计划' }).click()]);
      expect(path(page)).toBe('/plan/');
      expect(await mainNav.getByRole('link', { name: '监管计划' }).getAttribute('aria-current')).toBe('page');
      expect(await breadcrumbs(page)).toEqual(['首页', '监管计划']);

      // … and from there to the plan.
      await Promise.all([
        page.waitForURL('**/plan/2030/'),
        page
          .locator('main')
          .getByRole('link', { name: /2030年食品安全监督管理计划/ })
          .first()
          .click(),
      ]);
      expect(path(page)).toBe('/plan/2030/');
      expect(await h1(page)).toContain('2030年食品安全监督管理计划');
      expect(await breadcrumbs(page)).toEqual(['首页', '监管计划', '2030年计划']);

      // The table of contents jumps to task (五) in the text …
      const toc = page.getByRole('navigation', { name: '目录' });
      await toc.getByRole('link', { name: '（五）开展抽样检验工作' }).click();
      await page.waitForURL('**/plan/2030/#task-5');
      const section = page.locator('#task-5');
      await expect
        .poll(() =>
          section.evaluate((element) => {
            const box = element.getBoundingClientRect();
            return box.top >= -1 && box.top < window.innerHeight;
          }),
        )
        .toBe(true);

      // … whose own page has the task's text and its departments.
      await Promise.all([
        page.waitForURL('**/plan/2030/tasks/5/'),
        section.getByRole('link', { name: /任务（五）详情/ }).click(),
      ]);
      expect(path(page)).toBe('/plan/2030/tasks/5/');
      expect(await h1(page)).toBe('（五）开展抽样检验工作');
      expect(await breadcrumbs(page)).toEqual(['首页', '监管计划', '2030年计划', '任务（五）']);

      // A unit named in the plan's own words links to that department.
      const original = page.locator('section[aria-labelledby="text-heading"]');
      await expect.poll(() => original.innerText()).toContain('全年完成食品安全监督抽检1000批次');
      await Promise.all([
        page.waitForURL('**/departments/agriculture/'),
        original.getByRole('link', { name: '区农业农村委' }).click(),
      ]);
      expect(await h1(page)).toBe('区农业农村委');
      expect(await breadcrumbs(page)).toEqual(['首页', '责任部门', '区农业农村委']);
      // The department page lists the task the reader came from.
      expect(await page.locator('main a[href="/plan/2030/tasks/5/"]').count()).toBeGreaterThan(0);

      // The header search, run with JavaScript, leads to a task page too.
      await page.fill('#header-search', '明厨亮灶');
      await Promise.all([page.waitForURL('**/search/?q=*'), page.press('#header-search', 'Enter')]);
      await page.waitForFunction(() => /^找到/.test(document.getElementById('search-status')?.textContent ?? ''));
      await Promise.all([
        page.waitForURL('**/plan/2030/tasks/4/'),
        page.locator('#search-results a[href="/plan/2030/tasks/4/"]').click(),
      ]);
      expect(await h1(page)).toBe('（四）推进明厨亮灶建设');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('长者模式', () => {
  async function state(page: Page) {
    return page.evaluate(() => ({
      elder: document.documentElement.dataset.elder ?? null,
      pressed: document.getElementById('elder-toggle')?.getAttribute('aria-pressed') ?? null,
      fontSize: parseFloat(getComputedStyle(document.documentElement).fontSize),
    }));
  }

  it('turns on, is remembered on the next page, works from the keyboard and turns off', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      await page.goto(`${site.url}/`);
      const toggle = page.locator('#elder-toggle');
      expect(await toggle.isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '长者模式' }).count()).toBe(1);
      const off = await state(page);
      expect(off).toMatchObject({ elder: null, pressed: 'false' });

      await toggle.click();
      const on = await state(page);
      expect(on).toMatchObject({ elder: 'on', pressed: 'true' });
      // Larger text is the point of the mode.
      expect(on.fontSize).toBeGreaterThan(off.fontSize);

      // It stays on after following a link …
      await Promise.all([
        page.waitForURL('**/plan/'),
        page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '监管计划' }).click(),
      ]);
      expect(await state(page)).toMatchObject({ elder: 'on', pressed: 'true' });
      // … and after opening another page directly.
      await page.goto(`${site.url}/plan/2030/tasks/6/`);
      expect(await state(page)).toMatchObject({ elder: 'on', pressed: 'true' });

      // Keyboard: the switch is reached with Tab, and Enter and Space both work it.
      let reached = false;
      for (let presses = 0; presses < 6 && !reached; presses += 1) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id === 'elder-toggle');
      }
      expect(reached, 'Tab reaches #elder-toggle within the header').toBe(true);
      await page.keyboard.press('Enter');
      expect(await state(page)).toMatchObject({ elder: null, pressed: 'false' });
      await page.keyboard.press('Space');
      expect(await state(page)).toMatchObject({ elder: 'on', pressed: 'true' });
      await page.keyboard.press('Enter');
      const offAgain = await state(page);
      expect(offAgain).toMatchObject({ elder: null, pressed: 'false' });
      expect(offAgain.fontSize).toBe(off.fontSize);

      // Off is remembered too.
      await page.goto(`${site.url}/departments/`);
      expect(await state(page)).toMatchObject({ elder: null, pressed: 'false' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('without JavaScript', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await context?.close();
  });

  it.each([
    ['/', '食安武清'],
    ['/plan/2030/', '关于印发测试区'],
    ['/plan/2030/tasks/5/', '（五）开展抽样检验工作'],
    ['/departments/education/', '区教育局'],
    ['/plan/2030/responsibilities/', '任务与责任部门对照表'],
  ])('%s renders, with the 长者模式 switch hidden', async (address, heading) => {
    const page = await context.newPage();
    try {
      const response = await page.goto(`${site.url}${address}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toContain(heading);
      expect(await page.locator('main').isVisible()).toBe(true);
      expect((await page.locator('main').innerText()).length).toBeGreaterThan(20);
      expect(await page.locator('#elder-toggle').count()).toBe(1);
      expect(await page.locator('#elder-toggle').isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('the header search form still submits to /search/?q=…', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/plan/`);
      await page.fill('#header-search', '冷链');
      await Promise.all([page.waitForURL('**/search/?q=*'), page.press('#header-search', 'Enter')]);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/search/');
      expect(url.searchParams.get('q')).toBe('冷链');
      expect(await page.locator('h1').innerText()).toBe('搜索');
      // The page explains that results need JavaScript and offers the 网站地图 instead.
      expect(await page.locator('main').innerText()).toContain('搜索结果需要浏览器启用 JavaScript');
      expect(await page.locator('main a[href="/sitemap/"]').isVisible()).toBe(true);

      // The button submits the same way as Enter.
      await page.goto(`${site.url}/`);
      await page.fill('#header-search', '区教育局');
      await Promise.all([
        page.waitForURL('**/search/?q=*'),
        page.locator('form[role="search"]').first().getByRole('button', { name: '搜索' }).click(),
      ]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('区教育局');
    } finally {
      await page.close();
    }
  });
});

describe('Chinese text', () => {
  it('renders with real glyphs in the page’s own font, not as empty boxes', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/`);
      // Two different characters drawn in the body's font: without a CJK font both are the same .notdef box.
      const glyphs = await page.evaluate(() => {
        const font = `32px ${getComputedStyle(document.body).fontFamily}`;
        const draw = (text: string) => {
          const canvas = document.createElement('canvas');
          canvas.width = 40;
          canvas.height = 40;
          const context = canvas.getContext('2d')!;
          context.font = font;
          context.fillText(text, 2, 32);
          const pixels = context.getImageData(0, 0, 40, 40).data;
          return { inked: pixels.filter((value, index) => index % 4 === 3 && value > 0).length, data: [...pixels] };
        };
        const [food, safe] = [draw('食'), draw('安')];
        return { food: food.inked, safe: safe.inked, same: food.data.join() === safe.data.join() };
      });
      expect(glyphs.food).toBeGreaterThan(20);
      expect(glyphs.safe).toBeGreaterThan(20);
      expect(glyphs.same).toBe(false);
      // For people to look at: what a phone shows (tests/.tmp/screenshots/, not committed).
      await page.screenshot({ path: 'tests/.tmp/screenshots/home-phone.png', fullPage: false });
    } finally {
      await context.close();
    }
  });
});
