// Drives next-auth's real route handler (app/api/auth/[...nextauth]) and the real getServerSession outside
// a Next.js server, the way a browser would: a cookie jar, CSRF token, redirects returned to the caller.
// next-auth reads cookies and headers through `next/headers`, which only works inside a Next request;
// those two readers (and nothing else) are pointed at the request being handled.
import { createRequire } from "node:module";
import { NextRequest } from "next/server";

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
