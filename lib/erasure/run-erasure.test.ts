// Erasure end to end on the seeded lakes, through snowflake-sdk: a request filed with hashed identifiers is
// executed by runErasure in the primary lake and its replica (refreshed after the primary), and verified;
// then, read by consumers through mounted shares in BOTH regions, the subjects' events are still there
// but carry no personal data, and SHARED.ERASURES lists their keys. Also: a crash after the tombstones
// converges on rerun, an ingest racing the erasure does not bring personal data back, idempotency keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { landingInserts } from "@/lib/lake/ingest/landing-insert";
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
const GROUP = `FLOE_RG_${LAKE}_TO_AWS_US_WEST_2`;
const SHARE = "FLOE_ERASURE_TEST";

let harness: Harness;
let executors: ReturnType<typeof createProviderExecutors>;
let lake: AccountExecutor;
let provider: TestConnection;
let consumer: TestConnection;
let west: TestConnection;
let acmeId: string;
type Person = { USER_ID: string; EXTERNAL_USER_ID: string; EMAIL_ADDRESS: string };
let people: Person[];

async function share(conn: TestConnection, consumerAccount: string) {
  for (const q of [
    `CREATE SHARE ${SHARE}`,
    `GRANT USAGE ON DATABASE ${LAKE} TO SHARE ${SHARE}`,
    `GRANT USAGE ON SCHEMA ${LAKE}.SHARED TO SHARE ${SHARE}`,
    `GRANT SELECT ON VIEW ${LAKE}.SHARED.${VIEW} TO SHARE ${SHARE}`,
    `GRANT SELECT ON VIEW ${LAKE}.SHARED.ERASURES TO SHARE ${SHARE}`,
    `ALTER SHARE ${SHARE} ADD ACCOUNTS = ${consumerAccount}`,
  ])
    await conn.execute(q);
}

/** What a consumer sees of some subjects: their events' count and any personal value left. */
async function seenBy(conn: TestConnection, database: string, userIds: string[]) {
  const list = userIds.map(() => "?").join(", ");
  const [row] = await conn.execute<{ N: number; P: number }>(
    `SELECT COUNT(*) AS N, COUNT(EMAIL_ADDRESS) + COUNT(EXTERNAL_USER_ID) + COUNT(GENDER) + COUNT(MESSAGE_EXTRAS) AS P FROM ${database}.SHARED.${VIEW} WHERE USER_ID IN (${list})`,
    userIds,
  );
  return { events: Number(row.N), personal: Number(row.P) };
}

const subjectsOf = (people: Person[]) =>
  prepareSubjects(people.map((p, i) => (i % 2 ? p.EMAIL_ADDRESS.toUpperCase() : p.EXTERNAL_USER_ID)));

