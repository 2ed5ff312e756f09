// Share end dates under a controlled app clock (no sleeps): reminders 14 and 3 days before (the default
// FLOE_EXPIRY_REMINDER_DAYS), once each; a renewal asked by the brand and approved by staff moves the end
// date (and starts a fresh set of reminders); at the end date the normal revoke run starts, actor SYSTEM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBrand, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { frozenAppClock, resetAppClock } from "@/lib/time/clock";
import { decideShareRenewal, requestShareRenewal, setShareEndDate } from "@/lib/requests/share-renewals";
import { stopBoss } from "@/lib/provisioning/queue";
import { dueReminder, revokeExpiredShares, sendExpiryReminders } from "./share-expiry";

let brand: Brand;
const clock = frozenAppClock(new Date("2027-06-01T12:00:00Z"));

beforeAll(async () => {
  brand = await createBrand();
});
afterAll(async () => {
  resetAppClock();
  await stopBoss();
});

const reminders = (requestId: string) =>
  db.outboxEmail.findMany({ where: { requestId, kind: "request.expiry_reminder" }, orderBy: { createdAt: "asc" } });

describe("share expiry", () => {
  it("picks the most urgent reminder due", () => {
    const end = new Date("2027-06-20T00:00:00Z");
    expect(dueReminder(end, new Date("2027-06-05T00:00:00Z"), [14, 3])).toBeNull();
    expect(dueReminder(end, new Date("2027-06-06T00:00:00Z"), [14, 3])).toBe(14);
    expect(dueReminder(end, new Date("2027-06-18T00:00:00Z"), [14, 3])).toBe(3);
    expect(dueReminder(end, end, [14, 3])).toBeNull();
  });

  it("reminds once per threshold, renews, and revokes at the end date through the normal revoke run", async () => {
    clock.set(new Date("2027-06-01T12:00:00Z"));
    const { requestId } = await requestInState(brand, "ACTIVE");
    await setShareEndDate({ requestId, actorId: brand.manager.id, endsAt: "2027-06-20" });

    expect(await sendExpiryReminders()).toBe(0); // 18.5 days left
    clock.set(new Date("2027-06-06T00:00:00Z")); // 14 days left
    expect(await sendExpiryReminders()).toBe(1);
    expect(await sendExpiryReminders()).toBe(0);
    clock.set(new Date("2027-06-17T01:00:00Z")); // under 3 days
    expect(await sendExpiryReminders()).toBe(1);
    expect(await sendExpiryReminders()).toBe(0);
    const mails = await reminders(requestId);
    expect(mails).toHaveLength(2);
    expect(mails[0]).toMatchObject({ to: brand.member.email, subject: "Your data share ends on 2027-06-20" });

    // The brand asks for more time; staff approve.
    await expectAppError(
      requestShareRenewal({
        organizationId: brand.organization.id,
        requestId,
        actorId: brand.viewer.id,
        endsAt: "2027-07-31",
      }),
      { code: "FORBIDDEN" },
    );
    await expectAppError(
      requestShareRenewal({
        organizationId: brand.organization.id,
        requestId,
        actorId: brand.member.id,
        endsAt: "2027-06-18",
      }),
      { code: "INVALID_STATE" },
    );
    const { renewalId } = await requestShareRenewal({
      organizationId: brand.organization.id,
      requestId,
      actorId: brand.member.id,
      endsAt: "2027-07-31",
    });
    await expectAppError(
      requestShareRenewal({
        organizationId: brand.organization.id,
        requestId,
        actorId: brand.member.id,
        endsAt: "2027-08-01",
      }),
      { code: "CONFLICT", reason: "renewal_pending" },
    );
    await expectAppError(decideShareRenewal({ renewalId, actorId: brand.owner.id, approve: true }), {
      code: "FORBIDDEN",
    });
    await decideShareRenewal({ renewalId, actorId: brand.manager.id, approve: true });
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).endsAt).toEqual(
      new Date("2027-07-31T00:00:00Z"),
    );

    // The old end date passes: nothing happens.
    clock.set(new Date("2027-06-20T00:00:01Z"));
    expect(await revokeExpiredShares()).not.toContain(requestId);
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("ACTIVE");
    // The new end date's reminders start afresh.
    clock.set(new Date("2027-07-29T00:00:00Z"));
    expect(await sendExpiryReminders()).toBe(1);
    expect((await reminders(requestId)).at(-1)?.subject).toBe("Your data share ends on 2027-07-31");

    clock.set(new Date("2027-07-31T00:00:00Z"));
    expect(await revokeExpiredShares()).toContain(requestId);
    const after = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { state: true, runs: { orderBy: { createdAt: "desc" }, take: 1, select: { kind: true, state: true } } },
    });
    expect(after).toMatchObject({ state: "REVOKING", runs: [{ kind: "REVOKE", state: "QUEUED" }] });
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "request.revocation_requested" } });
    expect(event).toMatchObject({ actorType: "SYSTEM", actorId: null });
    expect(event.details).toMatchObject({ expired: true });
    expect(await revokeExpiredShares()).not.toContain(requestId); // once
  });

  it("refuses end dates in the past or beyond the maximum, and lets staff reject a renewal", async () => {
    clock.set(new Date("2027-06-01T12:00:00Z"));
    const { requestId } = await requestInState(brand, "ACTIVE");
    await expectAppError(setShareEndDate({ requestId, actorId: brand.manager.id, endsAt: "2027-06-01" }), {
      code: "INVALID_INPUT",
      reason: "invalid_end_date",
    });
    await expectAppError(setShareEndDate({ requestId, actorId: brand.manager.id, endsAt: "2030-01-01" }), {
      code: "INVALID_INPUT",
    });
    await expectAppError(setShareEndDate({ requestId, actorId: brand.owner.id, endsAt: "2027-07-01" }), {
      code: "FORBIDDEN",
    });
    await setShareEndDate({ requestId, actorId: brand.manager.id, endsAt: "2027-07-01" });
    const { renewalId } = await requestShareRenewal({
      organizationId: brand.organization.id,
      requestId,
      actorId: brand.owner.id,
      endsAt: "2027-09-01",
    });
    await decideShareRenewal({ renewalId, actorId: brand.manager.id, approve: false, reason: "Contract ends in July" });
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).endsAt).toEqual(
      new Date("2027-07-01T00:00:00Z"),
    );
    await expectAppError(decideShareRenewal({ renewalId, actorId: brand.manager.id, approve: true }), {
      code: "CONFLICT",
    });
  });
});
