// Row access policy DDL: CREATE / ALTER … SET BODY | SET COMMENT | UNSET COMMENT / DROP / DESCRIBE / SHOW.
// Attaching them to tables and views is alter-object.ts; enforcing them at query time is ../row-access.ts.
// docs.snowflake.com/en/sql-reference/sql/create-row-access-policy, …/alter-row-access-policy,
// …/drop-row-access-policy, …/show-row-access-policies, …/desc-row-access-policy.
import { nowIso, type AccountState, type RowAccessPolicyMeta, type SchemaMeta } from "../catalog";
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { qualified, quoteIdent } from "../identifiers";
import { mapQueryError } from "../query-errors";
import { boundPolicyBody } from "../row-access";
import { status, success, table, TYPE_IDS, type Partial } from "../result";
import { rewriteQueryMapped } from "../select-rewriter";
import { parseSfType } from "../sf-types";
import type { CellValue } from "../types";
import { likeOf } from "./account";
import { ifNotExists, readSfType, targetSchema, type CreateFlags } from "./objects";
import { sessionNames } from "./query";
import { completeName } from "../resolve";

export type PolicyTarget = { schema: SchemaMeta; name: string; parts: [string, string, string]; display: string };

export const policiesOf = (schema: SchemaMeta) => (schema.rowAccessPolicies ??= {});

/** Where a policy name (1-3 parts, completed by the session's database and schema) lives. */
export function policyTarget(ctx: ExecCtx, parts: string[], command: string): PolicyTarget {
  const t = targetSchema(ctx, parts, command);
  return { schema: t.schema, name: t.name, parts: [t.db.name, t.schema.name, t.name], display: t.display };
}

/** Tables and views of this account that have the policy attached ("db.schema.object" names). */
export function attachmentsOf(
  me: AccountState,
  parts: [string, string, string],
): { kind: "TABLE" | "VIEW"; name: string; columns: string[] }[] {
  const key = parts.join("\u0000");
  const out: { kind: "TABLE" | "VIEW"; name: string; columns: string[] }[] = [];
  for (const db of Object.values(me.databases))
    for (const s of Object.values(db.schemas)) {
      for (const t of Object.values(s.tables))
        if (t.rowAccessPolicy?.policy.join("\u0000") === key)
          out.push({ kind: "TABLE", name: qualified(db.name, s.name, t.name), columns: t.rowAccessPolicy.columns });
      for (const v of Object.values(s.views))
        if (v.rowAccessPolicy?.policy.join("\u0000") === key)
          out.push({ kind: "VIEW", name: qualified(db.name, s.name, v.name), columns: v.rowAccessPolicy.columns });
    }
  return out;
}

/** The statement text of the tokens from the cursor's position up to (not including) token index `end`. */
function textUntil(c: Cursor, end: number): string {
  const base = c.tokens[0].start;
  const first = c.peek();
  if (!first || c.pos >= end) throw c.fail();
  return c.text.slice(first.start - base, c.tokens[end - 1].end - base);
}

/** `-> <body> [COMMENT = '…']`: the body's text and the trailing comment (a COMMENT at the very end). */
function readBody(c: Cursor, allowComment: boolean): { body: string; comment: string | null } {
  c.expectOp("->");
  const n = c.tokens.length;
  const commentAt =
    allowComment &&
    n - c.pos > 3 &&
    c.isKw("COMMENT", n - 3 - c.pos) &&
    c.isOp("=", n - 2 - c.pos) &&
    c.tokens[n - 1].kind === "string";
  const end = commentAt ? n - 3 : n;
  const body = textUntil(c, end);
  const comment = commentAt ? c.tokens[n - 1].value : null;
  c.pos = n;
  return { body, comment };
}

/**
 * Compiles the body once against typed NULL arguments (LIMIT 0), so a syntax error or a missing table is
 * reported by CREATE/ALTER rather than by the first query of a protected object.
 */
async function validateBody(ctx: ExecCtx, policy: RowAccessPolicyMeta, where: [string, string, string]) {
  const alias = "_floe_rap0";
  const tokens = boundPolicyBody(
    policy,
    policy.args.map((a) => a.name),
    alias,
  );
  const rewritten = rewriteQueryMapped(tokens, {
    ctx,
    names: { locator: ctx.me.account.locator, database: where[0], schema: where[1] },
    command: "CREATE ROW ACCESS POLICY",
    depth: 1,
    sources: [],
    binds: null,
    writeTarget: false,
    topLevel: false,
    invokerShare: null,
  });
  const args = policy.args
    .map((a) => `CAST(NULL AS ${parseSfType(a.sfType).duck}) AS ${quoteIdent(a.name)}`)
    .join(", ");
  try {
    await ctx.store.queryRaw(`SELECT 1 FROM (SELECT ${args}) AS ${quoteIdent(alias)} WHERE (${rewritten.sql}) LIMIT 0`);
  } catch (e) {
    throw await mapQueryError(e, ctx.store, rewritten, tokens);
  }
}

