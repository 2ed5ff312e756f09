// What an API token may do. Pure (the token form lists these). `erasures:write` files GDPR erasure
// requests (POST /api/v1/erasures); reading them needs `read`.

export const apiScopes = ["read", "requests:write", "erasures:write"] as const;
export type ApiScope = (typeof apiScopes)[number];

export const apiScopeDescriptions: Record<ApiScope, string> = {
  read: "Read requests, their status and shares",
  "requests:write": "Create and cancel share requests",
  "erasures:write": "File GDPR erasure requests",
};

// The name bound lives with the other stored limits (its CHECK constraint is tested there).
export { API_TOKEN_NAME_MAX_LENGTH } from "@/lib/limits";

export const API_TOKEN_PREFIX = "floe_pat_";
export const MAX_API_TOKENS_PER_ORGANIZATION = 20;

/** The token's shape: the prefix, then 43 base64url characters (32 random bytes). */
export const apiTokenFormat = /^floe_pat_[A-Za-z0-9_-]{43}$/;
