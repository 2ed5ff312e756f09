// The contract between the emulator's HTTP/protocol layer (emulator/server) and its SQL engine
// (emulator/engine). The server knows sessions, auth, faults and the wire format; the engine knows
// accounts, objects, SQL and sharing. Neither reaches into the other's files.

/** Snowflake's wire type names (PROTOCOL.md "type names"). */
export type WireType =
  | "text"
  | "binary"
  | "boolean"
  | "fixed"
  | "real"
  | "date"
  | "time"
  | "timestamp_ltz"
  | "timestamp_ntz"
  | "timestamp_tz"
  | "variant"
  | "object"
  | "array"
  | "map";

export type ResultColumn = {
  name: string;
  type: WireType;
  nullable: boolean;
  precision?: number | null; // fixed
  scale?: number | null; // fixed, time, timestamps
  length?: number | null; // text, binary
  database?: string;
  schema?: string;
  table?: string;
  /** Structured OBJECT/ARRAY/MAP columns: the typed elements (the rowtype's `fields`, as the SDK reads them). */
  fields?: StructuredField[];
};

/** One element of a structured type's rowtype `fields` (an OBJECT's named fields; an ARRAY's one; a MAP's key and value). */
export type StructuredField = {
  name: string;
  type: WireType;
  nullable: boolean;
  precision: number | null;
  scale: number | null;
  length: number | null;
  fields?: StructuredField[];
};

/**
 * A cell as a JS value; the server encodes it for the wire (fixed → decimal text, boolean → "1"/"0",
 * date → days since epoch, timestamps → "<epochSeconds>.<fraction>", variant/object/array → JSON text).
 * bigint and string are both accepted for fixed; Date for date/time/timestamps; any JSON value for variant.
 */
export type CellValue = string | number | bigint | boolean | Date | null | unknown[] | Record<string, unknown>;

export type StatementResult = {
  columns: ResultColumn[];
  rows: CellValue[][];
  /** PROTOCOL.md: SELECT 0x1000, INSERT 0x3100, UPDATE 0x3200, DELETE 0x3300, USE 0x4300, SHOW 0x4400, DESCRIBE 0x4500, DDL 0x6000+ */
  statementTypeId: number;
  /** The session's current database/schema after the statement (USE changes them). */
  finalDatabase: string | null;
  finalSchema: string | null;
  finalRole: string;
  finalWarehouse: string | null;
};

/** A bind variable as snowflake-sdk sends it: `{ type: "FIXED" | "REAL" | "TEXT" | "BOOLEAN" | "VARIANT", value }`. */
export type Bind = { type: string; value: string | null | (string | null)[] };

/** A Snowflake error: the server answers it with HTTP 200, success: false, code, sqlState and message. */
export class SnowflakeError extends Error {
  constructor(
    readonly code: string, // e.g. "002003"
    readonly sqlState: string, // e.g. "02000"
    message: string, // e.g. "SQL compilation error:\nShare 'S1' does not exist or not authorized."
    /** The emulator's own diagnosis (e.g. DuckDB's text): logged and kept in the query log, never sent to the client. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "SnowflakeError";
  }
}

/** What the engine needs to know about the session running a statement. Mutable: USE changes it. */
export type SessionContext = {
  accountLocator: string; // the account the session is logged into (resolved by the engine at login)
  user: string; // upper case
  role: string; // current role, e.g. ACCOUNTADMIN, ORGADMIN, PUBLIC
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  /** USE SECONDARY ROLES: ALL (also when absent: DEFAULT_SECONDARY_ROLES = ('ALL'), bcr-1692), NONE or a list of the user's roles; see engine/privileges.ts. */
  secondaryRoles?: "ALL" | "NONE" | string[];
  /** ALTER SESSION SET parameters (names upper case); TIMEZONE (IANA name) is applied, others recorded. */
  parameters?: Record<string, string>;
};

/** Called by the server around what a request runs (fault injection aimed at statements inside a block). */
export type ExecHooks = { beforeScriptStatement?: (sqlText: string) => Promise<void> };

export type LoginIdentity = { accountLocator: string; user: string; defaultRole: string };

export interface Engine {
  /**
   * Resolves the `account` a client connects with (locator like "FD10001", "ORG-ACCOUNT", "ORG.ACCOUNT",
   * or a locator with region segments) and checks the password. Returns null when either is wrong.
   */
  loginWithPassword(account: string, user: string, password: string): Promise<LoginIdentity | null>;
  /** The RSA public keys (PEM, SPKI) registered for a user (ALTER USER ... SET RSA_PUBLIC_KEY / _2), for key-pair JWT login. */
  publicKeysFor(account: string, user: string): Promise<{ identity: LoginIdentity; publicKeysPem: string[] } | null>;
  /**
   * Runs one request's SQL text: one statement, or several separated by `;` (the server passes
   * MULTI_STATEMENT_COUNT semantics: the engine splits and returns one result per statement, stopping at
   * the first error, which it throws as SnowflakeError). Binds apply to a single statement.
   */
  execute(
    session: SessionContext,
    sqlText: string,
    binds: Bind[] | undefined,
    hooks?: ExecHooks,
  ): Promise<StatementResult[]>;
  /** Counts statements in a SQL text the way execute() splits it (for MULTI_STATEMENT_COUNT checks). */
  countStatements(sqlText: string): number;
  /** The engine's controllable clock (emulator/engine/clock.ts), when it has one: the admin API's /clock. */
  readonly clock?: import("./clock").ClockControl;
  /** Drops every account and object and restores the seeded state (tests). */
  reset(): Promise<void>;
  close(): Promise<void>;
}
