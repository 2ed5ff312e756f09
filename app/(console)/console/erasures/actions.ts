"use server";

import { accountManagerAction } from "@/lib/actions/safe-action";
import { AppError } from "@/lib/errors";
import { fileErasureRequest, retryErasureRequest } from "@/lib/erasure/erasure-queue";
import { organizationExists } from "@/lib/erasure/erasure-queries";
import { consoleErasureIdSchema, consoleErasureSchema, subjectsFromForm } from "@/lib/erasure/erasure-request.schema";

// Staff file an erasure on a brand's behalf (recorded as filedByStaffId, source CONSOLE) and retry one
// whose automatic retries ran out.
export const fileErasureForBrandAction = accountManagerAction(
  { name: "fileErasureForBrand", schema: consoleErasureSchema },
  async (input, ctx) => {
    if (!(await organizationExists(input.organizationId))) throw new AppError("NOT_FOUND", "No such brand.");
    const { subjects, duplicates } = subjectsFromForm(input.identifiers);
    const filed = await fileErasureRequest({
      organizationId: input.organizationId,
      workspaceId: input.workspaceId ?? null,
      filedByStaffId: ctx.user.id,
      source: "CONSOLE",
      idempotencyKey: input.idempotencyKey,
      subjects,
      duplicates,
    });
    return { id: filed.id };
  },
);

export const retryErasureAction = accountManagerAction(
  { name: "retryErasure", schema: consoleErasureIdSchema },
  async (input, ctx) => {
    await retryErasureRequest(input.erasureId, ctx.user.id);
    return { state: "QUEUED" as const };
  },
);
