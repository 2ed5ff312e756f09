// The published schema-change policy (docs/schema-change-policy.md) as code: how a declared change of a shared
// view's column is classified, and when a change may be applied. Pure.
import type { SchemaChangeClassification, SchemaChangeKind } from "@/lib/generated/prisma/enums";

/** A column change of a shared view that a lake migration declares (LakeMigration.schemaChanges). */
export type DeclaredSchemaChange = {
  datasetKey: string;
  /** The catalog table name (= the plain secure view in SHARED). */
  view: string;
  /** True when only the `_ALL` view changes (a PII column): only shares with PII are affected. */
  piiViewOnly?: boolean;
  column: string;
  kind: SchemaChangeKind;
  /** One sentence for the brands: what changes and what to do. */
  description: string;
};

/** Days a breaking change is announced before it may be applied. */
export const DEPRECATION_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Adding a column is additive: `SELECT col, …` keeps working (only `SELECT *` gains a column). Removing,
 * renaming or changing a column's type breaks queries, views and loaders that name it: breaking.
 */
export function classifyChange(kind: SchemaChangeKind): SchemaChangeClassification {
  return kind === "ADD_COLUMN" ? "ADDITIVE" : "BREAKING";
}

/** When a change announced at `announcedAt` may be applied. */
export function effectiveFrom(classification: SchemaChangeClassification, announcedAt: Date): Date {
  return classification === "BREAKING"
    ? new Date(announcedAt.getTime() + DEPRECATION_WINDOW_DAYS * DAY_MS)
    : announcedAt;
}

export const kindLabel: Record<SchemaChangeKind, string> = {
  ADD_COLUMN: "column added",
  REMOVE_COLUMN: "column removed",
  CHANGE_TYPE: "column type changed",
  RENAME_COLUMN: "column renamed",
};
