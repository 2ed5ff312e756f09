// Identifier rules shared by the parser, the rewriter and the catalog.
import type { Token } from "./tokenizer";

/** Unquoted identifiers resolve upper case; quoted ones keep their case (Snowflake's rule). */
export const identValue = (t: Token) => (t.kind === "qident" ? t.value : t.value.toUpperCase());

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const quoteString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** How a name is displayed in messages: plain when it would survive unquoted, quoted otherwise. */
export const displayName = (name: string) => (/^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : quoteIdent(name));

export const qualified = (...parts: string[]) => parts.map(displayName).join(".");

/** The DuckDB schema holding one Snowflake (account, database, schema). */
export const duckSchema = (locator: string, database: string, schema: string) => `${locator}$${database}$${schema}`;

export const duckTable = (locator: string, database: string, schema: string, table: string) =>
  `${quoteIdent(duckSchema(locator, database, schema))}.${quoteIdent(table)}`;

/** Snowflake LIKE pattern (case-insensitive for SHOW) as a RegExp. */
export function likeToRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === "%") re += ".*";
    else if (c === "_") re += ".";
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "is");
}
