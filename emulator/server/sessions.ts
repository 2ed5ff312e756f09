// Sessions: a short-lived session token for requests and a long-lived master token for renewing it,
// like Snowflake's. Expiry is real (and configurable) so clients exercise 390112 → token-request RENEW.
import { randomBytes } from "node:crypto";
import type { LoginIdentity, SessionContext } from "../engine/types";
import { AuthErrors } from "./wire";

export type Session = {
  id: number;
  token: string;
  masterToken: string;
  tokenExpiresAt: number;
  masterExpiresAt: number;
  /** The account name exactly as the client sent it (fault rules may filter on it as well as on the locator). */
  loginAccount: string;
  identity: LoginIdentity;
  context: SessionContext;
  /** Session parameters the client set at login or the server defaults (MULTI_STATEMENT_COUNT…). */
  parameters: Record<string, unknown>;
  closed: boolean;
};

export type SessionValidity = { sessionTokenSeconds: number; masterTokenSeconds: number };

type AuthResult = { session: Session } | { error: readonly [string, string] };

const newToken = (kind: string) => `ver:1-hint:${kind}-${randomBytes(24).toString("base64url")}`;

/** `Authorization: Snowflake Token="…"` → the token. */
export function tokenFromHeader(header: string | undefined): string | null {
  const match = /Snowflake\s+Token="([^"]*)"/i.exec(header ?? "");
  return match ? match[1] : null;
}

export class SessionStore {
  private byToken = new Map<string, Session>();
  private byMaster = new Map<string, Session>();
  private nextId = 1_172_562_260_000 + Math.floor(Math.random() * 1000);
  /** Successful RENEW requests since start (tests check that clients renewed instead of re-logging in). */
  renewals = 0;

  constructor(
    public validity: SessionValidity,
    private now: () => number = Date.now,
  ) {}

  create(
    identity: LoginIdentity,
    context: SessionContext,
    loginAccount: string,
    parameters: Record<string, unknown>,
  ): Session {
    this.prune();
    const t = this.now();
    const session: Session = {
      id: this.nextId++,
      token: newToken("st"),
      masterToken: newToken("mt"),
      tokenExpiresAt: t + this.validity.sessionTokenSeconds * 1000,
      masterExpiresAt: t + this.validity.masterTokenSeconds * 1000,
      loginAccount,
      identity,
      context,
      parameters,
      closed: false,
    };
    this.byToken.set(session.token, session);
    this.byMaster.set(session.masterToken, session);
    return session;
  }

  /** Resolves the session token of a request; the error codes drive the SDK's state machine. */
  authenticate(authorization: string | undefined): AuthResult {
    const token = tokenFromHeader(authorization);
    const session = token ? this.byToken.get(token) : undefined;
    if (!session) return { error: AuthErrors.tokenInvalid };
    if (session.closed) return { error: AuthErrors.sessionGone };
    if (this.now() >= session.tokenExpiresAt) return { error: AuthErrors.tokenExpired };
    return { session };
  }

  /** POST /session/token-request RENEW: the master token authorises a new session token. */
  renew(authorization: string | undefined, oldSessionToken: unknown): AuthResult {
    const master = tokenFromHeader(authorization);
    const session = master ? this.byMaster.get(master) : undefined;
    if (!session) return { error: AuthErrors.tokenInvalid };
    if (session.closed) return { error: AuthErrors.sessionGone };
    if (this.now() >= session.masterExpiresAt) return { error: AuthErrors.masterExpired };
    if (typeof oldSessionToken === "string" && oldSessionToken !== session.token)
      return { error: AuthErrors.tokenInvalid };
    this.byToken.delete(session.token);
    session.token = newToken("st");
    session.tokenExpiresAt = this.now() + this.validity.sessionTokenSeconds * 1000;
    this.byToken.set(session.token, session);
    this.renewals++;
    return { session };
  }

  close(session: Session): void {
    session.closed = true;
  }

  /** Tests: make every live session token expire now, so the next request gets 390112. */
  expireSessionTokens(): number {
    let count = 0;
    for (const s of this.byToken.values()) {
      if (!s.closed) {
        s.tokenExpiresAt = this.now();
        count++;
      }
    }
    return count;
  }

  /** Tests: make master tokens expire too (the next renewal gets 390114). */
  expireMasterTokens(): void {
    for (const s of this.byMaster.values()) s.masterExpiresAt = this.now();
  }

  get size(): number {
    return this.byToken.size;
  }

  /** Sessions not logged out (closed sessions linger in `size` until their master token would expire). */
  get openCount(): number {
    let open = 0;
    for (const s of this.byToken.values()) if (!s.closed) open++;
    return open;
  }

  clear(): void {
    this.byToken.clear();
    this.byMaster.clear();
  }

  // Closed sessions keep answering 390111 until their master token would have expired; then they go.
  private prune(): void {
    const t = this.now();
    for (const s of this.byMaster.values()) {
      if (t >= s.masterExpiresAt) {
        this.byMaster.delete(s.masterToken);
        this.byToken.delete(s.token);
      }
    }
  }
}
