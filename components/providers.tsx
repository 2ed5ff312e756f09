"use client";

import { useState, type ReactNode } from "react";
import { LiveStore } from "@/components/live/live-store";
import { LiveStoreContext } from "@/components/live/use-live-query";

// The live cache for the pages that use it (the request pages' live status and actions, the shares page's
// revoke button): they wrap their content in it. One LiveStore per mounted page (created in state, not at
// module scope, so server renders of different users never share a cache).
export function Providers({ children }: { children: ReactNode }) {
  const [store] = useState(() => new LiveStore());
  return <LiveStoreContext.Provider value={store}>{children}</LiveStoreContext.Provider>;
}
