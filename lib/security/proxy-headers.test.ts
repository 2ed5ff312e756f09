// proxy.ts as Next runs it: per response a fresh nonce CSP, forwarded on the request too (that is where
// Next.js reads the nonce for its own scripts), the API policy for /api, and HSTS plus Secure session
// cookies only when NEXTAUTH_URL is https. Each case loads the modules afresh: lib/config reads the
// environment once per process.
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

const original = process.env.NEXTAUTH_URL;
afterEach(() => {
  process.env.NEXTAUTH_URL = original;
  vi.resetModules();
});

async function load(publicUrl: string) {
  process.env.NEXTAUTH_URL = publicUrl;
  vi.resetModules();
  return {
    proxy: (await import("@/proxy")).proxy,
    getAuthOptions: (await import("@/lib/auth/options")).getAuthOptions,
  };
}

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("proxy security headers", () => {
  it("over https: a nonce CSP on pages, forwarded to the renderer, HSTS, and __Secure- session cookies", async () => {
    const { proxy, getAuthOptions } = await load("https://floe.example.com");
    const first = proxy(new NextRequest("https://floe.example.com/o/acme?tab=1"));
    const second = proxy(new NextRequest("https://floe.example.com/o/acme"));
    const csp = first.headers.get("content-security-policy");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(nonceOf(csp)).not.toBe(nonceOf(second.headers.get("content-security-policy")));
    // NextResponse.next({ request: { headers } }) hands the overridden request headers to Next this way.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-floe-path")).toBe("/o/acme?tab=1");
    expect(first.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");

    const api = proxy(new NextRequest("https://floe.example.com/api/health"));
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");

    expect(getAuthOptions().useSecureCookies).toBe(true);
  });

  it("over plain http: no HSTS and no Secure cookies (a local setup must not lock itself out)", async () => {
    const { proxy, getAuthOptions } = await load("http://localhost:3000");
    const page = proxy(new NextRequest("http://localhost:3000/signin"));
    expect(page.headers.get("strict-transport-security")).toBeNull();
    expect(nonceOf(page.headers.get("content-security-policy"))).toBeTruthy();
    expect(getAuthOptions().useSecureCookies).toBe(false);
  });

  it("refuses a NUL (%00) in the path or query string with 400 before any page or route reads it", async () => {
    // Decoded, it would reach a Prisma query as a parameter (e.g. /o/%00/catalog → the membership lookup),
    // and PostgreSQL text cannot hold a NUL: a 500 otherwise.
    const { proxy } = await load("http://localhost:3000");
    for (const url of [
      "/o/%00/catalog",
      "/console/audit?actor=ada%00%40floe.example",
      "/api/orgs/acme%00/requests/r1/status",
      "/signin?callbackUrl=%2F%00",
    ]) {
      expect(proxy(new NextRequest(`http://localhost:3000${url}`)).status, url).toBe(400);
    }
    expect(proxy(new NextRequest("http://localhost:3000/o/acme/catalog?q=100%25")).status).toBe(200);
  });
});
