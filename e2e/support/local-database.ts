// Browser tests sign in as seeded people and may create data: they must never point at a shared or
// production database. Only loopback hosts are accepted.
const localHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalDatabase(url: string | undefined): void {
  if (!url) return; // the server under test then uses its own configuration; nothing here touches a database
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Error("E2E refused: DATABASE_URL is not a valid URL.");
  }
  if (!localHosts.has(host)) {
    throw new Error(`E2E refused: DATABASE_URL points at "${host}", not a local database. Run the browser tests against a throwaway local Postgres.`);
  }
}
