import "server-only";
import { db } from "@/lib/db";
import type { Statement } from "@/lib/snowflake/sql-identifiers";
import type { PipelineSampleKind } from "@/lib/generated/prisma/enums";
import * as reads from "./pipeline-reads";

// One sampling round on one provider account: each kind is read once and written to Postgres; a read that
// fails is recorded (PipelineSampleRun.ok = false, with the error) and the others go on — the sampler
// never throws for Snowflake's sake. Lake accounts: task history + task states, streams, freshness of the
// lake. Replica accounts: each of Floe's secondary groups' refresh history and the replica's freshness
// (read there, it includes the replication lag).

export type SampledAccount = {
  id: string;
  region: string;
  hostsLake: boolean;
  lakeDatabase: string | null;
};

export type QueryRows = (statement: Statement) => Promise<Record<string, unknown>[]>;

/** Which kinds were read successfully this round (alerts of a kind that failed to read are left as they are). */
export type SampleOutcome = {
  ok: Set<PipelineSampleKind>;
  measuredAt: Date;
  /** This round's reads, for the alert rules. */
  taskStates: reads.TaskStateRead[];
  streams: reads.StreamRead[];
  freshness: (reads.FreshnessRead & { lakeDatabase: string })[];
  groups: string[];
};

async function recorded(
  account: SampledAccount,
  kind: PipelineSampleKind,
  outcome: SampleOutcome,
  read: () => Promise<number>,
): Promise<void> {
  try {
    const rowCount = await read();
    outcome.ok.add(kind);
    await db.pipelineSampleRun.create({
      data: { providerAccountId: account.id, region: account.region, kind, ok: true, rowCount },
    });
  } catch (error) {
    await db.pipelineSampleRun.create({
      data: {
        providerAccountId: account.id,
        region: account.region,
        kind,
        ok: false,
        error: String((error as Error)?.message ?? error).slice(0, 4000),
      },
    });
  }
}

export async function sampleAccount(
  account: SampledAccount,
  query: QueryRows,
  options: { lakeDatabases: string[] },
): Promise<SampleOutcome> {
  const outcome: SampleOutcome = {
    ok: new Set(),
    measuredAt: new Date(),
    taskStates: [],
    streams: [],
    freshness: [],
    groups: [],
  };
  try {
    outcome.measuredAt = reads.readClock(await query(reads.clockStatement())) ?? outcome.measuredAt;
  } catch {
    // The reads below fail the same way and are recorded; the wall clock stands in.
  }
  const measuredAt = outcome.measuredAt;
  const base = { providerAccountId: account.id, region: account.region };

  if (account.hostsLake && account.lakeDatabase) {
    const lake = account.lakeDatabase;
    await recorded(account, "TASK_HISTORY", outcome, async () => {
      const runs = reads.parseTaskHistory(await query(reads.taskHistoryStatement(lake)));
      const states = reads.parseShowTasks(await query(reads.showTasksStatement(lake)));
      await db.pipelineTaskRun.createMany({ data: runs.map((r) => ({ ...base, ...r })), skipDuplicates: true });
      await db.pipelineTaskSample.createMany({ data: states.map((s) => ({ ...base, ...s, measuredAt })) });
      outcome.taskStates = states;
      return runs.length + states.length;
    });
    await recorded(account, "STREAMS", outcome, async () => {
      const streams = reads.parseShowStreams(await query(reads.showStreamsStatement(lake)));
      await db.pipelineStreamSample.createMany({ data: streams.map((s) => ({ ...base, ...s, measuredAt })) });
      outcome.streams = streams;
      return streams.length;
    });
    await recorded(account, "FRESHNESS", outcome, async () => {
      const rows = reads.parseFreshness(await query(reads.freshnessStatement(lake)), measuredAt);
      await db.pipelineFreshnessSample.createMany({ data: rows.map((r) => ({ ...base, lakeDatabase: lake, ...r })) });
      outcome.freshness = rows.map((r) => ({ ...r, lakeDatabase: lake }));
      return rows.length;
    });
    return outcome;
  }

  // A replica account: what it replicates is found in its own SHOW REPLICATION GROUPS.
  let groups: reads.SecondaryGroupRead[] = [];
  await recorded(account, "REFRESH_HISTORY", outcome, async () => {
    groups = reads.parseSecondaryGroups(await query(reads.showReplicationGroupsStatement()), options.lakeDatabases);
    outcome.groups = groups.map((g) => g.groupName);
    let count = 0;
    for (const group of groups) {
      const refreshes = reads.parseRefreshHistory(await query(reads.refreshHistoryStatement(group)));
      await db.pipelineRefreshSample.createMany({
        data: refreshes.map((r) => ({ ...base, groupName: group.groupName, ...r })),
        skipDuplicates: true,
      });
      count += refreshes.length;
    }
    return count;
  });
  if (groups.length > 0)
    await recorded(account, "FRESHNESS", outcome, async () => {
      let count = 0;
      for (const group of groups) {
        const rows = reads.parseFreshness(await query(reads.freshnessStatement(group.database)), measuredAt);
        await db.pipelineFreshnessSample.createMany({
          data: rows.map((r) => ({ ...base, lakeDatabase: group.database, ...r })),
        });
        outcome.freshness.push(...rows.map((r) => ({ ...r, lakeDatabase: group.database })));
        count += rows.length;
      }
      return count;
    });
  return outcome;
}
