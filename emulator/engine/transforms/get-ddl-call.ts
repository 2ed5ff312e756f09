// GET_DDL('TABLE' | 'VIEW' | 'FUNCTION', '<name>' [, …]) with literal arguments: evaluated at rewrite time against
// the catalog (get-ddl.ts decides what the caller may read) and put in as a string literal.
import { flatten, isGroup, isKw, isOp, mapLists, raw, type Node } from "../front/tree";
import { getDdlAt } from "../get-ddl";
import { quoteString } from "../identifiers";
import type { Transform } from "./transform";

export const getDdlCall: Transform = {
  name: "GET_DDL",
  apply(nodes, env) {
    return mapLists(nodes, (list) => {
      const out: Node[] = [];
      for (let k = 0; k < list.length; k++) {
        const n = list[k];
        const next = list[k + 1];
        if (isKw(n, "GET_DDL") && isGroup(next) && !isOp(list[k - 1], ".")) {
          const ddl = getDdlAt(env.ctx, env.names, flatten([n, next]), 0);
          if (ddl) {
            out.push(raw(quoteString(ddl.text), n));
            k++;
            continue;
          }
        }
        out.push(n);
      }
      return out;
    });
  },
};
