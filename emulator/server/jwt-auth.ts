// Key-pair (SNOWFLAKE_JWT) login: an RS256 JWT signed with the user's private key. We check the
// signature against the user's registered public keys, the claims, and the public-key fingerprint
// in `iss`, as Snowflake does. node:crypto only, no JWT library.
import { createHash, createPublicKey, verify } from "node:crypto";

export type JwtCheck = { ok: true } | { ok: false; reason: string };

/** "SHA256:<base64 sha256 of the SPKI DER>" — the form Snowflake shows as RSA_PUBLIC_KEY_FP. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64")}`;
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

/** snowflake-sdk (Node) puts iat/exp in milliseconds, other drivers in seconds: accept both. */
const toSeconds = (n: number) => (n > 1e11 ? n / 1000 : n);

const MAX_LIFETIME_SECONDS = 3600; // Snowflake refuses JWTs valid for more than an hour
const CLOCK_SKEW_SECONDS = 60;

/** Account part of the claims: Snowflake uses the account name without region segments, upper case. */
const accountPart = (account: string) => account.split(".")[0].toUpperCase();

export function verifyLoginJwt(
  token: string,
  expected: { accounts: string[]; user: string; publicKeysPem: string[]; nowMs?: number },
): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "not a JWT" };
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (!header || !claims) return { ok: false, reason: "undecodable JWT" };
  if (header.alg !== "RS256") return { ok: false, reason: `unsupported alg ${String(header.alg)}` };

  const now = (expected.nowMs ?? Date.now()) / 1000;
  const iat = typeof claims.iat === "number" ? toSeconds(claims.iat) : NaN;
  const exp = typeof claims.exp === "number" ? toSeconds(claims.exp) : NaN;
  if (!Number.isFinite(iat) || !Number.isFinite(exp)) return { ok: false, reason: "missing iat/exp" };
  if (exp <= now) return { ok: false, reason: "expired" };
  if (iat > now + CLOCK_SKEW_SECONDS) return { ok: false, reason: "issued in the future" };
  if (exp - iat > MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) return { ok: false, reason: "lifetime too long" };

  const user = expected.user.toUpperCase();
  const accounts = new Set(expected.accounts.map(accountPart));
  const sub = String(claims.sub ?? "").toUpperCase();
  const iss = String(claims.iss ?? "");
  const subOk = [...accounts].some((a) => sub === `${a}.${user}`);
  if (!subOk) return { ok: false, reason: "sub does not name this account and user" };

  const issMatch = /^([^.]+)\.(.+)\.(SHA256:[A-Za-z0-9+/=]+)$/.exec(iss);
  if (!issMatch || !accounts.has(issMatch[1].toUpperCase()) || issMatch[2].toUpperCase() !== user) {
    return { ok: false, reason: "iss does not name this account and user" };
  }
  const fingerprint = issMatch[3];
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], "base64url");
  for (const pem of expected.publicKeysPem) {
    let key;
    try {
      key = createPublicKey(pem);
    } catch {
      continue; // a malformed registered key must not break login with the other one
    }
    if (publicKeyFingerprint(pem) !== fingerprint) continue;
    if (verify("RSA-SHA256", signed, key, signature)) return { ok: true };
    return { ok: false, reason: "bad signature" };
  }
  return { ok: false, reason: "fingerprint matches no registered public key" };
}
