// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { editor } from './src/integrations/editor/index.ts';
import { contentChunking } from './src/integrations/content-chunk.ts';
import { finishSiteAfterBuild } from './src/integrations/finish-site.ts';
import { onBuildLog } from './src/integrations/head-inject-directive.ts';
import { sitemapXml } from './src/integrations/sitemap-xml.ts';
import { siteUrlForBuild } from './src/lib/site-url.ts';

export default defineConfig({
  // The public address from SITE_URL (checked); without it, a local build at http://127.0.0.1:4321. Publishing
  // (`npm run build:production`, `npm run publish`) requires SITE_URL: see src/lib/site-url.ts and docs/deploy.md.
  site: siteUrlForBuild(process.env),
  trailingSlash: 'always',
  // Never inline CSS into pages: the Content-Security-Policy (src/config/http-headers.ts) allows no inline style.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Keep the whitespace authors write between inline elements: Chinese and Latin text mix.
  compressHTML: true,
  // Last: the search index, _headers and the precompressed copies are made from the built pages (and sitemap.xml).
  integrations: [mdx(), editor(), sitemapXml(), finishSiteAfterBuild()],
  vite: {
    plugins: [tailwindcss()],
    build: {
      rolldownOptions: {
        onLog: onBuildLog,
        output: { codeSplitting: contentChunking(new URL('./', import.meta.url)) },
      },
    },
  },
  devToolbar: { enabled: false },
});
