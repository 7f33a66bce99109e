/**
 * What a reader's first search costs: the bytes the search page fetches from /pagefind/ (script, worker, WebAssembly,
 * metadata, index chunks, the shown results' excerpts) in a fresh browser, counted as the site's web server sends
 * them: the build's Brotli copy where it writes one (deploy/nginx.conf sends it), the file itself where it is
 * compressed already (Pagefind's excerpts are gzip). Used by `npm run bench` and by the search tests, so both measure
 * the same way.
 */
import type { Browser, Page } from 'playwright-core';
import { brotliFor } from '../../src/integrations/precompress.ts';
import { isGzipped } from '../../src/lib/file-types.ts';

/**
 * Waits until the search page has finished: the status line says how many results (or none) were found, and every
 * result has arrived (the list is busy while excerpts load).
 * @returns the status line
 */
export async function searchSettled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const text = document.getElementById('search-status')?.textContent ?? '';
    return (
      text !== '' && !text.startsWith('正在') && !document.getElementById('search-results')?.hasAttribute('aria-busy')
    );
  });
  return (await page.textContent('#search-status')) ?? '';
}

/** The bytes the server sends for a file of the site: its Brotli copy, unless the file is compressed already. */
function sentBytes(body: Buffer, sitePath: string): number {
  if (isGzipped(body)) return body.length;
  return Math.min(body.length, brotliFor(body, sitePath).length);
}

/**
 * Opens /search/?q=… in a new browser context (an empty cache) and waits until every result has arrived.
 * @param site the served site's address, e.g. http://127.0.0.1:4321
 * @returns the bytes fetched from /pagefind/, and how many results the page shows
 */
export async function firstSearchBytes(
  browser: Browser,
  site: string,
  query: string,
): Promise<{ bytes: number; results: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const counted: Promise<number>[] = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.startsWith('/pagefind/')) return;
      counted.push(
        response
          .body()
          .then((body) => sentBytes(body, path.slice(1)))
          .catch(() => 0),
      );
    });
    // The worker's requests are the page's too (its script and WebAssembly).
    await page.goto(`${site}/search/?q=${encodeURIComponent(query)}`);
    await searchSettled(page);
    const results = await page.locator('#search-results > li').count();
    const bytes = (await Promise.all(counted)).reduce((sum, size) => sum + size, 0);
    return { bytes, results };
  } finally {
    await context.close();
  }
}
