// Snowflake functions and literal forms DuckDB spells differently, applied by the rewriter. Fixed-arity
// functions are DuckDB macros (duck.ts); variadic ones cannot be macros, so they are renamed here.

/** Variadic Snowflake functions → DuckDB functions with the same arguments. */
export const RENAMED_FUNCTIONS: Record<string, string> = {
  ARRAY_CONSTRUCT: "json_array",
  // OBJECT_CONSTRUCT omits pairs whose value is NULL; the _KEEP_NULL form keeps them
  // (https://docs.snowflake.com/en/sql-reference/functions/object_construct_keep_null). See WRAPPED_FUNCTIONS.
  OBJECT_CONSTRUCT_KEEP_NULL: "json_object",
  // Fixed arity, but DuckDB has its own array_append (for lists), so the macro needs another name (duck.ts).
  ARRAY_APPEND: "sf_array_append",
};

/**
 * Variadic Snowflake functions DuckDB has no one function for: the call is opened with `open` and its closing
 * parenthesis followed by `close`. OBJECT_CONSTRUCT = json_object without its NULL-valued pairs: a JSON merge
 * patch onto {} drops them (RFC 7386). It also drops NULLs inside nested objects, where Snowflake keeps those an
 * inner OBJECT_CONSTRUCT_KEEP_NULL made (emulator/README.md).
 */
export const WRAPPED_FUNCTIONS: Record<string, { open: string; close: string }> = {
  OBJECT_CONSTRUCT: { open: "json_merge_patch('{}', json_object", close: ")" },
};

// Snowflake's AUTO timestamp input accepts a space before the UTC offset ('2024-03-01 14:34:56.789 +02:00');
// DuckDB reads "+02:00" after a space as a time zone name and fails. The offset follows a time of day.
const SPACED_OFFSET = /(\d:\d{2}(?::\d{2}(?:\.\d*)?)?)\s+([+-]\d{1,2}(?::?\d{2})?)\s*$/;
const ANY_OFFSET = /(\d:\d{2}(?::\d{2}(?:\.\d*)?)?)\s*([+-]\d{1,2}(?::?\d{2})?|Z)\s*$/i;

/**
 * A string literal cast to a timestamp type, in DuckDB's spelling: the offset is joined to the time for
 * TIMESTAMPTZ (LTZ/TZ), and dropped for TIMESTAMP (NTZ keeps the wall clock and ignores the offset).
 */
export function timestampLiteralText(value: string, duckType: string): string {
  if (duckType === "TIMESTAMPTZ") return value.replace(SPACED_OFFSET, "$1$2");
  if (duckType === "TIMESTAMP") return value.replace(ANY_OFFSET, "$1");
  return value;
}

/** SQL regex literals of the same rules, for the TO_TIMESTAMP_* macros that parse strings at run time. */
export const SQL_SPACED_OFFSET = String.raw`'(\d:\d{2}(:\d{2}(\.\d*)?)?)\s+([+-]\d{1,2}(:?\d{2})?)\s*$', '\1\4'`;
export const SQL_ANY_OFFSET = String.raw`'(\d:\d{2}(:\d{2}(\.\d*)?)?)\s*([+-]\d{1,2}(:?\d{2})?|[zZ])\s*$', '\1'`;
