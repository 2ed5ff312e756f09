// Routes one statement to its handler by its leading keywords.
import { createAccount, createRole, createUser, alterUser, dropRole } from "./commands/account";
import { createDatabase, dropDatabase, use } from "./commands/database";
import { createDatabaseRole, dropDatabaseRole } from "./commands/database-role";
import { grant } from "./commands/grant";
import { alterObject } from "./commands/alter-object";
import { createFunction, dropFunction } from "./commands/function";
import { callProcedure, createProcedure, dropProcedure } from "./commands/procedure";
import { alterRowAccessPolicy, createRowAccessPolicy, dropRowAccessPolicy } from "./commands/row-access-policy";
import { createSchema, createTable, createView, dropObject, type CreateFlags } from "./commands/objects";
import { createStream, dropStream } from "./commands/stream";
import { alterTask, createTask, dropTask, executeTask } from "./commands/task";
import { runDml, runSelect } from "./commands/query";
import { isMultiTableInsert, runMultiTableInsert } from "./commands/insert-multi";
import { runMerge } from "./commands/merge";
import { alterReplicationGroup, createReplicationGroup, dropReplicationGroup } from "./commands/replication";
import { alterSession } from "./commands/session";
import { createManagedAccount, dropManagedAccount, showManagedAccounts } from "./commands/managed-accounts";
import { alterShare, createShare, dropShare } from "./commands/share";
import { describe, show } from "./commands/show";
import { truncateTable } from "./commands/truncate";
import type { ExecCtx } from "./context";
import { Cursor } from "./cursor";
import { errors } from "./errors";
import type { Partial } from "./result";
import type { SplitStatement } from "./split-statements";
import { anonymousBlockStatement, executeImmediateStatement } from "./scripting/execute-immediate";
import { isScript } from "./scripting/parse-block";

export async function dispatch(ctx: ExecCtx, stmt: SplitStatement): Promise<Partial> {
  const c = new Cursor(stmt.tokens, stmt.text);
  const first = c.peek();
  const verb =
    first?.kind === "ident" ? first.value.toUpperCase() : first?.kind === "op" && first.value === "(" ? "SELECT" : "";
  if (verb === "EXECUTE" && c.isKw("TASK", 1)) {
    c.next();
    return executeTask(ctx, c);
  }
  switch (verb) {
    case "SELECT":
    case "WITH":
      return runSelect(ctx, stmt.tokens);
    case "INSERT":
      if (isMultiTableInsert(stmt.tokens)) return runMultiTableInsert(ctx, stmt.tokens);
      return runDml(ctx, verb, stmt.tokens);
    case "DELETE":
    case "UPDATE":
      return runDml(ctx, verb, stmt.tokens);
    case "MERGE":
      return runMerge(ctx, stmt.tokens, stmt.text);
    case "USE":
      c.next();
      return use(ctx, c);
    case "TRUNCATE":
      c.next();
      return truncateTable(ctx, c);
    case "SHOW":
      c.next();
      if (c.acceptKw("MANAGED", "ACCOUNTS")) return showManagedAccounts(ctx, c);
      return show(ctx, c);
    case "DESC":
    case "DESCRIBE":
      c.next();
      return describe(ctx, c);
    case "GRANT":
      c.next();
      return grant(ctx, c, false);
    case "REVOKE":
      c.next();
      return grant(ctx, c, true);
    case "CREATE":
      c.next();
      return create(ctx, c, stmt.text);
    // Snowflake Scripting (./scripting): EXECUTE IMMEDIATE, anonymous blocks, stored procedures.
    case "EXECUTE":
      if (c.isKw("IMMEDIATE", 1)) return executeImmediateStatement(ctx, stmt);
      return unknownStatement(c, verb);
    case "DECLARE":
    case "BEGIN":
      return isScript(stmt.tokens) ? anonymousBlockStatement(ctx, stmt) : unknownStatement(c, verb);
    case "CALL":
      return callProcedure(ctx, stmt);
    case "ALTER": {
      c.next();
      if (c.acceptKw("SHARE")) return alterShare(ctx, c);
      if (c.acceptKw("USER")) return alterUser(ctx, c);
      if (c.acceptKw("REPLICATION", "GROUP")) return alterReplicationGroup(ctx, c);
      if (c.acceptKw("SESSION")) return alterSession(ctx, c);
      if (c.acceptKw("VIEW")) return alterObject(ctx, c, "VIEW");
      if (c.acceptKw("TABLE")) return alterObject(ctx, c, "TABLE");
      if (c.acceptKw("ROW", "ACCESS", "POLICY")) return alterRowAccessPolicy(ctx, c);
      if (c.acceptKw("TASK")) return alterTask(ctx, c);
      throw errors.unsupported(`ALTER ${c.peek()?.value.toUpperCase() ?? ""}`);
    }
    case "DROP": {
      c.next();
      if (c.acceptKw("MANAGED", "ACCOUNT")) return dropManagedAccount(ctx, c);
      if (c.acceptKw("DATABASE", "ROLE")) return dropDatabaseRole(ctx, c);
      if (c.acceptKw("DATABASE")) return dropDatabase(ctx, c);
      if (c.acceptKw("SCHEMA")) return dropObject(ctx, c, "SCHEMA");
      if (c.acceptKw("TABLE")) return dropObject(ctx, c, "TABLE");
      if (c.acceptKw("VIEW")) return dropObject(ctx, c, "VIEW");
      if (c.acceptKw("SHARE")) return dropShare(ctx, c);
      if (c.acceptKw("ROLE")) return dropRole(ctx, c);
      if (c.acceptKw("ROW", "ACCESS", "POLICY")) return dropRowAccessPolicy(ctx, c);
      if (c.acceptKw("FUNCTION")) return dropFunction(ctx, c);
      if (c.acceptKw("PROCEDURE")) return dropProcedure(ctx, c);
      if (c.acceptKw("REPLICATION", "GROUP")) return dropReplicationGroup(ctx, c);
      if (c.acceptKw("STREAM")) return dropStream(ctx, c);
      if (c.acceptKw("TASK")) return dropTask(ctx, c);
      throw errors.unsupported(`DROP ${c.peek()?.value.toUpperCase() ?? ""}`);
    }
    default:
      return unknownStatement(c, verb);
  }
}

