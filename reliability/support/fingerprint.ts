// A fingerprint of every application table (row count and a hash of every row), so a refused call can be
// shown to have changed nothing at all — not only the row the test happened to look at.
import { db } from "@/lib/db";

export type Fingerprint = Record<string, { rows: number; hash: string }>;

let tables: string[] | undefined;

export async function fingerprint(): Promise<Fingerprint> {
  tables ??= (
    await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    )
  ).map((t) => t.name);
  const out: Fingerprint = {};
  for (const table of tables) {
    const [row] = await db.$queryRawUnsafe<{ rows: number; hash: string }[]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${table}" t`,
    );
    out[table] = row;
  }
  return out;
}

/** Row counts of every application table in one round trip (cheap enough to take around each hostile call). */
export async function rowCounts(): Promise<Record<string, number>> {
  if (!tables) await fingerprint();
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(
    `SELECT ${tables!.map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(", ")}`,
  );
  return row;
}
