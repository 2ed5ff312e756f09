// The alert rules as a pure function: each threshold's edge, and the values Snowflake's answers arrive as.
import { describe, expect, it } from "vitest";
import { evaluateRules, type RuleInputs } from "./alert-rules";
import { toDate } from "@/lib/snowflake/snowflake-values";
import { parseShowStreams } from "./pipeline-reads";

const t = {
  taskFailures: 3,
  streamStaleHours: 24,
  freshnessSloMinutes: 30,
  replicationSloMinutes: 30,
  retentionDays: 14,
};
const now = new Date("2026-12-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const empty = (): RuleInputs => ({
  region: "AWS_US_EAST_1",
  measuredAt: now,
  taskRuns: new Map(),
  taskStates: [],
  streams: [],
  freshness: [],
  refreshes: new Map(),
});
const run = (state: string, m: number) => ({
  state,
  errorMessage: state === "FAILED" ? "boom" : null,
  datasetKey: "messaging-email",
  scheduledAt: minutesAgo(m),
});

describe("evaluateRules", () => {
  it("opens TASK_FAILING only when the newest N runs all failed", () => {
    const input = empty();
    input.taskRuns.set("LOAD_X", [run("FAILED", 1), run("FAILED", 2), run("SUCCEEDED", 3)]);
    expect(evaluateRules(input, t)).toEqual([]);
    input.taskRuns.set("LOAD_X", [run("FAILED", 1), run("FAILED", 2), run("FAILED", 3)]);
    const [alert] = evaluateRules(input, t);
    expect(alert).toMatchObject({ rule: "TASK_FAILING", subject: "AWS_US_EAST_1/LOAD_X", details: { error: "boom" } });
  });

  it("warns of a stream within the stale window and flags a stale one", () => {
    const input = empty();
    input.streams = [
      { streamName: "S_OK", datasetKey: null, stale: false, staleAfter: new Date(now.getTime() + 25 * 3_600_000) },
      { streamName: "S_SOON", datasetKey: null, stale: false, staleAfter: new Date(now.getTime() + 23 * 3_600_000) },
      { streamName: "S_STALE", datasetKey: null, stale: true, staleAfter: minutesAgo(5) },
    ];
    expect(evaluateRules(input, t).map((a) => a.subject)).toEqual(["AWS_US_EAST_1/S_SOON", "AWS_US_EAST_1/S_STALE"]);
  });

  it("measures freshness by the newest event of any workspace, against the SLO", () => {
    const input = empty();
    const f = (ws: number, m: number) => ({
      lakeDatabase: "L",
      datasetKey: "d",
      latestEventAt: minutesAgo(m),
      measuredAt: now,
      ws,
    });
    input.freshness = [f(1, 31), f(2, 500)];
    expect(evaluateRules(input, t).map((a) => a.rule)).toEqual(["FRESHNESS_LAG"]);
    input.freshness = [f(1, 29), f(2, 500)]; // one idle workspace alone is not a delay
    expect(evaluateRules(input, t)).toEqual([]);
  });

  it("flags a failed last refresh and a replica older than the replication SLO", () => {
    const input = empty();
    input.refreshes.set("G", [
      { phase: "FAILED", error: "gone", primarySnapshotAt: minutesAgo(1), startedAt: minutesAgo(1) },
    ]);
    expect(evaluateRules(input, t)[0]).toMatchObject({ rule: "REPLICATION_REFRESH", details: { error: "gone" } });
    input.refreshes.set("G", [
      { phase: "COMPLETED", error: null, primarySnapshotAt: minutesAgo(31), startedAt: minutesAgo(31) },
    ]);
    expect(evaluateRules(input, t)[0]?.summary).toMatch(/behind/);
    input.refreshes.set("G", [
      { phase: "COMPLETED", error: null, primarySnapshotAt: minutesAgo(9), startedAt: minutesAgo(9) },
    ]);
    expect(evaluateRules(input, t)).toEqual([]);
  });
});

describe("Snowflake values", () => {
  it("reads SHOW's timestamp text and booleans", () => {
    expect(toDate("2026-12-15 15:18:30.502 +0000")?.toISOString()).toBe("2026-12-15T15:18:30.502Z");
    expect(toDate("2026-12-15 15:18:30.502 -0800")?.toISOString()).toBe("2026-12-15T23:18:30.502Z");
    const [stream] = parseShowStreams([
      {
        name: "LANDING_MESSAGING_EMAIL_STREAM",
        stale: "false",
        stale_after: "2026-12-15 15:18:30.502 +0000",
        invalid_reason: "N/A",
      },
    ]);
    expect(stream).toMatchObject({ datasetKey: "messaging-email", stale: false, invalidReason: null });
  });
});
