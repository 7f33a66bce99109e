/**
 * Search regression table on the fixture site (tests/fixtures/site/README.md): Chinese queries a reader would type,
 * each with the page that must come up in the top three on /search/?q=…. Pagefind segments the text at index time
 * and the browser segments the query with Intl.Segmenter; the two can disagree, so this table catches rankings that
 * go wrong. Expected pages come from the fixture's own text: the task whose clause is about the term, the
 * department page for a unit's name, a restaurant's or town's page for its name.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultCount, resultLinks, settled } from '../helpers/search-page.ts';
import { builtSite, launchChromium, pagePool, type ServedSite } from '../helpers/site.ts';

const task = (number: number) => `/plan/2030/tasks/${number}/`;
const department = (id: string) => `/departments/${id}/`;

/** [query, page that must be among the first three results, where the fixture says it] */
const CASES: Array<[string, string, string]> = [
  ['明厨亮灶', task(4), '（四）推进明厨亮灶建设'],
  ['陪餐', task(3), '（三）落实校长（园长）陪餐制度'],
  ['留样', task(3), '（三）督促学校食堂规范留样'],
  ['校园食品安全', task(3), '（三）加强校园食品安全管理'],
  ['考核', task(2), '（二）将食品安全工作纳入年度考核'],
  ['约谈', task(2), '（二）对工作不力的单位进行约谈'],
  ['协调工作机制', task(1), '（一）健全协调工作机制'],
  ['抽检', task(5), '（五）全年完成食品安全监督抽检1000批次'],
  ['不合格食品', task(5), '（五）做好抽检不合格食品核查处置'],
  ['舆情', task(6), '（六）加强食品安全舆情监测'],
  ['进农村', task(6), '（六）开展食用农产品质量安全进农村宣传'],
  ['区教育局', department('education'), '单位名称'],
  ['区卫生健康委', department('health'), '单位名称'],
  ['区农业农村委', department('agriculture'), '单位名称'],
  ['区食安办', department('food-safety-office'), '单位名称'],
  ['测试己火锅', '/restaurants/ce-shi-ji-huo-guo/', '餐厅的牌匾名称'],
  ['测试庚食堂', '/restaurants/ce-shi-geng-shi-tang/', '餐厅的牌匾名称'],
  ['崔黄口镇', '/towns/120114103/', '镇街名称'],
  ['梅厂镇', '/towns/120114101/', '镇街名称'],
  ['红黑榜', '/redblack/', '红黑榜栏目首页'],
  ['开放数据', '/data/', '红黑榜开放数据页'],
  ['宣传周', '/campaign/', '宣传周栏目首页'],
  ['测试折页', '/campaign/2025/materials/test-leaflet/', '宣传周资料'],
  ['食品安全咨询台', '/campaign/2025/events/community-qa-yangcun/', '宣传周活动'],
  ['量化目标', '/plan/2030/targets/', '本站的量化目标页'],
  // Progress reports are found on their task's page (tests/fixtures/site/README.md, “Progress reports”).
  ['漏计', task(5), '2030-07-05 的更正报告'],
  ['评议办法', task(2), '2030-12-20 报告的原因'],
];

let site: ServedSite;
let browser: Browser;
let context: BrowserContext;
let pool: ReturnType<typeof pagePool>;

beforeAll(async () => {
  [site, browser] = await Promise.all([builtSite('fixture').serve(), launchChromium()]);
  context = await browser.newContext();
  pool = pagePool(context, 2);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** Opens /search/?q=…(&type=…) in a new page, or in the given one, and reads the outcome. */
async function search(
  query: string,
  type = '',
  page?: Page,
  more: Record<string, string> = {},
): Promise<{ page: Page; status: string; links: string[] }> {
  page ??= await context.newPage();
  const params = new URLSearchParams({ q: query, ...(type ? { type } : {}), ...more });
  await page.goto(`${site.url}/search/?${params}`);
  const status = await settled(page);
  return { page, status, links: await resultLinks(page) };
}

describe('search regression table', () => {
  it('has at least 24 queries, each expecting a page that exists', async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(24);
    const page = await context.newPage();
    for (const expected of new Set(CASES.map(([, path]) => path))) {
      const response = await page.request.get(`${site.url}${expected}`);
      expect(response.status(), expected).toBe(200);
    }
    await page.close();
  });

  it.concurrent.each(CASES)('“%s” finds %s in the top three (%s)', async (query, expected) => {
    await pool(async (tab) => {
      const { status, links } = await search(query, '', tab);
      expect(status).toMatch(/^找到 \d+ 条/);
      expect(links.slice(0, 3), `top results: ${links.slice(0, 5).join(' ')}`).toContain(expected);
    });
  });
});

describe('restaurant search', () => {
  it.each([
    ['测试己火锅', ['/restaurants/ce-shi-ji-huo-guo/']],
    ['测试丁茶饮', ['/restaurants/ce-shi-ding-cha-yin/']],
    // Two restaurants share this sign name in different towns: both come first.
    ['测试甲餐厅', ['/restaurants/ce-shi-jia-can-ting/', '/restaurants/ce-shi-jia-can-ting-2/']],
  ])('a restaurant’s name (%s) brings its page first', async (query, expected) => {
    const { page, links } = await search(query);
    await page.close();
    expect([...links.slice(0, expected.length)].sort()).toEqual([...expected].sort());
  });

  it('a restaurant’s name finds its own page, not the list pages that name it (town, year)', async () => {
    const { page, links } = await search('测试己火锅');
    await page.close();
    expect(links).toContain('/restaurants/ce-shi-ji-huo-guo/');
    expect(links.filter((link) => link.startsWith('/towns/') || link.startsWith('/redblack/year/'))).toEqual([]);
  });

  it('a restaurant result names its town, so two of one name can be told apart', async () => {
    const { page } = await search('测试甲餐厅');
    try {
      const titles = await page.$$eval('#search-results > li a[href*="/restaurants/ce-shi-jia-can-ting"]', (links) =>
        links.map((link) => link.textContent?.trim()),
      );
      expect(titles.sort()).toEqual(['测试甲餐厅（杨村街道）', '测试甲餐厅（梅厂镇）'].sort());
    } finally {
      await page.close();
    }
  });

  it('the 餐厅 filter keeps only restaurant pages', async () => {
    const { page, links } = await search('火锅', '餐厅');
    await page.close();
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^\/restaurants\/[a-z0-9-]+\/$/);
  });
});

