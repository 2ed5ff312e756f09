// A small OpenID Connect provider for tests, speaking the real protocol over HTTP so next-auth's own
// client (openid-client) runs unchanged against it: discovery, JWKS, the authorization-code flow with PKCE
// (S256) and state, a token endpoint with client authentication, and an RS256-signed id_token. Only what
// the code flow needs: no consent screen, no refresh tokens. The test decides who "logs in" next.
// Spec: https://openid.net/specs/openid-connect-core-1_0.html (3.1 code flow), RFC 7636 (PKCE).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeIdentity = { sub: string; email: string; email_verified?: boolean; name?: string };

type PendingCode = {
  identity: FakeIdentity;
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  expires: number;
};

export type FakeOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The identity the next authorization request signs in as. */
  signInNextAs(identity: FakeIdentity): void;
  /** Token requests seen (to prove the client really exchanged a code). */
  tokenRequests: number;
  stop(): Promise<void>;
};

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${b64url(signature)}`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

export async function startFakeOidcProvider(
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<FakeOidcProvider> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(8).toString("hex");
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const clientId = options.clientId ?? "floe-test";
  const clientSecret = options.clientSecret ?? randomBytes(16).toString("hex");
  const codes = new Map<string, PendingCode>();
  let next: FakeIdentity | undefined;
  let issuer = "";

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res: http.ServerResponse, error: string, description: string) =>
    json(res, 400, { error, error_description: description });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (req.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: ["openid", "email", "profile"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
        claims_supported: ["sub", "email", "email_verified", "name"],
      });
    }
    if (req.method === "GET" && url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
    if (req.method === "GET" && url.pathname === "/authorize") {
      const q = url.searchParams;
      if (q.get("client_id") !== clientId) return oauthError(res, "unauthorized_client", "unknown client_id");
      if (q.get("response_type") !== "code") return oauthError(res, "unsupported_response_type", "code only");
      if (!q.get("scope")?.split(" ").includes("openid")) return oauthError(res, "invalid_scope", "openid is required");
      const redirectUri = q.get("redirect_uri");
      const challenge = q.get("code_challenge");
      if (!redirectUri || !challenge || q.get("code_challenge_method") !== "S256")
        return oauthError(res, "invalid_request", "redirect_uri and an S256 code_challenge are required");
      if (!next) return oauthError(res, "access_denied", "the test named no identity to sign in as");
      const code = randomBytes(16).toString("base64url");
      codes.set(code, {
        identity: next,
        clientId,
        redirectUri,
        challenge,
        nonce: q.get("nonce") ?? undefined,
        expires: Date.now() + 60_000,
      });
      next = undefined;
      const target = new URL(redirectUri);
      target.searchParams.set("code", code);
      const state = q.get("state");
      if (state) target.searchParams.set("state", state);
      res.writeHead(302, { location: target.toString() });
      return res.end();
    }
    if (req.method === "POST" && url.pathname === "/token") {
      provider.tokenRequests += 1;
      const form = await readForm(req);
      let id = form.get("client_id");
      let secret = form.get("client_secret");
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
      if (basic) [id, secret] = Buffer.from(basic[1], "base64").toString().split(":").map(decodeURIComponent);
      if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: "invalid_client" });
      if (form.get("grant_type") !== "authorization_code")
        return oauthError(res, "unsupported_grant_type", "authorization_code only");
      const pending = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (!pending || pending.expires < Date.now() || pending.redirectUri !== form.get("redirect_uri"))
        return oauthError(res, "invalid_grant", "unknown, used or expired code");
      const verifier = form.get("code_verifier") ?? "";
      if (b64url(createHash("sha256").update(verifier).digest()) !== pending.challenge)
        return oauthError(res, "invalid_grant", "PKCE verification failed");
      const now = Math.floor(Date.now() / 1000);
      const { identity } = pending;
      const idToken = signJwt(
        {
          iss: issuer,
          aud: clientId,
          sub: identity.sub,
          iat: now,
          exp: now + 300,
          email: identity.email,
          email_verified: identity.email_verified,
          name: identity.name,
          ...(pending.nonce ? { nonce: pending.nonce } : {}),
        },
        privateKey,
        kid,
      );
      return json(res, 200, {
        access_token: randomBytes(16).toString("hex"),
        token_type: "Bearer",
        expires_in: 300,
        scope: "openid email profile",
        id_token: idToken,
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: FakeOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    tokenRequests: 0,
    signInNextAs(identity) {
      next = identity;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return provider;
}
