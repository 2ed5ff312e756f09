// SIMULATED_DATA_SHARING_CONSUMER: the provider validates a secure view as a consumer account would see it.
//
// Documentation followed:
// - "Validate the tables and secure view" (the session parameter; "Set this session parameter to the name of the
//   consumer account you wish to simulate access for. You can then query the view and see the results that a user in
//   the consumer account will see"): https://docs.snowflake.com/user-guide/data-sharing-secure-views.html
// - ALTER SESSION SET / UNSET: https://docs.snowflake.com/en/sql-reference/sql/alter-session
// - CURRENT_ACCOUNT (the mapping-table pattern of the same page): https://docs.snowflake.com/en/sql-reference/functions/current_account
// Only what the page states is asserted here; what it leaves open (tables, non-secure views, secure UDFs,
// INVOKER_SHARE()) is the emulator's choice, listed in emulator/README.md and tested in emulator/test/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createScopedDatabase,
  entitle,
  identity,
  provisionShare,
  rowsOf,
  type ContractContext,
  type Identity,
} from "./support";
import type { TestConnection } from "./target";

type Event = { TENANT: string; ID: number; AMOUNT: number };
const sorted = (rows: Event[]) =>
  rows.map((r) => ({ TENANT: r.TENANT, ID: Number(r.ID), AMOUNT: Number(r.AMOUNT) })).sort((a, b) => a.ID - b.ID);

export function simulatedConsumerContract(ctx: ContractContext): void {
  describe("SIMULATED_DATA_SHARING_CONSUMER", () => {
    let p: TestConnection;
    let c: TestConnection;
    let db: string;
    let share: string;
    let consumer: Identity;

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_SIM`;
      share = `${t.prefix}_SIM_S`;
      p = await t.provider.connect();
      c = await t.consumer.connect();
      const provider = await identity(p);
      consumer = await identity(c);
      await createScopedDatabase(p, db);
      await entitle(p, db, consumer.locator, "alpha");
      await provisionShare(p, share, db, [consumer.identifier]);
      await c.execute(`CREATE DATABASE ${db}_MNT FROM SHARE ${provider.identifier}.${share}`);
    });
    afterAll(async () => {
      await c?.execute(`DROP DATABASE IF EXISTS ${db}_MNT`).catch(() => undefined);
      await p?.execute("ALTER SESSION UNSET SIMULATED_DATA_SHARING_CONSUMER").catch(() => undefined);
      await Promise.all([p?.close(), c?.close()]);
    });

    it("the provider's query on the secure view returns what the consumer reads through the share; UNSET restores", async () => {
      const view = `${db}.SHARED.EVENTS_V`;
      // Without the parameter the provider is not entitled: CURRENT_ACCOUNT() is its own.
      expect(await p.execute(`SELECT TENANT, ID, AMOUNT FROM ${view}`)).toEqual([]);
      await p.execute(`ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = '${consumer.locator}'`);
      const simulated = sorted(await p.execute<Event>(`SELECT TENANT, ID, AMOUNT FROM ${view}`));
      const mounted = sorted(await c.execute<Event>(`SELECT TENANT, ID, AMOUNT FROM ${db}_MNT.SHARED.EVENTS_V`));
      expect(simulated).toEqual(sorted(rowsOf("alpha") as Event[]));
      expect(simulated).toEqual(mounted);
      await p.execute("ALTER SESSION UNSET SIMULATED_DATA_SHARING_CONSUMER");
      expect(await p.execute(`SELECT TENANT, ID, AMOUNT FROM ${view}`)).toEqual([]);
    });

    it("a change of the mapping table shows at once in the simulated view, as it does for the consumer", async () => {
      await entitle(p, db, consumer.locator, "gamma");
      await p.execute(`ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = '${consumer.locator}'`);
      try {
        const simulated = sorted(await p.execute<Event>(`SELECT TENANT, ID, AMOUNT FROM ${db}.SHARED.EVENTS_V`));
        const mounted = sorted(await c.execute<Event>(`SELECT TENANT, ID, AMOUNT FROM ${db}_MNT.SHARED.EVENTS_V`));
        expect(simulated.map((r) => r.TENANT)).toEqual(["alpha", "alpha", "gamma", "gamma"]);
        expect(simulated).toEqual(mounted);
      } finally {
        await p.execute("ALTER SESSION UNSET SIMULATED_DATA_SHARING_CONSUMER");
      }
    });
  });
}
