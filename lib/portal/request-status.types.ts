// What the status route returns to a brand and the detail page renders. Plain JSON (dates as ISO strings),
// no server imports, so the client hook and the server read model share it. Deliberately without SQL, query
// ids or Snowflake error text: those are the account manager's (console).
import type { RequestState, RunKind, RunState, StepState } from "@/lib/generated/prisma/enums";

export type StatusStep = {
  key: string;
  title: string;
  state: StepState;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
};

export type TimelineEntry = {
  id: string;
  at: string;
  title: string;
  detail: string | null;
  tone: "neutral" | "success" | "danger" | "info";
};

export type FailureExplanation = { title: string; explanation: string; nextStep: string };

export type RequestStatus = {
  requestId: string;
  state: RequestState;
  stateLabel: string;
  updatedAt: string;
  run: { kind: RunKind; state: RunState; attempt: number; startedAt: string | null; finishedAt: string | null } | null;
  steps: StatusStep[];
  progress: { done: number; total: number };
  failure: FailureExplanation | null;
  /** While AWAITING_PROOF: the statements that mount the share and read its one-time code. */
  proof: { statements: string[] } | null;
  timeline: TimelineEntry[];
};
