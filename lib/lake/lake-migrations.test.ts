// Lake migrations 2 and 3 on a LIVE lake: a lake built at migration 1 (the pre-boundary views, filtered by
// consumer account) with three shares mounted by one consumer account, created with the statements Floe
// sent before the boundary (no INCLUDES_PII column). `npm run lake:migrate`'s runner then applies
// migrations 2 and 3 through snowflake-sdk: every mounted database keeps working and returns exactly what its
// share granted (its workspaces; the PII columns only for the PII share), nothing granted is lost, the PII
// tier is backfilled from Postgres, grants survive (COPY GRANTS), the columns carry the catalog's
// descriptions as COMMENTs (migration 3), and a second run is a no-op. A cross-region
// share over the lake's replica (read-only, not migrated) gets the new objects by the refresh lake:migrate
// triggers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { shareNameFor } from "@/lib/snowflake/object-names";
import { brands } from "@/prisma/seed/demo-tenants";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import { migrateLakes } from "./migrate-lakes";
import { lakeMigrations } from "./migrations";
import { migrationChecksum } from "./apply-migrations";
import { lakeDatasetKeys } from "./lake-tables";

const LAKE = "MIGRATION_LAKE_US";
const CONSUMER = "ACMERETAIL.ANALYTICS";
const REGION = "AWS_US_EAST_1";
const VIEW = "USERS_MESSAGES_EMAIL_SEND_SHARED";
// This file is about the share boundary (2) and column descriptions (3) on a live lake; the pipeline
// (5) has its own tests (emulator/test/lake-pipeline.test.ts, lib/lake/pipeline-migration.test.ts).
const shareMigrations = lakeMigrations.filter((m) => m.version <= 3);
const RAW = `"${LAKE}".RAW.USERS_MESSAGES_EMAIL_SEND`;

type Spec = { slug: string; workspace: string; includePii: boolean };
const specs: Spec[] = [
  { slug: "acme", workspace: "Acme Web", includePii: false },
  { slug: "acme", workspace: "Acme Mobile", includePii: true },
  { slug: "pacific", workspace: "Pacific Store", includePii: false },
];
const wsId = (s: Spec) =>
  brands.find((b) => b.slug === s.slug)!.workspaces.find((w) => w.name === s.workspace)!.lakeWorkspaceId;
/** Two rows per workspace, with recognisable ids and email addresses. */
const rowsOf = (s: Spec) =>
  [1, 2].map((n) => ({
    id: `${wsId(s)}-${n}`,
    email: `user${n}@${s.workspace.replace(/\W/g, "").toLowerCase()}.example`,
  }));

let harness: Harness;
let executors: ReturnType<typeof createProviderExecutors>;
let provider: TestConnection;
let consumer: TestConnection;
let lakeAccountId: string;
const mounted: { spec: Spec; shareName: string; database: string }[] = [];

/** The share as Floe created it before the boundary: the old entitlement INSERT had no INCLUDES_PII. */
async function liveShareAtVersion1(spec: Spec, index: number) {
  const organization = await db.organization.findUniqueOrThrow({
    where: { slug: spec.slug },
    include: { workspaces: true },
  });
  const owner = await db.user.findUniqueOrThrow({
    where: { email: brands.find((b) => b.slug === spec.slug)!.owners[0].email },
  });
  const { id } = await submitShareRequest({
    organizationId: organization.id,
    requestedById: owner.id,
    workspaceIds: organization.workspaces.filter((w) => w.name === spec.workspace).map((w) => w.id),
    datasetKeys: ["messaging-email"],
    consumerAccount: CONSUMER,
    consumerRegion: REGION,
    includePii: spec.includePii,
  });
  const shareName = shareNameFor({ organizationSlug: spec.slug, requestId: id });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  await db.shareRequest.update({
    where: { id },
    data: { state: "ACTIVE", decidedById: manager.id, decidedAt: new Date() },
  });
  await db.share.create({
    data: {
      requestId: id,
      organizationId: organization.id,
      providerAccountId: lakeAccountId,
      name: shareName,
      databaseName: LAKE,
      consumerAccount: CONSUMER,
      consumerRegion: REGION,
      activatedAt: new Date(),
    },
  });
  const share = `"${shareName}"`;
  await provider.execute(`CREATE SHARE ${share}`);
  await provider.execute(`GRANT USAGE ON DATABASE "${LAKE}" TO SHARE ${share}`);
  await provider.execute(`GRANT USAGE ON SCHEMA "${LAKE}".SHARED TO SHARE ${share}`);
  await provider.execute(`GRANT SELECT ON VIEW "${LAKE}".SHARED.${VIEW} TO SHARE ${share}`);
  if (spec.includePii) await provider.execute(`GRANT SELECT ON VIEW "${LAKE}".SHARED.${VIEW}_ALL TO SHARE ${share}`);
  await provider.execute(
    `INSERT INTO "${LAKE}".SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, GRANTED_AT) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP())`,
    [shareName, "messaging-email", wsId(spec), CONSUMER, REGION],
  );
  await provider.execute(`ALTER SHARE ${share} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`);
  const database = `MIGRATED_${index}`;
  await consumer.execute(`CREATE DATABASE ${database} FROM SHARE FLOEDATA.LAKE_US.${share}`);
  mounted.push({ spec, shareName, database });
}

