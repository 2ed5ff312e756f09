// The zod limits and the database agree: each bound in lib/limits.ts is the number in its CHECK constraint
// (read back from pg_constraint of the migrated database), and inputs at and past each bound get a clear
// refusal (AppError / schema issue), never a database error.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { listConsoleAuditEvents } from "@/lib/console/audit";
import { parseAuditParams } from "@/lib/console/audit-filters";
import { listRequestQueue } from "@/lib/console/queue";
import { listShares, parseShareParams } from "@/lib/console/shares";
import { afterCursor } from "@/lib/requests/request-cursor";
import { listRequestsForOrganization } from "@/lib/requests/list-requests-for-organization";
import { parseQueueParams } from "@/lib/console/queue-filters";
import { parseConsumerAccount } from "@/lib/snowflake/account-identifier";
import { listAuditEventsForOrganization } from "@/lib/audit/list-audit-events";
import {
  API_TOKEN_NAME_MAX_LENGTH,
  AUDIT_ID_MAX,
  CONSUMER_ACCOUNT_MAX_LENGTH,
  DECISION_REASON_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH,
  ERASURE_MAX_SUBJECTS,
  MAX_CONCURRENCY,
  RATE_LIMIT_KEY_MAX_LENGTH,
  REQUEST_NOTE_MAX_LENGTH,
  WAIVER_REASON_MAX_LENGTH,
  WEBHOOK_DESCRIPTION_MAX_LENGTH,
  WEBHOOK_URL_MAX_LENGTH,
} from "./limits";

async function constraint(name: string): Promise<string> {
  const rows = await db.$queryRaw<
    { def: string }[]
  >`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ${name}`;
  expect(rows, `constraint ${name} exists`).toHaveLength(1);
  return rows[0].def;
}

describe("limits agree with the database's CHECK constraints", () => {
  it.each([
    ["ShareRequest_consumer_account_format", `length("consumerAccount") <= ${CONSUMER_ACCOUNT_MAX_LENGTH}`],
    ["ShareRequest_note_length", `length(note) <= ${REQUEST_NOTE_MAX_LENGTH}`],
    ["ShareRequest_decision_reason_length", `length("decisionReason") <= ${DECISION_REASON_MAX_LENGTH}`],
    [
      "ProviderAccount_max_concurrency_range",
      `("maxConcurrency" >= ${MAX_CONCURRENCY.min}) AND ("maxConcurrency" <= ${MAX_CONCURRENCY.max})`,
    ],
    ["VerificationToken_identifier_length", `length(identifier) <= ${EMAIL_MAX_LENGTH}`],
    ["RateLimitBucket_key_length", `length(key) <= ${RATE_LIMIT_KEY_MAX_LENGTH}`],
    ["ConsumerAccountProof_waiver_has_reason", `(length(btrim(reason)) <= ${WAIVER_REASON_MAX_LENGTH})`],
    ["ApiToken_name_length", `(length(btrim(name)) <= ${API_TOKEN_NAME_MAX_LENGTH})`],
    ["WebhookEndpoint_url_length", `length(url) <= ${WEBHOOK_URL_MAX_LENGTH}`],
    ["WebhookEndpoint_description_length", `length(description) <= ${WEBHOOK_DESCRIPTION_MAX_LENGTH}`],
    ["ShareRenewal_reason_length", `length("decisionReason") <= ${DECISION_REASON_MAX_LENGTH}`],
    ["ErasureRequest_requested_count_range", `("requestedCount" <= ${ERASURE_MAX_SUBJECTS})`],
    ["ErasureRequest_idempotency_key_length", `(length("idempotencyKey") <= ${ERASURE_IDEMPOTENCY_KEY_MAX_LENGTH})`],
  ])("%s", async (name, expected) => {
    expect((await constraint(name)).replace(/\s+/g, " ")).toContain(expected);
  });

  it("AuditEvent.id is a bigint, whose maximum is AUDIT_ID_MAX", async () => {
    const [row] = await db.$queryRaw<
      { data_type: string }[]
    >`SELECT data_type FROM information_schema.columns WHERE table_name = 'AuditEvent' AND column_name = 'id'`;
    expect(row.data_type).toBe("bigint");
    const [max] = await db.$queryRaw<{ max: bigint }[]>`SELECT ${AUDIT_ID_MAX.toString()}::bigint AS max`;
    expect(BigInt(max.max)).toBe(AUDIT_ID_MAX);
  });
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: unknown) => (isAppError(e) ? e.code : `not an AppError: ${String(e)}`),
  );

