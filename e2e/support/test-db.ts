import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createOrganization } from "../../prisma/seed/factories";
import { assertLocalDatabase } from "./local-database";

// Direct database access for browser tests: fixtures (fresh organisations, so tests never collide as
// duplicates) and "nothing changed" checks. Same local-only guard as the global setup.

let client: PrismaClient | undefined;

export function testDb(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Browser tests that touch the database need DATABASE_URL (npm run test:e2e sets it).");
  assertLocalDatabase(url);
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  return client;
}

/** A fresh brand with one US workspace, an owner and a viewer, allowed every catalog dataset. */
export async function createTestBrand(options: { workspaces?: { name: string; region: string }[] } = {}) {
  const fixture = await createOrganization(testDb(), {
    workspaces: options.workspaces ?? [{ name: "Main", region: "AWS_US_EAST_1" }],
    members: [{ role: "OWNER" }, { role: "VIEWER" }],
  });
  const [owner, viewer] = fixture.members;
  return { ...fixture, owner, viewer };
}
