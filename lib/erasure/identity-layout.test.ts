// Lake migration 7 (the identity layout) on a LIVE lake: a lake at migration 5 with personal data in its
// event tables and two shares mounted by a consumer account (one with the PII tier). `lake:migrate` applies
// 7 through snowflake-sdk: both mounted databases return the same columns and the same values as before
// (the `_ALL` views now read the identity join), grants survive (COPY GRANTS), the event tables keep no
// personal data, and a rerun converges. Then the replaced pipeline procedure: a later event's personal fields
// go to PERSONAL, never for a tombstoned subject (late events stay anonymous), and SHARED.ERASURES shows the
// tombstone to the share entitled to its workspace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyLakeMigration } from "@/lib/lake/apply-migrations";
import { landingInserts } from "@/lib/lake/ingest/landing-insert";
import { migrateLakes } from "@/lib/lake/migrate-lakes";
import { lakeMigrations } from "@/lib/lake/migrations";
import { identityLayout } from "@/lib/lake/migrations/0007-identity-layout";
import { lakeTables } from "@/lib/lake/lake-tables";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import type { AccountExecutor } from "@/lib/provisioning/runtime-types";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";

const LAKE = "IDENTITY_LAKE_US";
const REGION = "AWS_US_EAST_1";
const WS_A = "identity-ws-a";
const WS_B = "identity-ws-b";
const SEND = "USERS_MESSAGES_EMAIL_SEND";
const BOUNCE = "USERS_MESSAGES_EMAIL_BOUNCE";
const PII_SHARE = "FLOE_IDENTITY_PII";
const PLAIN_SHARE = "FLOE_IDENTITY_PLAIN";
const T = 1764547200;

let harness: Harness;
let executors: ReturnType<typeof createProviderExecutors>;
let lake: AccountExecutor;
let provider: TestConnection;
let consumer: TestConnection;

const user = (ws: string, n: number) => ({
  ws,
  userId: `${ws}-u${n}`,
  external: `cust-${ws}-${n}`,
  email: `person${n}@${ws}.example`,
});
const users = [user(WS_A, 1), user(WS_A, 2), user(WS_B, 1)];

async function insertEvent(table: string, id: string, u: (typeof users)[number], extra: Record<string, string> = {}) {
  const cols = {
    ID: id,
    USER_ID: u.userId,
    APP_GROUP_ID: u.ws,
    EXTERNAL_USER_ID: u.external,
    EMAIL_ADDRESS: u.email,
    GENDER: "F",
    COUNTRY: "US",
    LANGUAGE: "en",
    ...extra,
  };
  const names = Object.keys(cols);
  await provider.execute(
    `INSERT INTO ${LAKE}.RAW.${table} (${names.join(", ")}, TIME) VALUES (${names.map(() => "?").join(", ")}, ${T})`,
    Object.values(cols),
  );
}

async function share(name: string, includePii: boolean, database: string) {
  for (const q of [
    `CREATE SHARE ${name}`,
    `GRANT USAGE ON DATABASE ${LAKE} TO SHARE ${name}`,
    `GRANT USAGE ON SCHEMA ${LAKE}.SHARED TO SHARE ${name}`,
    ...[SEND, BOUNCE].flatMap((t) => [
      `GRANT SELECT ON VIEW ${LAKE}.SHARED.${t}_SHARED TO SHARE ${name}`,
      ...(includePii ? [`GRANT SELECT ON VIEW ${LAKE}.SHARED.${t}_SHARED_ALL TO SHARE ${name}`] : []),
    ]),
    `ALTER SHARE ${name} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`,
  ])
    await provider.execute(q);
  for (const ws of [WS_A, WS_B])
    await provider.execute(
      `INSERT INTO ${LAKE}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII) VALUES (?, 'messaging-email', ?, 'ACMERETAIL.ANALYTICS', ?, ?)`,
      [name, ws, REGION, includePii],
    );
  await consumer.execute(`CREATE DATABASE ${database} FROM SHARE FLOEDATA.LAKE_US.${name}`);
}

const read = (database: string, view: string) =>
  consumer.execute<Record<string, unknown>>(`SELECT * FROM ${database}.SHARED.${view} ORDER BY ID`);
