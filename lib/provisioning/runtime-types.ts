// The port the run executor uses to reach Snowflake: statements on one provider account, inside that
// account's concurrency bound. Wired to snowflake-sdk pools in provider-executors.ts.
import type { Row } from "./plan-checks";
import type { Statement } from "./plan-types";

export type StatementOutcome = { rows: Row[]; queryId: string | null };

/** Statements on one provider account, each call inside that account's concurrency bound. */
export type AccountExecutor = {
  run(statement: Statement): Promise<StatementOutcome>;
  /** Bind-free statements in one multi-statement round trip; one query id per statement. */
  runBatch(statements: Statement[]): Promise<{ queryIds: string[] }>;
};

export type Executors = { forAccount(providerAccountId: string): Promise<AccountExecutor> };
