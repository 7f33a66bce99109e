/**
 * The site's public address for the scripts that build for publishing (`npm run build:production`,
 * `npm run publish`): `requireSiteUrl(process.env)` returns SITE_URL checked, or throws a SiteUrlError whose message
 * says in Chinese what to set. The module lives in src/ because astro.config.mjs uses it too.
 */
export { LOCAL_SITE_URL, parseSiteUrl, requireSiteUrl, SiteUrlError, siteUrlForBuild } from '../../src/lib/site-url.ts';
