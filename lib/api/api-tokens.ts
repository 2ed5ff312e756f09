import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { forbiddenError, invalidInputError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { inTransaction } from "@/lib/requests/transaction";
import { isStaff } from "@/lib/auth/roles";
import { appNow } from "@/lib/time/clock";
import {
  API_TOKEN_NAME_MAX_LENGTH,
  API_TOKEN_PREFIX,
  apiScopes,
  apiTokenFormat,
  MAX_API_TOKENS_PER_ORGANIZATION,
  type ApiScope,
} from "./api-scopes";

// Per-organisation API tokens. A token is `floe_pat_` + 32 random bytes; only its SHA-256 is stored (a
// fast hash is right here: the token has 256 bits of entropy, so there is nothing to brute-force, and the
// hash is the lookup key). Owners create (the token is shown once) and revoke; staff may list and revoke
// any. A call authenticates as the token's creator, whose membership is checked again on every call: an
// owner who leaves the organisation takes their tokens' power with them.

export const apiTokenInputSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(API_TOKEN_NAME_MAX_LENGTH),
  scopes: z.array(z.enum(apiScopes)).min(1, "Choose at least one scope.").max(apiScopes.length),
});

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

async function requireOwner(organizationId: string, userId: string): Promise<void> {
  if (!organizationId) throw notFoundError("organisation");
  const membership = await db.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { role: true },
  });
  if (membership?.role !== "OWNER") throw forbiddenError("Only owners of this organisation can manage API tokens.");
}

export async function createApiToken(options: {
  organizationId: string;
  actorId: string;
  input: z.input<typeof apiTokenInputSchema>;
}): Promise<{ id: string; token: string }> {
  const input = apiTokenInputSchema.parse(options.input);
  await requireOwner(options.organizationId, options.actorId);
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const scopes = [...new Set(input.scopes)].sort();
  return inTransaction(async (tx) => {
    const live = await tx.apiToken.count({ where: { organizationId: options.organizationId, revokedAt: null } });
    if (live >= MAX_API_TOKENS_PER_ORGANIZATION)
      throw invalidInputError(`An organisation can have at most ${MAX_API_TOKENS_PER_ORGANIZATION} active tokens.`);
    const created = await tx.apiToken.create({
      data: {
        organizationId: options.organizationId,
        name: input.name,
        displayPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        tokenHash: hashApiToken(token),
        scopes,
        createdById: options.actorId,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: options.organizationId,
      type: "api.token_created",
      details: { tokenId: created.id, name: input.name, scopes },
    });
    return { id: created.id, token };
  });
}

const tokenListSelect = {
  id: true,
  name: true,
  displayPrefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { name: true, email: true } },
} as const;

export async function listApiTokens(organizationId: string) {
  if (!organizationId) return [];
  return db.apiToken.findMany({
    where: { organizationId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: tokenListSelect,
  });
}

/** Staff: every organisation's live tokens (newest first, bounded). The caller checks the staff role. */
export async function listApiTokensForStaff(options: { take?: number } = {}) {
  return db.apiToken.findMany({
    where: { revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 200,
    select: { ...tokenListSelect, organization: { select: { name: true, slug: true } } },
  });
}

/**
 * Revokes a token. An owner revokes within their organisation (organizationId given); staff revoke any
 * (organizationId null) — the actor's role is checked here either way.
 */
export async function revokeApiToken(options: {
  tokenId: string;
  actorId: string;
  organizationId: string | null;
}): Promise<void> {
  if (options.organizationId !== null) await requireOwner(options.organizationId, options.actorId);
  else {
    const actor = await db.user.findUnique({ where: { id: options.actorId }, select: { staffRole: true } });
    if (!isStaff(actor?.staffRole ?? null)) throw notFoundError("API token");
  }
  await inTransaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: {
        id: options.tokenId,
        revokedAt: null,
        ...(options.organizationId !== null ? { organizationId: options.organizationId } : {}),
      },
      select: { id: true, organizationId: true, name: true },
    });
    if (!token) throw notFoundError("API token");
    const updated = await tx.apiToken.updateMany({
      where: { id: token.id, revokedAt: null },
      data: { revokedAt: appNow(), revokedById: options.actorId },
    });
    if (updated.count === 0) throw notFoundError("API token");
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: token.organizationId,
      type: "api.token_revoked",
      details: { tokenId: token.id, name: token.name, byStaff: options.organizationId === null },
    });
  });
}

export type ApiPrincipal = {
  tokenId: string;
  scopes: ApiScope[];
  organization: { id: string; slug: string; name: string };
  /** The token's creator, as whom the call acts; with their current role in the organisation. */
  user: { id: string; role: "OWNER" | "MEMBER" | "VIEWER" };
};

/** Recorded at most once a minute per token, so a busy client does not write a row per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The principal of a presented token, or null for anything that is not a live token of a current member. */
export async function authenticateApiToken(token: string): Promise<ApiPrincipal | null> {
  if (!apiTokenFormat.test(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      scopes: true,
      revokedAt: true,
      lastUsedAt: true,
      createdById: true,
      organization: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!row || row.revokedAt) return null;
  const membership = await db.membership.findUnique({
    where: { userId_organizationId: { userId: row.createdById, organizationId: row.organization.id } },
    select: { role: true },
  });
  if (!membership) return null;
  const now = appNow();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    tokenId: row.id,
    scopes: row.scopes.filter((s): s is ApiScope => (apiScopes as readonly string[]).includes(s)),
    organization: row.organization,
    user: { id: row.createdById, role: membership.role },
  };
}
