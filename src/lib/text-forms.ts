/**
 * The forms staff type that mean the same as the site's one form: dates written the Chinese way (2023年2月20日,
 * 2023/2/20, 2023.2.20) and full-width digits, letters and signs from a Chinese input method (０２２－１２３４).
 * The schemas (src/schemas/), the importer and the web editor all normalise with these, so they accept the same text.
 */

/**
 * Full-width ASCII (！ to ～, as Chinese input methods type digits, letters, hyphens and brackets) and the ideographic
 * space as their plain forms: ０２２－２９３１ → 022-2931, ＪＹ２ → JY2, （一） → (一).
 */
export function halfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** A value as the schemas' preprocess steps see it: text is made half-width, anything else is left alone. */
export function halfWidthValue(value: unknown): unknown {
  return typeof value === 'string' ? halfWidth(value) : value;
}

const DATE = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;

/**
 * The YYYY-MM-DD a date is written as (2023-02-15, 2023/2/15, 2023.2.15, 2023年2月15日, full-width digits too),
 * whether or not that day exists; null when it is not a date.
 */
export function dateShape(text: string): string | null {
  const match = new RegExp(`^${DATE}$`).exec(halfWidth(text).trim());
  return match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : null;
}

/**
 * The YYYY-MM-DD HH:MM a date and time are written as (2023年2月20日 9:30, 2023/2/20 09:30, 2023-02-20T09:30), or
 * null when it is not one.
 */
export function dateTimeShape(text: string): string | null {
  const match = new RegExp(`^${DATE}\\s*(?:T|\\s)\\s*(\\d{1,2})\\s*[:：时]\\s*(\\d{2})\\s*分?$`).exec(
    halfWidth(text).trim(),
  );
  if (!match) return null;
  const [, year, month, day, hour, minute] = match;
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')} ${hour!.padStart(2, '0')}:${minute}`;
}

/** A date value as the date schema's preprocess step sees it: a date staff wrote another way becomes YYYY-MM-DD. */
export function dateValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return dateShape(value) ?? value;
}
