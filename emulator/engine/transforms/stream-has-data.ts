// SYSTEM$STREAM_HAS_DATA('<stream>'): TRUE when the stream's delta has rows
// (https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data); stream-read.ts builds the delta.
import { flatten, isKw, raw, replaceCalls } from "../front/tree";
import { rewriteQuery } from "../select-rewriter";
import { streamHasDataCall } from "../stream-read";
import type { Transform } from "./transform";

export const streamHasData: Transform = {
  name: "SYSTEM$STREAM_HAS_DATA",
  apply(nodes, env) {
    return replaceCalls(nodes, (name, args) =>
      isKw(name, "SYSTEM$STREAM_HAS_DATA")
        ? [raw(streamHasDataCall(env, flatten([name, args]), 0, rewriteQuery).sql, name)]
        : null,
    );
  },
};
