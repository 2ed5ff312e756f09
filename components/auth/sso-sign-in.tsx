"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Staff SSO: a full redirect to the identity provider and back. */
export function SsoSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  // Disabled until hydrated: a click on the server-rendered button would do nothing.
  const ready = useHydrated();
  return (
    <Button
      variant="secondary"
      className="w-full"
      disabled={!ready || pending}
      onClick={() => {
        setPending(true);
        // next-auth's client is loaded on click, not with the page (first-load JS).
        void import("next-auth/react").then(({ signIn }) => signIn("oidc", { callbackUrl }));
      }}
    >
      {pending ? "Redirecting…" : `Continue with ${name}`}
    </Button>
  );
}
