import { pinyinSlug } from '../slug.ts';

/** The 示例 mark says nothing about the business and is left out of its id and its place in the A–Z index. */
const SAMPLE_PREFIX = /^示例[·・]?/;

/** A sign name without the 示例 mark sample data carries: 示例·福来饺子馆 → 福来饺子馆. */
export function withoutSampleMark(signName: string): string {
  return signName.replace(SAMPLE_PREFIX, '');
}

/**
 * A readable, stable id for a new restaurant, from its sign name in pinyin:
 * 示例·福来饺子馆 → fu-lai-jiao-zi-guan. A number is added when the id is taken: fu-lai-jiao-zi-guan-2.
 */
export function restaurantId(signName: string, taken: ReadonlySet<string>): string {
  return pinyinSlug(withoutSampleMark(signName), taken, 8, 'restaurant');
}
