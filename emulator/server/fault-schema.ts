// The shape of fault-injection settings, shared by the env variable, the admin API and startEmulator.
import { z } from "zod";
import { REQUEST_KINDS } from "./concurrency";

const regex = z
  .string()
  .min(1)
  .refine(
    (s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: "must be a valid JavaScript regular expression" },
  );

const common = {
  id: z.string().min(1).max(100).optional(),
  /**
   * Which requests the rule looks at: statements (default), logins, or any other kind the driver sends (result GETs,
   * monitoring, token renewal, session upkeep, abort, telemetry: matched on the session's account only).
   */
  target: z.enum(REQUEST_KINDS).default("query"),
  /** Tested case-insensitively against the request's SQL text (query rules only). */
  sqlPattern: regex.optional(),
  /** Account locator or the account name the client connected with, case-insensitive. */
  account: z.string().min(1).optional(),
  /** Apply to the next N matching requests, then stop; absent = forever. */
  times: z.number().int().min(1).optional(),
};

export const faultRuleSchema = z.discriminatedUnion("kind", [
  // 5xx/408/429: the SDK retries these with backoff — a transient outage.
  z.object({ ...common, kind: z.literal("http_error"), status: z.number().int().min(400).max(599).default(503) }),
  // The TCP connection is destroyed without an answer (a network blip).
  z.object({ ...common, kind: z.literal("drop_connection") }),
  // No answer for hangMs, then the connection is destroyed (a client timeout fires first if shorter).
  z.object({ ...common, kind: z.literal("hang"), hangMs: z.number().int().min(1).max(600_000).default(30_000) }),
  // A Snowflake error answer (HTTP 200, success: false) — not retried by the SDK.
  z.object({
    ...common,
    kind: z.literal("snowflake_error"),
    code: z.string().regex(/^\d{6}$/, "a six-digit Snowflake error code such as 002003"),
    sqlState: z
      .string()
      .regex(/^[0-9A-Z]{5}$/, "a five-character SQLSTATE")
      .default("XX000"),
    message: z.string().min(1).max(10_000),
  }),
  // Extra delay before the matching statement runs (a slow warehouse).
  z.object({ ...common, kind: z.literal("latency"), ms: z.number().int().min(0).max(600_000) }),
]);

export const faultConfigSchema = z.object({
  /** Delay added to every request the driver makes (not the admin API), in ms. */
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  rules: z.array(faultRuleSchema).max(1000).default([]),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultConfigInput = z.input<typeof faultConfigSchema>;

/** Readable one-line zod error for 400 answers and CLI messages. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
}
