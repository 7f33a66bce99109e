import { pinyin } from 'pinyin-pro';

/** Words that say nothing about the business and are left out of its id. */
const SAMPLE_PREFIX = /^示例[·・]?/;

/**
 * A readable, stable id for a new restaurant, from its sign name in pinyin:
 * 示例·福来饺子馆 → fu-lai-jiao-zi-guan. A number is added when the id is taken: fu-lai-jiao-zi-guan-2.
 */
export function restaurantId(signName: string, taken: ReadonlySet<string>): string {
  const syllables = pinyin(signName.replace(SAMPLE_PREFIX, ''), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, 8);
  const base = syllables.join('-') || 'restaurant';
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}
