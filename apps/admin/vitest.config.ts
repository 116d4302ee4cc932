import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Unit tests that need no browser (test/); the browser tests are Playwright's (e2e/). */
export default defineConfig({
  // The same `@/` as tsconfig.json's paths.
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
