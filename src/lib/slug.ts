import { pinyin } from 'pinyin-pro';

/**
 * A slug: the part of a public address taken from an id or a file name (`/articles/<slug>/`, a department's id …).
 * Lower-case letters, digits and single hyphens between them. The one rule: the schemas (src/schemas/common.ts),
 * the content pipeline's file names, the web editor's fields and `new:article` all test it with {@link isSlug}.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The rule in words, for messages: “只能使用小写英文字母、数字和连字符“-””. */
export const SLUG_RULE = '只能使用小写英文字母、数字和连字符“-”';

/** Whether `text` is a slug ({@link SLUG_PATTERN}). */
export function isSlug(text: string): boolean {
  return SLUG_PATTERN.test(text);
}

/** The words of text in pinyin and lower-case Latin letters and digits: 食品 安全Week_2024 → shi pin an quan week 2024. */
function slugWords(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).flatMap((part) =>
    part
      .normalize('NFKD')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
}

/**
 * The slug closest to `text`, to suggest when a name is not one: `Bad Name` → `bad-name`, `Upper` → `upper`,
 * `冷链 食品` → `leng-lian-shi-pin`; `fallback` when nothing is left.
 */
export function suggestSlug(text: string, fallback = 'item'): string {
  return slugWords(text).join('-') || fallback;
}

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
