// The share-request form's schema, used by the browser form (live hints) and the server action (the
// authority). No server imports. The consumer account and region go through lib/snowflake's shared schema,
// so the identifier is normalised (ORG.ACCOUNT or LOCATOR) exactly as the planner expects it.
import "@/lib/zod-without-eval";
import { z } from "zod";
import { parseConsumerAccount } from "@/lib/snowflake/account-identifier";
import { consumerTargetSchema, snowflakeRegionSchema } from "@/lib/snowflake/account-identifier.schema";
import { DECISION_REASON_MAX_LENGTH, ID_MAX_LENGTH, REQUEST_NOTE_MAX_LENGTH } from "@/lib/limits";

// FormData sends a key once as a string and several times as an array (lib/actions/form-data.ts).
const stringList = (emptyMessage: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().trim().min(1).max(64)).max(50, { error: "Too many selected." }).min(1, { error: emptyMessage }),
  );

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const NOTE_MAX_LENGTH = REQUEST_NOTE_MAX_LENGTH;

export const shareRequestSchema = z
  .object({
    orgSlug: z.string().min(1).max(ID_MAX_LENGTH),
    workspaceIds: stringList("Choose at least one workspace."),
    datasetKeys: stringList("Choose at least one dataset."),
    // Checked on its own here so its error shows up together with the others; normalised below.
    consumerAccount: z.string({ error: "Enter your Snowflake account identifier." }).superRefine((value, ctx) => {
      const parsed = parseConsumerAccount(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
    consumerRegion: snowflakeRegionSchema,
    includePii: checkbox.default(false),
    note: z.string().trim().max(NOTE_MAX_LENGTH, { error: `The note can be at most ${NOTE_MAX_LENGTH} characters.` }).optional(),
  })
  .transform((value, ctx) => {
    // Identifier and region together: region segments typed after a locator must match the region.
    const target = consumerTargetSchema.safeParse({ consumerAccount: value.consumerAccount, consumerRegion: value.consumerRegion });
    if (!target.success) {
      for (const issue of target.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return {
      ...value,
      consumerAccount: target.data.consumerAccount,
      consumerRegion: target.data.consumerRegion,
      note: value.note ? value.note : undefined,
    };
  });

/** Field names the form shows errors beside; anything else is shown at the top of the form. */
export const shareRequestFields = ["workspaceIds", "datasetKeys", "consumerAccount", "consumerRegion", "includePii", "note"] as const;

export const requestIdSchema = z.object({
  orgSlug: z.string().min(1).max(ID_MAX_LENGTH),
  requestId: z.string().min(1).max(64),
});

export const revocationRequestSchema = requestIdSchema.extend({
  reason: z.string().trim().max(DECISION_REASON_MAX_LENGTH, { error: `The reason can be at most ${DECISION_REASON_MAX_LENGTH} characters.` }).optional(),
});

/** What the submit action returns when it does not redirect: a refused duplicate, with the request to open. */
export type SubmitShareRequestOutcome = { outcome: "duplicate"; existingRequestId: string; message: string };
