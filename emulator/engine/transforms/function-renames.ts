// Snowflake functions DuckDB spells differently (sf-functions.ts): a variadic function renamed to DuckDB's, or
// wrapped (opened with one text, its closing parenthesis followed by another). Fixed-arity ones are DuckDB macros
// (duck.ts, transforms/function-macros.ts) and need nothing here.
import { raw, replaceCalls } from "../front/tree";
import { RENAMED_FUNCTIONS, WRAPPED_FUNCTIONS } from "../sf-functions";
import type { Transform } from "./transform";

export const functionRenames: Transform = {
  name: "function renames",
  apply(nodes) {
    return replaceCalls(nodes, (name, args) => {
      const upper = name.value.toUpperCase();
      const renamed = RENAMED_FUNCTIONS[upper];
      const wrapped = WRAPPED_FUNCTIONS[upper];
      if (!renamed && !wrapped) return null;
      const open = raw(wrapped?.open ?? renamed, name);
      return wrapped ? [open, args, raw(wrapped.close, args.close ?? args.open)] : [open, args];
    });
  },
};
