/**
 * What a reader's first search costs: the bytes the search page fetches from /pagefind/ (script, worker, WebAssembly,
 * metadata, index chunks, the shown results' excerpts) in a fresh browser, counted as a server with compression sends
 * them (Pagefind's index files are gzip already; its scripts and metadata are compressed on the way). Used by
 * `npm run bench` and by the search tests, so both measure the same way.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

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

/** Whether bytes are gzip already (Pagefind's index, fragments and WebAssembly are). */
const isGzip = (body: Buffer) => body[0] === 0x1f && body[1] === 0x8b;

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
      if (!new URL(response.url()).pathname.startsWith('/pagefind/')) return;
      counted.push(
        response
          .body()
          .then((body) => (isGzip(body) ? body.length : gzipSync(body).length))
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
