// MERGE (https://docs.snowflake.com/en/sql-reference/sql/merge):
//   MERGE INTO <target> [[AS] alias] USING <table | (subquery)> [[AS] alias] ON <join_expr>
//     { WHEN MATCHED [AND <pred>] THEN { UPDATE SET c = e [, …] | DELETE }
//     | WHEN NOT MATCHED [AND <pred>] THEN INSERT [(c, …)] VALUES (e, …) } […]
// The statement goes through the normal DML path (names, privileges, views, streams as the source) and runs as
// DuckDB's own MERGE with `RETURNING merge_action`, which gives the answer's counts: one column per kind of
// clause the statement has, "number of rows inserted", "number of rows updated", "number of rows deleted" (the
// merge page's examples). Duplicate join behaviour (same page): with ERROR_ON_NONDETERMINISTIC_MERGE = TRUE (its
// documented default) a target row that joins several source rows is an error unless only DELETE clauses apply
// to it; the check runs first, as a query over the same join. Its code and text (100090 "Duplicate row detected
// during DML action") are Snowflake's as reported by its users, unverified in the documentation.
import type { ExecCtx } from "../context";
import { errors } from "../errors";
import { syntaxAt } from "../query-shape";
import { column, TYPE_IDS, type Partial } from "../result";
import { parameterValue } from "../session-parameters";
import { significant, tokenize, type Token } from "../tokenizer";
import { SnowflakeError } from "../types";
import { runDmlTokens } from "./query";

type Clause = { matched: boolean; condition: Token[]; action: "INSERT" | "UPDATE" | "DELETE"; start: number };

const isKw = (t: Token | undefined, ...w: string[]) => !!t && t.kind === "ident" && w.includes(t.value.toUpperCase());
const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;
const raw = (t: Token, value: string): Token => ({ ...t, kind: "raw", value });

/** Index past a dotted name starting at k. */
function nameEnd(tokens: Token[], k: number): number {
  let j = k;
  for (;;) {
    const t = tokens[j];
    if (!t || (t.kind !== "ident" && t.kind !== "qident")) throw syntaxAt(t ?? tokens[tokens.length - 1]);
    j++;
    if (!isOp(tokens[j], ".")) return j;
    j++;
  }
}

function closeOf(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (isOp(tokens[k], "(")) depth++;
    else if (isOp(tokens[k], ")") && --depth === 0) return k + 1;
  }
  throw syntaxAt(tokens[open]);
}

/** Index past an optional `[AS] alias` that is not one of the words `stop`. */
function aliasEnd(tokens: Token[], k: number, stop: string): number {
  if (isKw(tokens[k], "AS")) return k + 2;
  const t = tokens[k];
  if (t && (t.kind === "qident" || (t.kind === "ident" && !isKw(t, stop)))) return k + 1;
  return k;
}

/** `WHEN [NOT] MATCHED` at k (a clause start, not a CASE's WHEN). */
const clauseAt = (tokens: Token[], k: number) =>
  isKw(tokens[k], "WHEN") &&
  (isKw(tokens[k + 1], "MATCHED") || (isKw(tokens[k + 1], "NOT") && isKw(tokens[k + 2], "MATCHED")));

type Parsed = {
  target: [number, number];
  alias: string;
  source: [number, number];
  on: [number, number];
  clauses: Clause[];
};

function parse(tokens: Token[]): Parsed {
  if (!isKw(tokens[1], "INTO")) throw syntaxAt(tokens[1] ?? tokens[0]);
  const targetEnd = nameEnd(tokens, 2);
  const aliasStop = aliasEnd(tokens, targetEnd, "USING");
  const aliasTok = aliasStop > targetEnd ? tokens[aliasStop - 1] : tokens[targetEnd - 1];
  const alias = aliasTok.kind === "qident" ? aliasTok.value : aliasTok.value.toUpperCase();
  if (!isKw(tokens[aliasStop], "USING")) throw syntaxAt(tokens[aliasStop] ?? tokens[tokens.length - 1]);
  const sourceStart = aliasStop + 1;
  let k = isOp(tokens[sourceStart], "(") ? closeOf(tokens, sourceStart) : nameEnd(tokens, sourceStart);
  k = aliasEnd(tokens, k, "ON");
  const sourceEnd = k;
  if (!isKw(tokens[k], "ON")) throw syntaxAt(tokens[k] ?? tokens[tokens.length - 1]);
  const onStart = k + 1;
  let depth = 0;
  let cases = 0;
  const clauses: Clause[] = [];
  let onEnd = -1;
  for (k = onStart; k < tokens.length; k++) {
    const t = tokens[k];
    if (isOp(t, "(")) depth++;
    else if (isOp(t, ")")) depth--;
    else if (isKw(t, "CASE")) cases++;
    else if (isKw(t, "END") && cases > 0) cases--;
    else if (depth === 0 && cases === 0 && clauseAt(tokens, k)) {
      if (onEnd < 0) onEnd = k;
      const matched = !isKw(tokens[k + 1], "NOT");
      let j = k + (matched ? 2 : 3);
      let condition: Token[] = [];
      if (isKw(tokens[j], "AND")) {
        const from = j + 1;
        while (j < tokens.length && !isKw(tokens[j], "THEN")) j++;
        condition = tokens.slice(from, j);
      }
      if (!isKw(tokens[j], "THEN")) throw syntaxAt(tokens[j] ?? tokens[tokens.length - 1]);
      const verb = tokens[j + 1];
      const action = isKw(verb, "UPDATE")
        ? "UPDATE"
        : isKw(verb, "DELETE")
          ? "DELETE"
          : isKw(verb, "INSERT")
            ? "INSERT"
            : null;
      // MATCHED takes UPDATE or DELETE, NOT MATCHED takes INSERT (the syntax above).
      if (!action || (action === "INSERT") === matched) throw syntaxAt(verb ?? tokens[j]);
      clauses.push({ matched, condition, action, start: j + 1 });
      k = j + 1;
    }
  }
  if (onEnd < 0 || onEnd === onStart) throw syntaxAt(tokens[onEnd < 0 ? tokens.length - 1 : onEnd]);
  return { target: [2, targetEnd], alias, source: [sourceStart, sourceEnd], on: [onStart, onEnd], clauses };
}

