/** Reading the /search/ page in the browser tests. */
import type { Page } from 'playwright-core';

/**
 * Waits until the search page has finished: the status line says how many results (or none) were found, and every
 * result has arrived (the list is busy while excerpts load).
 * @returns the status line
 */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const text = document.getElementById('search-status')?.textContent ?? '';
    return (
      text !== '' && !text.startsWith('正在') && !document.getElementById('search-results')?.hasAttribute('aria-busy')
    );
  });
  return (await page.textContent('#search-status')) ?? '';
}

/** The addresses of the results shown, in order. */
export async function resultLinks(page: Page): Promise<string[]> {
  return page.$$eval('#search-results > li a[href]', (links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  );
}
