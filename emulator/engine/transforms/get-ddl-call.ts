// GET_DDL('TABLE' | 'VIEW' | 'FUNCTION', '<name>' [, …]) with literal arguments: evaluated at rewrite time against
// the catalog (get-ddl.ts decides what the caller may read) and put in as a string literal.
import { flatten, isKw, raw, replaceCalls } from "../front/tree";
import { getDdlAt } from "../get-ddl";
import { quoteString } from "../identifiers";
import type { Transform } from "./transform";

export const getDdlCall: Transform = {
  name: "GET_DDL",
  apply(nodes, env) {
    return replaceCalls(nodes, (name, args) => {
      if (!isKw(name, "GET_DDL")) return null;
      const ddl = getDdlAt(env.ctx, env.names, flatten([name, args]), 0);
      return ddl ? [raw(quoteString(ddl.text), name)] : null;
    });
  },
};
