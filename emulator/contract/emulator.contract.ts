// What only an emulator can be asked to do: restart on the same data dir, and inject faults. Still observed
// through snowflake-sdk only (the fault store and query log are the emulator's test controls).
import { describe, expect, it } from "vitest";
import {
  createScopedDatabase,
  entitle,
  identity,
  provisionShare,
  refusal,
  rowsOf,
  using,
  type ContractContext,
} from "./support";

export function emulatorContract(ctx: ContractContext): void {
  describe.skipIf(ctx.spec.kind !== "emulator")("emulator only: restart persistence and fault injection", () => {
    it("objects, rows, shares, grants and consumer mounts survive a restart on the same data dir", async () => {
      const t = ctx.target();
      const db = `${t.prefix}_KEEP`;
      const share = `${t.prefix}_KEEP_SHARE`;
      const mount = `${t.prefix}_MNT_KEEP`;
      const before = await using(t.provider, async (p) => {
        const consumer = await using(t.consumer, identity);
        await createScopedDatabase(p, db);
        await entitle(p, db, consumer.locator, "gamma");
        await provisionShare(p, share, db, [consumer.identifier]);
        await using(t.consumer, (c) =>
          c.execute(`CREATE DATABASE ${mount} FROM SHARE ${t.provider.identifier}.${share}`),
        );
        return {
          rows: await p.execute(`SELECT * FROM ${db}.PRIVATE.EVENTS ORDER BY ID`),
          grants: await p.execute(`DESC SHARE ${share}`),
        };
      });

      const oldUrl = t.emulator!.current().url;
      await t.emulator!.restart();
      expect(t.emulator!.current().url).not.toBe(oldUrl); // a new server (new port), same store

      await using(t.provider, async (p) => {
        expect(await p.execute(`SELECT * FROM ${db}.PRIVATE.EVENTS ORDER BY ID`)).toEqual(before.rows);
        expect(await p.execute(`DESC SHARE ${share}`)).toEqual(before.grants);
        const [row] = await p.execute<Record<string, string>>(`SHOW SHARES LIKE '${share}'`);
        expect(row).toMatchObject({ name: share, to: t.consumer.identifier, database_name: db });
      });
      await using(t.consumer, async (c) => {
        expect(await c.execute(`SELECT TENANT, ID, AMOUNT FROM ${mount}.SHARED.EVENTS_V ORDER BY ID`)).toEqual(
          rowsOf("gamma"),
        );
      });
    });

    it("latency: a matching statement is delayed, and only once", async () => {
      const t = ctx.target();
      const emu = t.emulator!.current();
      const rule = emu.faults.add({ kind: "latency", ms: 400, sqlPattern: "CONTRACT_LATENCY_PROBE", times: 1 });
      await using(t.provider, async (p) => {
        const started = performance.now();
        expect(await p.execute("SELECT 'CONTRACT_LATENCY_PROBE' AS X")).toEqual([{ X: "CONTRACT_LATENCY_PROBE" }]);
        expect(performance.now() - started).toBeGreaterThanOrEqual(400);
        expect(emu.faults.get().rules.find((r) => r.id === rule.id)).toMatchObject({ hits: 1, remaining: 0 });
      });
    });

    it("an HTTP 503 is retried by the SDK to success, and the statement runs once", async () => {
      const t = ctx.target();
      const emu = t.emulator!.current();
      const rule = emu.faults.add({ kind: "http_error", status: 503, sqlPattern: "CONTRACT_RETRY_PROBE", times: 1 });
      await using(t.provider, async (p) => {
        expect(await p.execute("SELECT 'CONTRACT_RETRY_PROBE' AS X")).toEqual([{ X: "CONTRACT_RETRY_PROBE" }]);
      });
      expect(emu.faults.get().rules.find((r) => r.id === rule.id)).toMatchObject({ hits: 1, remaining: 0 });
      const ran = emu.queryLog.list().filter((e) => e.sqlText.includes("CONTRACT_RETRY_PROBE"));
      expect(ran).toHaveLength(1);
      expect(ran[0].outcome).toBe("success");
    });

    it("a snowflake_error fault surfaces its code, SQLSTATE and message through the SDK", async () => {
      const t = ctx.target();
      const emu = t.emulator!.current();
      const message = "Statement reached its statement or warehouse timeout of 1 second(s) and was canceled.";
      const rule = emu.faults.add({
        kind: "snowflake_error",
        code: "000630",
        sqlState: "57014",
        message,
        sqlPattern: "CONTRACT_ERROR_PROBE",
        times: 1,
      });
      await using(t.provider, async (p) => {
        const err = await refusal(p.execute("SELECT 'CONTRACT_ERROR_PROBE' AS X"));
        expect(err).toMatchObject({ code: "000630", sqlState: "57014", message });
        expect(await p.execute("SELECT 'CONTRACT_ERROR_PROBE' AS X")).toEqual([{ X: "CONTRACT_ERROR_PROBE" }]);
      });
      const logged = emu.queryLog.list().filter((e) => e.sqlText.includes("CONTRACT_ERROR_PROBE"));
      expect(logged.map((e) => [e.outcome, e.errorCode ?? null, e.injectedFault ?? null])).toEqual([
        ["error", "000630", rule.id],
        ["success", null, null],
      ]);
    });
  });
}
