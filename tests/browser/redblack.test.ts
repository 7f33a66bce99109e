/**
 * The red and black lists as a resident uses them, on the fixture site (tests/fixtures/site/README.md): filters
 * without JavaScript, a restaurant's history, the open-data download read back, and the printable issue page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from '../../src/lib/csv.ts';
import { OPEN_DATA_FIELDS } from '../../src/lib/redblack/open-data.ts';
import { useBrowserSession } from '../helpers/site.ts';

/** The entries as the content files state them, read independently of the site's code. */
const CONTENT = new URL('../fixtures/site/content/redblack/', import.meta.url);
const contentEntries = readdirSync(CONTENT)
  .filter((name) => name.endsWith('.mdx'))
  .flatMap((name) => {
    const front = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(new URL(name, CONTENT), 'utf8'))![1]!);
    return (front.entries as Array<Record<string, unknown>>).map((entry) => ({
      issue: name.replace('.mdx', ''),
      restaurant: String(entry.restaurant),
      list: String(entry.list),
      inspectedOn: String(entry.inspectedOn),
      reasons: (entry.reasons as string[]).join('；'),
    }));
  });
const key = (entry: { issue: string; restaurant: string }) => `${entry.issue}/${entry.restaurant}`;

const session = useBrowserSession();
let noScript: BrowserContext;
let withScript: BrowserContext;

beforeAll(async () => {
  noScript = await session.browser.newContext({ javaScriptEnabled: false });
  withScript = await session.browser.newContext({ acceptDownloads: true });
});

/** The data-* values of the cards a reader can see. */
async function visibleCards(page: Page): Promise<Array<{ town: string; list: string; year: string }>> {
  return page.$$eval('#rb-results > li', (cards) =>
    cards
      .filter((card) => (card as HTMLElement).offsetParent !== null)
      .map((card) => ({
        town: card.getAttribute('data-town')!,
        list: card.getAttribute('data-list')!,
        year: card.getAttribute('data-year')!,
      })),
  );
}

describe('the red/black list by year, with JavaScript off', () => {
  const years = [...new Set(contentEntries.map((entry) => entry.issue.slice(0, 4)))].sort().reverse();

  it('/redblack/ links to one page per year; each shows that year’s entries, newest first', async () => {
    const page = await noScript.newPage();
    await page.goto(`${session.site.url}/redblack/`);
    for (const year of years) {
      expect(await page.locator(`a[href="/redblack/year/${year}/"]`).count(), year).toBeGreaterThan(0);
    }
    // /redblack/ itself shows only the latest issue's entries.
    expect(await page.locator('#rb-results').count()).toBe(0);
    for (const year of years) {
      await page.goto(`${session.site.url}/redblack/year/${year}/`);
      const cards = await visibleCards(page);
      expect(cards, year).toHaveLength(contentEntries.filter((entry) => entry.issue.startsWith(year)).length);
      expect(new Set(cards.map((card) => card.year))).toEqual(new Set([year]));
      expect(await page.isVisible('#rb-empty')).toBe(false);
    }
    await page.close();
  });

  it('narrows by town, then by list, then shows a message when nothing matches', async () => {
    const page = await noScript.newPage();
    const records: Array<{ townCode: string; restaurantId: string }> = (
      await (await page.request.get(`${session.site.url}/data/redblack.json`)).json()
    ).records;
    const townOf = new Map(records.map((record) => [record.restaurantId, record.townCode]));
    // A year and a town with entries on one list only: the other list then matches nothing.
    const cases = years.flatMap((year) =>
      [...new Set(records.map((record) => record.townCode))].map((town) => {
        const inTown = contentEntries.filter(
          (entry) => entry.issue.startsWith(year) && townOf.get(entry.restaurant) === town,
        );
        return { year, town, inTown, lists: new Set(inTown.map((entry) => entry.list)) };
      }),
    );
    const chosen = cases.find((item) => item.inTown.length > 0 && item.lists.size === 1)!;
    expect(chosen).toBeDefined();
    const [present] = [...chosen.lists];
    const absent = present === '红榜' ? '黑榜' : '红榜';
    await page.goto(`${session.site.url}/redblack/year/${chosen.year}/`);
    const townName = await page
      .locator(`#rb-filters input[name="town"][value="${chosen.town}"]`)
      .evaluate((input) => input.parentElement!.textContent!.trim());

    await page.getByRole('group', { name: '镇街' }).getByRole('radio', { name: townName, exact: true }).check();
    let cards = await visibleCards(page);
    expect(cards).toHaveLength(chosen.inTown.length);
    expect(new Set(cards.map((card) => card.town))).toEqual(new Set([chosen.town]));

    await page.getByRole('group', { name: '榜单' }).getByRole('radio', { name: present! }).check();
    cards = await visibleCards(page);
    expect(cards).toHaveLength(chosen.inTown.length);
    expect(await page.isVisible('#rb-empty')).toBe(false);

    await page.getByRole('group', { name: '榜单' }).getByRole('radio', { name: absent }).check();
    expect(await visibleCards(page)).toEqual([]);
    expect(await page.isVisible('#rb-empty')).toBe(true);

    await page.getByRole('group', { name: '镇街' }).getByRole('radio', { name: '全部' }).check();
    cards = await visibleCards(page);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((card) => card.list === absent)).toBe(true);
    await page.close();
  });
});

