// The engine clock through the admin API (/__emulator/clock): read, freeze, advance (answering after the task
// runs that fell due), set, unfreeze; bad input is a 400 naming the field, no token a 401.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createAdminClient, EmulatorAdminError } from "../admin-client";
import { rawRequest } from "../testing/raw-client";
import { startTestEmulator, type TestEmulator } from "../testing/start-test-emulator";

let emu: TestEmulator;
let admin: ReturnType<typeof createAdminClient>;
beforeAll(async () => {
  emu = await startTestEmulator({ lakeRowScale: 0.01 });
  admin = createAdminClient(emu.url, emu.adminToken);
}, 120_000);
afterAll(() => emu.stop());

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: EmulatorAdminError) => ({ status: e.status, message: e.message }),
  );
const T0 = Date.parse("2026-05-01T00:00:00.000Z");

test("freeze, advance, set and unfreeze; advancing runs the due task runs before answering", async () => {
  expect((await admin.clock.read()).frozen).toBe(false);
  expect(await admin.clock.freeze(T0)).toMatchObject({
    epochMs: T0,
    now: "2026-05-01T00:00:00.000Z",
    frozen: true,
    runs: 0,
  });
  const conn = await emu.connect("FD10001", "ADMIN");
  await conn.execute("CREATE DATABASE CLK_DB");
  await conn.execute("CREATE TABLE CLK_DB.PUBLIC.T (AT TIMESTAMP_LTZ)");
  await conn.execute(
    "CREATE TASK CLK_DB.PUBLIC.TICK SCHEDULE = '1 MINUTE' AS INSERT INTO CLK_DB.PUBLIC.T SELECT CURRENT_TIMESTAMP()",
  );
  await conn.execute("ALTER TASK CLK_DB.PUBLIC.TICK RESUME");
  expect(await admin.clock.advance({ minutes: 3 })).toMatchObject({ epochMs: T0 + 180_000, runs: 3 });
  expect(await conn.execute("SELECT COUNT(*) AS N FROM CLK_DB.PUBLIC.T")).toEqual([{ N: 3 }]);
  expect(await admin.clock.advance({ seconds: 30 })).toMatchObject({ runs: 0 });
  // A jump runs what is due once, at the new time (missed minutes are skipped, as after downtime).
  expect((await admin.clock.set("2026-05-01T00:10:00.000Z")).runs).toBe(1);
  expect(await conn.execute("SELECT COUNT(*) AS N FROM CLK_DB.PUBLIC.T")).toEqual([{ N: 4 }]);
  expect(emu.clock.read().epochMs).toBe(T0 + 600_000);
  await conn.execute("ALTER TASK CLK_DB.PUBLIC.TICK SUSPEND");
  const running = await admin.clock.unfreeze();
  expect(running.frozen).toBe(false);
  expect(running.epochMs).toBeGreaterThanOrEqual(T0 + 600_000);
  await conn.close();
});

test("bad input is a 400 naming the field; no token is a 401", async () => {
  expect(await rejection(admin.clock.advance({ ms: -5 }))).toMatchObject({ status: 400 });
  expect(await rejection(admin.clock.set("not a date"))).toMatchObject({
    status: 400,
    message: expect.stringContaining("at"),
  });
  const both = await rawRequest(emu.url, "POST", "/__emulator/clock/advance", {
    headers: { Authorization: `Bearer ${emu.adminToken}` },
    body: { ms: 1, minutes: 1 },
  });
  expect(both.status).toBe(400);
  expect((await rawRequest(emu.url, "GET", "/__emulator/clock")).status).toBe(401);
});

test("reset puts the clock back on the wall clock, running", async () => {
  await admin.clock.freeze(T0);
  await admin.reset();
  const after = await admin.clock.read();
  expect(after.frozen).toBe(false);
  expect(Math.abs(after.epochMs - Date.now())).toBeLessThan(60_000);
});
