// npm run db:seed — the demo world (brands, workspaces, users, staff, datasets, provider accounts).
// `npm run dev` runs it on every start; it is idempotent.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemoWorld } from "./seed/demo-world";

export async function runSeed(databaseUrl: string, options: { providerSecretRef?: string } = {}) {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    await seedDemoWorld(db, options);
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. `npm run dev` seeds the embedded database for you.");
    process.exit(2);
  }
  // Unreachable: one sentence saying what to do (scripts/lib/start-error.ts), not a Prisma stack trace.
  const [{ ensurePostgres }, { orExit }] = await Promise.all([
    import("../scripts/lib/postgres"),
    import("../scripts/lib/start-error"),
  ]);
  await orExit(ensurePostgres("dev"));
  await runSeed(url);
  console.log("Seeded the demo world.");
}
