import "server-only";
import { db } from "@/lib/db";

const recentRequestLimit = 10;

/** The brand home: its workspaces (with their lake region) and its most recent share requests. */
export async function getOrganizationHome(options: { organizationId: string }) {
  const { organizationId } = options;
  const [workspaces, requests, requestCount, activeShareCount] = await Promise.all([
    db.workspace.findMany({
      where: { organizationId },
      select: { id: true, name: true, region: true },
      orderBy: { name: "asc" },
    }),
    listRecentRequests({ organizationId, take: recentRequestLimit }),
    db.shareRequest.count({ where: { organizationId } }),
    db.shareRequest.count({ where: { organizationId, state: "ACTIVE" } }),
  ]);
  return { workspaces, requests, requestCount, activeShareCount };
}

export type OrganizationRequestRow = Awaited<ReturnType<typeof listRecentRequests>>[number];

/** Newest first; datasets by title. The organisation id is in the where: no other brand's rows can appear. */
export async function listRecentRequests(options: { organizationId: string; take: number; skip?: number }) {
  return db.shareRequest.findMany({
    where: { organizationId: options.organizationId },
    select: {
      id: true,
      state: true,
      consumerAccount: true,
      consumerRegion: true,
      crossRegion: true,
      createdAt: true,
      datasets: { select: { dataset: { select: { title: true } } }, orderBy: { dataset: { title: "asc" } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take,
    skip: options.skip ?? 0,
  });
}
