import { defineConfig, type PlaywrightTestOptions, type PlaywrightWorkerOptions } from '@playwright/test';

/**
 * Browser tests against a real engine (global-setup.ts starts one per run). Chromium only:
 * Debian's package, since `npx playwright install` cannot download browsers here.
 * README.md in this folder says how to run them.
 */
const use: Partial<PlaywrightTestOptions & PlaywrightWorkerOptions> = {
  browserName: 'chromium',
  viewport: { width: 1280, height: 800 },
  locale: 'en-US',
  timezoneId: 'UTC',
  // Playwright adds --headless (unless `--headed`) and a fresh --user-data-dir for every launch.
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      // Without these Chromium keeps calling home, and floods the closed network.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
  trace: 'retain-on-failure',
  screenshot: 'only-on-failure',
};

export default defineConfig({
  testDir: '.',
  // jest owns *.test.ts; Playwright takes only *.spec.ts.
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './global-setup.ts',
  // One engine and 2 cores: one browser at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  projects: [
    // The setup link works once per engine: the first-run spec spends it, before any other.
    { name: 'first-run', testMatch: 'first-run.spec.ts', use },
    { name: 'chromium', testIgnore: 'first-run.spec.ts', dependencies: ['first-run'], use },
  ],
});
