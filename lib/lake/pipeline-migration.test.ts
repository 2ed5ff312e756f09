// Lake migration 5 applied the way `npm run lake:migrate` applies it (Floe's provider executors, snowflake-sdk,
// recorded in Postgres) on the seeded lakes, then driven by the emulator's clock (emu.clock, no sleeps):
// events landed with the ingest generator's statements → the load task runs at the next minute → the rows are
// read by a consumer through its mounted share, the heartbeat (PIPELINE.FRESHNESS) moved, a duplicate dropped,
// a wrongly typed event counted in REJECTED_EVENTS; and the lake's replica in another region reports the
// same heartbeat after its scheduled refresh (the replication group carries PIPELINE with the database).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import type { AccountExecutor } from "@/lib/provisioning/runtime-types";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import { migrationChecksum } from "./apply-migrations";
import { EventGenerator, type KafkaRecord } from "./ingest/events";
import { landingInserts } from "./ingest/landing-insert";
import { migrateLakes } from "./migrate-lakes";
import { lakeMigrations } from "./migrations";
import { pipelineInternalsFor } from "./pipeline-objects";

const LAKE = "ENGAGEMENT_LAKE_US";
const REGION = "AWS_US_EAST_1";
const WS = "5f1a0c3e9b2d4a7f8c6e0a02"; // Acme Mobile
const SHARE = "FLOE_PIPELINE_DB_TEST";
const GROUP = `FLOE_RG_${LAKE}_TO_AWS_US_WEST_2`;
// A day ahead, so the events are newer than every seeded row (generated over "the last 90 days").
const T0 = Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000 + 20_000;
const push = pipelineInternalsFor("messaging-push");

let harness: Harness;
let executors: ReturnType<typeof createProviderExecutors>;
let lake: AccountExecutor;
let provider: TestConnection;
let consumer: TestConnection;
let replica: TestConnection;

const land = async (records: KafkaRecord[]) => {
  for (const s of landingInserts(LAKE, records)) await lake.run(s.toStatement());
};
const freshness = async (conn: TestConnection) =>
  conn.execute<{ LATEST_EVENT_AT: Date; LOADED_AT: Date; EVENTS_LOADED: number }>(
    `SELECT LATEST_EVENT_AT, LOADED_AT, EVENTS_LOADED FROM ${LAKE}.PIPELINE.FRESHNESS WHERE DATASET_KEY = 'messaging-push' AND WORKSPACE_ID = ?`,
    [WS],
  );

beforeAll(async () => {
  harness = await startProvisioningHarness();
  executors = createProviderExecutors();
  await harness.emulator.clock.freeze(T0);
  const account = await db.providerAccount.findUniqueOrThrow({
    where: { organizationName_accountName: { organizationName: "FLOEDATA", accountName: "LAKE_US" } },
  });
  // The lakes were seeded at migration 3's state as far as Postgres knows: lake:migrate applies 5 alone.
  const accounts = await db.providerAccount.findMany({ where: { hostsLake: true } });
  await db.lakeMigration.createMany({
    data: accounts.flatMap((a) =>
      lakeMigrations
        .filter((m) => m.version <= 3)
        .map((m) => ({
          providerAccountId: a.id,
          lakeDatabase: a.lakeDatabase!,
          version: m.version,
          name: m.name,
          checksum: migrationChecksum(m, { database: a.lakeDatabase!, region: a.region }),
          durationMs: 0,
        })),
    ),
  });
  lake = await executors.forAccount(account.id);
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
  replica = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
  for (const q of [
    `CREATE SHARE ${SHARE}`,
    `GRANT USAGE ON DATABASE ${LAKE} TO SHARE ${SHARE}`,
    `GRANT USAGE ON SCHEMA ${LAKE}.SHARED TO SHARE ${SHARE}`,
    `GRANT SELECT ON VIEW ${LAKE}.SHARED.USERS_MESSAGES_PUSHNOTIFICATION_SEND_SHARED TO SHARE ${SHARE}`,
    `ALTER SHARE ${SHARE} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`,
    `CREATE REPLICATION GROUP ${GROUP} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${LAKE} ALLOWED_ACCOUNTS = FLOEDATA.REPLICA_US_WEST REPLICATION_SCHEDULE = '10 MINUTE'`,
  ])
    await provider.execute(q);
  await provider.execute(
    `INSERT INTO ${LAKE}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII) VALUES (?, 'messaging-push', ?, 'ACMERETAIL.ANALYTICS', ?, FALSE)`,
    [SHARE, WS, REGION],
  );
  await consumer.execute(`CREATE DATABASE PUSH_MOUNTED FROM SHARE FLOEDATA.LAKE_US.${SHARE}`);
  await replica.execute(`CREATE REPLICATION GROUP ${GROUP} AS REPLICA OF FLOEDATA.LAKE_US.${GROUP}`);
}, 240_000);

