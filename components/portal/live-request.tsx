"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { RequestState } from "@/lib/requests/state-machine";
import type { RequestStatus } from "@/lib/portal/request-status.types";
import { useRequestStatus } from "./use-request-status";

// One live status per request page, shared by the parts that follow it: the progress card, and the
// server-rendered parts that only hold in one state (mount SQL, the proof form, the action buttons).
// Those are shown only while the live state is the one they were rendered for, so they disappear the
// moment the state moves on — before router.refresh() brings the next state's parts, and even if it fails.

type Live = ReturnType<typeof useRequestStatus>;
const LiveRequestContext = createContext<Live | null>(null);

export function LiveRequestProvider({
  orgSlug,
  requestId,
  initial,
  children,
}: {
  orgSlug: string;
  requestId: string;
  initial: RequestStatus;
  children: ReactNode;
}) {
  const live = useRequestStatus(orgSlug, requestId, initial);
  return <LiveRequestContext.Provider value={live}>{children}</LiveRequestContext.Provider>;
}

export function useLiveRequest(): Live {
  const live = useContext(LiveRequestContext);
  if (!live) throw new Error("useLiveRequest needs a LiveRequestProvider around it");
  return live;
}

/** Renders `children` only while the request's live state is `state` (the state they were rendered for). */
export function WhileRequestState({ state, children }: { state: RequestState; children: ReactNode }) {
  return useLiveRequest().data.state === state ? <>{children}</> : null;
}
