// CREATE / ALTER / DROP / SHOW / DESCRIBE / EXECUTE TASK (https://docs.snowflake.com/en/sql-reference/sql/create-task,
// …/alter-task, …/drop-task, …/show-tasks, …/describe-task, …/execute-task). Tasks are created suspended; RESUME
// schedules a root task's next run on the engine's clock (scheduler.ts), runs go through task-runner.ts. The root
// of a task graph must be suspended while the graph changes (CREATE … AFTER, CREATE OR REPLACE, ADD/REMOVE AFTER).
import { randomUUID } from "node:crypto";
import type { AccountState, TaskMeta } from "../catalog";
import { clockOf, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors, streamErrors } from "../errors";
import { qualified } from "../identifiers";
import { completeName } from "../resolve";
import { column, status, success, TYPE_IDS, type Partial } from "../result";
import { childrenOf, findTask, rootOf, taskKey, tasksOf, type TaskRef } from "../task-runner";
import { nextRun, parseSchedule } from "../task-schedule";
import type { CellValue } from "../types";
import { likeOf } from "./account";
import { ifNotExists, targetSchema, type CreateFlags } from "./objects";
import { sessionNames } from "./query";
import { scope } from "./show";

/** Source text of tokens [from, to) of the statement. */
const slice = (c: Cursor, from: number, to: number) =>
  c.text.slice(c.tokens[from].start - c.tokens[0].start, c.tokens[to - 1].end - c.tokens[0].start);

/** Tokens up to (not including) the next top-level keyword `stop`, as text; the cursor stops on it. */
function textUntil(c: Cursor, stop: string | null): string {
  const from = c.pos;
  let depth = 0;
  while (!c.atEnd() && !(depth === 0 && stop && c.isKw(stop))) {
    if (c.isOp("(")) depth++;
    else if (c.isOp(")")) depth--;
    c.pos++;
  }
  if (c.pos === from) throw c.fail();
  return slice(c, from, c.pos);
}

function predecessorList(ctx: ExecCtx, c: Cursor): [string, string, string][] {
  const out: [string, string, string][] = [];
  do {
    const full = completeName(sessionNames(ctx), c.qualifiedName(3), "CREATE TASK");
    if (!findTask(ctx.me, full)) throw errors.doesNotExist("Task", qualified(...full));
    out.push(full);
  } while (c.acceptOp(","));
  return out;
}

function requireRootSuspended(me: AccountState, refs: TaskRef[]) {
  for (const ref of refs) {
    const root = rootOf(me, ref);
    if (root.task.state === "started")
      throw streamErrors.rootNotSuspended(qualified(root.database, root.schema, root.task.name));
  }
}

const boolOpt = (v: string) => {
  if (v !== "TRUE" && v !== "FALSE") throw errors.invalid(`Invalid boolean value '${v}'.`);
  return v === "TRUE";
};

/** KEY = value properties of CREATE TASK and ALTER TASK … SET. */
function applyProperty(task: TaskMeta, key: string, value: string) {
  switch (key) {
    case "WAREHOUSE":
      task.warehouse = value;
      task.serverlessSize = null;
      return;
    case "USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE":
      task.serverlessSize = value.toUpperCase();
      task.warehouse = null;
      return;
    case "SCHEDULE":
      parseSchedule(value);
      task.schedule = value;
      return;
    case "ALLOW_OVERLAPPING_EXECUTION":
      task.allowOverlapping = boolOpt(value);
      return;
    case "SUSPEND_TASK_AFTER_NUM_FAILURES": {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0)
        throw errors.invalid(`Invalid value '${value}' for SUSPEND_TASK_AFTER_NUM_FAILURES.`);
      task.suspendAfterFailures = n;
      return;
    }
    case "COMMENT":
      task.comment = value;
      return;
    // Accepted and recorded nowhere: the emulator has no warehouses, integrations or retries.
    case "USER_TASK_TIMEOUT_MS":
    case "ERROR_INTEGRATION":
    case "TASK_AUTO_RETRY_ATTEMPTS":
    case "USER_TASK_MINIMUM_TRIGGER_INTERVAL_IN_SECONDS":
      return;
    default:
      throw errors.unsupported(`Task property ${key}`);
  }
}

