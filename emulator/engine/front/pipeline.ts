// The query front-end: tokens → shape check → tree (front/tree.ts) → ordered transforms (one Snowflake behaviour
// each, emulator/engine/transforms/) → tokens again for the printer (select-rewriter.ts), which folds identifiers,
// resolves relations, prints casts and keeps, per piece of output, the source token it came from (the
// span map query-errors.ts uses to point an error at what the client wrote).
//
// To add a behaviour: write one transform file (a `Transform` recognising its syntax in the tree and replacing it
// with `raw` DuckDB SQL, leaving sub-expressions as nodes so the printer still handles their names and binds) and
// put it in TRANSFORMS at the place its inputs are ready; test it through the engine or the contract suite.
import type { RewriteEnv } from "../select-rewriter";
import { checkShape } from "../query-shape";
import { binds } from "../transforms/binds";
import type { Token } from "../tokenizer";
import { contextFunctions } from "../transforms/context-functions";
import { flattenFunction } from "../transforms/flatten";
import { functionRenames } from "../transforms/function-renames";
import { generator } from "../transforms/generator";
import { getDdlCall } from "../transforms/get-ddl-call";
import { resultColumnNaming } from "../transforms/result-column-naming";
import { insertTimestampValues } from "../transforms/insert-timestamp-values";
import { objectConstants } from "../transforms/object-constants";
import { streamHasData } from "../transforms/stream-has-data";
import { structuredCasts } from "../transforms/structured-casts";
import { textCasts } from "../transforms/text-casts";
import type { Transform } from "../transforms/transform";
import { valuesInFrom } from "../transforms/values-in-from";
import { flatten, parse } from "./tree";

/**
 * In order: naming first (it reads the client's text), binds next (in source order, before any transform moves
 * tokens), then what replaces calls, then renames of what is left.
 */
export const TRANSFORMS: Transform[] = [
  resultColumnNaming,
  binds,
  insertTimestampValues,
  objectConstants,
  structuredCasts,
  contextFunctions,
  getDdlCall,
  streamHasData,
  generator,
  flattenFunction,
  textCasts,
  functionRenames,
];

export function frontEnd(tokens: Token[], env: RewriteEnv): Token[] {
  checkShape(tokens);
  let nodes = parse(valuesInFrom(tokens));
  for (const t of TRANSFORMS) nodes = t.apply(nodes, env);
  return flatten(nodes);
}
