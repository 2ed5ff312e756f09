// The share-request form's field names and the one outcome besides success, without zod: the browser form
// imports these, and importing them from share-request.schema.ts would ship zod (and the whole schema) in
// the new-request page's first-load JavaScript. The schema imports them from here, so both agree.

/** Field names the form shows errors beside; anything else is shown at the top of the form. */
export const shareRequestFields = [
  "workspaceIds",
  "datasetKeys",
  "pastedAccountDetails",
  "consumerAccount",
  "consumerRegion",
  "includePii",
  "endsAt",
  "note",
] as const;

export type SubmitShareRequestOutcome = { outcome: "duplicate"; existingRequestId: string; message: string };
