import "server-only";
import { AppError, genericErrorMessage, isAppError, newRequestId } from "@/lib/errors";
import { BodyTooLargeError, readBodyWithin } from "@/lib/http/body-limit";
import { routeInputProblem } from "@/lib/http/route-input";
import { keyWithNul, nulMessage } from "@/lib/actions/nul-characters";
import { roleAtLeast } from "@/lib/auth/roles";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/logger";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { authenticateApiToken, type ApiPrincipal } from "./api-tokens";
import type { ApiScope } from "./api-scopes";
import { apiErrorCode, type ApiErrorCode } from "./api-errors";

// The public API's route wrapper, in this order: bounds (413/400) → bearer token (401) → scope (403) →
// the token creator's role, the same minimum role as the UI's action (403) → rate limit per token (429) →
// handler. The tenant is the token's organisation, handed to the handler; no route reads an organisation
// from the URL. Every error is JSON { error: { code, message, fieldErrors? }, requestId } with a stable code.

type RouteContext<P> = { params: Promise<P> };
export type ApiContext<P> = { requestId: string; principal: ApiPrincipal; params: P; body: unknown };

export function apiErrorResponse(
  status: number,
  code: ApiErrorCode,
  message: string,
  requestId: string,
  extra: { fieldErrors?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  return Response.json(
    { error: { code, message, ...(extra.fieldErrors ? { fieldErrors: extra.fieldErrors } : {}) }, requestId },
    { status, headers: { "Cache-Control": "no-store", ...extra.headers } },
  );
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}

async function readJsonBody(request: Request, limitBytes?: number): Promise<unknown> {
  const bytes = await readBodyWithin(request, limitBytes);
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  if (!bytes || bytes.byteLength === 0) return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new AppError("INVALID_INPUT", "Send the body as JSON (Content-Type: application/json).");
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not valid JSON.");
  }
}

export function apiRoute<P = Record<string, never>>(
  /** bodyLimitBytes: a larger bound than ROUTE_BODY_MAX_BYTES for one route (an erasure list of 100,000 ids). */
  options: { scope: ApiScope; minRole: OrgRole; bodyLimitBytes?: number },
  handler: (request: Request, ctx: ApiContext<P>) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    const requestId = newRequestId();
    try {
      const body = await readJsonBody(request, options.bodyLimitBytes);
      const params = ((await context?.params) ?? {}) as P;
      const inputProblem = routeInputProblem(params, new URL(request.url));
      if (inputProblem) throw new AppError("INVALID_INPUT", inputProblem);
      if (keyWithNul(params) !== null || keyWithNul(Object.fromEntries(new URL(request.url).searchParams)) !== null)
        throw new AppError("INVALID_INPUT", nulMessage);

      const token = bearerToken(request);
      const principal = token ? await authenticateApiToken(token) : null;
      if (!principal)
        return apiErrorResponse(
          401,
          "INVALID_TOKEN",
          "Send a valid API token: Authorization: Bearer floe_pat_…",
          requestId,
          {
            headers: { "WWW-Authenticate": 'Bearer realm="floe"' },
          },
        );
      if (!principal.scopes.includes(options.scope))
        return apiErrorResponse(403, "INSUFFICIENT_SCOPE", `This token lacks the scope "${options.scope}".`, requestId);
      if (!roleAtLeast(principal.user.role, options.minRole))
        return apiErrorResponse(
          403,
          "FORBIDDEN",
          "The token's owner no longer has a role in this organisation that allows this.",
          requestId,
        );
      const limit = await hitRateLimit(`api-token:${principal.tokenId}`, {
        limit: getConfig().FLOE_API_RATE_LIMIT_PER_MINUTE,
        windowSeconds: 60,
      });
      if (!limit.allowed)
        return apiErrorResponse(429, "RATE_LIMITED", "Too many requests for this token; slow down.", requestId, {
          headers: { "Retry-After": String(limit.retryAfterSeconds) },
        });
      const response = await handler(request, { requestId, principal, params, body });
      response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return apiErrorResponse(413, "PAYLOAD_TOO_LARGE", error.message, requestId, {
          headers: { Connection: "close" },
        });
      if (isAppError(error))
        return apiErrorResponse(error.httpStatus, apiErrorCode(error), error.message, requestId, {
          fieldErrors: error.fieldErrors,
        });
      logger.error({ err: error, requestId, route: new URL(request.url).pathname }, "api route failed");
      return apiErrorResponse(500, "INTERNAL", genericErrorMessage(requestId), requestId);
    }
  };
}
