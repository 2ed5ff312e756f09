import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";

// Delivers OutboxEmail rows (written in the same transaction as the event that causes them) over SMTP.
// Without EMAIL_SERVER nothing is sent: development reads the mail on the /dev/outbox page instead.
// Several senders may run (one per worker process): a row is claimed for a while before sending, so two
// senders never send the same mail unless one died mid-send (at-least-once, like every mail system).

const CLAIM_FOR_MS = 60_000;
const MAX_ATTEMPTS = 5;

let transporter: Transporter | undefined;

function smtp(): Transporter | undefined {
  const { EMAIL_SERVER } = getConfig();
  if (!EMAIL_SERVER) return undefined;
  transporter ??= nodemailer.createTransport(EMAIL_SERVER);
  return transporter;
}

/** Sends up to `limit` pending mails; returns how many were sent. */
export async function sendPendingEmails(limit = 20): Promise<number> {
  const transport = smtp();
  if (!transport) return 0;
  const now = new Date();
  const candidates = await db.outboxEmail.findMany({
    where: {
      sentAt: null,
      attempts: { lt: MAX_ATTEMPTS },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
    },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, claimedUntil: true },
  });
  let sent = 0;
  for (const candidate of candidates) {
    // Compare-and-set on the claim we saw: only one sender wins each row.
    const claimed = await db.outboxEmail.updateMany({
      where: { id: candidate.id, sentAt: null, claimedUntil: candidate.claimedUntil },
      data: { claimedUntil: new Date(Date.now() + CLAIM_FOR_MS), attempts: { increment: 1 } },
    });
    if (claimed.count === 0) continue;
    const mail = await db.outboxEmail.findUniqueOrThrow({ where: { id: candidate.id } });
    try {
      await transport.sendMail({
        from: getConfig().EMAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
      });
      await db.outboxEmail.update({ where: { id: mail.id }, data: { sentAt: new Date(), lastError: null } });
      sent++;
    } catch (error) {
      // Released at once so the next round retries; attempts caps it.
      await db.outboxEmail.update({
        where: { id: mail.id },
        data: { claimedUntil: null, lastError: String((error as Error).message).slice(0, 1000) },
      });
    }
  }
  return sent;
}
