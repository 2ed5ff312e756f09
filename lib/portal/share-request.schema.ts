// The share-request form's schema, used by the browser form (live hints) and the server action (the
// authority). No server imports. The consumer account and region go through lib/snowflake's shared schema,
// so the identifier is normalised (ORG.ACCOUNT or LOCATOR) exactly as the planner expects it.
import "@/lib/zod-without-eval";
import { z } from "zod";
import { PROOF_CODE_MAX_LENGTH } from "@/lib/limits";
import {
  parseConsumerAccount,
  parseNormalisedConsumerAccount,
  pasteConflicts,
} from "@/lib/snowflake/account-identifier";
import { parsePastedAccountDetails } from "@/lib/snowflake/pasted-account-details";
import { consumerTargetSchema, snowflakeRegionSchema } from "@/lib/snowflake/account-identifier.schema";
import {
  CONSUMER_ACCOUNT_MAX_LENGTH,
  DECISION_REASON_MAX_LENGTH,
  ID_MAX_LENGTH,
  READER_LINK_TOKEN_MAX_LENGTH,
  REQUEST_NOTE_MAX_LENGTH,
} from "@/lib/limits";

// FormData sends a key once as a string and several times as an array (lib/actions/form-data.ts).
const stringList = (emptyMessage: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().trim().min(1).max(64)).max(50, { error: "Too many selected." }).min(1, { error: emptyMessage }),
  );

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const NOTE_MAX_LENGTH = REQUEST_NOTE_MAX_LENGTH;
/** Same limit as lib/snowflake/pasted-account-details (one result row is far shorter). */
export const PASTE_MAX_LENGTH = 10_000;

// Fields both kinds of request share: what to share and when it ends.
const commonFields = {
  orgSlug: z.string().min(1).max(ID_MAX_LENGTH),
  workspaceIds: stringList("Choose at least one workspace."),
  datasetKeys: stringList("Choose at least one dataset."),
  consumerRegion: snowflakeRegionSchema,
  includePii: checkbox.default(false),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_LENGTH, { error: `The note can be at most ${NOTE_MAX_LENGTH} characters.` })
    .optional(),
  // Optional end date (YYYY-MM-DD); the server checks it is in the future and within the maximum.
  endsAt: z
    .string()
    .max(10)
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: "Enter the end date as YYYY-MM-DD." })
    .optional()
    .transform((value) => (value ? value : undefined)),
};

