import { readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { headerRules, renderHeadersFile } from '../lib/server-config.ts';

/**
 * Writes `_headers` into a built site: the site's response headers (src/config/http-headers.ts) in the format
 * static hosts such as Cloudflare Pages and Netlify read, with cache rules made from the files the build wrote.
 * Runs after Pagefind, so the search index's folder is covered. nginx uses deploy/nginx.conf instead.
 * @param site the built site's folder
 */
export async function writeHeadersFile(site: string): Promise<void> {
  const files = (await readdir(site, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(site, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  await writeFile(join(site, '_headers'), renderHeadersFile(headerRules(files)));
}
