// Applying lake migrations through any statement port: Floe's provider executors (lake:migrate) or the
// emulator's engine (its demo seed), so the lake a vendor builds on Snowflake and the one the tests run
// against come from the same statements. Which versions a lake has is the caller's business
// (Postgres for Floe, nothing for a fresh emulator seed). Pure apart from hashing.
import { createHash } from "node:crypto";
import type { Statement } from "@/lib/snowflake/sql-identifiers";
import { lakeMigrations } from "./migrations";
import { noRecords, type LakeMigration, type LakeRecords, type LakeTarget } from "./migrations/types";

export type LakeStatementPort = { run(statement: Statement): Promise<unknown> };
export type AppliedLakeMigration = { version: number; name: string; checksum: string };

export class LakeMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LakeMigrationError";
  }
}

/** SHA-256 of the migration's statements for this lake without data (see LakeMigration.statements). */
export function migrationChecksum(migration: LakeMigration, target: LakeTarget): string {
  const hash = createHash("sha256");
  for (const s of migration.statements(target, noRecords)) hash.update(s.text).update("\u0000");
  return hash.digest("hex");
}

/**
 * The migrations still to apply, after checking the applied ones are a prefix of the list with unchanged
 * checksums (an edited or unknown migration stops everything: the lake may not be what the code expects).
 */
export function pendingLakeMigrations(
  applied: AppliedLakeMigration[],
  target: LakeTarget,
  migrations: readonly LakeMigration[] = lakeMigrations,
): LakeMigration[] {
  const byVersion = new Map(applied.map((a) => [a.version, a]));
  for (const a of applied) {
    const known = migrations.find((m) => m.version === a.version);
    if (!known)
      throw new LakeMigrationError(
        `${target.database} has lake migration ${a.version} (${a.name}) recorded, which this version of Floe does not know.`,
      );
    if (migrationChecksum(known, target) !== a.checksum) {
      throw new LakeMigrationError(
        `Lake migration ${a.version} (${a.name}) changed after it was applied to ${target.database}. Restore it and add the change as a new migration.`,
      );
    }
  }
  const pending = migrations.filter((m) => !byVersion.has(m.version));
  const gap = pending.find((m) => applied.some((a) => a.version > m.version));
  if (gap)
    throw new LakeMigrationError(
      `${target.database} skips lake migration ${gap.version} (${gap.name}) but has later ones recorded.`,
    );
  return pending;
}

/** Runs one migration's statements in order; returns how many ran. */
export async function applyLakeMigration(
  port: LakeStatementPort,
  migration: LakeMigration,
  target: LakeTarget,
  records: LakeRecords = noRecords,
): Promise<number> {
  const statements = migration.statements(target, records);
  for (const s of statements) await port.run(s.toStatement());
  return statements.length;
}
