"use client";

import { useEffect } from "react";

/**
 * The friendly body of the error pages. In production Next replaces a server error's message with a
 * generic one and a digest that matches the server log; we show only that digest, never the message.
 */
export function ErrorDetails({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-muted">We could not show this page. Please try again; if it keeps happening, contact support.</p>
      {digest ? (
        <p className="text-sm text-muted">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <button type="button" onClick={() => retry()} className="h-10 rounded-md bg-accent px-4 text-sm font-medium text-white hover:bg-accent-strong">
        Try again
      </button>
    </main>
  );
}
