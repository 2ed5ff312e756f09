// Result column naming: an unaliased expression in the top-level select list gets Snowflake's name, its text in
// upper case (`COUNT(*)`, `CURRENT_ACCOUNT()`), as an explicit alias (select-list.ts decides the name). Runs first,
// on the client's own tokens, so later transforms cannot change the name.
import { SELECT_ITEM_END } from "../front/keywords";
import { flatten, isKw, isOp, raw, type Node } from "../front/tree";
import { quoteIdent } from "../identifiers";
import { aliasFor } from "../select-list";
import type { Transform } from "./transform";

export const resultColumnNaming: Transform = {
  name: "result column naming",
  apply(nodes, env) {
    if (!env.topLevel) return nodes;
    let k = nodes.findIndex((n) => isKw(n, "SELECT"));
    if (k < 0) return nodes;
    const out = nodes.slice(0, k + 1);
    k++;
    while (isKw(nodes[k], "DISTINCT", "ALL")) out.push(nodes[k++]);
    let item: Node[] = [];
    const close = () => {
      const tokens = flatten(item);
      const alias = aliasFor(tokens);
      out.push(...item);
      if (alias !== null) out.push(raw(`AS ${quoteIdent(alias)}`, tokens[tokens.length - 1], true));
      item = [];
    };
    // Braces of an OBJECT constant (`{'a': 1, 'b': 2}`) hold commas that do not end an item.
    let braces = 0;
    for (; k < nodes.length; k++) {
      const n = nodes[k];
      if (isOp(n, "{")) braces++;
      else if (isOp(n, "}")) braces--;
      if (braces === 0 && isKw(n, ...SELECT_ITEM_END)) break;
      if (braces === 0 && isOp(n, ",")) {
        close();
        out.push(n);
      } else item.push(n);
    }
    close();
    return out.concat(nodes.slice(k));
  },
};
