// Multi-table INSERT (https://docs.snowflake.com/en/sql-reference/sql/insert-multi-table):
//   INSERT [OVERWRITE] ALL intoClause [ … ] <subquery>
//   INSERT [OVERWRITE] { FIRST | ALL } { WHEN <condition> THEN intoClause [ … ] } [ … ] [ ELSE intoClause [ … ] ] <subquery>
//   intoClause ::= INTO <table> [ ( <col>, … ) ] [ VALUES ( { <source column> | DEFAULT | NULL }, … ) ]
// ALL runs every INTO (of every WHEN that is TRUE); FIRST only those of the first TRUE WHEN; ELSE when none is TRUE;
// FIRST without WHEN is a syntax error, as documented. Each INTO runs as one `INSERT INTO t [(cols)] SELECT <values | *>
// FROM (<subquery>) WHERE <its condition>` through the normal DML path (privileges, metadata, binds), so the subquery is
// evaluated once per INTO (the same rows unless it calls a volatile function). The answer is the total as
// "number of rows inserted" (unverified: the docs do not show the answer's columns). Not atomic: the emulator has no
// transactions, so a failing INTO leaves the earlier ones' rows. DEFAULT in VALUES inserts NULL (no column defaults).
import type { ExecCtx } from "../context";
import { errors } from "../errors";
import { syntaxAt } from "../query-shape";
import { dmlCount, TYPE_IDS, type Partial } from "../result";
import type { Token } from "../tokenizer";
import { runDml } from "./query";

type Into = { table: Token[]; columns: Token[]; values: Token[] | null };
type Branch = { condition: Token[] | null; intos: Into[] };

const isKw = (t: Token | undefined, ...w: string[]) => !!t && t.kind === "ident" && w.includes(t.value.toUpperCase());
const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;

/** True for `INSERT [OVERWRITE] ALL|FIRST …`. */
export function isMultiTableInsert(tokens: Token[]): boolean {
  const k = isKw(tokens[1], "OVERWRITE") ? 2 : 1;
  return isKw(tokens[0], "INSERT") && isKw(tokens[k], "ALL", "FIRST");
}

/** Index just past the group opening at `open`. */
function closeOf(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (isOp(tokens[k], "(")) depth++;
    else if (isOp(tokens[k], ")") && --depth === 0) return k + 1;
  }
  throw syntaxAt(tokens[open]);
}

function readInto(tokens: Token[], k: number): [Into, number] {
  let j = k + 1;
  const start = j;
  while (tokens[j] && (tokens[j].kind === "ident" || tokens[j].kind === "qident") && !isKw(tokens[j], "VALUES")) {
    j++;
    if (!isOp(tokens[j], ".")) break;
    j++;
  }
  const table = tokens.slice(start, j);
  if (!table.length) throw syntaxAt(tokens[j] ?? tokens[k]);
  let columns: Token[] = [];
  if (isOp(tokens[j], "(") && !isKw(tokens[j + 1], "SELECT", "WITH")) {
    const end = closeOf(tokens, j);
    columns = tokens.slice(j, end);
    j = end;
  }
  let values: Token[] | null = null;
  if (isKw(tokens[j], "VALUES")) {
    const end = closeOf(tokens, j + 1);
    values = tokens.slice(j + 2, end - 1).map((t) => (isKw(t, "DEFAULT") ? { ...t, value: "NULL" } : t));
    j = end;
  }
  return [{ table, columns, values }, j];
}

