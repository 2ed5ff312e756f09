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
  // DuckDB's own to_binary turns numbers into bit strings (function-macros.ts has Snowflake's).
  TO_BINARY: "sf_to_binary",
  TRY_TO_BINARY: "sf_try_to_binary",
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
  const text = rfc2822Text(value);
  if (duckType === "TIMESTAMPTZ") return text.replace(SPACED_OFFSET, "$1$2");
  if (duckType === "TIMESTAMP") return text.replace(ANY_OFFSET, "$1");
  return text;
}

// RFC-2822 timestamps, one of AUTO detection's formats (date-time-input-output, "Supported formats for AUTO
// detection": 'Thu, 21 Dec 2000 04:01:07 PM +0200', 'Thu, 21 Dec 2000 16:01:07 +0200'), as ISO text with the offset.
const RFC_2822 =
  /^\s*[A-Za-z]{3},\s*(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AaPp][Mm]))?\s*([+-]\d{4})\s*$/;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

function rfc2822Text(value: string): string {
  const m = RFC_2822.exec(value);
  const month = m ? MONTHS.indexOf(m[2].toUpperCase()) + 1 : 0;
  if (!m || month === 0) return value;
  let hour = Number(m[4]);
  if (m[7]) hour = (hour % 12) + (m[7].toUpperCase() === "PM" ? 12 : 0);
  const two = (n: number | string) => String(n).padStart(2, "0");
  return `${m[3]}-${two(month)}-${two(m[1])} ${two(hour)}:${m[5]}:${m[6]}${m[8].slice(0, 3)}:${m[8].slice(3)}`;
}

/** The same formats for strings parsed at run time (DuckDB strptime; the NTZ form drops the offset first). */
export const SQL_RFC_2822_TZ = "['%a, %d %b %Y %I:%M:%S %p %z', '%a, %d %b %Y %H:%M:%S %z']";
export const SQL_RFC_2822_NTZ = "['%a, %d %b %Y %I:%M:%S %p', '%a, %d %b %Y %H:%M:%S']";

/** SQL regex literals of the same rules, for the TO_TIMESTAMP_* macros that parse strings at run time. */
export const SQL_SPACED_OFFSET = String.raw`'(\d:\d{2}(:\d{2}(\.\d*)?)?)\s+([+-]\d{1,2}(:?\d{2})?)\s*$', '\1\4'`;
export const SQL_ANY_OFFSET = String.raw`'(\d:\d{2}(:\d{2}(\.\d*)?)?)\s*([+-]\d{1,2}(:?\d{2})?|[zZ])\s*$', '\1'`;
