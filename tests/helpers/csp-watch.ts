/**
 * Watching pages in Chromium for what the Content-Security-Policy refuses: every `securitypolicyviolation` event of
 * the document, and every console error or warning of the page and of its workers (a CSP refusal is logged as an
 * error). Used by the per-page pass of a11y.test.ts and by csp.test.ts.
 */
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

/** What went wrong on one page: CSP violations, console errors and warnings (the page's and its workers'). */
export interface Findings {
  violations: string[];
  console: string[];
}

const findings = new WeakMap<Page, Findings>();

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

/** A console message worth failing for: errors and warnings. */
function noteConsole(page: Page, where: string, message: ConsoleMessage): void {
  if (message.type() !== 'error' && message.type() !== 'warning') return;
  findings.get(page)?.console.push(`${where} ${message.type()}: ${message.text()}`);
}

/** Makes every page the context opens from now on record its violations and console messages, workers' included. */
export async function watchContext(context: BrowserContext): Promise<void> {
  await context.addInitScript(recordViolations);
  context.on('page', (page) => {
    findings.set(page, { violations: [], console: [] });
    page.on('console', (message) => noteConsole(page, 'page', message));
    page.on('pageerror', (error) => findings.get(page)?.console.push(`page error: ${error.message}`));
    page.on('worker', (worker) => worker.on('console', (message) => noteConsole(page, 'worker', message)));
  });
}

/** What a watched page has recorded since it last opened an address with {@link visitWatched}. */
function findingsOf(page: Page): Findings {
  const record = findings.get(page);
  if (!record) throw new Error('findingsOf: this page was not opened in a context given to watchContext');
  return record;
}

/**
 * The page's findings, its violations read from the document, which records them from its start (they are reported
 * as events after the refusal: reading them from the page lets those queued run first).
 */
export async function collectViolations(page: Page): Promise<Findings> {
  const record = findingsOf(page);
  record.violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  return record;
}

/**
 * Opens an address in a watched page, its findings emptied first, and returns its status and the policy it was sent
 * with. Read the findings with {@link collectViolations} once the page has done what it does on load.
 */
export async function visitWatched(
  page: Page,
  url: string,
): Promise<{ status: number | undefined; csp: string | undefined }> {
  const record = findingsOf(page);
  record.violations = [];
  record.console.length = 0;
  const response = await page.goto(url, { waitUntil: 'load' });
  return { status: response?.status(), csp: (await response?.allHeaders())?.['content-security-policy'] };
}
