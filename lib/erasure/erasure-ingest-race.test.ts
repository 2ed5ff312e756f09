// Erasure while the pipeline ingests events for the same subjects, on the seeded US lake through snowflake-sdk,
// with the emulator's clock frozen and moved by the test (no sleeps): the messaging-email load task runs each
// time the clock passes a minute. Events for the subjects, carrying their e-mail and external id, are landed
// before, during and after the erasure — once at the worst moment (the pipeline's minute runs between the
// erasure's tombstones and its deletes, through runErasure's afterTombstones hook), once truly concurrently
// (runErasure and land-and-advance rounds at the same time). The end state: the request VERIFIED, every landed
// event visible to the consumer through its mounted _ALL view with no personal value, no identity or event
// field row left for the keys, one tombstone per key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { KafkaRecord } from "@/lib/lake/ingest/events";
import { landingInserts } from "@/lib/lake/ingest/landing-insert";
import { pipelineInternalsFor } from "@/lib/lake/pipeline-objects";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import type { AccountExecutor } from "@/lib/provisioning/runtime-types";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import { runErasure } from "./run-erasure";
import { submitErasureRequest } from "./submit-erasure-request";
import { prepareSubjects } from "./subject-identifiers";

const LAKE = "ENGAGEMENT_LAKE_US";
const WS = "5f1a0c3e9b2d4a7f8c6e0a02"; // Acme Mobile (US)
const VIEW = "USERS_MESSAGES_EMAIL_SEND_SHARED_ALL";
const SHARE = "FLOE_ERASURE_RACE_TEST";
const MINUTE = 60_000;
// A day ahead on a whole minute + 20 s, so the landed events are newer than every seeded row.
const T0 = Math.ceil((Date.now() + 86_400_000) / MINUTE) * MINUTE + 20_000;
const email = pipelineInternalsFor("messaging-email");

let harness: Harness;
let executors: ReturnType<typeof createProviderExecutors>;
let lake: AccountExecutor;
let provider: TestConnection;
let consumer: TestConnection;
let acmeId: string;
type Person = { USER_ID: string; EXTERNAL_USER_ID: string; EMAIL_ADDRESS: string };
let people: Person[];
let offset = 0;

/** One e-mail send event of `p`, with the personal fields the platform stamps on every event. */
const eventOf = (p: Person, tag: string): KafkaRecord => {
  offset++;
  return {
    datasetKey: "messaging-email",
    metadata: { topic: "users_messages_email_send", partition: 0, offset: 50_000 + offset, CreateTime: T0, key: tag },
    content: {
      ID: `race-${tag}-${offset}`,
      USER_ID: p.USER_ID,
      APP_GROUP_ID: WS,
      TIME: Math.floor(T0 / 1000) + offset,
      EMAIL_ADDRESS: p.EMAIL_ADDRESS,
      EXTERNAL_USER_ID: p.EXTERNAL_USER_ID,
    },
  } as KafkaRecord;
};

const land = async (records: KafkaRecord[]) => {
  for (const s of landingInserts(LAKE, records)) await lake.run(s.toStatement());
};
/** Lands one event per subject and lets the next minute's task load it. */
const ingestRound = async (subjects: Person[], tag: string) => {
  const records = subjects.map((p) => eventOf(p, tag));
  await land(records);
  await harness.emulator.clock.advance(MINUTE);
  return records.map((r) => String(r.content.ID));
};

async function endState(subjects: Person[], eventIds: string[], requestId: string) {
  const keys = subjects.map((p) => p.USER_ID);
  const marks = (xs: unknown[]) => xs.map(() => "?").join(", ");
  const [seen] = await consumer.execute<{ N: number; P: number }>(
    `SELECT COUNT(*) AS N, COUNT(EMAIL_ADDRESS) + COUNT(EXTERNAL_USER_ID) + COUNT(GENDER) + COUNT(MESSAGE_EXTRAS) AS P FROM RACE_US.SHARED.${VIEW} WHERE ID IN (${marks(eventIds)})`,
    eventIds,
  );
  const [anyPersonal] = await consumer.execute<{ P: number }>(
    `SELECT COUNT(EMAIL_ADDRESS) + COUNT(EXTERNAL_USER_ID) AS P FROM RACE_US.SHARED.${VIEW} WHERE USER_ID IN (${marks(keys)})`,
    keys,
  );
  const [left] = await provider.execute<{ I: number; F: number; T: number }>(
    `SELECT (SELECT COUNT(*) FROM ${LAKE}.PERSONAL.IDENTITIES WHERE APP_GROUP_ID = ? AND USER_ID IN (${marks(keys)})) AS I, (SELECT COUNT(*) FROM ${LAKE}.PERSONAL.EVENT_FIELDS WHERE APP_GROUP_ID = ? AND USER_ID IN (${marks(keys)})) AS F, (SELECT COUNT(*) FROM ${LAKE}.PERSONAL.ERASED_SUBJECTS WHERE APP_GROUP_ID = ? AND USER_ID IN (${marks(keys)})) AS T`,
    [WS, ...keys, WS, ...keys, WS, ...keys],
  );
  const request = await db.erasureRequest.findUniqueOrThrow({ where: { id: requestId } });
  return {
    state: request.state,
    matched: request.matchedCount,
    eventsVisible: Number(seen.N),
    personalOnTheseEvents: Number(seen.P),
    personalOnAnyEvent: Number(anyPersonal.P),
    identityRows: Number(left.I),
    eventFieldRows: Number(left.F),
    tombstones: Number(left.T),
  };
}

