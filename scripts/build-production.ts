/**
 * `npm run build:production`: `npm run build` (into dist/, see scripts/build.ts) for a site that will be published
 * by copying dist/ elsewhere (docs/deploy.md). SITE_URL must be set to the site's public https address, which the
 * feeds, sitemap.xml, robots.txt, the .ics files and security.txt carry; without it the build stops with a Chinese
 * message before starting. `npm run build` and `npm start` stay local builds; `npm run publish` checks SITE_URL too.
 */
import { main } from './build.ts';
import { requireSiteUrl, SiteUrlError } from './lib/site-url.ts';

try {
  process.env.SITE_URL = requireSiteUrl(process.env);
} catch (error) {
  if (!(error instanceof SiteUrlError)) throw error;
  console.error(error.message);
  process.exit(1);
}
console.log(`正式构建：网站地址 ${process.env.SITE_URL}`);
process.exitCode = await main(process.argv.slice(2));
