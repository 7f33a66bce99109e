import { defineConfig } from 'vitest/config';

/**
 * `npm run test:deploy`: the site served by a real nginx with deploy/nginx.conf (tests/deploy/). Not part of
 * `npm test` (a plain `vitest run` reads vitest.config.ts, which does not list it): it needs nginx installed, as
 * .ci/run does with Debian's packages (nginx, libnginx-mod-http-brotli-static).
 */
export default defineConfig({
  test: {
    name: 'deploy',
    environment: 'node',
    include: ['tests/deploy/**/*.test.ts'],
    // One nginx per test file; builds of the fixture site are shared with the other tiers (tests/.tmp/sites/).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