const ids = async (database: string, view: string) =>
  (await consumer.execute<{ ID: string }>(`SELECT ID FROM ${database}.SHARED.${view} ORDER BY ID`)).map((r) => r.ID);
const emails = async (database: string) =>
  (
    await consumer.execute<{ E: string }>(`SELECT EMAIL_ADDRESS AS E FROM ${database}.SHARED.${VIEW}_ALL ORDER BY E`)
  ).map((r) => r.E);
const grantsOf = async (shareName: string) =>
  (await provider.execute<{ privilege: string; name: string }>(`SHOW GRANTS TO SHARE "${shareName}"`))
    .map((g) => `${g.privilege} ${g.name}`)
    .sort();

beforeAll(async () => {
  harness = await startProvisioningHarness();
  executors = createProviderExecutors();
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
  // A lake of its own, built by migration 1 alone and recorded, as a vendor's lake was before the boundary.
  const lakeAccount = await db.providerAccount.update({
    where: { organizationName_accountName: { organizationName: "FLOEDATA", accountName: "LAKE_US" } },
    data: { lakeDatabase: LAKE },
  });
  lakeAccountId = lakeAccount.id;
  await migrateLakes({ executors, migrations: lakeMigrations.slice(0, 1) });
  for (const spec of specs) {
    for (const row of rowsOf(spec))
      await provider.execute(
        `INSERT INTO ${RAW} (ID, APP_GROUP_ID, EMAIL_ADDRESS, TIME) VALUES (?, ?, ?, 1764547200)`,
        [row.id, wsId(spec), row.email],
      );
  }
  for (const [i, spec] of specs.entries()) await liveShareAtVersion1(spec, i);
  await crossRegionShareAtVersion1();
}, 180_000);

const GROUP = `FLOE_RG_${LAKE}_TO_AWS_US_WEST_2`;
let crossRegion: { shareName: string; database: string; consumer: TestConnection };

