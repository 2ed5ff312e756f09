// The shape of one lake migration. A migration is a numbered list of idempotent statements for one lake
// database; Floe applies the ones a provider account has not recorded yet (lib/lake/migrate-lakes.ts).
import type { DeclaredSchemaChange } from "@/lib/schema-changes/policy";
import type { Sql } from "@/lib/snowflake/sql-identifiers";

/** The lake a migration runs in. */
export type LakeTarget = { database: string; region: string };

/** What Floe's records (Postgres) tell a migration's data backfill about this lake. */
export type LakeRecords = {
  /** Names of the shares whose request includes PII (ShareRequest.includePii), entitlement rows in this lake. */
  piiShareNames: string[];
};

export const noRecords: LakeRecords = { piiShareNames: [] };

export type LakeMigration = {
  version: number;
  /** Lower-case, `-` separated; recorded with the version. */
  name: string;
  /** One sentence for `npm run lake:migrate`'s output and the README. */
  summary: string;
  /**
   * The statements, in order. Each must be safe to run again (IF NOT EXISTS, OR REPLACE … COPY GRANTS,
   * updates that converge). Data from `records` goes in as binds only; the checksum is taken over the
   * statements for `noRecords`, so the schema part is what it guards.
   */
  statements(target: LakeTarget, records: LakeRecords): Sql[];
  /**
   * The column changes this migration makes to shared views (docs/schema-change-policy.md). lake:migrate
   * announces them to the affected brands and refuses a breaking one until its deprecation window has passed.
   */
  schemaChanges?: readonly DeclaredSchemaChange[];
};
