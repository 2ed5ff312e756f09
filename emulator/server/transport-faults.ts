// Faults that act on the HTTP exchange itself rather than on the answer's content.
import type { ActiveRule } from "./faults";
import { delay, type RequestContext } from "./request";
import { sendJson } from "./wire";

/**
 * Applies an http_error / drop_connection / hang rule. Returns true when the request is finished (the
 * route must not answer), false for rules the route handles itself (snowflake_error, latency).
 */
export async function applyTransportFault(rule: ActiveRule | null, ctx: RequestContext): Promise<boolean> {
  if (!rule) return false;
  switch (rule.kind) {
    case "http_error":
      // A 5xx body is not JSON Snowflake would send on success; the SDK only looks at the status.
      sendJson(ctx.res, rule.status, {
        data: null,
        code: null,
        message: `Injected HTTP ${rule.status} (fault ${rule.id})`,
        success: false,
      });
      return true;
    case "drop_connection":
      ctx.req.socket.destroy();
      return true;
    case "hang":
      await delay(rule.hangMs, ctx.signal);
      ctx.req.socket.destroy();
      return true;
    default:
      return false;
  }
}