/** Pacific's PII share in US West, served from the replica of the lake, as the pre-boundary plan built it. */
async function crossRegionShareAtVersion1() {
  const spec: Spec = { slug: "pacific", workspace: "Pacific Store", includePii: true };
  const replica = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
  await provider.execute(
    `CREATE REPLICATION GROUP "${GROUP}" OBJECT_TYPES = DATABASES ALLOWED_DATABASES = "${LAKE}" ALLOWED_ACCOUNTS = "FLOEDATA"."REPLICA_US_WEST" REPLICATION_SCHEDULE = '10 MINUTE'`,
  );
  await replica.execute(`CREATE REPLICATION GROUP "${GROUP}" AS REPLICA OF "FLOEDATA"."LAKE_US"."${GROUP}"`);
  const organization = await db.organization.findUniqueOrThrow({
    where: { slug: spec.slug },
    include: { workspaces: true },
  });
  const owner = await db.user.findUniqueOrThrow({
    where: { email: brands.find((b) => b.slug === spec.slug)!.owners[0].email },
  });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  const replicaAccount = await db.providerAccount.findFirstOrThrow({ where: { accountName: "REPLICA_US_WEST" } });
  const { id } = await submitShareRequest({
    organizationId: organization.id,
    requestedById: owner.id,
    workspaceIds: organization.workspaces.filter((w) => w.name === spec.workspace).map((w) => w.id),
    datasetKeys: ["messaging-email"],
    consumerAccount: "PACIFICOUTFIT.PROD",
    consumerRegion: "AWS_US_WEST_2",
    includePii: true,
  });
  const shareName = shareNameFor({ organizationSlug: spec.slug, requestId: id });
  await db.shareRequest.update({
    where: { id },
    data: { state: "ACTIVE", decidedById: manager.id, decidedAt: new Date() },
  });
  await db.share.create({
    data: {
      requestId: id,
      organizationId: organization.id,
      providerAccountId: replicaAccount.id,
      name: shareName,
      databaseName: LAKE,
      consumerAccount: "PACIFICOUTFIT.PROD",
      consumerRegion: "AWS_US_WEST_2",
      activatedAt: new Date(),
    },
  });
  await provider.execute(
    `INSERT INTO "${LAKE}".SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, GRANTED_AT) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP())`,
    [shareName, "messaging-email", wsId(spec), "PACIFICOUTFIT.PROD", "AWS_US_WEST_2"],
  );
  await replica.execute(`ALTER REPLICATION GROUP "${GROUP}" REFRESH`);
  const share = `"${shareName}"`;
  await replica.execute(`CREATE SHARE ${share}`);
  await replica.execute(`GRANT USAGE ON DATABASE "${LAKE}" TO SHARE ${share}`);
  await replica.execute(`GRANT USAGE ON SCHEMA "${LAKE}".SHARED TO SHARE ${share}`);
  await replica.execute(`GRANT SELECT ON VIEW "${LAKE}".SHARED.${VIEW} TO SHARE ${share}`);
  await replica.execute(`GRANT SELECT ON VIEW "${LAKE}".SHARED.${VIEW}_ALL TO SHARE ${share}`);
  await replica.execute(`ALTER SHARE ${share} ADD ACCOUNTS = PACIFICOUTFIT.PROD`);
  const pacific = await harness.emulator.connect("PACIFICOUTFIT-PROD", "ADMIN");
  await pacific.execute(`CREATE DATABASE MIGRATED_WEST FROM SHARE FLOEDATA.REPLICA_US_WEST.${share}`);
  crossRegion = { shareName, database: "MIGRATED_WEST", consumer: pacific };
}

afterAll(async () => {
  await executors?.close();
  await harness?.stop();
});

