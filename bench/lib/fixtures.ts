// Brands and share requests for the benchmarks, made the way the app makes them: the seed factories for
// the organisation, lib/requests' submit command for the request (validation, duplicate check, audit).
import { db } from "../../lib/db";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { submitShareRequest } from "../../lib/requests/submit-share-request";
import { createOrganization } from "../../prisma/seed/factories";

let counter = 0;

export async function accountManagerId(): Promise<string> {
  const manager = await db.user.findFirstOrThrow({
    where: { staffRole: "ACCOUNT_MANAGER" },
    orderBy: { email: "asc" },
  });
  return manager.id;
}

/** A brand with one workspace in `region` whose contract includes `datasetKeys`, and an owner. */
export async function createBrand(prefix: string, region: string, datasetKeys: string[]) {
  const slug = `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const fixture = await createOrganization(db as unknown as PrismaClient, {
    slug,
    name: `Bench ${slug}`,
    workspaces: [{ name: "Main", region }],
    members: [{ role: "OWNER" }],
    datasetKeys,
  });
  return {
    organizationId: fixture.organization.id,
    slug,
    ownerId: fixture.members[0].id,
    workspaceIds: fixture.workspaces.map((w) => w.id),
  };
}

export type ShareSpec = {
  lakeRegion: string;
  consumerAccount: string;
  consumerRegion: string;
  datasetKeys: string[];
  includePii: boolean;
};

/** A new brand and its PENDING_APPROVAL request for `spec`; returns the request id. */
export async function brandWithRequest(
  prefix: string,
  spec: ShareSpec,
): Promise<{ requestId: string; slug: string; organizationId: string }> {
  const brand = await createBrand(prefix, spec.lakeRegion, spec.datasetKeys);
  // The brand has proven control of the consumer account (as the demo seed records it), so approval runs
  // straight to ACTIVE instead of stopping at AWAITING_PROOF.
  await db.consumerAccountProof.create({
    data: {
      organizationId: brand.organizationId,
      consumerAccount: spec.consumerAccount,
      consumerRegion: spec.consumerRegion,
      method: "CODE",
    },
  });
  const submitted = await submitShareRequest({
    organizationId: brand.organizationId,
    requestedById: brand.ownerId,
    workspaceIds: brand.workspaceIds,
    datasetKeys: spec.datasetKeys,
    consumerAccount: spec.consumerAccount,
    consumerRegion: spec.consumerRegion,
    includePii: spec.includePii,
  });
  return { requestId: submitted.id, slug: brand.slug, organizationId: brand.organizationId };
}

/** Polls Postgres until every request is in one of `states`; resolves with the time it took. */
export async function waitForStates(
  requestIds: string[],
  states: string[],
  timeoutMs: number,
  pollMs = 25,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const done = await db.shareRequest.count({ where: { id: { in: requestIds }, state: { in: states as never[] } } });
    if (done === requestIds.length) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      const left = await db.shareRequest.groupBy({
        by: ["state"],
        where: { id: { in: requestIds } },
        _count: { _all: true },
      });
      throw new Error(`Timed out after ${timeoutMs} ms: ${left.map((g) => `${g.state} ${g._count._all}`).join(", ")}`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
