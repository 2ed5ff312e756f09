import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit and database tests. Browser tests live in e2e/ and run under Playwright.
// Database tests get a throwaway PostgreSQL from scripts/test.ts (or DATABASE_URL) through globalSetup.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    globalSetup: ["lib/testing/test-db.ts"],
    server: { deps: { inline: ["server-only"] } },
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
  },
});
