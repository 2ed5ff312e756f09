// A string inserted into a timestamp column is read as Snowflake reads timestamp input (AUTO: ISO forms and
// RFC-2822 'Thu, 21 Jan 2016 06:32:44 -0800'; https://docs.snowflake.com/en/sql-reference/date-time-input-output,
// "Supported formats for AUTO detection"), also when it comes from a bind. DuckDB's own implicit conversion knows
// only ISO forms, so `INSERT INTO t [(cols)] VALUES (…)` wraps each plain string value bound for a
// TIMESTAMP_LTZ/TZ/NTZ column in the TO_TIMESTAMP_* macro (duck.ts) that knows the AUTO forms.
import { isGroup, isKw, isName, isOp, raw, type Node } from "../front/tree";
import { identValue } from "../identifiers";
import { resolveRelation } from "../resolve";
import { parseSfType } from "../sf-types";
import type { Token } from "../tokenizer";
import type { Transform } from "./transform";

const MACRO: Record<string, string> = {
  timestamp_ltz: "to_timestamp_ltz",
  timestamp_tz: "to_timestamp_tz",
  timestamp_ntz: "to_timestamp_ntz",
};

/** The TO_TIMESTAMP_* macro per VALUES position (null: leave the value as written), or null when none applies. */
function macrosFor(
  nodes: Node[],
  env: Parameters<Transform["apply"]>[1],
): { macros: (string | null)[]; at: number } | null {
  let k = nodes.findIndex((n) => isKw(n, "INTO"));
  if (k < 0) return null;
  const parts: string[] = [];
  for (k++; isName(nodes[k]); k++) {
    parts.push(identValue(nodes[k] as Token));
    if (!isOp(nodes[k + 1], ".")) {
      k++;
      break;
    }
    k++;
  }
  if (parts.length === 0 || parts.length > 3) return null;
  const listed = isGroup(nodes[k]) ? (nodes[k] as { items: Node[] }).items.filter(isName).map(identValue) : null;
  if (listed) k++;
  if (!isKw(nodes[k], "VALUES")) return null;
  let columns;
  try {
    const rel = resolveRelation(env.ctx, env.names, parts, "INSERT", "INSERT");
    if (rel.kind !== "table") return null;
    columns = rel.table.columns;
  } catch {
    return null; // the printer resolves the target again and reports what is wrong
  }
  const names = listed ?? columns.map((c) => c.name);
  const macros = names.map((name) => {
    const column = columns.find((c) => c.name === name);
    return column ? (MACRO[parseSfType(column.sfType).wire] ?? null) : null;
  });
  return macros.some(Boolean) ? { macros, at: k } : null;
}

export const insertTimestampValues: Transform = {
  name: "string values inserted into timestamp columns read as timestamp input",
  apply(nodes, env) {
    if (env.command !== "INSERT" || !env.writeTarget) return nodes;
    const found = macrosFor(nodes, env);
    if (!found) return nodes;
    return nodes.map((n, i) => {
      if (i <= found.at || !isGroup(n)) return n;
      const items: Node[] = [];
      let position = 0;
      let value: Node[] = [];
      const close = () => {
        const macro = found.macros[position];
        const only = value[0] as Token | undefined;
        if (macro && value.length === 1 && only?.kind === "string")
          items.push(raw(`${macro}(`, only), only, raw(")", only, true));
        else items.push(...value);
        value = [];
      };
      for (const item of n.items) {
        if (isOp(item, ",")) {
          close();
          items.push(item);
          position++;
        } else value.push(item);
      }
      close();
      return { ...n, items };
    });
  },
};