export async function createRowAccessPolicy(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const t = policyTarget(ctx, c.qualifiedName(3), "CREATE ROW ACCESS POLICY");
  c.expectKw("AS");
  c.expectOp("(");
  const args: RowAccessPolicyMeta["args"] = [];
  do args.push({ name: c.name(), sfType: readSfType(c) });
  while (c.acceptOp(","));
  c.expectOp(")");
  c.expectKw("RETURNS", "BOOLEAN");
  const { body, comment } = readBody(c, true);
  const existing = policiesOf(t.schema)[t.name];
  if (existing) {
    if (ine) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace) throw errors.alreadyExists(t.display);
    // Unverified: the emulator refuses to replace an attached policy (ALTER … SET BODY changes it in place).
    const attached = attachmentsOf(ctx.me, t.parts);
    if (attached.length) throw errors.policyAttached(t.display, attached[0].name);
  }
  const policy: RowAccessPolicyMeta = { name: t.name, args, body, comment, createdOn: nowIso() };
  await validateBody(ctx, policy, t.parts);
  policiesOf(t.schema)[t.name] = policy;
  ctx.dirty = true;
  return status(`Row access policy ${t.name} successfully created.`);
}

function existingPolicy(
  ctx: ExecCtx,
  c: Cursor,
  command: string,
): { t: PolicyTarget; policy: RowAccessPolicyMeta | undefined } {
  const t = policyTarget(ctx, c.qualifiedName(3), command);
  return { t, policy: policiesOf(t.schema)[t.name] };
}

export async function alterRowAccessPolicy(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const { t, policy } = existingPolicy(ctx, c, "ALTER ROW ACCESS POLICY");
  if (!policy && !ifExists) throw errors.doesNotExist("Row access policy", t.display);
  if (c.acceptKw("SET", "BODY")) {
    const { body } = readBody(c, false);
    if (!policy) return success();
    const changed = { ...policy, body };
    await validateBody(ctx, changed, t.parts);
    policy.body = body;
  } else if (c.acceptKw("SET", "COMMENT")) {
    c.expectOp("=");
    const comment = c.string();
    c.expectEnd();
    if (policy) policy.comment = comment;
  } else if (c.acceptKw("UNSET", "COMMENT")) {
    c.expectEnd();
    if (policy) policy.comment = null;
  } else throw errors.unsupported(`ALTER ROW ACCESS POLICY ... ${c.peek()?.value.toUpperCase() ?? ""}`);
  ctx.dirty = true;
  return success();
}

export function dropRowAccessPolicy(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const { t, policy } = existingPolicy(ctx, c, "DROP ROW ACCESS POLICY");
  c.expectEnd();
  if (!policy) {
    if (ifExists) return status(`Drop statement executed successfully (${t.name} already dropped).`);
    throw errors.doesNotExist("Row access policy", t.display);
  }
  // Documented (drop-row-access-policy, usage notes): a policy attached to a table or view cannot be dropped.
  const attached = attachmentsOf(ctx.me, t.parts);
  if (attached.length) throw errors.policyAttached(t.display, attached[0].name);
  delete policiesOf(t.schema)[t.name];
  ctx.dirty = true;
  return status(`${t.name} successfully dropped.`);
}

export const signatureOf = (p: RowAccessPolicyMeta) => `(${p.args.map((a) => `${a.name} ${a.sfType}`).join(", ")})`;

export function describeRowAccessPolicy(ctx: ExecCtx, c: Cursor): Partial {
  const parts = completeName(sessionNames(ctx), c.qualifiedName(3), "DESCRIBE ROW ACCESS POLICY");
  c.expectEnd();
  const policy = ctx.me.databases[parts[0]]?.schemas[parts[1]]?.rowAccessPolicies?.[parts[2]];
  if (!policy) throw errors.doesNotExist("Row access policy", qualified(...parts));
  return table(
    ["name", "signature", "return_type", "body"],
    [[policy.name, signatureOf(policy), "BOOLEAN", policy.body]],
    TYPE_IDS.DESCRIBE,
  );
}

/** SHOW ROW ACCESS POLICIES [LIKE '…'] [IN ACCOUNT | DATABASE d | SCHEMA [d.]s]. */
export function showRowAccessPolicies(ctx: ExecCtx, c: Cursor): Partial {
  const like = likeOf(c);
  let dbFilter: string | null = null;
  let schemaFilter: string | null = null;
  if (c.acceptKw("IN")) {
    if (c.acceptKw("ACCOUNT")) {
      /* every database */
    } else if (c.acceptKw("DATABASE")) dbFilter = c.name();
    else {
      c.acceptKw("SCHEMA");
      const parts = c.qualifiedName(2);
      dbFilter = parts.length === 2 ? parts[0] : ctx.session.database;
      if (!dbFilter) throw errors.noCurrentDatabase("SHOW ROW ACCESS POLICIES");
      schemaFilter = parts[parts.length - 1];
    }
  }
  c.expectEnd();
  const rows: CellValue[][] = [];
  for (const db of Object.values(ctx.me.databases)) {
    if (db.kind === "IMPORTED" || (dbFilter && db.name !== dbFilter)) continue;
    for (const s of Object.values(db.schemas)) {
      if (schemaFilter && s.name !== schemaFilter) continue;
      for (const p of Object.values(s.rowAccessPolicies ?? {})) {
        if (like && !like.test(p.name)) continue;
        rows.push([
          p.createdOn,
          p.name,
          db.name,
          s.name,
          "ROW_ACCESS_POLICY",
          "ACCOUNTADMIN",
          p.comment ?? "",
          "",
          "ROLE",
        ]);
      }
    }
  }
  rows.sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  return table(
    ["created_on", "name", "database_name", "schema_name", "kind", "owner", "comment", "options", "owner_role_type"],
    rows,
  );
}