/** The brand's own Snowflake account: identifier + region (+ the optional paste), then proof of control. */
const ownAccountRequestSchema = z
  .object({
    ...commonFields,
    consumerKind: z.literal("OWN_ACCOUNT"),
    // Checked on its own here so its error shows up together with the others; normalised below.
    consumerAccount: z.string({ error: "Enter your Snowflake account identifier." }).superRefine((value, ctx) => {
      const parsed = parseConsumerAccount(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
    // The brand's paste of the account query, sent with the form so the server checks it again.
    pastedAccountDetails: z
      .string()
      .max(PASTE_MAX_LENGTH, { error: "That paste is too long: copy just the result row of the query." })
      .optional()
      .transform((value) => (value && value.trim() !== "" ? value : undefined)),
  })
  .transform((value, ctx) => {
    // Identifier and region together: region segments typed after a locator must match the region.
    const target = consumerTargetSchema.safeParse({
      consumerAccount: value.consumerAccount,
      consumerRegion: value.consumerRegion,
    });
    if (!target.success) {
      for (const issue of target.error.issues)
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    if (value.pastedAccountDetails) {
      const pasted = parsePastedAccountDetails(value.pastedAccountDetails);
      if (!pasted.ok) {
        ctx.addIssue({ code: "custom", path: ["pastedAccountDetails"], message: pasted.message });
        return z.NEVER;
      }
      const conflicts = pasteConflicts(
        parseNormalisedConsumerAccount(target.data.consumerAccount),
        target.data.consumerRegion,
        pasted.value.details,
      );
      for (const [field, message] of Object.entries(conflicts))
        ctx.addIssue({ code: "custom", path: [field], message });
      if (Object.keys(conflicts).length > 0) return z.NEVER;
    }
    return {
      ...value,
      consumerAccount: target.data.consumerAccount,
      consumerRegion: target.data.consumerRegion,
      note: value.note ? value.note : undefined,
    };
  });

/**
 * "We don't have Snowflake": Floe hosts a reader account in the chosen region (lib/reader-accounts). No identifier
 * and no paste: a reader account is Floe's, so there is nothing to prove. Any identifier sent is refused rather
 * than ignored, so a brand that has an account is not silently given a reader account instead.
 */
const readerAccountRequestSchema = z
  .object({
    ...commonFields,
    consumerKind: z.literal("READER_ACCOUNT"),
    consumerAccount: z
      .string()
      .max(CONSUMER_ACCOUNT_MAX_LENGTH)
      .optional()
      .refine((value) => !value || value.trim() === "", {
        error: "A Floe-hosted reader account needs no account identifier: leave it empty, or choose your own account.",
      }),
    pastedAccountDetails: z
      .string()
      .max(PASTE_MAX_LENGTH)
      .optional()
      .refine((value) => !value || value.trim() === "", {
        error: "A Floe-hosted reader account needs no pasted account details.",
      }),
  })
  .transform(({ consumerAccount: _account, pastedAccountDetails: _paste, ...value }) => ({
    ...value,
    consumerAccount: undefined,
    pastedAccountDetails: undefined,
    note: value.note ? value.note : undefined,
  }));

// A request without consumerKind (older forms, the public API) is an own-account request.
export const shareRequestSchema = z.preprocess(
  (value) =>
    value && typeof value === "object" && !Array.isArray(value) && !("consumerKind" in value)
      ? { ...value, consumerKind: "OWN_ACCOUNT" }
      : value,
  z.discriminatedUnion("consumerKind", [ownAccountRequestSchema, readerAccountRequestSchema], {
    error: "Choose your own Snowflake account or a Floe-hosted reader account.",
  }),
);

export { shareRequestFields } from "./share-request-form-fields";

export const requestIdSchema = z.object({
  orgSlug: z.string().min(1).max(ID_MAX_LENGTH),
  requestId: z.string().min(1).max(64),
});

// Same limit as lib/requests/account-proof-code PROOF_CODE_INPUT_MAX; in lib/limits so the proof form
// reads it without pulling zod into its bundle.
export { PROOF_CODE_MAX_LENGTH };

export const accountProofSchema = requestIdSchema.extend({
  code: z
    .string({ error: "Enter the code your Snowflake account shows." })
    .trim()
    .min(1, { error: "Enter the code your Snowflake account shows." })
    .max(PROOF_CODE_MAX_LENGTH, { error: "That is longer than a code: copy just the CODE value." }),
});

export const revocationRequestSchema = requestIdSchema.extend({
  reason: z
    .string()
    .trim()
    .max(DECISION_REASON_MAX_LENGTH, { error: `The reason can be at most ${DECISION_REASON_MAX_LENGTH} characters.` })
    .optional(),
});

/** What the submit action returns when it does not redirect: a refused duplicate, with the request to open. */
export type { SubmitShareRequestOutcome } from "./share-request-form-fields";

/** The brand asks for a later end date (YYYY-MM-DD) of an active share; the server checks the date. */
export const renewalRequestSchema = z.object({
  orgSlug: z.string().min(1).max(ID_MAX_LENGTH),
  requestId: z.string().min(1).max(ID_MAX_LENGTH),
  endsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the new end date as YYYY-MM-DD." }),
});

/** Opens a reader account's single-use login (lib/reader-accounts): the link's token, or none from the request page. */
export const readerLoginSchema = requestIdSchema.extend({
  token: z
    .string()
    .max(READER_LINK_TOKEN_MAX_LENGTH)
    .regex(/^[A-Za-z0-9_-]*$/, { error: "That link is not complete: open it again from the e-mail." })
    .optional()
    .transform((value) => (value ? value : undefined)),
});
