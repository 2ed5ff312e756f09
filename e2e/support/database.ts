// The test database, for fixtures and "what was stored" assertions. Browser tests sign in as seeded people
// and create data, so they refuse anything but a loopback database (also checked once in global-setup.ts).
// Request lifecycle changes (submit, approve, reject) go through lib/ instead: see lifecycle.ts.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import type { OrgRole } from "../../lib/generated/prisma/enums";
import { createOrganization, createUser } from "../../prisma/seed/factories";

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
    throw new Error(
      `E2E refused: DATABASE_URL points at "${host}", not a local database. Run the browser tests against a throwaway local Postgres.`,
    );
  }
}

let client: PrismaClient | undefined;

export function testDb(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Browser tests that touch the database need DATABASE_URL (npm run test:e2e sets it).");
  assertLocalDatabase(url);
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 3 }) });
  return client;
}

export type TestBrandOptions = {
  /** Prefix of the slug (`<prefix>-<random>`); the planner derives the share name from it (see shareNamePrefix). */
  slugPrefix?: string;
  workspaces?: { name: string; region: string }[];
  members?: { role: OrgRole; name?: string }[];
  /** The contract's datasets; every catalog dataset when absent. */
  datasetKeys?: string[];
  /** Email of the staff member who owns the brand ("assigned to me" in the console). */
  accountManagerEmail?: string;
};

/**
 * A fresh brand, so tests never collide with each other or with the duplicate rule (same consumer, region,
 * workspaces and datasets). By default: one US workspace, an owner and a viewer, every catalog dataset.
 */
export async function createTestBrand(options: TestBrandOptions = {}) {
  const db = testDb();
  const slug = `${options.slugPrefix ?? "brand"}-${randomBytes(3).toString("hex")}`;
  const manager = options.accountManagerEmail
    ? await db.user.findUniqueOrThrow({ where: { email: options.accountManagerEmail } })
    : null;
  const fixture = await createOrganization(db, {
    slug,
    name: `E2E ${slug}`,
    workspaces: options.workspaces ?? [{ name: "Main", region: "AWS_US_EAST_1" }],
    members: options.members ?? [{ role: "OWNER" }, { role: "VIEWER" }],
    datasetKeys: options.datasetKeys,
    accountManagerId: manager?.id ?? null,
  });
  const [owner, viewer] = fixture.members;
  return { ...fixture, owner, viewer };
}

export type TestBrand = Awaited<ReturnType<typeof createTestBrand>>;

/** Makes an existing user (e.g. a staff member) a MEMBER of the brand, so they can submit requests for it. */
export async function addMember(brand: TestBrand, email: string) {
  const db = testDb();
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  await db.membership.create({ data: { userId: user.id, organizationId: brand.organization.id, role: "MEMBER" } });
  return { ...user, role: "MEMBER" as const };
}

/** A fresh account manager (signs in through the email field of the demo sign-in). */
export async function createAccountManager() {
  return createUser(testDb(), {
    staffRole: "ACCOUNT_MANAGER",
    email: `manager-${randomBytes(3).toString("hex")}@floe.test`,
  });
}

/** The share and the plan's facts a consumer needs to mount it (after approval). */
export async function shareFacts(requestId: string) {
  const db = testDb();
  const share = await db.share.findUniqueOrThrow({ where: { requestId }, select: { name: true } });
  const run = await db.provisioningRun.findFirstOrThrow({
    where: { requestId, kind: "PROVISION" },
    select: { plan: true },
  });
  const plan = run.plan as {
    providerAccountRef: string;
    expectedShare: { grants: { grantedOn: string; name: string }[] };
  };
  const view = plan.expectedShare.grants
    .find((g) => g.grantedOn === "VIEW")
    ?.name.split(".")
    .pop();
  if (!view) throw new Error("The plan grants no view");
  return { shareName: share.name, shareRef: `${plan.providerAccountRef}.${share.name}`, view };
}
