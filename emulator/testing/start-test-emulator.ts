// Starts an emulator for a test suite (temp data dir, random port) and connects to it through the
// REAL snowflake-sdk with a promise API. Used by the server's own tests, the engine contract suite and
// the provisioning service's tests.
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import snowflake from "snowflake-sdk";
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from "../index";
import { provisionerKeyPair, publishSeededStore, restoreSeededStore } from "./seeded-store-templates";

snowflake.configure({ logLevel: "ERROR" });

export const TEST_PASSWORD = "test-password";

export type ConnectOptions = {
  /** Defaults to the emulator's password. Ignored when privateKeyPem is given. */
  password?: string;
  /** Key-pair login (SNOWFLAKE_JWT) with this PKCS#8 PEM private key. */
  privateKeyPem?: string;
  role?: string;
  database?: string;
  schema?: string;
  warehouse?: string;
  /** Anything else snowflake.createConnection accepts. */
  extra?: Record<string, unknown>;
};

export type Row = Record<string, unknown>;

export type TestConnection = {
  connection: snowflake.Connection;
  /** Runs one statement; resolves with its rows, rejects with the SDK's error (err.code, err.sqlState). */
  execute<T = Row>(sqlText: string, binds?: snowflake.Binds): Promise<T[]>;
  /** Same, with the statement (query id, column metadata, updated-row count) and extra execute options. */
  executeWithStatement<T = Row>(
    sqlText: string,
    binds?: snowflake.Binds,
    options?: Record<string, unknown>,
  ): Promise<{ rows: T[]; statement: snowflake.RowStatement }>;
  /** Runs several `;`-separated statements in one request (MULTI_STATEMENT_COUNT 0); rows per statement. */
  executeMulti<T = Row>(sqlText: string): Promise<T[][]>;
  close(): Promise<void>;
};

export type TestEmulator = RunningEmulator & {
  dataDir: string;
  password: string;
  /** PKCS#8 PEM private key registered for FLOE_PROVISIONER (when started with provisionerKey: true). */
  provisionerPrivateKeyPem?: string;
  connect(account: string, user: string, options?: ConnectOptions): Promise<TestConnection>;
  /** Closes every connection it opened, the emulator, and deletes the temp data dir. */
  stop(): Promise<void>;
};

export function generateRsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/**
 * Opens a snowflake-sdk connection, wraps it, and keeps it in `open` until closed, so a suite can close
 * whatever its tests left open (shared by this helper and the contract suite's targets).
 */
export async function connectTracked(
  options: snowflake.ConnectionOptions,
  open: Set<TestConnection>,
): Promise<TestConnection> {
  const connection = snowflake.createConnection(options);
  await new Promise<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
  const wrapped = wrapConnection(connection);
  const close = wrapped.close;
  wrapped.close = async () => {
    open.delete(wrapped);
    await close();
  };
  open.add(wrapped);
  return wrapped;
}

export function wrapConnection(connection: snowflake.Connection): TestConnection {
  const executeWithStatement: TestConnection["executeWithStatement"] = (sqlText, binds, options = {}) =>
    new Promise((resolve, reject) => {
      connection.execute({
        sqlText,
        binds,
        ...options,
        complete: (err, statement, rows) => (err ? reject(err) : resolve({ rows: (rows ?? []) as never[], statement })),
      });
    });
  return {
    connection,
    executeWithStatement,
    execute: async <T>(sqlText: string, binds?: snowflake.Binds) =>
      (await executeWithStatement<T>(sqlText, binds)).rows,
    executeMulti: <T>(sqlText: string) =>
      new Promise<T[][]>((resolve, reject) => {
        const all: T[][] = [];
        connection.execute({
          sqlText,
          parameters: { MULTI_STATEMENT_COUNT: 0 },
          complete: (err, statement, rows) => {
            if (err) return reject(err);
            all.push((rows ?? []) as T[]);
            // The SDK calls `complete` once per statement; NextResult() fetches the next child.
            const multi = statement as unknown as { hasNext(): boolean; NextResult(): void };
            if (multi.hasNext()) multi.NextResult();
            else resolve(all);
          },
        } as snowflake.StatementOption);
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!connection.isUp()) return resolve();
        connection.destroy((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export async function startTestEmulator(
  options: Partial<StartEmulatorOptions> & { provisionerKey?: boolean } = {},
): Promise<TestEmulator> {
  const { provisionerKey, ...rest } = options;
  const dataDir = rest.dataDir ?? (await mkdtemp(path.join(tmpdir(), "floe-emulator-test-")));
  // A seed of its own temp dir may come from this run's template (seeded-store-templates.ts).
  const templated = !rest.dataDir && !rest.engine && rest.seed !== false;
  const keys = provisionerKey ? (templated ? provisionerKeyPair() : generateRsaKeyPair()) : undefined;
  const password = rest.password ?? TEST_PASSWORD;
  const provisionerPublicKeyPem = rest.provisionerPublicKeyPem ?? keys?.publicKeyPem;
  // The passwords as the server hands them to the engine (emulator/server/load-engine.ts).
  const seedKind = {
    passwords: { admin: password, provisioner: password, analyst: password },
    provisionerPublicKeyPem,
    lakeRowScale: rest.lakeRowScale,
  };
  const restored = templated && restoreSeededStore(dataDir, seedKind);
  const emulator = await startEmulator({
    logLevel: "error",
    ...rest,
    dataDir,
    password,
    port: rest.port ?? 0,
    provisionerPublicKeyPem,
  });
  if (templated && !restored) publishSeededStore(dataDir, seedKind);
  const open = new Set<TestConnection>();

  async function connect(account: string, user: string, opts: ConnectOptions = {}): Promise<TestConnection> {
    const auth = opts.privateKeyPem
      ? { authenticator: "SNOWFLAKE_JWT", privateKey: opts.privateKeyPem }
      : { password: opts.password ?? password };
    return connectTracked(
      {
        account,
        username: user,
        ...auth,
        accessUrl: emulator.url,
        role: opts.role,
        database: opts.database,
        schema: opts.schema,
        warehouse: opts.warehouse,
        ...opts.extra,
      } as snowflake.ConnectionOptions,
      open,
    );
  }

  return {
    ...emulator,
    dataDir,
    password,
    provisionerPrivateKeyPem: keys?.privateKeyPem,
    connect,
    async stop() {
      await Promise.allSettled([...open].map((c) => c.close()));
      await emulator.close();
      if (!rest.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
