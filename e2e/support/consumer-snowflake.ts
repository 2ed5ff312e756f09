import snowflake from "snowflake-sdk";

// The brand's side of Snowflake in the emulator: runs SQL as the consumer account's admin, exactly as a
// customer would paste it into a worksheet.

type Row = Record<string, unknown>;

export async function runAsConsumer(statements: string[], options: { account?: string } = {}): Promise<Row[][]> {
  const accessUrl = process.env.EMULATOR_URL;
  if (!accessUrl) throw new Error("EMULATOR_URL is not set (npm run test:e2e starts the emulator and sets it).");
  snowflake.configure({ logLevel: "ERROR" });
  const connection = snowflake.createConnection({ account: options.account ?? "ACMERETAIL-ANALYTICS", username: "ADMIN", password: "emulator", accessUrl });
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  try {
    const results: Row[][] = [];
    for (const sqlText of statements) {
      results.push(
        await new Promise<Row[]>((resolve, reject) =>
          connection.execute({ sqlText, complete: (error, _statement, rows) => (error ? reject(error) : resolve((rows ?? []) as Row[])) }),
        ),
      );
    }
    return results;
  } finally {
    await new Promise<void>((resolve) => connection.destroy(() => resolve()));
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
