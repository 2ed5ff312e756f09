// The hand-off from a committed command to the job queue. Commands never enqueue themselves: they return
// the run id, the caller commits, then calls an EnqueueRun (pg-boss in production, see lib/provisioning),
// so no network call happens inside a transaction. If the process dies between commit and enqueue, the
// run stays QUEUED in Postgres; enqueueing is idempotent per run id, so a sweep of old QUEUED runs can
// safely enqueue them again.

import type { RunKind } from "@/lib/generated/prisma/enums";

export type RunJob = { runId: string; requestId: string; kind: RunKind };

export type EnqueueRun = (job: RunJob) => Promise<void>;
