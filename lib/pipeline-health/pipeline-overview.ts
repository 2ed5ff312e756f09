import "server-only";
import { db } from "@/lib/db";
import { allPipelineObjects } from "@/lib/lake/pipeline-objects";
import { catalogDatasets } from "@/lib/catalog/catalog-data";

// What the console's Pipeline page shows, read from the samples (never from Snowflake at page time):
// per region × lake × dataset the task's state, last success, recent failures with Snowflake's error text,
// the stream's staleness countdown and the measured freshness; per replica the last refresh; the lag over
// time for the chart; the reads that failed; the alerts. Staff only (the page and the action check).

export type FailureRow = { scheduledAt: Date; errorCode: string | null; errorMessage: string | null };

export type DatasetHealth = {
  key: string;
  region: string;
  lakeDatabase: string;
  datasetKey: string;
  datasetTitle: string;
  /** Replica rows have no task or stream of their own (streams and tasks are not replicated). */
  replica: boolean;
  task: { name: string; state: string | null; suspendedReason: string | null } | null;
  lastSuccessAt: Date | null;
  failures: FailureRow[];
  stream: { name: string; stale: boolean; staleAfter: Date | null; measuredAt: Date } | null;
  freshness: { latestEventAt: Date | null; measuredAt: Date; lagSeconds: number | null } | null;
  status: "ok" | "warning" | "failing" | "unknown";
};

export type RefreshHealth = {
  region: string;
  groupName: string;
  phase: string;
  startedAt: Date;
  primarySnapshotAt: Date | null;
  error: string | null;
};

export type LagSeries = { key: string; label: string; points: { at: Date; lagSeconds: number }[] };

export type SampleProblem = { region: string; kind: string; sampledAt: Date; error: string };

const titleOf = new Map(catalogDatasets.map((d) => [d.key, d.title]));

async function newestFreshness(region: string, lakeDatabase: string, datasetKey: string) {
  const latest = await db.pipelineFreshnessSample.findFirst({
    where: { region, lakeDatabase, datasetKey },
    orderBy: { measuredAt: "desc" },
    select: { measuredAt: true },
  });
  if (!latest) return null;
  const round = await db.pipelineFreshnessSample.aggregate({
    where: { region, lakeDatabase, datasetKey, measuredAt: latest.measuredAt },
    _max: { latestEventAt: true },
  });
  const latestEventAt = round._max.latestEventAt;
  return {
    latestEventAt,
    measuredAt: latest.measuredAt,
    lagSeconds: latestEventAt ? Math.round((latest.measuredAt.getTime() - latestEventAt.getTime()) / 1000) : null,
  };
}

