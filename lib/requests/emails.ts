import "server-only";
import type { Prisma } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { describeAuditEvent } from "@/lib/portal/describe-audit-event";
import { explainFailure } from "@/lib/portal/failure-explanation";
import { mountRoute, mountRouteText } from "@/lib/provisioning/mount-instructions";
import type { Plan } from "@/lib/provisioning/plan-types";

// E-mails to the requester, written to the outbox in the transaction of the transition that causes them
// (a sender delivers them later), so a rolled-back transition never sends mail. Texts are for brand users:
// never a raw Snowflake error, which stays on the run for the account manager. Each mail says what the
// request's page says in that state — the failure mail is the page's failure explanation, word for word
// (lib/portal/failure-explanation.ts), the others the page's timeline entry (describe-audit-event.ts) —
// and links to that page by its absolute URL (NEXTAUTH_URL).

export type RequestEmailKind =
  | "request.approved"
  | "request.rejected"
  | "request.awaiting_proof"
  | "request.active"
  | "request.failed"
  | "request.revoked";

export type EmailFacts = {
  requestId: string;
  consumerAccount: string;
  consumerRegion: string;
  /** Absolute URL of the request's page in the portal. */
  pageUrl: string;
  reason?: string | null;
  /** The latest run: its kind and where it stopped (request.failed), its plan (request.active: the route). */
  run?: { kind: "PROVISION" | "REVOKE"; failedStepKey: string | null; errorCode: string | null; plan: unknown } | null;
};

/** The request page's absolute URL. NEXTAUTH_URL is validated at start (lib/config.ts: an http(s) URL). */
export function requestPageUrl(
  orgSlug: string,
  requestId: string,
  base = getConfig().NEXTAUTH_URL ?? "http://localhost:3000",
): string {
  const url = new URL(`/o/${encodeURIComponent(orgSlug)}/requests/${encodeURIComponent(requestId)}`, base);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("NEXTAUTH_URL must be an http(s) URL");
  return url.toString();
}

const timeline = (type: string) => describeAuditEvent({ type, actorType: "SYSTEM", actor: null, details: {} });

function asPlan(value: unknown): Pick<Plan, "crossRegion" | "replication"> | null {
  return value && typeof value === "object" && "crossRegion" in value ? (value as Plan) : null;
}

export function emailContent(kind: RequestEmailKind, facts: EmailFacts): { subject: string; text: string } {
  const target = `${facts.consumerAccount} (${facts.consumerRegion})`;
  const footer = `Open the request: ${facts.pageUrl}\n\nRequest reference: ${facts.requestId}`;
  const body = (...paragraphs: string[]) => [...paragraphs, footer].join("\n\n");
  switch (kind) {
    case "request.approved":
      return {
        subject: "Your data share request was approved",
        text: body(
          `Your request to share data with Snowflake account ${target} was approved. Floe is setting up the share now; the request's page shows each step as it runs.`,
        ),
      };
    case "request.rejected":
      return {
        subject: "Your data share request was declined",
        text: body(
          `Your request to share data with Snowflake account ${target} was declined; nothing was provisioned.`,
          `Reason: ${facts.reason ?? "(none given)"}`,
        ),
      };
    case "request.awaiting_proof": {
      const entry = timeline("request.awaiting_proof");
      return {
        subject: "Confirm your Snowflake account to receive your data share",
        text: body(
          `The share for Snowflake account ${target} is set up. ${entry.title}: ${entry.detail} The request's page has the two statements to run.`,
        ),
      };
    }
    case "request.active": {
      const plan = asPlan(facts.run?.plan);
      return {
        subject: "Your data share is ready",
        text: body(
          `The share for Snowflake account ${target} is active. ${timeline("request.active").detail}`,
          ...(plan ? [mountRouteText(mountRoute(plan))] : []),
        ),
      };
    }
    case "request.failed": {
      const run = facts.run;
      const failure = explainFailure({
        runKind: run?.kind ?? "PROVISION",
        stepKey: run?.failedStepKey ?? null,
        errorCode: run?.errorCode ?? null,
        consumerAccount: facts.consumerAccount,
        consumerRegion: facts.consumerRegion,
      });
      return {
        subject:
          run?.kind === "REVOKE"
            ? "Removing your data share hit a problem"
            : "Setting up your data share hit a problem",
        text: body(`${failure.title}.`, failure.explanation, failure.nextStep),
      };
    }
    case "request.revoked": {
      const entry = timeline("request.revoked");
      return {
        subject: "Your data share was removed",
        text: body(`${entry.title}: the share for Snowflake account ${target} has been removed. ${entry.detail}`),
      };
    }
  }
}

/** Queues the e-mail for `kind` to the request's requester. */
export async function queueRequesterEmail(
  tx: Prisma.TransactionClient,
  options: { requestId: string; kind: RequestEmailKind; reason?: string | null },
): Promise<void> {
  const request = await tx.shareRequest.findUniqueOrThrow({
    where: { id: options.requestId },
    select: {
      consumerAccount: true,
      consumerRegion: true,
      organization: { select: { slug: true } },
      requestedBy: { select: { email: true } },
      runs: {
        // A drift repair run never changes the request's state, so it is never what a requester mail is about.
        where: { kind: { in: ["PROVISION", "REVOKE"] } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { kind: true, failedStepKey: true, errorCode: true, plan: true },
      },
    },
  });
  const { subject, text } = emailContent(options.kind, {
    requestId: options.requestId,
    consumerAccount: request.consumerAccount,
    consumerRegion: request.consumerRegion,
    pageUrl: requestPageUrl(request.organization.slug, options.requestId),
    reason: options.reason,
    run: request.runs[0]
      ? { ...request.runs[0], kind: request.runs[0].kind === "REVOKE" ? "REVOKE" : "PROVISION" }
      : null,
  });
  await tx.outboxEmail.create({
    data: { to: request.requestedBy.email, subject, text, kind: options.kind, requestId: options.requestId },
  });
}
