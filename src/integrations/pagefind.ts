import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefindApi from 'pagefind';

const UNUSED_UI_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

/**
 * Indexes a built site with Pagefind into its pagefind/ folder. Only pages with an element marked
 * `data-pagefind-body` are indexed (a content page's <main>). Any Pagefind error throws.
 * @param site the built site's folder
 * @returns how many HTML pages Pagefind read, and how many of them it indexed (one excerpt file each)
 */
export async function indexSite(site: string): Promise<{ read: number; indexed: number }> {
  const { index, errors } = await pagefindApi.createIndex({});
  if (!index || errors.length > 0) throw new Error(`Pagefind 无法创建索引：${errors.join('；')}`);
  const added = await index.addDirectory({ path: site });
  if (added.errors.length > 0) throw new Error(`Pagefind 索引出错：${added.errors.join('；')}`);
  if (added.page_count === 0) throw new Error('Pagefind 没有索引到任何页面：页面的 <main> 应带有 data-pagefind-body。');
  const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`Pagefind 写入索引出错：${written.errors.join('；')}`);
  await pagefindApi.close();
  // The site has its own search page; Pagefind's ready-made UI bundles would only be dead weight.
  await Promise.all(UNUSED_UI_FILES.map((file) => rm(join(site, 'pagefind', file), { force: true })));
  return { read: added.page_count, indexed: (await readdir(join(site, 'pagefind', 'fragment'))).length };
}
