// SHOW … and DESC … dispatch, plus SHOW DATABASES/SCHEMAS/TABLES/VIEWS/USERS/ROLES.
import { accountId } from "../catalog";
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { duckSchema, qualified } from "../identifiers";
import { databaseFor, visibleObjects, visibleSchemas, type DbView } from "../resolve";
import { table, type Partial } from "../result";
import type { CellValue } from "../types";
import { likeOf, showAccounts, showRegions } from "./account";
import { sessionNames } from "./query";
import { showReplicationGroups } from "./replication";
import { describeRowAccessPolicy, showRowAccessPolicies } from "./row-access-policy";
import { describeProcedure, showProcedures } from "./procedure";
import { showParameters } from "./session";
import { describeShare, showGrantsOfShare, showGrantsToShare, showShares } from "./share";
import { describeStream, showStreams } from "./stream";
import { describeTask, showTasks } from "./task";
import { showDatabaseRoles } from "./database-role";
import { showGrants } from "./show-grants";
import { describeFunction, showFunctionRows, SHOW_FUNCTION_COLUMNS } from "./function";

export type Scope = { dbs: DbView[]; schema: string | null };

export function scope(ctx: ExecCtx, c: Cursor, defaultToSchema: boolean): Scope {
  const names = sessionNames(ctx);
  const all = (): DbView[] =>
    Object.keys(ctx.me.databases).flatMap((d) => {
      try {
        return [databaseFor(ctx, names, d)];
      } catch {
        return [];
      }
    });
  if (c.acceptKw("IN")) {
    if (c.acceptKw("ACCOUNT")) return { dbs: all(), schema: null };
    if (c.acceptKw("DATABASE")) return { dbs: [databaseFor(ctx, names, c.name())], schema: null };
    c.acceptKw("SCHEMA");
    const parts = c.qualifiedName(2);
    const db = parts.length === 2 ? parts[0] : ctx.session.database;
    if (!db) throw errors.noCurrentDatabase("SHOW");
    const where = databaseFor(ctx, names, db);
    const schema = parts[parts.length - 1];
    // A schema that does not exist (or that the role cannot see) is refused as in any other command, not an
    // empty list: "Schema 'DB.NOPE' does not exist or not authorized." (002003).
    if (schema !== "INFORMATION_SCHEMA" && !visibleSchemas(where).some((s) => s.name === schema))
      throw errors.doesNotExist("Schema", qualified(where.localName, schema));
    return { dbs: [where], schema };
  }
  if (ctx.session.database) {
    return {
      dbs: [databaseFor(ctx, names, ctx.session.database)],
      schema: defaultToSchema ? ctx.session.schema : null,
    };
  }
  return { dbs: all(), schema: null };
}

async function rowCounts(ctx: ExecCtx): Promise<Map<string, bigint>> {
  const r = await ctx.store.query("SELECT schema_name, table_name, estimated_size FROM duckdb_tables()");
  return new Map(r.rows.map((row) => [`${row[0]}\u0000${row[1]}`, BigInt(String(row[2] ?? 0))]));
}

