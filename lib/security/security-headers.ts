// Security headers, pure so the rules are unit-tested; proxy.ts applies the per-request ones and
// next.config.ts the fixed ones.
//
// Scripts: a fresh nonce per response and 'strict-dynamic', never 'unsafe-inline'. Next.js reads the nonce
// from the request's Content-Security-Policy header (set by proxy.ts) and puts it on every script it
// renders, which needs dynamic rendering (app/layout.tsx makes every page dynamic). Scripts those load
// are trusted through 'strict-dynamic'; an injected <script> has no nonce and does not run.
// https://nextjs.org/docs/app/guides/content-security-policy
//
// Development adds 'unsafe-eval': React's dev build uses eval() to rebuild server call stacks for the
// error overlay (without it every page shows "eval() is not supported"); production builds never do.
// Styles keep 'unsafe-inline': React and Next set inline style attributes, which a nonce cannot cover,
// and styles cannot run code.

export type PolicyOptions = { nonce: string; development: boolean };

export function contentSecurityPolicy({ nonce, development }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The dev server's hot reload talks over a WebSocket.
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** JSON, CSV and other API answers are never documents: they may load nothing and be framed by no one. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function isHttpsUrl(url: string | undefined): boolean {
  return typeof url === "string" && /^https:\/\//i.test(url);
}

/** Two years, subdomains included: only when the app's public URL is https (a plain-http dev setup would lock itself out). */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return isHttpsUrl(publicUrl) ? "max-age=63072000; includeSubDomains" : null;
}

/** A nonce for one response: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The same on every response (next.config.ts headers()). */
export const fixedSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
