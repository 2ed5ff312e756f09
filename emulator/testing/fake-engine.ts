// A tiny in-memory Engine for server tests that must not depend on the SQL engine's behaviour
// (e.g. an engine that throws a non-Snowflake error). It understands a handful of fixed statements.
import {
  SnowflakeError,
  type Bind,
  type Engine,
  type LoginIdentity,
  type SessionContext,
  type StatementResult,
} from "../engine/types";

export const FAKE_ACCOUNT = "FAKE01";
export const FAKE_USER = "TESTER";
export const FAKE_PASSWORD = "fake-password";

const result = (
  ctx: SessionContext,
  columns: StatementResult["columns"],
  rows: unknown[][],
  statementTypeId = 0x1000,
): StatementResult => ({
  columns,
  rows: rows as StatementResult["rows"],
  statementTypeId,
  finalDatabase: ctx.database,
  finalSchema: ctx.schema,
  finalRole: ctx.role,
  finalWarehouse: ctx.warehouse,
});

export type FakeEngine = Engine & {
  publicKeys: string[];
  executed: string[];
  /** Canned answers by exact (trimmed, upper-cased) statement text, checked first. */
  answers: Map<
    string,
    (
      ctx: SessionContext,
      binds: Bind[] | undefined,
    ) => Omit<StatementResult, "finalDatabase" | "finalSchema" | "finalRole" | "finalWarehouse">
  >;
};

export function createFakeEngine(): FakeEngine {
  const identity: LoginIdentity = { accountLocator: FAKE_ACCOUNT, user: FAKE_USER, defaultRole: "PUBLIC" };
  const matches = (account: string, user: string) =>
    [FAKE_ACCOUNT, "FAKEORG-MAIN", "FAKEORG.MAIN"].includes(account.toUpperCase()) && user.toUpperCase() === FAKE_USER;
  const engine: FakeEngine = {
    publicKeys: [],
    executed: [],
    answers: new Map(),
    async loginWithPassword(account, user, password) {
      return matches(account, user) && password === FAKE_PASSWORD ? identity : null;
    },
    async publicKeysFor(account, user) {
      return matches(account, user) ? { identity, publicKeysPem: engine.publicKeys } : null;
    },
    countStatements: (sql) => sql.split(";").filter((s) => s.trim()).length,
    async execute(ctx, sqlText, binds) {
      const out: StatementResult[] = [];
      for (const statement of sqlText
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean)) {
        engine.executed.push(statement);
        const canned = engine.answers.get(statement.toUpperCase());
        if (canned) {
          const r = canned(ctx, binds);
          out.push(result(ctx, r.columns, r.rows, r.statementTypeId));
        } else out.push(await run(ctx, statement, binds));
      }
      return out;
    },
    async reset() {
      engine.executed = [];
    },
    async close() {},
  };
  return engine;
}

async function run(ctx: SessionContext, sql: string, binds: Bind[] | undefined): Promise<StatementResult> {
  let m: RegExpExecArray | null;
  if (/^select 1$/i.test(sql)) return result(ctx, [{ name: "1", type: "fixed", nullable: false }], [[1]]);
  if (/^select \?(\s*,\s*\?)*$/i.test(sql)) {
    const values = (binds ?? []).map((b) => b.value);
    return result(
      ctx,
      values.map((_, i) => ({ name: `B${i + 1}`, type: "text", nullable: true })),
      [values],
    );
  }
  if ((m = /^sleep (\d+)$/i.exec(sql))) {
    await new Promise((r) => setTimeout(r, Number(m![1])));
    return result(ctx, [{ name: "SLEPT", type: "fixed", nullable: false }], [[Number(m[1])]]);
  }
  if ((m = /^use role (\w+)$/i.exec(sql))) {
    if (!["PUBLIC", "ANALYST"].includes(m[1].toUpperCase())) {
      throw new SnowflakeError(
        "002003",
        "02000",
        `SQL compilation error:\nRole '${m[1].toUpperCase()}' does not exist or not authorized.`,
      );
    }
    ctx.role = m[1].toUpperCase();
    return result(
      ctx,
      [{ name: "status", type: "text", nullable: false }],
      [["Statement executed successfully."]],
      0x4300,
    );
  }
  if ((m = /^use database (\w+)$/i.exec(sql))) {
    ctx.database = m[1].toUpperCase();
    ctx.schema = "PUBLIC";
    return result(
      ctx,
      [{ name: "status", type: "text", nullable: false }],
      [["Statement executed successfully."]],
      0x4300,
    );
  }
  if (/^boom$/i.test(sql)) throw new TypeError("fake engine exploded");
  if (/^insert/i.test(sql))
    return result(ctx, [{ name: "number of rows inserted", type: "fixed", nullable: false }], [[2]], 0x3100);
  throw new SnowflakeError(
    "001003",
    "42000",
    `SQL compilation error:\nsyntax error line 1 at position 0 unexpected '${sql.split(/\s+/)[0]}'.`,
  );
}
