// GET_DDL('TABLE' | 'VIEW' | 'FUNCTION', '<name>') (https://docs.snowflake.com/en/sql-reference/functions/get_ddl),
// evaluated while the query is rewritten (its arguments must be string literals) and inlined as a string. A
// secure view's or function's DDL is its owner's only (developer-guide/secure-udf-procedure, secure views): anyone
// else — a consumer through a share included — gets "does not exist or not authorized" (the error is unverified).
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { identValue, qualified } from "./identifiers";
import { bodyVisible, signatureOf } from "./function-visibility";
import { owns } from "./privileges";
import { completeName, resolveRelation, type NameCtx } from "./resolve";
import { findFunctionIn } from "./udf";
import { significant, tokenize, type Token } from "./tokenizer";

/** At tokens[i] = GET_DDL followed by `(`: the DDL text and the index after the call's `)`, or null when the arguments are not literals. */
export function getDdlAt(
  ctx: ExecCtx,
  names: NameCtx,
  tokens: Token[],
  i: number,
): { text: string; next: number } | null {
  const args: string[] = [];
  let k = i + 2;
  for (;;) {
    const t = tokens[k];
    if (!t) return null;
    if (t.kind === "string") args.push(t.value);
    else if (t.kind === "ident" && ["TRUE", "FALSE"].includes(t.value.toUpperCase())) args.push(t.value.toUpperCase());
    else return null;
    k++;
    if (tokens[k]?.kind === "op" && tokens[k].value === ",") {
      k++;
      continue;
    }
    if (tokens[k]?.kind === "op" && tokens[k].value === ")") break;
    return null;
  }
  if (args.length < 2) throw errors.invalid("GET_DDL needs an object type and an object name.");
  return { text: getDdl(ctx, names, args[0].toUpperCase(), args[1]), next: k + 1 };
}

function nameParts(text: string): string[] {
  const tokens = significant(tokenize(text));
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.kind === "op" && t.value === "(") break;
    if (t.kind === "ident" || t.kind === "qident") parts.push(identValue(t));
  }
  if (parts.length === 0 || parts.length > 3) throw errors.invalid(`Invalid object name '${text}' for GET_DDL.`);
  return parts;
}

export function getDdl(ctx: ExecCtx, names: NameCtx, kind: string, nameText: string): string {
  const parts = nameParts(nameText);
  if (kind === "TABLE" || kind === "VIEW") {
    const rel = resolveRelation(ctx, names, parts, "GET_DDL");
    const display = qualified(
      rel.where.localName,
      rel.schema.name,
      rel.kind === "table" ? rel.table.name : rel.view.name,
    );
    if (rel.kind !== kind.toLowerCase()) throw errors.doesNotExist(kind === "TABLE" ? "Table" : "View", display);
    if (rel.kind === "table") {
      const cols = rel.table.columns.map(
        (c) =>
          `\t${c.name} ${c.sfType}${c.nullable ? "" : " NOT NULL"}${c.comment ? ` COMMENT '${c.comment.replace(/'/g, "''")}'` : ""}`,
      );
      return `create or replace TABLE ${rel.table.name} (\n${cols.join(",\n")}\n);`;
    }
    if (rel.where.share || (rel.view.secure && !owns(ctx, rel.view.owner))) throw errors.doesNotExist("View", display);
    const text = rel.view.definition.trim();
    return text.endsWith(";") ? text : `${text};`;
  }
  if (kind === "FUNCTION") {
    const full = completeName(names, parts, "GET_DDL");
    const found = findFunctionIn(ctx, names, full);
    const display = qualified(...full);
    if (!found || !bodyVisible(ctx, found.where, found.fn)) throw errors.doesNotExist("Function", display);
    const fn = found.fn;
    return `CREATE OR REPLACE ${fn.secure ? "SECURE " : ""}FUNCTION ${qualified(fn.name)}${signatureOf(fn)}\nRETURNS ${fn.returns}\nLANGUAGE SQL\nAS '${fn.body.replace(/'/g, "''")}';`;
  }
  throw errors.unsupported(`GET_DDL of object type ${kind}`);
}