beforeAll(async () => {
  harness = await startProvisioningHarness();
  executors = createProviderExecutors();
  const account = await db.providerAccount.findUniqueOrThrow({
    where: { organizationName_accountName: { organizationName: "FLOEDATA", accountName: "LAKE_US" } },
  });
  lake = await executors.forAccount(account.id);
  acmeId = (await db.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id;
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
  west = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
  people = await provider.execute<Person>(
    `SELECT USER_ID, MAX(EXTERNAL_USER_ID) AS EXTERNAL_USER_ID, MAX(EMAIL_ADDRESS) AS EMAIL_ADDRESS FROM ${LAKE}.PERSONAL.IDENTITIES i WHERE APP_GROUP_ID = ? AND EMAIL_ADDRESS IS NOT NULL AND EXISTS (SELECT 1 FROM ${LAKE}.RAW.USERS_MESSAGES_EMAIL_SEND e WHERE e.APP_GROUP_ID = i.APP_GROUP_ID AND e.USER_ID = i.USER_ID) GROUP BY USER_ID ORDER BY USER_ID LIMIT 8`,
    [WS],
  );
  expect(people).toHaveLength(8);
  await share(provider, "ACMERETAIL.ANALYTICS");
  await provider.execute(
    `INSERT INTO ${LAKE}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII) VALUES (?, 'messaging-email', ?, 'ACMERETAIL.ANALYTICS', 'AWS_US_EAST_1', TRUE), (?, 'messaging-email', ?, 'PACIFICOUTFIT.PROD', 'AWS_US_WEST_2', TRUE)`,
    [SHARE, WS, SHARE, WS],
  );
  await consumer.execute(`CREATE DATABASE ERASE_US FROM SHARE FLOEDATA.LAKE_US.${SHARE}`);
  // The lake's replica in US West, with the same share served from it (as a cross-region plan builds it).
  await provider.execute(
    `CREATE REPLICATION GROUP ${GROUP} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${LAKE} ALLOWED_ACCOUNTS = FLOEDATA.REPLICA_US_WEST REPLICATION_SCHEDULE = '10 MINUTE'`,
  );
  await west.execute(`CREATE REPLICATION GROUP ${GROUP} AS REPLICA OF FLOEDATA.LAKE_US.${GROUP}`);
  await west.execute(`ALTER REPLICATION GROUP ${GROUP} REFRESH`);
  await share(west, "PACIFICOUTFIT.PROD");
  const pacific = await harness.emulator.connect("PACIFICOUTFIT-PROD", "ADMIN");
  await pacific.execute(`CREATE DATABASE ERASE_WEST FROM SHARE FLOEDATA.REPLICA_US_WEST.${SHARE}`);
  westConsumer = pacific;
}, 300_000);
let westConsumer: TestConnection;

afterAll(async () => {
  await executors?.close();
  await harness?.stop();
});

describe("runErasure", () => {
  it("erases in the primary and the refreshed replica, verifies, and writes the receipt; consumers in both regions see the events without personal data and the keys in ERASURES", async () => {
    const erased = people.slice(0, 2);
    const ids = erased.map((p) => p.USER_ID);
    expect((await seenBy(consumer, "ERASE_US", ids)).personal).toBeGreaterThan(0);
    const prepared = subjectsOf(erased);
    const unknown = prepareSubjects(["nobody@nowhere.example", "cust-does-not-exist"]);
    const { id } = await submitErasureRequest({
      organizationId: acmeId,
      source: "API",
      subjects: [...prepared.subjects, ...unknown.subjects],
      duplicates: 0,
    });
    await runErasure(id, executors);

    const request = await db.erasureRequest.findUniqueOrThrow({ where: { id }, include: { regions: true } });
    expect(request).toMatchObject({ state: "VERIFIED", requestedCount: 4, matchedCount: 2, unknownCount: 2 });
    expect(request.regions.map((r) => [r.region, r.role, r.matchedKeys]).sort()).toEqual(
      [
        ["AWS_EU_CENTRAL_1", "PRIMARY", 0],
        ["AWS_US_EAST_1", "PRIMARY", 2],
        ["AWS_US_WEST_2", "REPLICA", 2],
      ].filter((r) => request.regions.some((x) => x.region === r[0])),
    );
    expect(request.regions.every((r) => r.erasedAt && r.verifiedAt)).toBe(true);
    // Verified as each region's consumer sees it (SIMULATED_DATA_SHARING_CONSUMER): one share per region here.
    const consumerSide = Object.fromEntries(
      request.regions.map((r) => [r.region, [r.consumerSharesVerified, r.consumerSharesUnverifiable]]),
    );
    expect(consumerSide.AWS_US_EAST_1).toEqual([1, 0]);
    expect(consumerSide.AWS_US_WEST_2).toEqual([1, 0]);
    expect(await db.erasureSubject.count({ where: { requestId: id } })).toBe(0); // hashes dropped, counts kept
    expect(await db.auditEvent.count({ where: { organizationId: acmeId, type: "erasure.verified" } })).toBeGreaterThan(
      0,
    );

    for (const [conn, database] of [
      [consumer, "ERASE_US"],
      [westConsumer, "ERASE_WEST"],
    ] as const) {
      const seen = await seenBy(conn, database, ids);
      expect(seen.events, database).toBeGreaterThan(0); // the events stay (no event table rewritten) …
      expect(seen.personal, database).toBe(0); // … anonymous
      const feed = await conn.execute<{ USER_ID: string }>(
        `SELECT USER_ID FROM ${database}.SHARED.ERASURES WHERE USER_ID IN (?, ?) ORDER BY USER_ID`,
        ids,
      );
      expect(feed.map((f) => f.USER_ID)).toEqual([...ids].sort());
    }
    // Someone not erased keeps their data.
    expect((await seenBy(consumer, "ERASE_US", [people[7].USER_ID])).personal).toBeGreaterThan(0);
  }, 180_000);

  it("a crash after the tombstones leaves the request FAILED; the rerun converges to VERIFIED with the same counts", async () => {
    const erased = people.slice(2, 5);
    const { id } = await submitErasureRequest({
      organizationId: acmeId,
      source: "CSV",
      subjects: subjectsOf(erased).subjects,
      duplicates: 0,
    });
    const crash = () => {
      throw new Error("worker killed");
    };
    await expect(runErasure(id, executors, { afterTombstones: crash })).rejects.toThrow("worker killed");
    expect(await db.erasureRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "FAILED" });
    await runErasure(id, executors);
    expect(await db.erasureRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: "VERIFIED",
      matchedCount: 3,
      unknownCount: 0,
      attempts: 2,
    });
    const [tomb] = await provider.execute<{ N: number }>(
      `SELECT COUNT(*) AS N FROM ${LAKE}.PERSONAL.ERASED_SUBJECTS WHERE REQUEST_ID = ?`,
      [id],
    );
    expect(Number(tomb.N)).toBe(3); // written once
    expect(
      (
        await seenBy(
          consumer,
          "ERASE_US",
          erased.map((p) => p.USER_ID),
        )
      ).personal,
    ).toBe(0);
  }, 180_000);

  it("an ingest racing the erasure does not bring the subject's personal data back; the late event stays anonymous", async () => {
    const subject = people[5];
    const late = (n: number) => ({
      datasetKey: "messaging-email",
      metadata: {
        topic: "users_messages_email_send",
        partition: 0,
        offset: 900 + n,
        CreateTime: Date.now(),
        key: `late-${n}`,
      },
      content: {
        ID: `erasure-late-${n}`,
        USER_ID: subject.USER_ID,
        APP_GROUP_ID: WS,
        TIME: 1764547200 + n,
        EMAIL_ADDRESS: subject.EMAIL_ADDRESS,
        EXTERNAL_USER_ID: subject.EXTERNAL_USER_ID,
      },
    });
    const { id } = await submitErasureRequest({
      organizationId: acmeId,
      source: "FORM",
      subjects: subjectsOf([subject]).subjects,
      duplicates: 0,
    });
    const ingest = async (n: number) => {
      for (const s of landingInserts(LAKE, [late(n)])) await lake.run(s.toStatement());
      await lake.run({ sql: `CALL ${LAKE}.PIPELINE.MOVE_MESSAGING_EMAIL()` });
    };
    await Promise.all([runErasure(id, executors), ingest(1), ingest(2)]);
    await ingest(3); // after the erasure
    const seen = await seenBy(consumer, "ERASE_US", [subject.USER_ID]);
    expect(seen.personal).toBe(0);
    const late3 = await consumer.execute(
      `SELECT EMAIL_ADDRESS FROM ERASE_US.SHARED.${VIEW} WHERE ID = 'erasure-late-3'`,
    );
    expect(late3).toEqual([{ EMAIL_ADDRESS: null }]);
  }, 180_000);

  it("the same idempotency key gives the same request back", async () => {
    const input = {
      organizationId: acmeId,
      source: "API" as const,
      idempotencyKey: "retry-me",
      subjects: subjectsOf([people[6]]).subjects,
      duplicates: 0,
    };
    const first = await submitErasureRequest(input);
    const again = await submitErasureRequest(input);
    expect(again).toEqual({ id: first.id, created: false });
    expect(first.created).toBe(true);
  });
});