describe('a restaurant’s page', () => {
  it('shows its whole history, newest first, with every re-inspection', async () => {
    const page = await noScript.newPage();
    await page.goto(`${session.site.url}/restaurants/ce-shi-wu-gao-dian/`);
    const own = contentEntries.filter((entry) => entry.restaurant === 'ce-shi-wu-gao-dian');
    const items = page.locator('[aria-labelledby="history-heading"] > ol > li');
    await expect.poll(() => items.count()).toBe(own.length);
    const text = (await items.first().textContent())!;
    // Failed first, then passed: both shown, in date order, and the status follows the latest.
    expect(text.indexOf('2025年4月10日复查：不合格')).toBeGreaterThan(-1);
    expect(text.indexOf('2025年4月28日复查：合格')).toBeGreaterThan(text.indexOf('2025年4月10日复查'));
    expect(await page.textContent('[aria-labelledby="status-heading"]')).toContain('复查合格');
    // Real (not sample) data carries no 示例 label; every restaurant page says what a listing means.
    expect(await page.textContent('main')).not.toContain('示例数据');
    expect(await page.textContent('main')).toContain('在检查当天');
    await page.close();
  });

  it('lists a restaurant that moved from 黑榜 to 红榜 with both entries, newest first', async () => {
    const page = await noScript.newPage();
    await page.goto(`${session.site.url}/restaurants/ce-shi-yi-kuai-can/`);
    const own = contentEntries
      .filter((entry) => entry.restaurant === 'ce-shi-yi-kuai-can')
      .sort((a, b) => b.inspectedOn.localeCompare(a.inspectedOn));
    expect(own.map((entry) => entry.list)).toEqual(['红榜', '黑榜']);
    const dates = await page.$$eval('[aria-labelledby="history-heading"] > ol > li h3 time', (times) =>
      times.map((time) => time.getAttribute('datetime')),
    );
    expect(dates).toEqual(own.map((entry) => entry.inspectedOn));
    await page.close();
  });
});

