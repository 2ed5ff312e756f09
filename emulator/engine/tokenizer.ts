// A Snowflake-flavoured SQL tokenizer. Whitespace and comments are kept as tokens so statement text can be
// sliced back out exactly (the splitter and error positions need offsets).
import { errors } from "./errors";

/** `raw`: never from the tokenizer; DuckDB SQL a front-end transform put in place of source tokens (front/tree.ts). */
export type TokenKind = "ident" | "qident" | "string" | "number" | "op" | "bind" | "ws" | "comment" | "raw";
export type Token = {
  kind: TokenKind;
  /** ident: as written; qident: unescaped content; string: decoded value; bind: "?" or the number after ":" */
  value: string;
  start: number;
  end: number;
  line: number;
  column: number;
  /** raw tokens: added text with no source of its own (an alias); errors there point at what follows. */
  synthetic?: boolean;
};

const OPS = ["::", "||", "<>", "!=", "<=", ">=", "=>", "->"];
const SINGLE_OPS = "(),.;=<>+-*/%[]{}:!|&^~@";

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: TokenKind, value: string, start: number) => {
    tokens.push({ kind, value, start, end: i, line, column: start - lineStart + 1 });
  };
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++)
      if (sql[k] === "\n") {
        line++;
        lineStart = k + 1;
      }
  };
  while (i < sql.length) {
    const start = i;
    const startLine = line;
    const ch = sql[i];
    if (/\s/.test(ch)) {
      while (i < sql.length && /\s/.test(sql[i])) i++;
      push("ws", sql.slice(start, i), start);
      countLines(start, i);
    } else if ((ch === "-" && sql[i + 1] === "-") || (ch === "/" && sql[i + 1] === "/")) {
      while (i < sql.length && sql[i] !== "\n") i++;
      push("comment", sql.slice(start, i), start);
    } else if (ch === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
      push("comment", sql.slice(start, i), start);
      countLines(start, i);
    } else if (ch === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= sql.length) throw errors.syntax(startLine, start - lineStart, "<EOF>");
        const c = sql[i];
        if (c === "\\" && i + 1 < sql.length) {
          const n = sql[i + 1];
          value += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n === "0" ? "\0" : n;
          i += 2;
        } else if (c === "'" && sql[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      push("string", value, start);
      countLines(start, i);
    } else if (ch === "$" && sql[i + 1] === "$") {
      const close = sql.indexOf("$$", i + 2);
      if (close < 0) throw errors.syntax(line, start - lineStart, "$$");
      i = close + 2;
      push("string", sql.slice(start + 2, close), start);
      countLines(start, i);
    } else if (ch === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= sql.length) throw errors.syntax(startLine, start - lineStart, "<EOF>");
        if (sql[i] === '"' && sql[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (sql[i] === '"') {
          i++;
          break;
        } else value += sql[i++];
      }
      push("qident", value, start);
      countLines(start, i);
    } else if (/[A-Za-z_]/.test(ch)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i])) i++;
      push("ident", sql.slice(start, i), start);
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      while (i < sql.length && /[0-9.]/.test(sql[i])) i++;
      if (/[eE]/.test(sql[i] ?? "") && /[-+0-9]/.test(sql[i + 1] ?? "")) {
        i += 2;
        while (i < sql.length && /[0-9]/.test(sql[i])) i++;
      }
      push("number", sql.slice(start, i), start);
    } else if (ch === "?") {
      i++;
      push("bind", "?", start);
    } else if (ch === ":" && /[0-9]/.test(sql[i + 1] ?? "") && sql[i - 1] !== ":") {
      i++;
      while (i < sql.length && /[0-9]/.test(sql[i])) i++;
      push("bind", sql.slice(start + 1, i), start);
    } else {
      const two = sql.slice(i, i + 2);
      if (OPS.includes(two)) {
        i += 2;
        push("op", two, start);
      } else if (SINGLE_OPS.includes(ch)) {
        i++;
        push("op", ch, start);
      } else throw errors.syntax(line, start - lineStart, ch);
    }
  }
  return tokens;
}

export const significant = (tokens: Token[]) => tokens.filter((t) => t.kind !== "ws" && t.kind !== "comment");

export const isWord = (t: Token | undefined, ...words: string[]) =>
  !!t && t.kind === "ident" && words.includes(t.value.toUpperCase());