afterAll(async () => {
  await executors?.close();
  await harness?.stop();
});

describe("lake migration 5 through lake:migrate", () => {
  it("applies the pipeline to every lake, resumes its tasks, and records it", async () => {
    // Up to 5: this file is about the pipeline as migration 5 built it (6, the secure functions:
    // lib/lake/secure-functions.test.ts; 7's procedures: lib/erasure).
    const report = await migrateLakes({ executors, migrations: lakeMigrations.filter((m) => m.version <= 5) });
    for (const entry of report.lakes) expect(entry.applied.map((a) => a.version)).toEqual([5]);
    const tasks = await provider.execute<{ name: string; state: string; schedule: string }>(
      `SHOW TASKS IN SCHEMA ${LAKE}.PIPELINE`,
    );
    expect(tasks.map((t) => [t.name, t.state, t.schedule]).sort()).toEqual(
      ["LOAD_CHANGELOGS", "LOAD_MESSAGING_EMAIL", "LOAD_MESSAGING_PUSH", "LOAD_USER_BEHAVIORS"].map((n) => [
        n,
        "started",
        "1 MINUTE",
      ]),
    );
  }, 180_000);

  it("moves landed events at the next minute into what the consumer's share reads; drops duplicates, counts bad events, advances the heartbeat; the replica reports it after its scheduled refresh", async () => {
    const gen = new EventGenerator({ workspaces: [WS], seed: 11, firstOffset: 5, datasetKeys: ["messaging-push"] });
    const sends = gen
      .batch(30, new Date(T0))
      .filter((r) => r.metadata.topic === "users_messages_pushnotification_send");
    expect(sends.length).toBeGreaterThan(2);
    const duplicate = { ...sends[0], metadata: { ...sends[0].metadata, offset: 1_000 } };
    const wrongType = { ...sends[1], content: { ...sends[1].content, ID: "push-bad-1", TIME: { not: "a number" } } };
    const inList = [...sends.map((r) => r.content.ID), "push-bad-1"].map((id) => `'${id}'`).join(", ");
    const visible = async () =>
      Number(
        (
          await consumer.execute<{ N: number }>(
            `SELECT COUNT(*) AS N FROM PUSH_MOUNTED.SHARED.USERS_MESSAGES_PUSHNOTIFICATION_SEND_SHARED WHERE ID IN (${inList})`,
          )
        )[0].N,
      );

    // The seed recorded its generated rows as one load; the pipeline adds to it.
    const [seeded] = await freshness(provider);
    await land([...sends, duplicate, wrongType]);
    expect(await visible()).toBe(0);
    await harness.emulator.clock.advance(60_000); // the task's first minute after RESUME
    expect(await visible()).toBe(sends.length);
    const rejected = await provider.execute<{ REASON: string }>(
      `SELECT REASON FROM ${LAKE}.PIPELINE.REJECTED_EVENTS WHERE DATASET_KEY = 'messaging-push' AND RECORD_CONTENT:ID::VARCHAR = 'push-bad-1'`,
    );
    expect(rejected).toEqual([{ REASON: "TIME is not a NUMBER(38,0)" }]);
    const [beat] = await freshness(provider);
    expect(new Date(beat.LATEST_EVENT_AT).getTime()).toBe(Math.floor(T0 / 1000) * 1000);
    expect(Number(beat.EVENTS_LOADED)).toBe(Number(seeded?.EVENTS_LOADED ?? 0) + sends.length);
    const history = await provider.execute<{ STATE: string }>(
      `SELECT STATE FROM TABLE(${LAKE}.INFORMATION_SCHEMA.TASK_HISTORY(TASK_NAME => '${push.task}')) WHERE STATE IN ('SUCCEEDED', 'FAILED')`,
    );
    expect(history).toEqual([{ STATE: "SUCCEEDED" }]);

    // The replica has not refreshed since it was created: its heartbeat shows the seed's load, not this one …
    expect((await freshness(replica)).map((f) => Number(f.EVENTS_LOADED))).toEqual(
      seeded ? [Number(seeded.EVENTS_LOADED)] : [],
    );
    // … and does after the group's 10-minute schedule came round (lag included: it reads what the primary had).
    await harness.emulator.clock.advance(10 * 60_000);
    const [west] = await freshness(replica);
    expect(new Date(west.LATEST_EVENT_AT).getTime()).toBe(Math.floor(T0 / 1000) * 1000);
    expect(Number(west.EVENTS_LOADED)).toBe(Number(seeded?.EVENTS_LOADED ?? 0) + sends.length);
  }, 120_000);
});
