import { defineConfig } from 'vitest/config';

/**
 * Five tiers, each a Vitest project (`npm run test:<tier>` runs one; `npm test` runs all in one process):
 * - unit: pure logic, no build;
 * - content: content checks, the importer and real builds of broken fixture content;
 * - site: the built HTML of the fixture site, the project's site and the site without samples;
 * - browser: real Chromium on those builds;
 * - lighthouse: Lighthouse's accessibility, best practices and SEO on those builds.
 * The site, browser and lighthouse tiers share one build of each site (tests/setup/sites.ts skips a build whose
 * inputs have not changed), and the browser is unpacked from its npm package once (tests/setup/browser.ts).
 */
export default defineConfig({
  test: {
    environment: 'node',
    // Two cores: builds, servers and Chromium share them. Timeouts are for a busy machine, not for waiting.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      // The unit project's global setup watches the whole run: its teardown runs when every project has finished.
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], globalSetup: ['tests/setup/clean-tree.ts'] },
      },
      { extends: true, test: { name: 'content', include: ['tests/content/**/*.test.ts'], testTimeout: 240_000 } },
      {
        extends: true,
        test: { name: 'site', include: ['tests/site/**/*.test.ts'], globalSetup: ['tests/setup/sites.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/setup/sites.ts', 'tests/setup/browser.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'lighthouse',
          include: ['tests/lighthouse/**/*.test.ts'],
          // Beside the other tiers: what it asserts does not depend on timing (performance, which does, is measured
          // by npm run bench:lighthouse), so it no longer waits for all the others to end.
          globalSetup: ['tests/setup/sites.ts', 'tests/setup/browser.ts'],
        },
      },
    ],
  },
});
