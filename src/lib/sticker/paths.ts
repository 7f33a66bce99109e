/**
 * The print pages (door stickers and towns' sticker sheets) are for printing, reached from a restaurant's or a town's
 * page: they stay out of sitemap.xml and the search index, which list what a reader looks for.
 */

/** How many stickers one page of a town's sheet holds: eight A4 sheets of eight, within the page budget at scale. */
export const STICKERS_PER_SHEET_PAGE = 64;

/**
 * Whether a page path (with or without its leading slash) is a print page: /restaurants/<id>/sticker/,
 * /towns/<code>/stickers/ (and its pages).
 */
export function isPrintPagePath(path: string): boolean {
  return /^\/?(?:restaurants\/[^/]+\/sticker|towns\/[^/]+\/stickers(?:\/\d+)?)\/$/.test(path);
}

/**
 * The glob of the HTML files Pagefind reads (relative to dist/): every page but the print pages. Pagefind keeps what it
 * reads of every page until it has read them all, indexed or not: the 10,000 sticker pages of a large site would add
 * about 750 MB to its peak memory (docs/performance.md, "Door stickers"). Its glob cannot exclude, so the folders that
 * hold print pages are listed by the pages they may index.
 * @param folders the names of dist/'s top-level folders
 */
export function searchGlob(folders: readonly string[]): string {
  const parts = ['*.html'];
  for (const folder of [...folders].sort()) {
    if (folder === 'restaurants') {
      // A restaurant's page, and the A–Z index; not /restaurants/<id>/sticker/.
      parts.push('restaurants/index.html', 'restaurants/*/index.html', 'restaurants/initial/**/*.html');
    } else if (folder === 'towns') {
      // A town's page; not /towns/<code>/stickers/.
      parts.push('towns/index.html', 'towns/*/index.html');
    } else {
      parts.push(`${folder}/**/*.html`);
    }
  }
  return `{${parts.join(',')}}`;
}
