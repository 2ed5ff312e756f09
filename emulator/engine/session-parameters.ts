// Snowflake's session parameters the emulator knows: name, type, default and the description SHOW PARAMETERS
// prints. Values set by ALTER SESSION (or sent at login) live on SessionContext.parameters as normalised text;
// this file validates them, lists them for SHOW PARAMETERS and types them for the `parameters` array of
// every login/query answer (the driver reads TIMEZONE, the *_OUTPUT_FORMATs, JS_TREAT_INTEGER_AS_BIGINT,
// CLIENT_SESSION_KEEP_ALIVE… from there, so a JSON boolean must be a boolean).
//
// Documentation: https://docs.snowflake.com/en/sql-reference/parameters (names, types, defaults),
// https://docs.snowflake.com/en/sql-reference/sql/alter-session ("Parameters are typed. The supported types are
// BOOLEAN, NUMBER, and STRING."), https://docs.snowflake.com/en/sql-reference/sql/show-parameters.
// A pure module: no engine state, so the HTTP server can type its answers with it too.
import { errors } from "./errors";
import { SnowflakeError } from "./types";

export type ParameterType = "BOOLEAN" | "NUMBER" | "STRING";
type Definition = { type: ParameterType; default: string; description: string };

const def = (type: ParameterType, dflt: string, description: string): Definition => ({
  type,
  default: dflt,
  description,
});

/**
 * TIMEZONE's documented default is America/Los_Angeles; the emulator's accounts are set to UTC at account level
 * (ACCOUNT_TIMEZONE below), as many real accounts are, so SHOW PARAMETERS says value UTC, level ACCOUNT.
 */
export const ACCOUNT_TIMEZONE = "UTC";

