"use server";

import { orgScopedAction } from "@/lib/actions/safe-action";
import { previewExecutors } from "@/lib/catalog/preview-executors";
import { readerLoginSchema } from "@/lib/portal/share-request.schema";
import { revealReaderCredentials, type RevealOutcome } from "@/lib/reader-accounts/reveal-credentials";

// Shows a Floe-hosted reader account's login once. The organisation comes from the verified membership; without the
// link's token lib/reader-accounts also requires an owner or the requester. A POST, never a GET: mail scanners that
// fetch links must not use the link up.
export const revealReaderLoginAction = orgScopedAction(
  { name: "revealReaderLogin", schema: readerLoginSchema, minRole: "MEMBER" },
  async (input, ctx): Promise<RevealOutcome> =>
    revealReaderCredentials({
      organizationId: ctx.organization.id,
      requestId: input.requestId,
      userId: ctx.user.id,
      token: input.token,
      executors: previewExecutors(),
    }),
);
