// The emulator's own CPU for a share's Snowflake Scripting block, without Postgres, queue or latency: one in-process
// emulator (real snowflake-sdk over HTTP to it), one block of CREATE SHARE + 2 USAGE grants + 20 view grants (the
// in-region bench's grant statements), timed with process.cpuUsage() around the request (the process holds both
// the emulator and the driver, so the CPU is the emulator's work plus the SDK's). One warm-up block, then 5.
// Run: NODE_OPTIONS=--conditions=react-server npx tsx bench/emulator-block-cpu.ts
import { startTestEmulator } from "../emulator/testing/start-test-emulator";
import { compileStepBlock } from "../lib/provisioning/step-block";

const emulator = await startTestEmulator({ lakeRowScale: 0.05 });
const connection = await emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
const views = (await connection.execute<{ name: string }>("SHOW VIEWS IN SCHEMA ENGAGEMENT_LAKE_US.SHARED"))
  .map((r) => r.name)
  .slice(0, 20);

async function block(i: number) {
  const share = `BLOCK_CPU_${i}`;
  const statements = [
    `CREATE SHARE IF NOT EXISTS "${share}"`,
    `GRANT USAGE ON DATABASE "ENGAGEMENT_LAKE_US" TO SHARE "${share}"`,
    `GRANT USAGE ON SCHEMA "ENGAGEMENT_LAKE_US"."SHARED" TO SHARE "${share}"`,
    ...views.map((v) => `GRANT SELECT ON VIEW "ENGAGEMENT_LAKE_US"."SHARED"."${v}" TO SHARE "${share}"`),
  ].map((sql) => ({ sql }));
  const { sql } = compileStepBlock([{ key: "grant-select", statements }]);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await connection.execute(sql);
  const used = process.cpuUsage(cpu);
  return {
    wallMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    statements: statements.length,
  };
}

await block(0);
for (let i = 1; i <= 5; i++) {
  const r = await block(i);
  console.log(
    `block of ${r.statements} statements: wall ${r.wallMs.toFixed(0)} ms, CPU ${r.cpuMs.toFixed(0)} ms = ${(r.cpuMs / r.statements).toFixed(1)} ms per statement`,
  );
}
console.log(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
await emulator.stop();
