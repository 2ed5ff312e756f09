"use server";

import { orgScopedAction } from "@/lib/actions/safe-action";
import {
  accountProofSchema,
  renewalRequestSchema,
  requestIdSchema,
  revocationRequestSchema,
} from "@/lib/portal/share-request.schema";
import { requestShareRenewal } from "@/lib/requests/share-renewals";
import { proveAndRelease, revokeAndDeprovision } from "@/lib/provisioning/provision-commands";
import { checkMyShare } from "@/lib/provisioning/drift/share-check-commands";
import { cancelShareRequest } from "@/lib/requests/cancel-share-request";

// Both commands take the organisation from the verified membership, never from the form: a request id of
// another brand is simply not found inside lib/requests, and nothing changes.

export const cancelRequestAction = orgScopedAction(
  { name: "cancelRequest", schema: requestIdSchema, minRole: "MEMBER" },
  async (input, ctx) =>
    cancelShareRequest({ requestId: input.requestId, organizationId: ctx.organization.id, actorId: ctx.user.id }),
);

export const requestRevocationAction = orgScopedAction(
  { name: "requestRevocation", schema: revocationRequestSchema, minRole: "MEMBER" },
  async (input, ctx) => {
    const revoked = await revokeAndDeprovision({
      requestId: input.requestId,
      organizationId: ctx.organization.id,
      actorId: ctx.user.id,
      reason: input.reason ?? null,
    });
    return { requestId: revoked.requestId };
  },
);

// The one-time code the brand read through the share. lib/requests counts wrong codes (and locks entry
// after too many) in its own transaction, so a flood of calls here cannot guess it.
export const proveAccountAction = orgScopedAction(
  { name: "proveAccount", schema: accountProofSchema, minRole: "MEMBER" },
  async (input, ctx) => {
    const proven = await proveAndRelease({
      requestId: input.requestId,
      organizationId: ctx.organization.id,
      actorId: ctx.user.id,
      code: input.code,
    });
    return { requestId: proven.requestId };
  },
);

// "Check my share": the drift check of the brand's own ACTIVE share (tenant from the membership; limited per
// request and per brand inside checkMyShare, after the tenant check). Drift found is repaired or reported.
export const checkMyShareAction = orgScopedAction(
  { name: "checkMyShare", schema: requestIdSchema, minRole: "MEMBER" },
  async (input, ctx) =>
    checkMyShare({ requestId: input.requestId, organizationId: ctx.organization.id, actorId: ctx.user.id }),
);

// A later end date for an active share; staff decide it in the console.
export const requestRenewalAction = orgScopedAction(
  { name: "requestRenewal", schema: renewalRequestSchema, minRole: "MEMBER" },
  async (input, ctx) =>
    requestShareRenewal({
      organizationId: ctx.organization.id,
      requestId: input.requestId,
      actorId: ctx.user.id,
      endsAt: input.endsAt,
    }),
);
