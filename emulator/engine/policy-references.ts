// `TABLE([<db>.]INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '…' | REF_ENTITY_NAME => '…', REF_ENTITY_DOMAIN => '…'))`
// in FROM: the row access policy attachments of the session's account as rows
// (https://docs.snowflake.com/en/sql-reference/functions/policy_references). The only table function the
// emulator has; any other `TABLE(…)` stays "not supported".
import type { AccountState } from "./catalog";
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { identValue, quoteIdent, quoteString } from "./identifiers";
import { completeName, type NameCtx } from "./resolve";
import { significant, tokenize, type Token } from "./tokenizer";

const COLUMNS = [
  "POLICY_DB",
  "POLICY_SCHEMA",
  "POLICY_NAME",
  "POLICY_KIND",
  "REF_DATABASE_NAME",
  "REF_SCHEMA_NAME",
  "REF_ENTITY_NAME",
  "REF_ENTITY_DOMAIN",
  "REF_COLUMN_NAME",
  "REF_ARG_COLUMN_NAMES",
  "TAG_DATABASE",
  "TAG_SCHEMA",
  "TAG_NAME",
  "POLICY_STATUS",
];

const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;
const isName = (t: Token | undefined) => !!t && (t.kind === "ident" || t.kind === "qident");

/** A 1-3 part object name written inside a string argument ('DB.S."Mixed"'). */
export function nameInString(text: string): string[] {
  const parts: string[] = [];
  const tokens = significant(tokenize(text));
  tokens.forEach((t, k) => {
    if (k % 2 === 0 ? !isName(t) : !isOp(t, ".")) throw errors.invalid(`Invalid object name '${text}'.`);
    if (k % 2 === 0) parts.push(identValue(t));
  });
  if (parts.length === 0 || parts.length > 3) throw errors.invalid(`Invalid object name '${text}'.`);
  return parts;
}

/**
 * At tokens[i] = TABLE: when it calls POLICY_REFERENCES, the replacement SQL and the index after the closing
 * parenthesis; null for any other table function.
 */
export function policyReferencesCall(
  ctx: ExecCtx,
  names: NameCtx,
  tokens: Token[],
  i: number,
): { sql: string; next: number } | null {
  let k = i + 2; // after TABLE (
  const fn: string[] = [];
  while (isName(tokens[k])) {
    fn.push(identValue(tokens[k]));
    if (!isOp(tokens[k + 1], ".")) {
      k++;
      break;
    }
    k += 2;
  }
  if (
    fn[fn.length - 1] !== "POLICY_REFERENCES" ||
    (fn.length > 1 && fn[fn.length - 2] !== "INFORMATION_SCHEMA") ||
    !isOp(tokens[k], "(")
  )
    return null;
  const database = fn.length === 3 ? fn[0] : names.database;
  k++;
  const args: Record<string, string> = {};
  while (!isOp(tokens[k], ")")) {
    const key = tokens[k];
    const value = tokens[k + 2];
    if (!isName(key) || !isOp(tokens[k + 1], "=>") || value?.kind !== "string")
      throw errors.invalid("POLICY_REFERENCES takes named string arguments (POLICY_NAME => '…').");
    args[identValue(key)] = value.value;
    k += 3;
    if (isOp(tokens[k], ",")) k++;
  }
  if (!isOp(tokens[k + 1], ")")) throw errors.invalid("POLICY_REFERENCES: expected ')'.");
  const scope: NameCtx = { ...names, database };
  const rows = referenceRows(ctx.me, scope, args);
  const typed = COLUMNS.map((c) => `CAST(NULL AS VARCHAR) AS ${quoteIdent(c)}`).join(", ");
  const sql =
    rows.length === 0
      ? `(SELECT ${typed} WHERE FALSE)`
      : `(SELECT * FROM (VALUES ${rows.map((r) => `(${r.map((v) => (v === null ? "CAST(NULL AS VARCHAR)" : quoteString(v))).join(", ")})`).join(", ")}) AS _floe_pr(${COLUMNS.map(quoteIdent).join(", ")}))`;
  return { sql, next: k + 2 };
}

function referenceRows(me: AccountState, names: NameCtx, args: Record<string, string>): (string | null)[][] {
  let policyKey: string | null = null;
  let entity: { key: string; domain: string } | null = null;
  if (args.POLICY_NAME !== undefined)
    policyKey = completeName(names, nameInString(args.POLICY_NAME), "POLICY_REFERENCES").join("\u0000");
  else if (args.REF_ENTITY_NAME !== undefined && args.REF_ENTITY_DOMAIN !== undefined) {
    entity = {
      key: completeName(names, nameInString(args.REF_ENTITY_NAME), "POLICY_REFERENCES").join("\u0000"),
      domain: args.REF_ENTITY_DOMAIN.toUpperCase(),
    };
  } else throw errors.invalid("POLICY_REFERENCES needs POLICY_NAME, or REF_ENTITY_NAME and REF_ENTITY_DOMAIN.");
  const rows: (string | null)[][] = [];
  for (const db of Object.values(me.databases))
    for (const s of Object.values(db.schemas)) {
      const objects = [
        ...Object.values(s.tables).map((o) => ({ o, domain: "TABLE" })),
        ...Object.values(s.views).map((o) => ({ o, domain: "VIEW" })),
      ];
      for (const { o, domain } of objects) {
        const a = o.rowAccessPolicy;
        if (!a) continue;
        if (policyKey !== null && a.policy.join("\u0000") !== policyKey) continue;
        if (entity && (entity.domain !== domain || [db.name, s.name, o.name].join("\u0000") !== entity.key)) continue;
        rows.push([
          a.policy[0],
          a.policy[1],
          a.policy[2],
          "ROW_ACCESS_POLICY",
          db.name,
          s.name,
          o.name,
          domain,
          null,
          JSON.stringify(a.columns),
          null,
          null,
          null,
          "ACTIVE",
        ]);
      }
    }
  return rows;
}
