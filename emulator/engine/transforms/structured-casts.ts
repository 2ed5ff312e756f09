// Casts to structured types: `x::OBJECT(name TYPE, …)`, `x::ARRAY(TYPE)` and `CAST(x AS …)` of them
// (https://docs.snowflake.com/en/sql-reference/data-types-structured). The value stays JSON in DuckDB,
// rebuilt with each element converted to its declared type: numbers and booleans as JSON scalars,
// dates/times/timestamps as text in the session's output formats and BINARY as hex (what the SDK's
// structured-type reader parses, by the rowtype's `fields`), nested OBJECT/ARRAY recursively. A cast that is
// a whole top-level select item also records its type (env.structured), so the result column is reported
// as the structured type with its `fields`. MAP is not built (emulator/README.md).
import { flatten, isGroup, isKw, isOp, mapLists, raw, splitArgs, type Node } from "../front/tree";
import { SELECT_ITEM_END } from "../front/keywords";
import { quoteString } from "../identifiers";
import type { RewriteEnv } from "../select-rewriter";
import { parseSfType, sfColumnMeta } from "../sf-types";
import type { Token } from "../tokenizer";
import type { StructuredField, WireType } from "../types";
import { errors } from "../errors";
import { formatArgs, operandStart } from "./text-casts";
import type { Transform } from "./transform";

export type StructuredType =
  | { kind: "scalar"; sfType: string }
  | { kind: "object"; fields: { name: string; type: StructuredType }[] }
  | { kind: "array"; element: StructuredType };

const typeText = (nodes: Node[]) =>
  flatten(nodes)
    .map((t) => t.value)
    .join(" ");

/** The structured type `OBJECT(…)` / `ARRAY(…)` at list[k], list[k + 1] (or null when it is not one). */
function parseStructured(list: Node[], k: number): StructuredType | null {
  const word = list[k];
  const group = list[k + 1];
  if (!isKw(word, "OBJECT", "ARRAY") || !isGroup(group)) return null;
  const args = splitArgs(group.items);
  if (isKw(word, "ARRAY")) {
    if (args.length !== 1) throw errors.invalid(`Unsupported data type 'ARRAY(${typeText(group.items)})'.`);
    return { kind: "array", element: elementType(args[0]) };
  }
  return {
    kind: "object",
    fields: args.map((arg) => {
      const name = arg[0] as Token;
      if (!name || (name.kind !== "ident" && name.kind !== "qident") || arg.length < 2)
        throw errors.invalid(`Unsupported data type 'OBJECT(${typeText(group.items)})'.`);
      return { name: name.value, type: elementType(arg.slice(1)) };
    }),
  };
}

function elementType(nodes: Node[]): StructuredType {
  // `NOT NULL` on an element is accepted and not enforced.
  const notNull = nodes.findIndex((n, i) => isKw(n, "NOT") && isKw(nodes[i + 1], "NULL"));
  const type = notNull >= 0 ? nodes.slice(0, notNull) : nodes;
  const nested = parseStructured(type, 0);
  if (nested && type.length === 2) return nested;
  const sfType = typeText(type);
  parseSfType(sfType); // refuses an unknown type as a plain cast would
  return { kind: "scalar", sfType };
}

const SCALAR_DUCK: Partial<Record<WireType, string>> = { fixed: "", real: "DOUBLE", boolean: "BOOLEAN" };

/** DuckDB nodes converting the JSON value `j` to `t`'s representation inside a structured value. */
function convert(t: StructuredType, j: Node[], at: Token, env: RewriteEnv, depth: number): Node[] {
  const text = [raw("json_extract_string(", at), ...j, raw(", '$')", at)];
  if (t.kind === "scalar") {
    const sf = parseSfType(t.sfType);
    if (sf.wire === "text") return text;
    if (sf.wire in SCALAR_DUCK) return [raw("CAST(", at), ...text, raw(` AS ${SCALAR_DUCK[sf.wire] || sf.duck})`, at)];
    if (["date", "time", "timestamp_ltz", "timestamp_tz", "timestamp_ntz"].includes(sf.wire))
      return [raw("sf_text(CAST(", at), ...text, raw(` AS ${sf.duck}), ${formatArgs(env)})`, at)];
    // BINARY: the bytes as a JSON array of numbers (what the driver's test reads from a real account raw).
    if (sf.wire === "binary")
      return [
        raw(
          "(SELECT to_json(list_transform(range(0, length(h) // 2), lambda i: CAST(('0x' || substr(h, 2 * i + 1, 2)) AS INTEGER))) FROM (SELECT hex(CAST(",
          at,
        ),
        ...text,
        raw(" AS BLOB)) AS h))", at),
      ];
    return [raw("json_extract(", at), ...j, raw(", '$')", at)];
  }
  const isNull = [
    raw("CASE WHEN json_type(", at),
    ...j,
    raw(") IS NULL OR json_type(", at),
    ...j,
    raw(") = 'NULL' THEN NULL ELSE ", at),
  ];
  if (t.kind === "array") {
    const e = `sf_e${depth}`;
    const inner = convert(t.element, [raw(e, at)], at, env, depth + 1);
    return [
      ...isNull,
      raw("to_json(list_transform(CAST(", at),
      ...j,
      raw(` AS JSON[]), lambda ${e}: `, at),
      ...inner,
      raw(")) END", at),
    ];
  }
  const out: Node[] = [...isNull, raw("json_object(", at)];
  t.fields.forEach((f, i) => {
    const element = [raw("json_extract(", at), ...j, raw(`, ${quoteString(`$."${f.name}"`)})`, at)];
    out.push(raw(`${i ? ", " : ""}${quoteString(f.name)}, `, at), ...convert(f.type, element, at, env, depth));
  });
  out.push(raw(") END", at));
  return out;
}

