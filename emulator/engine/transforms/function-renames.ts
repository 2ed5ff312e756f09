// Snowflake functions DuckDB spells differently (sf-functions.ts): a variadic function renamed to DuckDB's, or
// wrapped (opened with one text, its closing parenthesis followed by another). Fixed-arity ones are DuckDB macros
// (duck.ts, transforms/function-macros.ts) and need nothing here.
import { isGroup, isOp, mapLists, raw, type Node } from "../front/tree";
import { RENAMED_FUNCTIONS, WRAPPED_FUNCTIONS } from "../sf-functions";
import type { Transform } from "./transform";

export const functionRenames: Transform = {
  name: "function renames",
  apply(nodes) {
    return mapLists(nodes, (list) => {
      const out: Node[] = [];
      for (let k = 0; k < list.length; k++) {
        const n = list[k];
        const next = list[k + 1];
        const upper = n.kind === "ident" ? n.value.toUpperCase() : "";
        const renamed = RENAMED_FUNCTIONS[upper];
        const wrapped = WRAPPED_FUNCTIONS[upper];
        if (!isGroup(next) || isOp(list[k - 1], ".") || (!renamed && !wrapped)) {
          out.push(n);
          continue;
        }
        out.push(raw(wrapped?.open ?? renamed, n as never), next);
        if (wrapped) out.push(raw(wrapped.close, next.close ?? next.open));
        k++;
      }
      return out;
    });
  },
};
