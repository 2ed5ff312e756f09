// Bind variables (`?` positional, `:N` numbered) become SQL literals. Values are always escaped here, never
// spliced raw, so binds cannot change a statement's shape.
import { errors } from "./errors";
import { quoteString } from "./identifiers";
import type { Token } from "./tokenizer";
import type { Bind } from "./types";

export type ScalarBind = { type: string; value: string | null };

export class BindCounter {
  private next = 0;
  constructor(private readonly binds: ScalarBind[]) {}
  take(t: Token): ScalarBind {
    const index = t.value === "?" ? this.next++ : Number(t.value) - 1;
    const b = this.binds[index];
    if (!b) throw errors.unboundBind(t.line, t.column - 1, t.value === "?" ? "?" : `:${t.value}`);
    return b;
  }
}

export function bindLiteral(b: ScalarBind): string {
  if (b.value === null || b.value === undefined) return "NULL";
  const v = String(b.value);
  switch (b.type.toUpperCase()) {
    case "FIXED":
    case "REAL":
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) ? v : quoteString(v);
    case "BOOLEAN":
      return /^(true|1)$/i.test(v) ? "TRUE" : "FALSE";
    default:
      return quoteString(v);
  }
}

/** Array binds (`value: [row1, row2…]`) run the statement once per row; scalar binds once. */
export function bindRows(binds: Bind[] | undefined): ScalarBind[][] {
  if (!binds || binds.length === 0) return [[]];
  const arrays = binds.filter((b) => Array.isArray(b.value));
  if (arrays.length === 0) return [binds as ScalarBind[]];
  const n = (arrays[0].value as unknown[]).length;
  return Array.from({ length: n }, (_, r) =>
    binds.map((b) => ({ type: b.type, value: Array.isArray(b.value) ? b.value[r] : b.value })),
  );
}

/**
 * The binds of each statement of a multi-statement request: positional `?` placeholders take the request's
 * values in order across the statements (the driver's test/integration/testMultiStatement.js binds
 * `select ?; select ?,3; select ?,5,6` with [1, 2, 4]); a statement with numbered `:N` binds sees every value
 * (unverified: the documentation does not describe binds in a multi-statement request). Array binds are not
 * given to multi-statement requests (as before).
 */
export function bindsPerStatement(
  statements: { tokens: Token[] }[],
  binds: Bind[] | undefined,
): (Bind[] | undefined)[] {
  if (statements.length === 1) return [binds];
  if (!binds || binds.some((b) => Array.isArray(b.value))) return statements.map(() => undefined);
  let offset = 0;
  return statements.map((s) => {
    const placeholders = s.tokens.filter((t) => t.kind === "bind");
    if (placeholders.length === 0) return undefined;
    if (placeholders.some((t) => t.value !== "?")) return binds;
    const own = binds.slice(offset, offset + placeholders.length);
    offset += placeholders.length;
    return own;
  });
}