export const SESSION_PARAMETERS: Readonly<Record<string, Definition>> = {
  ABORT_DETACHED_QUERY: def(
    "BOOLEAN",
    "false",
    "If true, Snowflake will automatically abort queries when it detects that the client has disappeared.",
  ),
  AUTOCOMMIT: def(
    "BOOLEAN",
    "true",
    "Whether each statement is committed on its own (implicitly wrapped in a transaction).",
  ),
  BINARY_INPUT_FORMAT: def("STRING", "HEX", "input format for binary"),
  BINARY_OUTPUT_FORMAT: def("STRING", "HEX", "display format for binary"),
  CLIENT_PREFETCH_THREADS: def("NUMBER", "4", "Customer parameter to control threads, 0=auto"),
  CLIENT_RESULT_CHUNK_SIZE: def("NUMBER", "160", "Set the max result chunk size in MB on the client side"),
  CLIENT_SESSION_KEEP_ALIVE: def("BOOLEAN", "false", "If true, client session will not expire automatically"),
  CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY: def(
    "NUMBER",
    "3600",
    "Heartbeat frequency in seconds for CLIENT_SESSION_KEEP_ALIVE.",
  ),
  CLIENT_TIMESTAMP_TYPE_MAPPING: def(
    "STRING",
    "TIMESTAMP_LTZ",
    "If a variable binding is of type TIMESTAMP, this is the Snowflake type it is bound to",
  ),
  DATE_INPUT_FORMAT: def("STRING", "AUTO", "input format for date"),
  DATE_OUTPUT_FORMAT: def("STRING", "YYYY-MM-DD", "display format for date"),
  ERROR_ON_NONDETERMINISTIC_MERGE: def(
    "BOOLEAN",
    "true",
    "raise an error when attempting to merge-update a row that joins many rows",
  ),
  ERROR_ON_NONDETERMINISTIC_UPDATE: def(
    "BOOLEAN",
    "false",
    "raise an error when attempting to update a row that joins many rows",
  ),
  JS_TREAT_INTEGER_AS_BIGINT: def(
    "BOOLEAN",
    "false",
    "If true, the nodejs client will convert all integer columns to bigint type",
  ),
  JSON_INDENT: def("NUMBER", "2", "Width of indentation in JSON output (0 for compact)"),
  LOCK_TIMEOUT: def(
    "NUMBER",
    "43200",
    "Number of seconds to wait while trying to lock a resource, before timing out and aborting the statement. A value of 0 turns off lock waiting i.e. the statement must acquire the lock immediately or abort. If multiple resources need to be locked by the statement, the timeout applies separately to each lock attempt.",
  ),
  MULTI_STATEMENT_COUNT: def(
    "NUMBER",
    "1",
    "Number of statements a request must contain: 1 = one, N = exactly N, 0 = any number.",
  ),
  QUERY_TAG: def("STRING", "", "String (up to 4096 characters) used to tag statements executed by the session"),
  QUOTED_IDENTIFIERS_IGNORE_CASE: def("BOOLEAN", "false", "If true, the case of quoted identifiers is ignored"),
  ROWS_PER_RESULTSET: def("NUMBER", "0", "Maximum number of rows in a result set (0 = no maximum)."),
  // user-guide/data-sharing-secure-views ("Validate the tables and secure view"); applied by simulated-consumer.ts.
  SIMULATED_DATA_SHARING_CONSUMER: def(
    "STRING",
    "",
    "Secure views return the rows a user of this consumer account would see through a share.",
  ),
  STATEMENT_QUEUED_TIMEOUT_IN_SECONDS: def(
    "NUMBER",
    "0",
    "Timeout in seconds for queued statements: statements will automatically be canceled if they are queued on a warehouse for longer than this amount of time; disabled if set to zero.",
  ),
  STATEMENT_TIMEOUT_IN_SECONDS: def(
    "NUMBER",
    "172800",
    "Timeout in seconds for statements: statements are automatically canceled if they run for longer; if set to zero, max value (604800) is enforced.",
  ),
  TIME_INPUT_FORMAT: def("STRING", "AUTO", "input format for time"),
  TIME_OUTPUT_FORMAT: def("STRING", "HH24:MI:SS", "display format for time"),
  TIMESTAMP_DAY_IS_ALWAYS_24H: def(
    "BOOLEAN",
    "false",
    "If set, arithmetic on days always uses 24 hours per day, possibly not preserving the time (due to DST changes)",
  ),
  TIMESTAMP_INPUT_FORMAT: def("STRING", "AUTO", "input format for timestamp"),
  TIMESTAMP_LTZ_OUTPUT_FORMAT: def(
    "STRING",
    "",
    "Display format for TIMESTAMP_LTZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.",
  ),
  TIMESTAMP_NTZ_OUTPUT_FORMAT: def(
    "STRING",
    "YYYY-MM-DD HH24:MI:SS.FF3",
    "Display format for TIMESTAMP_NTZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.",
  ),
  TIMESTAMP_OUTPUT_FORMAT: def(
    "STRING",
    "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
    "Default display format for all timestamp types.",
  ),
  TIMESTAMP_TYPE_MAPPING: def(
    "STRING",
    "TIMESTAMP_NTZ",
    "Which TIMESTAMP_* variation the TIMESTAMP data type is an alias for.",
  ),
  TIMESTAMP_TZ_OUTPUT_FORMAT: def(
    "STRING",
    "",
    "Display format for TIMESTAMP_TZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.",
  ),
  TIMEZONE: def("STRING", "America/Los_Angeles", "time zone"),
  TRANSACTION_DEFAULT_ISOLATION_LEVEL: def(
    "STRING",
    "READ COMMITTED",
    "Isolation level of transactions that name none.",
  ),
  TWO_DIGIT_CENTURY_START: def(
    "NUMBER",
    "1970",
    "For 2-digit dates, defines a century-start year. For example, when set to 1980, parsing a string '79' will produce 2079, while parsing '80' will produce 1980.",
  ),
  USE_CACHED_RESULT: def(
    "BOOLEAN",
    "true",
    "If enabled, query results can be reused between successive invocations of the same query as long as the original result has not expired",
  ),
  WEEK_OF_YEAR_POLICY: def(
    "NUMBER",
    "0",
    "Defines the policy of assigning weeks to years: 0: the week needs to have 4 days in a given year; 1: a week with January 1st always belongs to a given year.",
  ),
  WEEK_START: def(
    "NUMBER",
    "0",
    "Defines the first day of the week: 0: legacy Snowflake behavior; 1: Monday .. 7: Sunday.",
  ),
};

