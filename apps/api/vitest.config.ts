import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (Apollo, graphql-jit); Vite would pick its ES build for
    // our own imports. Two copies break `instanceof GraphQLError`, so tests use Node's one, as production does.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Compiles the CLI once; child-process tests run the compiled file, as production does.
    globalSetup: ['test/global-setup.ts'],
    // Each file seeds its own databases; PGlite is CPU-bound, so two at a time on two cores.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