export async function show(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  const terse = c.acceptKw("TERSE");
  void terse;
  let what = c.name();
  if (what === "USER" && c.acceptKw("FUNCTIONS")) what = "FUNCTIONS";
  if (what === "GRANTS") {
    const of = c.acceptKw("OF", "SHARE");
    if (!of && !c.acceptKw("TO", "SHARE")) return showGrants(ctx, c);
    const name = c.name();
    c.expectEnd();
    return of ? showGrantsOfShare(ctx, name) : showGrantsToShare(ctx, name);
  }
  if (what === "DATABASE" && c.acceptKw("ROLES")) return showDatabaseRoles(ctx, c);
  if (what === "ROW") {
    c.expectKw("ACCESS", "POLICIES");
    return showRowAccessPolicies(ctx, c);
  }
  if (what === "STREAMS") return showStreams(ctx, c);
  if (what === "TASKS") return showTasks(ctx, c);
  if (what === "PROCEDURES") return showProcedures(ctx, c);
  if (what === "REPLICATION") {
    c.expectKw("GROUPS");
    const like = likeOf(c);
    c.expectEnd();
    return showReplicationGroups(ctx, like);
  }
  if (what === "PARAMETERS") return showParameters(ctx, c);
  const like = likeOf(c);
  if (what === "SHARES") {
    const starts = c.acceptKw("STARTS", "WITH") ? c.string() : null;
    const limit = c.acceptKw("LIMIT") ? Number(c.value()) : null;
    c.expectEnd();
    return showShares(ctx, like, starts, limit);
  }
  if (what === "ACCOUNTS") {
    c.expectEnd();
    return showAccounts(ctx, like);
  }
  if (what === "REGIONS") {
    c.expectEnd();
    return showRegions(like);
  }
  if (what === "USERS") {
    c.expectEnd();
    const rows = Object.values(ctx.me.users)
      .filter((u) => !like || like.test(u.name))
      .map((u) => [u.name, u.createdOn, u.name, u.defaultRole, u.rsaPublicKey ? "true" : "false"]);
    return table(["name", "created_on", "login_name", "default_role", "has_rsa_public_key"], rows);
  }
  if (what === "ROLES") {
    c.expectEnd();
    return table(
      ["name", "owner"],
      ctx.me.roles.filter((r) => !like || like.test(r)).map((r) => [r, "ACCOUNTADMIN"]),
    );
  }
  if (what === "DATABASES") {
    c.expectEnd();
    // Only databases the session's roles hold a privilege on (a mounted share without IMPORTED PRIVILEGES is hidden).
    const visible = (name: string) => {
      try {
        databaseFor(ctx, sessionNames(ctx), name);
        return true;
      } catch (e) {
        return (e as { code?: string }).code !== "002003";
      }
    };
    const rows = Object.values(ctx.me.databases)
      .filter((d) => (!like || like.test(d.name)) && visible(d.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => {
        const provider = d.fromShare ? ctx.catalog.accounts[d.fromShare.providerLocator] : null;
        const origin = d.fromShare
          ? `${provider ? accountId(provider.account) : d.fromShare.providerLocator}.${d.fromShare.share}`
          : "";
        const kind =
          d.kind === "IMPORTED" ? "IMPORTED DATABASE" : d.kind === "REPLICA" ? "SECONDARY DATABASE" : "STANDARD";
        return [
          d.createdOn,
          d.name,
          "N",
          d.name === ctx.session.database ? "Y" : "N",
          origin,
          d.owner ?? "ACCOUNTADMIN",
          d.comment ?? "",
          "",
          "1",
          kind,
        ] as CellValue[];
      });
    return table(
      [
        "created_on",
        "name",
        "is_default",
        "is_current",
        "origin",
        "owner",
        "comment",
        "options",
        "retention_time",
        "kind",
      ],
      rows,
    );
  }
  if (what === "SCHEMAS") {
    const s = scope(ctx, c, false);
    c.expectEnd();
    const rows: CellValue[][] = [];
    for (const where of s.dbs) {
      for (const sch of visibleSchemas(where)) {
        if (like && !like.test(sch.name)) continue;
        rows.push([
          sch.createdOn,
          sch.name,
          "N",
          where.localName === ctx.session.database && sch.name === ctx.session.schema ? "Y" : "N",
          where.localName,
          where.share ? "" : "ACCOUNTADMIN",
          sch.comment ?? "",
          "",
          "1",
        ]);
      }
      if (!like || like.test("INFORMATION_SCHEMA"))
        rows.push([
          where.db.createdOn,
          "INFORMATION_SCHEMA",
          "N",
          "N",
          where.localName,
          "",
          "Views describing the contents of schemas in this database",
          "",
          "1",
        ]);
    }
    return table(
      [
        "created_on",
        "name",
        "is_default",
        "is_current",
        "database_name",
        "owner",
        "comment",
        "options",
        "retention_time",
      ],
      rows,
    );
  }
  if (what === "FUNCTIONS") {
    const s = scope(ctx, c, true);
    c.expectEnd();
    const rows: CellValue[][] = [];
    for (const where of s.dbs)
      for (const sch of visibleSchemas(where)) {
        if (!s.schema || sch.name === s.schema) rows.push(...showFunctionRows(ctx, where, sch, like));
      }
    return table(SHOW_FUNCTION_COLUMNS, rows);
  }
  if (what === "TABLES" || what === "VIEWS" || what === "OBJECTS") {
    const s = scope(ctx, c, true);
    c.expectEnd();
    const counts = what === "VIEWS" ? new Map<string, bigint>() : await rowCounts(ctx);
    const rows: CellValue[][] = [];
    for (const where of s.dbs) {
      for (const sch of visibleSchemas(where)) {
        if (s.schema && sch.name !== s.schema) continue;
        const { tables, views } = visibleObjects(where, sch);
        if (what !== "VIEWS")
          for (const t of tables) {
            if (like && !like.test(t.name)) continue;
            const n =
              counts.get(`${duckSchema(where.owner.account.locator, where.db.name, sch.name)}\u0000${t.name}`) ?? 0n;
            rows.push([
              t.createdOn,
              t.name,
              where.localName,
              sch.name,
              "TABLE",
              t.comment ?? "",
              "",
              n,
              n * 64n,
              where.share ? "" : "ACCOUNTADMIN",
              "1",
            ]);
          }
        if (what !== "TABLES")
          for (const v of views) {
            if (like && !like.test(v.name)) continue;
            if (what === "OBJECTS")
              rows.push([
                v.createdOn,
                v.name,
                where.localName,
                sch.name,
                "VIEW",
                v.comment ?? "",
                "",
                null,
                null,
                where.share ? "" : "ACCOUNTADMIN",
                "1",
              ]);
            else
              rows.push([
                v.createdOn,
                v.name,
                "",
                where.localName,
                sch.name,
                where.share ? "" : "ACCOUNTADMIN",
                v.comment ?? "",
                where.share ? "" : v.definition,
                String(v.secure),
                "false",
              ]);
          }
      }
    }
    if (what === "VIEWS")
      return table(
        [
          "created_on",
          "name",
          "reserved",
          "database_name",
          "schema_name",
          "owner",
          "comment",
          "text",
          "is_secure",
          "is_materialized",
        ],
        rows,
      );
    return table(
      [
        "created_on",
        "name",
        "database_name",
        "schema_name",
        "kind",
        "comment",
        "cluster_by",
        "rows",
        "bytes",
        "owner",
        "retention_time",
      ],
      rows,
    );
  }
  throw errors.unsupported(`SHOW ${what}`);
}

export function describe(ctx: ExecCtx, c: Cursor): Promise<Partial> | Partial {
  if (c.acceptKw("SHARE")) return describeShare(ctx, c);
  if (c.acceptKw("ROW", "ACCESS", "POLICY")) return describeRowAccessPolicy(ctx, c);
  if (c.acceptKw("STREAM")) return describeStream(ctx, c);
  if (c.acceptKw("TASK")) return describeTask(ctx, c);
  if (c.acceptKw("PROCEDURE")) return describeProcedure(ctx, c);
  if (c.acceptKw("FUNCTION")) return describeFunction(ctx, c);
  throw errors.unsupported(`DESCRIBE ${c.peek()?.value?.toUpperCase() ?? ""}`);
}
