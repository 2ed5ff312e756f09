// Inputs of the console's end-date, renewal and API-token actions. Pure.
import "@/lib/zod-without-eval";
import { z } from "zod";
import { DECISION_REASON_MAX_LENGTH, ID_MAX_LENGTH } from "@/lib/limits";

const id = z.string().min(1).max(ID_MAX_LENGTH);

export const setEndDateSchema = z.object({
  requestId: id,
  endsAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the end date as YYYY-MM-DD." })
    .nullable(),
});

export const decideRenewalSchema = z.object({
  renewalId: id,
  approve: z.boolean(),
  reason: z.string().trim().max(DECISION_REASON_MAX_LENGTH).optional(),
});

export const staffRevokeApiTokenSchema = z.object({ tokenId: id });
