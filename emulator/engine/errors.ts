// Snowflake-shaped errors. Codes and messages follow shared SHARING.md's error table; where Snowflake's
// exact code is unverified the choice is documented in emulator/README.md ("Engine").
import { SnowflakeError } from "./types";

const compilation = (text: string) => `SQL compilation error:\n${text}`;

export const errors = {
  doesNotExist: (kind: string, name: string) =>
    new SnowflakeError("002003", "02000", compilation(`${kind} '${name}' does not exist or not authorized.`)),
  // A query naming a missing table/view: same code and text, SQLSTATE 42S02 as Snowflake's documentation
  // shows it (release-notes/bcr-bundles/un-bundled/bcr-1858: "002003 (42S02): SQL compilation error:
  // Object 'DB.SC.MYTABLE' does not exist or not authorized"). DDL on missing objects keeps 02000.
  missingInQuery: (message: string) => new SnowflakeError("002003", "42S02", message),
  invalidIdentifier: (line: number, position: number, name: string) =>
    new SnowflakeError(
      "000904",
      "42000",
      `SQL compilation error: error line ${line} at position ${position}\ninvalid identifier '${name}'`,
    ),
  unknownFunction: (name: string) => new SnowflakeError("002140", "42601", compilation(`Unknown function ${name}`)),
  // Snowflake's "Timestamp 'x' is not recognized" (100035 / 22007) for strings no input format accepts.
  badTimestamp: (text: string) => new SnowflakeError("100035", "22007", text),
  alreadyExists: (name: string) =>
    new SnowflakeError("002002", "42710", compilation(`Object '${name}' already exists.`)),
  insufficientPrivileges: (kind: string, name: string) =>
    new SnowflakeError(
      "003001",
      "42501",
      `SQL access control error:\nInsufficient privileges to operate on ${kind} '${name}'`,
    ),
  syntax: (line: number, position: number, token: string) =>
    new SnowflakeError(
      "001003",
      "42000",
      compilation(`syntax error line ${line} at position ${position} unexpected '${token}'.`),
    ),
  unsupported: (what: string) =>
    new SnowflakeError("001003", "42000", compilation(`${what} is not supported by the Floe Snowflake emulator.`)),
  invalid: (text: string) => new SnowflakeError("002029", "42601", compilation(text)),
  // A placeholder without a value: Snowflake answers "002049 (42601): SQL compilation error: error line L at
  // position P\nBind variable ? not set." (seen from Snowflake's drivers; no documentation page states it).
  unboundBind: (line: number, position: number, name: string) =>
    new SnowflakeError(
      "002049",
      "42601",
      `SQL compilation error: error line ${line} at position ${position}\nBind variable ${name} not set.`,
    ),
  noCurrentDatabase: (command: string) =>
    new SnowflakeError(
      "090105",
      "22000",
      `Cannot perform ${command}. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.`,
    ),
  noCurrentSchema: (command: string) =>
    new SnowflakeError(
      "090106",
      "22000",
      `Cannot perform ${command}. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.`,
    ),
  // Consumer side after REMOVE ACCOUNTS / DROP SHARE (Snowflake's documented wording).
  sharedDatabaseUnavailable: () =>
    new SnowflakeError(
      "003030",
      "02000",
      compilation(
        "Shared database is no longer available for use. It will need to be re-created if and when the publisher makes it available again.",
      ),
    ),
  // Unverified code: Snowflake refuses direct shares across regions; this message explains the remedy.
  crossRegion: (account: string, accountRegion: string, providerRegion: string) =>
    new SnowflakeError(
      "003135",
      "0A000",
      compilation(
        `Cannot add account '${account}' (region ${accountRegion}) to a share owned by an account in region ${providerRegion}. ` +
          "Direct shares can only be consumed in the provider's region; replicate the database to an account in the consumer's region and share from there.",
      ),
    ),
  // Unverified code (003136 / 42501 are the emulator's); the text is the one Snowflake documents for sharing a
  // non-secure view (release-notes/bcr-bundles/2023_06/bcr-1220: "SQL compilation error: A view can only be shared
  // if it is created as a SECURE view, or marked SECURE using ALTER VIEW V SET SECURE.").
  nonSecureView: () =>
    new SnowflakeError(
      "003136",
      "42501",
      compilation(
        "A view can only be shared if it is created as a SECURE view, or marked SECURE using ALTER VIEW V SET SECURE.",
      ),
    ),
  // Unverified code, as nonSecureView: only secure UDFs can be shared.
  nonSecureFunction: (name: string) =>
    new SnowflakeError(
      "003136",
      "42501",
      compilation(
        `A view or function being shared cannot be defined using non-secure objects. Function '${name}' is not secure.`,
      ),
    ),
  readOnlyDatabase: (name: string, why: "shared" | "replica") =>
    new SnowflakeError(
      "003037",
      "42501",
      compilation(
        why === "shared"
          ? `Cannot modify an object in shared database '${name}': shared databases are read-only.`
          : `Cannot modify an object in secondary (replica) database '${name}': replica databases are read-only.`,
      ),
    ),
  // Unverified code (Snowflake documents the rule, drop-row-access-policy usage notes, not the error text).
  policyAttached: (policy: string, object: string) =>
    new SnowflakeError(
      "003134",
      "42601",
      compilation(
        `Row access policy '${policy}' is attached to '${object}'. Detach it first (ALTER TABLE|VIEW … DROP ROW ACCESS POLICY).`,
      ),
    ),
  // Unverified code: one row access policy per table or view (documented limit, security-row-intro).
  onePolicyPerObject: (object: string) =>
    new SnowflakeError(
      "003133",
      "42601",
      compilation(
        `Object '${object}' already has a row access policy attached. A table or view can have only one row access policy at a time.`,
      ),
    ),
  duck: (message: string) => fromDuck(message),
};

