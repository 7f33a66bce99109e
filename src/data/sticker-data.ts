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

/**
 * The inline SVG of a sticker's QR code (made at most once per build for each address). With `copy`, an SVG that
 * draws the page's first one again (the sticker page's A4 poster), instead of a second copy of its path.
 */
export function stickerQr(sticker: Sticker, copy = false): string {
  let qr = qrCodes.get(sticker.target);
  if (!qr) {
    qr = qrSvg(sticker.target, qrLabel(sticker), qrId(sticker));
    qrCodes.set(sticker.target, qr);
  }
  return copy ? qrCopySvg(qr, qrId(sticker), qrLabel(sticker)) : qr.svg;
}
