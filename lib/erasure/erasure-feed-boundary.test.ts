// The erasure boundary as a property, checked from the consumers' side ("data boundaries are properties, not
// examples"). Each generated scenario (fast-check, fixed seed): two brands with fresh workspaces and subjects
// in the US lake, three shares over random subsets of one brand's workspaces — two into the same consumer
// account in-region, one served from the US West replica — mounted by their consumers through the emulator,
// then erasure requests for random subjects run by the real worker code (runErasure). From every mounted
// database: SHARED.ERASURES lists exactly the tombstones of its share's workspaces (never another's), and no
// personal field of an erased subject is readable through any view it grants, in either region, while the
// subjects not erased keep theirs (so the check is not vacuous). The receipt's consumer-side counts match
// what SIMULATED_DATA_SHARING_CONSUMER can speak for: a share is verified when its account receives no
// other share (or it holds none of the request's tombstones), and otherwise counted unverifiable, since the
// parameter names an account, not a share. One emulator and one Postgres for the whole file.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { purgeStatement } from "@/lib/provisioning/mount-instructions";
import { grantErasuresSteps } from "@/lib/provisioning/plan-erasure-steps";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import { createOrganization } from "@/prisma/seed/factories";
import { loadProviderAccounts } from "@/lib/provisioning/provider-accounts";
import { verifyAsConsumers } from "./erasure-consumer-verify";
import { runErasure } from "./run-erasure";
import { submitErasureRequest } from "./submit-erasure-request";
import { prepareSubjects } from "./subject-identifiers";

const LAKE = "ENGAGEMENT_LAKE_US";
const RAW = `${LAKE}.RAW.USERS_MESSAGES_EMAIL_SEND`;
const VIEWS = ["USERS_MESSAGES_EMAIL_SEND_SHARED_ALL", "USERS_MESSAGES_EMAIL_SEND_SHARED"];
const PERSONAL = "COUNT(EMAIL_ADDRESS) + COUNT(EXTERNAL_USER_ID) + COUNT(MESSAGE_EXTRAS)";
const GROUP = `FLOE_RG_${LAKE}_TO_AWS_US_WEST_2`;
const ACME = { account: "ACMERETAIL.ANALYTICS", region: "AWS_US_EAST_1", login: "ACMERETAIL-ANALYTICS" };
const PACIFIC = { account: "PACIFICOUTFIT.PROD", region: "AWS_US_WEST_2", login: "PACIFICOUTFIT-PROD" };
// Where each of the three shares goes: two into one account (the simulation cannot tell them apart).
const CONSUMERS = [ACME, ACME, PACIFIC] as const;

let harness: Harness;
let executors: ReturnType<typeof createProviderExecutors>;
let lake: TestConnection;
let west: TestConnection;
const conns = new Map<string, TestConnection>();
let run = 0;
/** What the generated scenarios covered, so a seed that never exercises a case fails instead of passing. */
const covered = { verified: 0, unverifiable: 0, replicaFeedRows: 0, inRegionFeedRows: 0 };

type Subject = { workspace: string; user: string; external: string; email: string };
type Brand = { id: string; workspaces: { id: string; lake: string }[]; subjects: Subject[] };