export async function runMultiTableInsert(ctx: ExecCtx, tokens: Token[]): Promise<Partial> {
  let k = 1;
  const overwrite = isKw(tokens[k], "OVERWRITE");
  if (overwrite) k++;
  const first = isKw(tokens[k], "FIRST");
  k++;
  const branches: Branch[] = [];
  let elseIntos: Into[] = [];
  const readIntos = (): Into[] => {
    const intos: Into[] = [];
    while (isKw(tokens[k], "INTO")) {
      const [into, next] = readInto(tokens, k);
      intos.push(into);
      k = next;
    }
    if (!intos.length) throw syntaxAt(tokens[k] ?? tokens[tokens.length - 1]);
    return intos;
  };
  if (isKw(tokens[k], "WHEN")) {
    while (isKw(tokens[k], "WHEN")) {
      const start = ++k;
      let depth = 0;
      while (tokens[k] && !(depth === 0 && isKw(tokens[k], "THEN"))) {
        if (isOp(tokens[k], "(")) depth++;
        else if (isOp(tokens[k], ")")) depth--;
        k++;
      }
      if (!tokens[k]) throw syntaxAt(tokens[tokens.length - 1]);
      const condition = tokens.slice(start, k++);
      branches.push({ condition, intos: readIntos() });
    }
    if (isKw(tokens[k], "ELSE")) {
      k++;
      elseIntos = readIntos();
    }
  } else {
    if (first) throw syntaxAt(tokens[k] ?? tokens[k - 1]); // FIRST needs WHEN clauses (documented syntax error)
    branches.push({ condition: null, intos: readIntos() });
  }
  const subquery = tokens.slice(k);
  if (!isKw(subquery[0], "SELECT", "WITH") && !isOp(subquery[0], "(")) throw syntaxAt(subquery[0] ?? tokens[k - 1]);

  // The condition each INTO runs under: FIRST excludes rows an earlier WHEN took; ELSE takes rows no WHEN took.
  const conditions = branches.map((b) => b.condition!).filter(Boolean);
  const runs: { into: Into; where: Token[] | null }[] = [];
  branches.forEach((b, i) => {
    const where = b.condition && first && i > 0 ? andNoneOf(b.condition, conditions.slice(0, i)) : b.condition;
    for (const into of b.intos) runs.push({ into, where });
  });
  for (const into of elseIntos) runs.push({ into, where: noneOf(conditions, tokens[k]) });

  if (overwrite) {
    const seen = new Set<string>();
    for (const r of runs) {
      const key = r.into.table.map((t) => t.value).join(".");
      if (seen.has(key)) continue;
      seen.add(key);
      // OVERWRITE: each target is emptied before the inserts (as TRUNCATE does, through the engine's DELETE).
      const at = r.into.table[0];
      await runDml(ctx, "DELETE", [{ ...at, value: "DELETE" }, { ...at, value: "FROM" }, ...r.into.table]);
    }
  }
  let total = 0n;
  for (const r of runs) {
    const at = r.into.table[0];
    const s = (value: string, kind: Token["kind"] = "ident"): Token => ({ ...at, kind, value });
    const stmt: Token[] = [
      s("INSERT"),
      s("INTO"),
      ...r.into.table,
      ...r.into.columns,
      s("SELECT"),
      ...(r.into.values ?? [s("*", "op")]),
      s("FROM"),
      s("(", "op"),
      ...subquery,
      s(")", "op"),
      s("AS"),
      s("_FLOE_SRC"),
      ...(r.where ? [s("WHERE"), s("(", "op"), ...r.where, s(")", "op")] : []),
    ];
    const result = await runDml(ctx, "INSERT", stmt);
    total += BigInt(String(result.rows[0]?.[0] ?? 0));
  }
  if (!runs.length) throw errors.invalid("INSERT: no INTO clause.");
  return dmlCount("number of rows inserted", total, TYPE_IDS.INSERT);
}

/** Tokens of `NOT coalesce((c1) OR (c2) …, FALSE)`: no condition is TRUE. */
function noneOf(conditions: Token[][], at: Token): Token[] {
  const s = (value: string, kind: Token["kind"] = "ident"): Token => ({ ...at, kind, value });
  const any: Token[] = [];
  conditions.forEach((c, i) => {
    if (i > 0) any.push(s("OR"));
    any.push(s("(", "op"), ...c, s(")", "op"));
  });
  return [s("NOT"), s("coalesce"), s("(", "op"), ...any, s(",", "op"), s("FALSE"), s(")", "op")];
}

function andNoneOf(condition: Token[], earlier: Token[][]): Token[] {
  const at = condition[0];
  const s = (value: string, kind: Token["kind"] = "ident"): Token => ({ ...at, kind, value });
  return [s("(", "op"), ...condition, s(")", "op"), s("AND"), ...noneOf(earlier, at)];
}