// Streams and tasks (codes unverified: the documentation names the conditions, not the codes; see emulator/README.md).
export const streamErrors = {
  stale: (name: string, staleAfter: string) =>
    new SnowflakeError(
      "091901",
      "55000",
      `SQL execution error: Stream ${name} is stale: its offset is outside the data retention period of its source (stale after ${staleAfter}). Recreate the stream.`,
    ),
  sourceGone: (name: string, source: string) =>
    new SnowflakeError(
      "091902",
      "55000",
      `SQL execution error: Base table '${source}' dropped, cannot read from stream '${name}'.`,
    ),
  rootNotSuspended: (root: string) =>
    new SnowflakeError(
      "091092",
      "55000",
      `SQL execution error: Unable to update graph with root task ${root} since that root task is not suspended.`,
    ),
};

/**
 * A DuckDB failure in Snowflake's words. DuckDB's own text (and the internal schema names in it) never reaches the
 * client: a few classes map to Snowflake's error for the same fault, the rest to one generic compilation error.
 * Codes/texts of the mapped classes are unverified (see emulator/README.md, "Error codes and their sources").
 */
function fromDuck(message: string): SnowflakeError {
  const value =
    /Could not convert string (?:'((?:[^']|'')*)'|"([^"]*)") to (?:INT|BIGINT|HUGEINT|SMALLINT|TINYINT|DECIMAL|DOUBLE|FLOAT|UINT)/i.exec(
      message,
    );
  if (value)
    return new SnowflakeError("100038", "22018", `Numeric value '${value[1] ?? value[2]}' is not recognized`, message);
  if (/^Constraint Error: NOT NULL constraint failed/i.test(message)) {
    return new SnowflakeError("100072", "22000", "NULL result in a non-nullable column", message);
  }
  const args = /No function matches the given name and argument types '([A-Za-z_][\w$]*)\(/i.exec(message);
  if (args)
    return new SnowflakeError(
      "001044",
      "42P13",
      compilation(`Invalid argument types for function '${args[1].toUpperCase()}'`),
      message,
    );
  if (/Malformed JSON|JSON (?:parse|structure) error/i.test(message)) {
    return new SnowflakeError("100069", "22P02", "Error parsing JSON: invalid JSON text", message);
  }
  if (/Division by zero/i.test(message)) return new SnowflakeError("100051", "22012", "Division by zero", message);
  return new SnowflakeError(
    "002140",
    "42601",
    compilation("The statement cannot be compiled by the Floe Snowflake emulator."),
    message,
  );
}
