// Variables of a Snowflake Scripting block: each block (and loop body, and exception handler) opens a scope; names
// resolve to the innermost declaration (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/variables,
// "scope of variables").
import type { Partial } from "../result";
import type { Tokens } from "./ast";
import type { ScriptException } from "./exceptions";
import type { ScriptValue } from "./values";

export type Binding =
  | { kind: "value"; sfType: string | null; value: ScriptValue }
  | { kind: "record"; fields: Map<string, ScriptValue> }
  | { kind: "cursor"; query: Tokens | null; resultset: string | null; rows: Partial | null; pos: number }
  | { kind: "resultset"; result: Partial | null }
  | { kind: "exception"; code: number; message: string };

export class Scope {
  private readonly vars = new Map<string, Binding>();
  /** Set on an exception handler's scope: what RAISE; re-raises and SQLCODE/SQLERRM/SQLSTATE describe. */
  handling: ScriptException | null = null;
  constructor(readonly parent: Scope | null = null) {}

  declare(name: string, b: Binding) {
    this.vars.set(name, b);
  }

  lookup(name: string): Binding | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  current(): ScriptException | null {
    return this.handling ?? this.parent?.current() ?? null;
  }
}
