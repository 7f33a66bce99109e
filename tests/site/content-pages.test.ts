/**
 * What holds for any valid content, on every test site: every page is reachable by following links from the home
 * page, every restaurant, issue and campaign in content/ has its page, and a section with nothing in it says so
 * plainly (暂无榜单 …) instead of showing an empty list. The site built from content/ with every 示例 sample
 * removed, as staff will before go-live, is one of the sites: it must build and pass all of this.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { readFrontMatter } from '../../src/lib/content/yaml.ts';
import { loadContent } from '../../src/lib/content/pipeline.ts';
import { findElement, startTags, textOf } from '../helpers/html.ts';
import { builtSite } from '../helpers/site.ts';
import { INVARIANT_SITES, siteDir, type SiteName } from '../helpers/sites.ts';

/** The front matter of every .mdx file in a content folder of a test site. */
function frontMatters(name: SiteName, folder: string): Array<{ id: string; data: Record<string, unknown> }> {
  const path = join(siteDir(name), 'content', folder);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => ({
      id: file.replace(/\.mdx$/, ''),
      data: (readFrontMatter(readFileSync(join(path, file), 'utf8'), file).data ?? {}) as Record<string, unknown>,
    }));
}

/** The entries of a YAML list in a test site's content/ (an empty or comment-only file has none). */
function listOf(name: SiteName, file: string): Array<Record<string, unknown>> {
  return parseYaml(readFileSync(join(siteDir(name), 'content', file), 'utf8')) ?? [];
}

describe('the site without samples', () => {
  it('was built from content/ with no 示例 left in it', () => {
    const site = builtSite('stripped');
    expect(site.exists('index.html')).toBe(true);
    const flagged = [
      ...listOf('stripped', 'restaurants.yaml').filter((entry) => entry.sample === true),
      ...['redblack', 'campaigns', 'articles'].flatMap((folder) =>
        frontMatters('stripped', folder).filter((file) => file.data.sample === true),
      ),
    ];
    expect(flagged).toEqual([]);
  });
});

describe.each(INVARIANT_SITES)('the %s site', (name) => {
  const site = builtSite(name);
  const issues = frontMatters(name, 'redblack');
  const campaigns = frontMatters(name, 'campaigns');
  const restaurants = listOf(name, 'restaurants.yaml');
  const main = (path: string) => textOf(findElement(site.page(path), (tag) => tag.name === 'main')!.inner);

  it('every page in the sitemap, and every print page, is reachable from the home page by following links', () => {
    const reached = new Set<string>(['/']);
    const queue = ['/'];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const tag of startTags(site.page(from))) {
        if (tag.name !== 'a' || !tag.attrs.href) continue;
        const url = new URL(tag.attrs.href, `http://site.invalid${from}`);
        if (url.origin !== 'http://site.invalid') continue;
        const path = decodeURIComponent(url.pathname);
        if (!path.endsWith('/') || reached.has(path) || !site.exists(`${path}index.html`)) continue;
        reached.add(path);
        queue.push(path);
      }
    }
    expect(site.contentPaths().filter((path) => !reached.has(path))).toEqual([]);
  });

  it('the route table the link checks use lists exactly the pages that were built', () => {
    const { model, problems } = loadContent(siteDir(name));
    expect(problems).toEqual([]);
    const routes = [...model.publicPaths].filter((path) => path.endsWith('/'));
    // Listing pages beyond the first (/articles/page/2/ …) are the only pages the table leaves to the page itself.
    const built = site.sitemapPaths().filter((path) => !/\/page\/\d+\/$/.test(path));
    expect([...routes].sort()).toEqual([...built].sort());
  });

  it('every restaurant, issue and campaign in content/ has its page', () => {
    const expected = [
      ...restaurants.map((restaurant) => `/restaurants/${restaurant.id}/`),
      ...issues.map((issue) => `/redblack/${issue.id}/`),
      ...campaigns.map((campaign) => `/campaign/${campaign.id}/`),
    ];
    const listed = new Set(site.sitemapPaths());
    expect(expected.filter((path) => !listed.has(path))).toEqual([]);
  });

  it('every restaurant is on exactly one page of the A–Z index, and on its town’s page', () => {
    const indexPages = site.sitemapPaths().filter((path) => path.startsWith('/restaurants/initial/'));
    const linksOf = (path: string) =>
      new Set(
        startTags(site.page(path))
          .filter((tag) => tag.name === 'a')
          .map((tag) => tag.attrs.href),
      );
    const indexLinks = indexPages.map(linksOf);
    for (const restaurant of restaurants) {
      const href = `/restaurants/${restaurant.id}/`;
      expect(indexLinks.filter((links) => links.has(href)).length, href).toBe(1);
      expect(linksOf(`/towns/${restaurant.town}/`).has(href), href).toBe(true);
    }
  });

  it('the red/black list pages say 暂无 exactly when there is nothing to list', () => {
    const none = issues.length === 0;
    expect(main('/redblack/').includes('暂无榜单'), '/redblack/').toBe(none);
    expect(main('/').includes('暂无榜单'), '/').toBe(none);
    expect(main('/restaurants/').includes('暂无上榜餐厅'), '/restaurants/').toBe(restaurants.length === 0);
    expect(main('/data/').includes('暂无记录'), '/data/').toBe(none);
    // The open data stays valid: the CSV has its header row and one row per JSON record, none when empty.
    const records = JSON.parse(site.read('data/redblack.json')).records as unknown[];
    expect(records.length === 0).toBe(none);
    const [header, ...rows] = parseCsv(site.read('data/redblack.csv').replace(/^\uFEFF/, ''));
    expect(header).toContain('期次编号');
    expect(rows.filter((row) => row.some((cell) => cell !== ''))).toHaveLength(records.length);
  });

  it('the campaign page says 暂无 exactly when there is no campaign', () => {
    expect(main('/campaign/').includes('暂无宣传周活动')).toBe(campaigns.length === 0);
  });

  it('no list or table is empty', () => {
    const empty: string[] = [];
    for (const path of site.pages()) {
      const html = site.page(path);
      for (const match of html.matchAll(/<(ul|ol|dl|tbody)\b[^>]*>\s*<\/\1>/g)) {
        // The search page's result list is filled by its script, after the search runs.
        if (!match[0].includes('id="search-results"')) empty.push(`${path}: ${match[0]}`);
      }
    }
    expect(empty).toEqual([]);
  });
});
