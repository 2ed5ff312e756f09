"use client";

import { ErrorDetails } from "@/components/error-details";
import "./globals.css";

// Replaces the root layout when the layout itself fails, so it brings its own <html> and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>Something went wrong · Floe</title>
        <ErrorDetails error={error} retry={retry} />
      </body>
    </html>
  );
}
