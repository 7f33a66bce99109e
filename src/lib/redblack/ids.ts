import { pinyinSlug } from '../slug.ts';

/** The 示例 mark says nothing about the business and is left out of its id. */
const SAMPLE_PREFIX = /^示例[·・]?/;

/**
 * A readable, stable id for a new restaurant, from its sign name in pinyin:
 * 示例·福来饺子馆 → fu-lai-jiao-zi-guan. A number is added when the id is taken: fu-lai-jiao-zi-guan-2.
 */
export function restaurantId(signName: string, taken: ReadonlySet<string>): string {
  return pinyinSlug(signName.replace(SAMPLE_PREFIX, ''), taken, 8, 'restaurant');
}