/** The rowtype `fields` of a structured type. */
export function fieldsOf(t: StructuredType): StructuredField[] {
  if (t.kind === "object") return t.fields.map((f) => fieldOf(f.name, f.type));
  if (t.kind === "array") return [fieldOf("", t.element)];
  return [];
}

function fieldOf(name: string, t: StructuredType): StructuredField {
  if (t.kind === "scalar") {
    const m = sfColumnMeta(t.sfType);
    return {
      name,
      type: m.type,
      nullable: true,
      precision: m.precision ?? null,
      scale: m.scale ?? null,
      length: m.length ?? null,
    };
  }
  return { name, type: t.kind, nullable: true, precision: null, scale: null, length: null, fields: fieldsOf(t) };
}

const asJson = (operand: Node[], at: Token): Node[] => [raw("CAST(", at), ...operand, raw(" AS JSON)", at)];

/** Rewrites the structured casts of one node list; `found` gets the type of a cast that ends the list. */
function rewriteList(list: Node[], env: RewriteEnv, found?: (t: StructuredType) => void): Node[] {
  let out = [...list];
  for (let k = out.length - 1; k > 0; k--) {
    if (!isOp(out[k], "::")) continue;
    const t = parseStructured(out, k + 1);
    if (!t) continue;
    const s = operandStart(out, k - 1);
    if (s > k - 1) continue;
    const at = out[k] as Token;
    const rest = out.slice(k + 3);
    const kind = (rest[0] as { kind?: string } | undefined)?.kind;
    if (!kind || isKw(rest[0], "AS") || kind === "raw" || (rest.length === 1 && kind !== "op")) found?.(t);
    out = [...out.slice(0, s), ...convert(t, asJson(out.slice(s, k), at), at, env, 0), ...out.slice(k + 3)];
    k = s;
  }
  // CAST(x AS OBJECT(…)) / TRY_CAST
  const result: Node[] = [];
  for (let k = 0; k < out.length; k++) {
    const n = out[k];
    const g = out[k + 1];
    if (isGroup(g) && !isOp(out[k - 1], ".") && isKw(n, "CAST", "TRY_CAST")) {
      const as = g.items.findLastIndex((x) => isKw(x, "AS"));
      const t = as > 0 && as + 3 === g.items.length ? parseStructured(g.items, as + 1) : null;
      if (t) {
        result.push(...convert(t, asJson(g.items.slice(0, as), n as Token), n as Token, env, 0));
        k++;
        continue;
      }
    }
    result.push(n);
  }
  return result;
}

export const structuredCasts: Transform = {
  name: "casts to structured OBJECT / ARRAY types",
  apply(nodes, env) {
    // Top-level select items first (their types become the result columns'), then every other list.
    const top = env.topLevel ? topLevelItems(nodes, env) : nodes;
    return mapLists(top, (list, isTop) => (isTop ? list : rewriteList(list, env)));
  },
};

/** Rewrites the top-level select list item by item, noting which item (by position) is a structured cast. */
function topLevelItems(nodes: Node[], env: RewriteEnv): Node[] {
  const k0 = nodes.findIndex((n) => isKw(n, "SELECT"));
  if (k0 < 0) return nodes;
  const out = nodes.slice(0, k0 + 1);
  let item: Node[] = [];
  let index = 0;
  let star = false;
  const close = () => {
    if (item.some((n) => isOp(n, "*") && item.length <= 3)) star = true;
    const position = index;
    out.push(
      ...rewriteList(item, env, (t) => {
        if (!star) (env.structured ??= new Map()).set(position, t);
      }),
    );
    item = [];
    index++;
  };
  let k = k0 + 1;
  for (; k < nodes.length; k++) {
    const n = nodes[k];
    if (isKw(n, ...SELECT_ITEM_END)) break;
    if (isOp(n, ",")) {
      close();
      out.push(n);
    } else item.push(n);
  }
  close();
  return out.concat(rewriteList(nodes.slice(k), env));
}
