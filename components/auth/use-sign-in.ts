"use client";

import { useState } from "react";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Runs a next-auth sign-in without next-auth's own redirect (which builds absolute URLs from NEXTAUTH_URL
 * and can send people to the wrong host), then navigates to the callback path on the current origin.
 * `ready` is false until React has hydrated the page: the sign-in controls are disabled (inputs read-only)
 * until then, because a click on a server-rendered button does nothing and a form submitted then is the bare
 * HTML form (a reload of /signin). Under load that window is seconds long; Playwright, like a person, waits
 * for the control to become enabled instead of clicking into nothing.
 */
export function useSignIn(callbackUrl: string) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = useHydrated();

  async function run(provider: "demo" | "email", fields: Record<string, string>, key: string, onSuccess?: () => void) {
    setPending(key);
    setError(null);
    try {
      // Loaded on submit, not with the page (first-load JS).
      const { signIn } = await import("next-auth/react");
      const result = await signIn(provider, { ...fields, redirect: false, callbackUrl });
      if (!result || result.error) {
        setError(signInErrorMessage(result?.error ?? "Default"));
        return;
      }
      // A full page load rather than router.push: the new session starts with empty client caches.
      if (onSuccess) onSuccess();
      else window.location.assign(safeCallbackPath(callbackUrl));
    } catch {
      setError("Sign-in failed: the server could not be reached. Please try again.");
    } finally {
      setPending(null);
    }
  }

  return { run, pending, error, ready };
}
