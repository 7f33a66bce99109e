/**
 * Size and JavaScript budgets for the built site, measured as a server would send it (gzip).
 * - every HTML page ≤ 25 KB gzipped;
 * - all CSS in dist/ together ≤ 15 KB gzipped;
 * - no JavaScript on any page except the inline 长者模式 scripts (≤ 2 KB gzipped per page) and,
 *   on /search/ only, the search page's module script.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scripts, startTags } from '../helpers/html.ts';
import { builtSite, gzipSize } from '../helpers/site.ts';
import { INVARIANT_SITES } from '../helpers/sites.ts';

const KB = 1024;
const PAGE_BUDGET = 25 * KB;
const CSS_BUDGET = 15 * KB;
const INLINE_SCRIPT_BUDGET = 2 * KB;
const SEARCH_PAGE = '/search/';

/** Script types that browsers execute; anything else (e.g. application/ld+json) is data. */
function isExecutable(attrs: Record<string, string>): boolean {
  const type = (attrs.type ?? '').trim().toLowerCase();
  return type === '' || type === 'module' || /^(text|application)\/(javascript|ecmascript)$/.test(type);
}

describe.each(INVARIANT_SITES)('the %s site', (name) => {
  const site = builtSite(name);
  const pages = site.pages();

  describe('page weight', () => {
    it.each(pages)(`%s is at most ${PAGE_BUDGET / KB} KB gzipped`, (path) => {
      const size = gzipSize(site.page(path));
      expect(size).toBeGreaterThan(500);
      expect(size).toBeLessThanOrEqual(PAGE_BUDGET);
    });

    it(`all CSS files in dist/ together are at most ${CSS_BUDGET / KB} KB gzipped`, () => {
      const css = site.files().filter((file) => file.endsWith('.css'));
      // The site's own stylesheet is among them.
      expect(css.some((file) => file.startsWith('_astro/'))).toBe(true);
      const sizes = css.map((file) => ({ file, gzip: gzipSize(readFileSync(site.path(file))) }));
      const total = sizes.reduce((sum, entry) => sum + entry.gzip, 0);
      expect(total, JSON.stringify(sizes)).toBeLessThanOrEqual(CSS_BUDGET);
    });

    it('every page links only stylesheets that exist in dist/', () => {
      for (const path of pages) {
        const sheets = startTags(site.page(path)).filter(
          (tag) => tag.name === 'link' && /\bstylesheet\b/i.test(tag.attrs.rel ?? ''),
        );
        expect(sheets.length, path).toBeGreaterThan(0);
        for (const sheet of sheets)
          expect(site.files(), `${path} ${sheet.attrs.href}`).toContain(sheet.attrs.href!.replace(/^\//, ''));
      }
    });
  });

  describe('JavaScript budget', () => {
    it.each(pages)('%s runs no JavaScript beyond what it is allowed', (path) => {
      const html = site.page(path);
      const all = scripts(html).filter((script) => isExecutable(script.attrs));
      const isSearch = path === SEARCH_PAGE;
      const searchModules = all.filter((script) => isSearch && script.attrs.type === 'module');
      const others = all.filter((script) => !searchModules.includes(script));

      // (b) Only the search page loads a module script, and it has exactly one.
      if (isSearch) expect(searchModules).toHaveLength(1);

      // (a) Every other script is inline and belongs to 长者模式.
      for (const script of others) {
        expect(script.attrs.src, `${path}: external script`).toBeUndefined();
        expect(script.source, `${path}: inline script that is not 长者模式`).toMatch(/elder/);
      }
      // Every page offers 长者模式, so every page has its script.
      expect(others.length).toBeGreaterThanOrEqual(1);
      const inline = others.map((script) => script.source).join('\n');
      expect(gzipSize(inline)).toBeLessThanOrEqual(INLINE_SCRIPT_BUDGET);

      // No other ways to run or preload JavaScript.
      for (const tag of startTags(html)) {
        const handlers = Object.keys(tag.attrs).filter((name) => /^on[a-z]+$/.test(name));
        expect(handlers, `${path}: <${tag.name}> event handler attributes`).toEqual([]);
        if (tag.name === 'link') {
          const rel = (tag.attrs.rel ?? '').toLowerCase();
          const preloadsScript =
            rel.includes('modulepreload') || (rel.includes('preload') && tag.attrs.as === 'script');
          expect(preloadsScript && !isSearch, `${path}: <link rel="${rel}"> preloads a script`).toBe(false);
        }
        for (const name of ['href', 'src', 'action']) {
          expect(tag.attrs[name] ?? '', `${path}: javascript: URL`).not.toMatch(/^\s*javascript:/i);
        }
      }
    });

    it('the search page keeps its module script small', () => {
      const module = scripts(site.page(SEARCH_PAGE)).find((script) => script.attrs.type === 'module')!;
      const entry = module.attrs.src ? readFileSync(site.path(module.attrs.src), 'utf8') : module.source;
      // The script is a file that imports its code (so that it is not inlined, see src/pages/search.astro): the
      // bundle's own chunks it imports count too.
      const chunks = [...entry.matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)].map((match) => `_astro/${match[1]}`);
      const source = [entry, ...chunks.map((chunk) => readFileSync(site.path(chunk), 'utf8'))].join('\n');
      // The page's own code only (Pagefind itself is fetched when a search runs): a cap of our own,
      // well under Starlight's 27 KB JavaScript budget.
      expect(source).toContain('/pagefind/pagefind.js');
      expect(gzipSize(source)).toBeLessThanOrEqual(10 * KB);
    });
  });
});