describe('search page behaviour', () => {
  it('renders each result as a list item with a link, and the status counts them', async () => {
    const { page, status, links } = await search('抽检');
    try {
      const count = resultCount(status);
      expect(count).toBeGreaterThan(0);
      expect(links.length).toBe(Math.min(count, 10));
      // The query stays in the box for the next search.
      expect(await page.inputValue('#search-input')).toBe('抽检');
    } finally {
      await page.close();
    }
  });

  it('the 类型 filter narrows the results to that type', async () => {
    const { page, status, links } = await search('区市场监管局');
    try {
      const total = resultCount(status);
      // The unfiltered results mix tasks and departments.
      expect(links.some((link) => link.startsWith('/departments/'))).toBe(true);
      expect(links.some((link) => link.startsWith('/plan/2030/tasks/'))).toBe(true);

      const filter = page.locator('#search-filter');
      await expect.poll(() => filter.isVisible()).toBe(true);
      await filter.getByRole('radio', { name: '部门' }).check();
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.startsWith('“部门”类中'));
      const filteredStatus = (await page.textContent('#search-status'))!;
      const filtered = resultCount(filteredStatus);
      const departmentLinks = await resultLinks(page);
      expect(filtered).toBeGreaterThan(0);
      expect(filtered).toBeLessThan(total);
      expect(departmentLinks.length).toBeGreaterThan(0);
      for (const link of departmentLinks) expect(link).toMatch(/^\/departments\//);
      expect(new URL(page.url()).searchParams.get('type')).toBe('部门');

      await filter.getByRole('radio', { name: '任务' }).check();
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.startsWith('“任务”类中'));
      const taskLinks = await resultLinks(page);
      expect(taskLinks.length).toBeGreaterThan(0);
      for (const link of taskLinks) expect(link).toMatch(/^\/plan\/20(30|31)\/tasks\/\d+\/$/);

      await filter.getByRole('radio', { name: '全部' }).check();
      await page.waitForFunction(() =>
        /^找到 \d+ 条/.test(document.getElementById('search-status')?.textContent ?? ''),
      );
      expect(resultCount((await page.textContent('#search-status'))!)).toBe(total);
    } finally {
      await page.close();
    }
  });

  it('a type in the address applies on arrival and is kept for the next query', async () => {
    const { page, status, links } = await search('抽检', '任务');
    try {
      expect(status).toMatch(/^“任务”类中找到 \d+ 条/);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(/^\/plan\/20(30|31)\/tasks\/\d+\/$/);
      expect(await page.isChecked('#search-filter input[name="type"][value="任务"]')).toBe(true);

      await page.fill('#search-input', '舆情');
      await Promise.all([page.waitForURL(/[?&]q=/), page.press('#search-input', 'Enter')]);
      const url = new URL(page.url());
      expect(url.searchParams.get('q')).toBe('舆情');
      expect(url.searchParams.get('type')).toBe('任务');
      await settled(page);
      for (const link of await resultLinks(page)) expect(link).toMatch(/^\/plan\/20(30|31)\/tasks\/\d+\/$/);
    } finally {
      await page.close();
    }
  });

  it('a query with no results says so in Chinese and lists nothing', async () => {
    const { page, status, links } = await search('qqzzxx');
    try {
      expect(status).toContain('没有找到与“qqzzxx”相关的内容');
      expect(links).toEqual([]);
      expect(await page.locator('#search-results > li').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('drafts and scheduled articles are not in the index', async () => {
    // Words only the draft and the scheduled article carry (their tags); parts of a query may match other pages.
    for (const [query, slug] of [
      ['草稿专用', 'draft-article'],
      ['定时专用', 'scheduled-article'],
    ]) {
      const { page, links } = await search(query!);
      await page.close();
      expect(links, query).not.toContain(`/articles/${slug}/`);
    }
  });

  it('an empty query asks for a search term', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/search/`);
      const status = await settled(page);
      expect(status).toMatch(/请输入/);
      expect(await resultLinks(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('further filters', () => {
  it('镇街, 榜单 and 年份 narrow restaurant results, and a restaurant counts for every list it has been on', async () => {
    // 测试甲餐厅 (杨村街道) was on 红榜 in 2024 and on 黑榜 in 2025; its namesake in 梅厂镇 only on 红榜.
    const black = await search('测试甲餐厅', '餐厅');
    await black.page.selectOption('select[name="list"]', '黑榜');
    await black.page.waitForFunction(() =>
      (document.getElementById('search-status')?.textContent ?? '').includes('“黑榜”'),
    );
    await settled(black.page);
    expect(await resultLinks(black.page)).toEqual(['/restaurants/ce-shi-jia-can-ting/']);
    expect(new URL(black.page.url()).searchParams.get('list')).toBe('黑榜');
    await black.page.close();

    const { page, links } = await search('测试甲餐厅', '餐厅', undefined, { town: '梅厂镇' });
    expect(links).toEqual(['/restaurants/ce-shi-jia-can-ting-2/']);
    expect(await page.inputValue('select[name="town"]')).toBe('梅厂镇');
    await page.close();
  });
});

describe('browsing articles without a query', () => {
  it('a chosen 栏目 lists its articles newest first', async () => {
    const page = await context.newPage();
    await page.goto(
      `${site.url}/search/?type=${encodeURIComponent('文章')}&category=${encodeURIComponent('科普知识')}`,
    );
    const status = await settled(page);
    expect(status).toMatch(/^“文章”、“科普知识”中共 \d+ 条，按日期从新到旧排列。$/);
    const links = await resultLinks(page);
    expect(links.length).toBeGreaterThan(1);
    const dates: string[] = [];
    for (const link of links) {
      expect(link).toMatch(/^\/articles\/[a-z0-9-]+\/$/);
      const article = await page.request.get(`${site.url}${link}`);
      const html = await article.text();
      expect(html).toContain('href="/articles/category/science/"');
      dates.push(/<time datetime="([^"]+)"/.exec(html.slice(html.indexOf('<article')))![1]!);
    }
    expect(dates).toEqual([...dates].sort().reverse());
    await page.close();
  });
});

describe('searching again without leaving the page', () => {
  it('shows ten results at a time; 显示更多结果 adds the next ones', async () => {
    // 测试 is in every page of the fixture site.
    const { page, status, links } = await search('测试');
    try {
      const count = resultCount(status);
      expect(count).toBeGreaterThan(20);
      expect(links).toHaveLength(10);
      await page.click('#search-more-results');
      await settled(page);
      const more = await resultLinks(page);
      expect(more).toHaveLength(20);
      expect(more.slice(0, 10)).toEqual(links);
      expect(new Set(more).size).toBe(20);
      // The first new result has the focus.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(
        new URL(`${site.url}${more[10]}`).pathname,
      );
    } finally {
      await page.close();
    }
  });

  it('a second query updates the results in place, and Back shows the first again', async () => {
    const { page, links: first } = await search('抽检');
    try {
      // A mark on this document: a navigation would load a new one without it.
      await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
      await page.fill('#search-input', '舆情');
      await page.press('#search-input', 'Enter');
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.includes('舆情'));
      const status = await settled(page);
      expect(status).toMatch(/^找到 \d+ 条与“舆情”相关的结果/);
      expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
      expect(new URL(page.url()).searchParams.get('q')).toBe('舆情');
      const second = await resultLinks(page);
      expect(second.slice(0, 3)).toContain(task(6));
      expect(second).not.toEqual(first);

      await page.goBack();
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.includes('抽检'));
      await settled(page);
      expect(await page.inputValue('#search-input')).toBe('抽检');
      expect(await resultLinks(page)).toEqual(first);
      expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('loads Pagefind on the first touch of the form, not with the page', async () => {
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/pagefind/')) fetched.push(request.url());
    });
    try {
      await page.goto(`${site.url}/search/`);
      await settled(page);
      expect(fetched).toEqual([]);
      await page.focus('#search-input');
      await expect.poll(() => fetched.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
      await page.fill('#search-input', '陪餐');
      await page.press('#search-input', 'Enter');
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.includes('陪餐'));
      await settled(page);
      expect((await resultLinks(page)).slice(0, 3)).toContain(task(3));
    } finally {
      await page.close();
    }
  });
});
