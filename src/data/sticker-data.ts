/**
 * Door stickers (门贴) of the listed restaurants: each restaurant's standings with their verification codes, and its
 * sticker's QR code, made once per build (a town's sheet and the sticker page share it).
 */
import { restaurantUrl } from '../lib/urls.ts';
import { qrSvg, type QrSvg } from '../lib/sticker/qr.ts';
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

/** The QR code of a sticker (made at most once per build for each address). */
export function stickerQr(sticker: Sticker): QrSvg {
  let qr = qrCodes.get(sticker.target);
  if (!qr) {
    qr = qrSvg(
      sticker.target,
      `二维码：${sticker.view.restaurant.signName}的网页地址，门贴核验码 ${sticker.current.code}`,
    );
    qrCodes.set(sticker.target, qr);
  }
  return qr;
}
