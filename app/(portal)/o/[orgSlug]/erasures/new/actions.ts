"use server";

import { orgScopedAction } from "@/lib/actions/safe-action";
import { fileErasureRequest } from "@/lib/erasure/erasure-queue";
import { erasureFormSchema, subjectsFromForm } from "@/lib/erasure/erasure-request.schema";

// Erasure is irreversible: owners only. The organisation comes from the verified membership, never from the
// form; the workspace is checked against it in submitErasureRequest.
export const submitErasureAction = orgScopedAction(
  { name: "submitErasure", schema: erasureFormSchema, minRole: "OWNER" },
  async (input, ctx) => {
    const { subjects, duplicates } = subjectsFromForm(input.identifiers);
    const filed = await fileErasureRequest({
      organizationId: ctx.organization.id,
      workspaceId: input.workspaceId ?? null,
      requestedById: ctx.user.id,
      source: "FORM",
      idempotencyKey: input.idempotencyKey,
      subjects,
      duplicates,
    });
    return { id: filed.id };
  },
);
