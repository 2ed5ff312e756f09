import "server-only";
import { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { nulMessage } from "@/lib/actions/nul-characters";
import { BodyTooLargeError, payloadTooLargeResponse, readBodyWithin } from "@/lib/http/body-limit";
import { routeInputProblem } from "@/lib/http/route-input";
import { EMAIL_MAX_LENGTH } from "@/lib/limits";
import { isHttpsUrl } from "@/lib/security/security-headers";
import { normalizeEmail } from "./adapter";
import { clientAddress, hitRateLimit, sweepRateLimitBuckets } from "./rate-limit";

// What runs before next-auth sees a request: the body limit (413), bounded fields (400), and for magic-link
// requests the rate limits per address and per client (PostgreSQL, all instances) plus a sweep of expired
// verification tokens. next-auth then gets a copy of the request with the body already read.

export const MAGIC_LINK_WINDOW_SECONDS = 15 * 60;
export const RATE_LIMITED_ERROR = "RateLimited";

// next-auth's form posts: csrfToken, callbackUrl, json, and the provider's fields (email for magic links
// and the demo sign-in). Every value bounded before anything reads it.
const authFieldsSchema = z
  // No NUL anywhere: PostgreSQL text cannot hold one (the email becomes a rate-limit key and a token's identifier).
  .record(
    z.string().max(64),
    z
      .string()
      .max(2048)
      .refine((value) => !value.includes("\u0000"), { message: "nul" }),
  )
  .refine((fields) => Object.keys(fields).length <= 20)
  // Measured as next-auth will use it (normalizeIdentifier): lower-casing can lengthen a string (İ → i̇).
  .refine((fields) => fields.email === undefined || normalizeEmail(fields.email).length <= EMAIL_MAX_LENGTH, {
    message: "email",
  });

function badRequest(message: string): Response {
  return Response.json({ error: { code: "INVALID_INPUT", message } }, { status: 400 });
}

function parseFields(body: Uint8Array | null, contentType: string): Record<string, unknown> | null {
  if (!body || body.byteLength === 0) return {};
  const text = new TextDecoder().decode(body);
  if (contentType.includes("application/json")) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** The magic-link refusal, in the shape next-auth's client reads: it takes `error` from the URL it is given. */
function rateLimited(json: boolean, retryAfterSeconds: number): Response {
  const url = new URL(
    `/signin?error=${RATE_LIMITED_ERROR}`,
    getConfig().NEXTAUTH_URL ?? "http://localhost:3000",
  ).toString();
  const headers = { "Retry-After": String(retryAfterSeconds) };
  return json
    ? Response.json({ url }, { status: 429, headers })
    : new Response(null, { status: 302, headers: { ...headers, Location: url } });
}

async function limitMagicLink(request: NextRequest, email: string, json: boolean): Promise<Response | null> {
  const config = getConfig();
  const window = MAGIC_LINK_WINDOW_SECONDS;
  // Both counted on every request, so a flood from one client also uses up its own budget.
  const [address, client] = await Promise.all([
    hitRateLimit(`magic-link:address:${normalizeEmail(email)}`, {
      limit: config.FLOE_MAGIC_LINK_LIMIT_PER_ADDRESS,
      windowSeconds: window,
    }),
    hitRateLimit(`magic-link:client:${clientAddress(request.headers, config.FLOE_TRUST_PROXY === "1")}`, {
      limit: config.FLOE_MAGIC_LINK_LIMIT_PER_CLIENT,
      windowSeconds: window,
    }),
  ]);
  // Housekeeping on the same path: links past their expiry and ended windows are gone, not just unusable.
  await Promise.all([
    db.verificationToken.deleteMany({ where: { expires: { lt: new Date() } } }),
    sweepRateLimitBuckets(),
  ]);
  if (!address.allowed || !client.allowed)
    return rateLimited(
      json,
      Math.max(address.allowed ? 0 : address.retryAfterSeconds, client.allowed ? 0 : client.retryAfterSeconds),
    );
  return null;
}

/**
 * next-auth's own session endpoint (/api/auth/session, GET or POST) trusts the JWT alone. A token issued before the
 * user's last sign-out or role change (lib/auth/session.ts) gets what next-auth answers for no session, so
 * the endpoint neither vouches for a dead token nor tells its holder whose it was. null: let next-auth answer.
 */
async function staleSessionResponse(request: NextRequest): Promise<Response | null> {
  const config = getConfig();
  const token = await getToken({
    req: request,
    secret: config.authSecret,
    secureCookie: isHttpsUrl(config.NEXTAUTH_URL),
  });
  if (!token) return null;
  const user =
    typeof token.uid === "string"
      ? await db.user.findUnique({ where: { id: token.uid }, select: { sessionVersion: true } })
      : null;
  if (user && user.sessionVersion === token.sv) return null;
  return Response.json({}, { headers: { "Cache-Control": "no-store" } });
}

/** A Response to send instead of calling next-auth, or the request to hand to it. */
export async function guardAuthRequest(
  request: NextRequest,
  action: string[] | undefined,
): Promise<Response | NextRequest> {
  let body: Uint8Array | null;
  try {
    body = await readBodyWithin(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLargeResponse(error);
    throw error;
  }
  const inputProblem = routeInputProblem({ nextauth: action ?? [] }, request.nextUrl);
  if (inputProblem) return badRequest(inputProblem);
  // next-auth routes on the first segment alone, and answers POST (a session update) as GET.
  if (action?.[0] === "session") {
    const stale = await staleSessionResponse(request);
    if (stale) return stale;
  }
  if (request.method === "POST") {
    const fields = parseFields(body, request.headers.get("content-type") ?? "");
    const parsed = authFieldsSchema.safeParse(fields);
    if (!parsed.success) {
      const said = (message: string) => parsed.error.issues.some((i) => i.message === message);
      return badRequest(
        said("nul")
          ? nulMessage
          : said("email")
            ? `The email address is too long (at most ${EMAIL_MAX_LENGTH} characters).`
            : "The sign-in form was not valid.",
      );
    }
    if (action?.[0] === "signin" && action[1] === "email" && parsed.data.email) {
      const limited = await limitMagicLink(request, parsed.data.email, parsed.data.json === "true");
      if (limited) return limited;
    }
  }
  return new NextRequest(request.url, {
    method: request.method,
    headers: request.headers,
    body: body && body.byteLength > 0 ? (body as BodyInit) : undefined,
  });
}
