import "server-only";
// A promise wrapper over snowflake-sdk: connect with password or key pair, run one statement with binds,
// or several bind-free statements in ONE round trip (multi-statement). Errors come out as
// SnowflakeQueryError with a transient/permanent classification. Settings (passwords, keys) are never
// logged or copied into errors.

import os from "node:os";
import path from "node:path";
import "./aws-sdk-node-warning";
import snowflake from "snowflake-sdk";
import { SnowflakeQueryError, toSnowflakeQueryError } from "./query-error";
import type { BindValue } from "./sql-identifiers";

// The SDK logs every connection at INFO to stdout and ./snowflake.log by default. Floe records what matters
// (query ids, codes, messages) itself, so keep the SDK to errors, in a file outside the working tree.
snowflake.configure({
  logLevel: "ERROR",
  logFilePath: path.join(os.tmpdir(), "floe-snowflake-sdk.log"),
  additionalLogToConsole: false,
});

export type Row = Record<string, unknown>;

export type ConnectionSettings = {
  /** Locator, ORG-ACCOUNT, or what the emulator accepts; with accessUrl for the emulator or PrivateLink. */
  account: string;
  username: string;
  auth:
    | { kind: "password"; password: string }
    | { kind: "key-pair"; privateKeyPem: string; passphrase?: string }
    | { kind: "key-pair-file"; privateKeyPath: string; passphrase?: string };
  accessUrl?: string;
  role?: string;
  warehouse?: string;
  database?: string;
  /** STATEMENT_TIMEOUT_IN_SECONDS sent with every statement; Snowflake cancels longer ones. */
  statementTimeoutSeconds?: number;
};

export type ExecuteResult = { rows: Row[]; queryId: string };
export type BatchResult = { results: ExecuteResult[] };

export type SnowflakeClient = {
  execute(sqlText: string, binds?: BindValue[]): Promise<ExecuteResult>;
  /** Bind-free statements in one request; stops at the first failing statement (Snowflake's behaviour). */
  executeBatch(statements: string[]): Promise<BatchResult>;
  isUp(): boolean;
  close(): Promise<void>;
};

function authOptions(auth: ConnectionSettings["auth"]): Record<string, unknown> {
  switch (auth.kind) {
    case "password":
      return { password: auth.password };
    case "key-pair":
      return { authenticator: "SNOWFLAKE_JWT", privateKey: auth.privateKeyPem, privateKeyPass: auth.passphrase };
    case "key-pair-file":
      return { authenticator: "SNOWFLAKE_JWT", privateKeyPath: auth.privateKeyPath, privateKeyPass: auth.passphrase };
  }
}

type MultiStatement = snowflake.RowStatement & { hasNext?: () => boolean; NextResult?: () => void };

export async function connect(settings: ConnectionSettings): Promise<SnowflakeClient> {
  const connection = snowflake.createConnection({
    account: settings.account,
    username: settings.username,
    accessUrl: settings.accessUrl,
    role: settings.role,
    warehouse: settings.warehouse,
    database: settings.database,
    ...authOptions(settings.auth),
  } as snowflake.ConnectionOptions);
  await new Promise<void>((resolve, reject) =>
    connection.connect((err) => (err ? reject(toSnowflakeQueryError(err)) : resolve())),
  );

  const timeout = settings.statementTimeoutSeconds
    ? { STATEMENT_TIMEOUT_IN_SECONDS: settings.statementTimeoutSeconds }
    : {};

  const execute = (sqlText: string, binds?: BindValue[]) =>
    new Promise<ExecuteResult>((resolve, reject) => {
      connection.execute({
        sqlText,
        binds: binds as snowflake.Binds | undefined,
        parameters: { ...timeout },
        complete: (err, statement, rows) =>
          err
            ? reject(toSnowflakeQueryError(err))
            : resolve({ rows: (rows ?? []) as Row[], queryId: statement.getQueryId() }),
      } as snowflake.StatementOption);
    });

  const executeBatch = (statements: string[]) =>
    new Promise<BatchResult>((resolve, reject) => {
      if (statements.length === 0) return resolve({ results: [] });
      const results: ExecuteResult[] = [];
      connection.execute({
        sqlText: statements.join(";\n"),
        parameters: { ...timeout, MULTI_STATEMENT_COUNT: statements.length },
        // The SDK calls `complete` once per child statement; NextResult() asks for the next one.
        complete: (err, statement, rows) => {
          if (err) return reject(toSnowflakeQueryError(err));
          const multi = statement as MultiStatement;
          results.push({ rows: (rows ?? []) as Row[], queryId: statement.getQueryId() });
          if (multi.hasNext?.()) multi.NextResult?.();
          else resolve({ results });
        },
      } as snowflake.StatementOption);
    });

  return {
    execute,
    executeBatch,
    isUp: () => connection.isUp(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!connection.isUp()) return resolve();
        connection.destroy((err) => (err ? reject(toSnowflakeQueryError(err)) : resolve()));
      }),
  };
}

export { SnowflakeQueryError };
