/**
 * The site under its Content-Security-Policy, as a reader's browser enforces it: `npm start`'s server sends the
 * header of src/config/http-headers.ts. Every page a11y.test.ts opens (every page of the fixture site, and of the
 * project's sites all but a sample of the pages made per restaurant or town) is checked there for the header, a
 * `securitypolicyviolation` event and a console error or warning, in its workers too, while it is open anyway. Here:
 * a missing address, search with Pagefind's WebAssembly in its worker, and 长者模式's scripts. Every other browser test
 * runs under the same header, so the whole tier checks the policy as well.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { collectViolations, visitWatched, watchContext } from '../helpers/csp-watch.ts';
import { builtSite, launchChromium, type ServedSite } from '../helpers/site.ts';
import type { SiteName } from '../helpers/sites.ts';

const SITES: SiteName[] = ['fixture', 'project'];
let browser: Browser;
const served = new Map<SiteName, ServedSite>();
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  for (const name of SITES) served.set(name, await builtSite(name).serve());
  context = await browser.newContext();
  await watchContext(context);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  for (const site of served.values()) await site.close();
});

describe.each(SITES)('a missing address on the %s site', (name) => {
  it('gets the 404 page, with the policy and no violation', async () => {
    const page = await context.newPage();
    const { status, csp } = await visitWatched(page, `${served.get(name)!.url}/no-such-page/`);
    expect(status).toBe(404);
    expect(csp).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect(await page.textContent('h1')).toBeTruthy();
    // Chromium logs the 404 status of the page itself; nothing else may appear.
    const record = await collectViolations(page);
    const others = record.console.filter((line) => !line.includes('404 (Not Found)'));
    expect({ ...record, console: others }).toEqual({ violations: [], console: [] });
    await page.close();
  });
});

describe('the watch itself', () => {
  it('records an inline script the policy refuses, and a console error', async () => {
    const page = await context.newPage();
    await visitWatched(page, `${served.get('fixture')!.url}/`);
    expect(await collectViolations(page)).toEqual({ violations: [], console: [] });
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "ran";';
      document.body.append(script);
      console.error('a control error');
    });
    const record = await collectViolations(page);
    expect(record.violations).toEqual([expect.stringMatching(/^script-src-elem blocked inline at /)]);
    expect(record.console).toContain('page error: a control error');
    expect(await page.title()).not.toBe('ran');
    await page.close();
  });
});

describe('scripts under the CSP, on the fixture site', () => {
  it('search finds results, with Pagefind running in its worker', async () => {
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    await visitWatched(page, `${served.get('fixture')!.url}/search/?q=${encodeURIComponent('明厨亮灶')}`);
    await page.waitForFunction(() => /^找到 \d+ 条/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(await page.locator('#search-results > li').count()).toBeGreaterThan(0);
    expect(workers).toContain('/pagefind/pagefind-worker.js');
    expect(await collectViolations(page)).toEqual({ violations: [], console: [] });
    await page.close();
  });

  it('长者模式 turns on, is remembered on the next page, and turns off', async () => {
    const page = await context.newPage();
    const url = served.get('fixture')!.url;
    await visitWatched(page, `${url}/`);
    const toggle = page.locator('#elder-toggle');
    await expect.poll(() => toggle.isVisible()).toBe(true);
    await toggle.click();
    expect(await page.getAttribute('html', 'data-elder')).toBe('on');
    // The early script in <head> reads the choice back before the first paint: it runs only if its hash is allowed.
    await visitWatched(page, `${url}/redblack/`);
    expect(await page.getAttribute('html', 'data-elder')).toBe('on');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await page.getAttribute('html', 'data-elder')).toBeNull();
    expect(await collectViolations(page)).toEqual({ violations: [], console: [] });
    await page.close();
  });
});
