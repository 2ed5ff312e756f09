import "server-only";
import type { createActionFactory } from "@/lib/actions/safe-action";
import { allowSsoLinkSchema, grantStaffRoleSchema, revokeStaffRoleSchema } from "./admin.schema";
import { providerAccountServerSchema } from "./provider-account-input";
import { allowSsoLink, grantAccountManager, revokeAccountManager, updateProviderAccount } from "./admin-commands";
import {
  cancelRunSchema,
  rejectRequestSchema,
  requestIdSchema,
  revokeShareSchema,
  waiveProofSchema,
} from "./request-actions.schema";
import { reapplyShare } from "@/lib/provisioning/drift/share-check-commands";
import { approveRequest, cancelQueuedRun, rejectRequest, retryRun, revokeShare, waiveProof } from "./request-commands";
import { acknowledgeAlertSchema } from "@/lib/pipeline-health/alert-actions.schema";
import { acknowledgeAlert } from "@/lib/pipeline-health/alerts";
import { sharePreviewInputSchema } from "@/lib/share-preview/share-preview.schema";
import { previewShareAsConsumer } from "@/lib/share-preview/preview-share-as-consumer";

// Every console server action, built from an action factory. app/(console)/console/actions.ts builds them
// with the real session; the tests build the very same actions with an injected session, so the
// authorization matrix covers every action the UI can call, not a copy of them.
// Each one: parse (schema) → authorize (accountManagerAction / adminAction) → one command.

type Factory = ReturnType<typeof createActionFactory>;

export function createConsoleActions({ accountManagerAction, adminAction }: Factory) {
  return {
    approveRequestAction: accountManagerAction(
      { name: "approveRequest", schema: requestIdSchema },
      async (input, ctx) => {
        const approved = await approveRequest({ requestId: input.requestId, approverId: ctx.user.id });
        return { runId: approved.runId };
      },
    ),
    rejectRequestAction: accountManagerAction(
      { name: "rejectRequest", schema: rejectRequestSchema },
      async (input, ctx) => {
        await rejectRequest({ requestId: input.requestId, deciderId: ctx.user.id, reason: input.reason });
        return { state: "REJECTED" as const };
      },
    ),
    retryRunAction: accountManagerAction({ name: "retryRun", schema: requestIdSchema }, async (input, ctx) => {
      const retried = await retryRun({ requestId: input.requestId, actorId: ctx.user.id });
      return { runId: retried.runId, resumeAtStepKey: retried.resumeAtStepKey };
    }),
    cancelRunAction: accountManagerAction({ name: "cancelRun", schema: cancelRunSchema }, async (input, ctx) => {
      await cancelQueuedRun({ requestId: input.requestId, runId: input.runId, actorId: ctx.user.id });
      return { state: "FAILED" as const };
    }),
    revokeShareAction: accountManagerAction({ name: "revokeShare", schema: revokeShareSchema }, async (input, ctx) => {
      const revoked = await revokeShare({ ...input, actorId: ctx.user.id });
      return { runId: revoked.runId };
    }),
    waiveProofAction: accountManagerAction({ name: "waiveProof", schema: waiveProofSchema }, async (input, ctx) => {
      const waived = await waiveProof({ requestId: input.requestId, actorId: ctx.user.id, reason: input.reason });
      return { runId: waived.runId };
    }),
    // Drift: check the share against its plan now and re-apply what is missing (a REPAIR run), audited.
    reapplyShareAction: accountManagerAction({ name: "reapplyShare", schema: requestIdSchema }, async (input, ctx) =>
      reapplyShare({ requestId: input.requestId, actorId: ctx.user.id }),
    ),
    // Preview as the consumer: a bounded sample of one view of an ACTIVE share, read as its consumer sees it, audited.
    previewShareAction: accountManagerAction(
      { name: "previewShare", schema: sharePreviewInputSchema },
      async (input, ctx) =>
        previewShareAsConsumer({ requestId: input.requestId, view: input.view, actorId: ctx.user.id }),
    ),
    updateProviderAccountAction: adminAction(
      { name: "updateProviderAccount", schema: providerAccountServerSchema },
      async (input, ctx) => updateProviderAccount({ ...input, actorId: ctx.user.id }),
    ),
    grantAccountManagerAction: adminAction(
      { name: "grantAccountManager", schema: grantStaffRoleSchema },
      async (input, ctx) => grantAccountManager({ email: input.email, actorId: ctx.user.id }),
    ),
    revokeAccountManagerAction: adminAction(
      { name: "revokeAccountManager", schema: revokeStaffRoleSchema },
      async (input, ctx) => revokeAccountManager({ userId: input.userId, actorId: ctx.user.id }),
    ),
    allowSsoLinkAction: adminAction({ name: "allowSsoLink", schema: allowSsoLinkSchema }, async (input, ctx) =>
      allowSsoLink({ userId: input.userId, actorId: ctx.user.id }),
    ),
    acknowledgeAlertAction: accountManagerAction(
      { name: "acknowledgeAlert", schema: acknowledgeAlertSchema },
      async (input, ctx) => acknowledgeAlert({ alertId: input.alertId, actorId: ctx.user.id }),
    ),
  };
}

/** The console's actions by name; components receive the ones they call as props (components/ never imports app/). */
export type ConsoleActions = ReturnType<typeof createConsoleActions>;
