import { defineConfig } from '@playwright/test';
import { currentEnvironment, findBrowser } from './scripts/ensure-browser';

/**
 * End-to-end tests against the real API (fresh embedded database) and the production build of the
 * admin app, both started by e2e/global-setup.ts. The Chromium that scripts/ensure-browser.ts made
 * sure of before `playwright test` (CHROMIUM_PATH, Debian's, or Playwright's own); one worker (the
 * scenarios share one database and follow each other: evidence → review → compute → publish →
 * public page).
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 15_000,
    navigationTimeout: 45_000,
    launchOptions: {
      executablePath: findBrowser(currentEnvironment()),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
