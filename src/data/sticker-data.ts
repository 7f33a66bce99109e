/**
 * Door stickers (门贴) of the listed restaurants: each restaurant's standings with their verification codes, and its
 * sticker's QR code, made once per build (a town's sheet and the sticker page share it).
 */
import { restaurantUrl } from '../lib/urls.ts';
import { qrCopySvg, qrSvg, type QrSvg } from '../lib/sticker/qr.ts';
import { standingHistory, stickerTargetUrl, type Standing } from '../lib/sticker/standing.ts';
import { getRedBlackData, type RestaurantView } from './redblack-data.ts';

export interface Sticker {
  view: RestaurantView;
  /** Oldest first; the last is the current one. */
  standings: Standing[];
  current: Standing;
  /** The restaurant page's absolute address with the current code (what the QR code holds). */
  target: string;
  /** The restaurant page's absolute address, printed under the QR code for those who type it. */
  pageUrl: string;
}

const stickers = new Map<string, Sticker>();
const qrCodes = new Map<string, QrSvg>();
/** Each QR code's size in modules, kept after its SVG is forgotten (a copy needs only that). */
const qrSizes = new Map<string, number>();

/**
 * The sticker of a listed restaurant.
 * @param site the site's address (Astro.site: SITE_URL or the local address).
 */
export async function getSticker(id: string, site: URL): Promise<Sticker> {
  const known = import.meta.env.MODE === 'development' ? undefined : stickers.get(id);
  if (known) return known;
  const { restaurantById, asOf } = await getRedBlackData();
  const view = restaurantById.get(id)!;
  const standings = standingHistory(id, view.history, asOf);
  const current = standings.at(-1)!;
  const sticker: Sticker = {
    view,
    standings,
    current,
    target: stickerTargetUrl(site.origin, restaurantUrl(id), current.code),
    pageUrl: new URL(restaurantUrl(id), site.origin).href,
  };
  stickers.set(id, sticker);
  return sticker;
}

/** The id of a sticker's QR path, for a second drawing on the same page. */
const qrId = (sticker: Sticker) => `qr-${sticker.view.restaurant.id}`;
const qrLabel = (sticker: Sticker) =>
  `二维码：${sticker.view.restaurant.signName}的网页地址，门贴核验码 ${sticker.current.code}`;
/** How many pages draw a sticker's QR path in full: its sticker page and its town's sheet. */
const FULL_DRAWINGS = 2;
const drawings = new Map<string, number>();

/**
 * The inline SVG of a sticker's QR code, made at most once per build for each address and forgotten once both pages
 * that draw it have (10,000 codes held to the end of a build would be ~80 MB). With `copy`, an SVG that draws the
 * page's first one again (the sticker page's A4 poster), instead of a second copy of its path.
 */
export function stickerQr(sticker: Sticker, copy = false): string {
  const size = qrSizes.get(sticker.target);
  if (copy && size) return qrCopySvg(size, qrId(sticker), qrLabel(sticker));
  let qr = qrCodes.get(sticker.target);
  if (!qr) {
    qr = qrSvg(sticker.target, qrLabel(sticker), qrId(sticker));
    qrCodes.set(sticker.target, qr);
    qrSizes.set(sticker.target, qr.size);
  }
  if (copy) return qrCopySvg(qr.size, qrId(sticker), qrLabel(sticker));
  const drawn = (drawings.get(sticker.target) ?? 0) + 1;
  drawings.set(sticker.target, drawn);
  if (drawn >= FULL_DRAWINGS) qrCodes.delete(sticker.target);
  return qr.svg;
}
