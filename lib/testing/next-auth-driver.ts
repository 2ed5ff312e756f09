// Drives next-auth's real route handler (app/api/auth/[...nextauth]) and the real getServerSession outside
// a Next.js server, the way a browser would: a cookie jar, CSRF token, redirects returned to the caller.
// next-auth reads cookies and headers through `next/headers`, which only works inside a Next request;
// those two readers (and nothing else) are pointed at the request being handled.
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import type { FakeIdentity, FakeOidcProvider } from "./fake-oidc-provider";

const require = createRequire(import.meta.url);
const nextHeaders = require("next/headers") as { cookies: unknown; headers: unknown };
let current: NextRequest | undefined;
nextHeaders.cookies = async () => current!.cookies;
nextHeaders.headers = async () => current!.headers;

type Handler = (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
export const SESSION_COOKIE = "next-auth.session-token";

export class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    private readonly handler: Handler,
    readonly baseUrl = "http://localhost:3000",
  ) {}

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** One request to /api/auth/<path>; follows nothing, so the caller sees each redirect. */
  async auth(path: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers({ cookie: this.cookieHeader() });
    let body: string | undefined;
    if (init.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(init.form).toString();
    }
    current = new NextRequest(`${this.baseUrl}/api/auth/${path}`, { method: init.method ?? "GET", headers, body });
    try {
      const segments = path.split("?")[0].split("/");
      const response = await this.handler(current, { params: Promise.resolve({ nextauth: segments }) });
      this.remember(response);
      return response;
    } finally {
      current = undefined;
    }
  }

  async csrfToken(): Promise<string> {
    const response = await this.auth("csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** The demo sign-in (development and tests): the sign-in page's "pick a user" button. */
  async demoSignIn(email: string): Promise<Response> {
    return this.auth("callback/demo", {
      method: "POST",
      form: { csrfToken: await this.csrfToken(), email, callbackUrl: "/", json: "true" },
    });
  }

  /**
   * The staff SSO round trip: Floe → the IdP's authorize endpoint (signing in as `identity`) → back to
   * Floe's callback with code and state. Returns where Floe sends the browser at the end.
   */
  async oidcSignIn(idp: FakeOidcProvider, identity: FakeIdentity): Promise<string> {
    idp.signInNextAs(identity);
    const start = await this.auth("signin/oidc", {
      method: "POST",
      form: { csrfToken: await this.csrfToken(), callbackUrl: "/", json: "true" },
    });
    const { url } = (await start.json()) as { url: string };
    if (!url.startsWith(`${idp.issuer}/authorize?`)) throw new Error(`sign-in did not go to the IdP: ${url}`);
    const authorize = await fetch(url, { redirect: "manual" });
    const back = new URL(authorize.headers.get("location") ?? "", this.baseUrl);
    if (authorize.status !== 302 || back.pathname !== "/api/auth/callback/oidc")
      throw new Error(`the IdP did not send the browser back: ${authorize.status} ${back}`);
    const done = await this.auth(`callback/oidc${back.search}`);
    if (done.status !== 302) throw new Error(`the callback answered ${done.status}`);
    return done.headers.get("location") ?? "";
  }

  async signOut(): Promise<Response> {
    return this.auth("signout", { method: "POST", form: { csrfToken: await this.csrfToken(), callbackUrl: "/" } });
  }

  /** Runs `fn` (e.g. getSessionUser or a route handler) as if it served a request carrying this jar's cookies. */
  async asRequest<T>(fn: () => Promise<T>, path = "/"): Promise<T> {
    current = new NextRequest(`${this.baseUrl}${path}`, { headers: { cookie: this.cookieHeader() } });
    try {
      return await fn();
    } finally {
      current = undefined;
    }
  }

  /** A second browser holding a copy of this one's cookies (a stolen or copied session). */
  copy(): Browser {
    const other = new Browser(this.handler, this.baseUrl);
    for (const [k, v] of this.jar) other.jar.set(k, v);
    return other;
  }
}
