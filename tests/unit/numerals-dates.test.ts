import { describe, expect, it } from 'vitest';
import { formatChineseDate, parseIsoDate } from '../../src/lib/dates.ts';
import { parseChineseNumeral, toChineseNumeral } from '../../src/lib/plan/numerals.ts';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['二十四', 24],
    ['九十九', 99],
  ])('%s is %i, and back', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
    expect(toChineseNumeral(value)).toBe(text);
  });

  it.each(['', '零', '二三', '十十', 'a', '一百'])('rejects “%s”', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });

  it('refuses numbers it cannot write', () => {
    expect(() => toChineseNumeral(0)).toThrow(RangeError);
    expect(() => toChineseNumeral(100)).toThrow(/1 到 99/);
  });
});

describe('dates', () => {
  it('formats ISO dates the Chinese way, without leading zeros', () => {
    expect(formatChineseDate('2022-08-11')).toBe('2022年8月11日');
    expect(formatChineseDate('2023-12-01')).toBe('2023年12月1日');
  });

  it('rejects malformed and impossible dates', () => {
    expect(parseIsoDate('2022-02-30')).toBeNull();
    expect(parseIsoDate('2022-8-11')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(() => formatChineseDate('2022/08/11')).toThrow(/YYYY-MM-DD/);
  });
});
