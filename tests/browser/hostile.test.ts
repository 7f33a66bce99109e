/**
 * Script and markup pasted into text fields (tests/helpers/hostile.ts) are data: on every page of the hostile site,
 * in real Chromium with JavaScript on, no dialog opens, no request leaves the site, and the text shows as written.
 * The open data keeps it too, with spreadsheet formulas neutralised in the CSV.
 */
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAYLOADS } from '../helpers/hostile.ts';
import { builtSite, pagePool, useBrowserSession } from '../helpers/site.ts';

const site = builtSite('hostile');
const pages = [...site.contentPaths(), '/404.html'];
const session = useBrowserSession('hostile');
let context: BrowserContext;
let pool: ReturnType<typeof pagePool>;
const dialogs: string[] = [];
const outside: string[] = [];

beforeAll(async () => {
  context = await session.browser.newContext();
  const origin = new URL(session.site.url).origin;
  // Every request leaving the site is recorded and refused: nothing reaches the network.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(`${url} (from ${route.request().frame().url()})`);
    return route.abort();
  });
  context.on('page', (page) =>
    page.on('dialog', async (dialog) => {
      dialogs.push(`${dialog.message()} (on ${page.url()})`);
      await dialog.dismiss();
    }),
  );
  pool = pagePool(context, 2);
});

describe('the hostile site', () => {
  it('has the pasted text on its pages', () => {
    expect(site.page('/restaurants/ce-shi-geng-shi-tang/')).toContain('测试庚食堂&lt;img src=x onerror=alert(1)&gt;');
    expect(site.page('/redblack/2024-02/')).toContain('{globalThis.alert(3)}');
  });

  it.concurrent.each(pages)('%s opens no dialog and makes no outside request', async (path) => {
    await pool(async (page) => {
      const before = { dialogs: dialogs.length, outside: outside.length };
      const response = await page.goto(`${session.site.url}${path}`, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      // Scripts the page runs (search, 长者模式) have run by `load`; a handler would fire on rendering.
      expect(await page.evaluate(() => document.querySelectorAll('[onerror],[onload],[onclick]').length)).toBe(0);
      expect(dialogs.slice(before.dialogs)).toEqual([]);
      expect(outside.slice(before.outside)).toEqual([]);
    });
  });

  it('shows each payload as text where it was pasted', async () => {
    await pool(async (page) => {
      await page.goto(`${session.site.url}/restaurants/ce-shi-geng-shi-tang/`);
      expect(await page.textContent('h1')).toContain(`测试庚食堂${PAYLOADS[0]}`);
      await page.goto(`${session.site.url}/redblack/2024-02/`);
      expect(await page.textContent('main')).toContain(`${PAYLOADS[2]}${PAYLOADS[1]}`);
      expect(await page.textContent('footer')).toContain(`主办${PAYLOADS[1]}`);
      await page.goto(`${session.site.url}/plan/2030/tasks/5/`);
      expect(await page.textContent('main')).toContain(`更正${PAYLOADS[0]}${PAYLOADS[5]}`);
    });
  });

  it('the CSV neutralises a formula and the JSON keeps it as written', async () => {
    const csv = await (await context.request.get(`${session.site.url}/data/redblack.csv`)).text();
    expect(csv).toContain(`"'${PAYLOADS[7].replaceAll('"', '""')}"`);
    const json = await (await context.request.get(`${session.site.url}/data/redblack.json`)).json();
    expect(JSON.stringify(json)).toContain(JSON.stringify(PAYLOADS[7]).slice(1, -1));
    const progress = await (await context.request.get(`${session.site.url}/data/plan-2030-progress.csv`)).text();
    expect(progress).toContain(`"'${PAYLOADS[7].replaceAll('"', '""')}"`);
  });
});
