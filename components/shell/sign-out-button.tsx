"use client";

import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // Navigate ourselves: next-auth's own redirect builds an absolute URL from NEXTAUTH_URL, which may not
        // match the address the user actually reached us on. A full page load (not router.push) also drops
        // the previous user's React Query cache and router cache.
        // Loaded on click: next-auth's client is not needed for anything else on a page (first-load JS).
        const { signOut } = await import("next-auth/react");
        await signOut({ redirect: false });
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- full reload on purpose, see above
        window.location.assign("/signin");
      }}
      className="rounded-md px-2 py-1 text-sm text-muted hover:bg-canvas hover:text-ink disabled:opacity-60"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
