"use client";

import { ErrorDetails } from "@/components/error-details";

// Inside the shell (which already has the page's <main>), so navigation stays usable when one portal page
// fails. Like the root error page, only Next's digest is shown, never the message.
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorDetails error={error} retry={retry} inShell />;
}
