import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { READER_LINK_TTL_HOURS } from "@/lib/limits";
import { appNow } from "@/lib/time/clock";

// The single-use link that delivers a reader account's login: 32 random bytes in the URL, only their SHA-256 kept
// (ReaderAccount.linkTokenHash), valid READER_LINK_TTL_HOURS. Issued when the share becomes active, in that
// transition's transaction (lib/requests/mark-active.ts), with its e-mail in the outbox of the same transaction.

export const hashLinkToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** The link's absolute URL (NEXTAUTH_URL, validated at start as http(s)). */
export function credentialLinkUrl(orgSlug: string, requestId: string, token: string): string {
  const base = getConfig().NEXTAUTH_URL ?? "http://localhost:3000";
  const url = new URL(`/o/${encodeURIComponent(orgSlug)}/requests/${encodeURIComponent(requestId)}/reader-login`, base);
  url.searchParams.set("token", token);
  return url.toString();
}

/**
 * For a reader-account request whose share just became active: a fresh link, and the mail that carries it. A no-op
 * for the brand's own account, and once the login was delivered (the password is gone).
 */
export async function issueCredentialLink(
  tx: Prisma.TransactionClient,
  requestId: string,
  /** Staff who asked for a new link (lib/reader-accounts/reissue-link.ts); the system when the share became active. */
  actorId?: string,
): Promise<void> {
  const reader = await tx.readerAccount.findUnique({
    where: { requestId },
    select: {
      deliveredAt: true,
      droppedAt: true,
      accountName: true,
      request: {
        select: {
          organizationId: true,
          organization: { select: { slug: true } },
          requestedBy: { select: { email: true } },
        },
      },
    },
  });
  if (!reader || reader.deliveredAt || reader.droppedAt) return;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(appNow().getTime() + READER_LINK_TTL_HOURS * 3600_000);
  await tx.readerAccount.update({
    where: { requestId },
    data: { linkTokenHash: hashLinkToken(token), linkExpiresAt: expiresAt },
  });
  const link = credentialLinkUrl(reader.request.organization.slug, requestId, token);
  await tx.outboxEmail.create({
    data: {
      to: reader.request.requestedBy.email,
      subject: "Your Snowflake reader account is ready",
      text: [
        "Floe created a Snowflake reader account for you and shared your data into it.",
        `Open this link once to see its address, admin user and one-time password (valid ${READER_LINK_TTL_HOURS} hours, works once):`,
        link,
        "Change the password when you first log in. If the link expired or was already used, ask your account manager.",
        `Request reference: ${requestId}`,
      ].join("\n\n"),
      kind: "reader_account.link_issued",
      requestId,
    },
  });
  await recordAuditEvent(tx, {
    actor: actorId ? { type: "USER", id: actorId } : { type: "SYSTEM" },
    organizationId: reader.request.organizationId,
    requestId,
    type: "reader_account.link_issued",
    // Never the token or the password: only when the link stops working.
    details: { readerAccount: reader.accountName, expiresAt: expiresAt.toISOString() },
  });
}

/** At revocation (the run dropped the reader account): the row says so and keeps no secret or live link. */
export async function markReaderAccountDropped(tx: Prisma.TransactionClient, requestId: string, at: Date) {
  await tx.readerAccount.updateMany({
    where: { requestId, droppedAt: null },
    data: { droppedAt: at, passwordCiphertext: null, linkTokenHash: null, linkExpiresAt: null },
  });
}
