// Outbox delivery over a real SMTP conversation with a local fake server (the one true edge here).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSmtpServer } from "@/lib/testing/fake-smtp-server";

let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
let db: typeof import("@/lib/db").db;
let sendPendingEmails: typeof import("./send-outbox").sendPendingEmails;

beforeAll(async () => {
  smtp = await startFakeSmtpServer({ rejectRecipients: /^bounce@/ });
  process.env.EMAIL_SERVER = smtp.url; // read once, at the first getConfig() of this test process
  ({ db } = await import("@/lib/db"));
  ({ sendPendingEmails } = await import("./send-outbox"));
});

afterAll(async () => {
  await smtp.close();
});

// The db project shares one database across files: earlier files leave pending mail behind. Each case dates its
// mail first in the queue (oldest is sent first) and sends one, so it never depends on how many others wait.
const OLDEST = new Date(0);

describe("sendPendingEmails", () => {
  it("delivers pending mail once over SMTP and records it as sent", async () => {
    const mail = await db.outboxEmail.create({
      data: {
        to: `olivia-${Date.now()}@acme.example`,
        subject: "Your share is active",
        text: "Mount it with CREATE DATABASE …",
        kind: "request.active",
        createdAt: OLDEST,
      },
    });
    expect(await sendPendingEmails(1)).toBe(1);
    const delivered = smtp.received.filter((m) => m.to.includes(mail.to));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].data).toContain("Subject: Your share is active");
    const stored = await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(stored.sentAt).not.toBeNull();
    expect(stored.attempts).toBe(1);

    await sendPendingEmails(1);
    expect(smtp.received.filter((m) => m.to.includes(mail.to))).toHaveLength(1);
  });

  it("keeps a refused mail unsent with the server's error, for a later attempt", async () => {
    const mail = await db.outboxEmail.create({
      data: {
        to: `bounce@${Date.now()}.example`,
        subject: "Rejected",
        text: "…",
        kind: "request.rejected",
        createdAt: OLDEST,
      },
    });
    expect(await sendPendingEmails(1)).toBe(0);
    const stored = await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(stored.sentAt).toBeNull();
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toMatch(/550/);
  });
});
