import { readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headerRules, renderHeadersFile } from '../lib/server-config.ts';

/**
 * Writes dist/_headers after the build: the site's response headers (src/config/http-headers.ts) in the format
 * static hosts such as Cloudflare Pages and Netlify read, with cache rules made from the files the build wrote.
 * Runs after Pagefind, so the search index's folder is covered. nginx uses deploy/nginx.conf instead.
 */
export function headersFile(): AstroIntegration {
  return {
    name: 'headers-file',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const files = (await readdir(root, { recursive: true, withFileTypes: true }))
          .filter((entry) => entry.isFile())
          .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
          .sort();
        await writeFile(join(root, '_headers'), renderHeadersFile(headerRules(files)));
      },
    },
  };
}
