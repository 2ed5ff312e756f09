import "server-only";
// `npm run lake:migrate`: applies the pending lake migrations to every lake-hosting provider account, in
// version order, through Floe's provider executors (snowflake-sdk pools), and records each one in Postgres
// (LakeMigration) once all its statements succeeded. A failed statement stops that account's run: the
// statements are idempotent, so the next run repeats the migration from its start.
//
// Replica accounts are not migrated: a secondary database is read-only and receives every object of its
// primary (tables, views, policies) with the next replication refresh. After migrating a lake this
// refreshes the replicas Floe created for it, so cross-region shares see the change without waiting.
import { db } from "@/lib/db";
import { evaluateExpectation } from "@/lib/provisioning/plan-checks";
import type { Executors } from "@/lib/provisioning/runtime-types";
import { loadProviderAccounts, type ProviderAccountRow } from "@/lib/provisioning/provider-accounts";
import { gateLakeMigration, recordApplied } from "@/lib/schema-changes/announce";
import { replicationGroupNameFor } from "@/lib/snowflake/object-names";
import { appNow } from "@/lib/time/clock";
import { quoteIdent, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import { applyLakeMigration, migrationChecksum, pendingLakeMigrations } from "./apply-migrations";
import { lakeMigrations } from "./migrations";
import type { LakeMigration, LakeRecords, LakeTarget } from "./migrations/types";

export type LakeMigrationReport = {
  lakes: {
    account: string;
    database: string;
    applied: { version: number; name: string; statements: number; durationMs: number }[];
    upToDate: boolean;
  }[];
  replicas: { account: string; database: string; group: string; refreshed: boolean; detail: string }[];
};

const label = (a: ProviderAccountRow) => `${a.organizationName}.${a.accountName}`;

/** What Postgres knows that a migration's backfill needs for this lake: the PII shares of its region. */
export async function lakeRecordsFor(account: { region: string }): Promise<LakeRecords> {
  const shares = await db.share.findMany({
    where: { request: { includePii: true, lakeRegion: account.region } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return { piiShareNames: shares.map((s) => s.name) };
}

export async function migrateLakes(options: {
  executors: Executors;
  log?: (line: string) => void;
  /** The migrations to bring lakes up to (default all); tests build a lake at an earlier version with a prefix. */
  migrations?: readonly LakeMigration[];
}): Promise<LakeMigrationReport> {
  const log = options.log ?? (() => {});
  const accounts = await loadProviderAccounts();
  const report: LakeMigrationReport = { lakes: [], replicas: [] };
  for (const account of accounts) {
    if (!account.hostsLake || !account.lakeDatabase) continue;
    const target: LakeTarget = { database: account.lakeDatabase, region: account.region };
    const applied = await db.lakeMigration.findMany({
      where: { providerAccountId: account.id },
      select: { version: true, name: true, checksum: true },
      orderBy: { version: "asc" },
    });
    const pending = pendingLakeMigrations(applied, target, options.migrations ?? lakeMigrations);
    const entry: LakeMigrationReport["lakes"][number] = {
      account: label(account),
      database: target.database,
      applied: [],
      upToDate: pending.length === 0,
    };
    report.lakes.push(entry);
    if (pending.length === 0) {
      log(`${label(account)} ${target.database}: up to date (version ${applied.at(-1)?.version ?? 0})`);
      continue;
    }
    const executor = await options.executors.forAccount(account.id);
    for (const migration of pending) {
      // Declared column changes of shared views: announced to brands; a breaking one waits out its window.
      await gateLakeMigration(migration, appNow());
      const started = Date.now();
      // Read just before running, so shares made by a worker meanwhile are in the backfill.
      const records = await lakeRecordsFor(account);
      const statements = await applyLakeMigration(executor, migration, target, records);
      const durationMs = Date.now() - started;
      await db.lakeMigration.createMany({
        data: [
          {
            providerAccountId: account.id,
            lakeDatabase: target.database,
            version: migration.version,
            name: migration.name,
            checksum: migrationChecksum(migration, target),
            durationMs,
          },
        ],
        skipDuplicates: true, // another lake:migrate finished the same migration first: same statements, same result
      });
      await recordApplied(migration, appNow());
      entry.applied.push({ version: migration.version, name: migration.name, statements, durationMs });
      log(
        `${label(account)} ${target.database}: applied ${migration.version} ${migration.name} (${statements} statements, ${durationMs} ms)`,
      );
    }
  }
  const migrated = new Set(report.lakes.filter((l) => l.applied.length > 0).map((l) => l.database));
  await refreshReplicas(options.executors, accounts, migrated, report, log);
  return report;
}

/**
 * For every lake migrated in this run and every other-region account with a Floe replication group of it
 * (FLOE_RG_<LAKE>_TO_<REGION>): refresh it on the target now. No group means no replica there yet; it will
 * be created with the lake's current objects when the first cross-region share needs it. (If a refresh
 * here fails, the group's schedule delivers the objects within its interval.)
 */
async function refreshReplicas(
  executors: Executors,
  accounts: ProviderAccountRow[],
  migrated: Set<string>,
  report: LakeMigrationReport,
  log: (line: string) => void,
) {
  const lakes = accounts.filter((a) => a.hostsLake && a.lakeDatabase && migrated.has(a.lakeDatabase));
  for (const target of accounts) {
    for (const lake of lakes) {
      if (lake.id === target.id) continue;
      const group = replicationGroupNameFor({ lakeDatabase: lake.lakeDatabase!, targetRegion: target.region });
      const executor = await executors.forAccount(target.id);
      const { rows } = await executor.run(sql`SHOW REPLICATION GROUPS LIKE ${sqlStringLiteral(group)}`.toStatement());
      // The same reading of SHOW REPLICATION GROUPS as the provisioning step that created the replica.
      if (
        !evaluateExpectation(
          { kind: "replication-group-exists", groupName: group, isPrimary: false, accountName: target.accountName },
          rows,
        )
      )
        continue;
      await executor.run(sql`ALTER REPLICATION GROUP ${quoteIdent(group)} REFRESH`.toStatement());
      const detail = `secondary ${lake.lakeDatabase} in ${label(target)} is read-only; refreshed from ${label(lake)} through ${group}`;
      report.replicas.push({ account: label(target), database: lake.lakeDatabase!, group, refreshed: true, detail });
      log(detail);
    }
  }
}
