import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Floe", template: "%s · Floe" },
  description: "Self-serve Snowflake data sharing",
};

// Every page renders per request: Next puts the response's CSP nonce (proxy.ts) only on scripts of pages
// it renders dynamically; a prerendered page's scripts would carry none and be blocked.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        {/* React Query's provider (components/providers.tsx) wraps only the pages that use it: first-load JS. */}
        {children}
      </body>
    </html>
  );
}
