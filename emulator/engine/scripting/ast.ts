// The typed syntax tree of a Snowflake Scripting block (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/blocks).
// Expressions and embedded SQL stay token lists: they are rendered with the variables' values at run time and
// run through the engine's own statement path.
import type { Token } from "../tokenizer";

/** A token list plus where it starts (for "on line L at position P" in uncaught-exception messages). */
export type Tokens = { tokens: Token[]; line: number; position: number };

export type Declaration =
  | { kind: "variable"; name: string; sfType: string | null; init: Tokens | null }
  | { kind: "cursor"; name: string; query: Tokens }
  | { kind: "resultset"; name: string; init: Tokens | null }
  | { kind: "exception"; name: string; code: number; message: string };

export type Handler = { names: string[]; body: Statement[] };

export type Block = { declarations: Declaration[]; body: Statement[]; handlers: Handler[] | null };

type At = { at: Tokens };

export type Statement = At &
  (
    | { kind: "block"; block: Block }
    | { kind: "declare"; declaration: Declaration } // LET …
    | { kind: "assign"; name: string; value: Tokens }
    | { kind: "if"; branches: { condition: Tokens; body: Statement[] }[]; otherwise: Statement[] | null }
    | {
        kind: "case";
        operand: Tokens | null;
        branches: { when: Tokens; body: Statement[] }[];
        otherwise: Statement[] | null;
      }
    | {
        kind: "for-range";
        variable: string;
        reverse: boolean;
        from: Tokens;
        to: Tokens;
        body: Statement[];
        label: string | null;
      }
    | { kind: "for-cursor"; variable: string; source: string; body: Statement[]; label: string | null }
    | { kind: "while"; condition: Tokens; body: Statement[]; label: string | null }
    | { kind: "repeat"; condition: Tokens; body: Statement[]; label: string | null }
    | { kind: "loop"; body: Statement[]; label: string | null }
    | { kind: "break"; label: string | null }
    | { kind: "continue"; label: string | null }
    | { kind: "return"; value: Tokens | null; table: string | null }
    | { kind: "raise"; name: string | null }
    | { kind: "open"; cursor: string; using: Tokens[] }
    | { kind: "fetch"; cursor: string; into: string[] }
    | { kind: "close"; cursor: string }
    | { kind: "null" }
    | { kind: "execute-immediate"; target: Tokens; using: Tokens[]; into: string[] }
    | { kind: "sql"; sql: Tokens; into: string[] }
  );
