// One front-end transform: a Snowflake behaviour applied to the syntax tree (front/tree.ts) before printing.
// It replaces the spans it recognises with raw DuckDB SQL and leaves everything else untouched; the order of the
// transforms is front/pipeline.ts's list.
import type { Node } from "../front/tree";
import type { RewriteEnv } from "../select-rewriter";

export type Transform = {
  /** What the transform does, in a few words (shown nowhere; for readers of the pipeline). */
  name: string;
  apply(nodes: Node[], env: RewriteEnv): Node[];
};
