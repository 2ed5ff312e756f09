import "server-only";
// Reads of erasure requests for the portal, the console and the API: always within one organisation (the
// caller's tenant) — an id of another brand's request is simply not found.
import { db } from "@/lib/db";
import { DEFAULT_PAGE_SIZE, pageCountFor, type Page } from "@/lib/pagination";

const listSelect = {
  id: true,
  source: true,
  state: true,
  requestedCount: true,
  matchedCount: true,
  unknownCount: true,
  duplicateCount: true,
  dueAt: true,
  createdAt: true,
  completedAt: true,
  filedByStaffId: true,
  workspaceId: true,
  workspace: { select: { name: true } },
  // Snowflake's text of the last failure: staff see it (console); brand pages and the API never render it.
  lastError: true,
} as const;

export type ErasureListRow = Awaited<ReturnType<typeof listOrganizationErasures>>["items"][number];

/** One page of the organisation's erasure requests, newest first. */
export async function listOrganizationErasures(options: { organizationId: string; page: number; pageSize?: number }) {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const where = { organizationId: options.organizationId };
  const total = await db.erasureRequest.count({ where });
  const pageCount = pageCountFor(total, pageSize);
  const page = Math.min(options.page, pageCount);
  const items = await db.erasureRequest.findMany({
    where,
    select: listSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize,
    skip: (page - 1) * pageSize,
  });
  return { items, page, pageCount, total } satisfies Page<(typeof items)[number]>;
}

export type ErasureReceipt = NonNullable<Awaited<ReturnType<typeof getOrganizationErasure>>>;

/** One request with its per-region receipt, or null when it is not this organisation's. */
export async function getOrganizationErasure(options: { organizationId: string; erasureId: string }) {
  return db.erasureRequest.findFirst({
    where: { id: options.erasureId, organizationId: options.organizationId },
    select: {
      ...listSelect,
      attempts: true,
      startedAt: true,
      regions: { orderBy: [{ role: "asc" }, { region: "asc" }] },
    },
  });
}

/** The workspaces an erasure can be limited to (the form's choice). */
export async function erasureWorkspaces(organizationId: string) {
  return db.workspace.findMany({
    where: { organizationId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Staff (console): the brands to pick from. */
export async function erasureBrands() {
  return db.organization.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } });
}

export async function organizationExists(organizationId: string): Promise<boolean> {
  return (await db.organization.count({ where: { id: organizationId } })) === 1;
}
