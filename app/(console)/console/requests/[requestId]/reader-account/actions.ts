"use server";

import { z } from "zod";
import { accountManagerAction } from "@/lib/actions/safe-action";
import { ID_MAX_LENGTH } from "@/lib/limits";
import { reissueCredentialLink } from "@/lib/reader-accounts/reissue-link";

// Staff send a reader account's brand a new single-use login link (lib/reader-accounts checks the staff role again).
export const reissueReaderLinkAction = accountManagerAction(
  { name: "reissueReaderLink", schema: z.object({ requestId: z.string().min(1).max(ID_MAX_LENGTH) }) },
  async (input, ctx) => reissueCredentialLink({ requestId: input.requestId, actorId: ctx.user.id }),
);
