import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each database suite opens its own PGlite instance or server database; migrations and the seed
    // take a few seconds on a loaded two-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
