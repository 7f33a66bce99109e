import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    // Browser tests start Chromium and walk every page; two cores are shared with the build.
    // Generous: the build tests run real builds, two at a time, beside the browser tests.
    testTimeout: 240_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
