import { defineConfig } from "vitest/config";
import path from "node:path";
import SlowFilesFirst from "./lib/testing/slow-files-first.sequencer.ts";

// Unit and database tests. Browser tests live in e2e/ and run under Playwright.
// Two projects (README, Tests):
// - "db" (the default for every test file): gets a throwaway PostgreSQL from scripts/test.ts (or
//   DATABASE_URL) through globalSetup, which also applies the migrations and the reference data.
// - "unit": tests that need no PostgreSQL — pure functions, the emulator, schemas, the lint boundaries.
//   They start at once, without the database boot. A file joins by its name (`*.unit.test.ts`), by living
//   in emulator/ (the emulator never uses PostgreSQL), or by being listed below. `npm test` runs this
//   project with DATABASE_URL unset, so a wrong entry that reaches the database fails instead of passing.
const unitTestFiles = [
  "lib/actions/nul-characters.test.ts",
  "lib/auth/callback-url.test.ts",
  "lib/auth/roles.test.ts",
  "lib/catalog/data-dictionary-format.test.ts",
  "lib/catalog/display-type.test.ts",
  "lib/catalog/mask-pii.test.ts",
  "lib/config.test.ts",
  "lib/console/queue-filters.test.ts",
  "lib/console/run-status.test.ts",
  "lib/csv.test.ts",
  "lib/lake/apply-migrations.test.ts",
  "lib/logger.test.ts",
  "lib/layer-boundaries.test.ts",
  "lib/portal/describe-audit-event.test.ts",
  "lib/portal/failure-explanation.test.ts",
  "lib/portal/poll-interval.test.ts",
  "lib/portal/region-helpers.test.ts",
  "lib/portal/share-request.schema.test.ts",
  "lib/provisioning/describe-plan.test.ts",
  "lib/provisioning/plan-checks.test.ts",
  "lib/provisioning/plan-proof.test.ts",
  "lib/provisioning/plan-revoke.test.ts",
  "lib/provisioning/plan-sql-safety.test.ts",
  "lib/provisioning/plan.test.ts",
  "lib/provisioning/stored-plan.test.ts",
  "lib/requests/account-proof-code.test.ts",
  "lib/requests/request-state-writers.test.ts",
  "lib/requests/state-machine.test.ts",
  "lib/secrets/secret-ref.test.ts",
  "lib/security/security-headers.test.ts",
  "lib/setup/start-plan.test.ts",
  "lib/snowflake/account-identifier.test.ts",
  "lib/snowflake/client.test.ts",
  "lib/snowflake/connection-pool.test.ts",
  "lib/snowflake/hostile-inputs.test.ts",
  "lib/snowflake/object-names.test.ts",
  "lib/snowflake/pasted-account-details.test.ts",
  "lib/snowflake/regions.test.ts",
  "lib/snowflake/sql-identifiers.test.ts",
  "reliability/setup-input.test.ts",
];
const unitTests = ["**/*.unit.test.ts", "emulator/**/*.test.ts", ...unitTestFiles];
// FLOE_DB_TEST_WORKERS overrides the db project's worker count (e.g. 1 to run its files one at a time).
const dbWorkers = Number(process.env.FLOE_DB_TEST_WORKERS ?? 2);
// One seeded emulator store per kind of seed and run, copied by every later start instead of seeding again.
const emulatorTemplates = "emulator/testing/seeded-store-templates.global-setup.ts";
const exclude = ["**/node_modules/**", "e2e/**", ".next/**", ".next-*/**", ".data/**"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The slowest files start first (their durations from a clean-clone run): no long file left for the end.
    sequence: { sequencer: SlowFilesFirst },
    // snowflake-sdk's bundled AWS SDK warns about Node < 22 in every file (lib/snowflake/aws-sdk-node-warning.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    server: { deps: { inline: ["server-only"] } },
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: unitTests,
          exclude,
          globalSetup: [emulatorTemplates],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["**/*.test.ts"],
          exclude: [...exclude, ...unitTests],
          globalSetup: ["lib/testing/test-db.ts", emulatorTemplates],
          // Each file gets its own copy of the migrated, seeded database (lib/testing/file-database.ts),
          // so files run in parallel: two at a time by default, one per core, with the unit project's
          // process beside them. A group of its own: vitest runs projects with different worker counts
          // one after the other.
          setupFiles: ["lib/testing/file-database.setup.ts"],
          maxWorkers: dbWorkers,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
