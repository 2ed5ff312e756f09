"use client";

import { lazy, Suspense, type ComponentProps } from "react";
import type { AccountProofForm } from "@/components/portal/account-proof-form";
import type { EndDateForm } from "@/components/portal/end-date-form";
import type { ShareCheckButton } from "@/components/shares/share-check-button";

// Parts of the request pages that only some states show (the proof form while AWAITING_PROOF, the share
// check while ACTIVE, the renewal form on an active share with an end date). Loaded on demand (React.lazy):
// their code comes with the pages that render them instead of with every request page's first load (≤ 150 kB
// gzip, issue 15). They are still server-rendered; the browser fetches their chunk while hydrating.

const LazyAccountProofForm = lazy(() =>
  import("@/components/portal/account-proof-form").then((m) => ({ default: m.AccountProofForm })),
);
const LazyEndDateForm = lazy(() =>
  import("@/components/portal/end-date-form").then((m) => ({ default: m.EndDateForm })),
);
const LazyShareCheckButton = lazy(() =>
  import("@/components/shares/share-check-button").then((m) => ({ default: m.ShareCheckButton })),
);

export function AccountProofFormPart(props: ComponentProps<typeof AccountProofForm>) {
  return (
    <Suspense>
      <LazyAccountProofForm {...props} />
    </Suspense>
  );
}

export function EndDateFormPart(props: ComponentProps<typeof EndDateForm>) {
  return (
    <Suspense>
      <LazyEndDateForm {...props} />
    </Suspense>
  );
}

export function ShareCheckButtonPart(props: ComponentProps<typeof ShareCheckButton>) {
  return (
    <Suspense>
      <LazyShareCheckButton {...props} />
    </Suspense>
  );
}
