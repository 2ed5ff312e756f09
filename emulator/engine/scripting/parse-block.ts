// Parses Snowflake Scripting text into the tree of ./ast: a block ([DECLARE …] BEGIN … [EXCEPTION …] END) or a
// single control-flow statement (what EXECUTE IMMEDIATE accepts). Grammar followed:
// https://docs.snowflake.com/en/developer-guide/snowflake-scripting/blocks, …/variables, …/cursors, …/resultsets,
// …/branch, …/loops, …/exceptions and the per-statement pages under sql-reference/snowflake-scripting/.
import { errors } from "../errors";
import { identValue } from "../identifiers";
import { canonicalSfType, parseSfType } from "../sf-types";
import { significant, tokenize, type Token } from "../tokenizer";
import type { Block, Declaration, Handler, Statement, Tokens } from "./ast";

const isName = (t: Token | undefined) => !!t && (t.kind === "ident" || t.kind === "qident");

/** Whether SQL text is Scripting rather than one plain SQL statement (a block, or a statement only Scripting has). */
export function isScript(tokens: Token[]): boolean {
  const w = (k: number) => (tokens[k]?.kind === "ident" ? tokens[k].value.toUpperCase() : "");
  if (w(0) === "DECLARE") return true;
  if (w(0) === "BEGIN")
    return (
      !["TRANSACTION", "WORK", "NAME"].includes(w(1)) &&
      tokens.length > 1 &&
      !(tokens[1].kind === "op" && tokens[1].value === ";")
    );
  return (
    ["IF", "FOR", "WHILE", "REPEAT", "LOOP", "LET", "RETURN", "RAISE"].includes(w(0)) ||
    (w(0) === "CASE" && tokens.length > 1)
  );
}

export function parseScript(text: string): Statement[] {
  const p = new ScriptParser(significant(tokenize(text)), text);
  const out: Statement[] = [];
  while (!p.atEnd()) out.push(p.statement());
  return out;
}

/** `EXECUTE IMMEDIATE <target> [USING (…)]` inside a RESULTSET's parentheses (tokens of the block's own text). */
export function parseExecuteImmediate(tokens: Token[], text: string): { target: Tokens; using: Tokens[] } {
  const p = new ScriptParser(tokens, text);
  p.expectKw("EXECUTE", "IMMEDIATE");
  const target = p.expression("USING");
  const using = p.acceptKw("USING") ? p.usingList() : [];
  if (!p.atEnd()) throw p.fail();
  return { target, using };
}

class ScriptParser {
  pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  atEnd() {
    return this.pos >= this.tokens.length;
  }
  peek(k = 0) {
    return this.tokens[this.pos + k];
  }
  isKw(word: string, k = 0) {
    const t = this.peek(k);
    return !!t && t.kind === "ident" && t.value.toUpperCase() === word;
  }
  isOp(op: string, k = 0) {
    const t = this.peek(k);
    return !!t && t.kind === "op" && t.value === op;
  }
  acceptKw(...words: string[]) {
    if (!words.every((w, k) => this.isKw(w, k))) return false;
    this.pos += words.length;
    return true;
  }
  expectKw(...words: string[]) {
    if (!this.acceptKw(...words)) throw this.fail();
  }
  acceptOp(op: string) {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }
  expectOp(op: string) {
    if (!this.acceptOp(op)) throw this.fail();
  }
  isAssign(k = 0) {
    return this.isOp(":", k) && this.isOp("=", k + 1);
  }

  fail() {
    const t = this.peek();
    if (!t) {
      const last = this.tokens[this.tokens.length - 1];
      return errors.syntax(last?.line ?? 1, last ? last.column + (last.end - last.start) - 1 : 0, "<EOF>");
    }
    return errors.syntax(t.line, t.column - 1, t.kind === "string" ? `'${t.value}'` : t.value);
  }

  name(): string {
    const t = this.peek();
    if (!isName(t)) throw this.fail();
    this.pos++;
    return identValue(t!);
  }

  private wrap(tokens: Token[]): Tokens {
    if (tokens.length === 0) throw this.fail();
    return { tokens, line: tokens[0].line, position: tokens[0].column - 1 };
  }

