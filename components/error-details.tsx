"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button-core";

/**
 * The friendly body of the error pages. In production Next replaces a server error's message with a
 * generic one and a digest that matches the server log; we show only that digest, never the message.
 * `inShell`: rendered inside the app shell, which already has the page's <main>, so the body is an alert
 * region instead and the shell's navigation stays usable.
 */
export function ErrorDetails({
  error,
  retry,
  inShell = false,
}: {
  error: unknown;
  retry: () => void;
  inShell?: boolean;
}) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  const body = (
    <>
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-muted">
        We could not show this page. Please try again; if it keeps happening, contact support.
      </p>
      {digest ? (
        <p className="text-sm text-muted">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <Button onClick={() => retry()}>Try again</Button>
    </>
  );
  return inShell ? (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
      {body}
    </div>
  ) : (
    <main
      id="main"
      className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center"
    >
      {body}
    </main>
  );
}
