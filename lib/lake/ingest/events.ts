// Realistic engagement events for the ingest generator (`npm run lake:ingest`, the bench, the tests): one
// Kafka record per event, on the topic of its RAW table, with the catalog's columns as the message's
// first-level keys (the Snowflake Kafka connector's RECORD_CONTENT) and the connector's RECORD_METADATA
// (topic, partition, offset, CreateTime, key). Deterministic for a seed. Pure.
import { lakeTables, type LakeColumn, type LakeTable } from "../lake-tables";
import { pipelineInternalsFor, topicForTable } from "../pipeline-objects";

export type KafkaRecord = {
  datasetKey: string;
  metadata: { topic: string; partition: number; offset: number; CreateTime: number; key: string };
  content: Record<string, unknown>;
};

const PARTITIONS = 3;
const WORDS = ["spring_sale", "welcome", "winback", "cart_reminder", "weekly_digest", "onboarding", "loyalty"];
const PLATFORMS = ["ios", "android", "web"];
const CITIES = ["Berlin", "Austin", "Lyon", "Osaka", "Toronto", "Leeds"];

/** A small fast PRNG (mulberry32): the same seed gives the same events. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class EventGenerator {
  private readonly random: () => number;
  private readonly offsets = new Map<string, number>();
  private readonly tables: LakeTable[];
  private serial = 0;

  constructor(
    private readonly options: {
      workspaces: string[];
      seed?: number;
      /** First Kafka offset of every partition (default: from the wall clock, so reruns keep increasing). */
      firstOffset?: number;
      datasetKeys?: string[];
    },
  ) {
    if (options.workspaces.length === 0) throw new Error("at least one workspace is needed");
    this.random = prng(options.seed ?? 1);
    const keys = options.datasetKeys;
    this.tables = lakeTables().filter((t) => !keys || keys.includes(t.datasetKey));
  }

  private hex(n: number) {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(this.random() * 16).toString(16);
    return s;
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)];
  }

  private value(c: LakeColumn, workspace: string, at: Date, user: string): unknown {
    const name = c.name;
    if (name === "ID") return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
    if (name === "APP_GROUP_ID") return workspace;
    if (name === "APP_GROUP_API_ID") return `api-${workspace.slice(-8)}`;
    if (name === "TIME") return Math.floor(at.getTime() / 1000);
    if (name === "USER_ID") return user;
    if (name === "EXTERNAL_USER_ID") return this.random() < 0.2 ? null : `cust-${user.slice(0, 10)}`;
    if (name === "EMAIL_ADDRESS") return `${user.slice(0, 6)}@example.com`;
    if (name === "PLATFORM") return this.pick(PLATFORMS);
    if (name.includes("CITY")) return this.pick(CITIES);
    if (c.type.startsWith("TIMESTAMP")) return at.toISOString();
    if (c.type.startsWith("NUMBER")) return Math.floor(this.random() * 1000);
    if (c.type === "FLOAT") return Math.round(this.random() * 10000) / 100;
    if (c.type === "BOOLEAN") return this.random() < 0.5;
    if (c.type === "ARRAY") return [this.pick(WORDS)];
    if (name.endsWith("_ID")) return this.hex(24);
    if (name.endsWith("_NAME")) return this.pick(WORDS);
    return this.random() < 0.3 ? null : this.pick(WORDS);
  }

  /** One event of a random table of the selected datasets, at `at`. */
  next(at: Date): KafkaRecord {
    const table = this.pick(this.tables);
    const workspace = this.pick(this.options.workspaces);
    const user = this.hex(24);
    const content: Record<string, unknown> = {};
    for (const c of table.columns) content[c.name] = this.value(c, workspace, at, user);
    const topic = topicForTable(table.name);
    const partition = Math.floor(this.random() * PARTITIONS);
    const slot = `${topic}/${partition}`;
    const offset = this.offsets.get(slot) ?? this.options.firstOffset ?? Date.now() * 10;
    this.offsets.set(slot, offset + 1);
    this.serial++;
    return {
      datasetKey: table.datasetKey,
      metadata: { topic, partition, offset, CreateTime: at.getTime(), key: user },
      content,
    };
  }

  batch(count: number, at: Date): KafkaRecord[] {
    return Array.from({ length: count }, () => this.next(at));
  }
}

/** The landing table a record goes to (its dataset's). */
export const landingTableOf = (record: KafkaRecord) => pipelineInternalsFor(record.datasetKey).landingTable;
