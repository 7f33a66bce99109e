// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import tailwindcss from '@tailwindcss/vite';
import { pagefind } from './src/integrations/pagefind.ts';
import { sitemapXml } from './src/integrations/sitemap-xml.ts';

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Keep the whitespace authors write between inline elements: Chinese and Latin text mix.
  compressHTML: true,
  integrations: [mdx(), sitemapXml(), pagefind()],
  vite: { plugins: [tailwindcss()] },
  devToolbar: { enabled: false },
});
