// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import tailwindcss from '@tailwindcss/vite';
import { editor } from './src/integrations/editor/index.ts';
import { contentChunking } from './src/integrations/content-chunk.ts';
import { finishSiteAfterBuild } from './src/integrations/finish-site.ts';
import { mdxSource } from './src/integrations/mdx-source.ts';
import { onBuildLog } from './src/integrations/head-inject-directive.ts';
import { publishedFiles } from './src/integrations/published-files.ts';
import { sitemapXml } from './src/integrations/sitemap-xml.ts';
import { siteUrlForBuild } from './src/lib/site-url.ts';
import { serviceAllowedHosts } from './src/lib/editor/service.ts';
import { MDX_FEATURES, mdxRulesPlugin } from './src/lib/content/mdx.ts';

export default defineConfig({
  // The public address from SITE_URL (checked); without it, a local build at http://127.0.0.1:4321. Publishing
  // (`npm run build:production`, `npm run publish`) requires SITE_URL: see src/lib/site-url.ts and docs/deploy.md.
  site: siteUrlForBuild(process.env),
  trailingSlash: 'always',
  // Astro's and Vite's caches in the project's own .astro/ (gitignored) rather than in node_modules/, so that a build
  // writes nothing in node_modules/, which may be shared, or belong to another account than the one publishing.
  // Where they are never changes the pages.
  cacheDir: './.astro/cache/',
  // Four pages rendered at once: while one page's files are created (slow on a disk busy with the last build's
  // deletions), the next is rendered. At 10,000 restaurants, 12,514 pages in 9–14 s instead of 17–20 s; the pages are
  // byte for byte those rendered one at a time.
  // Never inline CSS into pages: the Content-Security-Policy (src/config/http-headers.ts) allows no inline style.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // Keep the whitespace authors write between inline elements: Chinese and Latin text mix.
  compressHTML: true,
  // MDX is compiled from what the content pipeline's reader checked (mdxSource, before mdx(): the body alone, never the
  // front matter), and the compiler itself enforces the body rules (mdxRulesPlugin), with the check's features.
  // publishedFiles: no link, and only allowed files under files/, in what is built from (at the start) and in dist/
  // (at the end, before anything below reads it). Last: the search index, _headers and the precompressed copies are
  // made from the built pages (and sitemap.xml).
  integrations: [
    mdxSource(),
    mdx({
      processor: satteri({
        features: MDX_FEATURES,
        mdastPlugins: [mdxRulesPlugin(fileURLToPath(new URL('./', import.meta.url)))],
      }),
    }),
    editor(),
    publishedFiles(),
    sitemapXml(),
    finishSiteAfterBuild(),
  ],
  vite: {
    cacheDir: fileURLToPath(new URL('./.astro/vite/', import.meta.url)),
    plugins: [tailwindcss()],
    build: {
      rolldownOptions: {
        onLog: onBuildLog,
        output: { codeSplitting: contentChunking(new URL('./', import.meta.url)) },
      },
    },
  },
  // The editor service behind nginx answers to its own host name too (SHIAN_EDITOR_ORIGIN; src/lib/editor/service.ts).
  server: { allowedHosts: serviceAllowedHosts(process.env) },
  devToolbar: { enabled: false },
});
