const DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * Parses a Chinese numeral from 一 to 九十九 (as used for chapter and task numbers).
 * @returns the number, or `null` when the text is not such a numeral.
 */
export function parseChineseNumeral(text: string): number | null {
  if (text in DIGITS) return DIGITS[text]!;
  const match = /^([二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (!match) return null;
  const [, tensDigit, units] = match;
  return (tensDigit ? DIGITS[tensDigit]! : 1) * 10 + (units ? DIGITS[units]! : 0);
}

/** Writes 1–99 as a Chinese numeral: 5 → 五, 10 → 十, 24 → 二十四. */
export function toChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99) {
    throw new RangeError(`只能转换 1 到 99 的整数，收到：${value}`);
  }
  const names = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  const tens = Math.floor(value / 10);
  const units = value % 10;
  if (tens === 0) return names[units]!;
  return `${tens === 1 ? '' : names[tens]}十${names[units]}`;
}
