/**
 * Vitest global setup for the built-site and browser tiers: builds the fixture site, the project's site and the
 * site without samples, each only when its inputs changed since its last build, before any test file starts.
 */
import { ensureSite, SITE_NAMES } from '../helpers/sites.ts';

export default async function setup(): Promise<void> {
  await Promise.all(SITE_NAMES.map((name) => ensureSite(name)));
}
