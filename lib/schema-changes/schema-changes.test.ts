// Issue 20, item 3: schema-change notices through `lake:migrate`'s runner (migrateLakes) against the emulator,
// under the controllable app clock. Two test migrations after the shipped ones declare column changes of the
// email dataset's shared views: an additive one (a new column on the plain view, another on the PII `_ALL` view
// only) is applied at once and mailed once to the brands with an ACTIVE share of the dataset — the PII column only
// to the brand whose share includes PII, nothing to a brand sharing another dataset; a breaking one (a column
// removed) is announced once, refused inside its 30-day window with a message saying when it may run, and applied
// after it without a second mail. The changelog read model shows each change and where it stands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { migrationChecksum } from "@/lib/lake/apply-migrations";
import { migrateLakes } from "@/lib/lake/migrate-lakes";
import { lakeMigrations } from "@/lib/lake/migrations";
import type { LakeMigration } from "@/lib/lake/migrations/types";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { qualified, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import { frozenAppClock, resetAppClock } from "@/lib/time/clock";
import { createOrganization } from "@/prisma/seed/factories";
import { schemaChangelog } from "./changelog";

const VIEW = "USERS_MESSAGES_EMAIL_SEND_SHARED";
const DAY = 86_400_000;
const T0 = new Date("2027-03-01T09:00:00Z");

/** A migration whose statement leaves a trace (a marker table), so "applied" is visible in the lake. */
function testMigration(version: number, name: string, schemaChanges: LakeMigration["schemaChanges"]): LakeMigration {
  return {
    version,
    name,
    summary: `test migration ${version}`,
    statements: (t) => [
      sql`CREATE TABLE IF NOT EXISTS ${qualified(t.database, "SHARING", `SCHEMA_CHANGE_MARKER_${version}`)} (X NUMBER)`,
    ],
    schemaChanges,
  };
}

const additive = testMigration(101, "email-send-new-columns", [
  {
    datasetKey: "messaging-email",
    view: VIEW,
    column: "SEND_CHANNEL",
    kind: "ADD_COLUMN",
    description: "Which sending channel delivered the email.",
  },
  {
    datasetKey: "messaging-email",
    view: VIEW,
    piiViewOnly: true,
    column: "EMAIL_DOMAIN",
    kind: "ADD_COLUMN",
    description: "Domain part of the address (PII view only).",
  },
]);
const breaking = testMigration(102, "email-send-drop-ip-pool", [
  {
    datasetKey: "messaging-email",
    view: VIEW,
    column: "IP_POOL",
    kind: "REMOVE_COLUMN",
    description: "IP_POOL is removed; use ESP instead.",
  },
]);

let harness: Harness;
let executors: ReturnType<typeof createProviderExecutors>;
const clock = { set: (_: Date) => {} };
type Brand = { id: string; owner: string };
let plainEmail: Brand;
let piiEmail: Brand;
let otherDataset: Brand;

/** A new brand with an ACTIVE share of `datasetKey` (the state is what the notices read; no Snowflake needed). */
async function brandWithActiveShare(datasetKey: string, includePii: boolean): Promise<Brand> {
  const { organization, workspaces, members } = await createOrganization(db, { datasetKeys: [datasetKey] });
  const { id } = await submitShareRequest({
    organizationId: organization.id,
    requestedById: members[0].id,
    workspaceIds: workspaces.map((w) => w.id),
    datasetKeys: [datasetKey],
    consumerAccount: "ACMERETAIL.ANALYTICS",
    consumerRegion: "AWS_US_EAST_1",
    includePii,
  });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  await db.shareRequest.update({ where: { id }, data: { state: "ACTIVE", decidedById: manager.id, decidedAt: T0 } });
  return { id: organization.id, owner: members[0].email };
}

const mailsTo = (brand: Brand) =>
  db.outboxEmail.findMany({
    where: { to: brand.owner, kind: { startsWith: "schema_change." } },
    orderBy: { createdAt: "asc" },
  });

async function markerExists(version: number): Promise<boolean[]> {
  const lakes = await db.providerAccount.findMany({ where: { hostsLake: true }, orderBy: { region: "asc" } });
  const out: boolean[] = [];
  for (const lake of lakes) {
    const rows = (
      await (
        await executors.forAccount(lake.id)
      ).run(
        sql`SHOW TABLES LIKE ${sqlStringLiteral(`SCHEMA_CHANGE_MARKER_${version}`)} IN SCHEMA ${qualified(lake.lakeDatabase!, "SHARING")}`.toStatement(),
      )
    ).rows;
    out.push(rows.length === 1);
  }
  return out;
}

beforeAll(async () => {
  harness = await startProvisioningHarness();
  executors = createProviderExecutors();
  // The emulator's lakes were built with every shipped migration: record them, so only the test ones are pending.
  for (const account of await db.providerAccount.findMany({ where: { hostsLake: true } })) {
    const target = { database: account.lakeDatabase!, region: account.region };
    await db.lakeMigration.createMany({
      data: lakeMigrations.map((m) => ({
        providerAccountId: account.id,
        lakeDatabase: target.database,
        version: m.version,
        name: m.name,
        checksum: migrationChecksum(m, target),
        durationMs: 0,
      })),
      skipDuplicates: true,
    });
  }
  plainEmail = await brandWithActiveShare("messaging-email", false);
  piiEmail = await brandWithActiveShare("messaging-email", true);
  otherDataset = await brandWithActiveShare("changelogs", false);
  const frozen = frozenAppClock(T0);
  clock.set = frozen.set;
}, 180_000);

afterAll(async () => {
  resetAppClock();
  await executors?.close();
  await harness?.stop();
});

describe("schema-change notices", () => {
  it("an additive change applies at once and is mailed once, only to the brands whose shares it affects", async () => {
    const report = await migrateLakes({ executors, migrations: [...lakeMigrations, additive] });
    expect(report.lakes.map((l) => l.applied.map((a) => a.version))).toEqual([[101], [101]]);
    expect(await markerExists(101)).toEqual([true, true]);

    const plain = await mailsTo(plainEmail);
    expect(plain.map((m) => [m.kind, m.subject])).toEqual([
      ["schema_change.applied", "New columns in your shared data"],
    ]);
    expect(plain[0].text).toContain(`${VIEW}.SEND_CHANNEL: column added (additive)`);
    expect(plain[0].text).not.toContain("EMAIL_DOMAIN"); // the PII view is not in this brand's share
    expect(plain[0].text).toContain("/catalog/messaging-email/changelog");
    const pii = await mailsTo(piiEmail);
    expect(pii).toHaveLength(1);
    expect(pii[0].text).toContain(`${VIEW}_ALL.EMAIL_DOMAIN: column added (additive)`);
    expect(await mailsTo(otherDataset)).toEqual([]);

    // Nothing pending: a second run sends nothing.
    await migrateLakes({ executors, migrations: [...lakeMigrations, additive] });
    expect(await mailsTo(plainEmail)).toHaveLength(1);
  }, 120_000);

  it("a breaking change is announced once, refused inside its window, and applied after it without another mail", async () => {
    const migrations = [...lakeMigrations, additive, breaking];
    clock.set(new Date(T0.getTime() + DAY));
    await expect(migrateLakes({ executors, migrations })).rejects.toThrow(
      /Lake migration 102 \(email-send-drop-ip-pool\) makes breaking changes to shared views: USERS_MESSAGES_EMAIL_SEND_SHARED\.IP_POOL \(REMOVE_COLUMN\)\. They were announced to the affected brands on 2027-03-02 and may be applied from 2027-04-01/,
    );
    expect(await markerExists(102)).toEqual([false, false]);
    expect(await db.lakeMigration.count({ where: { version: 102 } })).toBe(0);
    const announced = await mailsTo(plainEmail);
    expect(announced.map((m) => m.kind)).toEqual(["schema_change.applied", "schema_change.announced"]);
    expect(announced[1].subject).toBe("Breaking change to your shared data from 2027-04-01");
    expect(announced[1].text).toContain(`${VIEW}.IP_POOL: column removed (breaking, from 2027-04-01)`);
    expect((await mailsTo(piiEmail)).map((m) => m.kind)).toEqual(["schema_change.applied", "schema_change.announced"]);
    expect(await mailsTo(otherDataset)).toEqual([]);

    const during = await schemaChangelog({ datasetKey: "messaging-email" });
    expect(during.map((e) => [e.view, e.column, e.classification, e.status])).toEqual([
      [VIEW, "IP_POOL", "BREAKING", "scheduled"],
      [`${VIEW}_ALL`, "EMAIL_DOMAIN", "ADDITIVE", "applied"],
      [VIEW, "SEND_CHANNEL", "ADDITIVE", "applied"],
    ]);
    expect(await schemaChangelog({ datasetKey: "changelogs" })).toEqual([]);

    // Still inside the window ten days later: refused again, the same date, no new mail.
    clock.set(new Date(T0.getTime() + 11 * DAY));
    await expect(migrateLakes({ executors, migrations })).rejects.toThrow(/may be applied from 2027-04-01/);
    expect(await mailsTo(plainEmail)).toHaveLength(2);

    // After the window: applied on both lakes, notice applied, still one announcement per brand.
    clock.set(new Date(T0.getTime() + 32 * DAY));
    const report = await migrateLakes({ executors, migrations });
    expect(report.lakes.map((l) => l.applied.map((a) => a.version))).toEqual([[102], [102]]);
    expect(await markerExists(102)).toEqual([true, true]);
    expect(await mailsTo(plainEmail)).toHaveLength(2);
    expect(await mailsTo(piiEmail)).toHaveLength(2);
    const after = await schemaChangelog({ datasetKey: "messaging-email" });
    expect(after.find((e) => e.column === "IP_POOL")).toMatchObject({
      status: "applied",
      effectiveAt: "2027-04-01T09:00:00.000Z",
      appliedAt: "2027-04-02T09:00:00.000Z",
    });
  }, 180_000);
});
