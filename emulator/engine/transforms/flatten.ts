// FLATTEN in FROM: `TABLE(FLATTEN(INPUT => v [, PATH => 'p'] [, OUTER => b] [, RECURSIVE => b] [, MODE => 'm']))` and
// `LATERAL FLATTEN(…)` (https://docs.snowflake.com/en/sql-reference/functions/flatten): one row per element of the
// compound at PATH with the columns SEQ, KEY (objects' key, NULL in arrays), PATH (to the element, `a.b[0]`), INDEX
// (arrays' index, NULL in objects), VALUE, THIS (the compound being flattened). OUTER => TRUE gives exactly one row
// (KEY, INDEX, VALUE NULL) for a zero-row expansion; RECURSIVE => TRUE descends into every sub-element; MODE keeps
// only objects or arrays. DuckDB's json_each / json_tree do the work; the input expression stays in the token
// stream (the printer folds its names and takes its binds in order), inside a sub-query DuckDB joins laterally.
// SEQ is derived from the input's value (unique per distinct input; the docs promise only "unique per input record").
import { errors } from "../errors";
import { firstToken, isGroup, isKw, mapLists, raw, namedArgs, type Group, type Node } from "../front/tree";
import { quoteString } from "../identifiers";
import type { Token } from "../tokenizer";
import type { Transform } from "./transform";

const ARGS = new Set(["INPUT", "PATH", "OUTER", "RECURSIVE", "MODE"]);

function boolArg(nodes: Node[] | undefined, name: string): boolean {
  if (!nodes) return false;
  if (nodes.length === 1 && isKw(nodes[0], "TRUE", "FALSE")) return isKw(nodes[0], "TRUE");
  throw errors.invalid(`FLATTEN: ${name} must be TRUE or FALSE.`);
}

function stringArg(nodes: Node[] | undefined, name: string): string {
  if (!nodes) return "";
  const t = nodes[0] as Token;
  if (nodes.length === 1 && t.kind === "string") return t.value;
  throw errors.invalid(`FLATTEN: ${name} must be a constant string.`);
}

/** Snowflake's path (`a.b[0]`, `[1]`) as a JSONPath for DuckDB (`$.a.b[0]`). */
const jsonPath = (path: string) => (path === "" ? "$" : path.startsWith("[") ? `$${path}` : `$.${path}`);

/** The replacement of one FLATTEN(args) call: raw SQL around the INPUT expression's own nodes. */
function flattenCall(at: Token, args: Group): Node[] {
  const named = namedArgs(args.items);
  for (const key of named.keys()) {
    if (key === "0" && !named.has("INPUT")) continue;
    if (!ARGS.has(key)) throw errors.invalid(`FLATTEN: unknown argument ${key}.`);
  }
  const input = named.get("INPUT") ?? named.get("0");
  if (!input?.length) throw errors.invalid("FLATTEN: the INPUT argument is required.");
  const path = jsonPath(stringArg(named.get("PATH"), "PATH"));
  const outer = boolArg(named.get("OUTER"), "OUTER");
  const recursive = boolArg(named.get("RECURSIVE"), "RECURSIVE");
  const mode = stringArg(named.get("MODE"), "MODE").toUpperCase() || "BOTH";
  if (!["BOTH", "OBJECT", "ARRAY"].includes(mode)) throw errors.invalid(`FLATTEN: MODE must be OBJECT, ARRAY or BOTH.`);
  const p = quoteString(path);
  // The compound each element belongs to, and its JSON type.
  const container = recursive ? "_p.value" : `json_extract(_fin._in, ${p})`;
  const containerType = recursive ? "_p.type" : `json_type(${container})`;
  const from = recursive
    ? `_fin, json_tree(_fin._in, ${p}) _e LEFT JOIN json_tree(_fin._in, ${p}) _p ON _p.id = _e.parent WHERE _e.parent IS NOT NULL`
    : `_fin, json_each(_fin._in, ${p}) _e WHERE TRUE`;
  const modeFilter = mode === "BOTH" ? "" : ` AND ${containerType} = '${mode}'`;
  const seq = "CAST(hash(_fin._in) % 2147483647 AS BIGINT)";
  const elements =
    `SELECT ${seq} AS "SEQ", CASE WHEN ${containerType} = 'ARRAY' THEN NULL ELSE _e.key END AS "KEY", ` +
    `regexp_replace(_e.fullkey, '^\\$\\.?', '') AS "PATH", ` +
    `CASE WHEN ${containerType} = 'ARRAY' THEN CAST(_e.key AS BIGINT) END AS "INDEX", _e.value AS "VALUE", ` +
    `${container} AS "THIS" FROM ${from}${modeFilter}`;
  // OUTER: one row for a zero-row expansion; THIS is NULL for an empty compound (the docs' note), else the value found.
  const outerRow = outer
    ? ` UNION ALL SELECT ${seq}, NULL, NULL, NULL, NULL, CASE WHEN json_type(json_extract(_fin._in, ${p})) IN ('ARRAY', 'OBJECT') ` +
      `THEN NULL ELSE json_extract(_fin._in, ${p}) END FROM _fin WHERE NOT EXISTS (SELECT 1 FROM _fe)`
    : "";
  const inputAt = firstToken(input[0]);
  return [
    raw("(WITH _fin AS (SELECT CAST((", at),
    ...input,
    raw(`) AS JSON) AS _in), _fe AS (${elements}) SELECT * FROM _fe${outerRow})`, inputAt),
  ];
}

const isFlatten = (n: Node | undefined, next: Node | undefined): next is Group => isKw(n, "FLATTEN") && isGroup(next);

export const flattenFunction: Transform = {
  name: "FLATTEN",
  apply(nodes) {
    return mapLists(nodes, (list) => {
      const out: Node[] = [];
      for (let k = 0; k < list.length; k++) {
        const n = list[k];
        const next = list[k + 1];
        // LATERAL FLATTEN(…)
        if (isKw(n, "LATERAL") && isFlatten(next, list[k + 2])) {
          out.push(...flattenCall(n, list[k + 2] as Group));
          k += 2;
          continue;
        }
        // [LATERAL] TABLE(FLATTEN(…))
        const lateral = isKw(n, "LATERAL") && isKw(next, "TABLE") ? 1 : 0;
        const table = list[k + lateral];
        const group = list[k + lateral + 1];
        if (
          isKw(table, "TABLE") &&
          isGroup(group) &&
          group.items.length === 2 &&
          isFlatten(group.items[0], group.items[1])
        ) {
          out.push(...flattenCall(n as Token, group.items[1] as Group));
          k += lateral + 1;
          continue;
        }
        out.push(n);
      }
      return out;
    });
  },
};
