/**
 * Finding the site and finding one's way in it: sitemap.xml and robots.txt, the human 网站地图 page,
 * and what every page carries (language, title, skip link, one h1, the footer a government site shows).
 */
import { describe, expect, it } from 'vitest';
import { findElement, ids, innerHtml, startTags, textOf } from '../helpers/html.ts';
import { builtSite } from '../helpers/site.ts';
import { INVARIANT_SITES } from '../helpers/sites.ts';
import { ARTICLES_PER_PAGE } from '../../src/lib/articles/publish.ts';
import { isPrintPagePath } from '../../src/lib/sticker/paths.ts';

const FOOTER_FIELDS = ['主办单位', '承办单位', '政府网站标识码', 'ICP备案号', '公安备案号'];

describe.each(INVARIANT_SITES)('the %s site', (name) => {
  const site = builtSite(name);
  const built = site.pages();
  const listed = site.sitemapPaths();
  const pages = [...listed, '/404.html'];

  describe('sitemap.xml and robots.txt', () => {
    it('sitemap.xml lists every built HTML page except 404 and the print pages, each once', () => {
      expect(new Set(listed).size).toBe(listed.length);
      const expected = built.filter((path) => !/^\/404(\.html|\/)?$/.test(path) && !isPrintPagePath(path));
      expect([...listed].sort()).toEqual(expected);
      expect(listed).not.toContain('/404.html');
      expect(listed).not.toContain('/404/');
    });

    it('has no editor: /admin/ is served by `npm run edit` only, never built, listed or indexed', () => {
      expect(built.filter((path) => path.startsWith('/admin'))).toEqual([]);
      expect(site.read('sitemap.xml')).not.toContain('/admin');
      expect(site.files().filter((file) => /^\/?admin\//.test(file))).toEqual([]);
    });

    it('sitemap.xml uses absolute addresses on one origin', () => {
      const locs = [...site.read('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!));
      expect(new Set(locs.map((url) => url.origin)).size).toBe(1);
      for (const url of locs) expect(url.protocol).toMatch(/^https?:$/);
    });

    it('robots.txt allows crawling and points to sitemap.xml on the same origin', () => {
      const robots = site.read('robots.txt');
      expect(robots).toMatch(/^User-agent: \*$/m);
      expect(robots).not.toMatch(/^Disallow: \/\s*$/m);
      const sitemap = robots.match(/^Sitemap:\s*(\S+)\s*$/im)?.[1];
      expect(sitemap).toBeDefined();
      const url = new URL(sitemap!);
      expect(url.pathname).toBe('/sitemap.xml');
      const origin = new URL(site.read('sitemap.xml').match(/<loc>([^<]+)<\/loc>/)![1]!).origin;
      expect(url.origin).toBe(origin);
    });

    /** The pages a page's <main> links to, as paths. */
    const linksIn = (path: string) => {
      const main = findElement(site.page(path), (tag) => tag.name === 'main')!;
      return new Set(
        startTags(main.inner)
          .filter((tag) => tag.name === 'a' && tag.attrs.href)
          .map((tag) => decodeURIComponent(new URL(tag.attrs.href!, `http://site.invalid${path}`).pathname)),
      );
    };

    it('the human 网站地图 page reaches every page in sitemap.xml: itself, or on a list page it links to', () => {
      const direct = linksIn('/sitemap/');
      const reachable = new Set(direct);
      for (const path of direct) {
        if (path === '/sitemap/' || !listed.includes(path)) continue;
        for (const link of linksIn(path)) reachable.add(link);
      }
      const missing = listed.filter((path) => path !== '/sitemap/' && !reachable.has(path));
      expect(missing).toEqual([]);
    });

    it('the 网站地图 page stays small: restaurants by initial, articles by list page, not one by one', () => {
      const direct = [...linksIn('/sitemap/')];
      const restaurant = /^\/restaurants\/(?!initial\/)[^/]+\/$/;
      expect(direct.filter((path) => restaurant.test(path))).toEqual([]);
      expect(direct.some((path) => path.startsWith('/restaurants/initial/'))).toBe(
        listed.some((path) => restaurant.test(path)),
      );
      const articles = listed.filter((path) => /^\/articles\/(?!page\/|category\/|tags\/)[^/]+\/$/.test(path));
      const linkedArticles = direct.filter((path) => articles.includes(path));
      expect(linkedArticles.length).toBe(Math.min(articles.length, ARTICLES_PER_PAGE));
    });
  });

  describe('every page', () => {
    it.each(pages)('%s has lang, title, description, skip link, one h1 and the footer', (path) => {
      const html = site.page(path);
      const tags = startTags(html);

      expect(tags.find((tag) => tag.name === 'html')?.attrs.lang).toBe('zh-CN');

      const titleTags = tags.filter((tag) => tag.name === 'title');
      expect(titleTags).toHaveLength(1);
      const title = textOf(innerHtml(html, titleTags[0]!));
      expect(title.length).toBeGreaterThan(1);

      const description =
        tags.find((tag) => tag.name === 'meta' && tag.attrs.name === 'description')?.attrs.content ?? '';
      expect(description.trim().length).toBeGreaterThan(5);

      // The skip link is the first link in <body> and its target exists.
      const bodyStart = tags.findIndex((tag) => tag.name === 'body');
      const firstLink = tags.slice(bodyStart).find((tag) => tag.name === 'a');
      expect(firstLink?.attrs.href).toBe('#main');
      expect(textOf(innerHtml(html, firstLink!))).toMatch(/跳到|跳过/);
      expect(ids(html).has('main')).toBe(true);
      expect(tags.find((tag) => tag.attrs.id === 'main')?.name).toBe('main');

      const headings = tags.filter((tag) => tag.name === 'h1');
      expect(headings).toHaveLength(1);
      expect(textOf(innerHtml(html, headings[0]!)).length).toBeGreaterThan(1);

      const footer = findElement(html, (tag) => tag.name === 'footer');
      expect(footer).toBeDefined();
      const footerTags = startTags(footer!.inner);
      const terms = footerTags.filter((tag) => tag.name === 'dt');
      for (const field of FOOTER_FIELDS) {
        const term = terms.find((tag) => textOf(innerHtml(footer!.inner, tag)).replace(/[：:]$/, '') === field);
        expect(term, `footer field ${field}`).toBeDefined();
        // Its value follows in a <dd> that is not empty.
        const after = footer!.inner.slice(term!.end);
        const value = after.match(/^[\s\S]*?<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/)?.[1];
        expect(textOf(value ?? ''), `footer value for ${field}`).not.toBe('');
      }
      const footerLinks = footerTags.filter((tag) => tag.name === 'a').map((tag) => tag.attrs.href);
      expect(footerLinks).toContain('/sitemap/');
      expect(footerLinks).toContain('/feedback/');
    });

    it('page titles are distinct', () => {
      const byTitle = new Map<string, string[]>();
      for (const path of pages) {
        const title = textOf(site.page(path).match(/<title>([\s\S]*?)<\/title>/)?.[1] ?? '');
        byTitle.set(title, [...(byTitle.get(title) ?? []), path]);
      }
      const shared = [...byTitle].filter(([, paths]) => paths.length > 1);
      expect(shared).toEqual([]);
    });
  });
});
