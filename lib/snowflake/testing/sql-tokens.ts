// A small lexer for the SQL the service generates, used by tests and the reliability report to prove that
// user text only ever sits inside quoted identifiers or bind values. It knows just enough Snowflake syntax
// for our statements and refuses anything else (comments, dollar quotes, unterminated quotes).

export type SqlToken =
  | { kind: "word"; text: string }
  | { kind: "ident"; text: string; value: string }
  | { kind: "string"; text: string; value: string }
  | { kind: "number"; text: string }
  | { kind: "bind"; text: "?" }
  | { kind: "punct"; text: string };

export class SqlLexError extends Error {}

export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new SqlLexError(`unterminated quoted identifier at ${i}`);
        if (sql[j] === '"') {
          if (sql[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j++];
      }
      tokens.push({ kind: "ident", text: sql.slice(i, j + 1), value });
      i = j + 1;
    } else if (ch === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new SqlLexError(`unterminated string at ${i}`);
        if (sql[j] === "\\") {
          value += sql[j + 1] ?? "";
          j += 2;
          continue;
        }
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j++];
      }
      tokens.push({ kind: "string", text: sql.slice(i, j + 1), value });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))!;
      tokens.push({ kind: "word", text: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+/.exec(sql.slice(i))!;
      tokens.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else if (ch === "?") {
      tokens.push({ kind: "bind", text: "?" });
      i++;
    } else if ("(),.=*;".includes(ch)) {
      tokens.push({ kind: "punct", text: ch });
      i++;
    } else {
      throw new SqlLexError(`unexpected character ${JSON.stringify(ch)} at ${i}`);
    }
  }
  return tokens;
}
