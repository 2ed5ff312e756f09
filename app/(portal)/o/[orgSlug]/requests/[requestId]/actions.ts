"use server";

import { orgScopedAction } from "@/lib/actions/safe-action";
import { requestIdSchema, revocationRequestSchema } from "@/lib/portal/share-request.schema";
import { revokeAndDeprovision } from "@/lib/provisioning/provision-commands";
import { cancelShareRequest } from "@/lib/requests/cancel-share-request";

// Both commands take the organisation from the verified membership, never from the form: a request id of
// another brand is simply not found inside lib/requests, and nothing changes.

export const cancelRequestAction = orgScopedAction({ name: "cancelRequest", schema: requestIdSchema, minRole: "MEMBER" }, async (input, ctx) =>
  cancelShareRequest({ requestId: input.requestId, organizationId: ctx.organization.id, actorId: ctx.user.id }),
);

export const requestRevocationAction = orgScopedAction({ name: "requestRevocation", schema: revocationRequestSchema, minRole: "MEMBER" }, async (input, ctx) => {
  const revoked = await revokeAndDeprovision({ requestId: input.requestId, organizationId: ctx.organization.id, actorId: ctx.user.id, reason: input.reason ?? null });
  return { requestId: revoked.requestId };
});
