// The limits of the console's request actions, for the forms in the browser: plain numbers and messages, so
// a client component reads them without pulling zod into its bundle (request-actions.schema.ts parses).
import { DECISION_REASON_MAX_LENGTH, WAIVER_REASON_MAX_LENGTH } from "@/lib/limits";

export const REJECTION_REASON_MIN = 3;
export const REJECTION_REASON_MAX = DECISION_REASON_MAX_LENGTH;
export const rejectionReasonMessage = `Give a reason of ${REJECTION_REASON_MIN} to ${REJECTION_REASON_MAX} characters; the requester will read it.`;
export const WAIVER_REASON_MAX = WAIVER_REASON_MAX_LENGTH;
