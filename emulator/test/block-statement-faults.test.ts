// A fault aimed at one statement of a Snowflake Scripting block (the provisioning executor's step blocks,
// lib/provisioning/step-block.ts) fails that statement inside the block: the block's EXCEPTION handler answers the
// steps before it as done and the failure as the next one, so the run records the failure on the step it aims at.
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import { FaultStore } from "../server/faults";
import type { QueryRequest } from "../server/run-statement";
import { scriptFaultHooks } from "../server/script-faults";
import type { ServerState } from "../server/state";
import { compileStepBlock, parseBlockOutcomes } from "../../lib/provisioning/step-block";
import { session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
const s = session("FD10001");
const MESSAGE = "SQL access control error: Insufficient privileges to operate on view (injected by the e2e test).";

beforeAll(async () => {
  ({ engine, dir } = await tempEngine({ lakeRowScale: 0.001 }));
  await engine.execute(
    s,
    "create database bf; create schema bf.app; create table bf.app.t (id number); create view bf.app.v as select * from bf.app.t",
    undefined,
  );
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("a statement failed inside the block lands on its own step, after the steps before it", async () => {
  const block = compileStepBlock([
    {
      key: "create-share",
      statements: [{ sql: `CREATE SHARE IF NOT EXISTS "BF_S" COMMENT = 'Managed by Floe; changes are overwritten'` }],
    },
    { key: "grant-usage", statements: [{ sql: 'GRANT USAGE ON DATABASE "BF" TO SHARE "BF_S"' }] },
    { key: "grant-select", statements: [{ sql: 'GRANT SELECT ON VIEW "BF"."APP"."V" TO SHARE "BF_S"' }] },
  ]);
  // The server's hooks with a rule as e2e/console-runs.spec.ts sets it (a pattern with .* that the whole block's
  // text matches too).
  const faults = new FaultStore();
  faults.add({
    kind: "snowflake_error",
    code: "003001",
    sqlState: "42501",
    message: MESSAGE,
    sqlPattern: 'GRANT SELECT ON VIEW .* TO SHARE "?BF_',
  });
  const hooks = scriptFaultHooks(
    { faults } as unknown as ServerState,
    {
      session: { context: s, loginAccount: "FLOEDATA-LAKE_US" },
    } as unknown as QueryRequest,
  );
  const [result] = await engine.execute(s, block.sql, undefined, hooks);
  const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])));
  const outcomes = parseBlockOutcomes(rows);
  expect(outcomes.map((o) => [o.step ?? null, o.ok])).toEqual([
    ["create-share", true],
    ["grant-usage", true],
    [null, false],
  ]);
  expect(outcomes[2]).toMatchObject({ message: MESSAGE, state: "42501" });
});