const describeView = async (database: string, view: string) =>
  (
    await consumer.execute<{ N: string; T: string; C: string }>(
      `SELECT COLUMN_NAME AS N, DATA_TYPE AS T, COMMENT AS C FROM ${database}.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'SHARED' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [view],
    )
  ).map((r) => `${r.N} ${r.T} ${r.C}`);
const everyRead = async () => ({
  piiSend: await read("IDENTITY_PII", `${SEND}_SHARED_ALL`),
  piiBounce: await read("IDENTITY_PII", `${BOUNCE}_SHARED_ALL`),
  plainSend: await read("IDENTITY_PLAIN", `${SEND}_SHARED`),
  columns: [
    await describeView("IDENTITY_PII", `${SEND}_SHARED_ALL`),
    await describeView("IDENTITY_PII", `${BOUNCE}_SHARED_ALL`),
    await describeView("IDENTITY_PLAIN", `${SEND}_SHARED`),
  ],
});
const grantsOf = async (name: string) =>
  (await provider.execute<{ privilege: string; name: string }>(`SHOW GRANTS TO SHARE ${name}`))
    .map((g) => `${g.privilege} ${g.name}`)
    .sort();

let before: Awaited<ReturnType<typeof everyRead>>;
let grantsBefore: string[][];

beforeAll(async () => {
  harness = await startProvisioningHarness();
  executors = createProviderExecutors();
  const account = await db.providerAccount.update({
    where: { organizationName_accountName: { organizationName: "FLOEDATA", accountName: "LAKE_US" } },
    data: { lakeDatabase: LAKE },
  });
  lake = await executors.forAccount(account.id);
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
  // Every migration before 7, so lake:migrate below applies 7 alone to a live lake.
  await migrateLakes({ executors, migrations: lakeMigrations.filter((m) => m.version < 7) });
  await insertEvent(SEND, "send-1", users[0], { MESSAGE_EXTRAS: '{"promo":"A"}' });
  await insertEvent(SEND, "send-2", users[0]);
  await insertEvent(SEND, "send-3", users[1]);
  await insertEvent(SEND, "send-4", users[2], { MESSAGE_EXTRAS: '{"promo":"B"}' });
  await insertEvent(BOUNCE, "bounce-1", users[1], { BOUNCE_REASON: "550 5.1.1 User unknown" });
  await share(PII_SHARE, true, "IDENTITY_PII");
  await share(PLAIN_SHARE, false, "IDENTITY_PLAIN");
  before = await everyRead();
  grantsBefore = [await grantsOf(PII_SHARE), await grantsOf(PLAIN_SHARE)];
}, 240_000);

afterAll(async () => {
  await executors?.close();
  await harness?.stop();
});

describe("lake migration 7 on a live lake", () => {
  it("starts with personal data in the event tables, read through both mounted shares", () => {
    expect(before.piiSend.map((r) => r.EMAIL_ADDRESS)).toEqual([
      users[0].email,
      users[0].email,
      users[1].email,
      users[2].email,
    ]);
    expect(before.piiBounce.map((r) => r.BOUNCE_REASON)).toEqual(["550 5.1.1 User unknown"]);
    expect(before.plainSend.map((r) => r.ID)).toEqual(["send-1", "send-2", "send-3", "send-4"]);
    expect(Object.keys(before.plainSend[0])).not.toContain("EMAIL_ADDRESS");
  });

  it("after lake:migrate both shares read the same columns and values, keep their grants, and the event tables hold no personal data", async () => {
    const report = await migrateLakes({ executors });
    expect(report.lakes.find((l) => l.database === LAKE)!.applied.map((a) => a.version)).toEqual([7]);
    expect(await everyRead()).toEqual(before);
    expect([await grantsOf(PII_SHARE), await grantsOf(PLAIN_SHARE)]).toEqual(grantsBefore);

    for (const table of lakeTables().filter((t) => t.datasetKey === "messaging-email")) {
      const pii = table.columns.filter((c) => c.pii).map((c) => `COUNT(${c.name})`);
      const [row] = await provider.execute<Record<string, number>>(
        `SELECT ${pii.join(" + ")} AS N FROM ${LAKE}.RAW.${table.name}`,
      );
      expect(Number(row.N), table.name).toBe(0);
    }
    const identities = await provider.execute<{ USER_ID: string; EMAIL_ADDRESS: string }>(
      `SELECT USER_ID, EMAIL_ADDRESS FROM ${LAKE}.PERSONAL.IDENTITIES ORDER BY USER_ID`,
    );
    expect(identities).toEqual(
      users
        .map((u) => ({ USER_ID: u.userId, EMAIL_ADDRESS: u.email }))
        .sort((a, b) => a.USER_ID.localeCompare(b.USER_ID)),
    );
  }, 180_000);

  it("is rerunnable: applying 7 again changes nothing a consumer reads and adds no identity rows; lake:migrate again sends no writes", async () => {
    const count = async () =>
      Number((await provider.execute<{ N: number }>(`SELECT COUNT(*) AS N FROM ${LAKE}.PERSONAL.IDENTITIES`))[0].N);
    const identities = await count();
    await applyLakeMigration(lake, identityLayout, { database: LAKE, region: REGION });
    expect(await count()).toBe(identities);
    expect(await everyRead()).toEqual(before);
    harness.emulator.queryLog.clear();
    const report = await migrateLakes({ executors });
    expect(report.lakes.every((l) => l.applied.length === 0)).toBe(true);
    expect(
      harness.emulator.queryLog
        .list()
        .map((e) => e.sqlText)
        .filter((s) => !/^SHOW /i.test(s)),
    ).toEqual([]);
  }, 180_000);

  it("the replaced pipeline: a new event's personal fields go to PERSONAL; after a tombstone a late event stays anonymous and ERASURES lists the key", async () => {
    const record = (id: string, offset: number) => ({
      datasetKey: "messaging-email",
      metadata: { topic: "users_messages_email_send", partition: 0, offset, CreateTime: T * 1000, key: id },
      content: {
        ID: id,
        USER_ID: "identity-ws-a-u9",
        APP_GROUP_ID: WS_A,
        TIME: T + 60,
        EMAIL_ADDRESS: "late@a.example",
        EXTERNAL_USER_ID: "cust-9",
        MESSAGE_EXTRAS: "x",
      },
    });
    const land = async (id: string, offset: number) => {
      for (const s of landingInserts(LAKE, [record(id, offset)])) await lake.run(s.toStatement());
      await provider.execute(`CALL ${LAKE}.PIPELINE.MOVE_MESSAGING_EMAIL()`);
    };
    const seen = async (id: string) =>
      (
        await consumer.execute<Record<string, unknown>>(
          `SELECT EMAIL_ADDRESS, EXTERNAL_USER_ID, MESSAGE_EXTRAS FROM IDENTITY_PII.SHARED.${SEND}_SHARED_ALL WHERE ID = ?`,
          [id],
        )
      )[0];
    await land("send-9a", 100);
    expect(await seen("send-9a")).toEqual({
      EMAIL_ADDRESS: "late@a.example",
      EXTERNAL_USER_ID: "cust-9",
      MESSAGE_EXTRAS: "x",
    });
    const [raw] = await provider.execute<Record<string, unknown>>(
      `SELECT EMAIL_ADDRESS, MESSAGE_EXTRAS FROM ${LAKE}.RAW.${SEND} WHERE ID = 'send-9a'`,
    );
    expect(raw).toEqual({ EMAIL_ADDRESS: null, MESSAGE_EXTRAS: null });

    // Erase the subject (tombstone first, then the personal rows), as the erasure job does.
    await provider.execute(
      `INSERT INTO ${LAKE}.PERSONAL.ERASED_SUBJECTS (APP_GROUP_ID, USER_ID, ERASED_AT) VALUES (?, ?, SYSDATE())`,
      [WS_A, "identity-ws-a-u9"],
    );
    await provider.execute(`DELETE FROM ${LAKE}.PERSONAL.IDENTITIES WHERE APP_GROUP_ID = ? AND USER_ID = ?`, [
      WS_A,
      "identity-ws-a-u9",
    ]);
    await provider.execute(`DELETE FROM ${LAKE}.PERSONAL.EVENT_FIELDS WHERE APP_GROUP_ID = ? AND USER_ID = ?`, [
      WS_A,
      "identity-ws-a-u9",
    ]);
    await land("send-9b", 101);
    const anonymous = { EMAIL_ADDRESS: null, EXTERNAL_USER_ID: null, MESSAGE_EXTRAS: null };
    expect(await seen("send-9a")).toEqual(anonymous);
    expect(await seen("send-9b")).toEqual(anonymous);
    expect(
      await consumer.execute(
        `SELECT ID FROM IDENTITY_PLAIN.SHARED.${SEND}_SHARED WHERE ID IN ('send-9a', 'send-9b') ORDER BY ID`,
      ),
    ).toEqual([{ ID: "send-9a" }, { ID: "send-9b" }]);
    await provider.execute(`GRANT SELECT ON VIEW ${LAKE}.SHARED.ERASURES TO SHARE ${PLAIN_SHARE}`);
    expect(await consumer.execute(`SELECT APP_GROUP_ID, USER_ID FROM IDENTITY_PLAIN.SHARED.ERASURES`)).toEqual([
      { APP_GROUP_ID: WS_A, USER_ID: "identity-ws-a-u9" },
    ]);
  }, 120_000);
});
