// The ingest pipeline of lake migration 5 on the demo lake, under the engine's frozen clock (no sleeps):
// records landed in a Kafka-connector landing table → the load task runs at the next minute → typed rows
// in RAW, read by a consumer through its mounted share; duplicates (same event ID) dropped, wrongly typed
// events filtered into REJECTED_EVENTS, the FRESHNESS heartbeat advanced; a minute without data is SKIPPED.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventGenerator } from "../../lib/lake/ingest/events";
import { landingInserts } from "../../lib/lake/ingest/landing-insert";
import { pipelineInternalsFor } from "../../lib/lake/pipeline-objects";
import type { EmulatorEngine } from "../engine/index";
import type { Bind } from "../engine/types";
import { runner, session, tempEngine } from "./engine-helpers";

const LAKE = "ENGAGEMENT_LAKE_US";
const WS = "5f1a0c3e9b2d4a7f8c6e0a01"; // Acme Web (seeded, US lake)
const SHARE = "FLOE_PIPELINE_TEST";
// A day ahead, so the events are newer than every seeded row (generated over "the last 90 days").
const T0 = Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000 + 30_000;
const MIN = 60_000;
const email = pipelineInternalsFor("messaging-email");

let engine: EmulatorEngine;
let r: ReturnType<typeof runner>;
const provider = () => session("FD10001");
const consumer = () => session("AR40001");
const binds = (values: readonly (string | number | boolean | null)[] = []): Bind[] =>
  values.map((v) => ({ type: "TEXT", value: v === null ? null : String(v) }));
const rows = async (s: ReturnType<typeof session>, q: string) => {
  const res = await r.one(s, q);
  return res.rows.map((row) => Object.fromEntries(res.columns.map((c, k) => [c.name, row[k]])));
};
const count = async (s: ReturnType<typeof session>, q: string) => Number((await r.one(s, q)).rows[0][0]);

async function land(records: ReturnType<EventGenerator["batch"]>) {
  for (const st of landingInserts(LAKE, records)) {
    const { sql, binds: b } = st.toStatement();
    await r.run(provider(), sql, binds(b));
  }
}

beforeAll(async () => {
  ({ engine } = await tempEngine({ lakeRowScale: 0.001 }));
  r = runner(engine);
  await engine.clock.freeze(T0);
  // The seed leaves the tasks suspended; lake:migrate resumes them (migration 5's last statement per task).
  await r.run(provider(), `ALTER TASK ${LAKE}.PIPELINE.${email.task} RESUME`);
  for (const q of [
    `CREATE SHARE ${SHARE}`,
    `GRANT USAGE ON DATABASE ${LAKE} TO SHARE ${SHARE}`,
    `GRANT USAGE ON SCHEMA ${LAKE}.SHARED TO SHARE ${SHARE}`,
    `GRANT SELECT ON VIEW ${LAKE}.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED TO SHARE ${SHARE}`,
    `ALTER SHARE ${SHARE} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`,
    `INSERT INTO ${LAKE}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII) VALUES ('${SHARE}', 'messaging-email', '${WS}', 'ACMERETAIL.ANALYTICS', 'AWS_US_EAST_1', FALSE)`,
  ])
    await r.run(provider(), q);
  await r.run(consumer(), `CREATE DATABASE MOUNTED FROM SHARE FLOEDATA.LAKE_US.${SHARE}`);
}, 120_000);
afterAll(() => engine?.close?.());

