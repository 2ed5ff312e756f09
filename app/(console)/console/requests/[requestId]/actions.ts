"use server";

import { accountManagerAction } from "@/lib/actions/safe-action";
import { decideRenewalSchema, setEndDateSchema, staffRevokeApiTokenSchema } from "@/lib/console/share-lifecycle.schema";
import { decideShareRenewal, setShareEndDate } from "@/lib/requests/share-renewals";
import { revokeApiToken } from "@/lib/api/api-tokens";

// Staff decisions on a share's end date and renewals, and revoking any brand's API token. The commands
// check the staff role again in their own transaction.

export const setEndDateAction = accountManagerAction(
  { name: "setEndDate", schema: setEndDateSchema },
  async (input, ctx) => {
    const set = await setShareEndDate({ requestId: input.requestId, actorId: ctx.user.id, endsAt: input.endsAt });
    return { endsAt: set.endsAt?.toISOString() ?? null };
  },
);

export const decideRenewalAction = accountManagerAction(
  { name: "decideRenewal", schema: decideRenewalSchema },
  async (input, ctx) =>
    decideShareRenewal({
      renewalId: input.renewalId,
      actorId: ctx.user.id,
      approve: input.approve,
      reason: input.reason ?? null,
    }),
);

export const staffRevokeApiTokenAction = accountManagerAction(
  { name: "staffRevokeApiToken", schema: staffRevokeApiTokenSchema },
  async (input, ctx) => {
    await revokeApiToken({ tokenId: input.tokenId, actorId: ctx.user.id, organizationId: null });
    return { tokenId: input.tokenId };
  },
);