const scenarioArb = fc.record({
  workspaces: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 })),
  subjectsPerWorkspace: fc.integer({ min: 2, max: 4 }),
  // Per share: which brand, and a mask over that brand's workspaces (at least one is kept).
  shares: fc.array(fc.record({ brand: fc.integer({ min: 0, max: 1 }), mask: fc.integer({ min: 1, max: 7 }) }), {
    minLength: CONSUMERS.length,
    maxLength: CONSUMERS.length,
  }),
  erasures: fc.array(
    fc.record({
      brand: fc.integer({ min: 0, max: 1 }),
      oneWorkspace: fc.boolean(),
      pick: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      byEmail: fc.boolean(),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

async function brand(n: number, subjectsPerWorkspace: number, tag: string): Promise<Brand> {
  const { organization, workspaces } = await createOrganization(db, {
    workspaces: Array.from({ length: n }, (_, i) => ({ name: `WS ${i}`, region: "AWS_US_EAST_1" })),
  });
  const subjects: Subject[] = [];
  for (const w of workspaces)
    for (let i = 0; i < subjectsPerWorkspace; i++) {
      const user = `${tag}-${w.lakeWorkspaceId.slice(0, 6)}-u${i}`;
      subjects.push({ workspace: w.lakeWorkspaceId, user, external: `ext-${user}`, email: `${user}@example.test` });
    }
  for (const s of subjects) {
    await lake.execute(`INSERT INTO ${RAW} (ID, USER_ID, APP_GROUP_ID, TIME) VALUES (?, ?, ?, 1764547200)`, [
      `ev-${s.user}`,
      s.user,
      s.workspace,
    ]);
    await lake.execute(
      `INSERT INTO ${LAKE}.PERSONAL.IDENTITIES (APP_GROUP_ID, USER_ID, EXTERNAL_USER_ID, EMAIL_ADDRESS) VALUES (?, ?, ?, ?)`,
      [s.workspace, s.user, s.external, s.email],
    );
    await lake.execute(
      `INSERT INTO ${LAKE}.PERSONAL.EVENT_FIELDS (TABLE_NAME, ID, APP_GROUP_ID, USER_ID, MESSAGE_EXTRAS) VALUES ('USERS_MESSAGES_EMAIL_SEND', ?, ?, ?, 'extras')`,
      [`ev-${s.user}`, s.workspace, s.user],
    );
  }
  return {
    id: organization.id,
    workspaces: workspaces.map((w) => ({ id: w.id, lake: w.lakeWorkspaceId })),
    subjects,
  };
}

type ShareSpec = { name: string; mount: string; workspaces: string[]; consumer: (typeof CONSUMERS)[number] };

async function makeShare(spec: ShareSpec) {
  const onReplica = spec.consumer.region !== ACME.region;
  const conn = onReplica ? west : lake;
  const statements = [
    `CREATE SHARE ${spec.name}`,
    `GRANT USAGE ON DATABASE ${LAKE} TO SHARE ${spec.name}`,
    `GRANT USAGE ON SCHEMA ${LAKE}.SHARED TO SHARE ${spec.name}`,
    ...VIEWS.map((v) => `GRANT SELECT ON VIEW ${LAKE}.SHARED.${v} TO SHARE ${spec.name}`),
    // The feed's grant exactly as the plan sends it.
    ...grantErasuresSteps({ id: "-" } as never, spec.name, LAKE)[0].statements.map((s) => s.sql),
    `ALTER SHARE ${spec.name} ADD ACCOUNTS = ${spec.consumer.account}`,
  ];
  for (const ws of spec.workspaces)
    await lake.execute(
      `INSERT INTO ${LAKE}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII) VALUES (?, 'messaging-email', ?, ?, ?, TRUE)`,
      [spec.name, ws, spec.consumer.account, spec.consumer.region],
    );
  for (const q of statements) await conn.execute(q);
  const provider = onReplica ? "REPLICA_US_WEST" : "LAKE_US";
  await conns
    .get(spec.consumer.login)!
    .execute(`CREATE DATABASE ${spec.mount} FROM SHARE FLOEDATA.${provider}.${spec.name}`);
}

async function checkScenario(sc: Scenario) {
  const tag = `b${++run}`;
  const brands = [
    await brand(sc.workspaces[0], sc.subjectsPerWorkspace, `${tag}a`),
    await brand(sc.workspaces[1], sc.subjectsPerWorkspace, `${tag}b`),
  ];
  const shares: ShareSpec[] = sc.shares.map((s, i) => {
    const ws = brands[s.brand].workspaces.map((w) => w.lake);
    const kept = ws.filter((_, k) => s.mask & (1 << k));
    return {
      name: `FLOE_PROP_${tag}_${i}`.toUpperCase(),
      mount: `PROP_${tag}_${i}`.toUpperCase(),
      workspaces: kept.length > 0 ? kept : [ws[0]],
      consumer: CONSUMERS[i],
    };
  });
  await west.execute(`ALTER REPLICATION GROUP ${GROUP} REFRESH`); // the brands' data and rows reach the replica
  for (const s of shares) await makeShare(s);
  await west.execute(`ALTER REPLICATION GROUP ${GROUP} REFRESH`);
  // Each consumer copies what it reads (what the feed is for): the events of its share, before any erasure.
  for (const s of shares) {
    const consumer = conns.get(s.consumer.login)!;
    await consumer.execute(`CREATE TABLE COPIES.PUBLIC.${s.mount} (APP_GROUP_ID VARCHAR, USER_ID VARCHAR, ID VARCHAR)`);
    await consumer.execute(
      `INSERT INTO COPIES.PUBLIC.${s.mount} SELECT APP_GROUP_ID, USER_ID, ID FROM ${s.mount}.SHARED.${VIEWS[1]}`,
    );
  }

  // The model: which keys each request erases.
  const erased = new Set<string>();
  const requests: { id: string; workspaces: string[]; keys: Subject[] }[] = [];
  for (const e of sc.erasures) {
    const b = brands[e.brand];
    const scope = e.oneWorkspace ? b.workspaces[e.pick[0] % b.workspaces.length] : null;
    const pool = b.subjects.filter((s) => !scope || s.workspace === scope.lake);
    const keys: Subject[] = [...new Set(e.pick.map((p) => pool[p % pool.length]))];
    const prepared = prepareSubjects(keys.map((k) => (e.byEmail ? k.email.toUpperCase() : k.external)));
    const { id } = await submitErasureRequest({
      organizationId: b.id,
      source: "API",
      subjects: prepared.subjects,
      duplicates: 0,
      ...(scope ? { workspaceId: scope.id } : {}),
    });
    await runErasure(id, executors);
    const fresh = keys.filter((k) => !erased.has(`${k.workspace}/${k.user}`));
    fresh.forEach((k) => erased.add(`${k.workspace}/${k.user}`));
    requests.push({ id, workspaces: scope ? [scope.lake] : b.workspaces.map((w) => w.lake), keys: fresh });
  }

  const all = brands.flatMap((b) => b.subjects);
  for (const s of shares) {
    const consumer = conns.get(s.consumer.login)!;
    const feed = await consumer.execute<{ APP_GROUP_ID: string; USER_ID: string }>(
      `SELECT APP_GROUP_ID, USER_ID FROM ${s.mount}.SHARED.ERASURES WHERE USER_ID LIKE ? ORDER BY APP_GROUP_ID, USER_ID`,
      [`${tag}%`],
    );
    const expected = all
      .filter((k) => s.workspaces.includes(k.workspace) && erased.has(`${k.workspace}/${k.user}`))
      .map((k) => `${k.workspace}/${k.user}`)
      .sort();
    expect(feed.map((f) => `${f.APP_GROUP_ID}/${f.USER_ID}`).sort(), `${s.mount} feed`).toEqual(expected);
    covered[s.consumer === PACIFIC ? "replicaFeedRows" : "inRegionFeedRows"] += feed.length;
    for (const view of VIEWS) {
      const rows = await consumer.execute<Record<string, unknown>>(
        `SELECT * FROM ${s.mount}.SHARED.${view} WHERE USER_ID LIKE ?`,
        [`${tag}%`],
      );
      for (const r of rows) {
        const key = `${r.APP_GROUP_ID}/${r.USER_ID}`;
        expect(s.workspaces, `${s.mount}.${view} shows a workspace it is not entitled to`).toContain(r.APP_GROUP_ID);
        const personal = [r.EMAIL_ADDRESS, r.EXTERNAL_USER_ID, r.MESSAGE_EXTRAS].filter((v) => v != null);
        if (erased.has(key)) expect(personal, `${s.mount}.${view} ${key}`).toEqual([]);
      }
    }
    // The mount page's purge query, run by the consumer on its copy: the erased subjects' rows go, the rest stay.
    const route =
      s.consumer === PACIFIC
        ? { kind: "cross-region" as const, schedule: "10 MINUTE", every: "10 minutes" }
        : { kind: "in-region" as const };
    await consumer.execute("USE SCHEMA COPIES.PUBLIC");
    await consumer.execute(purgeStatement(s.mount, route).replaceAll("MY_COPY", s.mount));
    const copy = await consumer.execute<{ APP_GROUP_ID: string; USER_ID: string }>(
      `SELECT APP_GROUP_ID, USER_ID FROM COPIES.PUBLIC.${s.mount} ORDER BY APP_GROUP_ID, USER_ID`,
    );
    expect(copy.map((c) => `${c.APP_GROUP_ID}/${c.USER_ID}`).sort(), `${s.mount} copy after the purge`).toEqual(
      all
        .filter((k) => s.workspaces.includes(k.workspace) && !erased.has(`${k.workspace}/${k.user}`))
        .map((k) => `${k.workspace}/${k.user}`)
        .sort(),
    );
    // Not vacuous: the subjects of its workspaces not erased are still readable with their personal data.
    const kept = all.filter((k) => s.workspaces.includes(k.workspace) && !erased.has(`${k.workspace}/${k.user}`));
    if (kept.length > 0) {
      const [row] = await consumer.execute<{ P: number }>(
        `SELECT ${PERSONAL} AS P FROM ${s.mount}.SHARED.${VIEWS[0]} WHERE USER_ID IN (${kept.map(() => "?").join(", ")})`,
        kept.map((k) => k.user),
      );
      expect(Number(row.P)).toBe(kept.length * 3);
    }
  }

  // The receipts' consumer-side counts, per region, against the model of what the simulation can speak for.
  for (const r of requests) {
    const receipts = await db.erasureRegionReceipt.findMany({ where: { requestId: r.id } });
    for (const region of [ACME.region, PACIFIC.region]) {
      const affected = shares.filter(
        (s) => s.consumer.region === region && s.workspaces.some((w) => r.workspaces.includes(w)),
      );
      const verified = affected.filter(
        (s) =>
          shares.filter((o) => o.consumer === s.consumer).length === 1 ||
          !r.keys.some((k) => s.workspaces.includes(k.workspace)),
      );
      const receipt = receipts.find((x) => x.region === region);
      expect(receipt, `${r.id} ${region}`).toBeDefined();
      expect([receipt!.consumerSharesVerified, receipt!.consumerSharesUnverifiable], `${r.id} ${region}`).toEqual([
        verified.length,
        affected.length - verified.length,
      ]);
      covered.verified += verified.length;
      covered.unverifiable += affected.length - verified.length;
    }
  }
  // The scenario's shares go, so the next one's accounts receive only its own.
  for (const s of shares) await (s.consumer === PACIFIC ? west : lake).execute(`DROP SHARE ${s.name}`);
}

beforeAll(async () => {
  harness = await startProvisioningHarness();
  executors = createProviderExecutors();
  lake = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  west = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
  for (const c of [ACME, PACIFIC]) {
    conns.set(c.login, await harness.emulator.connect(c.login, "ADMIN"));
    await conns.get(c.login)!.execute("CREATE DATABASE COPIES");
  }
  await lake.execute(
    `CREATE REPLICATION GROUP ${GROUP} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${LAKE} ALLOWED_ACCOUNTS = FLOEDATA.REPLICA_US_WEST REPLICATION_SCHEDULE = '10 MINUTE'`,
  );
  await west.execute(`CREATE REPLICATION GROUP ${GROUP} AS REPLICA OF FLOEDATA.LAKE_US.${GROUP}`);
}, 300_000);

afterAll(async () => {
  await executors?.close();
  await harness?.stop();
});

describe("the erasure boundary, from the consumers' side", () => {
  it("ERASURES lists exactly each share's workspaces' tombstones, and no erased subject's personal field is readable anywhere", async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, checkScenario), { numRuns: 4, seed: 1701, endOnFailure: true });
    expect(covered.verified, JSON.stringify(covered)).toBeGreaterThan(0);
    expect(covered.unverifiable, JSON.stringify(covered)).toBeGreaterThan(0);
    expect(covered.replicaFeedRows, JSON.stringify(covered)).toBeGreaterThan(0);
    expect(covered.inRegionFeedRows, JSON.stringify(covered)).toBeGreaterThan(0);
  }, 600_000);

  it("fails the verification when a consumer can still read an erased subject's personal field", async () => {
    const b = await brand(1, 2, "leak");
    const spec = { name: "FLOE_PROP_LEAK", mount: "PROP_LEAK", workspaces: [b.subjects[0].workspace], consumer: ACME };
    await makeShare(spec);
    const [victim] = b.subjects;
    const { id } = await submitErasureRequest({
      organizationId: b.id,
      source: "API",
      subjects: prepareSubjects([victim.external]).subjects,
      duplicates: 0,
    });
    await runErasure(id, executors);
    const receipt = await db.erasureRegionReceipt.findUniqueOrThrow({
      where: { requestId_region: { requestId: id, region: ACME.region } },
    });
    expect([receipt.consumerSharesVerified, receipt.consumerSharesUnverifiable]).toEqual([1, 0]);
    // Personal data comes back behind the erasure's back (a broken delete, a hand insert).
    await lake.execute(
      `INSERT INTO ${LAKE}.PERSONAL.IDENTITIES (APP_GROUP_ID, USER_ID, EMAIL_ADDRESS) VALUES (?, ?, 'back@example.test')`,
      [victim.workspace, victim.user],
    );
    const account = (await loadProviderAccounts()).find((a) => a.accountName === "LAKE_US")!;
    const check = verifyAsConsumers({
      account,
      executor: await executors.forAccount(account.id),
      database: LAKE,
      requestId: id,
      workspaceIds: [victim.workspace],
    });
    await expect(check).rejects.toThrow(/FLOE_PROP_LEAK .* still shows 1 personal value/);
  }, 180_000);
});
