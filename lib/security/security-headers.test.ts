import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isHttpsUrl,
  newNonce,
  strictTransportSecurity,
} from "./security-headers";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("content security policy", () => {
  it("allows scripts by nonce only in production: no 'unsafe-inline', no 'unsafe-eval'", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", development: false });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
    for (const d of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(csp).toContain(d);
  });

  it("lets React's dev tooling eval and the dev server hot-reload in development, still without inline scripts", () => {
    const csp = contentSecurityPolicy({ nonce: "n", development: true });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(csp, "script-src")).not.toContain("unsafe-inline");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' ws: wss:");
  });

  it("lets API answers load nothing", () => {
    expect(API_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("https only", () => {
  it("sends HSTS (and wants Secure cookies) only when the public URL is https", () => {
    expect(strictTransportSecurity("https://floe.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
    expect(isHttpsUrl("HTTPS://floe.example.com")).toBe(true);
    expect(isHttpsUrl("http://floe.example.com")).toBe(false);
  });
});