  /** Tokens up to (not including) a stop keyword/op at nesting depth 0; parentheses and CASE…END nest. */
  scan(stop: (p: ScriptParser) => boolean): Token[] {
    const out: Token[] = [];
    let depth = 0;
    while (!this.atEnd()) {
      if (depth === 0 && stop(this)) break;
      const t = this.peek()!;
      if (t.kind === "op" && (t.value === "(" || t.value === "[")) depth++;
      else if (t.kind === "op" && (t.value === ")" || t.value === "]")) depth--;
      else if (t.kind === "ident" && t.value.toUpperCase() === "CASE") depth++;
      else if (t.kind === "ident" && t.value.toUpperCase() === "END" && depth > 0) depth--;
      out.push(t);
      this.pos++;
    }
    return out;
  }

  /** An expression up to `;` (or another stop word). */
  expression(...stopWords: string[]): Tokens {
    return this.wrap(this.scan((p) => p.isOp(";") || stopWords.some((w) => p.isKw(w))));
  }

  /** `( … )` kept whole: IF/WHILE/UNTIL conditions are parenthesised in Snowflake's grammar. */
  parenthesised(): Tokens {
    if (!this.isOp("(")) throw this.fail();
    const start = this.pos;
    let depth = 0;
    do {
      const t = this.peek();
      if (!t) throw this.fail();
      if (t.kind === "op" && t.value === "(") depth++;
      if (t.kind === "op" && t.value === ")") depth--;
      this.pos++;
    } while (depth > 0);
    return this.wrap(this.tokens.slice(start, this.pos));
  }

  end() {
    if (!this.atEnd()) this.expectOp(";");
  }

  statements(...terminators: string[]): Statement[] {
    const out: Statement[] = [];
    while (!this.atEnd() && !terminators.some((w) => this.isKw(w))) out.push(this.statement());
    return out;
  }

  block(): Block {
    const declarations: Declaration[] = [];
    if (this.acceptKw("DECLARE")) {
      while (!this.isKw("BEGIN")) {
        declarations.push(this.declaration(false));
        this.expectOp(";");
      }
    }
    this.expectKw("BEGIN");
    const body = this.statements("EXCEPTION", "END");
    let handlers: Handler[] | null = null;
    if (this.acceptKw("EXCEPTION")) {
      handlers = [];
      while (this.acceptKw("WHEN")) {
        const names = [this.name()];
        while (this.acceptKw("OR")) names.push(this.name());
        this.expectKw("THEN");
        handlers.push({ names, body: this.statements("WHEN", "END") });
      }
      if (handlers.length === 0) throw this.fail();
    }
    this.expectKw("END");
    if (isName(this.peek()) && (this.isOp(";", 1) || this.pos + 1 === this.tokens.length)) this.pos++; // a label
    return { declarations, body, handlers };
  }

  /** One declaration (DECLARE section, or after LET). */
  declaration(isLet: boolean): Declaration {
    const name = this.name();
    if (this.acceptKw("CURSOR", "FOR")) return { kind: "cursor", name, query: this.expression() };
    if (this.acceptKw("RESULTSET")) {
      const init = this.acceptKw("DEFAULT") || (this.isAssign() && (this.pos += 2)) ? this.expression() : null;
      return { kind: "resultset", name, init };
    }
    if (!isLet && this.acceptKw("EXCEPTION")) {
      if (!this.acceptOp("(")) return { kind: "exception", name, code: -20000, message: "" };
      const sign = this.acceptOp("-") ? -1 : 1;
      const num = this.peek();
      if (num?.kind !== "number") throw this.fail();
      this.pos++;
      this.expectOp(",");
      const msg = this.peek();
      if (msg?.kind !== "string") throw this.fail();
      this.pos++;
      this.expectOp(")");
      const code = sign * Number(num.value);
      // The documented range of user exception numbers (exceptions: "between -20000 and -20999").
      if (!Number.isInteger(code) || code > -20000 || code < -20999) {
        throw errors.invalid(`Exception number ${code} for '${name}' must be an integer between -20000 and -20999.`);
      }
      return { kind: "exception", name, code, message: msg.value };
    }
    let sfType: string | null = null;
    if (!this.isKw("DEFAULT") && !this.isAssign() && !this.isOp(";")) {
      const typeTokens = this.scan((p) => p.isKw("DEFAULT") || p.isAssign() || p.isOp(";"));
      const text = this.text.slice(typeTokens[0].start, typeTokens[typeTokens.length - 1].end);
      sfType = canonicalSfType(parseSfType(text));
    }
    let init: Tokens | null = null;
    if (this.acceptKw("DEFAULT")) init = this.expression();
    else if (this.isAssign()) {
      this.pos += 2;
      init = this.expression();
    }
    if (isLet && !init) throw this.fail();
    return { kind: "variable", name, sfType, init };
  }

