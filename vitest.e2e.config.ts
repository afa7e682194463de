import { defineConfig } from 'vitest/config';

// The browser end-to-end suite: the built renderer, the real preview process, Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    env: { BOEX_CHECK_OUTPUT: '1' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
