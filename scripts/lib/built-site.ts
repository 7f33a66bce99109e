/**
 * Checks on a built site before it is served: the files every visitor and crawler needs exist, every page the
 * sitemap lists was written whole, and the search index covers the pages meant to be searched. A build that passes
 * these is complete; `npm run publish` swaps in nothing else, and `npm run rollback` returns to nothing else.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a built site must hold, apart from the pages its sitemap lists. */
export const REQUIRED_FILES = ['index.html', '404.html', 'sitemap.xml', 'robots.txt', 'pagefind/pagefind-entry.json'];

/** The attribute that marks the part of a page Pagefind indexes (src/layouts): pages without it are not indexed. */
const INDEXED = 'data-pagefind-body';

export interface BuiltSiteReport {
  /** Problems, in Chinese; empty when the site is complete. */
  problems: string[];
  /** Pages the sitemap lists. */
  pages: number;
}

/** The pathnames a sitemap.xml lists, decoded (`/articles/tags/冷藏/`). */
export function sitemapPaths(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => {
    const url = match[1]!.replaceAll('&amp;', '&').replaceAll('&lt;', '<');
    return decodeURIComponent(new URL(url).pathname);
  });
}

/** The file a page address is served from: /plan/2030/ → plan/2030/index.html, /rss.xml → rss.xml. */
export function fileOfPath(pathname: string): string {
  const relative = pathname.replace(/^\/+/, '');
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

/**
 * Whether an HTML file was written whole: a page cut off while being written lacks its closing tag. (Pages are
 * minified, so the tag ends the file, perhaps followed by a newline.)
 */
export function completeHtml(html: string): boolean {
  return /<\/html>\s*$/i.test(html);
}

/** The number of pages in a Pagefind index, from its entry file; null if the file is not a Pagefind entry. */
export function indexedPages(entryJson: string): number | null {
  try {
    const entry = JSON.parse(entryJson) as { languages?: Record<string, { page_count?: unknown }> };
    const counts = Object.values(entry.languages ?? {}).map((language) => language.page_count);
    return counts.length > 0 && counts.every((count) => typeof count === 'number')
      ? (counts as number[]).reduce((sum, count) => sum + count, 0)
      : null;
  } catch {
    return null;
  }
}

/**
 * Checks a built site in `dir`.
 * @returns every problem found, in Chinese, and the number of pages in its sitemap.
 */
export function checkBuiltSite(dir: string): BuiltSiteReport {
  const problems: string[] = [];
  const file = (relative: string) => join(dir, relative);
  const missing = REQUIRED_FILES.filter((relative) => !existsSync(file(relative)));
  for (const relative of missing) problems.push(`缺少 ${relative}。`);
  if (!existsSync(file('sitemap.xml'))) return { problems, pages: 0 };

  const xml = readFileSync(file('sitemap.xml'), 'utf8');
  if (!/<\/urlset>\s*$/.test(xml)) problems.push('sitemap.xml 不完整（缺少结尾的 </urlset>）。');
  let paths: string[];
  try {
    paths = sitemapPaths(xml);
  } catch (error) {
    problems.push(`sitemap.xml 中有无法识别的地址：${(error as Error).message}`);
    return { problems, pages: 0 };
  }
  if (paths.length === 0) problems.push('sitemap.xml 没有列出任何页面。');

  let searchable = 0;
  const pageFiles = [...new Set([...paths.map(fileOfPath), '404.html', 'index.html'])];
  for (const relative of pageFiles) {
    const path = file(relative);
    if (!existsSync(path) || !statSync(path).isFile()) {
      if (!missing.includes(relative)) problems.push(`站点地图列出的页面 ${relative} 不存在。`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    if (text.trim() === '') problems.push(`页面 ${relative} 是空文件。`);
    else if (relative.endsWith('.html') && !completeHtml(text))
      problems.push(`页面 ${relative} 不完整（没有 </html>）。`);
    if (relative.endsWith('.html') && text.includes(INDEXED)) searchable += 1;
  }

  if (existsSync(file('pagefind/pagefind-entry.json'))) {
    const indexed = indexedPages(readFileSync(file('pagefind/pagefind-entry.json'), 'utf8'));
    if (indexed === null) problems.push('搜索索引 pagefind/pagefind-entry.json 无法识别。');
    else if (indexed !== searchable)
      problems.push(
        `搜索索引收录了 ${indexed} 个页面，但站点地图的页面（含 404.html）中有 ${searchable} 个标记为可搜索` +
          `（${INDEXED}）：索引与页面不一致。`,
      );
  }
  return { problems, pages: paths.length };
}