  statement(): Statement {
    const first = this.peek()!;
    const at: Tokens = { tokens: [first], line: first.line, position: first.column - 1 };
    const s = this.statementBody(at);
    this.end();
    return s;
  }

  /** `END FOR|LOOP|WHILE|REPEAT [label]`: the label a BREAK/CONTINUE may name (loops page). */
  private labelAfterEnd(...words: string[]): string | null {
    this.expectKw("END");
    if (!words.some((w) => this.acceptKw(w))) throw this.fail();
    return isName(this.peek()) ? this.name() : null;
  }

  private body(...terminators: string[]): Statement[] {
    return this.statements(...terminators);
  }

  private statementBody(at: Tokens): Statement {
    if (this.isKw("DECLARE") || (this.isKw("BEGIN") && !["TRANSACTION", "WORK", "NAME"].some((w) => this.isKw(w, 1)))) {
      return { kind: "block", at, block: this.block() };
    }
    if (this.acceptKw("LET")) return { kind: "declare", at, declaration: this.declaration(true) };
    if (isName(this.peek()) && this.isAssign(1)) {
      const name = this.name();
      this.pos += 2;
      return { kind: "assign", at, name, value: this.expression() };
    }
    if (this.acceptKw("IF")) {
      const branches = [
        { condition: this.parenthesised(), body: (this.expectKw("THEN"), this.body("ELSEIF", "ELSE", "END")) },
      ];
      while (this.acceptKw("ELSEIF"))
        branches.push({
          condition: this.parenthesised(),
          body: (this.expectKw("THEN"), this.body("ELSEIF", "ELSE", "END")),
        });
      const otherwise = this.acceptKw("ELSE") ? this.body("END") : null;
      this.labelAfterEnd("IF");
      return { kind: "if", at, branches, otherwise };
    }
    if (this.acceptKw("CASE")) {
      const operand = this.isKw("WHEN") ? null : this.expression("WHEN");
      const branches: { when: Tokens; body: Statement[] }[] = [];
      while (this.acceptKw("WHEN"))
        branches.push({
          when: this.expression("THEN"),
          body: (this.expectKw("THEN"), this.body("WHEN", "ELSE", "END")),
        });
      if (branches.length === 0) throw this.fail();
      const otherwise = this.acceptKw("ELSE") ? this.body("END") : null;
      this.expectKw("END");
      this.acceptKw("CASE");
      return { kind: "case", at, operand, branches, otherwise };
    }
    if (this.acceptKw("FOR")) {
      const variable = this.name();
      this.expectKw("IN");
      const reverse = this.acceptKw("REVERSE");
      const start = this.pos;
      const head = this.scan((p) => p.isKw("DO") || p.isKw("LOOP") || p.isKw("TO"));
      if (this.acceptKw("TO")) {
        const from = this.wrap(head);
        const to = this.wrap(this.scan((p) => p.isKw("DO") || p.isKw("LOOP")));
        if (!this.acceptKw("DO")) this.expectKw("LOOP");
        const body = this.body("END");
        return { kind: "for-range", at, variable, reverse, from, to, body, label: this.labelAfterEnd("FOR", "LOOP") };
      }
      this.pos = start;
      const source = this.name();
      if (!this.acceptKw("DO")) this.expectKw("LOOP");
      const body = this.body("END");
      return { kind: "for-cursor", at, variable, source, body, label: this.labelAfterEnd("FOR", "LOOP") };
    }
    if (this.acceptKw("WHILE")) {
      const condition = this.parenthesised();
      if (!this.acceptKw("DO")) this.expectKw("LOOP");
      const body = this.body("END");
      return { kind: "while", at, condition, body, label: this.labelAfterEnd("WHILE", "LOOP") };
    }
    if (this.acceptKw("REPEAT")) {
      const body = this.body("UNTIL");
      this.expectKw("UNTIL");
      const condition = this.parenthesised();
      return { kind: "repeat", at, condition, body, label: this.labelAfterEnd("REPEAT") };
    }
    if (this.acceptKw("LOOP")) {
      const body = this.body("END");
      return { kind: "loop", at, body, label: this.labelAfterEnd("LOOP") };
    }
    if (this.acceptKw("BREAK") || this.acceptKw("EXIT"))
      return { kind: "break", at, label: isName(this.peek()) ? this.name() : null };
    if (this.acceptKw("CONTINUE") || this.acceptKw("ITERATE"))
      return { kind: "continue", at, label: isName(this.peek()) ? this.name() : null };
    if (this.acceptKw("RETURN")) {
      if (this.isOp(";") || this.atEnd()) return { kind: "return", at, value: null, table: null };
      if (
        this.isKw("TABLE") &&
        this.isOp("(", 1) &&
        isName(this.peek(2)) &&
        this.isOp(")", 3) &&
        (this.isOp(";", 4) || this.pos + 4 === this.tokens.length)
      ) {
        this.pos += 2;
        const table = this.name();
        this.pos++;
        return { kind: "return", at, value: null, table };
      }
      return { kind: "return", at, value: this.expression(), table: null };
    }
    if (this.acceptKw("RAISE")) return { kind: "raise", at, name: isName(this.peek()) ? this.name() : null };
    if (this.acceptKw("OPEN")) {
      const cursor = this.name();
      return { kind: "open", at, cursor, using: this.acceptKw("USING") ? this.usingList() : [] };
    }
    if (this.acceptKw("FETCH")) {
      const cursor = this.name();
      this.expectKw("INTO");
      const into = [this.name()];
      while (this.acceptOp(",")) into.push(this.name());
      return { kind: "fetch", at, cursor, into };
    }
    if (this.acceptKw("CLOSE")) return { kind: "close", at, cursor: this.name() };
    if (this.isKw("NULL") && (this.isOp(";", 1) || this.pos + 1 === this.tokens.length)) {
      this.pos++;
      return { kind: "null", at };
    }
    if (this.acceptKw("EXECUTE", "IMMEDIATE")) {
      const target = this.expression("USING");
      return { kind: "execute-immediate", at, target, using: this.acceptKw("USING") ? this.usingList() : [], into: [] };
    }
    return this.sql(at);
  }

