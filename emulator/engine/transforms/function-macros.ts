// DuckDB macros for the Snowflake functions the front-end's transforms rename to (created with duck.ts's macros).
export const FRONT_END_MACROS = [
  // UNIFORM(min, max, gen) (https://docs.snowflake.com/en/sql-reference/functions/uniform): integer in [min, max]
  // when both bounds are integer constants, else a float; the same gen gives the same value, so a constant gen is
  // one value for every row and RANDOM() a new one per row.
  "sf_uniform_int(lo, hi, g) AS CAST(lo + CAST(hash(g) % CAST(hi - lo + 1 AS UBIGINT) AS BIGINT) AS BIGINT)",
  "sf_uniform_float(lo, hi, g) AS CAST(lo AS DOUBLE) + (CAST(hash(g) AS DOUBLE) / 18446744073709551616.0) * (hi - lo)",
  // RANDOM() (https://docs.snowflake.com/en/sql-reference/functions/random): a pseudo-random 64-bit integer.
  "sf_random() AS CAST(floor((random() * 2 - 1) * 9.2e18) AS BIGINT)",
  // TRY_PARSE_JSON (https://docs.snowflake.com/en/sql-reference/functions/try_parse_json): NULL where PARSE_JSON fails.
  "try_parse_json(a) AS CASE WHEN json_valid(CAST(a AS VARCHAR)) THEN json(CAST(a AS VARCHAR)) END",
];