describe("bounds never reach the database as a 500", () => {
  it("a 19-digit audit cursor above the bigint range is refused as input, not sent to Postgres", async () => {
    expect(parseAuditParams({ cursor: "9999999999999999999" }).cursor).toBeNull();
    expect(parseAuditParams({ cursor: AUDIT_ID_MAX.toString() }).cursor).toBe(AUDIT_ID_MAX.toString());
    expect(
      await refusal(listConsoleAuditEvents({ filters: parseAuditParams({}), cursor: "9999999999999999999" })),
    ).toBe("INVALID_INPUT");
    expect(await refusal(listAuditEventsForOrganization({ organizationId: "x", cursor: "9223372036854775808" }))).toBe(
      "INVALID_INPUT",
    );
  });

  it("audit day filters outside the timestamp range are dropped; the extremes inside it query fine", async () => {
    expect(parseAuditParams({ from: "0000-01-01", to: "9999-12-31" })).toMatchObject({ from: null, to: null });
    const extremes = parseAuditParams({ from: "1970-01-01", to: "9999-12-30", actor: `${"a".repeat(300)}@x.example` });
    expect(extremes).toMatchObject({ from: "1970-01-01", to: "9999-12-30", actor: null });
    await expect(listConsoleAuditEvents({ filters: extremes })).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it("request cursors with out-of-range dates, overlong ids or a NUL in the id (PostgreSQL text cannot hold one) are refused as input; the queue then opens its first page", async () => {
    const cursor = (date: string, id = "c1") => Buffer.from(JSON.stringify([date, id])).toString("base64url");
    for (const bad of [
      cursor("-271821-04-20T00:00:00.000Z"),
      cursor("+275760-09-13T00:00:00.000Z"),
      cursor("2026-01-01T00:00:00.000Z", "x".repeat(150)),
      cursor("2026-01-01T00:00:00.000Z", "c1\u0000x"),
    ]) {
      expect(() => afterCursor(bad, "newest")).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
      expect(await refusal(listRequestsForOrganization({ organizationId: "x", cursor: bad }))).toBe("INVALID_INPUT");
      const position = parseQueueParams({ state: "all", after: bad });
      const page = await listRequestQueue({ filters: position, position, viewerId: "u" });
      expect(page.prevCursor).toBeNull();
      // The shares page too: a tampered link opens the first page rather than an error.
      await expect(listShares({ filters: parseShareParams({ status: "all" }), after: bad })).resolves.toMatchObject({
        items: expect.any(Array),
      });
    }
  });

  it("a NUL in a URL parameter is dropped by the parser, not sent to PostgreSQL", async () => {
    const filters = parseAuditParams({ actor: "ada\u0000@floe.example" });
    expect(filters.actor).toBeNull();
    await expect(listConsoleAuditEvents({ filters })).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it("a consumer account longer than the database allows is refused by the parser with a sentence", () => {
    const long = `${"A".repeat(200)}.${"B".repeat(200)}`;
    const parsed = parseConsumerAccount(long);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(new RegExp(`at most ${CONSUMER_ACCOUNT_MAX_LENGTH} characters`));
    expect(parseConsumerAccount(`${"A".repeat(143)}.${"B".repeat(144)}`).ok).toBe(true);
  });
});
