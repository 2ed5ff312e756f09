// Exceptions inside Snowflake Scripting (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/exceptions):
// a failing embedded statement raises STATEMENT_ERROR, a failing expression EXPRESSION_ERROR, RAISE a declared
// exception (SQLSTATE P0001, default number -20000). SQLCODE is the error number, SQLERRM the message, SQLSTATE the
// state. Uncaught, a declared exception reaches the client as RAISE documents it:
// "-20002 (P0001): Uncaught exception of type 'MY_EXCEPTION' on line 7 at position 8 : Raised MY_EXCEPTION."
// (https://docs.snowflake.com/en/sql-reference/snowflake-scripting/raise); a statement or expression error keeps
// its own code and SQLSTATE, the text prefixed the same way (unverified: see emulator/README.md).
import { SnowflakeError } from "../types";
import type { Tokens } from "./ast";

export type Where = Pick<Tokens, "line" | "position">;

export class ScriptException extends Error {
  constructor(
    readonly type: string, // STATEMENT_ERROR, EXPRESSION_ERROR or the declared exception's name
    readonly sqlcode: number,
    readonly sqlerrm: string,
    readonly sqlstate: string,
    readonly where: Where,
    readonly cause?: SnowflakeError,
  ) {
    super(sqlerrm);
    this.name = "ScriptException";
  }

  static fromError(type: "STATEMENT_ERROR" | "EXPRESSION_ERROR", e: SnowflakeError, where: Where) {
    return new ScriptException(type, Number(e.code), e.message, e.sqlState, where, e);
  }

  /** What the client sees when no handler caught it. */
  toUncaught(): SnowflakeError {
    const head = `Uncaught exception of type '${this.type}' on line ${this.where.line} at position ${this.where.position}`;
    if (this.cause) return new SnowflakeError(this.cause.code, this.cause.sqlState, `${head} : ${this.cause.message}`);
    return new SnowflakeError(String(this.sqlcode), this.sqlstate, this.sqlerrm ? `${head} : ${this.sqlerrm}` : head);
  }
}

/** Snowflake Scripting errors that are not a statement's own (unverified codes, see README). */
export const scriptErrors = {
  undeclared: (name: string, where: Where) =>
    new SnowflakeError(
      "002029",
      "42601",
      `SQL compilation error:\nerror line ${where.line} at position ${where.position}\nundeclared variable '${name}'`,
    ),
  notCursor: (name: string) =>
    new SnowflakeError("002029", "42601", `SQL compilation error:\n'${name}' is not a cursor or RESULTSET.`),
  raiseOutsideHandler: (where: Where) =>
    new SnowflakeError(
      "002029",
      "42601",
      `SQL compilation error:\nerror line ${where.line} at position ${where.position}\nRAISE without an exception name is only allowed in an exception handler.`,
    ),
};
