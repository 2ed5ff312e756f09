// Which lake migrations run: the applied ones must be a prefix of the list with unchanged checksums.
import { describe, expect, it } from "vitest";
import { LakeMigrationError, migrationChecksum, pendingLakeMigrations } from "./apply-migrations";
import { lakeTables } from "./lake-tables";
import { lakeMigrations } from "./migrations";
import { noRecords } from "./migrations/types";

const target = { database: "ENGAGEMENT_LAKE_US", region: "AWS_US_EAST_1" };
const record = (i: number) => ({
  version: lakeMigrations[i].version,
  name: lakeMigrations[i].name,
  checksum: migrationChecksum(lakeMigrations[i], target),
});

describe("pending lake migrations", () => {
  // Numbers are reserved per branch (COMMON: 4 = dataset roles, 5 = pipeline), so a branch may skip one.
  it("are numbered from 1 in strictly increasing order with unique names", () => {
    const versions = lakeMigrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1])).toBe(true);
    expect(new Set(lakeMigrations.map((m) => m.name)).size).toBe(lakeMigrations.length);
  });

  it("are all of them on a new lake, the rest after a prefix, none when up to date", () => {
    const all = lakeMigrations.map((m) => m.version);
    const applied = (n: number) => lakeMigrations.slice(0, n).map((_, i) => record(i));
    expect(pendingLakeMigrations([], target).map((m) => m.version)).toEqual(all);
    expect(pendingLakeMigrations(applied(1), target).map((m) => m.version)).toEqual(all.slice(1));
    expect(pendingLakeMigrations(applied(2), target).map((m) => m.version)).toEqual(all.slice(2));
    expect(pendingLakeMigrations(applied(all.length), target)).toEqual([]);
  });

  it("refuse an edited migration, an unknown one and a gap", () => {
    expect(() => pendingLakeMigrations([{ ...record(0), checksum: "0".repeat(64) }], target)).toThrow(
      /changed after it was applied/,
    );
    expect(() =>
      pendingLakeMigrations([record(0), { version: 99, name: "future", checksum: "0".repeat(64) }], target),
    ).toThrow(LakeMigrationError);
    expect(() => pendingLakeMigrations([record(1)], target)).toThrow(/skips lake migration 1/);
  });

  it("checksum the schema statements for this lake, not the backfilled data", () => {
    const boundary = lakeMigrations[1];
    expect(migrationChecksum(boundary, target)).toMatch(/^[0-9a-f]{64}$/);
    expect(migrationChecksum(boundary, target)).not.toBe(
      migrationChecksum(boundary, { ...target, database: "OTHER_LAKE" }),
    );
    // The backfill adds bound UPDATEs only; share names never appear in the SQL text.
    const withData = boundary.statements(target, { piiShareNames: ["FLOE_ACME_X", "FLOE_ACME_Y"] });
    const backfill = withData.filter((s) => s.binds.length > 0);
    expect(backfill.map((s) => s.binds)).toEqual([["FLOE_ACME_X", "FLOE_ACME_Y"]]);
    expect(withData.map((s) => s.text).join("\n")).not.toContain("FLOE_ACME_X");
    expect(withData.length).toBe(boundary.statements(target, noRecords).length + 1);
  });

  it("put the PII backfill before any view switches to the policies, so a live PII share never reads an empty _ALL view", () => {
    const texts = lakeMigrations[1].statements(target, { piiShareNames: ["FLOE_ACME_X"] }).map((s) => s.text);
    const backfill = texts.findIndex((t) => t.startsWith("UPDATE") && t.includes("INCLUDES_PII = TRUE"));
    const firstView = texts.findIndex((t) => t.startsWith("CREATE OR REPLACE SECURE VIEW"));
    expect(backfill).toBeGreaterThan(-1);
    expect(backfill).toBeLessThan(firstView);
  });

  it("migration 3 recreates every view with its columns' catalog descriptions as COMMENTs, keeping policy and grants", () => {
    const texts = lakeMigrations[2].statements(target, noRecords).map((s) => s.text);
    expect(texts.length).toBe(lakeTables().length * 2);
    for (const text of texts) {
      expect(text).toMatch(
        /^CREATE OR REPLACE SECURE VIEW .* ROW ACCESS POLICY .* ON \(APP_GROUP_ID\) COPY GRANTS COMMENT = /,
      );
    }
    const send = texts.find((t) => t.includes('"USERS_MESSAGES_EMAIL_SEND_SHARED_ALL" ('))!;
    expect(send).toContain(
      `"TIME" COMMENT 'When the email was sent, as a Unix epoch timestamp in seconds (UTC). Convert with TO_TIMESTAMP(TIME).'`,
    );
    expect(send).toContain(`"GENDER" COMMENT 'The user''s gender`); // quotes doubled by sqlStringLiteral
  });
});
