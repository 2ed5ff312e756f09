import "server-only";
import type { Prisma } from "@/lib/db";

// E-mails to the requester, written to the outbox in the transaction of the transition that causes them
// (a sender delivers them later), so a rolled-back transition never sends mail. Texts are for brand users:
// never a raw Snowflake error, which stays on the run for the account manager.

export type RequestEmailKind = "request.approved" | "request.rejected" | "request.awaiting_proof" | "request.active" | "request.failed" | "request.revoked";

type EmailFacts = { requestId: string; consumerAccount: string; consumerRegion: string; reason?: string | null; revokeRun?: boolean };

function content(kind: RequestEmailKind, facts: EmailFacts): { subject: string; text: string } {
  const target = `${facts.consumerAccount} (${facts.consumerRegion})`;
  const ref = `Request reference: ${facts.requestId}`;
  switch (kind) {
    case "request.approved":
      return {
        subject: "Your data share request was approved",
        text: `Your request to share data with Snowflake account ${target} was approved. Provisioning starts now; you can follow it in Floe.\n\n${ref}`,
      };
    case "request.rejected":
      return {
        subject: "Your data share request was declined",
        text: `Your request to share data with Snowflake account ${target} was declined.\n\nReason: ${facts.reason ?? "(none given)"}\n\n${ref}`,
      };
    case "request.awaiting_proof":
      return {
        subject: "Confirm your Snowflake account to receive your data share",
        text: `The share for Snowflake account ${target} is ready for one check: open the request in Floe, mount the share in that account, read the one-time code it shows and enter it in Floe. No data is shared until you do.\n\n${ref}`,
      };
    case "request.active":
      return {
        subject: "Your data share is ready",
        text: `The share for Snowflake account ${target} is active. Open the request in Floe for the SQL that mounts it in your account.\n\n${ref}`,
      };
    case "request.failed":
      return facts.revokeRun
        ? {
            subject: "Removing your data share hit a problem",
            text: `Removing the share for Snowflake account ${target} did not complete. Your account manager has been told and will finish it.\n\n${ref}`,
          }
        : {
            subject: "Setting up your data share hit a problem",
            text: `Setting up the share for Snowflake account ${target} did not complete. Your account manager has been told and will retry it.\n\n${ref}`,
          };
    case "request.revoked":
      return {
        subject: "Your data share was removed",
        text: `The share for Snowflake account ${target} has been removed; the data is no longer visible in that account.\n\n${ref}`,
      };
  }
}

/** Queues the e-mail for `kind` to the request's requester. */
export async function queueRequesterEmail(
  tx: Prisma.TransactionClient,
  options: { requestId: string; kind: RequestEmailKind; reason?: string | null; revokeRun?: boolean },
): Promise<void> {
  const request = await tx.shareRequest.findUniqueOrThrow({
    where: { id: options.requestId },
    select: { consumerAccount: true, consumerRegion: true, requestedBy: { select: { email: true } } },
  });
  const { subject, text } = content(options.kind, { ...options, consumerAccount: request.consumerAccount, consumerRegion: request.consumerRegion });
  await tx.outboxEmail.create({ data: { to: request.requestedBy.email, subject, text, kind: options.kind, requestId: options.requestId } });
}
