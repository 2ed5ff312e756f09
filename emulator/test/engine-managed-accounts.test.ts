// Reader accounts in the engine: the documented default limit of 20 per provider, TYPE = READER only, a reader
// account cannot create reader accounts, and only the creating provider sees and drops them.
// (Through snowflake-sdk, with the pages followed: emulator/contract/managed-accounts.contract.ts.)
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import { READER_ACCOUNT_LIMIT } from "../engine/commands/managed-accounts";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const provider = () => session("FD10001");
const acme = () => session("AR40001");
const create = (name: string, type = "READER") =>
  `CREATE MANAGED ACCOUNT ${name} ADMIN_NAME = ADMIN, ADMIN_PASSWORD = 'Secret-Pass-1', TYPE = ${type}`;

beforeAll(async () => {
  ({ engine, dir } = await tempEngine());
  r = runner(engine);
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("managed (reader) accounts", () => {
  it(`refuses the ${READER_ACCOUNT_LIMIT + 1}th reader account of a provider; dropping one frees a place`, async () => {
    for (let i = 0; i < READER_ACCOUNT_LIMIT; i++) await r.run(provider(), create(`LIMIT_R${i}`));
    const refused = await r.fails(provider(), create("LIMIT_OVER"));
    expect(refused.message).toContain(`limit of ${READER_ACCOUNT_LIMIT}`);
    expect((await r.one(provider(), "SHOW MANAGED ACCOUNTS LIKE 'LIMIT_%'")).rows).toHaveLength(READER_ACCOUNT_LIMIT);
    await r.run(provider(), "DROP MANAGED ACCOUNT LIMIT_R0");
    await r.run(provider(), create("LIMIT_OVER"));
  });

  it("only TYPE = READER; the name is unique; another account neither lists nor drops the provider's readers", async () => {
    expect((await r.fails(provider(), create("OTHER_TYPE", "STANDARD"))).message).toContain("TYPE");
    expect((await r.fails(provider(), create("LIMIT_OVER"))).code).toBe("002002");
    expect((await r.one(acme(), "SHOW MANAGED ACCOUNTS")).rows).toEqual([]);
    expect((await r.fails(acme(), "DROP MANAGED ACCOUNT LIMIT_OVER")).code).toBe("002003");
  });

  it("a reader account cannot create reader accounts", async () => {
    const [row] = (await r.one(provider(), "SHOW MANAGED ACCOUNTS LIKE 'LIMIT_OVER'")).rows;
    const reader = session(String(row[3]));
    expect((await r.fails(reader, create("NESTED"))).code).toBe("003001");
  });
});
