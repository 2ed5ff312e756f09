// A small recursive-descent helper over significant tokens, for the statements node-sql-parser cannot
// parse (sharing DDL, SHOW, GRANT, replication...).
import { errors } from "./errors";
import { identValue } from "./identifiers";
import type { Token } from "./tokenizer";

export class Cursor {
  pos = 0;
  constructor(
    readonly tokens: Token[],
    readonly text = "",
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  atEnd() {
    return this.pos >= this.tokens.length;
  }
  next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw this.fail();
    this.pos++;
    return t;
  }

  isKw(word: string, offset = 0) {
    const t = this.peek(offset);
    return !!t && t.kind === "ident" && t.value.toUpperCase() === word;
  }
  /** Accepts a sequence of keywords ("IF", "NOT", "EXISTS") only when all are present. */
  acceptKw(...words: string[]) {
    if (!words.every((w, k) => this.isKw(w, k))) return false;
    this.pos += words.length;
    return true;
  }
  expectKw(...words: string[]) {
    if (!this.acceptKw(...words)) throw this.fail();
  }
  isOp(op: string, offset = 0) {
    const t = this.peek(offset);
    return !!t && t.kind === "op" && t.value === op;
  }
  acceptOp(op: string) {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }
  expectOp(op: string) {
    if (!this.acceptOp(op)) throw this.fail();
  }

  /** One identifier part: unquoted → upper case, quoted → as written. */
  name(): string {
    const t = this.peek();
    if (!t || (t.kind !== "ident" && t.kind !== "qident")) throw this.fail();
    this.pos++;
    return identValue(t);
  }
  qualifiedName(max = 3): string[] {
    const parts = [this.name()];
    while (parts.length < max && this.isOp(".")) {
      this.pos++;
      parts.push(this.name());
    }
    return parts;
  }
  string(): string {
    const t = this.peek();
    if (!t || t.kind !== "string") throw this.fail();
    this.pos++;
    return t.value;
  }
  /** A literal-ish option value: string, number, or bare word. */
  value(): string {
    const t = this.next();
    if (t.kind === "ident") return t.value.toUpperCase();
    return t.value;
  }
  expectEnd() {
    if (!this.atEnd()) throw this.fail();
  }
  rest(): Token[] {
    return this.tokens.slice(this.pos);
  }
  restText(): string {
    const t = this.peek();
    return t ? this.text.slice(t.start - this.tokens[0].start) : "";
  }

  fail() {
    const t = this.peek();
    if (!t) {
      const last = this.tokens[this.tokens.length - 1];
      return errors.syntax(last?.line ?? 1, last ? last.column + (last.end - last.start) - 1 : 0, "<EOF>");
    }
    const raw = t.kind === "string" ? `'${t.value}'` : t.kind === "qident" ? `"${t.value}"` : t.value;
    return errors.syntax(t.line, t.column - 1, raw);
  }
}
