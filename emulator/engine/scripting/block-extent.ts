// Where a Snowflake Scripting block written without $$ ends (`BEGIN … END;` or `DECLARE … BEGIN … END;`, as
// Snowsight sends it): the whole block is one statement even though its body has semicolons
// (https://docs.snowflake.com/en/sql-reference/sql/execute-immediate usage notes: "A block is considered one
// statement"). Counts openers at statement starts (BEGIN, IF, FOR, WHILE, REPEAT, LOOP) and every CASE against END.
import { isWord, type Token } from "../tokenizer";

const STATEMENT_START_AFTER = new Set(["BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT", "DECLARE"]);
const OPENERS = new Set(["BEGIN", "IF", "FOR", "WHILE", "REPEAT", "LOOP"]);

const sig = (t: Token) => t.kind !== "ws" && t.kind !== "comment";

/** At a statement's first significant token: is it a block (DECLARE, or BEGIN that is not a transaction)? */
export function startsBlock(all: Token[], i: number): boolean {
  if (isWord(all[i], "DECLARE")) return true;
  if (!isWord(all[i], "BEGIN")) return false;
  const next = all.slice(i + 1).find(sig);
  return !!next && !isWord(next, "TRANSACTION", "WORK", "NAME") && !(next.kind === "op" && next.value === ";");
}

/** The index of the block's last token (its END, or the label after it), or null when it never closes. */
export function blockEnd(all: Token[], i: number): number | null {
  let depth = 0;
  let prev: Token | null = null;
  for (let k = i; k < all.length; k++) {
    const t = all[k];
    if (!sig(t)) continue;
    const word = t.kind === "ident" ? t.value.toUpperCase() : "";
    const atStart =
      prev === null ||
      (prev.kind === "op" && prev.value === ";") ||
      (prev.kind === "ident" && STATEMENT_START_AFTER.has(prev.value.toUpperCase()));
    const afterEnd = prev !== null && isWord(prev, "END");
    if (word === "BEGIN" && atStart) {
      const next = all.slice(k + 1).find(sig);
      if (!isWord(next, "TRANSACTION", "WORK")) depth++;
    } else if (OPENERS.has(word) && atStart && word !== "BEGIN") depth++;
    else if (word === "CASE" && !afterEnd) depth++;
    else if (word === "END") {
      depth--;
      if (depth === 0) {
        const rest = all.slice(k + 1);
        const n = rest.findIndex(sig);
        return n >= 0 &&
          (rest[n].kind === "ident" || rest[n].kind === "qident") &&
          !isWord(rest[n], "IF", "FOR", "LOOP", "WHILE", "REPEAT", "CASE")
          ? k + 1 + n
          : k;
      }
    }
    prev = t;
  }
  return null;
}
