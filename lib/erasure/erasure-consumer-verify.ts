import "server-only";
// Verifies an erasure as the consumers see it (issue 17, item 3), in one region: for every share on this
// provider account that is entitled to the request's workspaces, the share's own views are read as its
// consumer account sees them, through Snowflake's documented SIMULATED_DATA_SHARING_CONSUMER session
// parameter (docs.snowflake.com/en/user-guide/data-sharing-secure-views, "Validate the tables and secure
// view"), on a connection of its own so the parameter never reaches a pooled session. Per share:
//   - no personal value of an erased subject in any of the share's `_ALL` views, and no tombstone of a
//     workspace the consumer account is not entitled to in SHARED.ERASURES: either one fails the request;
//   - SHARED.ERASURES lists exactly the request's tombstones of the share's workspaces: "verified".
// The parameter names an ACCOUNT, not a share, and the page says nothing about which share's context
// (INVOKER_SHARE(), which every view's row access policy reads) a simulated read gets when that account
// receives several shares of the view. A simulation without this share's context shows none of its rows —
// which would pass the personal check vacuously — so the feed count is the proof the read was this share's:
// when it does not match, the share is counted "unverifiable" rather than verified, and the receipt says
// so. The provider-side check (no personal row left for the erased keys) still covers it: every view reads
// only those rows.
import { withAccountSlot } from "@/lib/provisioning/account-slots";
import { connectionSettingsFor, type ProviderAccountRow } from "@/lib/provisioning/provider-accounts";
import type { AccountExecutor } from "@/lib/provisioning/runtime-types";
import { connect } from "@/lib/snowflake/client";
import { quoteIdent, sql, type Sql } from "@/lib/snowflake/sql-identifiers";
import {
  affectedShares,
  consumerErasureRead,
  endConsumerSimulation,
  personalViews,
  simulateConsumerSession,
} from "./erasure-consumer-statements";
import { erasuresView } from "./identity-objects";

export type ConsumerCheck = {
  shareName: string;
  consumerAccount: string;
  status: "verified" | "unverifiable";
  /** The request's tombstones in the share's workspaces (what its consumer must see in the feed). */
  tombstones: number;
};

export type ConsumerVerification = { verified: number; unverifiable: number; checks: ConsumerCheck[] };

const text = (v: unknown) =>
  String(v ?? "")
    .replace(/"/g, "")
    .trim()
    .toUpperCase();
const cell = (row: Record<string, unknown>, column: string) =>
  row[Object.keys(row).find((k) => k.toLowerCase() === column.toLowerCase()) ?? column];

export async function verifyAsConsumers(options: {
  account: ProviderAccountRow;
  executor: AccountExecutor;
  database: string;
  requestId: string;
  workspaceIds: string[];
}): Promise<ConsumerVerification> {
  const { account, executor, database, requestId } = options;
  if (options.workspaceIds.length === 0) return { verified: 0, unverifiable: 0, checks: [] };
  const lake = { database };
  const entitled = (await executor.run(affectedShares(lake, options.workspaceIds, account.region).toStatement())).rows;
  const shown = await executor.run(sql`SHOW SHARES`.toStatement());
  // The shares that live on this account (in-region on the lake, cross-region on the replica).
  const here = new Set(
    shown.rows.filter((r) => text(cell(r, "kind")) === "OUTBOUND").map((r) => text(cell(r, "name")).split(".").pop()),
  );
  const shares = entitled
    .map((r) => ({ shareName: String(cell(r, "SHARE_NAME")), consumerAccount: String(cell(r, "CONSUMER_ACCOUNT")) }))
    .filter((s) => here.has(s.shareName.toUpperCase()));
  if (shares.length === 0) return { verified: 0, unverifiable: 0, checks: [] };

  const reads: { share: (typeof shares)[number]; read: Sql }[] = [];
  const personal = personalViews();
  for (const share of shares) {
    const grants = await executor.run(sql`SHOW GRANTS TO SHARE ${quoteIdent(share.shareName)}`.toStatement());
    const views = grants.rows
      .filter((r) => text(cell(r, "granted_on")) === "VIEW")
      .map((r) => text(cell(r, "name")).split(".").pop()!)
      .filter((v) => personal.has(v) && v !== erasuresView)
      .sort()
      .map((view) => ({ view, columns: personal.get(view)! }));
    reads.push({ share, read: consumerErasureRead(lake, requestId, share.shareName, share.consumerAccount, views) });
  }

  const checks = await withAccountSlot(account.id, account.maxConcurrency, async () => {
    const client = await connect(connectionSettingsFor(account));
    const run = (statement: Sql) => {
      const s = statement.toStatement();
      return client.execute(s.sql, s.binds);
    };
    try {
      const out: ConsumerCheck[] = [];
      for (const { share, read } of reads) {
        await run(simulateConsumerSession(share.consumerAccount));
        const row = (await run(read)).rows[0] ?? {};
        const n = (c: string) => Number(cell(row, c) ?? 0);
        const where = `share ${share.shareName} (consumer ${share.consumerAccount}, ${account.region})`;
        if (n("PERSONAL") !== 0)
          throw new Error(`${where} still shows ${n("PERSONAL")} personal value(s) of erased subjects`);
        if (n("FOREIGN") !== 0)
          throw new Error(`${where}: ${erasuresView} shows ${n("FOREIGN")} tombstone(s) of workspaces not entitled`);
        const status = n("FEED") === n("EXPECTED") ? "verified" : "unverifiable";
        out.push({ ...share, status, tombstones: n("EXPECTED") });
      }
      await run(endConsumerSimulation());
      return out;
    } finally {
      await client.close().catch(() => undefined);
    }
  });
  return {
    verified: checks.filter((c) => c.status === "verified").length,
    unverifiable: checks.filter((c) => c.status === "unverifiable").length,
    checks,
  };
}
