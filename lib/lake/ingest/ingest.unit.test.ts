// The ingest generator without Snowflake: argument checks, the records' shape (the Kafka connector's
// RECORD_METADATA / RECORD_CONTENT with the catalog's columns), binds-only statements, and the loop's pacing
// under an injected clock (no sleeps).
import { describe, expect, it } from "vitest";
import type { Statement } from "@/lib/snowflake/sql-identifiers";
import { lakeTables } from "../lake-tables";
import { EventGenerator } from "./events";
import { parseIngestArgs } from "./ingest-args";
import { runIngest } from "./ingest-loop";
import { LANDING_CHUNK, landingInserts } from "./landing-insert";

const WS = ["5f1a0c3e9b2d4a7f8c6e0a01", "5f1a0c3e9b2d4a7f8c6e0a02"];

describe("lake:ingest arguments", () => {
  it("reads --region, --rate N/s, --duration and refuses anything else clearly", () => {
    expect(parseIngestArgs(["--region", "aws_us_east_1", "--rate", "20/s", "--duration", "60"])).toEqual({
      region: "AWS_US_EAST_1",
      rate: 20,
      duration: 60,
    });
    expect(parseIngestArgs(["--region", "AWS_EU_CENTRAL_1", "--rate", "0.5"]).rate).toBe(0.5);
    expect(() => parseIngestArgs(["--region", "AWS_US_EAST_1", "--rate", "fast"])).toThrow(
      /--rate: rate must look like/,
    );
    expect(() => parseIngestArgs(["--region", "AWS_US_EAST_1", "--rate", "999999/s"])).toThrow(/--rate/);
    expect(() => parseIngestArgs(["--region", "x';--", "--rate", "1/s"])).toThrow(/--region/);
    expect(() => parseIngestArgs(["--regoin", "AWS_US_EAST_1"])).toThrow(/unknown argument --regoin/);
    expect(() => parseIngestArgs(["--region"])).toThrow(/needs a value/);
  });
});

describe("event generator", () => {
  it("makes one record per event with the connector's metadata and every catalog column of its table", () => {
    const gen = new EventGenerator({ workspaces: WS, seed: 3, firstOffset: 10 });
    const at = new Date("2026-06-01T12:00:00Z");
    const records = gen.batch(200, at);
    const tables = new Map(lakeTables().map((t) => [t.name.toLowerCase(), t]));
    for (const r of records) {
      const table = tables.get(r.metadata.topic)!;
      expect(table.datasetKey).toBe(r.datasetKey);
      expect(Object.keys(r.content)).toEqual(table.columns.map((c) => c.name));
      expect(WS).toContain(r.content.APP_GROUP_ID);
      expect(r.content.TIME).toBe(at.getTime() / 1000);
      expect(r.metadata.CreateTime).toBe(at.getTime());
    }
    expect(new Set(records.map((r) => r.content.ID)).size).toBe(records.length);
    // Offsets increase per topic partition, from the first offset.
    const slot = records.filter(
      (r) => r.metadata.topic === records[0].metadata.topic && r.metadata.partition === records[0].metadata.partition,
    );
    expect(slot.map((r) => r.metadata.offset)).toEqual(slot.map((_, i) => 10 + i));
    expect(new Set(records.map((r) => r.datasetKey)).size).toBeGreaterThan(1);
  });

  it("lands records with binds only, grouped per landing table and chunked", () => {
    const records = new EventGenerator({ workspaces: WS, seed: 4, datasetKeys: ["user-behaviors"] }).batch(
      LANDING_CHUNK + 5,
      new Date(),
    );
    records[0].content.EXTERNAL_USER_ID = "o'brien\"; DROP TABLE X; --";
    const statements = landingInserts("ENGAGEMENT_LAKE_US", records).map((s) => s.toStatement());
    expect(statements).toHaveLength(2);
    expect(statements[0].sql).toMatch(
      /^INSERT INTO "ENGAGEMENT_LAKE_US"\."PIPELINE"\."LANDING_USER_BEHAVIORS" \(RECORD_METADATA, RECORD_CONTENT\) SELECT PARSE_JSON\(COLUMN1\), PARSE_JSON\(COLUMN2\) FROM VALUES \(\?, \?\)/,
    );
    expect(statements[0].sql).not.toContain("brien");
    expect(statements[0].binds).toHaveLength(2 * LANDING_CHUNK);
    expect(JSON.parse(String(statements[0].binds![1])).ID).toBe(records[0].content.ID);
    expect(statements[1].binds).toHaveLength(10);
  });
});

describe("ingest loop", () => {
  it("lands rate × duration events, paced by the injected clock", async () => {
    let t = 1_000_000;
    const sent: Statement[] = [];
    const stats = await runIngest({
      port: { run: async (s) => void sent.push(s) },
      database: "ENGAGEMENT_LAKE_US",
      workspaces: WS,
      ratePerSecond: 7,
      durationSeconds: 5,
      seed: 1,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    expect(stats.events).toBe(35);
    expect(stats.seconds).toBe(5);
    expect(sent.reduce((n, s) => n + (s.binds?.length ?? 0) / 2, 0)).toBe(35);
  });
});
