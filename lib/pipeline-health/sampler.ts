import "server-only";
import pg from "pg";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/logger";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import { loadProviderAccounts } from "@/lib/provisioning/provider-accounts";
import type { PipelineAlertRule } from "@/lib/generated/prisma/enums";
import { evaluateRules, rulesOfKind, type RuleInputs } from "./alert-rules";
import { syncAlerts, type SyncResult } from "./alerts";
import { sampleAccount, type QueryRows, type SampleOutcome, type SampledAccount } from "./sample-account";
import { syncDelayNotices } from "./share-freshness";
import { configuredThresholds, type PipelineThresholds } from "./thresholds";

// One sampling round over every provider account (sample → rules → alerts), then the brands' delay notices
// and the retention prune. The worker runs it on a timer (startPipelineSampler); tests call runSamplingRound
// directly after moving the emulator's clock.

async function ruleInputs(account: SampledAccount, outcome: SampleOutcome, t: PipelineThresholds): Promise<RuleInputs> {
  const taskRuns: RuleInputs["taskRuns"] = new Map();
  if (outcome.ok.has("TASK_HISTORY")) {
    const names = await db.pipelineTaskRun.findMany({
      where: { providerAccountId: account.id },
      distinct: ["taskName"],
      select: { taskName: true },
    });
    for (const { taskName } of names)
      taskRuns.set(
        taskName,
        await db.pipelineTaskRun.findMany({
          where: { providerAccountId: account.id, taskName, state: { not: "SKIPPED" } },
          orderBy: { scheduledAt: "desc" },
          take: t.taskFailures,
          select: { state: true, errorMessage: true, datasetKey: true, scheduledAt: true },
        }),
      );
  }
  const refreshes: RuleInputs["refreshes"] = new Map();
  for (const groupName of outcome.groups)
    refreshes.set(
      groupName,
      await db.pipelineRefreshSample.findMany({
        where: { providerAccountId: account.id, groupName },
        orderBy: { startedAt: "desc" },
        take: 50,
        select: { phase: true, error: true, primarySnapshotAt: true, startedAt: true },
      }),
    );
  return {
    region: account.region,
    measuredAt: outcome.measuredAt,
    taskRuns,
    taskStates: outcome.taskStates,
    streams: outcome.streams,
    freshness: outcome.freshness,
    refreshes,
  };
}

export type RoundResult = { accounts: number; alerts: SyncResult; delays: { opened: string[]; cleared: string[] } };

export async function runSamplingRound(
  options: { queryFor?: (accountId: string) => QueryRows; thresholds?: PipelineThresholds } = {},
): Promise<RoundResult> {
  const t = options.thresholds ?? configuredThresholds();
  const executors = options.queryFor ? null : createProviderExecutors();
  const queryFor =
    options.queryFor ??
    ((accountId: string): QueryRows =>
      async (statement) =>
        (await (await executors!.forAccount(accountId)).run(statement)).rows);
  const accounts = await loadProviderAccounts();
  const lakeDatabases = accounts.filter((a) => a.hostsLake && a.lakeDatabase).map((a) => a.lakeDatabase!);
  const alerts: SyncResult = { opened: [], resolved: [] };
  try {
    for (const account of accounts) {
      const outcome = await sampleAccount(account, queryFor(account.id), { lakeDatabases });
      const evaluatedRules: PipelineAlertRule[] = [...outcome.ok].flatMap((kind) => rulesOfKind[kind]);
      const conditions = evaluateRules(await ruleInputs(account, outcome, t), t);
      const synced = await syncAlerts({
        providerAccountId: account.id,
        conditions,
        evaluatedRules,
        now: outcome.measuredAt,
      });
      alerts.opened.push(...synced.opened);
      alerts.resolved.push(...synced.resolved);
    }
  } finally {
    await executors?.close();
  }
  const delays = await syncDelayNotices();
  await pruneSamples(t.retentionDays);
  return { accounts: accounts.length, alerts, delays };
}

/** Deletes samples older than the retention (alerts and delay notices are kept: they are the history). */
export async function pruneSamples(retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const counts = await db.$transaction([
    db.pipelineSampleRun.deleteMany({ where: { sampledAt: { lt: before } } }),
    db.pipelineTaskRun.deleteMany({ where: { sampledAt: { lt: before } } }),
    db.pipelineTaskSample.deleteMany({ where: { sampledAt: { lt: before } } }),
    db.pipelineStreamSample.deleteMany({ where: { sampledAt: { lt: before } } }),
    db.pipelineRefreshSample.deleteMany({ where: { sampledAt: { lt: before } } }),
    db.pipelineFreshnessSample.deleteMany({ where: { sampledAt: { lt: before } } }),
  ]);
  return counts.reduce((sum, c) => sum + c.count, 0);
}

/**
 * The worker's schedule: a round every FLOE_PIPELINE_SAMPLE_SECONDS. With several workers, a session
 * advisory lock lets one of them sample at a time (the others skip that tick).
 */
export function startPipelineSampler(): { stop(): Promise<void> } {
  const everyMs = getConfig().FLOE_PIPELINE_SAMPLE_SECONDS * 1000;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      const client = new pg.Client({
        connectionString: getConfig().DATABASE_URL,
        application_name: "floe-pipeline-sampler",
      });
      try {
        await client.connect();
        const { rows } = await client.query("SELECT pg_try_advisory_lock(hashtext('floe:pipeline-sampler')) AS got");
        if (!rows[0]?.got) return;
        const result = await runSamplingRound();
        if (result.alerts.opened.length || result.alerts.resolved.length)
          logger.info({ component: "pipeline-health", ...result.alerts }, "pipeline alerts changed");
      } catch (error) {
        logger.error({ component: "pipeline-health", err: error }, "pipeline sampling round failed");
      } finally {
        await client.end().catch(() => undefined); // ends the session: releases the lock
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
