import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { OrgRole, StaffRole } from "@/lib/generated/prisma/enums";
import { AppError, genericErrorMessage, isAppError, newRequestId } from "@/lib/errors";
import { isAdmin, isStaff, roleAtLeast } from "@/lib/auth/roles";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { findMembership, type OrgContext } from "@/lib/auth/membership";
import { formDataToObject } from "@/lib/actions/form-data";
import { keyWithNul, nulMessage } from "@/lib/actions/nul-characters";
import { ID_MAX_LENGTH } from "@/lib/limits";
import { logger } from "@/lib/logger";

// The one way to write a server action: parse → authorize → call one domain function → map the result.
// Layers build on each other (authed → orgScoped, authed → accountManager → admin) so the session and the
// membership are loaded once and handed to the handler in `ctx`; no action looks them up on its own.
//
//   export const cancelRequestAction = orgScopedAction(
//     { name: "cancelRequest", schema: cancelRequestSchema, minRole: "MEMBER" },
//     (input, ctx) => cancelRequest({ organizationId: ctx.organization.id, requestId: input.requestId, actor: ctx.user }),
//   );
//
// The result is `useActionState`-shaped and the action accepts a plain object, `(formData)` or `(prevState, formData)`.

export type FieldErrors = Record<string, string[]>;
export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: FieldErrors };

export type ServerAction<T> = {
  (input: unknown): Promise<ActionResult<T>>;
  (prevState: ActionResult<T> | null | undefined, formData: FormData): Promise<ActionResult<T>>;
};

export type AuthedContext = { requestId: string; user: SessionUser };
export type OrgScopedContext = AuthedContext & OrgContext;
export type StaffContext = AuthedContext & { staffRole: StaffRole };

export type ActionDependencies = {
  getSessionUser: () => Promise<SessionUser | null>;
  findMembership: (options: { userId: string; orgSlug: string }) => Promise<OrgContext | null>;
};

type ActionConfig<S extends z.ZodType> = { name: string; schema: S };
type Handler<S extends z.ZodType, Ctx, T> = (input: z.output<S>, ctx: Ctx) => Promise<T>;
/** Builds a layer's context from the parsed input; throws AppError to deny. */
type Resolve<Ctx, Extra> = (input: unknown, config: Extra, requestId: string) => Promise<Ctx>;

const messages = {
  signedOut: "Your session has ended. Please sign in again.",
  orgNotFound: "We could not find that organisation.",
  roleTooLow: "Your role in this organisation does not allow this. Ask one of its owners.",
  staffOnly: "Only Floe staff can do this.",
  adminOnly: "Only Floe administrators can do this.",
  invalid: "Please correct the highlighted fields.",
};

function toFieldErrors(error: z.ZodError): { message: string; fieldErrors: FieldErrors } {
  const flat = z.flattenError(error);
  const fieldErrors: FieldErrors = {};
  for (const [key, list] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) {
    if (list?.length) fieldErrors[key] = list;
  }
  return { message: flat.formErrors[0] ?? messages.invalid, fieldErrors };
}

function readInput(first: unknown, second: unknown): unknown {
  if (second instanceof FormData) return formDataToObject(second);
  if (first instanceof FormData) return formDataToObject(first);
  return first;
}

function makeBuilder<Ctx, Extra extends object>(resolve: Resolve<Ctx, Extra>) {
  return function defineAction<S extends z.ZodType, T>(
    config: ActionConfig<S> & Extra,
    handler: Handler<S, Ctx, T>,
  ): ServerAction<T> {
    const action = async (first: unknown, second?: unknown): Promise<ActionResult<T>> => {
      const requestId = newRequestId();
      const input = readInput(first, second);
      const nulKey = keyWithNul(input);
      if (nulKey !== null) return { ok: false, message: messages.invalid, fieldErrors: { [nulKey]: [nulMessage] } };
      const parsed = config.schema.safeParse(input);
      if (!parsed.success) return { ok: false, ...toFieldErrors(parsed.error) };
      try {
        const ctx = await resolve(parsed.data, config, requestId);
        return { ok: true, data: await handler(parsed.data, ctx) };
      } catch (error) {
        // redirect() and notFound() are control flow, not failures.
        unstable_rethrow(error);
        if (isAppError(error))
          return {
            ok: false,
            message: error.message,
            ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
          };
        logger.error({ err: error, requestId, action: config.name }, "server action failed");
        return { ok: false, message: genericErrorMessage(requestId) };
      }
    };
    return action as ServerAction<T>;
  };
}

/** Adds one authorization step on top of a parent layer. */
function extend<Parent, Ctx, Extra>(
  parent: Resolve<Parent, Extra>,
  step: (ctx: Parent, input: unknown, config: Extra) => Promise<Ctx>,
): Resolve<Ctx, Extra> {
  return async (input, config, requestId) => step(await parent(input, config, requestId), input, config);
}

export function createActionFactory(deps: ActionDependencies) {
  const authed: Resolve<AuthedContext, object> = async (_input, _config, requestId) => {
    const user = await deps.getSessionUser();
    if (!user) throw new AppError("UNAUTHENTICATED", messages.signedOut);
    return { requestId, user };
  };

  const orgScoped = extend<AuthedContext, OrgScopedContext, { minRole?: OrgRole }>(
    authed,
    async (ctx, input, config) => {
      const orgSlug = (input as { orgSlug?: unknown }).orgSlug;
      // Read before the schema runs (authorization first), so bounded here: no slug is longer than an id.
      if (typeof orgSlug !== "string" || orgSlug.length > ID_MAX_LENGTH)
        throw new AppError("NOT_FOUND", messages.orgNotFound);
      const org = await deps.findMembership({ userId: ctx.user.id, orgSlug });
      if (!org) throw new AppError("NOT_FOUND", messages.orgNotFound);
      // roleAtLeast denies roles it does not know, so a new enum value grants nothing by accident.
      if (!roleAtLeast(org.membership.role, config.minRole ?? "VIEWER"))
        throw new AppError("FORBIDDEN", messages.roleTooLow);
      return { ...ctx, ...org };
    },
  );

  const staff = extend<AuthedContext, StaffContext, object>(authed, async (ctx) => {
    if (!isStaff(ctx.user.staffRole)) throw new AppError("FORBIDDEN", messages.staffOnly);
    return { ...ctx, staffRole: ctx.user.staffRole };
  });

  const admin = extend<StaffContext, StaffContext, object>(staff, async (ctx) => {
    if (!isAdmin(ctx.staffRole)) throw new AppError("FORBIDDEN", messages.adminOnly);
    return ctx;
  });

  return {
    /** Any signed-in user. */
    authedAction: makeBuilder(authed),
    /** A member of the organisation named by `input.orgSlug` (the schema must include it), at least `minRole`. */
    orgScopedAction: <S extends z.ZodType<{ orgSlug: string }>, T>(
      config: ActionConfig<S> & { minRole?: OrgRole },
      handler: Handler<S, OrgScopedContext, T>,
    ) => makeBuilder(orgScoped)(config, handler),
    /** Account managers and admins. */
    accountManagerAction: makeBuilder(staff),
    /** Admins only. */
    adminAction: makeBuilder(admin),
  };
}

// The builders wired to the real session and database: import these in `actions.ts` files. Tests build
// their own with createActionFactory and a fake session lookup.
export const { authedAction, orgScopedAction, accountManagerAction, adminAction } = createActionFactory({
  getSessionUser,
  findMembership,
});
