/**
 * Search regression table: Chinese queries a reader would type, each with the page that must come up in
 * the top three on /search/?q=…. Pagefind segments the text at index time and the browser segments the
 * query with Intl.Segmenter; the two can disagree, so this table catches rankings that go wrong.
 * Expected pages come from the plan's own text (content/plans/2022/plan.txt): the task whose clause
 * is about the term, or the department page for a unit's name.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pagePool, serveSite } from '../helpers/site.ts';

const task = (number: number) => `/plan/2022/tasks/${number}/`;
const department = (id: string) => `/departments/${id}/`;

/** [query, page that must be among the first three results, where the plan says it] */
const CASES: Array<[string, string, string]> = [
  ['冷链', task(5), '（五）强化冷链管理'],
  ['明厨亮灶', task(11), '（十一）“互联网+明厨亮灶”建设'],
  ['陪餐制', task(6), '（六）校长（园长）负责制、陪餐制'],
  ['红黑榜', '/redblack/', '红黑榜栏目首页'],
  ['随机查餐厅', task(24), '（二十四）继续开展随机查餐厅“红黑榜”社会监督活动'],
  ['徐家卤味', '/restaurants/xu-jia-lu-wei/', '示例餐厅的牌匾名称'],
  ['锦记火锅', '/restaurants/jin-ji-huo-guo/', '示例餐厅的牌匾名称'],
  ['杨村街道', '/towns/120114001/', '镇街名称'],
  ['城关镇', '/towns/120114110/', '镇街名称'],
  ['开放数据', '/data/', '红黑榜开放数据页'],
  ['抽检', task(14), '（十四）强化食品安全抽样检验：监督抽检7300余批次'],
  ['区教育局', department('education'), '单位名称'],
  ['公安武清分局', department('public-security'), '单位名称'],
  ['区科协', department('science-association'), '单位名称'],
  ['协管员', task(20), '（二十）按标准配备专职食品安全协管员'],
  ['食品添加剂', task(13), '（十三）严格食品添加剂规范管理和使用'],
  ['保健食品', '/articles/health-food-not-medicine/', '科普文章《保健食品不是药品》'],
  ['特殊食品', task(12), '（十二）加强特殊食品行业管控'],
  ['陪餐', '/articles/school-canteen-accompanied-meals/', '科普文章《学校食堂“陪餐制”是什么》'],
  ['农资打假', task(18), '（十八）开展农资打假专项治理行动'],
  ['宣传周', '/campaign/', '宣传周栏目首页'],
  ['宣传教育', task(23), '（二十三）开展食品安全宣传教育'],
  ['海报', '/campaign/2022/materials/poster/', '宣传周海报'],
  ['你点我检', '/campaign/2022/events/rapid-test-xiazhuzhuang/', '示例活动'],
  ['舆情', task(24), '（二十四）加强舆情监测和社会监督'],
  ['镉', task(9), '（九）将镉列入必检项目'],
  ['粮食', task(9), '（九）严把粮食质量安全关'],
  ['追溯', task(19), '（十九）肉菜类农产品追溯体系，数据上传达标率'],
  ['食安指数', task(2), '（二）落实市级“食安指数”各项任务'],
  ['双安双创', task(22), '（二十二）推动“双安双创”创建任务落地'],
  ['农村小卖部', task(17), '（十七）农村小卖部食品安全三年治理行动'],
  ['铁拳', task(16), '（十六）开展“铁拳”行动'],
  ['乳制品', task(10), '（十）乳制品质量安全提升'],
  ['受污染耕地', task(7), '（七）受污染耕地安全利用任务'],
  ['合格证', task(8), '（八）食用农产品达标合格证制度'],
  ['网络订餐', task(11), '（十一）网络订餐食品安全巡查'],
  ['百日行动', task(4), '（四）打击食品安全违法犯罪百日行动'],
  ['约谈', task(3), '（三）按照相关规定进行约谈'],
  ['风险监测', task(15), '（十五）强化食品安全风险监测'],
  ['武清海关', department('customs'), '单位名称'],
  ['区委网信办', department('cyberspace-affairs'), '单位名称'],
  ['区发展改革委', department('development-reform'), '单位名称'],
  ['量化目标', '/plan/2022/targets/', '本站的量化目标页'],
];

let site: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;
let context: BrowserContext;
let pool: ReturnType<typeof pagePool>;

beforeAll(async () => {
  [site, browser] = await Promise.all([serveSite(), launchChromium()]);
  context = await browser.newContext();
  pool = pagePool(context, 2);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** Waits until the search page has finished: the status line says how many results (or none) were found. */
async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const text = document.getElementById('search-status')?.textContent ?? '';
    return text !== '' && !text.startsWith('正在');
  });
  return (await page.textContent('#search-status')) ?? '';
}

