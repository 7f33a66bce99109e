import { pinyin } from 'pinyin-pro';

/**
 * A readable, stable address segment from Chinese text, in pinyin: 福来饺子馆 → fu-lai-jiao-zi-guan.
 * Latin letters and digits are kept, lower-cased. A number is added when the result is taken: …-2.
 * @param maxSyllables longer text is cut, so addresses stay short.
 */
export function pinyinSlug(text: string, taken: ReadonlySet<string>, maxSyllables = 8, fallback = 'item'): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, maxSyllables);
  const base = syllables.join('-') || fallback;
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}
