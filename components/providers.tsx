"use client";

import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

// React Query for the pages that use it (the request pages' live status and actions, the shares page's
// revoke button): they wrap their content in it, so every other page's first-load JS is without the
// library. One QueryClient per mounted page (created in state, not at module scope, so server renders of
// different users never share a cache).
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
