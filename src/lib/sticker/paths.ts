/**
 * The print pages (door stickers and towns' sticker sheets) are for printing, reached from a restaurant's or a town's
 * page: they stay out of sitemap.xml and the search index, which list what a reader looks for, and ask search
 * engines not to list them (robots noindex, BaseLayout).
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
 * Whether a built file (its path within dist/) is sent as it is, without precompressed .gz and .br copies: each
 * restaurant's sticker page and badge. At 10,000 restaurants they are 20,000 files, each small (a sticker page about
 * 14 KB, a badge under 2 KB) and fetched rarely (by whoever prints the sticker, or a page that shows the badge); their
 * copies were 40,000 more files to compress and write at every build (docs/performance.md, "Door stickers"). The
 * towns' sticker sheets, larger and fewer, are precompressed as usual.
 */
export function isSentUncompressed(sitePath: string): boolean {
  return /^restaurants\/[^/]+\/(?:sticker\/index\.html|badge\.svg)$/.test(sitePath);
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
