"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Staff SSO: a full redirect to the identity provider and back. */
export function SsoSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-full"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
    >
      {pending ? "Redirecting…" : `Continue with ${name}`}
    </Button>
  );
}
