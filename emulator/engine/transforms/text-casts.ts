// Dates, times and timestamps converted to text in SQL (`x::VARCHAR`, `CAST(x AS VARCHAR)`, one-argument
// TO_VARCHAR / TO_CHAR) take the session's output formats, as to_char documents ("If the format is not specified,
// the … _OUTPUT_FORMAT parameter is used"; https://docs.snowflake.com/en/sql-reference/functions/to_char). The type
// of x is known only to DuckDB, so the conversion is the macro sf_text (function-macros.ts), which dispatches on it at
// run time with the formats (translated to strftime) as arguments; other types convert as before.
import { isGroup, isKw, isName, isOp, mapLists, raw, splitArgs, type Node } from "../front/tree";
import { quoteString } from "../identifiers";
import { KEYWORDS } from "../front/keywords";
import type { RewriteEnv } from "../select-rewriter";
import { parameterValue } from "../session-parameters";
import type { Token } from "../tokenizer";
import type { Transform } from "./transform";

const TEXT_TYPES = new Set(["VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "NVARCHAR", "NVARCHAR2", "NCHAR"]);

// Snowflake format elements → strftime, longest first. TZH/TZM become markers sf_text fills with the offset.
const ELEMENTS: [string, string][] = [
  ["YYYY", "%Y"],
  ["MMMM", "%B"],
  ["HH24", "%H"],
  ["HH12", "%I"],
  ["FF9", "%n"],
  ["FF6", "%f"],
  ["FF3", "%g"],
  ["TZH", "\u00a7H"],
  ["TZM", "\u00a7M"],
  ["MON", "%b"],
  ["YY", "%y"],
  ["MM", "%m"],
  ["DD", "%d"],
  ["DY", "%a"],
  ["HH", "%H"],
  ["MI", "%M"],
  ["SS", "%S"],
  ["FF", "%n"],
  ["AM", "%p"],
  ["PM", "%p"],
];

/** A Snowflake date/time format (parameters page, "Date and time formats") as a DuckDB strftime format. */
export function strftimeFormat(format: string): string {
  let out = "";
  let k = 0;
  while (k < format.length) {
    if (format[k] === '"') {
      const close = format.indexOf('"', k + 1);
      const end = close < 0 ? format.length : close;
      out += format.slice(k + 1, end).replace(/%/g, "%%");
      k = end + 1;
      continue;
    }
    const el = ELEMENTS.find(([sf]) => format.slice(k, k + sf.length).toUpperCase() === sf);
    if (el) {
      out += el[1];
      k += el[0].length;
    } else {
      out += format[k] === "%" ? "%%" : format[k];
      k++;
    }
  }
  return out;
}

export function formatArgs(env: RewriteEnv): string {
  const set = env.ctx.session.parameters;
  const ts = parameterValue(set, "TIMESTAMP_OUTPUT_FORMAT");
  const pick = (name: string) => parameterValue(set, name) || ts;
  return [
    parameterValue(set, "DATE_OUTPUT_FORMAT"),
    pick("TIMESTAMP_NTZ_OUTPUT_FORMAT"),
    pick("TIMESTAMP_LTZ_OUTPUT_FORMAT"),
    parameterValue(set, "TIME_OUTPUT_FORMAT"),
  ]
    .map((f) => quoteString(strftimeFormat(f)))
    .join(", ");
}

/** Index just past a text type starting at k (`VARCHAR`, `VARCHAR(40)`), or -1. */
function textTypeEnd(list: Node[], k: number): number {
  const t = list[k];
  if (!t || t.kind !== "ident" || !TEXT_TYPES.has((t as Token).value.toUpperCase())) return -1;
  return isGroup(list[k + 1]) ? k + 2 : k + 1;
}

/** Start of the operand ending at e: a name chain, a call, a literal, a group, or an earlier cast of those. */
export function operandStart(list: Node[], e: number): number {
  let s = e;
  for (;;) {
    if (isGroup(list[s]) && isName(list[s - 1]) && !KEYWORDS.has((list[s - 1] as Token).value.toUpperCase())) s--;
    while (isOp(list[s - 1], ".") && isName(list[s - 2])) s -= 2;
    if (!isOp(list[s - 1], "::") || s - 2 < 0) return s;
    s -= 2; // the operand was a type: `x::DATE::VARCHAR`
  }
}

/**
 * True when the operand ending at e is a semi-structured path (`v:a.b[0]::VARCHAR`, `: name (. name | [x])*`):
 * that cast reads the element's own text (variant-path.ts, in the printer), not a date/time in the session's formats.
 */
function endsVariantPath(list: Node[], e: number): boolean {
  let k = e;
  for (;;) {
    if (isOp(list[k], "]") && isOp(list[k - 2], "[")) k -= 3;
    else if (isName(list[k]) && isOp(list[k - 1], ".")) k -= 2;
    else return isName(list[k]) && isOp(list[k - 1], ":");
  }
}

export const textCasts: Transform = {
  name: "text casts in the session's output formats",
  apply(nodes, env) {
    const close = `, ${formatArgs(env)})`;
    return mapLists(nodes, (list) => {
      let out = [...list];
      // x::VARCHAR
      for (let k = out.length - 1; k > 0; k--) {
        if (!isOp(out[k], "::")) continue;
        const end = textTypeEnd(out, k + 1);
        if (end < 0) continue;
        const s = operandStart(out, k - 1);
        if (s > k - 1 || endsVariantPath(out, k - 1)) continue;
        const at = out[k] as Token;
        out = [...out.slice(0, s), raw("sf_text(", at), ...out.slice(s, k), raw(close, at), ...out.slice(end)];
        k = s;
      }
      // CAST(x AS VARCHAR), TO_VARCHAR(x), TO_CHAR(x)
      const result: Node[] = [];
      for (let k = 0; k < out.length; k++) {
        const n = out[k];
        const g = out[k + 1];
        if (isGroup(g) && !isOp(out[k - 1], ".") && isKw(n, "CAST", "TRY_CAST")) {
          const as = g.items.findLastIndex((x) => isKw(x, "AS"));
          if (as > 0 && textTypeEnd(g.items, as + 1) === g.items.length) {
            result.push(raw("sf_text(", n), ...g.items.slice(0, as), raw(close, n));
            k++;
            continue;
          }
        }
        if (
          isGroup(g) &&
          !isOp(out[k - 1], ".") &&
          isKw(n, "TO_VARCHAR", "TO_CHAR") &&
          splitArgs(g.items).length === 1
        ) {
          result.push(raw("sf_text(", n), ...g.items, raw(close, n));
          k++;
          continue;
        }
        result.push(n);
      }
      return result;
    });
  },
};