export async function getPipelineOverview(options: { chartHours?: number } = {}) {
  const accounts = await db.providerAccount.findMany({
    orderBy: { region: "asc" },
    select: { id: true, region: true, hostsLake: true, lakeDatabase: true, accountName: true },
  });
  const datasets: DatasetHealth[] = [];
  const refreshes: RefreshHealth[] = [];

  for (const account of accounts) {
    if (account.hostsLake && account.lakeDatabase) {
      for (const objects of allPipelineObjects()) {
        const [taskState, lastSuccess, failures, stream, freshness] = await Promise.all([
          db.pipelineTaskSample.findFirst({
            where: { providerAccountId: account.id, taskName: objects.task },
            orderBy: { sampledAt: "desc" },
          }),
          db.pipelineTaskRun.findFirst({
            where: { providerAccountId: account.id, taskName: objects.task, state: "SUCCEEDED" },
            orderBy: { scheduledAt: "desc" },
            select: { scheduledAt: true, completedAt: true },
          }),
          db.pipelineTaskRun.findMany({
            where: { providerAccountId: account.id, taskName: objects.task, state: "FAILED" },
            orderBy: { scheduledAt: "desc" },
            take: 3,
            select: { scheduledAt: true, errorCode: true, errorMessage: true },
          }),
          db.pipelineStreamSample.findFirst({
            where: { providerAccountId: account.id, streamName: objects.stream },
            orderBy: { sampledAt: "desc" },
          }),
          newestFreshness(account.region, account.lakeDatabase, objects.datasetKey),
        ]);
        const lastSuccessAt = lastSuccess ? (lastSuccess.completedAt ?? lastSuccess.scheduledAt) : null;
        const failingNow = failures.length > 0 && (!lastSuccessAt || failures[0].scheduledAt > lastSuccessAt);
        const status: DatasetHealth["status"] = !taskState
          ? "unknown"
          : failingNow || taskState.state === "suspended" || stream?.stale
            ? "failing"
            : "ok";
        datasets.push({
          key: `${account.region}/${account.lakeDatabase}/${objects.datasetKey}`,
          region: account.region,
          lakeDatabase: account.lakeDatabase,
          datasetKey: objects.datasetKey,
          datasetTitle: titleOf.get(objects.datasetKey) ?? objects.datasetKey,
          replica: false,
          task: taskState
            ? { name: objects.task, state: taskState.state, suspendedReason: taskState.suspendedReason }
            : null,
          lastSuccessAt,
          failures,
          stream: stream
            ? {
                name: stream.streamName,
                stale: stream.stale,
                staleAfter: stream.staleAfter,
                measuredAt: stream.measuredAt,
              }
            : null,
          freshness,
          status,
        });
      }
    } else {
      // A replica account: each lake it holds a replica of (from its refresh samples) × dataset.
      const groups = await db.pipelineRefreshSample.findMany({
        where: { providerAccountId: account.id },
        distinct: ["groupName"],
        orderBy: [{ groupName: "asc" }, { startedAt: "desc" }],
      });
      for (const last of groups) {
        refreshes.push({
          region: account.region,
          groupName: last.groupName,
          phase: last.phase,
          startedAt: last.startedAt,
          primarySnapshotAt: last.primarySnapshotAt,
          error: last.error,
        });
      }
      const lakes = await db.pipelineFreshnessSample.findMany({
        where: { providerAccountId: account.id },
        distinct: ["lakeDatabase", "datasetKey"],
        select: { lakeDatabase: true, datasetKey: true },
      });
      for (const { lakeDatabase, datasetKey } of lakes) {
        const freshness = await newestFreshness(account.region, lakeDatabase, datasetKey);
        datasets.push({
          key: `${account.region}/${lakeDatabase}/${datasetKey}`,
          region: account.region,
          lakeDatabase,
          datasetKey,
          datasetTitle: titleOf.get(datasetKey) ?? datasetKey,
          replica: true,
          task: null,
          lastSuccessAt: null,
          failures: [],
          stream: null,
          freshness,
          status: freshness ? "ok" : "unknown",
        });
      }
    }
  }

  const openAlerts = await db.pipelineAlert.findMany({
    where: { state: { not: "RESOLVED" } },
    orderBy: { openedAt: "desc" },
    take: 100,
    include: { acknowledgedBy: { select: { name: true, email: true } } },
  });
  const recentResolved = await db.pipelineAlert.findMany({
    where: { state: "RESOLVED" },
    orderBy: { resolvedAt: "desc" },
    take: 20,
    include: { acknowledgedBy: { select: { name: true, email: true } } },
  });
  // Alerts raise a row's status: an open freshness alert makes it a warning at least.
  for (const alert of openAlerts)
    for (const row of datasets) if (alert.subject === row.key && row.status === "ok") row.status = "warning";

  const problems = await sampleProblems(accounts.map((a) => ({ id: a.id, region: a.region })));
  const series = await lagSeries(options.chartHours ?? 24);
  return {
    datasets,
    refreshes,
    alerts: [...openAlerts, ...recentResolved],
    series,
    problems,
    accounts: accounts.length,
  };
}

export type PipelineOverview = Awaited<ReturnType<typeof getPipelineOverview>>;
export type AlertRow = PipelineOverview["alerts"][number];

/** The newest read of each kind per account, when it failed (error state on the page). */
async function sampleProblems(accounts: { id: string; region: string }[]): Promise<SampleProblem[]> {
  const problems: SampleProblem[] = [];
  for (const account of accounts) {
    const latest = await db.pipelineSampleRun.findMany({
      where: { providerAccountId: account.id },
      orderBy: { sampledAt: "desc" },
      distinct: ["kind"],
    });
    for (const run of latest)
      if (!run.ok)
        problems.push({ region: account.region, kind: run.kind, sampledAt: run.sampledAt, error: run.error ?? "" });
  }
  return problems;
}

/** Lag of the newest event per region × lake × dataset at each sample, over the `hours` before the newest sample. */
async function lagSeries(hours: number): Promise<LagSeries[]> {
  const newest = await db.pipelineFreshnessSample.aggregate({ _max: { measuredAt: true } });
  const end = newest._max.measuredAt;
  if (!end) return [];
  const start = new Date(end.getTime() - hours * 3_600_000);
  const rows = await db.$queryRaw<
    { region: string; lakeDatabase: string; datasetKey: string; measuredAt: Date; latest: Date | null }[]
  >`SELECT "region", "lakeDatabase", "datasetKey", "measuredAt", MAX("latestEventAt") AS "latest"
      FROM "PipelineFreshnessSample" WHERE "measuredAt" >= ${start}
      GROUP BY "region", "lakeDatabase", "datasetKey", "measuredAt" ORDER BY "measuredAt" LIMIT 20000`;
  const series = new Map<string, LagSeries>();
  for (const row of rows) {
    if (!row.latest) continue;
    const key = `${row.region}/${row.lakeDatabase}/${row.datasetKey}`;
    const entry = series.get(key) ?? {
      key,
      label: `${titleOf.get(row.datasetKey) ?? row.datasetKey} · ${row.region}${row.lakeDatabase ? ` (${row.lakeDatabase})` : ""}`,
      points: [],
    };
    entry.points.push({
      at: row.measuredAt,
      lagSeconds: Math.max(0, (row.measuredAt.getTime() - row.latest.getTime()) / 1000),
    });
    series.set(key, entry);
  }
  return [...series.values()];
}