const textOf = (text: string, tokens: Token[], [from, to]: [number, number]) =>
  text.slice(tokens[from].start, tokens[to - 1].end);

/**
 * The number of target rows that join several source rows with an UPDATE among the WHEN MATCHED clauses that
 * apply to them (the first clause whose predicate holds, per joined pair), in Snowflake SQL over the same
 * target, source and join.
 */
function nondeterministicCheckSql(text: string, tokens: Token[], p: Parsed): string {
  const cases = p.clauses
    .filter((c) => c.matched)
    .map((c) => {
      const cond = c.condition.length
        ? text.slice(c.condition[0].start, c.condition[c.condition.length - 1].end)
        : "TRUE";
      return `WHEN ${cond} THEN '${c.action === "UPDATE" ? "U" : "D"}'`;
    })
    .join(" ");
  const alias = `"${p.alias.replace(/"/g, '""')}"`;
  return (
    `SELECT COUNT(*) AS N FROM (SELECT FLOE_R FROM (SELECT ${alias}.FLOE_R AS FLOE_R, CASE ${cases} END AS FLOE_A ` +
    `FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY 1) AS FLOE_R FROM ${textOf(text, tokens, p.target)}) AS ${alias} ` +
    `JOIN ${textOf(text, tokens, p.source)} ON ${textOf(text, tokens, p.on)}) AS FLOE_J ` +
    `WHERE FLOE_A IS NOT NULL GROUP BY FLOE_R HAVING COUNT(*) > 1 AND MAX(IFF(FLOE_A = 'U', 1, 0)) = 1) AS FLOE_D`
  );
}

export async function runMerge(ctx: ExecCtx, tokens: Token[], text: string): Promise<Partial> {
  const p = parse(tokens);
  if (!p.clauses.length) throw syntaxAt(tokens[p.on[1]] ?? tokens[tokens.length - 1]);
  const strict = parameterValue(ctx.session.parameters, "ERROR_ON_NONDETERMINISTIC_MERGE").toLowerCase() === "true";
  if (strict && p.clauses.some((c) => c.matched && c.action === "UPDATE")) {
    const check = await runDmlTokens(
      ctx,
      "SELECT",
      significant(tokenize(nondeterministicCheckSql(text, tokens, p))),
      false,
    );
    if (Number(check.rows[0]?.[0] ?? 0) > 0)
      throw new SnowflakeError("100090", "42P18", "Duplicate row detected during DML action");
  }
  // MERGE, MATCHED and an action's UPDATE are printed as they are (UPDATE would otherwise start a table name).
  const printed = tokens.map((t, k) =>
    k === 0 || isKw(t, "MATCHED") || p.clauses.some((c) => c.start === k && c.action === "UPDATE")
      ? raw(t, t.value.toUpperCase())
      : t,
  );
  const last = tokens[tokens.length - 1];
  printed.push({ ...raw(last, "RETURNING merge_action"), start: last.end, end: last.end, synthetic: true });
  const result = await runDmlTokens(ctx, "MERGE", printed, true);
  const counts = { INSERT: 0n, UPDATE: 0n, DELETE: 0n };
  for (const row of result.rows) {
    const action = String(row[0]) as keyof typeof counts;
    if (action in counts) counts[action]++;
  }
  const kinds = (["INSERT", "UPDATE", "DELETE"] as const).filter((a) => p.clauses.some((c) => c.action === a));
  const label = {
    INSERT: "number of rows inserted",
    UPDATE: "number of rows updated",
    DELETE: "number of rows deleted",
  };
  if (!kinds.length) throw errors.invalid("MERGE needs at least one WHEN clause.");
  return {
    columns: kinds.map((a) => column(label[a], "NUMBER(38,0)", false)),
    rows: [kinds.map((a) => counts[a])],
    statementTypeId: TYPE_IDS.MERGE,
  };
}
