import "server-only";
import { z } from "zod";
import { invalidInputError, notFoundError } from "@/lib/errors";
import { shareRequestSchema } from "@/lib/portal/share-request.schema";
import { submissionFromForm } from "@/lib/requests/submission-from-form";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { cancelShareRequest } from "@/lib/requests/cancel-share-request";
import { listRequestsForOrganization } from "@/lib/requests/list-requests-for-organization";
import { getRequestForOrganization } from "@/lib/requests/get-request-for-organization";
import { getRequestStatus } from "@/lib/portal/request-status";
import type { ApiPrincipal } from "./api-tokens";
import { createRequestBodySchema, listQuerySchema } from "./api-schemas";
import { toApiRequest, toApiRequestDetail, toApiShare } from "./api-resources";

// What each API route does, on the portal's own schema, commands and read models. The organisation is
// always the token's (principal.organization.id); the acting user is the token's creator.

function invalid(error: z.ZodError): never {
  const flat = z.flattenError(error);
  const fieldErrors = Object.fromEntries(
    Object.entries(flat.fieldErrors as Record<string, string[] | undefined>).filter(([, v]) => v?.length),
  ) as Record<string, string[]>;
  throw invalidInputError(flat.formErrors[0] ?? "The request has invalid fields.", { fieldErrors });
}

function parseQuery(params: URLSearchParams) {
  const parsed = listQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) invalid(parsed.error);
  return parsed.data;
}

export async function listApiRequests(principal: ApiPrincipal, params: URLSearchParams) {
  const query = parseQuery(params);
  const page = await listRequestsForOrganization({
    organizationId: principal.organization.id,
    states: query.state ? [query.state] : undefined,
    cursor: query.cursor ?? null,
    limit: query.limit,
  });
  return { items: page.items.map(toApiRequest), nextCursor: page.nextCursor };
}

export async function getApiRequest(principal: ApiPrincipal, requestId: string) {
  const request = await getRequestForOrganization({ organizationId: principal.organization.id, requestId });
  if (!request) throw notFoundError();
  return toApiRequestDetail(request);
}

export async function createApiRequest(principal: ApiPrincipal, body: unknown) {
  const shape = createRequestBodySchema.safeParse(body ?? {});
  if (!shape.success) invalid(shape.error);
  // The portal form's schema: the same normalisation and cross-checks as the UI.
  const form = shareRequestSchema.safeParse({ ...shape.data, orgSlug: principal.organization.slug });
  if (!form.success) invalid(form.error);
  const input = form.data;
  const submitted = await submitShareRequest(
    submissionFromForm(input, {
      organizationId: principal.organization.id,
      requestedById: principal.user.id,
      apiTokenId: principal.tokenId,
    }),
  );
  return getApiRequest(principal, submitted.id);
}

export async function cancelApiRequest(principal: ApiPrincipal, requestId: string) {
  await cancelShareRequest({ requestId, organizationId: principal.organization.id, actorId: principal.user.id });
  return getApiRequest(principal, requestId);
}

export async function getApiRequestStatus(principal: ApiPrincipal, requestId: string) {
  const status = await getRequestStatus({ organizationId: principal.organization.id, requestId });
  if (!status) throw notFoundError();
  return status;
}

/** States in which a request has (or had) a Snowflake share. */
const shareStates = ["AWAITING_PROOF", "ACTIVE", "REVOKING", "REVOKED", "FAILED"] as const;

export async function listApiShares(principal: ApiPrincipal, params: URLSearchParams) {
  const query = parseQuery(params);
  if (query.state) throw invalidInputError("Filter shares by page only; `state` is not a filter here.");
  const page = await listRequestsForOrganization({
    organizationId: principal.organization.id,
    states: shareStates,
    cursor: query.cursor ?? null,
    limit: query.limit,
  });
  return { items: page.items.map(toApiShare).filter((s) => s !== null), nextCursor: page.nextCursor };
}
