/** /.well-known/security.txt (RFC 9116): how to report a security problem in the site. */
import { siteSettingsSchema } from '../schemas/site.ts';

/** The contact's rule is the schema's (content/site.yaml's `securityContact`), which `check:content` applies. */
const CONTACT = siteSettingsSchema.shape.securityContact.unwrap();

export interface SecurityTxtOptions {
  /** The site's origin, e.g. https://www.example.org */
  site: string;
  /** The security contact (mailto:, https: or tel:), or null while none has been given. */
  contact: string | null;
  /** When the file is made (the build). */
  now: Date;
  /** How many days the file stays valid. */
  validDays: number;
}

/**
 * Renders security.txt. Without a security contact it does not invent one: it says that none has been given yet
 * and names the site's 纠错 page, which RFC 9116 accepts as a Contact (an https address).
 */
export function renderSecurityTxt({ site, contact, now, validDays }: SecurityTxtOptions): string {
  const checked = contact === null ? null : CONTACT.safeParse(contact);
  if (checked && !checked.success) {
    throw new Error(
      `content/site.yaml 的 securityContact（安全问题联系方式）${checked.error.issues[0]?.message}；实际填写：“${contact}”。`,
    );
  }
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > 365) {
    throw new Error(`src/config/site.ts 的 securityTxtValidDays 应为 1 到 365 之间的整数，实际填写：${validDays}。`);
  }
  const expires = new Date(now.getTime() + validDays * 24 * 60 * 60 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  const lines = [
    '# 食安武清 · 武清区食品安全信息网：报告本站安全问题的联系方式（RFC 9116）',
    '# How to report a security problem in this site (RFC 9116).',
  ];
  if (contact === null) {
    lines.push(
      '# 本站专门的安全联系方式尚未提供（待提供）。在此之前，请通过“纠错”页面联系网站承办单位。',
      '# A dedicated security contact has not been given yet; until then, please use the feedback page below.',
    );
  }
  lines.push(
    `Contact: ${contact ?? new URL('/feedback/', site).href}`,
    `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
    'Preferred-Languages: zh, en',
    `Canonical: ${new URL('/.well-known/security.txt', site).href}`,
  );
  return `${lines.join('\n')}\n`;
}
