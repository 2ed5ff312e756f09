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
    .refine((s) => !Number.isNaN(new Date(/^\d+$/.test(s) ? Number(s) : s).getTime()), "an ISO date or epoch milliseconds")
    .transform((s) => new Date(/^\d+$/.test(s) ? Number(s) : s))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});

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
];