describe('open data', () => {
  it('the CSV download from /data/ parses back to the same entries as the content', async () => {
    const page = await withScript.newPage();
    await page.goto(`${session.site.url}/data/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/data/redblack.csv"]')]);
    const bytes = readFileSync((await download.path())!);
    await page.close();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(decodeCsv(new Uint8Array(bytes)).text);
    expect(header).toEqual(OPEN_DATA_FIELDS.map((field) => field.label));
    const column = (name: string) => header!.indexOf(name);
    const fromCsv = rows.map((row) => ({
      issue: row[column('期次编号')]!,
      restaurant: row[column('餐厅编号')]!,
      list: row[column('榜单')]!,
      inspectedOn: row[column('检查日期')]!,
      reasons: row[column('上榜理由')]!,
    }));
    const sortByKey = <T extends { issue: string; restaurant: string }>(items: T[]) =>
      [...items].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sortByKey(fromCsv)).toEqual(sortByKey(contentEntries));
    expect(rows.every((row) => row[column('示例数据')] === '否')).toBe(true);
  });

  it('the JSON has the same records and documents its fields', async () => {
    const response = await (await withScript.newPage()).request.get(`${session.site.url}/data/redblack.json`);
    expect(response.headers()['content-type']).toContain('application/json');
    const body = await response.json();
    expect(body.fields.map((field: { key: string }) => field.key)).toEqual(OPEN_DATA_FIELDS.map((field) => field.key));
    expect(body.records).toHaveLength(contentEntries.length);
  });

  it('each year has its own CSV and JSON, linked from /data/, together the whole set', async () => {
    const page = await withScript.newPage();
    await page.goto(`${session.site.url}/data/`);
    const years = [...new Set(contentEntries.map((entry) => entry.issue.slice(0, 4)))];
    const all: string[] = [];
    for (const year of years) {
      for (const format of ['csv', 'json']) {
        expect(await page.locator(`a[href="/data/redblack-${year}.${format}"]`).count(), year).toBe(1);
      }
      const body = await (await page.request.get(`${session.site.url}/data/redblack-${year}.json`)).json();
      const issues = (body.records as Array<{ issue: string; restaurantId: string }>).map(
        (record) => `${record.issue}/${record.restaurantId}`,
      );
      expect(issues.every((id) => id.startsWith(`${year}-`))).toBe(true);
      const csv = await (await page.request.get(`${session.site.url}/data/redblack-${year}.csv`)).body();
      expect(parseCsv(decodeCsv(new Uint8Array(csv)).text).length - 1).toBe(issues.length);
      all.push(...issues);
    }
    expect(all.sort()).toEqual(contentEntries.map(key).sort());
    await page.close();
  });

  it('the RSS feed lists every issue with a link to its page', async () => {
    const page = await withScript.newPage();
    const xml = await (await page.request.get(`${session.site.url}/redblack/rss.xml`)).text();
    const issues = new Set(contentEntries.map((entry) => entry.issue));
    const links = [...xml.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((match) => new URL(match[1]!).pathname);
    expect(links.sort()).toEqual([...issues].map((issue) => `/redblack/${issue}/`).sort());
    for (const link of links) expect((await page.request.get(`${session.site.url}${link}`)).status()).toBe(200);
    await page.close();
  });
});

describe('overdue rectification', () => {
  it('a 黑榜 entry past its deadline with no published result says so, never a stale 整改中', async () => {
    // 测试己火锅: 黑榜 in 2024年第2期, deadline 2024-10-12, no re-inspection recorded.
    const page = await noScript.newPage();
    await page.goto(`${session.site.url}/restaurants/ce-shi-ji-huo-guo/`);
    const status = (await page.textContent('[aria-labelledby="status-heading"]'))!;
    expect(status).toContain('已过整改期限');
    expect(status).toContain('整改期限（2024年10月12日）已过，复查结果尚未公布');
    expect(status).not.toContain('整改中');
    await page.close();
  });
});

describe('an issue page', () => {
  it('shows cards on a phone and the published table on a wider screen', async () => {
    const page = await noScript.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${session.site.url}/redblack/2024-02/`);
    expect(await page.locator('main li.rb-card').first().isVisible()).toBe(true);
    expect(await page.locator('table').first().isVisible()).toBe(false);
    await page.setViewportSize({ width: 1024, height: 800 });
    expect(await page.locator('table').first().isVisible()).toBe(true);
    expect(await page.locator('main li.rb-card').first().isVisible()).toBe(false);
    await page.close();
  });

  it('has captioned tables for 红榜 and 黑榜 and prints without navigation', async () => {
    const page = await noScript.newPage();
    await page.goto(`${session.site.url}/redblack/2024-02/`);
    const captions = await page.$$eval('table caption', (items) => items.map((item) => item.textContent));
    const own = contentEntries.filter((entry) => entry.issue === '2024-02');
    expect(captions).toEqual([
      `2024年第2期红榜（${own.filter((entry) => entry.list === '红榜').length} 家）`,
      `2024年第2期黑榜（${own.filter((entry) => entry.list === '黑榜').length} 家）`,
    ]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('nav[aria-label="主导航"]')).toBe(false);
    expect(await page.isVisible('table')).toBe(true);
    await page.close();
  });
});
