import "server-only";
import { ConnectionPools } from "@/lib/snowflake/connection-pool";
import type { ConnectionSettings, SnowflakeClient } from "@/lib/snowflake/client";
import { withAccountSlot } from "./account-slots";
import { connectionSettingsFor, loadProviderAccount } from "./provider-accounts";
import type { AccountExecutor, Executors } from "./runtime-types";

// Statements to provider accounts through one bounded snowflake-sdk pool per account (this process) and an
// advisory-lock slot per statement (all processes), so an account's bound holds however many workers run.
// The account row is read on every forAccount (once per step) and its secret on every statement, so an
// admin's change or a rotated key takes effect without a restart; pools follow via their settings fingerprint.

export function createProviderExecutors(
  options: { connect?: (settings: ConnectionSettings) => Promise<SnowflakeClient> } = {},
): Executors & { close(): Promise<void> } {
  const pools = new ConnectionPools(options.connect);

  return {
    async forAccount(accountId: string): Promise<AccountExecutor> {
      const account = await loadProviderAccount(accountId);
      if (!account) throw new Error(`Provider account ${accountId} no longer exists`);
      const settings = () => connectionSettingsFor(account);
      return {
        run: (statement) =>
          withAccountSlot(accountId, account.maxConcurrency, () =>
            pools.withClient(accountId, settings, (client) => client.execute(statement.sql, statement.binds)),
          ),
        runBatch: async (statements) => {
          const batch = await withAccountSlot(accountId, account.maxConcurrency, () =>
            pools.withClient(accountId, settings, (client) => client.executeBatch(statements.map((s) => s.sql))),
          );
          return { queryIds: batch.results.map((r) => r.queryId) };
        },
      };
    },
    close: () => pools.closeAll(),
  };
}
