"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

// Inside the shell (which already has the page's <main>), so navigation stays usable when one portal page
// fails. Like the root error page, only Next's digest is shown, never the message.
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-muted">We could not show this page. Please try again; if it keeps happening, contact support.</p>
      {digest ? (
        <p className="text-sm text-muted">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <Button onClick={() => retry()}>Try again</Button>
    </div>
  );
}
