/** Reading the /search/ page in the browser tests. */
import type { Page } from 'playwright-core';
import { searchSettled } from '../../scripts/lib/first-search.ts';

/** Waits until the search page has finished (every result arrived); returns the status line. */
export const settled = searchSettled;

/** The addresses of the results shown, in order. */
export async function resultLinks(page: Page): Promise<string[]> {
  return page.$$eval('#search-results > li a[href]', (links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  );
}

/** How many results the status line says were found (找到 N 条…). */
export function resultCount(status: string): number {
  return Number(status.match(/找到 (\d+) 条/)?.[1]);
}
