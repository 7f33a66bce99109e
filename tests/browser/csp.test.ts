/**
 * The site under its Content-Security-Policy, as a reader's browser enforces it: `npm start`'s server sends the
 * header of src/config/http-headers.ts, and every page of the fixture site and of the project's site (the sitemap,
 * the 404 page and a missing address) opens in Chromium without a single `securitypolicyviolation` event, console
 * error or warning, in its workers too. Search finds results (Pagefind's WebAssembly in its worker) and 长者模式 works.
 * Every other browser test runs under the same header, so the whole tier checks the policy as well.
 */
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { builtSite, launchChromium, pagePool, type ServedSite } from '../helpers/site.ts';
import type { SiteName } from '../helpers/sites.ts';
import type { Browser } from 'playwright-core';

/** What went wrong on one page: CSP violations, console errors and warnings (the page's and its workers'). */
interface Findings {
  violations: string[];
  console: string[];
}

/** Installed before any page script: records every CSP violation the document reports. */
function recordViolations(): void {
  const seen: string[] = [];
  (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
  document.addEventListener(
    'securitypolicyviolation',
    (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}`),
    true,
  );
}

const SITES: SiteName[] = ['fixture', 'project'];
let browser: Browser;
const served = new Map<SiteName, ServedSite>();
const contexts: BrowserContext[] = [];
const findings = new WeakMap<Page, Findings>();

/** A console message worth failing for: errors and warnings (a CSP refusal is logged as an error). */
function noteConsole(page: Page, where: string, message: ConsoleMessage): void {
  if (message.type() !== 'error' && message.type() !== 'warning') return;
  findings.get(page)?.console.push(`${where} ${message.type()}: ${message.text()}`);
}

/** A context whose pages record violations and console messages, their workers' included. */
async function watchedContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  contexts.push(context);
  await context.addInitScript(recordViolations);
  context.on('page', (page) => {
    findings.set(page, { violations: [], console: [] });
    page.on('console', (message) => noteConsole(page, 'page', message));
    page.on('pageerror', (error) => findings.get(page)?.console.push(`page error: ${error.message}`));
    page.on('worker', (worker) => worker.on('console', (message) => noteConsole(page, 'worker', message)));
  });
  return context;
}

/** Opens an address and returns its status and everything recorded on the way. */
async function visit(page: Page, url: string): Promise<{ status: number | undefined; csp: string | undefined }> {
  const record = findings.get(page)!;
  record.violations.length = 0;
  record.console.length = 0;
  const response = await page.goto(url, { waitUntil: 'load' });
  // Violations are reported as events after the refusal; reading them from the page lets those queued run first.
  record.violations.push(
    ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)),
  );
  return { status: response?.status(), csp: (await response?.allHeaders())?.['content-security-policy'] };
}

beforeAll(async () => {
  browser = await launchChromium();
  for (const name of SITES) served.set(name, await builtSite(name).serve());
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  for (const site of served.values()) await site.close();
});

describe.each(SITES)('every page of the %s site under the CSP', (name) => {
  const paths = [...builtSite(name).contentPaths(), '/404.html'];
  let pool: ReturnType<typeof pagePool>;

  beforeAll(async () => {
    pool = pagePool(await watchedContext(), 2);
  });

  it.concurrent.each(paths)('%s opens with no violation and no console error', async (path) => {
    await pool(async (page) => {
      const { status, csp } = await visit(page, `${served.get(name)!.url}${path}`);
      expect(status, path).toBe(200);
      expect(csp).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      expect(findings.get(page)).toEqual({ violations: [], console: [] });
    });
  });

  it('a missing address gets the 404 page, with the policy and no violation', async () => {
    await pool(async (page) => {
      const { status, csp } = await visit(page, `${served.get(name)!.url}/no-such-page/`);
      expect(status).toBe(404);
      expect(csp).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      expect(await page.textContent('h1')).toBeTruthy();
      // Chromium logs the 404 status of the page itself; nothing else may appear.
      const others = findings.get(page)!.console.filter((line) => !line.includes('404 (Not Found)'));
      expect({ ...findings.get(page), console: others }).toEqual({ violations: [], console: [] });
    });
  });
});

describe('scripts under the CSP, on the fixture site', () => {
  let context: BrowserContext;

  beforeAll(async () => {
    context = await watchedContext();
  });

  it('search finds results, with Pagefind running in its worker', async () => {
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    await visit(page, `${served.get('fixture')!.url}/search/?q=${encodeURIComponent('明厨亮灶')}`);
    await page.waitForFunction(() => /^找到 \d+ 条/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(await page.locator('#search-results > li').count()).toBeGreaterThan(0);
    expect(workers).toContain('/pagefind/pagefind-worker.js');
    const record = findings.get(page)!;
    record.violations.push(
      ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)),
    );
    expect(record).toEqual({ violations: [], console: [] });
    await page.close();
  });

  it('长者模式 turns on, is remembered on the next page, and turns off', async () => {
    const page = await context.newPage();
    const url = served.get('fixture')!.url;
    await visit(page, `${url}/`);
    const toggle = page.locator('#elder-toggle');
    await expect.poll(() => toggle.isVisible()).toBe(true);
    await toggle.click();
    expect(await page.getAttribute('html', 'data-elder')).toBe('on');
    // The early script in <head> reads the choice back before the first paint: it runs only if its hash is allowed.
    await visit(page, `${url}/redblack/`);
    expect(await page.getAttribute('html', 'data-elder')).toBe('on');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await page.getAttribute('html', 'data-elder')).toBeNull();
    expect(findings.get(page)).toEqual({ violations: [], console: [] });
    await page.close();
  });
});
