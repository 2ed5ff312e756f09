// DuckDB macros for the Snowflake functions the front-end's transforms rename to (created with duck.ts's macros).
export const FRONT_END_MACROS = [
  // UNIFORM(min, max, gen) (https://docs.snowflake.com/en/sql-reference/functions/uniform): integer in [min, max]
  // when both bounds are integer constants, else a float; the same gen gives the same value, so a constant gen is
  // one value for every row and RANDOM() a new one per row.
  "sf_uniform_int(lo, hi, g) AS CAST(lo + CAST(hash(g) % CAST(hi - lo + 1 AS UBIGINT) AS BIGINT) AS BIGINT)",
  "sf_uniform_float(lo, hi, g) AS CAST(lo AS DOUBLE) + (CAST(hash(g) AS DOUBLE) / 18446744073709551616.0) * (hi - lo)",
  // RANDOM() (https://docs.snowflake.com/en/sql-reference/functions/random): a pseudo-random 64-bit integer.
  "sf_random() AS CAST(floor((random() * 2 - 1) * 9.2e18) AS BIGINT)",
  // TO_BINARY(s [, format]) (https://docs.snowflake.com/en/sql-reference/functions/to_binary): HEX (the default
  // BINARY_INPUT_FORMAT), BASE64 or UTF-8 text to bytes; TRY_TO_BINARY gives NULL where it fails.
  "sf_to_binary(s, f := 'HEX') AS CASE upper(f) WHEN 'HEX' THEN unhex(CAST(s AS VARCHAR)) " +
    "WHEN 'BASE64' THEN from_base64(CAST(s AS VARCHAR)) WHEN 'UTF-8' THEN encode(CAST(s AS VARCHAR)) " +
    "WHEN 'UTF8' THEN encode(CAST(s AS VARCHAR)) END",
  "sf_try_to_binary(s, f := 'HEX') AS CASE WHEN upper(f) <> 'HEX' OR regexp_full_match(CAST(s AS VARCHAR), '([0-9A-Fa-f]{2})*') " +
    "THEN sf_to_binary(s, f) END",
  // TRY_PARSE_JSON (https://docs.snowflake.com/en/sql-reference/functions/try_parse_json): NULL where PARSE_JSON fails.
  "try_parse_json(a) AS CASE WHEN json_valid(CAST(a AS VARCHAR)) THEN json(CAST(a AS VARCHAR)) END",
  // Text of a date/time value in the session's output formats (text-casts.ts passes them, strftime-translated):
  // DATE, TIMESTAMP_NTZ, TIMESTAMP_LTZ/TZ (one DuckDB type), TIME; TZH/TZM markers become the value's UTC offset.
  "sf_tz_offset(t) AS (CASE WHEN date_part('timezone', t) < 0 THEN '-' ELSE '+' END) || " +
    "lpad(CAST(abs(date_part('timezone_hour', t)) AS VARCHAR), 2, '0')",
  "sf_text(x, df, nf, lf, hf) AS CASE typeof(x) WHEN 'DATE' THEN strftime(try_cast(x AS DATE), df) " +
    "WHEN 'TIMESTAMP' THEN strftime(try_cast(x AS TIMESTAMP), nf) " +
    "WHEN 'TIMESTAMP WITH TIME ZONE' THEN replace(replace(strftime(try_cast(x AS TIMESTAMPTZ), lf), '\u00a7H', " +
    "sf_tz_offset(try_cast(x AS TIMESTAMPTZ))), '\u00a7M', lpad(CAST(abs(date_part('timezone_minute', try_cast(x AS TIMESTAMPTZ))) AS VARCHAR), 2, '0')) " +
    "WHEN 'TIME' THEN strftime(CAST('1970-01-01' AS DATE) + try_cast(x AS TIME), hf) ELSE CAST(x AS VARCHAR) END",
];
