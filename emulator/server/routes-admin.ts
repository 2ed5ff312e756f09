// The admin API under /__emulator/ for tests and benchmarks (loopback only, enforced by the router).
import { z } from "zod";
import { describeZodError, faultConfigSchema, faultRuleSchema } from "./fault-schema";
import { BadRequest, readJson, type RequestContext } from "./request";
import { resetAll, type ServerState } from "./state";
import { sendJson } from "./wire";

const logQuerySchema = z.object({
  account: z.string().min(1).optional(),
  since: z
    .string()
    .refine(
      (s) => !Number.isNaN(new Date(/^\d+$/.test(s) ? Number(s) : s).getTime()),
      "an ISO date or epoch milliseconds",
    )
    .transform((s) => new Date(/^\d+$/.test(s) ? Number(s) : s))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});

// The engine's clock (emulator/engine/clock.ts). Moving it forward answers after the task runs and scheduled
// refreshes that fell due on the way have finished, so a test needs no sleeps.
const instant = z
  .union([z.number().int().min(0), z.string().refine((s) => !Number.isNaN(Date.parse(s)), "an ISO date")])
  .transform((v) => (typeof v === "number" ? v : Date.parse(v)));
const advanceSchema = z
  .object({
    ms: z.number().int().min(0).optional(),
    seconds: z.number().min(0).optional(),
    minutes: z.number().min(0).optional(),
  })
  .strict()
  .refine(
    (b) => [b.ms, b.seconds, b.minutes].filter((x) => x !== undefined).length === 1,
    "give exactly one of ms, seconds, minutes",
  )
  .transform((b) => Math.round(b.ms ?? (b.seconds ?? 0) * 1000 + (b.minutes ?? 0) * 60_000))
  .refine((ms) => ms <= 366 * 86_400_000, "at most 366 days at once");
const setSchema = z.object({ at: instant }).strict();
const freezeSchema = z.object({ at: instant.optional() }).strict();

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new BadRequest(describeZodError(result.error));
  return result.data;
}

type AdminExtras = { health: () => Record<string, unknown> };

export async function handleAdmin(state: ServerState, rc: RequestContext, extras: AdminExtras): Promise<void> {
  const path = rc.url.pathname.replace(/^\/__emulator/, "").replace(/\/+$/, "");
  const method = rc.req.method ?? "GET";
  const route = `${method} ${path}`;
  const reply = (status: number, body: unknown) => sendJson(rc.res, status, body);

  switch (route) {
    case "GET /health":
      return reply(200, { ok: true, ...extras.health() });
    case "GET /query-log": {
      const filter = parse(logQuerySchema, Object.fromEntries(rc.url.searchParams));
      return reply(200, { entries: state.queryLog.list(filter) });
    }
    case "DELETE /query-log":
      state.queryLog.clear();
      return reply(200, { ok: true });
    case "GET /faults":
      return reply(200, state.faults.snapshot());
    case "PUT /faults":
      return reply(200, state.faults.set(parse(faultConfigSchema, await readJson(rc.req))));
    case "POST /faults/rules":
      return reply(201, state.faults.add(parse(faultRuleSchema, await readJson(rc.req))));
    case "DELETE /faults":
      state.faults.clear();
      return reply(200, state.faults.snapshot());
    case "GET /concurrency":
      return reply(200, state.concurrency.snapshot());
    case "DELETE /concurrency":
      state.concurrency.reset();
      return reply(200, state.concurrency.snapshot());
    case "POST /reset":
      await resetAll(state);
      return reply(200, { ok: true });
    case "POST /sessions/expire-tokens":
      return reply(200, { expired: state.sessions.expireSessionTokens() });
    case "GET /clock":
    case "POST /clock/advance":
    case "PUT /clock":
    case "POST /clock/freeze":
    case "POST /clock/unfreeze": {
      const clock = state.engine.clock;
      if (!clock) return reply(501, { error: "this engine has no controllable clock" });
      if (route === "GET /clock") return reply(200, clock.read());
      if (route === "POST /clock/unfreeze") return reply(200, clock.unfreeze());
      const body = await readJson(rc.req);
      if (route === "POST /clock/advance") return reply(200, await clock.advance(parse(advanceSchema, body)));
      if (route === "PUT /clock") return reply(200, await clock.set(parse(setSchema, body).at));
      return reply(200, await clock.freeze(parse(freezeSchema, body ?? {}).at));
    }
  }
  const ruleMatch = /^\/faults\/rules\/([^/]+)$/.exec(path);
  if (method === "DELETE" && ruleMatch) {
    const removed = state.faults.remove(decodeURIComponent(ruleMatch[1]));
    return reply(removed ? 200 : 404, removed ? { ok: true } : { error: `no fault rule ${ruleMatch[1]}` });
  }
  reply(404, { error: `unknown admin endpoint ${route}`, endpoints: ADMIN_ENDPOINTS });
}

export const ADMIN_ENDPOINTS = [
  "GET /__emulator/health",
  "GET /__emulator/query-log?account=&since=&limit=",
  "DELETE /__emulator/query-log",
  "GET|PUT|DELETE /__emulator/faults",
  "POST /__emulator/faults/rules",
  "DELETE /__emulator/faults/rules/<id>",
  "GET|DELETE /__emulator/concurrency",
  "POST /__emulator/reset",
  "POST /__emulator/sessions/expire-tokens",
  "GET|PUT /__emulator/clock",
  "POST /__emulator/clock/advance",
  "POST /__emulator/clock/freeze",
  "POST /__emulator/clock/unfreeze",
];
