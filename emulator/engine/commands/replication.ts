// Replication groups: the cross-region path. REFRESH copies the primary's databases (schemas, tables,
// rows, views) into read-only replica databases of the same names in the target account.
import { randomUUID } from "node:crypto";
import {
  accountId,
  findAccount,
  nowIso,
  type AccountState,
  type DatabaseMeta,
  type RefreshRecord,
  type ReplicationGroup,
} from "../catalog";
import { clockOf, requireRole, type ExecCtx } from "../context";
import { recordRefresh } from "../refresh-history";
import { SnowflakeError } from "../types";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { duckSchema, duckTable, qualified, quoteIdent } from "../identifiers";
import { status, success, table, type Partial } from "../result";
import { parseSfType } from "../sf-types";
import type { CellValue } from "../types";
import { ifNotExists, type CreateFlags } from "./objects";

function nameList(c: Cursor, parts = 1): string[][] {
  c.acceptOp("=");
  const out: string[][] = [];
  do out.push(c.qualifiedName(parts));
  while (c.acceptOp(","));
  return out;
}

export function createReplicationGroup(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Partial {
  const ine = ifNotExists(c, flags);
  const name = c.name();
  requireRole(ctx, "account", ctx.me.account.name);
  const exists = !!ctx.me.replicationGroups[name];
  if (exists && !ine && !flags.orReplace) throw errors.alreadyExists(qualified(name));
  const group: ReplicationGroup = {
    name,
    createdOn: nowIso(),
    isPrimary: true,
    objectTypes: [],
    allowedDatabases: [],
    allowedShares: [],
    allowedAccounts: [],
    schedule: null,
    primary: null,
    lastRefreshed: null,
  };
  if (c.acceptKw("AS", "REPLICA", "OF")) {
    const parts = c.qualifiedName(3);
    c.expectEnd();
    if (parts.length !== 3) throw c.fail();
    const source = findAccount(ctx.catalog, parts[0], parts[1]);
    const primary = source?.replicationGroups[parts[2]];
    if (!source || !primary || !primary.isPrimary || !primary.allowedAccounts.includes(ctx.me.account.locator)) {
      throw errors.doesNotExist("Replication group", parts.map((p) => qualified(p)).join("."));
    }
    if (exists) return status(`${name} already exists, statement succeeded.`);
    for (const db of primary.allowedDatabases) {
      if (ctx.me.databases[db] && ctx.me.databases[db].kind !== "REPLICA") throw errors.alreadyExists(qualified(db));
    }
    Object.assign(group, {
      isPrimary: false,
      primary: { locator: source.account.locator, group: primary.name },
      objectTypes: primary.objectTypes,
      schedule: primary.schedule,
    });
  } else {
    while (!c.atEnd()) {
      const key = c.name();
      if (key === "OBJECT_TYPES") group.objectTypes = nameList(c).map((p) => p[0]);
      else if (key === "ALLOWED_DATABASES") group.allowedDatabases = nameList(c).map((p) => p[0]);
      else if (key === "ALLOWED_SHARES") group.allowedShares = nameList(c).map((p) => p[0]);
      else if (key === "ALLOWED_ACCOUNTS")
        group.allowedAccounts = nameList(c, 2).map((p) => accountOf(ctx, p).account.locator);
      else if (key === "REPLICATION_SCHEDULE") {
        c.acceptOp("=");
        group.schedule = c.string();
      } else if (key === "IGNORE") c.expectKw("EDITION", "CHECK");
      else throw errors.unsupported(`Replication group option ${key}`);
    }
    if (exists) return status(`${name} already exists, statement succeeded.`);
    if (!group.objectTypes.includes("DATABASES") && group.allowedDatabases.length)
      throw errors.invalid("ALLOWED_DATABASES requires OBJECT_TYPES to include DATABASES.");
    for (const db of group.allowedDatabases) {
      const meta = ctx.me.databases[db];
      if (!meta) throw errors.doesNotExist("Database", qualified(db));
      if (meta.kind !== "STANDARD")
        throw errors.invalid(`Database '${db}' cannot be replicated (only standard databases can).`);
    }
    for (const s of group.allowedShares) if (!ctx.me.shares[s]) throw errors.doesNotExist("Share", qualified(s));
  }
  ctx.me.replicationGroups[name] = group;
  ctx.dirty = true;
  return status(`Replication Group ${name} successfully created.`);
}

function accountOf(ctx: ExecCtx, parts: string[]): AccountState {
  const a = parts.length === 2 ? findAccount(ctx.catalog, parts[0], parts[1]) : findAccount(ctx.catalog, parts[0]);
  if (!a || a.account.organization !== ctx.me.account.organization)
    throw errors.doesNotExist("Account", parts.map((p) => qualified(p)).join("."));
  return a;
}

export async function alterReplicationGroup(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.name();
  requireRole(ctx, "replication group", name);
  const group = ctx.me.replicationGroups[name];
  if (!group) {
    if (ifExists) return success();
    throw errors.doesNotExist("Replication group", qualified(name));
  }
  if (c.acceptKw("REFRESH")) {
    c.expectEnd();
    if (group.isPrimary)
      throw errors.invalid(`Replication group '${name}' is a primary group; refresh it from a secondary.`);
    await refreshGroup(ctx, group);
    return success();
  }
  if (c.acceptKw("SET")) {
    while (!c.atEnd()) {
      const key = c.name();
      c.acceptOp("=");
      if (key === "REPLICATION_SCHEDULE") group.schedule = c.string();
      else if (key === "ALLOWED_ACCOUNTS" && group.isPrimary) {
        c.pos--;
        group.allowedAccounts = nameList(c, 2).map((p) => accountOf(ctx, p).account.locator);
      } else if (key === "ALLOWED_DATABASES" && group.isPrimary) {
        c.pos--;
        group.allowedDatabases = nameList(c).map((p) => p[0]);
      } else throw errors.unsupported(`ALTER REPLICATION GROUP ... SET ${key}`);
    }
    ctx.dirty = true;
    return success();
  }
  const suspend = c.acceptKw("SUSPEND");
  if (suspend || c.acceptKw("RESUME")) {
    c.expectEnd();
    if (group.isPrimary)
      throw errors.invalid(`Replication group '${name}' is a primary group; suspend or resume its secondary.`);
    group.suspended = suspend;
    ctx.dirty = true;
    return success();
  }
  throw errors.unsupported(`ALTER REPLICATION GROUP ... ${c.peek()?.value ?? ""}`);
}

/**
 * Copies the primary's allowed databases into this (secondary) account: REFRESH and the schedule. Every refresh,
 * successful or not, adds a row to the group's refresh history (refresh-history.ts), timed by the engine's clock.
 */
export async function refreshGroup(ctx: ExecCtx, group: ReplicationGroup) {
  const clock = clockOf(ctx);
  const started = clock.nowIso();
  const jobUuid = randomUUID();
  const counts = {
    bytes: 0,
    databases: [] as { name: string; totalBytesToReplicate: number }[],
    objects: new Map<string, number>(),
  };
  try {
    await copyGroup(ctx, group, started, counts);
  } catch (e) {
    const error =
      e instanceof SnowflakeError
        ? { errorCode: e.code, errorMessage: e.message }
        : { errorCode: "000603", errorMessage: String(e) };
    recordRefresh(ctx.me, group.name, refreshRecord("FAILED", started, clock.nowIso(), jobUuid, counts, error));
    ctx.dirty = true;
    throw e;
  }
  recordRefresh(ctx.me, group.name, refreshRecord("COMPLETED", started, clock.nowIso(), jobUuid, counts, null));
}

type RefreshCounts = {
  bytes: number;
  databases: { name: string; totalBytesToReplicate: number }[];
  objects: Map<string, number>;
};

// TOTAL_BYTES and OBJECT_COUNT follow the documented JSON shapes; bytes are rows × 64, the emulator's usual
// storage estimate (INFORMATION_SCHEMA.TABLES.BYTES).
function refreshRecord(
  phase: RefreshRecord["phaseName"],
  start: string,
  end: string,
  jobUuid: string,
  c: RefreshCounts,
  error: RefreshRecord["error"],
): RefreshRecord {
  const objectTypes = [...c.objects].map(([objectType, n]) => ({
    objectType,
    totalObjects: n,
    completedObjects: phase === "COMPLETED" ? n : 0,
  }));
  const total = objectTypes.reduce((a, o) => a + o.totalObjects, 0);
  return {
    phaseName: phase,
    startTime: start,
    endTime: end,
    jobUuid,
    primarySnapshotTimestamp: start,
    error,
    totalBytes: {
      totalBytesToReplicate: c.bytes,
      bytesUploaded: phase === "COMPLETED" ? c.bytes : 0,
      bytesDownloaded: phase === "COMPLETED" ? c.bytes : 0,
      databases: c.databases,
    },
    objectCount: { totalObjects: total, completedObjects: phase === "COMPLETED" ? total : 0, objectTypes },
  };
}

async function copyGroup(ctx: ExecCtx, group: ReplicationGroup, now: string, counts: RefreshCounts) {
  const source = ctx.catalog.accounts[group.primary!.locator];
  const primary = source?.replicationGroups[group.primary!.group];
  if (!primary || !primary.allowedAccounts.includes(ctx.me.account.locator)) {
    throw errors.doesNotExist(
      "Replication group",
      `${source ? accountId(source.account) : group.primary!.locator}.${group.primary!.group}`,
    );
  }
  const me = ctx.me.account.locator;
  const bump = (type: string, n = 1) => counts.objects.set(type, (counts.objects.get(type) ?? 0) + n);
  await ctx.store.run("BEGIN TRANSACTION");
  try {
    for (const dbName of primary.allowedDatabases) {
      const src = source.databases[dbName];
      if (!src) continue;
      const old = ctx.me.databases[dbName];
      if (old && old.kind !== "REPLICA") throw errors.alreadyExists(qualified(dbName));
      if (old)
        for (const s of Object.keys(old.schemas))
          await ctx.store.run(`DROP SCHEMA IF EXISTS ${quoteIdent(duckSchema(me, dbName, s))} CASCADE`);
      const copy: DatabaseMeta = JSON.parse(
        JSON.stringify({
          ...src,
          kind: "REPLICA",
          replicaOf: { locator: source.account.locator, group: primary.name, refreshedOn: now },
        }),
      );
      copy.createdOn = old?.createdOn ?? now;
      bump("DATABASE");
      let dbBytes = 0;
      for (const s of Object.values(copy.schemas)) {
        // Streams and tasks are not replicated by the emulator (their offsets and schedules stay in the primary).
        delete s.streams;
        delete s.tasks;
        bump("SCHEMA");
        bump("VIEW", Object.keys(s.views).length);
        await ctx.store.run(`CREATE SCHEMA ${quoteIdent(duckSchema(me, dbName, s.name))}`);
        for (const t of Object.values(s.tables)) {
          const defs = t.columns.map(
            (col) => `${quoteIdent(col.name)} ${parseSfType(col.sfType).duck}${col.nullable ? "" : " NOT NULL"}`,
          );
          const target = duckTable(me, dbName, s.name, t.name);
          await ctx.store.run(`CREATE TABLE ${target} (${defs.join(", ")})`);
          await ctx.store.run(
            `INSERT INTO ${target} SELECT * FROM ${duckTable(source.account.locator, dbName, s.name, t.name)}`,
          );
          const n = await ctx.store.query(`SELECT count(*) FROM ${target}`);
          dbBytes += Number(n.rows[0][0]) * 64;
          bump("TABLE");
        }
      }
      counts.databases.push({ name: dbName, totalBytesToReplicate: dbBytes });
      counts.bytes += dbBytes;
      ctx.me.databases[dbName] = copy;
    }
    await ctx.store.run("COMMIT");
  } catch (e) {
    await ctx.store.run("ROLLBACK");
    throw e;
  }
  group.lastRefreshed = now;
  ctx.dirty = true;
}

export function dropReplicationGroup(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.name();
  c.expectEnd();
  requireRole(ctx, "replication group", name);
  if (!ctx.me.replicationGroups[name]) {
    if (ifExists) return status(`Drop statement executed successfully (${name} already dropped).`);
    throw errors.doesNotExist("Replication group", qualified(name));
  }
  delete ctx.me.replicationGroups[name];
  ctx.dirty = true;
  return status(`${name} successfully dropped.`);
}

export function showReplicationGroups(ctx: ExecCtx, like: RegExp | null): Partial {
  const a = ctx.me.account;
  const rows = Object.values(ctx.me.replicationGroups)
    .filter((g) => !like || like.test(g.name))
    .map((g) => {
      const primaryAcct = g.primary ? ctx.catalog.accounts[g.primary.locator]?.account : a;
      const primary = `${primaryAcct ? accountId(primaryAcct) : g.primary?.locator}.${g.primary?.group ?? g.name}`;
      const allowed = g.allowedAccounts
        .map((l) => ctx.catalog.accounts[l])
        .filter(Boolean)
        .map((x) => accountId(x.account))
        .join(",");
      return [
        "PUBLIC",
        a.region,
        g.createdOn,
        a.name,
        g.name,
        "REPLICATION",
        null,
        String(g.isPrimary),
        primary,
        g.objectTypes.join(","),
        allowed,
        a.organization,
        a.locator,
        g.schedule,
        g.isPrimary ? null : g.suspended ? "SUSPENDED" : "STARTED",
        g.lastRefreshed,
        "ACCOUNTADMIN",
      ] as CellValue[];
    });
  return table(
    [
      "region_group",
      "snowflake_region",
      "created_on",
      "account_name",
      "name",
      "type",
      "comment",
      "is_primary",
      "primary",
      "object_types",
      "allowed_accounts",
      "organization_name",
      "account_locator",
      "replication_schedule",
      "secondary_state",
      "last_refreshed_on",
      "owner",
    ],
    rows,
  );
}