// A word Snowflake knows as a command is a gap of the emulator; any other word is a syntax error there
// ("syntax error line 1 at position 0 unexpected 'SELEC'.").
function unknownStatement(c: Cursor, verb: string): never {
  const first = c.tokens[0];
  if (!first || first.kind !== "ident" || !SNOWFLAKE_COMMANDS.has(verb)) throw c.fail();
  throw errors.unsupported(`The statement ${verb}`);
}

const SNOWFLAKE_COMMANDS = new Set(
  (
    "MERGE CALL COPY PUT GET LIST LS REMOVE RM BEGIN START COMMIT ROLLBACK EXPLAIN TRUNCATE UNDROP " +
    "EXECUTE SET UNSET COMMENT DECLARE LET RETURN VALUES UNSET ABORT KILL"
  ).split(" "),
);

function create(ctx: ExecCtx, c: Cursor, text: string): Promise<Partial> | Partial {
  const flags: CreateFlags = { orReplace: c.acceptKw("OR", "REPLACE"), secure: false };
  if (c.acceptKw("SECURE")) flags.secure = true;
  c.acceptKw("TRANSIENT");
  if (c.acceptKw("DATABASE", "ROLE")) return createDatabaseRole(ctx, c, flags);
  if (c.acceptKw("DATABASE")) return createDatabase(ctx, c, flags);
  if (c.acceptKw("SCHEMA")) return createSchema(ctx, c, flags);
  if (c.acceptKw("TABLE")) return createTable(ctx, c, flags);
  c.acceptKw("RECURSIVE");
  if (c.acceptKw("VIEW")) return createView(ctx, c, flags, text);
  if (c.acceptKw("FUNCTION")) return createFunction(ctx, c, flags);
  if (c.acceptKw("PROCEDURE")) return createProcedure(ctx, c, flags);
  if (flags.secure) throw c.fail();
  if (c.acceptKw("SHARE")) return createShare(ctx, c, flags);
  if (c.acceptKw("ROW", "ACCESS", "POLICY")) return createRowAccessPolicy(ctx, c, flags);
  if (c.acceptKw("MANAGED", "ACCOUNT")) return createManagedAccount(ctx, c);
  if (c.acceptKw("ACCOUNT")) return createAccount(ctx, c);
  if (c.acceptKw("USER")) return createUser(ctx, c, flags);
  if (c.acceptKw("ROLE")) return createRole(ctx, c, flags);
  if (c.acceptKw("REPLICATION", "GROUP")) return createReplicationGroup(ctx, c, flags);
  if (c.acceptKw("STREAM")) return createStream(ctx, c, flags);
  if (c.acceptKw("TASK")) return createTask(ctx, c, flags);
  throw errors.unsupported(`CREATE ${c.peek()?.value.toUpperCase() ?? ""}`);
}
