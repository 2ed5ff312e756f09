// THE way identifiers and values enter SQL. Every statement the provisioner runs is built with the `sql`
// template below, which accepts only quoted identifiers (Ident), trusted literals (Literal), other Sql
// fragments, integers and binds: interpolating a plain string throws, so user text can reach Snowflake
// only as a bind value or inside a quoted identifier. Pure (no server imports) so tests and the planner share it.

import { parseNormalisedConsumerAccount, type ConsumerAccount } from "./account-identifier";

export const MAX_IDENTIFIER_LENGTH = 255; // Snowflake's documented identifier limit
const MAX_LITERAL_LENGTH = 4096;

export class SqlBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlBuildError";
  }
}

// Controls break statements and logs; bidi and zero-width characters would make the DDL an approver reads
// differ from what runs (Trojan Source), so they are refused even inside quotes.
const forbiddenInText = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2069\uFEFF]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const brand = Symbol("floe-sql");

class IdentImpl {
  readonly [brand] = "ident";
  constructor(readonly sqlText: string) {}
  toString(): string {
    return this.sqlText;
  }
}
class LiteralImpl {
  readonly [brand] = "literal";
  constructor(readonly sqlText: string) {}
  toString(): string {
    return this.sqlText;
  }
}
class BindImpl {
  readonly [brand] = "bind";
  constructor(readonly value: BindValue) {}
}
class SqlImpl {
  readonly [brand] = "sql";
  constructor(
    readonly text: string,
    readonly binds: readonly BindValue[],
  ) {}
  /** The serialisable form stored in a plan: binds omitted when there are none. */
  toStatement(): Statement {
    return this.binds.length > 0 ? { sql: this.text, binds: [...this.binds] } : { sql: this.text };
  }
}

export type Ident = IdentImpl;
export type Literal = LiteralImpl;
export type Bind = BindImpl;
export type Sql = SqlImpl;
export type BindValue = string | number | boolean | null;
export type Statement = { sql: string; binds?: BindValue[] };
export type SqlValue = Ident | Literal | Bind | Sql | number;

function checkText(value: unknown, what: string): string {
  if (typeof value !== "string") throw new SqlBuildError(`${what} must be a string`);
  if (forbiddenInText.test(value)) throw new SqlBuildError(`${what} contains a control, bidi or zero-width character`);
  if (loneSurrogate.test(value)) throw new SqlBuildError(`${what} contains an unpaired surrogate`);
  return value;
}

/**
 * Quotes one identifier part. Generated identifiers are already upper case and are passed as-is (quoting
 * keeps Snowflake from re-interpreting them); `"` is doubled so the part can never close the quotes early.
 */
export function quoteIdent(part: string): Ident {
  const text = checkText(part, "identifier");
  if (text === "") throw new SqlBuildError("identifier must not be empty");
  if ([...text].length > MAX_IDENTIFIER_LENGTH)
    throw new SqlBuildError(`identifier longer than ${MAX_IDENTIFIER_LENGTH} characters`);
  return new IdentImpl(`"${text.replace(/"/g, '""')}"`);
}

/** `"DB"."SCHEMA"."OBJECT"`: each part quoted on its own. */
export function qualified(...parts: string[]): Ident {
  if (parts.length === 0 || parts.length > 4) throw new SqlBuildError("qualified name needs 1 to 4 parts");
  return new IdentImpl(parts.map((p) => quoteIdent(p).sqlText).join("."));
}

/** `"ORG"."ACCOUNT"` or `"LOCATOR"` for ADD/REMOVE ACCOUNTS; re-validates the stored form first. */
export function accountRef(consumer: string | ConsumerAccount): Ident {
  const parsed =
    typeof consumer === "string"
      ? parseNormalisedConsumerAccount(consumer)
      : parseNormalisedConsumerAccount(consumer.identifier);
  if (!parsed) throw new SqlBuildError("consumer account is not in normalised form");
  return parsed.kind === "locator" ? quoteIdent(parsed.locator) : qualified(parsed.organization, parsed.accountName);
}

/**
 * A single-quoted literal for the few places Snowflake takes no bind (COMMENT, REPLICATION_SCHEDULE,
 * SHOW ... LIKE). Only for text the service generated; `\` and `'` are escaped (Snowflake treats `\` as an
 * escape character inside string literals).
 */
export function sqlStringLiteral(text: string): Literal {
  const value = checkText(text, "literal");
  if (value.length > MAX_LITERAL_LENGTH) throw new SqlBuildError("literal too long");
  return new LiteralImpl(`'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`);
}

// A data type name with an optional (precision[, scale]) as the catalog writes it: VARCHAR(16777216),
// NUMBER(38,0), TIMESTAMP_LTZ(9), ARRAY. Nothing else (no spaces, quotes or keywords) gets through.
const dataTypePattern = /^[A-Z][A-Z0-9_]{0,30}(\([0-9]{1,8}(,[0-9]{1,3})?\))?$/;

/** A column data type for CREATE TABLE (from the catalog, never from user text), checked against a strict shape. */
export function sqlDataType(type: string): Literal {
  const text = checkText(type, "data type");
  if (!dataTypePattern.test(text)) throw new SqlBuildError("data type must look like NAME or NAME(precision[,scale])");
  return new LiteralImpl(text);
}

