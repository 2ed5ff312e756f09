// Runs tasks (https://docs.snowflake.com/en/user-guide/tasks-intro): the WHEN condition first (FALSE → SKIPPED,
// the body does not run), then the body through the engine's normal statement path as the task's owner role
// (user SYSTEM, the task's database and schema current), and records one TASK_HISTORY row per run. A root's
// successful run triggers its started children whose predecessors all succeeded in the same run (task graphs);
// SUSPEND_TASK_AFTER_NUM_FAILURES consecutive failed runs suspend the root.
import { randomUUID } from "node:crypto";
import type { AccountState, Catalog, TaskMeta, TaskRun } from "./catalog";
import type { EngineClock } from "./clock";
import { SnowflakeError, type SessionContext, type StatementResult } from "./types";

const MAX_HISTORY = 10_000;

export type TaskRef = { database: string; schema: string; task: TaskMeta };

export const taskKey = (database: string, schema: string, name: string) => `${database}.${schema}.${name}`;

export function tasksOf(me: AccountState): TaskRef[] {
  const out: TaskRef[] = [];
  for (const db of Object.values(me.databases)) {
    if (db.kind !== "STANDARD") continue;
    for (const s of Object.values(db.schemas))
      for (const task of Object.values(s.tasks ?? {})) out.push({ database: db.name, schema: s.name, task });
  }
  return out;
}

export function findTask(me: AccountState, [database, schema, name]: [string, string, string]): TaskRef | undefined {
  const task = me.databases[database]?.schemas[schema]?.tasks?.[name];
  return task && { database, schema, task };
}

/** The root of a task's graph (itself when it has no predecessors). */
export function rootOf(me: AccountState, ref: TaskRef): TaskRef {
  let cur = ref;
  for (let guard = 0; guard < 1000 && cur.task.after.length > 0; guard++) {
    const up = findTask(me, cur.task.after[0]);
    if (!up) break;
    cur = up;
  }
  return cur;
}

export const childrenOf = (me: AccountState, ref: TaskRef) =>
  tasksOf(me).filter((t) =>
    t.task.after.some((p) => taskKey(...p) === taskKey(ref.database, ref.schema, ref.task.name)),
  );

export type TaskRunnerDeps = {
  catalog(): Catalog;
  clock: EngineClock;
  /** The engine's statement path without its queue (the caller already holds it). */
  execute(session: SessionContext, sql: string): Promise<StatementResult[]>;
};

export function createTaskRunner(deps: TaskRunnerDeps) {
  async function runOne(
    me: AccountState,
    ref: TaskRef,
    root: TaskRef,
    scheduledTime: string,
    runId: number,
    from: TaskRun["scheduledFrom"],
  ): Promise<TaskRun["state"]> {
    const { task } = ref;
    const session: SessionContext = {
      accountLocator: me.account.locator,
      user: "SYSTEM",
      role: task.owner,
      database: ref.database,
      schema: ref.schema,
      warehouse: task.warehouse,
    };
    const started = deps.clock.nowIso();
    let state: TaskRun["state"] | null = null;
    let error: { code: string | null; message: string } | null = null;
    let queryId: string | null = null;
    const failure = (e: unknown) =>
      e instanceof SnowflakeError
        ? { code: e.code, message: e.message }
        : { code: null, message: e instanceof Error ? e.message : String(e) };
    if (task.condition) {
      try {
        const [r] = await deps.execute(session, `SELECT (${task.condition})`);
        if (r.rows[0]?.[0] !== true) state = "SKIPPED";
      } catch (e) {
        state = "FAILED";
        error = failure(e);
      }
    }
    if (!state) {
      queryId = randomUUID();
      try {
        await deps.execute(session, task.definition);
        state = "SUCCEEDED";
      } catch (e) {
        state = "FAILED";
        error = failure(e);
      }
    }
    const history = (me.taskHistory ??= []);
    history.push({
      queryId,
      name: task.name,
      database: ref.database,
      schema: ref.schema,
      queryText: task.definition,
      conditionText: task.condition,
      state,
      errorCode: error?.code ?? null,
      errorMessage: error?.message ?? null,
      scheduledTime,
      queryStartTime: queryId ? started : null,
      completedTime: deps.clock.nowIso(),
      nextScheduledTime: root.task.nextScheduledTime,
      rootTaskId: root.task.id,
      graphVersion: root.task.graphVersion,
      runId,
      scheduledFrom: from,
      attemptNumber: 1,
    });
    if (history.length > MAX_HISTORY) history.splice(0, history.length - MAX_HISTORY);
    if (state === "FAILED") task.consecutiveFailures += 1;
    else if (state === "SUCCEEDED") task.consecutiveFailures = 0;
    return state;
  }

  /** Runs a task and then, run by run, its children; the history rows share RUN_ID and ROOT_TASK_ID. */
  async function runGraph(
    locator: string,
    start: TaskRef,
    from: TaskRun["scheduledFrom"],
    scheduledTime: string,
  ): Promise<void> {
    const me = deps.catalog().accounts[locator];
    if (!me) return;
    const root = rootOf(me, start);
    const runId = Date.parse(scheduledTime);
    const succeeded = new Set<string>();
    const queue: TaskRef[] = [start];
    const seen = new Set<string>();
    while (queue.length) {
      const ref = queue.shift()!;
      const key = taskKey(ref.database, ref.schema, ref.task.name);
      if (seen.has(key)) continue;
      seen.add(key);
      const state = await runOne(me, ref, root, ref === start ? scheduledTime : deps.clock.nowIso(), runId, from);
      if (state !== "SUCCEEDED") continue;
      succeeded.add(key);
      for (const child of childrenOf(me, ref)) {
        if (child.task.state === "started" && child.task.after.every((p) => succeeded.has(taskKey(...p))))
          queue.push(child);
      }
    }
    const r = root.task;
    if (r.suspendAfterFailures > 0 && r.consecutiveFailures >= r.suspendAfterFailures && r.state === "started") {
      r.state = "suspended";
      r.lastSuspendedOn = deps.clock.nowIso();
      r.nextScheduledTime = null;
    }
  }

  return { runGraph };
}