const fileFor = async (subjects: Person[]) =>
  (
    await submitErasureRequest({
      organizationId: acmeId,
      source: "FORM",
      subjects: prepareSubjects(subjects.map((p) => p.EXTERNAL_USER_ID)).subjects,
      duplicates: 0,
    })
  ).id;

beforeAll(async () => {
  harness = await startProvisioningHarness();
  await harness.emulator.clock.freeze(T0);
  executors = createProviderExecutors();
  const account = await db.providerAccount.findUniqueOrThrow({
    where: { organizationName_accountName: { organizationName: "FLOEDATA", accountName: "LAKE_US" } },
  });
  lake = await executors.forAccount(account.id);
  acmeId = (await db.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id;
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
  people = await provider.execute<Person>(
    `SELECT USER_ID, MAX(EXTERNAL_USER_ID) AS EXTERNAL_USER_ID, MAX(EMAIL_ADDRESS) AS EMAIL_ADDRESS FROM ${LAKE}.PERSONAL.IDENTITIES WHERE APP_GROUP_ID = ? AND EMAIL_ADDRESS IS NOT NULL AND EXTERNAL_USER_ID IS NOT NULL GROUP BY USER_ID ORDER BY USER_ID DESC LIMIT 4`,
    [WS],
  );
  expect(people).toHaveLength(4);
  for (const q of [
    `ALTER TASK ${LAKE}.PIPELINE.${email.task} RESUME`,
    `CREATE SHARE ${SHARE}`,
    `GRANT USAGE ON DATABASE ${LAKE} TO SHARE ${SHARE}`,
    `GRANT USAGE ON SCHEMA ${LAKE}.SHARED TO SHARE ${SHARE}`,
    `GRANT SELECT ON VIEW ${LAKE}.SHARED.${VIEW} TO SHARE ${SHARE}`,
    `ALTER SHARE ${SHARE} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`,
  ])
    await provider.execute(q);
  await provider.execute(
    `INSERT INTO ${LAKE}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII) VALUES (?, 'messaging-email', ?, 'ACMERETAIL.ANALYTICS', 'AWS_US_EAST_1', TRUE)`,
    [SHARE, WS],
  );
  await consumer.execute(`CREATE DATABASE RACE_US FROM SHARE FLOEDATA.LAKE_US.${SHARE}`);
  await harness.emulator.clock.advance(MINUTE); // the task's first minute after RESUME (nothing landed yet)
}, 300_000);

afterAll(async () => {
  await executors?.close();
  await harness?.stop();
});

describe("erasure while the pipeline ingests the same subjects", () => {
  it("the pipeline's minute runs between the tombstones and the deletes: nothing personal survives, no event is lost", async () => {
    const subjects = people.slice(0, 2);
    const ids = await ingestRound(subjects, "before"); // loaded, with personal fields, before the request
    const [{ P: before }] = await consumer.execute<{ P: number }>(
      `SELECT COUNT(EMAIL_ADDRESS) AS P FROM RACE_US.SHARED.${VIEW} WHERE ID IN (${ids.map(() => "?").join(", ")})`,
      ids,
    );
    expect(Number(before)).toBe(2); // the consumer did see the personal data before the erasure
    const requestId = await fileFor(subjects);
    await runErasure(requestId, executors, {
      // Called per region (Acme also has an EU workspace): the US lake is the one these events land in.
      afterTombstones: async (region) => {
        if (region === "AWS_US_EAST_1") ids.push(...(await ingestRound(subjects, "during")));
      },
    });
    ids.push(...(await ingestRound(subjects, "after")));
    expect(await endState(subjects, ids, requestId)).toEqual({
      state: "VERIFIED",
      matched: 2,
      eventsVisible: 6,
      personalOnTheseEvents: 0,
      personalOnAnyEvent: 0,
      identityRows: 0,
      eventFieldRows: 0,
      tombstones: 2,
    });
  }, 240_000);

  it("runErasure and land-and-advance rounds at the same time converge on the same end state", async () => {
    const subjects = people.slice(2, 4);
    const ids = await ingestRound(subjects, "c-before");
    const requestId = await fileFor(subjects);
    const rounds = async () => {
      for (let i = 0; i < 3; i++) ids.push(...(await ingestRound(subjects, `c-${i}`)));
    };
    await Promise.all([runErasure(requestId, executors), rounds()]);
    ids.push(...(await ingestRound(subjects, "c-after")));
    expect(await endState(subjects, ids, requestId)).toEqual({
      state: "VERIFIED",
      matched: 2,
      eventsVisible: 10,
      personalOnTheseEvents: 0,
      personalOnAnyEvent: 0,
      identityRows: 0,
      eventFieldRows: 0,
      tombstones: 2,
    });
  }, 240_000);
});
