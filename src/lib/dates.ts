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
export function todayInBeijing(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