/** A value sent separately from the SQL text (`?`). */
export function bind(value: BindValue): Bind {
  if (typeof value === "number" && !Number.isFinite(value)) throw new SqlBuildError("bind number must be finite");
  return new BindImpl(value);
}

function isBranded(value: unknown, kind: string): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === kind;
}

/**
 * A Snowflake Scripting block as a dollar-quoted body (`AS $$…$$`, create-procedure), built from statements
 * that were themselves built with `sql` (so every name and literal inside is already quoted). Refuses binds
 * (a body is stored text) and any `$$`, which would end the body early.
 */
export function sqlDollarQuoted(statements: readonly Sql[], result: Literal): Sql {
  const lines = statements.map((s) => {
    if (!isBranded(s, "sql")) throw new SqlBuildError("block statements must be built with sql");
    if (s.binds.length > 0) throw new SqlBuildError("a stored block cannot take binds");
    return `  ${s.text};`;
  });
  const text = `BEGIN\n${lines.join("\n")}\n  RETURN ${result.sqlText};\nEND`;
  if (text.includes("$$")) throw new SqlBuildError("a dollar-quoted block cannot contain $$");
  return new SqlImpl(`$$${text}$$`, []);
}

/** Tagged template: sql`GRANT USAGE ON DATABASE ${quoteIdent(db)} TO SHARE ${quoteIdent(share)}`. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  // Real template string arrays are frozen and carry `raw`; refusing anything else stops sql(["..."+x]).
  if (!Array.isArray(strings) || !Object.isFrozen(strings) || !Array.isArray((strings as TemplateStringsArray).raw)) {
    throw new SqlBuildError("sql must be used as a tagged template");
  }
  let text = strings[0];
  const binds: BindValue[] = [];
  values.forEach((value, i) => {
    text += render(value, binds) + strings[i + 1];
  });
  return new SqlImpl(text, binds);
}

function render(value: SqlValue, binds: BindValue[]): string {
  if (isBranded(value, "ident") || isBranded(value, "literal")) return (value as Ident).sqlText;
  if (isBranded(value, "bind")) {
    binds.push((value as Bind).value);
    return "?";
  }
  if (isBranded(value, "sql")) {
    binds.push(...(value as Sql).binds);
    return (value as Sql).text;
  }
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  throw new SqlBuildError(
    `refusing to interpolate a raw ${typeof value} into SQL; use quoteIdent, bind or sqlStringLiteral`,
  );
}

/** Joins fragments with one of a few fixed separators (never a caller-supplied string). */
export function sqlJoin(parts: readonly (Sql | Ident)[], separator: ", " | " " | ",\n  " = ", "): Sql {
  const binds: BindValue[] = [];
  const text = parts.map((p) => render(p, binds)).join(separator);
  return new SqlImpl(text, binds);
}

/**
 * Reads back one quoted identifier that must span the whole input; undefined when it is not exactly one
 * well-formed quoted identifier. Used by tests and by verify to compare SHOW output with the plan.
 */
export function unquoteIdent(quoted: string): string | undefined {
  if (quoted.length < 2 || quoted[0] !== '"') return undefined;
  let out = "";
  let i = 1;
  while (i < quoted.length) {
    const ch = quoted[i];
    if (ch === '"') {
      if (quoted[i + 1] === '"') {
        out += '"';
        i += 2;
        continue;
      }
      return i === quoted.length - 1 ? out : undefined; // a closing quote anywhere but the end = early termination
    }
    out += ch;
    i += 1;
  }
  return undefined;
}

/** One bind value as a SQL literal: text through sqlStringLiteral's escaping, finite numbers, TRUE/FALSE, NULL. */
export function bindLiteral(value: BindValue): Literal {
  if (value === null) return new LiteralImpl("NULL");
  if (typeof value === "boolean") return new LiteralImpl(value ? "TRUE" : "FALSE");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SqlBuildError("bind number must be finite");
    return new LiteralImpl(String(value));
  }
  return sqlStringLiteral(value);
}

/**
 * A statement built by `sql` with its `?` placeholders replaced by the bind values as literals (bindLiteral), for
 * text that runs where the driver's binds cannot reach: a statement inside a Snowflake Scripting block. Only `?`
 * outside quoted identifiers, string literals and $$ text count; their number must equal the binds'.
 */
export function inlineBinds(statement: Statement): Statement {
  const binds = statement.binds ?? [];
  const text = statement.sql;
  let out = "";
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < text.length) {
        if (ch === "'" && text[j] === "\\") j += 2;
        else if (text[j] === ch && text[j + 1] === ch) j += 2;
        else if (text[j] === ch) break;
        else j++;
      }
      if (j >= text.length) throw new SqlBuildError("unterminated quote in statement");
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === "$" && text[i + 1] === "$") {
      throw new SqlBuildError("$$ text cannot be inlined into a block");
    } else if (ch === "?") {
      if (next >= binds.length) throw new SqlBuildError("statement has more placeholders than binds");
      out += bindLiteral(binds[next++]).sqlText;
    } else out += ch;
  }
  if (next !== binds.length) throw new SqlBuildError("statement has fewer placeholders than binds");
  return { sql: out };
}
