/** Dates as the site shows them. Content stores dates as YYYY-MM-DD; pages show them in Chinese. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a YYYY-MM-DD string names a real calendar day.
 * @returns the parts, or null for a malformed or impossible date such as 2022-02-30.
 */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** 2022-08-11 → 2022年8月11日 */
export function formatChineseDate(iso: string): string {
  const parts = parseIsoDate(iso);
  if (!parts) throw new RangeError(`日期格式应为 YYYY-MM-DD，收到：${iso}`);
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

/** Today's date in Beijing time as YYYY-MM-DD (the site's statuses are computed as of the build). */
export function todayInBeijing(now: Date = siteNow()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

const SITE_NOW_FORM = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a moment written for `SITE_NOW`: `2026-01-01T00:05:00+08:00` (any offset, or Z; what Date#toISOString
 * writes is accepted, so a script can pass its own moment on), or without an offset
 * `2026-01-01 00:05` and `2026-01-01`, which are Beijing time (the site's clock), never the machine's time zone.
 * @returns the moment, or null when the text is not one of these forms or names a day or time that does not exist.
 */
export function parseSiteNow(text: string): Date | null {
  const match = SITE_NOW_FORM.exec(text.trim());
  if (!match || !parseIsoDate(match[1]!)) return null;
  const [hour, minute, second] = [match[2], match[3], match[4]].map((part) => Number(part ?? 0));
  if (hour! > 23 || minute! > 59 || second! > 59) return null;
  const zone = match[6] ?? '+08:00';
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(-2)) > 59)) return null;
  const time = [hour, minute, second].map((part) => String(part).padStart(2, '0')).join(':');
  return new Date(`${match[1]}T${time}${match[5] ?? ''}${offset}`);
}

/** SITE_NOW is set to something that is not a moment; the message says in Chinese what to write. */
export class SiteNowError extends Error {
  override name = 'SiteNowError';
}

/**
 * The site's “now”: the one place the site asks for the current time (statuses of the red/black lists, which
 * articles are public, the importer's “today”). `SITE_NOW` sets it, so a test or a rehearsal can build and check
 * the site as it will be at a given moment; unset or empty, it is the real time.
 * @throws SiteNowError, in Chinese, when `SITE_NOW` is set to something that is not a moment.
 */
export function siteNow(env: Readonly<Record<string, string | undefined>> = readEnv()): Date {
  const text = env.SITE_NOW?.trim();
  if (!text) return new Date();
  const moment = parseSiteNow(text);
  if (!moment)
    throw new SiteNowError(
      `环境变量 SITE_NOW 的值“${env.SITE_NOW}”无法识别。应写成带时区的时间，如 2026-01-01T00:05:00+08:00；` +
        '不带时区时按北京时间，如 2026-01-01 00:05 或 2026-01-01。不需要指定时间时请不要设置 SITE_NOW。',
    );
  return moment;
}

/** The process environment where there is one (this module is also bundled for pages, where `process` may not be). */
function readEnv(): Record<string, string | undefined> {
  return typeof process === 'undefined' ? {} : process.env;
}
