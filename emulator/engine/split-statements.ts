// Splits a request's SQL text into statements at top-level semicolons (semicolons inside strings, quoted
// identifiers and comments are tokens of their own kind, so they never split).
import { significant, tokenize, type Token } from "./tokenizer";

export type SplitStatement = { text: string; tokens: Token[] };

export function splitStatements(sql: string): SplitStatement[] {
  const all = tokenize(sql);
  const out: SplitStatement[] = [];
  let current: Token[] = [];
  const flush = () => {
    const sig = significant(current);
    if (sig.length > 0) out.push({ text: sql.slice(sig[0].start, sig[sig.length - 1].end), tokens: sig });
    current = [];
  };
  for (const t of all) {
    if (t.kind === "op" && t.value === ";") flush();
    else current.push(t);
  }
  flush();
  return out;
}

export const countStatements = (sql: string) => splitStatements(sql).length;
