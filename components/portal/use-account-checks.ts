"use client";

import { useEffect, useState } from "react";

export type AccountChecks = typeof import("@/lib/portal/account-checks");

// The module is code, the same for every visitor: keeping it once loaded is safe.
let loaded: AccountChecks | null = null;

/** Loads lib/portal/account-checks.ts (its own chunk, not part of the form's first-load JS). */
export async function loadAccountChecks(): Promise<AccountChecks> {
  loaded ??= await import("@/lib/portal/account-checks");
  return loaded;
}

/**
 * The account checks once `wanted` (the user entered the account fields, or they hold text): null until
 * their chunk has arrived, a moment after. Until then the form shows no live verdict on the account;
 * the server validates the submit either way.
 */
export function useAccountChecks(wanted: boolean): AccountChecks | null {
  const [checks, setChecks] = useState<AccountChecks | null>(loaded);
  useEffect(() => {
    if (!wanted || checks) return;
    let mounted = true;
    void loadAccountChecks().then((module) => mounted && setChecks(module));
    return () => {
      mounted = false;
    };
  }, [wanted, checks]);
  return checks;
}
