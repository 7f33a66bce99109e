/**
 * The publicity-week page as residents use it, on the fixture site (tests/fixtures/site/README.md): the calendar and
 * its groupings without JavaScript, downloads, events by town.
 */
import { readFileSync, statSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/lib/campaign/calendar.ts';
import { useBrowserSession } from '../helpers/site.ts';

const SITE = new URL('../fixtures/site/', import.meta.url);
const campaign = parseYaml(
  /^---\n([\s\S]*?)\n---/.exec(readFileSync(new URL('content/campaigns/2025.mdx', SITE), 'utf8'))![1]!,
);
const events: Array<{ id: string; town: string; category: string; date: string }> = campaign.events;

const session = useBrowserSession();
let noScript: BrowserContext;
let withScript: BrowserContext;

beforeAll(async () => {
  noScript = await session.browser.newContext({ javaScriptEnabled: false });
  withScript = await session.browser.newContext({ acceptDownloads: true });
});

describe('/campaign/2025/ calendar, with JavaScript off', () => {
  it('shows every day of the week with its events, then groups them by town and by category', async () => {
    const page = await noScript.newPage();
    await page.goto(`${session.site.url}/campaign/2025/`);
    expect(await page.textContent('h1')).toContain(campaign.localTheme ?? campaign.nationalTheme);

    const dayHeadings = page.locator('#by-date h4');
    expect(await dayHeadings.count()).toBe(daysBetween(campaign.startDate, campaign.endDate).length);
    expect(await page.locator('#by-date li li').count()).toBe(events.length);
    expect(await page.isVisible('#by-town')).toBe(false);

    await page.getByRole('radio', { name: '按镇街' }).check();
    expect(await page.isVisible('#by-date')).toBe(false);
    expect(await page.isVisible('#by-town')).toBe(true);
    const towns = new Set(events.map((event) => event.town));
    expect(await page.locator('#by-town section').count()).toBe(towns.size);
    expect(await page.locator('#by-town li').count()).toBe(events.length);

    await page.getByRole('radio', { name: '按类别' }).check();
    expect(await page.isVisible('#by-town')).toBe(false);
    const categories = [...new Set(events.map((event) => event.category))];
    const headings = await page.locator('#by-category h4').allTextContents();
    expect(headings.map((heading) => heading.replace(/（\d+ 项）$/, '')).sort()).toEqual(categories.sort());

    // On paper, the day-by-day calendar prints whichever view was chosen.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#by-date')).toBe(true);
    expect(await page.isVisible('#by-category')).toBe(false);
    await page.close();
  });
});

describe('downloads', () => {
  it('every download link on the campaign page returns its file, whole', async () => {
    const page = await noScript.newPage();
    await page.goto(`${session.site.url}/campaign/2025/`);
    const links = await page.$$eval('a[download]', (anchors) => anchors.map((anchor) => anchor.getAttribute('href')!));
    expect(links.length).toBe(campaign.materials.length);
    for (const link of links) {
      const response = await page.request.get(`${session.site.url}${link}`);
      expect(response.status(), link).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect((await response.body()).length).toBe(statSync(new URL(`public${link}`, SITE)).size);
    }
    await page.close();
  });

  it('a material page downloads its file in the browser', async () => {
    const page = await withScript.newPage();
    await page.goto(`${session.site.url}/campaign/2025/materials/test-leaflet/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[download]')]);
    // Saved under the material's Chinese title, not its address's pinyin name.
    expect(download.suggestedFilename()).toBe('测试折页：宣传周资料（虚构）.pdf');
    expect(statSync((await download.path())!).size).toBe(
      statSync(new URL('public/materials/2025/test-leaflet.pdf', SITE)).size,
    );
    await page.close();
  });

  it('an event page offers the event as a calendar file', async () => {
    const page = await noScript.newPage();
    const first = events[0]!;
    await page.goto(`${session.site.url}/campaign/2025/events/${first.id}/`);
    const href = await page.getAttribute('a[href$=".ics"]', 'href');
    const response = await page.request.get(`${session.site.url}${href}`);
    expect(response.headers()['content-type']).toContain('text/calendar');
    expect(await response.text()).toContain(`DTSTART;TZID=Asia/Shanghai:${first.date.replaceAll('-', '')}T`);
    await page.close();
  });
});

describe('town pages', () => {
  it('list the campaign events held in that town', async () => {
    const page = await noScript.newPage();
    const town = '120114001';
    await page.goto(`${session.site.url}/towns/${town}/`);
    const links = await page.$$eval('[aria-labelledby="events-heading"] a[href*="/events/"]', (anchors) =>
      anchors.map((anchor) => anchor.getAttribute('href')),
    );
    expect(links.sort()).toEqual(
      events
        .filter((event) => event.town === town)
        .map((event) => `/campaign/2025/events/${event.id}/`)
        .sort(),
    );
    await page.close();
  });
});
