// Signed webhooks end to end against a real HTTP receiver: the outbox row is written with the change, the
// delivery is signed so the receiver's verify helper accepts it, a 500 is retried on the backoff schedule
// (time moved by the app clock, no sleeps), and a delivery that keeps failing is given up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBrand, type Brand } from "@/lib/testing/request-fixtures";
import { frozenAppClock, resetAppClock } from "@/lib/time/clock";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { startWebhookReceiver } from "./testing/webhook-receiver";
import { createWebhookEndpoint, disableWebhookEndpoint } from "./webhook-endpoints";
import { enqueueWebhook } from "./enqueue-webhook";
import { deliverPendingWebhooks } from "./deliver-webhooks";
import { MAX_DELIVERY_ATTEMPTS } from "./retry-schedule";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let brand: Brand;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  brand = await createBrand();
});
afterAll(() => receiver.close());
afterEach(() => resetAppClock());

async function endpoint(path: string, events: ("request.state_changed" | "alert.raised")[] = []) {
  const created = await createWebhookEndpoint({
    organizationId: brand.organization.id,
    actorId: brand.owner.id,
    input: { url: receiver.url(path), events },
  });
  receiver.expectSecret(path, created.secret);
  return created;
}

describe("webhooks", () => {
  it("delivers a signed body that the receiver's verify helper accepts, once", async () => {
    const { id, secret } = await endpoint("/signed");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const queued = await enqueueWebhook({ organizationId: brand.organization.id }, "alert.raised", {
      text: "Freshness alert",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*late*" } }],
    });
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(await deliverPendingWebhooks({ endpointIds: [id] })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const got = receiver.received.filter((r) => r.path === "/signed");
    expect(got).toHaveLength(1);
    expect(got[0].check.ok).toBe(true);
    expect(got[0].event).toBe("alert.raised");
    // The body is the payload as is (Slack-compatible), no envelope.
    expect(JSON.parse(got[0].body)).toEqual({
      text: "Freshness alert",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*late*" } }],
    });
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } });
    expect(got[0].deliveryId).toBe(row.id);
    expect(row).toMatchObject({ state: "DELIVERED", attempts: 1, lastStatus: 204 });

    // Nothing left to send.
    expect(await deliverPendingWebhooks({ endpointIds: [id] })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received.filter((r) => r.path === "/signed")).toHaveLength(1);
  });

  it("a receiver with the wrong secret refuses the signature", async () => {
    const { id } = await endpoint("/wrong-secret");
    receiver.expectSecret("/wrong-secret", "whsec_not-the-secret");
    await enqueueWebhook({ endpointId: id }, "webhook.test", { hello: 1 });
    const outcome = await deliverPendingWebhooks({ endpointIds: [id] });
    expect(outcome.retrying).toBe(1); // the receiver answered 400
    const got = receiver.received.filter((r) => r.path === "/wrong-secret");
    expect(got[0].check).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("retries a 500 after the backoff delay, not before, then delivers", async () => {
    const clock = frozenAppClock(new Date("2027-03-01T10:00:00Z"));
    const { id } = await endpoint("/flaky");
    await enqueueWebhook({ endpointId: id }, "webhook.test", { n: 1 });
    receiver.failNext(1);
    expect(await deliverPendingWebhooks({ endpointIds: [id] })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const afterFirst = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } });
    expect(afterFirst).toMatchObject({ state: "PENDING", attempts: 1, lastStatus: 500 });
    expect(afterFirst.lastError).toContain("receiver is down");
    const delay = afterFirst.nextAttemptAt.getTime() - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(24_000); // 30 s ± 20 %
    expect(delay).toBeLessThanOrEqual(36_000);

    clock.advance(delay - 1_000);
    expect(await deliverPendingWebhooks({ endpointIds: [id] })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    clock.advance(2_000);
    expect(await deliverPendingWebhooks({ endpointIds: [id] })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const posts = receiver.received.filter((r) => r.path === "/flaky");
    expect(posts.map((p) => p.status)).toEqual([500, 204]);
    // Same delivery id both times: receivers deduplicate by it.
    expect(new Set(posts.map((p) => p.deliveryId)).size).toBe(1);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } })).toMatchObject({
      state: "DELIVERED",
      attempts: 2,
    });
  });

  it("gives up after the last attempt", async () => {
    const clock = frozenAppClock(new Date("2027-03-02T10:00:00Z"));
    const { id } = await endpoint("/down");
    await enqueueWebhook({ endpointId: id }, "webhook.test", { n: 2 });
    receiver.failNext(MAX_DELIVERY_ATTEMPTS);
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await deliverPendingWebhooks({ endpointIds: [id] });
      clock.advance(2 * 60 * 60_000); // past any backoff (capped at 1 h + jitter)
    }
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } })).toMatchObject({
      state: "FAILED",
      attempts: MAX_DELIVERY_ATTEMPTS,
    });
    expect(receiver.received.filter((r) => r.path === "/down")).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    receiver.failNext(0);
  });

  it("sends an organisation's event only to its enabled, subscribed endpoints", async () => {
    const subscribed = await endpoint("/subscribed", ["request.state_changed"]);
    const other = await endpoint("/alerts-only", ["alert.raised"]);
    const disabled = await endpoint("/disabled");
    await disableWebhookEndpoint({
      organizationId: brand.organization.id,
      actorId: brand.owner.id,
      endpointId: disabled.id,
    });
    const otherBrand = await createBrand();
    await enqueueWebhook({ organizationId: otherBrand.organization.id }, "request.state_changed", { x: 1 });
    await enqueueWebhook({ organizationId: brand.organization.id }, "request.state_changed", { x: 2 });
    const rows = await db.webhookDelivery.findMany({
      where: { endpointId: { in: [subscribed.id, other.id, disabled.id] } },
      select: { endpointId: true, body: true },
    });
    expect(rows).toEqual([{ endpointId: subscribed.id, body: '{"x":2}' }]);
  });

  it("refuses bad URLs and non-owners", async () => {
    await expectAppError(
      createWebhookEndpoint({
        organizationId: brand.organization.id,
        actorId: brand.member.id,
        input: { url: "https://hooks.example.com/x" },
      }),
      { code: "FORBIDDEN" },
    );
    await expectAppError(
      createWebhookEndpoint({
        organizationId: brand.organization.id,
        actorId: brand.owner.id,
        input: { url: "ftp://hooks.example.com/x" },
      }),
      { code: "INVALID_INPUT" },
    );
  });
});
