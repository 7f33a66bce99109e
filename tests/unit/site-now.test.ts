/** The site's clock: SITE_NOW, read by one helper, decides "now" for builds, the content check and the importer. */
import { describe, expect, it } from 'vitest';
import { parseSiteNow, siteNow, todayInBeijing } from '../../src/lib/dates.ts';

describe('parseSiteNow', () => {
  it.each([
    ['2026-01-01T00:05:00+08:00', '2025-12-31T16:05:00.000Z'],
    ['2026-01-01T00:05+08:00', '2025-12-31T16:05:00.000Z'],
    ['2026-01-01T00:05:00+0800', '2025-12-31T16:05:00.000Z'],
    ['2025-12-31T16:05:00Z', '2025-12-31T16:05:00.000Z'],
    ['2025-12-31T16:05:00.250Z', '2025-12-31T16:05:00.250Z'],
    ['2026-01-01T01:05:00+09:00', '2025-12-31T16:05:00.000Z'],
    ['2026-01-01T00:05:00-05:00', '2026-01-01T05:05:00.000Z'],
    // Without an offset: Beijing time, whatever the machine's time zone.
    ['2026-01-01 00:05', '2025-12-31T16:05:00.000Z'],
    ['2026-01-01T00:05:30', '2025-12-31T16:05:30.000Z'],
    ['2099-01-02', '2099-01-01T16:00:00.000Z'],
    ['  2099-01-02 ', '2099-01-01T16:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseSiteNow(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'tomorrow',
    '2026-1-1',
    '2026/01/01',
    '2026-02-30',
    '2026-01-01T24:00',
    '2026-01-01T12:60',
    '2026-01-01T12:00:61',
    '2026-01-01T12:00+15:00',
    '2026-01-01T12:00+08:60',
    '2026-01-01T12',
    '2026-01-01T12:00.5',
    '2026-01-01T12:00:00.1234Z',
    '1767197100000',
  ])('refuses %s', (text) => {
    expect(parseSiteNow(text)).toBeNull();
  });
});

describe('siteNow', () => {
  it('is the real time when SITE_NOW is unset or empty', () => {
    for (const env of [{}, { SITE_NOW: '' }, { SITE_NOW: '  ' }]) {
      const before = Date.now();
      const now = siteNow(env).getTime();
      expect(now).toBeGreaterThanOrEqual(before);
      expect(now).toBeLessThanOrEqual(Date.now());
    }
  });

  it('is SITE_NOW when set, and gives the Beijing date of that moment', () => {
    const now = siteNow({ SITE_NOW: '2026-01-01T00:05:00+08:00' });
    expect(now.toISOString()).toBe('2025-12-31T16:05:00.000Z');
    // Five past midnight in Beijing is still the previous day in UTC: the site's “today” is Beijing's.
    expect(todayInBeijing(now)).toBe('2026-01-01');
  });

  it('explains an invalid SITE_NOW in Chinese, quoting it and showing the forms it accepts', () => {
    expect(() => siteNow({ SITE_NOW: '明天' })).toThrow(
      '环境变量 SITE_NOW 的值“明天”无法识别。应写成带时区的时间，如 2026-01-01T00:05:00+08:00；' +
        '不带时区时按北京时间，如 2026-01-01 00:05 或 2026-01-01。不需要指定时间时请不要设置 SITE_NOW。',
    );
    expect(() => siteNow({ SITE_NOW: '2026-02-30' })).toThrow(/“2026-02-30”无法识别/);
  });

  it('reads the process environment by default', () => {
    const saved = process.env.SITE_NOW;
    process.env.SITE_NOW = '2024-10-13';
    try {
      expect(todayInBeijing()).toBe('2024-10-13');
      expect(siteNow().toISOString()).toBe('2024-10-12T16:00:00.000Z');
    } finally {
      if (saved === undefined) delete process.env.SITE_NOW;
      else process.env.SITE_NOW = saved;
    }
  });
});
