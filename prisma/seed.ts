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
  await runSeed(url);
  console.log("Seeded the demo world.");
}