describe("lake migration 2 on a live lake", () => {
  it("starts from the leaking lake of migration 1: every share of the account reads every entitled workspace", async () => {
    expect(
      await db.lakeMigration.findMany({ where: { providerAccountId: lakeAccountId }, select: { version: true } }),
    ).toEqual([{ version: 1 }]);
    const everything = specs
      .flatMap(rowsOf)
      .map((r) => r.id)
      .sort();
    for (const m of mounted) expect(await ids(m.database, VIEW)).toEqual(everything);
    const pii = mounted.find((m) => m.spec.includePii)!;
    expect(await emails(pii.database)).toHaveLength(everything.length); // Web's and Pacific's addresses too
  });

  it("after migrations 2 and 3 each mounted share returns exactly its own rows and tier, keeps its grants, and describes its columns", async () => {
    const grantsBefore = await Promise.all(mounted.map((m) => grantsOf(m.shareName)));
    const report = await migrateLakes({ executors, migrations: shareMigrations });
    const us = report.lakes.find((l) => l.database === LAKE)!;
    expect(us.applied.map((a) => a.version)).toEqual([2, 3]);

    for (const [i, m] of mounted.entries()) {
      const own = rowsOf(m.spec);
      expect(await ids(m.database, VIEW), m.spec.workspace).toEqual(own.map((r) => r.id).sort());
      if (m.spec.includePii) {
        expect(await ids(m.database, `${VIEW}_ALL`)).toEqual(own.map((r) => r.id).sort());
        expect(await emails(m.database)).toEqual(own.map((r) => r.email).sort());
      } else {
        await expect(emails(m.database)).rejects.toMatchObject({ code: "002003" });
      }
      expect(await grantsOf(m.shareName)).toEqual(grantsBefore[i]);
    }
    // The PII tier of the existing rows came from Postgres (ShareRequest.includePii, by share name).
    const tiers = await provider.execute<{ S: string; P: boolean }>(
      `SELECT SHARE_NAME AS S, INCLUDES_PII AS P FROM "${LAKE}".SHARING.ENTITLEMENTS ORDER BY S`,
    );
    expect(Object.fromEntries(tiers.map((t) => [t.S, t.P]))).toEqual(
      Object.fromEntries([...mounted.map((m) => [m.shareName, m.spec.includePii]), [crossRegion.shareName, true]]),
    );
    // The replica was refreshed by the run: the cross-region share reads through the new policies.
    expect(report.replicas.map((r) => [r.account, r.group])).toEqual([["FLOEDATA.REPLICA_US_WEST", GROUP]]);
    const store = rowsOf({ slug: "pacific", workspace: "Pacific Store", includePii: true });
    const west = (view: string, column: string) =>
      crossRegion.consumer.execute<Record<string, string>>(
        `SELECT ${column} AS V FROM ${crossRegion.database}.SHARED.${view} ORDER BY V`,
      );
    expect((await west(`${VIEW}_ALL`, "EMAIL_ADDRESS")).map((r) => r.V)).toEqual(store.map((r) => r.email).sort());
    expect((await west(VIEW, "ID")).map((r) => r.V)).toEqual(store.map((r) => r.id).sort());
    // Both held before too (migration 1 filtered by account and region); what only the refresh brings is
    // the policies and the backfilled PII tier in the replica.
    const replica = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
    expect((await replica.execute(`SHOW ROW ACCESS POLICIES IN DATABASE "${LAKE}"`)).length).toBe(
      lakeDatasetKeys().length * 2 + 1,
    ); // a pair per dataset + PROOF_ROWS
    expect(
      await replica.execute(`SELECT INCLUDES_PII AS P FROM "${LAKE}".SHARING.ENTITLEMENTS WHERE SHARE_NAME = ?`, [
        crossRegion.shareName,
      ]),
    ).toEqual([{ P: true }]);
    // Migration 3: the consumer's mounted database (and the replica's, after the refresh) describe each
    // column with the catalog's text.
    const described = `SELECT COLUMN_NAME AS N, COMMENT AS C FROM %DB%.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'SHARED' AND TABLE_NAME = '${VIEW}_ALL' AND COLUMN_NAME IN ('TIME', 'EMAIL_ADDRESS') ORDER BY N`;
    const expected = [
      { N: "EMAIL_ADDRESS", C: "The email address the message was sent to." },
      {
        N: "TIME",
        C: "When the email was sent, as a Unix epoch timestamp in seconds (UTC). Convert with TO_TIMESTAMP(TIME).",
      },
    ];
    expect(await consumer.execute(described.replace("%DB%", mounted.find((m) => m.spec.includePii)!.database))).toEqual(
      expected,
    );
    expect(await crossRegion.consumer.execute(described.replace("%DB%", crossRegion.database))).toEqual(expected);
    // Recorded per account, with the checksum of what ran.
    const records = await db.lakeMigration.findMany({
      where: { providerAccountId: lakeAccountId },
      orderBy: { version: "asc" },
    });
    expect(records.map((r) => [r.version, r.name, r.lakeDatabase, r.checksum])).toEqual(
      shareMigrations.map((m) => [m.version, m.name, LAKE, migrationChecksum(m, { database: LAKE, region: REGION })]),
    );
  }, 120_000); // 30 views recreated by migration 3 on top of migration 2's: slow on a loaded 2-core machine

  it("a second run is a no-op: nothing is sent to Snowflake but reads, and nothing is recorded", async () => {
    const recordsBefore = await db.lakeMigration.findMany({
      orderBy: [{ providerAccountId: "asc" }, { version: "asc" }],
    });
    harness.emulator.queryLog.clear();
    const report = await migrateLakes({ executors, migrations: shareMigrations });
    expect(report.lakes.every((l) => l.upToDate && l.applied.length === 0)).toBe(true);
    const sent = harness.emulator.queryLog.list().map((e) => e.sqlText);
    expect(sent.filter((s) => !/^SHOW /i.test(s))).toEqual([]);
    expect(await db.lakeMigration.findMany({ orderBy: [{ providerAccountId: "asc" }, { version: "asc" }] })).toEqual(
      recordsBefore,
    );
    const web = mounted[0];
    expect(await ids(web.database, VIEW)).toEqual(
      rowsOf(web.spec)
        .map((r) => r.id)
        .sort(),
    );
  });
});