export function createTask(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Partial {
  const ine = ifNotExists(c, flags);
  const t = targetSchema(ctx, c.qualifiedName(3), "CREATE TASK");
  const now = clockOf(ctx).nowIso();
  const task: TaskMeta = {
    id: randomUUID(),
    name: t.name,
    owner: ctx.session.role,
    comment: null,
    createdOn: now,
    lastCommittedOn: now,
    lastSuspendedOn: null,
    state: "suspended",
    warehouse: null,
    serverlessSize: null,
    schedule: null,
    after: [],
    condition: null,
    definition: "",
    allowOverlapping: false,
    suspendAfterFailures: 10,
    graphVersion: 1,
    consecutiveFailures: 0,
    nextScheduledTime: null,
  };
  while (!c.atEnd() && !c.isKw("AS")) {
    if (c.acceptKw("AFTER")) {
      task.after = predecessorList(ctx, c);
      continue;
    }
    if (c.acceptKw("WHEN")) {
      task.condition = textUntil(c, "AS");
      continue;
    }
    c.acceptKw("COPY", "GRANTS");
    if (c.isKw("AS")) break;
    const key = c.name();
    c.expectOp("=");
    applyProperty(task, key, c.value());
  }
  c.expectKw("AS");
  task.definition = textUntil(c, null);
  if (task.schedule && task.after.length)
    throw errors.invalid("A task with predecessors (AFTER) cannot have a SCHEDULE.");
  const tasks = (t.schema.tasks ??= {});
  const old = tasks[t.name];
  if (old || t.schema.tables[t.name] || t.schema.views[t.name]) {
    if (ine && old) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace || !old) throw errors.alreadyExists(t.display);
    requireRootSuspended(ctx.me, [{ database: t.db.name, schema: t.schema.name, task: old }]);
  }
  requireRootSuspended(
    ctx.me,
    task.after.map((p) => findTask(ctx.me, p)!),
  );
  tasks[t.name] = task;
  ctx.dirty = true;
  return status(`Task ${t.name} successfully created.`);
}

function taskRef(ctx: ExecCtx, parts: string[], command: string): TaskRef & { display: string } {
  const full = completeName(sessionNames(ctx), parts, command);
  const ref = findTask(ctx.me, full);
  if (!ref) throw errors.doesNotExist("Task", qualified(...full));
  return { ...ref, display: qualified(...full) };
}

export async function alterTask(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.qualifiedName(3);
  let ref: ReturnType<typeof taskRef>;
  try {
    ref = taskRef(ctx, parts, "ALTER TASK");
  } catch (e) {
    if (ifExists) return success();
    throw e;
  }
  const { task } = ref;
  const clock = clockOf(ctx);
  const now = clock.nowIso();
  const changed = () => {
    task.lastCommittedOn = now;
    rootOf(ctx.me, ref).task.graphVersion += 1;
    ctx.dirty = true;
  };
  if (c.acceptKw("RESUME")) {
    c.expectEnd();
    task.state = "started";
    // A root with a SCHEDULE runs first one interval (or the next cron time) after RESUME.
    task.nextScheduledTime =
      task.schedule && task.after.length === 0
        ? new Date(nextRun(parseSchedule(task.schedule), clock.now())).toISOString()
        : null;
    ctx.dirty = true;
    return success();
  }
  if (c.acceptKw("SUSPEND")) {
    c.expectEnd();
    if (task.state === "started") task.lastSuspendedOn = now;
    task.state = "suspended";
    task.nextScheduledTime = null;
    ctx.dirty = true;
    return success();
  }
  requireRootSuspended(ctx.me, [ref]);
  if (c.acceptKw("SET")) {
    while (!c.atEnd()) {
      const key = c.name();
      c.expectOp("=");
      applyProperty(task, key, c.value());
      c.acceptOp(",");
    }
    if (task.schedule && task.after.length)
      throw errors.invalid("A task with predecessors (AFTER) cannot have a SCHEDULE.");
  } else if (c.acceptKw("UNSET")) {
    do {
      const key = c.name();
      if (key === "SCHEDULE") task.schedule = null;
      else if (key === "COMMENT") task.comment = null;
      else if (key === "WAREHOUSE") task.warehouse = null;
      else if (key === "SUSPEND_TASK_AFTER_NUM_FAILURES") task.suspendAfterFailures = 10;
      else if (key === "ALLOW_OVERLAPPING_EXECUTION") task.allowOverlapping = false;
      else throw errors.unsupported(`ALTER TASK … UNSET ${key}`);
    } while (c.acceptOp(","));
    c.expectEnd();
  } else if (c.acceptKw("ADD", "AFTER")) {
    const more = predecessorList(ctx, c);
    c.expectEnd();
    if (task.schedule) throw errors.invalid("A task with a SCHEDULE cannot have predecessors (AFTER).");
    requireRootSuspended(
      ctx.me,
      more.map((p) => findTask(ctx.me, p)!),
    );
    for (const p of more) if (!task.after.some((x) => taskKey(...x) === taskKey(...p))) task.after.push(p);
  } else if (c.acceptKw("REMOVE", "AFTER")) {
    const less = predecessorList(ctx, c).map((p) => taskKey(...p));
    c.expectEnd();
    task.after = task.after.filter((p) => !less.includes(taskKey(...p)));
  } else if (c.acceptKw("MODIFY", "AS")) {
    task.definition = textUntil(c, null);
  } else if (c.acceptKw("MODIFY", "WHEN")) {
    task.condition = textUntil(c, null);
  } else if (c.acceptKw("REMOVE", "WHEN")) {
    c.expectEnd();
    task.condition = null;
  } else throw errors.unsupported(`ALTER TASK … ${c.peek()?.value.toUpperCase() ?? ""}`);
  changed();
  return success();
}

