/**
 * Which page numbers a list's page links show. Lists grow for years (articles, restaurants by initial): a link to
 * every page would mean hundreds of links on each page, so only the first and last pages, and two either side of
 * the current one, are shown, with a gap between runs that are not next to each other.
 */

/** A page number to link, or a gap (…) standing for pages not shown. */
export type PageLink = number | 'gap';

/** Pages shown either side of the current one. */
const AROUND = 2;

/**
 * The page links for page `current` of `total`, in order.
 * @example pageLinks(10, 20) → [1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]
 */
export function pageLinks(current: number, total: number): PageLink[] {
  const shown = new Set([1, total]);
  for (let page = current - AROUND; page <= current + AROUND; page += 1) {
    if (page >= 1 && page <= total) shown.add(page);
  }
  const links: PageLink[] = [];
  let previous = 0;
  for (const page of [...shown].sort((a, b) => a - b)) {
    // A gap of one page is shown as that page: a "…" would hide no more than the number itself.
    if (page === previous + 2) links.push(previous + 1);
    else if (page > previous + 2) links.push('gap');
    links.push(page);
    previous = page;
  }
  return links;
}

/** The title of page `page` of a list: the list's own on page 1, then `新闻科普（第 2 页）`. */
export function pagedTitle(title: string, page: number): string {
  return page === 1 ? title : `${title}（第 ${page} 页）`;
}

/**
 * The breadcrumbs that end at page `page` of a list: the list's name on page 1; on later pages, the name linking to
 * page 1, then the page.
 * @param list the list's name and its own address (page 1)
 */
export function pagedCrumbs(list: { label: string; href: string }, page: number): { label: string; href?: string }[] {
  return page === 1 ? [{ label: list.label }] : [list, { label: `第 ${page} 页` }];
}

/** Pages 2 onwards of a list split by `paginate`, numbered from 2: page 1 is the list's own address. */
export function laterPages<T>(pages: readonly T[][]): { page: number; items: T[] }[] {
  return pages.slice(1).map((items, index) => ({ page: index + 2, items }));
}
