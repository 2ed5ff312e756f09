import "server-only";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { AppError, genericErrorMessage, isAppError, newRequestId } from "@/lib/errors";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { sessionMembership, type OrgContext } from "@/lib/auth/membership";
import { isStaff, roleAtLeast } from "@/lib/auth/roles";
import { keyWithNul, nulMessage } from "@/lib/actions/nul-characters";
import { BodyTooLargeError, payloadTooLargeResponse, readBodyWithin } from "@/lib/http/body-limit";
import { routeInputProblem } from "@/lib/http/route-input";
import { crossSiteProblem } from "@/lib/http/same-origin";
import { logger } from "@/lib/logger";

// The same rules as guards.ts and the action factory, for route handlers (JSON APIs, polling endpoints):
//
//   export const GET = orgScopedRoute<{ orgSlug: string; requestId: string }>({ minRole: "VIEWER" }, async (req, ctx) =>
//     Response.json(await getRequestStatus({ organizationId: ctx.organization.id, requestId: ctx.params.requestId })));
//
// Bodies over ROUTE_BODY_MAX_BYTES → 413 and overlong params → 400, before anything else;
// signed out → 401; not a member, or not staff → 404 (no existence leak); member below minRole → 403;
// AppError → its status and message; anything else → 500 with a request id, details only in the log.

type RouteContext<P> = { params: Promise<P> };
export type RouteAuthedContext<P> = {
  requestId: string;
  user: SessionUser;
  params: P;
  /** The body's bytes, read within the route's bound (null when there is none). */
  body: Uint8Array | null;
};
/**
 * bodyLimitBytes: a larger bound than ROUTE_BODY_MAX_BYTES for one route (the erasure CSV upload);
 * sameOrigin: a state-changing route a page calls with the session cookie refuses cross-site callers (CSRF).
 */
export type RouteBounds = { bodyLimitBytes?: number; sameOrigin?: boolean };
export type RouteOrgContext<P> = RouteAuthedContext<P> & OrgContext;

type RouteHandler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

export function errorResponse(error: unknown, requestId: string, label: string): Response {
  if (error instanceof BodyTooLargeError) return payloadTooLargeResponse(error);
  if (isAppError(error)) {
    return Response.json(
      { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors }, requestId },
      { status: error.httpStatus },
    );
  }
  logger.error({ err: error, requestId, route: label }, "route failed");
  return Response.json(
    { error: { code: "INTERNAL", message: genericErrorMessage(requestId) }, requestId },
    { status: 500 },
  );
}

function wrap<P, Ctx>(
  resolve: (base: RouteAuthedContext<P>) => Promise<Ctx>,
  handler: (request: Request, ctx: Ctx) => Promise<Response>,
  bounds: RouteBounds = {},
): RouteHandler<P> {
  return async (request, context) => {
    const requestId = newRequestId();
    try {
      // Bounds first, before the session is read or anything parses: 413 for a large body, 400 for long input.
      const body = await readBodyWithin(request, bounds.bodyLimitBytes);
      const inputProblem = routeInputProblem(await context.params, new URL(request.url));
      if (inputProblem) throw new AppError("INVALID_INPUT", inputProblem);
      if (bounds.sameOrigin) {
        const crossSite = crossSiteProblem(request);
        if (crossSite) throw new AppError("FORBIDDEN", crossSite, { reason: "cross_site" });
      }
      const user = await getSessionUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
      const params = await context.params;
      // A NUL in a path segment or a query parameter would only fail later, in PostgreSQL, as a 500.
      if (keyWithNul(params) !== null || keyWithNul(Object.fromEntries(new URL(request.url).searchParams)) !== null)
        throw new AppError("INVALID_INPUT", nulMessage);
      const ctx = await resolve({ requestId, user, params, body });
      return await handler(request, ctx);
    } catch (error) {
      return errorResponse(error, requestId, new URL(request.url).pathname);
    }
  };
}

const notFound = () => new AppError("NOT_FOUND", "Not found.");

export function authedRoute<P = Record<string, never>>(
  handler: (request: Request, ctx: RouteAuthedContext<P>) => Promise<Response>,
): RouteHandler<P> {
  return wrap(async (base) => base, handler);
}

/** The route's params must include `orgSlug`. */
export function orgScopedRoute<P extends { orgSlug: string }>(
  options: { minRole?: OrgRole } & RouteBounds,
  handler: (request: Request, ctx: RouteOrgContext<P>) => Promise<Response>,
): RouteHandler<P> {
  return wrap(
    async (base) => {
      const org = await sessionMembership({ userId: base.user.id, orgSlug: base.params.orgSlug });
      if (!org) throw notFound();
      if (!roleAtLeast(org.membership.role, options.minRole ?? "VIEWER"))
        throw new AppError("FORBIDDEN", "Your role in this organisation does not allow this.");
      return { ...base, ...org };
    },
    handler,
    options,
  );
}

export function accountManagerRoute<P = Record<string, never>>(
  handler: (request: Request, ctx: RouteAuthedContext<P>) => Promise<Response>,
): RouteHandler<P> {
  return wrap(async (base) => {
    if (!isStaff(base.user.staffRole)) throw notFound();
    return base;
  }, handler);
}

/** No session needed (health): only the bounds. */
export function publicRoute(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const requestId = newRequestId();
    try {
      await readBodyWithin(request);
      const inputProblem = routeInputProblem({}, new URL(request.url));
      if (inputProblem) throw new AppError("INVALID_INPUT", inputProblem);
      return await handler(request);
    } catch (error) {
      return errorResponse(error, requestId, new URL(request.url).pathname);
    }
  };
}