describe("ingest pipeline (lake migration 5)", () => {
  it("moves landed events into RAW at the next minute: visible through the consumer's share, duplicates dropped, bad events rejected, heartbeat advanced", async () => {
    const gen = new EventGenerator({ workspaces: [WS], seed: 7, firstOffset: 100, datasetKeys: ["messaging-email"] });
    const at = new Date(T0);
    const good = gen.batch(40, at).filter((e) => e.metadata.topic === "users_messages_email_send");
    const sends = good.length > 0 ? good : [];
    expect(sends.length).toBeGreaterThan(0);
    const dup = { ...sends[0], metadata: { ...sends[0].metadata, offset: 99_999 } };
    const bad = { ...sends[1], content: { ...sends[1].content, ID: "bad-time-1", TIME: "yesterday" } };
    const visible = `SELECT COUNT(*) FROM MOUNTED.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED WHERE ID IN (${sends.map((e) => `'${e.content.ID}'`).join(", ")}, 'bad-time-1')`;
    const before = await count(consumer(), visible);
    expect(before).toBe(0);
    // The seed recorded its generated rows in the heartbeat as one load.
    const heartbeat = `SELECT LATEST_EVENT_AT, LOADED_AT, EVENTS_LOADED FROM ${LAKE}.PIPELINE.FRESHNESS WHERE DATASET_KEY = 'messaging-email' AND WORKSPACE_ID = '${WS}'`;
    const seededRows = await count(
      provider(),
      `SELECT (SELECT COUNT(*) FROM ${LAKE}.RAW.USERS_MESSAGES_EMAIL_SEND WHERE APP_GROUP_ID = '${WS}') + (SELECT COUNT(*) FROM ${LAKE}.RAW.USERS_MESSAGES_EMAIL_DELIVERY WHERE APP_GROUP_ID = '${WS}') + (SELECT COUNT(*) FROM ${LAKE}.RAW.USERS_MESSAGES_EMAIL_OPEN WHERE APP_GROUP_ID = '${WS}') + (SELECT COUNT(*) FROM ${LAKE}.RAW.USERS_MESSAGES_EMAIL_CLICK WHERE APP_GROUP_ID = '${WS}') + (SELECT COUNT(*) FROM ${LAKE}.RAW.USERS_MESSAGES_EMAIL_BOUNCE WHERE APP_GROUP_ID = '${WS}') + (SELECT COUNT(*) FROM ${LAKE}.RAW.USERS_MESSAGES_EMAIL_UNSUBSCRIBE WHERE APP_GROUP_ID = '${WS}')`,
    );
    expect(seededRows).toBeGreaterThan(0);
    const seeded = await rows(provider(), heartbeat);
    expect(seeded.map((f) => Number(f.EVENTS_LOADED))).toEqual([seededRows]);

    await land([...sends, dup, bad]);
    // Landed, not moved yet: the task runs at its next scheduled minute.
    expect(await count(consumer(), visible)).toBe(0);
    expect(await count(provider(), `SELECT COUNT(*) FROM ${LAKE}.PIPELINE.${email.stream}`)).toBe(sends.length + 2);

    await engine.clock.advance(MIN);
    expect(await count(consumer(), visible)).toBe(sends.length); // each ID once, the bad one filtered
    const rejected = await rows(
      provider(),
      `SELECT REASON, KAFKA_OFFSET FROM ${LAKE}.PIPELINE.REJECTED_EVENTS WHERE RECORD_CONTENT:ID::VARCHAR = 'bad-time-1'`,
    );
    expect(rejected).toEqual([{ REASON: "TIME is not a NUMBER(38,0)", KAFKA_OFFSET: expect.anything() }]);
    // The stream was consumed by the task's DML and the batch emptied.
    expect(await count(provider(), `SELECT COUNT(*) FROM ${LAKE}.PIPELINE.${email.stream}`)).toBe(0);
    expect(await count(provider(), `SELECT COUNT(*) FROM ${LAKE}.PIPELINE.${email.batchTable}`)).toBe(0);
    const fresh = await rows(provider(), heartbeat);
    expect(fresh).toHaveLength(1);
    expect(new Date(fresh[0].LATEST_EVENT_AT as string).getTime()).toBe(Math.floor(T0 / 1000) * 1000);
    expect(new Date(fresh[0].LOADED_AT as string).getTime()).toBeGreaterThanOrEqual(T0 + 29_000);
    expect(Number(fresh[0].EVENTS_LOADED)).toBe(seededRows + sends.length);

    // The same events landed again (a connector retry) are dropped: RAW keeps one row per ID.
    await land(sends.slice(0, 3));
    await engine.clock.advance(MIN);
    expect(await count(consumer(), visible)).toBe(sends.length);
    const history = await rows(
      provider(),
      `SELECT STATE FROM TABLE(${LAKE}.INFORMATION_SCHEMA.TASK_HISTORY(TASK_NAME => '${email.task}')) WHERE STATE <> 'SCHEDULED' ORDER BY SCHEDULED_TIME`,
    );
    expect(history.map((h) => h.STATE)).toEqual(["SUCCEEDED", "SUCCEEDED"]);

    // Nothing landed: the next run is skipped by WHEN SYSTEM$STREAM_HAS_DATA.
    await engine.clock.advance(MIN);
    const last = await rows(
      provider(),
      `SELECT STATE FROM TABLE(${LAKE}.INFORMATION_SCHEMA.TASK_HISTORY(TASK_NAME => '${email.task}')) WHERE STATE <> 'SCHEDULED' ORDER BY SCHEDULED_TIME DESC LIMIT 1`,
    );
    expect(last).toEqual([{ STATE: "SKIPPED" }]);
  }, 120_000);
});