  /** `( a, b, … )` of USING: each item an expression. */
  usingList(): Tokens[] {
    this.expectOp("(");
    const items: Tokens[] = [];
    if (!this.isOp(")"))
      do items.push(this.wrap(this.scan((p) => p.isOp(",") || p.isOp(")"))));
      while (this.acceptOp(","));
    this.expectOp(")");
    return items;
  }

  /** An embedded SQL statement up to `;`; `SELECT … INTO :a, :b …` and `CALL … INTO :v` keep their targets apart. */
  private sql(at: Tokens): Statement {
    const tokens = this.scan((p) => p.isOp(";"));
    const first = tokens[0]?.kind === "ident" ? tokens[0].value.toUpperCase() : "";
    const into: string[] = [];
    let sql = tokens;
    if (first === "SELECT" || first === "CALL") {
      let depth = 0;
      for (let k = 0; k < tokens.length; k++) {
        const t = tokens[k];
        if (t.kind === "op" && t.value === "(") depth++;
        if (t.kind === "op" && t.value === ")") depth--;
        if (depth !== 0 || t.kind !== "ident" || t.value.toUpperCase() !== "INTO") continue;
        let j = k + 1;
        for (;;) {
          if (tokens[j]?.kind === "op" && tokens[j].value === ":") j++;
          if (!isName(tokens[j])) throw errors.syntax(t.line, t.column - 1, "INTO");
          into.push(identValue(tokens[j]));
          j++;
          if (tokens[j]?.kind === "op" && tokens[j].value === ",") {
            j++;
            continue;
          }
          break;
        }
        sql = [...tokens.slice(0, k), ...tokens.slice(j)];
        break;
      }
    }
    return { kind: "sql", at, sql: this.wrap(sql), into };
  }
}
