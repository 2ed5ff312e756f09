import type { z } from "zod";
import type { shareRequestSchema } from "@/lib/portal/share-request.schema";
import type { SubmitShareRequestOptions } from "./submit-share-request";

// The portal form and the public API parse a request with the same schema (lib/portal/share-request.schema)
// and submit it the same way; this is the one mapping from that parsed input to lib/requests' command, so
// a new field reaches both callers at once.

export type ParsedShareRequestForm = z.output<typeof shareRequestSchema>;

export function submissionFromForm(
  input: ParsedShareRequestForm,
  by: Pick<SubmitShareRequestOptions, "organizationId" | "requestedById" | "apiTokenId">,
): SubmitShareRequestOptions {
  return {
    ...by,
    workspaceIds: input.workspaceIds,
    datasetKeys: input.datasetKeys,
    // A reader-account request names no account: Floe chooses its reader account's name (lib/reader-accounts).
    ...(input.consumerKind === "READER_ACCOUNT"
      ? { consumerKind: "READER_ACCOUNT" as const }
      : { consumerKind: "OWN_ACCOUNT" as const, consumerAccount: input.consumerAccount }),
    consumerRegion: input.consumerRegion,
    // Checked again inside lib/requests: the form's own check is a convenience, not the authority.
    pastedAccountDetails: input.pastedAccountDetails ?? null,
    includePii: input.includePii,
    note: input.note ?? null,
    endsAt: input.endsAt ?? null,
  };
}
