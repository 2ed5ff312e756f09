// SYSTEM$STREAM_HAS_DATA('<stream>'): TRUE when the stream's delta has rows
// (https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data); stream-read.ts builds the delta.
import { flatten, isGroup, isKw, mapLists, raw, type Node } from "../front/tree";
import { rewriteQuery } from "../select-rewriter";
import { streamHasDataCall } from "../stream-read";
import type { Transform } from "./transform";

export const streamHasData: Transform = {
  name: "SYSTEM$STREAM_HAS_DATA",
  apply(nodes, env) {
    return mapLists(nodes, (list) => {
      const out: Node[] = [];
      for (let k = 0; k < list.length; k++) {
        const n = list[k];
        const next = list[k + 1];
        if (isKw(n, "SYSTEM$STREAM_HAS_DATA") && isGroup(next)) {
          out.push(raw(streamHasDataCall(env, flatten([n, next]), 0, rewriteQuery).sql, n));
          k++;
        } else out.push(n);
      }
      return out;
    });
  },
};
