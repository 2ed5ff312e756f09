// Inputs of the console's request actions, shared by the forms (limits, messages) and the actions (parsing).
// No server imports: client components read the limits from here.
import "@/lib/zod-without-eval";
import { z } from "zod";
import { DECISION_REASON_MAX_LENGTH } from "@/lib/limits";
import {
  REJECTION_REASON_MAX,
  REJECTION_REASON_MIN,
  WAIVER_REASON_MAX,
  rejectionReasonMessage,
} from "./request-actions.limits";

// Client components import the limits from request-actions.limits.ts (no zod in their bundle).
export { REJECTION_REASON_MAX, REJECTION_REASON_MIN, WAIVER_REASON_MAX, rejectionReasonMessage };

const id = z.string().trim().min(1, "Missing id.").max(100, "Invalid id.");

export const requestIdSchema = z.object({ requestId: id });

export const rejectRequestSchema = z.object({
  requestId: id,
  reason: z
    .string({ error: rejectionReasonMessage })
    .trim()
    .min(REJECTION_REASON_MIN, rejectionReasonMessage)
    .max(REJECTION_REASON_MAX, rejectionReasonMessage),
});

export const cancelRunSchema = z.object({ requestId: id, runId: id });

export const revokeShareSchema = z.object({
  requestId: id,
  /** The consumer account typed by the account manager, as a deliberate confirmation of which share goes. */
  confirmAccount: z
    .string({ error: "Type the consumer account to confirm." })
    .trim()
    .min(1, "Type the consumer account to confirm.")
    .max(300),
  reason: z
    .string()
    .trim()
    .max(DECISION_REASON_MAX_LENGTH, `Keep the reason under ${DECISION_REASON_MAX_LENGTH} characters.`)
    .optional()
    .transform((value) => value || null),
});

export type RevokeShareInput = z.infer<typeof revokeShareSchema>;

export const WAIVER_REASON_MIN = 3;
/** lib/limits (the ConsumerAccountProof CHECK carries the same number). */

export const waiveProofSchema = z.object({
  requestId: id,
  reason: z
    .string({ error: "Give the reason for waiving the proof." })
    .trim()
    .min(WAIVER_REASON_MIN, {
      error: `Give a reason of ${WAIVER_REASON_MIN} to ${WAIVER_REASON_MAX} characters; it is kept in the audit log.`,
    })
    .max(WAIVER_REASON_MAX, {
      error: `Give a reason of ${WAIVER_REASON_MIN} to ${WAIVER_REASON_MAX} characters; it is kept in the audit log.`,
    }),
});
