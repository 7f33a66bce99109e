import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
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
 * Indexes the built site with Pagefind after every build, so search never lags the content.
 * Only elements marked `data-pagefind-body` (each page's <main>) are indexed. Any Pagefind error fails the build.
 */
export function pagefind(): AstroIntegration {
  return {
    name: 'pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefindApi.createIndex({});
        if (!index || errors.length > 0) throw new Error(`Pagefind 无法创建索引：${errors.join('；')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length > 0) throw new Error(`Pagefind 索引出错：${added.errors.join('；')}`);
        if (added.page_count === 0)
          throw new Error('Pagefind 没有索引到任何页面：页面的 <main> 应带有 data-pagefind-body。');
        const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
        if (written.errors.length > 0) throw new Error(`Pagefind 写入索引出错：${written.errors.join('；')}`);
        await pagefindApi.close();
        // The site has its own search page; Pagefind's ready-made UI bundles would only be dead weight.
        await Promise.all(UNUSED_UI_FILES.map((file) => rm(new URL(`pagefind/${file}`, dir), { force: true })));
        logger.info(`Pagefind 已索引 ${added.page_count} 个页面`);
      },
    },
  };
}
