/**
 * The site's public address (SITE_URL), which feeds, sitemap.xml, robots.txt, the .ics files and security.txt carry
 * as absolute links. Local builds (`npm run build`, `npm start`, the tests) may go without it and use the local
 * address; a build for publishing (`npm run build:production`, `npm run publish`) must have it.
 * scripts/lib/site-url.ts re-exports this module for the scripts.
 */

/** The address a local build uses when SITE_URL is not set: where `npm start` serves the site. */
export const LOCAL_SITE_URL = 'http://127.0.0.1:4321';

/** An example for the messages, with a placeholder: the site's domain has not been given to the project yet. */
const EXAMPLE = 'SITE_URL=https://<网站域名> npm run publish';

/** SITE_URL is missing or not a usable public address; the message says in Chinese what to set. */
export class SiteUrlError extends Error {
  override name = 'SiteUrlError';
}

/** Host names that mean this machine: http is allowed for them (local use), never for a public address. */
function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks a SITE_URL value and returns it as an origin without a trailing slash (https://www.example.org).
 * Accepts https, and http only for this machine (localhost, 127.x.x.x, [::1]). The site lives at the root of its
 * address: its links start with “/”, so a path, query or fragment is refused.
 */
export function parseSiteUrl(value: string): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SiteUrlError(`SITE_URL 不是有效的网址：“${value}”。应写完整的地址，例如 ${EXAMPLE}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
    throw new SiteUrlError(
      `SITE_URL 应以 https:// 开头（http:// 只用于本机 localhost 或 127.0.0.1）：“${value}”。例如 ${EXAMPLE}`,
    );
  }
  if (url.username || url.password) throw new SiteUrlError(`SITE_URL 不应包含用户名或密码：“${value}”。`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new SiteUrlError(
      `SITE_URL 只写网站的根地址，不带路径、“?”或“#”：“${value}”（本站的链接都从根目录“/”开始）。例如 ${EXAMPLE}`,
    );
  }
  return url.origin;
}

/**
 * For publishing: the site's public address from `env.SITE_URL`, checked (see parseSiteUrl).
 * @throws SiteUrlError with a Chinese message when it is missing or not usable.
 */
export function requireSiteUrl(env: Readonly<Record<string, string | undefined>>): string {
  const value = env.SITE_URL;
  if (value === undefined || value.trim() === '') {
    throw new SiteUrlError(`缺少 SITE_URL：正式发布前请设置网站的公网地址，例如 ${EXAMPLE}`);
  }
  return parseSiteUrl(value);
}

/**
 * For astro.config.mjs: SITE_URL when it is set (checked, so a wrong value fails any build), otherwise the local
 * address, which marks the build as one for this machine only.
 */
export function siteUrlForBuild(env: Readonly<Record<string, string | undefined>>): string {
  const value = env.SITE_URL;
  return value === undefined || value.trim() === '' ? LOCAL_SITE_URL : parseSiteUrl(value);
}

/** Whether a site address is the local one (a build not fit for publishing). */
export function isLocalSiteUrl(site: string): boolean {
  try {
    return isLocalHost(new URL(site).hostname);
  } catch {
    return false;
  }
}
