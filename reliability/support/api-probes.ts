// Probes of the public API for the authorization matrix: the API authenticates by bearer token, not by
// session, so each persona calls with a token of its own, made in setup (before the fingerprint) for every
// persona that is a member somewhere — the brand's viewer, member and owner, the other brand's owner — with
// every scope, so a refusal can only come from the persona's role or tenant. Staff and the signed-out have
// no token (401). The token is picked at call time by who the matrix signed in.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashApiToken } from "@/lib/api/api-tokens";
import { session } from "./session";
import type { Outcome, Probe } from "./probes";
import type { World } from "./world";

type Call = Awaited<ReturnType<Probe["setup"]>>;

/** A live token row for `userId` in `organizationId` (all scopes), used just now (no last-used write during the call). */
export async function createApiTokenRecord(organizationId: string, userId: string) {
  const token = `floe_pat_${randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: {
      organizationId,
      name: "probe",
      displayPrefix: token.slice(0, 15),
      tokenHash: hashApiToken(token),
      scopes: ["read", "requests:write", "erasures:write"],
      createdById: userId,
      lastUsedAt: new Date(),
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

// 401 no/unknown token; 403 the creator's role; 404 another organisation's request.
const apiDenials: Record<number, string[]> = { 401: ["INVALID_TOKEN"], 403: ["FORBIDDEN"], 404: ["NOT_FOUND"] };

export async function apiProbe(
  w: World,
  options: {
    url: string;
    method?: string;
    body?: unknown;
    params?: Record<string, string>;
    /** For lists: an id of the brand's that an allowed answer must contain. Another brand's token gets its
     *  own organisation's list — a 200 without the brand's data is the tenant boundary refusing. */
    mustInclude?: string;
  },
): Promise<Call> {
  const tokens = new Map<string, string>();
  for (const persona of ["viewer", "member", "owner", "otherOwner"] as const) {
    const user = w.users[persona];
    const membership = await db.membership.findFirstOrThrow({
      where: { userId: user.id },
      select: { organizationId: true },
    });
    tokens.set(user.id, (await createApiTokenRecord(membership.organizationId, user.id)).token);
  }
  return async (fn): Promise<Outcome> => {
    const token = session.user ? tokens.get(session.user.id) : undefined;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await (fn as (r: Request, c: unknown) => Promise<Response>)(
      new Request(`http://localhost${options.url}`, {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      }),
      { params: Promise.resolve(options.params ?? {}) },
    );
    const body = await response.text();
    if (response.status === 200 || response.status === 201) {
      if (options.mustInclude && !body.includes(options.mustInclude))
        return { kind: "denied", detail: `${response.status} without the brand's data (the token's own organisation)` };
      return { kind: "allowed", detail: String(response.status) };
    }
    const error = (JSON.parse(body || "{}") as { error?: { code?: string; fieldErrors?: Record<string, string[]> } })
      .error;
    const code = error?.code ?? "";
    // Creating with the brand's workspace from another organisation: not found in the token's tenant.
    if (response.status === 400 && code === "INVALID_INPUT" && error?.fieldErrors?.workspaceIds)
      return { kind: "denied", detail: "400 the brand's workspace is not in the token's organisation" };
    if (apiDenials[response.status]?.includes(code)) return { kind: "denied", detail: `${response.status} ${code}` };
    return { kind: "unexpected", detail: `${response.status} ${body.slice(0, 200)}` };
  };
}
