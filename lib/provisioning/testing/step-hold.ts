// Holds a worker at the worst moment of a step: its statement has run in Snowflake, but the step's
// "SUCCEEDED" has not reached Postgres. A trigger (installed in the test's own database, not in the app's
// migrations) makes that one UPDATE wait on an advisory lock this helper holds; the test can then kill the
// worker and terminate its waiting backend, so the write never commits — as if the process had died a
// moment before sending it.
import pg from "pg";

const HOLD_KEY = 0x0f10e57;

export type StepHold = {
  /** Holds the RUNNING → SUCCEEDED write of `stepKey` in any run of `requestId`. Call before the run starts. */
  hold(requestId: string, stepKey: string): Promise<void>;
  /** Backends (worker connections) currently waiting on the hold. */
  waiting(): Promise<number[]>;
  /** Lets the held writes through (they commit) and holds nothing any more. */
  release(): Promise<void>;
  /** Terminates the waiting backends (their writes roll back), then lets everything through. */
  abandonWaitingAndRelease(): Promise<void>;
  close(): Promise<void>;
};

export async function installStepHold(databaseUrl: string): Promise<StepHold> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "floe-test-step-hold" });
  await client.connect();
  await client.query(`
    CREATE TABLE IF NOT EXISTS floe_test_step_hold (request_id text NOT NULL, step_key text NOT NULL, PRIMARY KEY (request_id, step_key));
    CREATE OR REPLACE FUNCTION floe_test_step_hold() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.state = 'RUNNING' AND NEW.state = 'SUCCEEDED' AND EXISTS (
        SELECT 1 FROM floe_test_step_hold h JOIN "ProvisioningRun" r ON r."requestId" = h.request_id
        WHERE r.id = NEW."runId" AND h.step_key = NEW.key
      ) THEN
        PERFORM pg_advisory_xact_lock_shared(${HOLD_KEY});
      END IF;
      RETURN NEW;
    END $$;
    DROP TRIGGER IF EXISTS floe_test_step_hold ON "ProvisioningStep";
    CREATE TRIGGER floe_test_step_hold BEFORE UPDATE ON "ProvisioningStep" FOR EACH ROW EXECUTE FUNCTION floe_test_step_hold();
  `);
  await client.query("SELECT pg_advisory_lock($1)", [HOLD_KEY]);
  const waiting = async () =>
    (
      await client.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))",
      )
    ).rows.map((r) => r.pid);

  return {
    async hold(requestId, stepKey) {
      await client.query("INSERT INTO floe_test_step_hold (request_id, step_key) VALUES ($1, $2)", [
        requestId,
        stepKey,
      ]);
    },
    waiting,
    async release() {
      await client.query("DELETE FROM floe_test_step_hold");
      await client.query("SELECT pg_advisory_unlock($1)", [HOLD_KEY]);
    },
    async abandonWaitingAndRelease() {
      const pids = await waiting();
      await client.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
      for (let left = pids; left.length > 0;) {
        left = (
          await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])", [pids])
        ).rows.map((r) => r.pid);
        if (left.length > 0) await new Promise((r) => setTimeout(r, 20));
      }
      await client.query("DELETE FROM floe_test_step_hold");
      await client.query("SELECT pg_advisory_unlock($1)", [HOLD_KEY]);
    },
    async close() {
      await client.query('DROP TRIGGER IF EXISTS floe_test_step_hold ON "ProvisioningStep"').catch(() => {});
      await client.end();
    },
  };
}
