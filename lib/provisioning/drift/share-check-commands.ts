import "server-only";
import { db } from "@/lib/db";
import { AppError, invalidStateError, notFoundError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { previewExecutors } from "@/lib/catalog/preview-executors";
import { recordShareChecked } from "@/lib/requests/repair-runs";
import type { Executors } from "../runtime-types";
import { checkShareDrift } from "./check-share-drift";
import type { ShareCheckView } from "./share-check.types";

export type { ShareCheckView } from "./share-check.types";

// The two hands-on drift checks: staff "Re-apply" (any ACTIVE share; retries even a drift that already
// failed to repair) and the brand's "Check my share" (its own ACTIVE share only, rate-limited, since each
// check reads Snowflake). Both run the same check as the schedule and are audited (share.checked).

/** Per brand request, per 10 minutes; per organisation, per hour. Each check is a handful of Snowflake reads. */
export const brandCheckLimits = {
  perRequest: { limit: 3, windowSeconds: 600 },
  perOrganization: { limit: 30, windowSeconds: 3600 },
} as const;

function view(result: Awaited<ReturnType<typeof checkShareDrift>>): ShareCheckView {
  const report = result.report;
  return {
    status: result.outcome.status,
    problems: report ? [...report.repairable, ...report.unrepairable].map((f) => `${f.part}: ${f.detail}`) : [],
    runId: result.outcome.status === "repairing" ? result.outcome.runId : null,
    checkedAt: report?.checkedAt ?? new Date().toISOString(),
  };
}

function refuseUnlessChecked(result: Awaited<ReturnType<typeof checkShareDrift>>) {
  if (result.outcome.status === "not_active")
    throw invalidStateError("Only an active share can be checked.", { reason: "not_active" });
}

export async function reapplyShare(options: {
  requestId: string;
  actorId: string;
  executors?: Executors;
}): Promise<ShareCheckView> {
  const exists = await db.share.findUnique({ where: { requestId: options.requestId }, select: { id: true } });
  if (!exists) throw notFoundError("share");
  const result = await checkShareDrift({
    requestId: options.requestId,
    executors: options.executors ?? previewExecutors(),
    actor: { type: "USER", id: options.actorId },
    force: true,
  });
  refuseUnlessChecked(result);
  await recordShareChecked({ requestId: options.requestId, actorId: options.actorId, outcome: result.outcome.status });
  return view(result);
}

export async function checkMyShare(options: {
  requestId: string;
  organizationId: string;
  actorId: string;
  executors?: Executors;
}): Promise<ShareCheckView> {
  // Tenant first: another brand's request id is "not found", before any limit is counted or Snowflake read.
  const share = await db.share.findFirst({
    where: { requestId: options.requestId, organizationId: options.organizationId },
    select: { id: true },
  });
  if (!share) throw notFoundError("share");
  for (const [key, rule] of [
    [`share-check:request:${options.requestId}`, brandCheckLimits.perRequest],
    [`share-check:org:${options.organizationId}`, brandCheckLimits.perOrganization],
  ] as const) {
    const hit = await hitRateLimit(key, rule);
    if (!hit.allowed)
      throw new AppError(
        "RATE_LIMITED",
        `This share was checked a moment ago. Try again in ${Math.ceil(hit.retryAfterSeconds / 60)} minute${hit.retryAfterSeconds > 60 ? "s" : ""}; Floe also checks every share every 15 minutes.`,
        { reason: "rate_limited", details: { retryAfterSeconds: hit.retryAfterSeconds } },
      );
  }
  const result = await checkShareDrift({
    requestId: options.requestId,
    executors: options.executors ?? previewExecutors(),
    actor: { type: "USER", id: options.actorId },
  });
  refuseUnlessChecked(result);
  await recordShareChecked({ requestId: options.requestId, actorId: options.actorId, outcome: result.outcome.status });
  return view(result);
}