/** Parameters the answers carry (the driver's reads: connection/result/column.js, parameters.js of snowflake-sdk). */
const ANSWERED = [
  "TIMEZONE",
  "TIMESTAMP_OUTPUT_FORMAT",
  "TIMESTAMP_NTZ_OUTPUT_FORMAT",
  "TIMESTAMP_LTZ_OUTPUT_FORMAT",
  "TIMESTAMP_TZ_OUTPUT_FORMAT",
  "DATE_OUTPUT_FORMAT",
  "TIME_OUTPUT_FORMAT",
  "BINARY_OUTPUT_FORMAT",
  "CLIENT_TIMESTAMP_TYPE_MAPPING",
  "CLIENT_RESULT_CHUNK_SIZE",
  "CLIENT_SESSION_KEEP_ALIVE",
  "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY",
  "JS_TREAT_INTEGER_AS_BIGINT",
  "CLIENT_PREFETCH_THREADS",
  "AUTOCOMMIT",
] as const;

/** Unknown name: 001006 / 22023 as Snowflake's Node driver tests expect it for an unknown ALTER SESSION parameter (text unverified). */
export const invalidParameter = (name: string) =>
  new SnowflakeError("001006", "22023", `SQL compilation error:\ninvalid parameter '${name}'`);

/** Whether the runtime (and so DuckDB's ICU) knows the IANA zone name. */
export function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The normalised text value for `name` (booleans lower case, numbers as integers), or the documented refusal. */
export function normaliseParameter(name: string, raw: string, kind: "string" | "number" | "ident"): string {
  const d = SESSION_PARAMETERS[name];
  if (!d) throw invalidParameter(name);
  // Unverified code/text for a value of the wrong type or an unknown zone (the parameters page lists valid values only).
  const bad = () => errors.invalid(`Invalid value [${raw}] for parameter '${name}'`);
  if (d.type === "BOOLEAN") {
    const v = raw.toUpperCase();
    if (["TRUE", "FALSE"].includes(v)) return v.toLowerCase();
    throw bad();
  }
  if (d.type === "NUMBER") {
    if (kind === "ident" || !/^-?\d+$/.test(raw.trim())) throw bad();
    return String(Number(raw));
  }
  if (name === "TIMEZONE" && !knownTimeZone(raw)) throw bad();
  return raw;
}

export type ParameterRow = {
  key: string;
  value: string;
  default: string;
  level: string;
  description: string;
  type: ParameterType;
};

/** Every session parameter with its effective value and where it was set ("" = default). */
export function parameterRows(set: Record<string, string> | undefined): ParameterRow[] {
  return Object.entries(SESSION_PARAMETERS).map(([key, d]) => {
    const own = set?.[key];
    const account = key === "TIMEZONE" ? ACCOUNT_TIMEZONE : undefined;
    return {
      key,
      value: own ?? account ?? d.default,
      default: d.default,
      level: own !== undefined ? "SESSION" : account !== undefined ? "ACCOUNT" : "",
      description: d.description,
      type: d.type,
    };
  });
}

/** The effective value of one parameter as text. */
export const parameterValue = (set: Record<string, string> | undefined, name: string): string =>
  set?.[name] ?? (name === "TIMEZONE" ? ACCOUNT_TIMEZONE : (SESSION_PARAMETERS[name]?.default ?? ""));

/** The `parameters` array of an answer: JSON-typed values as Snowflake sends them. */
export function answerParameterList(
  set: Record<string, string> | undefined,
  timezone = ACCOUNT_TIMEZONE,
): { name: string; value: string | number | boolean }[] {
  return ANSWERED.map((name) => {
    const text = name === "TIMEZONE" ? (set?.TIMEZONE ?? timezone) : parameterValue(set, name);
    const type = SESSION_PARAMETERS[name].type;
    return { name, value: type === "BOOLEAN" ? text === "true" : type === "NUMBER" ? Number(text) : text };
  });
}
