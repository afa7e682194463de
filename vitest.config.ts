import { defineConfig } from 'vitest/config';

// Unit and integration suites: rules, db and services under plain Node against real register files.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    env: { BOEX_CHECK_OUTPUT: '1' },
    pool: 'forks',
  },
});
