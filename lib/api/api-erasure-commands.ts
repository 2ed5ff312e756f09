import "server-only";
import { z } from "zod";
import { invalidInputError, notFoundError } from "@/lib/errors";
import { fileErasureRequest } from "@/lib/erasure/erasure-queue";
import { getOrganizationErasure, listOrganizationErasures, type ErasureReceipt } from "@/lib/erasure/erasure-queries";
import { prepareSubjects } from "@/lib/erasure/subject-identifiers";
import { parsePage } from "@/lib/pagination";
import type { ApiPrincipal } from "./api-tokens";
import { createErasureBodySchema, idempotencyKeySchema } from "./api-erasure-schemas";

// The erasure routes, on the portal's rules and commands; the organisation is always the token's.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toApiErasure(e: ErasureReceipt) {
  return {
    id: e.id,
    state: e.state,
    source: e.source,
    workspaceId: e.workspaceId,
    requested: e.requestedCount,
    duplicates: e.duplicateCount,
    matched: e.matchedCount,
    unknown: e.unknownCount,
    createdAt: e.createdAt.toISOString(),
    dueAt: e.dueAt.toISOString(),
    completedAt: iso(e.completedAt),
    regions: e.regions.map((r) => ({
      region: r.region,
      role: r.role as "PRIMARY" | "REPLICA",
      keysErased: r.matchedKeys,
      erasedAt: iso(r.erasedAt),
      refreshedAt: iso(r.refreshedAt),
      verifiedAt: iso(r.verifiedAt),
    })),
  };
}

export async function getApiErasure(principal: ApiPrincipal, erasureId: string) {
  const erasure = await getOrganizationErasure({ organizationId: principal.organization.id, erasureId });
  if (!erasure) throw notFoundError("erasure request");
  return toApiErasure(erasure);
}

export async function listApiErasures(principal: ApiPrincipal, params: URLSearchParams) {
  const page = await listOrganizationErasures({
    organizationId: principal.organization.id,
    page: parsePage(params.get("page") ?? undefined),
  });
  const full = await Promise.all(page.items.map((e) => getApiErasure(principal, e.id)));
  return { items: full, page: page.page, pageCount: page.pageCount, total: page.total };
}

/** 201 with the new request, or 200 with the one an earlier call with the same Idempotency-Key made. */
export async function createApiErasure(principal: ApiPrincipal, body: unknown, idempotencyKey: string | null) {
  const shape = createErasureBodySchema.safeParse(body ?? {});
  if (!shape.success) {
    const flat = z.flattenError(shape.error);
    throw invalidInputError(flat.formErrors[0] ?? "The request has invalid fields.", {
      fieldErrors: flat.fieldErrors as Record<string, string[]>,
    });
  }
  const key = idempotencyKey === null ? null : idempotencyKeySchema.safeParse(idempotencyKey);
  if (key && !key.success)
    throw invalidInputError("The Idempotency-Key header must be 1 to 200 characters.", {
      fieldErrors: { "Idempotency-Key": ["must be 1 to 200 characters"] },
    });
  // Index from 0, as the array in the body.
  const prepared = prepareSubjects(shape.data.identifiers, 0);
  if (prepared.errors.length > 0)
    throw invalidInputError(`${prepared.errors.length} identifier(s) need fixing; nothing was filed.`, {
      fieldErrors: { identifiers: prepared.errors.slice(0, 100).map((e) => `identifiers[${e.row}]: ${e.message}`) },
    });
  const filed = await fileErasureRequest({
    organizationId: principal.organization.id,
    workspaceId: shape.data.workspaceId ?? null,
    requestedById: principal.user.id,
    source: "API",
    idempotencyKey: key ? key.data : null,
    subjects: prepared.subjects,
    duplicates: prepared.duplicates,
  });
  return { created: filed.created, erasure: await getApiErasure(principal, filed.id) };
}
