import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Browser tests against a production build (`next build`, then `next start`). `npm run test:e2e`
// (scripts/test.ts) starts Postgres, migrates, seeds, builds and starts the server, then passes BASE_URL
// and DATABASE_URL. Without BASE_URL this config starts `next start` itself on an existing build.

const port = Number(process.env.E2E_PORT ?? 3107);
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;

// Debian's Chromium where Playwright cannot download its own (offline machines, CI images); Playwright's
// bundled browser otherwise.
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = fs.existsSync(chromiumPath) ? chromiumPath : undefined;

export default defineConfig({
  testDir: "e2e",
  // Separate runs (the test script, a developer's) must not delete each other's traces.
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: process.env.BASE_URL
    ? undefined
    : {
        command: `npx next start -p ${port} -H 127.0.0.1`,
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        env: { NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: baseURL },
      },
});
