import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's native schema engine cannot be downloaded here (and need not be anywhere): the WASM engine
// ("js") drives migrations through the same pg driver adapter the app uses.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error(
        "DATABASE_URL is not set: run through `npm run db:migrate`, which starts the embedded PostgreSQL.",
      );
    return wholeScriptMigrations(new PrismaPg({ connectionString }));
  },
});

/**
 * adapter-pg 7.10 runs a migration script by splitting it on every ";", which breaks any statement with a
 * semicolon inside (a PL/pgSQL trigger function). PostgreSQL's simple query protocol takes a whole script
 * in one call and runs it as one implicit transaction, so we hand it the script unsplit.
 */
function wholeScriptMigrations(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const internals = adapter as unknown as {
      client: { query(sql: string): Promise<unknown> };
      onError(error: unknown): never;
    };
    adapter.executeScript = async (script: string) => {
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}
