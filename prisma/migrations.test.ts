// The migrations and prisma/schema.prisma must describe the same database. Applies every migration to one
// empty database and Prisma's from-empty SQL for the current schema to another, then compares catalogs.
// Hand-written parts Prisma does not model (CHECK constraints, the audit trigger, partial indexes, composite
// foreign keys added by hand) are compared separately.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../scripts/lib/postgres";
import { migrateDeploy, runPrisma } from "../scripts/lib/prisma-cli";

const baseUrl = process.env.DATABASE_URL!;
const suffix = randomBytes(3).toString("hex");
let migrated: pg.Client;
let fromSchema: pg.Client;

beforeAll(async () => {
  const migratedUrl = await createDatabase(baseUrl, `drift_migrations_${suffix}`);
  const fromSchemaUrl = await createDatabase(baseUrl, `drift_schema_${suffix}`);
  await migrateDeploy(migratedUrl);
  const sql = await runPrisma(
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    fromSchemaUrl,
    { quiet: true },
  );
  migrated = new pg.Client({ connectionString: migratedUrl });
  fromSchema = new pg.Client({ connectionString: fromSchemaUrl });
  await Promise.all([migrated.connect(), fromSchema.connect()]);
  await fromSchema.query(sql);
});

afterAll(async () => {
  await Promise.all([migrated?.end(), fromSchema?.end()]);
});

const catalogQueries: Record<string, string> = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY table_name, column_name`,
  constraints: `SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
                FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u') AND c.conrelid::regclass::text <> '_prisma_migrations'
                ORDER BY 1, 2`,
  // Partial indexes (… WHERE …) are hand-written (Prisma cannot model them); they are checked below.
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexdef NOT LIKE '% WHERE %' ORDER BY 1, 2`,
  // The labels' order, not enumsortorder itself: ALTER TYPE … ADD VALUE … AFTER gives fractional sort keys.
  enums: `SELECT t.typname, e.enumlabel, (rank() OVER (PARTITION BY t.typname ORDER BY e.enumsortorder))::int AS position FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY 1, 3`,
};

describe("migrations agree with schema.prisma", () => {
  for (const [name, query] of Object.entries(catalogQueries)) {
    it(`same ${name}`, async () => {
      const [a, b] = await Promise.all([migrated.query(query), fromSchema.query(query)]);
      expect(a.rows.length).toBeGreaterThan(0);
      expect(a.rows).toEqual(b.rows);
    });
  }

  it("the hand-written migration adds its CHECK constraints and the append-only audit trigger", async () => {
    const checks = await migrated.query(
      `SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 1`,
    );
    expect(checks.rows.map((r) => r.conname)).toEqual(
      expect.arrayContaining([
        "ShareRequest_consumer_account_format",
        "ShareRequest_decision_recorded",
        "AuditEvent_actor_consistent",
        "Share_name_format",
      ]),
    );
    const triggers = await migrated.query(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY 1`,
    );
    // …and the live-status notification (20261201120000_request_status_notify).
    expect(triggers.rows.map((r) => r.tgname)).toEqual([
      "AuditEvent_refuse_truncate",
      "AuditEvent_refuse_update_delete",
      "AuditEvent_request_notify",
    ]);
  });

  it("the hand-written partial indexes exist (one unresolved pipeline alert per rule and subject, one open delay notice per share)", async () => {
    const partial = await migrated.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% WHERE %' ORDER BY 1`,
    );
    expect(partial.rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(["PipelineAlert_one_open_per_subject", "ShareDelayNotice_one_open_per_share"]),
    );
  });
});
