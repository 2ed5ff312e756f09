// Splits a request's SQL text into statements at top-level semicolons (semicolons inside strings, quoted
// identifiers and comments are tokens of their own kind, so they never split).
import { significant, tokenize, type Token } from "./tokenizer";
import { blockEnd, startsBlock } from "./scripting/block-extent";

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
  for (let i = 0; i < all.length; i++) {
    const t = all[i];
    // A Scripting block without $$ (BEGIN … END) is one statement, semicolons inside and all.
    const end =
      t.kind === "ident" && !current.some((x) => x.kind !== "ws" && x.kind !== "comment") && startsBlock(all, i)
        ? blockEnd(all, i)
        : null;
    if (end !== null) {
      current.push(...all.slice(i, end + 1));
      i = end;
      continue;
    }
    if (t.kind === "op" && t.value === ";") flush();
    else current.push(t);
  }
  flush();
  return out;
}

export const countStatements = (sql: string) => splitStatements(sql).length;
