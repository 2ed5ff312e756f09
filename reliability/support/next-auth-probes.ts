// The next-auth route handler reads cookies and headers through `next/headers`, which only works inside a
// Next.js request. Here the handler is the real one; only those two readers are pointed at the Request the
// probe sends, carrying a real session cookie (a JWT encoded with the app's secret, as after sign-in).
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { Outcome } from "./probes";

const require = createRequire(import.meta.url);
const nextHeaders = require("next/headers") as { cookies: unknown; headers: unknown };
let current: NextRequest | undefined;
nextHeaders.cookies = async () => current!.cookies;
nextHeaders.headers = async () => current!.headers;

type User = { id: string; email: string; name: string | null; staffRole: "ACCOUNT_MANAGER" | "ADMIN" | null } | null;
type Handler = (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
const COOKIE = "next-auth.session-token";

async function call(
  fn: unknown,
  path: string,
  user: User,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (user) {
    // The session version as sign-in puts it in the token: the auth route answers a token without the
    // user's current one as signed out (lib/auth/auth-route-guard.ts).
    const row = await db.user.findUnique({ where: { id: user.id }, select: { sessionVersion: true } });
    const token = await encode({
      token: {
        sub: user.id,
        uid: user.id,
        email: user.email,
        name: user.name,
        staffRole: user.staffRole,
        sv: row?.sessionVersion,
      },
      secret: getConfig().authSecret,
    });
    headers.set("cookie", `${COOKIE}=${token}`);
  }
  current = new NextRequest(`http://localhost:3000/api/auth/${path}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers,
  });
  try {
    return await (fn as Handler)(current, { params: Promise.resolve({ nextauth: path.split("?")[0].split("/") }) });
  } finally {
    current = undefined;
  }
}

/** The real next-auth route handler called as Next would, with these headers (cookies included) and body. */
export function callAuthRoute(
  fn: unknown,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return call(fn, path, null, init);
}

/** GET /api/auth/session: everyone may ask, and hears about their own session only. */
export async function sessionProbe(fn: unknown, user: User): Promise<Outcome> {
  const response = await call(fn, "session", user);
  const body = (await response.json()) as { user?: { id?: string; email?: string } };
  if (response.status !== 200) return { kind: "unexpected", detail: `status ${response.status}` };
  const mine = user ? body.user?.id === user.id && body.user?.email === user.email : Object.keys(body).length === 0;
  return mine
    ? { kind: "allowed", detail: user ? "own session" : "no session" }
    : { kind: "unexpected", detail: JSON.stringify(body) };
}

/** POST /api/auth/signout without the CSRF token: refused (sent to the confirmation page), session untouched. */
export async function csrfProbe(fn: unknown, user: User): Promise<Outcome> {
  const response = await call(fn, "signout", user, {
    method: "POST",
    body: "callbackUrl=%2F",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  const location = response.headers.get("location") ?? "";
  const clears = (response.headers.get("set-cookie") ?? "").includes(`${COOKIE}=;`);
  if (response.status === 302 && location.includes("csrf=true") && !clears)
    return { kind: "denied", detail: "302 → signout?csrf=true" };
  return {
    kind: response.status < 400 && !location.includes("csrf=true") ? "allowed" : "unexpected",
    detail: `${response.status} ${location} clears=${clears}`,
  };
}
