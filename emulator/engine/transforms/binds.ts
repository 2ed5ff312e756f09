// Bind variables (`?` positional, `:N` numbered) become literals of their values (binds.ts escapes them), in
// source order: a positional `?` takes the next value wherever it sits, so the walk is depth-first left to right
// (not innermost-first like the other transforms). A string value becomes a string token, so a cast after it is
// respelled as for any literal (a timestamp's spaced offset); numbers become number tokens; NULL/TRUE/FALSE raw.
// The new tokens keep the bind's position, so an error still points at the placeholder the client wrote.
import { bindLiteral } from "../binds";
import { errors } from "../errors";
import { isGroup, raw, type Node } from "../front/tree";
import type { RewriteEnv } from "../select-rewriter";
import type { Token } from "../tokenizer";
import type { Transform } from "./transform";

function literal(t: Token, env: RewriteEnv): Token {
  if (!env.binds) throw errors.invalid("Bind variable used but no binds were supplied.");
  const b = env.binds.take(t);
  const sql = bindLiteral(b);
  if (sql.startsWith("'") && b.value !== null) return { ...t, kind: "string", value: String(b.value) };
  if (/^-?\d/.test(sql)) return { ...t, kind: "number", value: sql };
  return raw(sql, t);
}

function walk(nodes: Node[], env: RewriteEnv): Node[] {
  return nodes.map((n) => (isGroup(n) ? { ...n, items: walk(n.items, env) } : n.kind === "bind" ? literal(n, env) : n));
}

export const binds: Transform = {
  name: "binds to literals",
  apply: (nodes, env) => walk(nodes, env),
};
