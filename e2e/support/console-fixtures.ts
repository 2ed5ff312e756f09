// Data for the console's browser tests, written straight into the test database (the Playwright process
// gets DATABASE_URL). Each call makes a fresh brand, so tests never collide with each other or with the
// duplicate rule (same consumer, region, workspaces and datasets). The request rows mirror what
// lib/requests/submit-share-request writes (request, its workspaces and datasets, the audit event); that
// module itself is server-only and cannot be imported outside the app.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createOrganization, createUser } from "../../prisma/seed/factories";
import { assertLocalDatabase } from "./local-database";

let client: PrismaClient | undefined;

export function testDb(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("The console browser tests need DATABASE_URL (npm run test:e2e sets it).");
  assertLocalDatabase(url);
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 3 }) });
  return client;
}

export type PendingRequestOptions = {
  /** Prefix of the brand's slug; the share name starts with FLOE_<PREFIX>_... so fault rules can target it. */
  slugPrefix?: string;
  consumerAccount?: string;
  consumerRegion?: string;
  workspaceRegion?: string;
  datasetKeys?: string[];
  /** Email of the staff member who owns the brand ("assigned to me"). */
  accountManagerEmail?: string;
  /** Submitted by this (staff) user instead of a brand member, to test self-approval. */
  requesterEmail?: string;
};

export async function createPendingRequest(options: PendingRequestOptions = {}) {
  const db = testDb();
  const suffix = randomBytes(3).toString("hex");
  const slug = `${options.slugPrefix ?? "e2e"}-${suffix}`;
  const manager = options.accountManagerEmail ? await db.user.findUniqueOrThrow({ where: { email: options.accountManagerEmail } }) : null;
  const workspaceRegion = options.workspaceRegion ?? "AWS_US_EAST_1";
  const consumerRegion = options.consumerRegion ?? "AWS_US_EAST_1";
  const datasetKeys = options.datasetKeys ?? ["messaging-email"];
  const fixture = await createOrganization(db, {
    slug,
    name: `E2E ${slug}`,
    workspaces: [{ name: "Web", region: workspaceRegion }],
    members: [{ role: "MEMBER", name: `Requester ${suffix}` }],
    datasetKeys,
    accountManagerId: manager?.id ?? null,
  });
  let requester = fixture.members[0];
  if (options.requesterEmail) {
    const staff = await db.user.findUniqueOrThrow({ where: { email: options.requesterEmail } });
    await db.membership.create({ data: { userId: staff.id, organizationId: fixture.organization.id, role: "MEMBER" } });
    requester = { ...staff, role: "MEMBER" };
  }
  const consumerAccount = options.consumerAccount ?? "ACMERETAIL.ANALYTICS";
  const request = await db.$transaction(async (tx) => {
    const created = await tx.shareRequest.create({
      data: {
        organizationId: fixture.organization.id,
        requestedById: requester.id,
        consumerAccount,
        consumerRegion,
        lakeRegion: workspaceRegion,
        crossRegion: consumerRegion !== workspaceRegion,
        includePii: false,
      },
    });
    await tx.shareRequestWorkspace.createMany({ data: fixture.workspaces.map((w) => ({ requestId: created.id, organizationId: fixture.organization.id, workspaceId: w.id })) });
    await tx.shareRequestDataset.createMany({ data: fixture.datasets.map((d) => ({ requestId: created.id, datasetId: d.id })) });
    await tx.auditEvent.create({
      data: {
        actorType: "USER",
        actorId: requester.id,
        organizationId: fixture.organization.id,
        requestId: created.id,
        type: "request.submitted",
        details: { consumerAccount, consumerRegion, lakeRegion: workspaceRegion, datasets: datasetKeys },
      },
    });
    return created;
  });
  return { requestId: request.id, organization: fixture.organization, requester, consumerAccount };
}

/** A fresh account manager (signs in through the email field of the demo sign-in). */
export async function createAccountManager() {
  return createUser(testDb(), { staffRole: "ACCOUNT_MANAGER", email: `manager-${randomBytes(3).toString("hex")}@floe.test` });
}

/** The share and the plan's facts a consumer needs to mount it (after approval). */
export async function shareFacts(requestId: string) {
  const db = testDb();
  const share = await db.share.findUniqueOrThrow({ where: { requestId }, select: { name: true } });
  const run = await db.provisioningRun.findFirstOrThrow({ where: { requestId, kind: "PROVISION" }, select: { plan: true } });
  const plan = run.plan as { providerAccountRef: string; expectedShare: { grants: { grantedOn: string; name: string }[] } };
  const view = plan.expectedShare.grants.find((g) => g.grantedOn === "VIEW")?.name.split(".").pop();
  if (!view) throw new Error("The plan grants no view");
  return { shareName: share.name, shareRef: `${plan.providerAccountRef}.${share.name}`, view };
}

/** The share name the planner derives from the slug: FLOE_<SLUG IN CAPS, - → _>_<hash>. */
export function shareNamePrefix(slug: string): string {
  return `FLOE_${slug.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_`;
}
