import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { isPrintPagePath } from '../lib/sticker/paths.ts';

/** Pages that are not content and stay out of sitemap.xml. */
const EXCLUDED = new Set(['404/', '404']);

/**
 * Builds the list of absolute page addresses for sitemap.xml.
 * @param site the deployed origin, e.g. https://example.org
 * @param pathnames pathnames as Astro reports them ("" for the home page, "plan/2022/" …)
 */
export function sitemapUrls(site: string, pathnames: readonly string[]): string[] {
  const origin = site.replace(/\/$/, '');
  return (
    [...new Set(pathnames)]
      // Print pages (door stickers) are reached from their restaurant's or town's page, not looked for.
      .filter((pathname) => !EXCLUDED.has(pathname) && !isPrintPagePath(pathname))
      // new URL percent-encodes non-ASCII paths such as /articles/tags/冷链/.
      .map((pathname) => new URL(`${origin}/${pathname.replace(/^\//, '')}`).href)
      .sort()
  );
}

/** Renders a sitemap.xml document. */
export function renderSitemap(urls: readonly string[]): string {
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
    .map((url) => `  <url><loc>${escape(url)}</loc></url>`)
    .join('\n')}\n</urlset>\n`;
}

/** Writes /sitemap.xml listing every built page, at the address search engines look for first. */
export function sitemapXml(): AstroIntegration {
  let site = '';
  return {
    name: 'sitemap-xml',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? '';
      },
      'astro:build:done': async ({ dir, pages }) => {
        if (!site) throw new Error('astro.config.mjs 未设置 site，无法生成 sitemap.xml。');
        const urls = sitemapUrls(
          site,
          pages.map((page) => page.pathname),
        );
        await writeFile(new URL('sitemap.xml', dir), renderSitemap(urls));
      },
    },
  };
}
