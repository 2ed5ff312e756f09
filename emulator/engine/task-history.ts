// `TABLE(<db>.INFORMATION_SCHEMA.TASK_HISTORY(…))` (https://docs.snowflake.com/en/sql-reference/functions/task_history):
// the recorded runs of the account's tasks (task-runner.ts) plus one SCHEDULED row for the next run of every
// started scheduled root task. Arguments: SCHEDULED_TIME_RANGE_START / _END (any expression, e.g. a timestamp
// built from CURRENT_TIMESTAMP()), RESULT_LIMIT (1–10000, default 100; the latest runs are kept), TASK_NAME
// (case-insensitive, unqualified), ERROR_ONLY (FAILED and CANCELLED runs) and ROOT_TASK_ID.
import type { TaskRun } from "./catalog";
import { errors } from "./errors";
import type { RewriteEnv } from "./select-rewriter";
import { valuesSql, type ValueColumn } from "./sql-values";
import { stringArg, type FnArg } from "./table-functions";

const T = "VARCHAR(16777216)";
const TS = "TIMESTAMP_LTZ(9)";
const N = "NUMBER(38,0)";
const COLUMNS: ValueColumn[] = (
  [
    ["QUERY_ID", T],
    ["NAME", T],
    ["DATABASE_NAME", T],
    ["SCHEMA_NAME", T],
    ["QUERY_TEXT", T],
    ["CONDITION_TEXT", T],
    ["STATE", T],
    ["ERROR_CODE", N],
    ["ERROR_MESSAGE", T],
    ["SCHEDULED_TIME", TS],
    ["QUERY_START_TIME", TS],
    ["NEXT_SCHEDULED_TIME", TS],
    ["COMPLETED_TIME", TS],
    ["ROOT_TASK_ID", T],
    ["GRAPH_VERSION", N],
    ["RUN_ID", N],
    ["RETURN_VALUE", T],
    ["SCHEDULED_FROM", T],
    ["ATTEMPT_NUMBER", N],
  ] as const
).map(([name, sfType]) => ({ name, sfType }));

const KNOWN = new Set([
  "SCHEDULED_TIME_RANGE_START",
  "SCHEDULED_TIME_RANGE_END",
  "RESULT_LIMIT",
  "TASK_NAME",
  "ERROR_ONLY",
  "ROOT_TASK_ID",
]);

export function taskHistorySql(env: RewriteEnv, database: string, args: FnArg[]): string {
  for (const a of args)
    if (!a.name || !KNOWN.has(a.name))
      throw errors.invalid(`TASK_HISTORY: unknown argument ${a.name ?? "(positional)"}.`);
  const me = env.ctx.catalog.accounts[env.names.locator];
  if (!me.databases[database]) throw errors.doesNotExist("Database", database);
  const taskName = stringArg(args, "TASK_NAME", "TASK_HISTORY")?.toUpperCase();
  const rootId = stringArg(args, "ROOT_TASK_ID", "TASK_HISTORY");
  const errorOnly = args.find((a) => a.name === "ERROR_ONLY")?.sql.toUpperCase() === "TRUE";
  const limitArg = args.find((a) => a.name === "RESULT_LIMIT");
  const limit = limitArg ? Number(limitArg.sql) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw errors.invalid("TASK_HISTORY: RESULT_LIMIT must be an integer between 1 and 10000.");

  const runs: TaskRun[] = [...(me.taskHistory ?? [])];
  // The next run of each started, scheduled root task (SCHEDULED, no query yet).
  for (const db of Object.values(me.databases))
    for (const s of Object.values(db.schemas))
      for (const t of Object.values(s.tasks ?? {})) {
        if (t.state !== "started" || !t.nextScheduledTime) continue;
        runs.push({
          queryId: null,
          name: t.name,
          database: db.name,
          schema: s.name,
          queryText: t.definition,
          conditionText: t.condition,
          state: "SCHEDULED",
          errorCode: null,
          errorMessage: null,
          scheduledTime: t.nextScheduledTime,
          queryStartTime: null,
          completedTime: null,
          nextScheduledTime: null,
          rootTaskId: t.id,
          graphVersion: t.graphVersion,
          runId: Date.parse(t.nextScheduledTime),
          scheduledFrom: "SCHEDULE",
          attemptNumber: 1,
        });
      }
  const kept = runs.filter(
    (r) =>
      (!taskName || r.name.toUpperCase() === taskName) &&
      (!rootId || r.rootTaskId === rootId) &&
      (!errorOnly || r.state === "FAILED" || r.state === "CANCELLED"),
  );
  const rows = kept.map((r) => [
    r.queryId,
    r.name,
    r.database,
    r.schema,
    r.queryText,
    r.conditionText,
    r.state,
    r.errorCode === null ? null : Number(r.errorCode),
    r.errorMessage,
    r.scheduledTime,
    r.queryStartTime,
    r.nextScheduledTime,
    r.completedTime,
    r.rootTaskId,
    r.graphVersion,
    r.runId,
    null,
    r.scheduledFrom,
    r.attemptNumber,
  ]);
  const where: string[] = [];
  const start = args.find((a) => a.name === "SCHEDULED_TIME_RANGE_START");
  const end = args.find((a) => a.name === "SCHEDULED_TIME_RANGE_END");
  if (start) where.push(`"SCHEDULED_TIME" >= CAST((${start.sql}) AS TIMESTAMPTZ)`);
  if (end) where.push(`"SCHEDULED_TIME" <= CAST((${end.sql}) AS TIMESTAMPTZ)`);
  return (
    `SELECT * FROM (${valuesSql(COLUMNS, rows)}) _floe_th${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ` +
    `ORDER BY "SCHEDULED_TIME" DESC, "COMPLETED_TIME" DESC NULLS FIRST LIMIT ${limit}`
  );
}
