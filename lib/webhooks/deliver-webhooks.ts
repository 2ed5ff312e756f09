import "server-only";
import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { appNow } from "@/lib/time/clock";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhookBody } from "./signature";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./retry-schedule";
import { isNonPublicAddress, webhookUrlPolicy, webhookUrlProblem, type WebhookUrlPolicy } from "./url-policy";

// Delivers due WebhookDelivery rows: claim (one UPDATE … FOR UPDATE SKIP LOCKED, so several workers never
// take the same row), sign, POST, record. 2xx = delivered; anything else (a status, a timeout, a refused
// address) is retried on the backoff schedule until MAX_DELIVERY_ATTEMPTS, then FAILED. Redirects are not
// followed (a 3xx counts as a failure): a redirect could lead to an address the policy refuses.
// At-least-once: a worker that dies mid-POST leaves the claim to expire and the row is sent again, so
// receivers deduplicate by the X-Floe-Delivery id.

const CLAIM_FOR_MS = 60_000;
const TIMEOUT_MS = 10_000;
const RESPONSE_KEEP_BYTES = 1000;

export type DeliveryOutcome = { delivered: number; retrying: number; failed: number };

export async function deliverPendingWebhooks(
  options: { limit?: number; /** Tests: only these endpoints' rows. */ endpointIds?: string[] } = {},
): Promise<DeliveryOutcome> {
  const now = appNow();
  const limit = options.limit ?? 20;
  const onlyEndpoints = options.endpointIds ?? null;
  const claimed = await db.$queryRaw<{ id: string; nextAttemptAt: Date; createdAt: Date }[]>`
    UPDATE "WebhookDelivery" SET "claimedUntil" = ${new Date(now.getTime() + CLAIM_FOR_MS)}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "WebhookDelivery"
      WHERE "state" = 'PENDING' AND "nextAttemptAt" <= ${now}
        AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
        AND (${onlyEndpoints}::text[] IS NULL OR "endpointId" = ANY(${onlyEndpoints}::text[]))
      ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING "id", "nextAttemptAt", "createdAt"`;
  // UPDATE … RETURNING has no order: send in the order the events happened.
  claimed.sort(
    (a, b) =>
      a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  const outcome: DeliveryOutcome = { delivered: 0, retrying: 0, failed: 0 };
  const policy = webhookUrlPolicy(getConfig().NODE_ENV);
  for (const { id } of claimed) {
    const delivery = await db.webhookDelivery.findUniqueOrThrow({
      where: { id },
      include: { endpoint: { select: { url: true, secret: true, enabled: true } } },
    });
    const result = delivery.endpoint.enabled
      ? await post(delivery.endpoint.url, delivery.endpoint.secret, delivery, policy)
      : { ok: false as const, error: "endpoint disabled" };
    if (result.ok) {
      await db.webhookDelivery.update({
        where: { id },
        data: {
          state: "DELIVERED",
          deliveredAt: appNow(),
          lastStatus: result.status,
          lastError: null,
          claimedUntil: null,
        },
      });
      outcome.delivered++;
      continue;
    }
    const giveUp = delivery.attempts >= MAX_DELIVERY_ATTEMPTS || !delivery.endpoint.enabled;
    await db.webhookDelivery.update({
      where: { id },
      data: {
        state: giveUp ? "FAILED" : "PENDING",
        lastStatus: result.status ?? null,
        lastError: result.error.slice(0, RESPONSE_KEEP_BYTES),
        claimedUntil: null,
        nextAttemptAt: giveUp ? delivery.nextAttemptAt : new Date(appNow().getTime() + retryDelayMs(delivery.attempts)),
      },
    });
    if (giveUp) outcome.failed++;
    else outcome.retrying++;
  }
  return outcome;
}

type PostResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

/** DNS answers are checked before the socket connects: the address connected to is the address checked. */
function guardedLookup(policy: WebhookUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const refused = !policy.allowPrivateNetwork && list.some((a) => isNonPublicAddress(a.address));
      if (refused || list.length === 0)
        return callback(new Error(`${hostname} resolves to a non-public address`), "", 0);
      if ((options as { all?: boolean }).all) return callback(null, list as never, 0);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function post(
  url: string,
  secret: string,
  delivery: { id: string; event: string; body: string },
  policy: WebhookUrlPolicy,
): Promise<PostResult> {
  const problem = webhookUrlProblem(url, policy);
  if (problem) return Promise.resolve({ ok: false, error: problem });
  const target = new URL(url);
  const signature = signWebhookBody(secret, delivery.body, Math.floor(appNow().getTime() / 1000));
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = transport.request(
      target,
      {
        method: "POST",
        timeout: TIMEOUT_MS,
        lookup: guardedLookup(policy),
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(delivery.body, "utf8"),
          "user-agent": "Floe-Webhooks/1",
          [EVENT_HEADER]: delivery.event,
          [DELIVERY_HEADER]: delivery.id,
          [SIGNATURE_HEADER]: signature,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let kept = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (kept.length < RESPONSE_KEEP_BYTES) kept += chunk;
        });
        response.on("end", () => {
          if (status >= 200 && status < 300) resolve({ ok: true, status });
          else resolve({ ok: false, status, error: `HTTP ${status}${kept ? `: ${kept}` : ""}` });
        });
        response.on("error", (error) => resolve({ ok: false, status, error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve({ ok: false, error: error.message }));
    request.end(delivery.body);
  });
}
