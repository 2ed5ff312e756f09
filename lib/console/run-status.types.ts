// What the console's run route returns and the runs panel renders: every run of a request with each step's
// SQL, Snowflake query ids, timings, attempts and the raw Snowflake error (staff see it as Snowflake said
// it). Plain JSON (dates as ISO strings), no server imports, so the client hook and the read model share it.
import type { RequestState, RunKind, RunState, StepState } from "@/lib/generated/prisma/enums";
import { isTerminal, runningStates } from "@/lib/requests/state-machine";

export type ConsoleRunStep = {
  key: string;
  position: number;
  state: StepState;
  sql: string;
  /** Bind values per statement, shown next to the SQL (they are never spliced into it). */
  binds: unknown;
  attempts: number;
  queryIds: string[];
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  errorCode: string | null;
  sqlState: string | null;
  errorMessage: string | null;
};

export type ConsoleRun = {
  id: string;
  kind: RunKind;
  state: RunState;
  attempt: number;
  lockedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  failedStepKey: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  steps: ConsoleRunStep[];
};

export type ConsoleRunsStatus = {
  requestId: string;
  state: RequestState;
  updatedAt: string;
  /** Newest first. */
  runs: ConsoleRun[];
  /** The latest run failed and may be resumed from its failed step. */
  canRetry: boolean;
  /** The latest run is queued and has not started a single step (nothing touched Snowflake yet). */
  canCancel: boolean;
};

const movingRuns: readonly RunState[] = ["QUEUED", "RUNNING"];

/**
 * The runs panel's polling while its event stream (lib/live) is not connected: fast while a run moves;
 * slowly in every other state that someone else can still change (the brand removes an ACTIVE share,
 * enters its proof code, another manager retries a FAILED run); never at terminal states.
 */
export function runsPollInterval(status: ConsoleRunsStatus | undefined): number | false {
  if (!status) return 1500;
  const latest = status.runs[0];
  if (runningStates.includes(status.state) || (latest && movingRuns.includes(latest.state))) return 1500;
  return isTerminal(status.state) ? false : 15_000;
}