export function dropTask(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.qualifiedName(3);
  c.expectEnd();
  let ref: ReturnType<typeof taskRef>;
  try {
    ref = taskRef(ctx, parts, "DROP TASK");
  } catch (e) {
    if (ifExists) return status(`Drop statement executed successfully (${parts[parts.length - 1]} already dropped).`);
    throw e;
  }
  // drop-task: "The root task in a task graph must be suspended before any task in the task graph is dropped"
  // (a standalone task need not be); former children lose the predecessor and, when it was their last one, become
  // root tasks, suspended.
  const children = childrenOf(ctx.me, ref);
  if (ref.task.after.length || children.length) requireRootSuspended(ctx.me, [ref]);
  const key = taskKey(ref.database, ref.schema, ref.task.name);
  for (const child of children) {
    child.task.after = child.task.after.filter((p) => taskKey(...p) !== key);
    if (child.task.after.length === 0) {
      child.task.state = "suspended";
      child.task.nextScheduledTime = null;
    }
  }
  delete ctx.me.databases[ref.database].schemas[ref.schema].tasks![ref.task.name];
  ctx.dirty = true;
  return status(`${ref.task.name} successfully dropped.`);
}

export async function executeTask(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  c.expectKw("TASK");
  const ref = taskRef(ctx, c.qualifiedName(3), "EXECUTE TASK");
  // The emulator always runs the task before answering, as Snowflake does with AWAIT.
  c.acceptKw("AWAIT");
  c.expectEnd();
  if (!ctx.runtime) throw errors.unsupported("EXECUTE TASK outside the engine");
  await ctx.runtime.executeTask(ctx, { database: ref.database, schema: ref.schema }, ref.task);
  ctx.dirty = true;
  return success();
}

const SHOW_COLUMNS: [string, string][] = [
  ["created_on", "TIMESTAMP_LTZ(9)"],
  ["name", "T"],
  ["id", "T"],
  ["database_name", "T"],
  ["schema_name", "T"],
  ["owner", "T"],
  ["comment", "T"],
  ["warehouse", "T"],
  ["schedule", "T"],
  ["predecessors", "ARRAY"],
  ["state", "T"],
  ["definition", "T"],
  ["condition", "T"],
  ["allow_overlapping_execution", "T"],
  ["error_integration", "T"],
  ["last_committed_on", "TIMESTAMP_LTZ(9)"],
  ["last_suspended_on", "TIMESTAMP_LTZ(9)"],
  ["owner_role_type", "T"],
  ["config", "T"],
  ["budget", "T"],
  ["task_relations", "T"],
  ["last_suspended_reason", "T"],
];

function taskRow(ref: TaskRef): CellValue[] {
  const t = ref.task;
  const preds = t.after.map((p) => qualified(...p));
  const relations = JSON.stringify({ Predecessors: preds });
  return [
    new Date(t.createdOn),
    t.name,
    t.id,
    ref.database,
    ref.schema,
    t.owner,
    t.comment,
    t.warehouse ?? null,
    t.schedule,
    preds,
    t.state,
    t.definition,
    t.condition,
    String(t.allowOverlapping),
    "null",
    new Date(t.lastCommittedOn),
    t.lastSuspendedOn ? new Date(t.lastSuspendedOn) : null,
    "ROLE",
    null,
    null,
    relations,
    null,
  ];
}

const taskTable = (rows: CellValue[][], typeId: number): Partial => ({
  columns: SHOW_COLUMNS.map(([n, t]) => column(n, t === "T" ? "VARCHAR(16777216)" : t)),
  rows,
  statementTypeId: typeId,
});

export function showTasks(ctx: ExecCtx, c: Cursor): Partial {
  const like = likeOf(c);
  const s = scope(ctx, c, true);
  const rootOnly = c.acceptKw("ROOT", "ONLY");
  c.expectEnd();
  const dbs = new Set(s.dbs.filter((d) => !d.share).map((d) => d.db.name));
  const rows = tasksOf(ctx.me)
    .filter(
      (r) =>
        dbs.has(r.database) &&
        (!s.schema || r.schema === s.schema) &&
        (!like || like.test(r.task.name)) &&
        (!rootOnly || r.task.after.length === 0),
    )
    .sort((a, b) =>
      taskKey(a.database, a.schema, a.task.name).localeCompare(taskKey(b.database, b.schema, b.task.name)),
    )
    .map((r) => taskRow(r));
  return taskTable(rows, TYPE_IDS.SHOW);
}

export function describeTask(ctx: ExecCtx, c: Cursor): Partial {
  const ref = taskRef(ctx, c.qualifiedName(3), "DESCRIBE TASK");
  c.expectEnd();
  return taskTable([taskRow(ref)], TYPE_IDS.DESCRIBE);
}
