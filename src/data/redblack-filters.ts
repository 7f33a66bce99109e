/**
 * The filters of each year's red/black list page (镇街, 榜单): their options, and the CSS that makes them work without
 * JavaScript (src/lib/redblack/filters.ts). The CSS depends on the content, and the Content-Security-Policy allows no
 * inline style, so it is a stylesheet of its own, /redblack/filters-<hash>.css
 * (src/pages/redblack/filters-[hash].css.ts).
 * The hash of the rules is in the address: a page always gets the rules made for its own radio buttons, whatever a
 * cache still holds from the last build.
 */
import { createHash } from 'node:crypto';
import { filterCss } from '../lib/redblack/filters.ts';
import { redBlackFiltersUrl } from '../lib/urls.ts';
import { LISTS } from '../schemas/list-issue.ts';
import { getRedBlackData } from './redblack-data.ts';
import { getSiteData } from './site-data.ts';

/** One group of radio buttons: the card attribute it tests, its legend, the values and the names shown. */
export interface FilterGroupView {
  key: string;
  label: string;
  values: string[];
  names: string[];
}

export interface RedBlackFilters {
  groups: FilterGroupView[];
  /** The rules that hide non-matching cards and show the empty message. */
  css: string;
  /** A short hash of the rules, part of the stylesheet's address. */
  hash: string;
  /** The stylesheet's address, /redblack/filters-<hash>.css. */
  href: string;
}

/** The first 10 hex digits of the SHA-256 of a text: enough to tell builds apart. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/**
 * The filters of one year's page (/redblack/year/<year>/): 镇街 (the towns that year's entries are in) and 榜单; or
 * null when the year has no entry.
 */
export async function getRedBlackFilters(year: number): Promise<RedBlackFilters | null> {
  const [{ appearances, restaurantById }, { townById }] = await Promise.all([getRedBlackData(), getSiteData()]);
  const cards = appearances
    .filter((appearance) => appearance.issue.year === year)
    .map((appearance) => ({ appearance, view: restaurantById.get(appearance.entry.restaurant)! }));
  if (cards.length === 0) return null;
  const towns = [...new Set(cards.map((card) => card.view.town.id))].sort().map((id) => townById.get(id)!);
  const groups: FilterGroupView[] = [
    { key: 'town', label: '镇街', values: towns.map((town) => town.id), names: towns.map((town) => town.name) },
    { key: 'list', label: '榜单', values: [...LISTS], names: [...LISTS] },
  ];
  const css = filterCss(
    '#rb-filters',
    '#rb-results',
    '#rb-empty',
    groups,
    cards.map(({ appearance, view }) => ({ town: view.town.id, list: appearance.entry.list })),
  );
  const hash = shortHash(css);
  return { groups, css, hash, href: redBlackFiltersUrl(hash) };
}
