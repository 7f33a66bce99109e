/**
 * The restaurants' A–Z index (/restaurants/initial/<letter>/): each restaurant under the pinyin initial of its sign
 * name, in pages of at most RESTAURANTS_PER_PAGE, so that no page grows with the years of lists.
 */
import { pinyin } from 'pinyin-pro';
import { withoutSampleMark } from './ids.ts';

/** Restaurants on one page of a letter: ~40 KB of HTML gzip at most. */
export const RESTAURANTS_PER_PAGE = 500;

/** Where names that start with no letter (a digit, a symbol) are listed. */
export const OTHER_INITIAL = '#';

/**
 * The initial a sign name is listed under: A–Z from its pinyin (pinyinKey: 重庆 is chong, C), else # (a name that
 * starts with a digit or a symbol).
 */
export function nameInitial(signName: string): string {
  const letter = pinyinKey(signName)[0] ?? '';
  return /^[a-z]/.test(letter) ? letter.toUpperCase() : OTHER_INITIAL;
}

/**
 * A sign name read in pinyin (示例 mark left out), syllable by syllable, toneless and lower-case, a character of
 * several readings read in its word (长城 chang cheng, 重庆 chong qing): the one reading both the A–Z index
 * (nameInitial) and the pinyin order (inPinyinOrder) take, so that they agree.
 */
function pinyinKey(signName: string): string {
  return pinyin(withoutSampleMark(signName).trim(), { toneType: 'none', nonZh: 'consecutive' }).toLowerCase();
}

/** Items in pinyin order of their sign names (pinyinKey, each made once), those that read alike by id. */
export function inPinyinOrder<T>(items: readonly T[], nameOf: (item: T) => string, idOf: (item: T) => string): T[] {
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return items
    .map((item) => ({ item, key: pinyinKey(nameOf(item)), id: idOf(item) }))
    .sort((a, b) => byCodeUnit(a.key, b.key) || byCodeUnit(a.id, b.id))
    .map(({ item }) => item);
}

/** The address segment of an initial: a–z, or other. */
export function initialSlug(initial: string): string {
  return initial === OTHER_INITIAL ? 'other' : initial.toLowerCase();
}

/** One page of the A–Z index. */
export interface InitialPage<T> {
  initial: string;
  /** 1-based. */
  page: number;
  pages: number;
  items: T[];
}

/**
 * The A–Z index's pages: items grouped by initial (A–Z, then #), in the order given within each, cut into pages.
 * @param nameOf the sign name of an item
 */
export function initialPages<T>(items: readonly T[], nameOf: (item: T) => string): InitialPage<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const initial = nameInitial(nameOf(item));
    const members = groups.get(initial);
    if (members) members.push(item);
    else groups.set(initial, [item]);
  }
  // A–Z by code point, # last.
  const order = (initial: string) => (initial === OTHER_INITIAL ? 26 : initial.charCodeAt(0) - 65);
  return [...groups]
    .sort(([a], [b]) => order(a) - order(b))
    .flatMap(([initial, members]) => {
      const pages = Math.ceil(members.length / RESTAURANTS_PER_PAGE);
      return Array.from({ length: pages }, (_, index) => ({
        initial,
        page: index + 1,
        pages,
        items: members.slice(index * RESTAURANTS_PER_PAGE, (index + 1) * RESTAURANTS_PER_PAGE),
      }));
    });
}
