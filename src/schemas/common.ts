import { z } from 'astro/zod';
import { parseIsoDate } from '../lib/dates.ts';
import { SLUG_PATTERN, SLUG_RULE } from '../lib/slug.ts';
import { dateValue, halfWidthValue } from '../lib/text-forms.ts';

/** A stable id used in public addresses: lower-case letters, digits and hyphens (src/lib/slug.ts, the one rule). */
export const slugSchema = z.string().regex(SLUG_PATTERN, `${SLUG_RULE}，例如 market-regulation`);

/** Non-empty text after trimming. */
export const textSchema = z.string().trim().min(1, '不能为空');

/**
 * A code or a phone number (联系电话, 政府网站标识码, registration and licence numbers): text whose full-width digits,
 * letters, hyphens and brackets, as a Chinese input method types them, are published in their plain forms.
 */
export const codeSchema = <T extends z.ZodType>(schema: T) => z.preprocess(halfWidthValue, schema);

/**
 * A calendar date written YYYY-MM-DD. YAML front matter may hand it over as a Date object, and staff may write it the
 * Chinese way (2023年2月20日, 2023/2/20, 2023.2.20: src/lib/text-forms.ts); either way the value becomes the
 * YYYY-MM-DD string, and impossible dates such as 2022-02-30 fail.
 */
export const isoDateSchema = z.preprocess(
  (value) =>
    value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : dateValue(value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD，例如 2022-03-15')
    .refine((text) => parseIsoDate(text) !== null, '不是真实存在的日期'),
);

/**
 * Whether text is an absolute http:// or https:// address and nothing else. A browser would strip tabs and line
 * breaks from `java\tscript:` and run it, so any whitespace or control character fails, as does `//host`.
 */
export function isHttpUrl(text: string): boolean {
  if (/[\s\p{Cc}]/u.test(text) || !/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A link to another site, e.g. the original of a notice: only http(s), so a link can never run a script. */
export const httpUrlSchema = z
  .string()
  .refine(isHttpUrl, '网址应以 http:// 或 https:// 开头，中间不能有空格，例如 https://example.gov.cn/');
