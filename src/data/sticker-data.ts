/**
 * Door stickers (门贴) of the listed restaurants: each restaurant's standings with their verification codes, and its
 * sticker's QR code, made once per build (a town's sheet and the sticker page share it), on another thread while the
 * build renders other pages (src/lib/sticker/qr-pool.ts).
 */
import { join } from 'node:path';
import { restaurantUrl } from '../lib/urls.ts';
import { qrCopySvg, qrPath, qrSvgOf, type QrPath } from '../lib/sticker/qr.ts';
import { qrPathsInBackground, type QrPaths } from '../lib/sticker/qr-pool.ts';
import { earlierStandings, standingHistory, stickerTargetUrl, type Standing } from '../lib/sticker/standing.ts';
import { getRedBlackData, type RestaurantView } from './redblack-data.ts';

export interface Sticker {
  view: RestaurantView;
  /** Oldest first; the last is the current one. */
  standings: Standing[];
  current: Standing;
  /** Standings an earlier build may have printed that the data now no longer gives (earlierStandings), oldest first. */
  earlier: Standing[];
  /** The restaurant page's absolute address with the current code (what the QR code holds). */
  target: string;
  /** The restaurant page's absolute address, printed under the QR code for those who type it. */
  pageUrl: string;
}

/** Whether this is the dev server (the editor's preview), where content changes between requests. */
const DEV = import.meta.env.MODE === 'development';

/** Every listed restaurant's sticker, made at a build's first request (null until then, and always in dev). */
let stickers: Map<string, Sticker> | null = null;
/** The build's QR codes, started with the stickers. */
let background: QrPaths | null = null;

function makeSticker(view: RestaurantView, asOf: string, site: URL): Sticker {
  const id = view.restaurant.id;
  const standings = standingHistory(id, view.history, asOf);
  const current = standings.at(-1)!;
  return {
    view,
    standings,
    current,
    earlier: earlierStandings(id, view.history, asOf, standings),
    target: stickerTargetUrl(site.origin, restaurantUrl(id), current.code),
    pageUrl: new URL(restaurantUrl(id), site.origin).href,
  };
}

/**
 * The sticker of a listed restaurant. In a build, the first call makes every restaurant's sticker and starts making
 * their QR codes on another thread, in the order of the restaurants (that of the sticker pages).
 * @param site the site's address (Astro.site: SITE_URL or the local address).
 */
export async function getSticker(id: string, site: URL): Promise<Sticker> {
  const { restaurants, restaurantById, asOf } = await getRedBlackData();
  if (DEV) return makeSticker(restaurantById.get(id)!, asOf, site);
  if (!stickers) {
    stickers = new Map(restaurants.map((view) => [view.restaurant.id, makeSticker(view, asOf, site)]));
    // The worker runs the project's own module with Node (the build's working folder is the project, as for the
    // content's files), not the bundled copy; if it cannot, the codes are made on this thread.
    background = qrPathsInBackground(
      [...stickers.values()].map((sticker) => sticker.target),
      join(process.cwd(), 'src/lib/sticker/qr-worker.ts'),
    );
  }
  return stickers.get(id)!;
}

/** The id of a sticker's QR path, for a second drawing on the same page. */
const qrId = (sticker: Sticker) => `qr-${sticker.view.restaurant.id}`;
const qrLabel = (sticker: Sticker) =>
  `二维码：${sticker.view.restaurant.signName}的网页地址，门贴核验码 ${sticker.current.code}`;
/** How many pages draw a sticker's QR path in full: its sticker page and its town's sheet. */
const FULL_DRAWINGS = 2;
/** Each address's QR path, until both pages that draw it in full have (10,000 held to the end would be ~40 MB). */
const qrPaths = new Map<string, Promise<QrPath>>();
/** Each QR code's size in modules, kept after its path is forgotten (a copy needs only that). */
const qrSizes = new Map<string, number>();
const drawings = new Map<string, number>();

/**
 * The inline SVG of a sticker's QR code. With `copy`, an SVG that draws the page's first one again (the sticker page's
 * A4 poster), instead of a second copy of its path.
 */
export async function stickerQr(sticker: Sticker, copy = false): Promise<string> {
  const { target } = sticker;
  const size = qrSizes.get(target);
  if (copy && size) return qrCopySvg(size, qrId(sticker), qrLabel(sticker));
  let pending = qrPaths.get(target);
  if (!pending) {
    pending = background ? background.get(target) : Promise.resolve(qrPath(target));
    qrPaths.set(target, pending);
  }
  const path = await pending;
  qrSizes.set(target, path.size);
  if (copy) return qrCopySvg(path.size, qrId(sticker), qrLabel(sticker));
  const drawn = (drawings.get(target) ?? 0) + 1;
  drawings.set(target, drawn);
  if (drawn >= FULL_DRAWINGS) qrPaths.delete(target);
  return qrSvgOf(path, qrLabel(sticker), qrId(sticker));
}
