"use server";

import { redirect } from "next/navigation";
import { orgScopedAction } from "@/lib/actions/safe-action";
import { isAppError } from "@/lib/errors";
import { shareRequestSchema, type SubmitShareRequestOutcome } from "@/lib/portal/share-request.schema";
import { submissionFromForm } from "@/lib/requests/submission-from-form";
import { submitShareRequest } from "@/lib/requests/submit-share-request";

// Viewers are refused here (minRole), not only hidden in the form; lib/requests checks the role again
// inside its transaction. A duplicate is answered with the existing request so the form can link to it.
export const submitShareRequestAction = orgScopedAction(
  { name: "submitShareRequest", schema: shareRequestSchema, minRole: "MEMBER" },
  async (input, ctx): Promise<SubmitShareRequestOutcome> => {
    let requestId: string;
    try {
      const submitted = await submitShareRequest(
        submissionFromForm(input, { organizationId: ctx.organization.id, requestedById: ctx.user.id }),
      );
      requestId = submitted.id;
    } catch (error) {
      const existingRequestId =
        isAppError(error) && error.reason === "duplicate" ? error.details?.existingRequestId : undefined;
      if (isAppError(error) && typeof existingRequestId === "string")
        return { outcome: "duplicate", existingRequestId, message: error.message };
      throw error;
    }
    redirect(`/o/${ctx.organization.slug}/requests/${requestId}`);
  },
);
