// The brand's side of a share: a snowflake-sdk connection to the consumer account in the emulator, as a
// brand's data team would connect, to prove that access appears and disappears for real.
import snowflake from "snowflake-sdk";

snowflake.configure({ logLevel: "ERROR" });

export type Consumer = { run: (sql: string) => Promise<Record<string, unknown>[]>; close: () => Promise<void> };

export async function connectConsumer(account = "ACMERETAIL-ANALYTICS"): Promise<Consumer> {
  const accessUrl = process.env.EMULATOR_URL;
  if (!accessUrl) throw new Error("EMULATOR_URL is not set (npm run test:e2e sets it).");
  const connection = snowflake.createConnection({ account, username: "ADMIN", password: "emulator", accessUrl });
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  return {
    run: (sqlText) =>
      new Promise((resolve, reject) =>
        connection.execute({ sqlText, complete: (error, _statement, rows) => (error ? reject(error) : resolve((rows ?? []) as Record<string, unknown>[])) }),
      ),
    close: () => new Promise<void>((resolve) => connection.destroy(() => resolve())),
  };
}
