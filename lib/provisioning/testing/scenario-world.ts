// Requests for provisioning tests, made the way the app makes them (a brand's owner submits, an account
// manager approves), on fresh organisations so any number can run side by side; and read-backs of what a
// request left in Snowflake and in the consumer's account.
import { db } from "@/lib/db";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { createOrganization } from "@/prisma/seed/factories";
import { proveConsumerAccountForTest } from "@/lib/testing/account-proofs";
import { entitlementsTable, lakeSchemas } from "@/lib/snowflake/object-names";
import { bind, qualified, quoteIdent, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import type { TestConnection, TestEmulator } from "@/emulator/testing/start-test-emulator";
import type { Plan, RevocationPlan } from "../plan-types";
import type { Executors } from "../runtime-types";
import { waitForRequestState } from "./provisioning-harness";

/** Where a request's data lives and who consumes it: in-region (one account) or cross-region (replica). */
export const sharePaths = {
  "in-us": {
    lakeRegion: "AWS_US_EAST_1",
    consumer: "ACMERETAIL.ANALYTICS",
    consumerRegion: "AWS_US_EAST_1",
    consumerLogin: "ACMERETAIL-ANALYTICS",
  },
  "in-eu": {
    lakeRegion: "AWS_EU_CENTRAL_1",
    consumer: "NORDLICHT.DWH",
    consumerRegion: "AWS_EU_CENTRAL_1",
    consumerLogin: "NORDLICHT-DWH",
  },
  "x-us-west": {
    lakeRegion: "AWS_US_EAST_1",
    consumer: "PACIFICOUTFIT.PROD",
    consumerRegion: "AWS_US_WEST_2",
    consumerLogin: "PACIFICOUTFIT-PROD",
  },
  "x-eu-west": {
    lakeRegion: "AWS_EU_CENTRAL_1",
    consumer: "PACIFICOUTFIT.PROD",
    consumerRegion: "AWS_US_WEST_2",
    consumerLogin: "PACIFICOUTFIT-PROD",
  },
} as const;
export type SharePath = keyof typeof sharePaths;

/** The dataset every test request shares: two secure views, no PII, so grant-select is a batched step. */
export const TEST_DATASET = "changelogs";
export const TEST_VIEW = "CHANGELOGS_CAMPAIGN_SHARED";

export async function accountManagerId(): Promise<string> {
  return (await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" }, orderBy: { email: "asc" } })).id;
}

/** A new brand with `workspaces` workspaces in the path's lake region, and its submitted request (1 dataset). */
export async function submitTestRequest(
  path: SharePath,
  options: { workspaces?: number } = {},
): Promise<{ requestId: string; rows: number }> {
  const where = sharePaths[path];
  const count = options.workspaces ?? 1;
  const { organization, workspaces, members } = await createOrganization(db, {
    workspaces: Array.from({ length: count }, (_, i) => ({ name: `WS ${i + 1}`, region: where.lakeRegion })),
    datasetKeys: [TEST_DATASET],
  });
  // These scenarios are about provisioning, not the proof-of-control step (lib/provisioning/account-proof.test.ts).
  await proveConsumerAccountForTest(db, {
    organizationId: organization.id,
    consumerAccount: where.consumer,
    consumerRegion: where.consumerRegion,
  });
  const submitted = await submitShareRequest({
    organizationId: organization.id,
    requestedById: members[0].id,
    workspaceIds: workspaces.map((w) => w.id),
    datasetKeys: [TEST_DATASET],
    consumerAccount: where.consumer,
    consumerRegion: where.consumerRegion,
    includePii: false,
  });
  return { requestId: submitted.id, rows: count };
}

export const requestState = (id: string) => () =>
  db.shareRequest.findUnique({ where: { id }, select: { state: true } });
export const waitFor = (requestId: string, states: string[], timeoutMs = 90_000) =>
  waitForRequestState(requestState(requestId), states, timeoutMs);

export async function stepRow(requestId: string, kind: "PROVISION" | "REVOKE", key: string) {
  return db.provisioningStep.findFirstOrThrow({ where: { run: { requestId, kind }, key } });
}

export async function accountLocators(): Promise<Map<string, string>> {
  return new Map(
    (await db.providerAccount.findMany({ select: { id: true, locator: true } })).map((a) => [a.id, a.locator]),
  );
}

export type ShareFacts = {
  shareAccounts: string[] | null;
  grants: number;
  sourceRows: number;
  replicaRows: number | null;
};

/** The share as Snowflake has it (accounts it is shared with, grants) and its entitlement rows in source and replica. */
export async function shareFacts(executors: Executors, plan: Plan | RevocationPlan): Promise<ShareFacts> {
  const shareAccount = await executors.forAccount(plan.shareAccountId);
  const shares = await shareAccount.run(sql`SHOW SHARES LIKE ${sqlStringLiteral(plan.shareName)}`.toStatement());
  const outbound = shares.rows.find(
    (r) => String(r.kind) === "OUTBOUND" && String(r.name).split(".").pop() === plan.shareName,
  );
  let grants = 0;
  if (outbound) {
    const rows = (await shareAccount.run(sql`SHOW GRANTS TO SHARE ${quoteIdent(plan.shareName)}`.toStatement())).rows;
    grants = rows.filter((r) => String(r.privilege) !== "OWNERSHIP").length;
  }
  const count = async (accountId: string) => {
    const table = qualified(plan.database, lakeSchemas.sharing, entitlementsTable);
    const executor = await executors.forAccount(accountId);
    const { rows } = await executor.run(
      sql`SELECT COUNT(*) AS "N" FROM ${table} WHERE SHARE_NAME = ${bind(plan.shareName)}`.toStatement(),
    );
    return Number(rows[0].N);
  };
  return {
    shareAccounts: outbound ? String(outbound.to).split(",").filter(Boolean) : null,
    grants,
    sourceRows: await count(plan.sourceAccountId),
    replicaRows: plan.crossRegion ? await count(plan.shareAccountId) : null,
  };
}

/** Consumer-side connections, one per consumer account, opened on first use. */
export function consumers(emulator: TestEmulator) {
  const open = new Map<string, Promise<TestConnection>>();
  const connection = (login: string) => {
    if (!open.has(login)) open.set(login, emulator.connect(login, "ADMIN"));
    return open.get(login)!;
  };
  return {
    /** Mounts the share as a database in the consumer's account and reads one of its views. */
    async mountAndRead(path: SharePath, plan: Plan): Promise<{ database: string; read: () => Promise<unknown> }> {
      const consumer = await connection(sharePaths[path].consumerLogin);
      const database = `M_${plan.shareName}`;
      await consumer.execute(`CREATE DATABASE "${database}" FROM SHARE ${plan.providerAccountRef}."${plan.shareName}"`);
      const read = () => consumer.execute(`SELECT COUNT(*) AS N FROM "${database}".SHARED.${TEST_VIEW}`);
      await read();
      return { database, read };
    },
  };
}