async function resultLinks(page: Page): Promise<string[]> {
  return page.$$eval('#search-results > li a[href]', (links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  );
}

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
    ['徐家卤味', ['/restaurants/xu-jia-lu-wei/']],
    ['锦记火锅', ['/restaurants/jin-ji-huo-guo/']],
    // Two restaurants share this sign name in different towns: both come first.
    ['福来饺子馆', ['/restaurants/fu-lai-jiao-zi-guan/', '/restaurants/fu-lai-jiao-zi-guan-2/']],
  ])('a restaurant’s name (%s) brings its page first', async (query, expected) => {
    const { page, links } = await search(query);
    await page.close();
    expect([...links.slice(0, expected.length)].sort()).toEqual([...expected].sort());
  });

  it('the 餐厅 filter keeps only restaurant pages', async () => {
    const { page, links } = await search('饺子', '餐厅');
    await page.close();
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^\/restaurants\/[a-z0-9-]+\/$/);
  });
});

describe('search page behaviour', () => {
  it('renders each result as a list item with a link, and the status counts them', async () => {
    const { page, status, links } = await search('冷链');
    try {
      const count = Number(status.match(/找到 (\d+) 条/)?.[1]);
      expect(count).toBeGreaterThan(0);
      expect(links.length).toBe(Math.min(count, 20));
      // The query stays in the box for the next search.
      expect(await page.inputValue('#search-input')).toBe('冷链');
    } finally {
      await page.close();
    }
  });

  it('the 类型 filter narrows the results to that type', async () => {
    const { page, status, links } = await search('区市场监管局');
    try {
      const total = Number(status.match(/找到 (\d+) 条/)?.[1]);
      // The unfiltered results mix tasks and departments.
      expect(links.some((link) => link.startsWith('/departments/'))).toBe(true);
      expect(links.some((link) => link.startsWith('/plan/2022/tasks/'))).toBe(true);

      const filter = page.locator('#search-filter');
      await expect.poll(() => filter.isVisible()).toBe(true);
      await filter.getByRole('radio', { name: '部门' }).check();
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.startsWith('“部门”类中'));
      const filteredStatus = (await page.textContent('#search-status'))!;
      const filtered = Number(filteredStatus.match(/找到 (\d+) 条/)?.[1]);
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
      for (const link of taskLinks) expect(link).toMatch(/^\/plan\/2022\/tasks\/\d+\/$/);

      await filter.getByRole('radio', { name: '全部' }).check();
      await page.waitForFunction(() =>
        /^找到 \d+ 条/.test(document.getElementById('search-status')?.textContent ?? ''),
      );
      expect(Number((await page.textContent('#search-status'))!.match(/找到 (\d+) 条/)?.[1])).toBe(total);
    } finally {
      await page.close();
    }
  });

  it('a type in the address applies on arrival and is kept for the next query', async () => {
    const { page, status, links } = await search('冷链', '任务');
    try {
      expect(status).toMatch(/^“任务”类中找到 \d+ 条/);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(/^\/plan\/2022\/tasks\/\d+\/$/);
      expect(await page.isChecked('#search-filter input[name="type"][value="任务"]')).toBe(true);

      await page.fill('#search-input', '舆情');
      await Promise.all([page.waitForURL(/[?&]q=/), page.press('#search-input', 'Enter')]);
      const url = new URL(page.url());
      expect(url.searchParams.get('q')).toBe('舆情');
      expect(url.searchParams.get('type')).toBe('任务');
      await settled(page);
      for (const link of await resultLinks(page)) expect(link).toMatch(/^\/plan\/2022\/tasks\/\d+\/$/);
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
    // 示例·福来饺子馆 (杨村街道) was on 黑榜 in 2022 and on 红榜 in 2023.
    const black = await search('福来饺子馆', '餐厅');
    await black.page.selectOption('select[name="list"]', '黑榜');
    await black.page.waitForFunction(() =>
      (document.getElementById('search-status')?.textContent ?? '').includes('“黑榜”'),
    );
    await settled(black.page);
    expect(await resultLinks(black.page)).toEqual(['/restaurants/fu-lai-jiao-zi-guan/']);
    expect(new URL(black.page.url()).searchParams.get('list')).toBe('黑榜');
    await black.page.close();

    const { page, links } = await search('福来饺子馆', '餐厅', undefined, { town: '城关镇' });
    expect(links).toEqual(['/restaurants/fu-lai-jiao-zi-guan-2/']);
    expect(await page.inputValue('select[name="town"]')).toBe('城关镇');
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
