// Maps DuckDB's failure of a rewritten query back to Snowflake's error for the statement the client wrote:
// parser errors become 001003 "syntax error line L at position P unexpected '<tok>'" at the source token
// (DuckDB's json_serialize_sql gives the offset in the rewritten SQL; the rewriter's piece map leads back to
// the token), unknown columns 000904 "invalid identifier", unknown functions 002140 "Unknown function".
// Anything else goes through errors.duck: a few classes in Snowflake's words, the rest one generic 002140 (never DuckDB's text).
import type { DuckStore } from "./duck";
import { errors } from "./errors";
import { identValue, quoteString } from "./identifiers";
import { invalidIdentifierAt } from "./query-names";
import { eofAfter, syntaxAt } from "./query-shape";
import type { Rewritten } from "./select-rewriter";
import type { Token } from "./tokenizer";
import { SnowflakeError } from "./types";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function mapQueryError(
  e: unknown,
  store: DuckStore,
  rewritten: Rewritten,
  tokens: Token[],
): Promise<Error> {
  if (e instanceof SnowflakeError) return e;
  const text = message(e);
  // The printer's pieces point into the front-end's tokens (raw ones carry the source position they replace).
  if (text.startsWith("Parser Error:")) return syntaxError(store, rewritten, rewritten.tokens ?? tokens, text);
  const column =
    /Referenced column "([^"]+)" not found|does not have a column (?:named|with name) "([^"]+)"|Referenced update column (\S+) not found/.exec(
      text,
    );
  if (column) return unknownColumn(tokens, column[1] ?? column[2] ?? column[3], null);
  const table = /Referenced table "([^"]+)" not found/.exec(text);
  if (table) return unknownColumn(tokens, null, table[1]);
  const fn = /(?:Scalar|Aggregate|Table) Function with name "?([^"\s]+?)"? does not exist/.exec(text);
  if (fn) return errors.unknownFunction(fn[1].toUpperCase());
  const ts = /^Invalid Input Error: (Timestamp '.*' is not recognized)/s.exec(text);
  if (ts) return errors.badTimestamp(ts[1]);
  return errors.duck(text);
}

async function syntaxError(store: DuckStore, rewritten: Rewritten, tokens: Token[], text: string): Promise<Error> {
  let position: number | null = null;
  try {
    const r = await store.queryRaw(`SELECT json_serialize_sql(${quoteString(rewritten.sql)})`);
    const parsed = JSON.parse(String(r.rows[0]?.[0] ?? "{}")) as { position?: string };
    if (parsed.position !== undefined) position = Number(parsed.position);
  } catch {
    /* fall back to the end of the statement */
  }
  if (position === null || /at end of input/.test(text) || position >= rewritten.sql.length) return eofAfter(tokens);
  let piece = 0;
  while (piece + 1 < rewritten.starts.length && rewritten.starts[piece + 1] <= position) piece++;
  while (piece < rewritten.tokenOf.length && rewritten.tokenOf[piece] < 0) piece++;
  const token = tokens[rewritten.tokenOf[piece] ?? -1];
  return token ? syntaxAt(token) : eofAfter(tokens);
}

/** 000904 at the first reference to the column (or to a column of the unknown qualifier) in the source. */
function unknownColumn(tokens: Token[], column: string | null, qualifier: string | null): Error {
  const isName = (t: Token | undefined) => !!t && (t.kind === "ident" || t.kind === "qident");
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!isName(t) || (tokens[k - 1]?.kind === "op" && tokens[k - 1].value === ".")) continue;
    const parts = [identValue(t)];
    let j = k;
    while (tokens[j + 1]?.value === "." && isName(tokens[j + 2])) {
      parts.push(identValue(tokens[j + 2]));
      j += 2;
    }
    const last = parts[parts.length - 1];
    const hit =
      qualifier !== null
        ? parts.length > 1 && parts[0].toUpperCase() === qualifier.toUpperCase()
        : last.toUpperCase() === column!.toUpperCase() &&
          !(tokens[j + 1]?.kind === "op" && tokens[j + 1].value === "(");
    if (hit) return invalidIdentifierAt(t, parts);
  }
  return invalidIdentifierAt(tokens[0], [column ?? qualifier ?? "?"]);
}
