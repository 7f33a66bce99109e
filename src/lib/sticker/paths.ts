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
