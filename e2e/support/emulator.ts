// The Snowflake emulator as the browser tests see it: its admin API (fault rules) and the brand's side of
// a share — a snowflake-sdk connection to a consumer account, as a brand's data team would connect, to
// prove that access appears and disappears for real.
import snowflake from "snowflake-sdk";
import { createAdminClient } from "../../emulator/admin-client";

snowflake.configure({ logLevel: "ERROR" });

type Row = Record<string, unknown>;

/** EMULATOR_URL, or a loud failure: these tests never skip. */
export function emulatorUrl(): string {
  const url = process.env.EMULATOR_URL;
  if (!url) {
    throw new Error(
      "EMULATOR_URL is not set. The browser tests need the Snowflake emulator: run them with `npm run test:e2e`, which starts it and sets EMULATOR_URL.",
    );
  }
  return url;
}

/** The emulator's admin API (fault injection, query log). */
export function emulatorAdmin() {
  const token = process.env.EMULATOR_ADMIN_TOKEN;
  if (!token)
    throw new Error(
      "EMULATOR_ADMIN_TOKEN is not set: run the browser tests with `npm run test:e2e`, which starts the emulator and passes its admin token.",
    );
  return createAdminClient(emulatorUrl(), token);
}

/** `parameters`: statement parameters sent with this one call, e.g. `{ MULTI_STATEMENT_COUNT: 0 }` for a whole script. */
export type Consumer = {
  run: (sql: string, parameters?: Record<string, unknown>, binds?: snowflake.Binds) => Promise<Row[]>;
  close: () => Promise<void>;
};

/** Connects as the admin of a consumer account in the emulator (ORG-ACCOUNT form). */
export async function connectConsumer(account = "ACMERETAIL-ANALYTICS"): Promise<Consumer> {
  const connection = snowflake.createConnection({
    account,
    username: "ADMIN",
    password: "emulator",
    accessUrl: emulatorUrl(),
  });
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  return {
    run: (sqlText, parameters, binds) =>
      new Promise((resolve, reject) =>
        connection.execute({
          sqlText,
          ...(parameters ? { parameters } : {}),
          ...(binds ? { binds } : {}),
          complete: (error, _statement, rows) => (error ? reject(error) : resolve((rows ?? []) as Row[])),
        }),
      ),
    close: () => new Promise<void>((resolve) => connection.destroy(() => resolve())),
  };
}

/** Runs statements in order as the consumer, exactly as a customer would paste them into a worksheet; one result per statement. */
export async function runAsConsumer(statements: string[], options: { account?: string } = {}): Promise<Row[][]> {
  const consumer = await connectConsumer(options.account);
  try {
    const results: Row[][] = [];
    for (const sql of statements) results.push(await consumer.run(sql));
    return results;
  } finally {
    await consumer.close();
  }
}

/** Splits pasted SQL into statements: drops comment lines and blank lines, splits on `;` at line ends. */
export function splitStatements(sql: string): string[] {
  return sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n")
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
