// OBJECT constants: `{'key': value, …}` is an OBJECT built from its key-value pairs, `{}` an empty one
// (https://docs.snowflake.com/en/sql-reference/data-types-semistructured#object-constants). Printed as
// OBJECT_CONSTRUCT(key, value, …) so the printer treats keys and values as any call arguments (binds,
// casts, nested constants). Braces never span parentheses, so each node list is scanned on its own.
import { isOp, mapLists, type Node } from "../front/tree";
import type { Token } from "../tokenizer";
import { syntaxAt } from "../query-shape";
import type { Transform } from "./transform";

const isBrace = (n: Node | undefined, b: "{" | "}"): n is Token => !!n && n.kind === "op" && (n as Token).value === b;
const op = (at: Token, value: string): Token => ({ ...at, kind: "op", value, synthetic: true }) as Token;

/** Converts the constant opening at list[k]; returns the replacement and the index just past its "}". */
function convert(list: Node[], k: number): { nodes: Node[]; end: number } {
  const open = list[k] as Token;
  const items: Node[] = [];
  let entry: Node[] = [];
  let keyDone = false;
  const flush = () => {
    if (entry.length === 0 && !keyDone) return;
    if (!keyDone || entry.length === 0) throw syntaxAt(open);
    items.push(...entry);
    entry = [];
    keyDone = false;
  };
  for (let i = k + 1; i < list.length; i++) {
    const n = list[i];
    if (isBrace(n, "{")) {
      const inner = convert(list, i);
      entry.push(...inner.nodes);
      i = inner.end - 1;
    } else if (isBrace(n, "}")) {
      flush();
      const group = { kind: "group" as const, open: op(open, "("), close: op(n, ")"), items };
      const name: Token = { ...open, kind: "ident", value: "OBJECT_CONSTRUCT", synthetic: true };
      return { nodes: [name, group], end: i + 1 };
    } else if (isOp(n, ",") && keyDone) {
      flush();
      items.push(op(n as Token, ","));
    } else if (isOp(n, ":") && !keyDone) {
      if (entry.length === 0) throw syntaxAt(n as Token);
      items.push(...entry, op(n as Token, ","));
      entry = [];
      keyDone = true;
    } else entry.push(n);
  }
  throw syntaxAt(open);
}

export const objectConstants: Transform = {
  name: "OBJECT constants",
  apply(nodes) {
    return mapLists(nodes, (list) => {
      if (!list.some((n) => isBrace(n, "{"))) return list;
      const out: Node[] = [];
      for (let k = 0; k < list.length; k++) {
        if (!isBrace(list[k], "{")) {
          out.push(list[k]);
          continue;
        }
        const { nodes: replaced, end } = convert(list, k);
        out.push(...replaced);
        k = end - 1;
      }
      return out;
    });
  },
};
