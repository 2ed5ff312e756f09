import "server-only";
import { ConnectionPools } from "@/lib/snowflake/connection-pool";
import { withAccountSlot } from "./account-slots";
import { connectionSettingsFor, loadProviderAccounts, type ProviderAccountRow } from "./provider-accounts";
import type { AccountExecutor, Executors } from "./runtime-types";

// Statements to provider accounts through one bounded snowflake-sdk pool per account (this process) and an
// advisory-lock slot per statement (all processes), so an account's bound holds however many workers run.

export function createProviderExecutors(): Executors & { close(): Promise<void> } {
  let accounts: Map<string, ProviderAccountRow> | undefined;
  const pools = new ConnectionPools((accountId) => {
    const account = accounts?.get(accountId);
    if (!account) throw new Error(`Unknown provider account ${accountId}`);
    return connectionSettingsFor(account);
  });

  async function account(accountId: string): Promise<ProviderAccountRow> {
    if (!accounts?.has(accountId)) accounts = new Map((await loadProviderAccounts()).map((a) => [a.id, a]));
    const found = accounts.get(accountId);
    if (!found) throw new Error(`Provider account ${accountId} no longer exists`);
    return found;
  }

  return {
    async forAccount(accountId: string): Promise<AccountExecutor> {
      const { maxConcurrency } = await account(accountId);
      const pool = pools.for(accountId);
      return {
        run: (statement) =>
          withAccountSlot(accountId, maxConcurrency, () => pool.withClient((client) => client.execute(statement.sql, statement.binds))),
        runBatch: async (statements) => {
          const batch = await withAccountSlot(accountId, maxConcurrency, () => pool.withClient((client) => client.executeBatch(statements.map((s) => s.sql))));
          return { queryIds: batch.results.map((r) => r.queryId) };
        },
      };
    },
    close: () => pools.closeAll(),
  };
}
