// Bench 8 — GDPR erasure (issue 17): erasing 1, 100 and 10,000 subjects on the identity layout (lake migration 7,
// what Floe runs: runErasure writes tombstones and deletes the subjects' rows in PERSONAL) against the naive
// approach on the pre-0007 layout (personal columns inline in every event table: one UPDATE per event table
// setting the subject's personal columns to NULL), side by side in one run on the same subjects.
//
// Both layouts hold the same data: synthetic subjects (identity rows + events in every personal event table,
// `--events` per subject per table) are added to the bench lake's US workspace Acme Web, and NAIVE.<table> is
// built from the _ALL view's own join (identity-objects.ts personalViewSource), i.e. the event table as it was
// before migration 7. Counted per DML statement, through the executor, from the statement's result ("number of
// rows inserted/updated/deleted", as Snowflake answers a DML statement): rows written, exact. Bytes written are
// an ESTIMATE: rows × the mean row width of the statement's table, the width measured as the UTF-8 bytes of
// the values of up to 200 of its rows read through the driver (the row images the statement changed; the
// emulator stores rows, not micro-partitions). See bench/README.md for why real Snowflake costs more on both
// sides, and more for the naive one.
import "./lib/quiet-sdk";
import { db } from "../lib/db";
import { submitErasureRequest } from "../lib/erasure/submit-erasure-request";
import { runErasure } from "../lib/erasure/run-erasure";
import { prepareSubjects } from "../lib/erasure/subject-identifiers";
import { isEventFieldColumn, personalTables, personalViewSource } from "../lib/erasure/identity-objects";
import { createProviderExecutors } from "../lib/provisioning/provider-executors";
import type { AccountExecutor, Executors } from "../lib/provisioning/runtime-types";
import { bind, qualified, quoteIdent, sql, sqlDataType, sqlJoin } from "../lib/snowflake/sql-identifiers";
import { connectTracked, type TestConnection } from "../emulator/testing/start-test-emulator";
import { table } from "./lib/markdown";
import { isMain, main, numberFlag, type BenchBody } from "./lib/run";
import { startBenchWorld, stopBenchPostgres } from "./lib/stack";
import { fmt, summarize } from "./lib/stats";

const LAKE = "ENGAGEMENT_LAKE_US";
const WS = "5f1a0c3e9b2d4a7f8c6e0a01"; // Acme Web (US)
/** Keys per naive UPDATE: the same batch as Floe's tombstone INSERTs (erasure-lake-statements TOMBSTONE_BATCH). */
const NAIVE_BATCH = 500;
let cleanup: (() => Promise<void>)[] = [];

type Tally = { statements: number; rows: number; bytes: number; perTable: Record<string, number> };
const newTally = (): Tally => ({ statements: 0, rows: 0, bytes: 0, perTable: {} });
const dmlCount = /^number of rows (inserted|updated|deleted)$/;
const dmlTarget = /^\s*(?:INSERT\s+INTO|DELETE\s+FROM|UPDATE)\s+((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))*)/i;
const plain = (name: string) => name.replaceAll('"', "").toUpperCase();

/** An executor that tallies each DML statement's rows (from its result) and estimated bytes (rows × width). */
function counting(inner: AccountExecutor, tally: Tally, width: (table: string) => number): AccountExecutor {
  return {
    runBatch: (statements) => inner.runBatch(statements),
    async run(statement) {
      const outcome = await inner.run(statement);
      const target = dmlTarget.exec(statement.sql)?.[1];
      if (target) {
        const first = outcome.rows[0] ?? {};
        const rows = Object.entries(first)
          .filter(([k]) => dmlCount.test(k))
          .reduce((s, [, v]) => s + Number(v), 0);
        const name = plain(target);
        tally.statements++;
        tally.rows += rows;
        tally.bytes += rows * width(name);
        tally.perTable[name] = (tally.perTable[name] ?? 0) + rows;
      }
      return outcome;
    },
  };
}

export const erasureBench: BenchBody = async (options, notes) => {
  const sizes = String(options.flags.sizes ?? (options.quick ? "1,100" : "1,100,10000"))
    .split(",")
    .map(Number);
  const reps = options.flags.reps !== undefined ? options.reps : options.quick ? 1 : 2;
  const perTable = numberFlag(options, "events", 2);
  const world = await startBenchWorld("erasure");
  cleanup.push(() => world.emulator.stop());
  const executors = createProviderExecutors();
  cleanup.unshift(() => executors.close());
  const open = new Set<TestConnection>();
  cleanup.unshift(async () => void (await Promise.allSettled([...open].map((c) => c.close()))));
  const provider = await connectTracked(
    { account: "FLOEDATA-LAKE_US", username: "ADMIN", password: "emulator", accessUrl: world.emulator.url },
    open,
  );
  const account = await db.providerAccount.findFirstOrThrow({ where: { accountName: "LAKE_US" } });
  const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  const workspace = await db.workspace.findFirstOrThrow({ where: { organizationId: acme.id, lakeWorkspaceId: WS } });
  const tables = personalTables();
  const run = (s: { toStatement(): { sql: string; binds?: unknown[] } }) => {
    const st = s.toStatement();
    return provider.execute(st.sql, st.binds as never);
  };

  // Synthetic subjects: identity rows, events in every personal table (personal columns NULL, as migration 7
  // left them), their event fields; then the pre-0007 copy of each event table in NAIVE.
  const total = sizes.reduce((s, n) => s + n, 0) * reps;
  const t0 = performance.now();
  await run(
    sql`INSERT INTO ${qualified(LAKE, "PERSONAL", "IDENTITIES")} (APP_GROUP_ID, USER_ID, EXTERNAL_USER_ID, EMAIL_ADDRESS) SELECT ${bind(WS)}, 'bench-u-' || TO_VARCHAR(SEQ4()), 'bench-x-' || TO_VARCHAR(SEQ4()), 'bench-' || TO_VARCHAR(SEQ4()) || '@example.com' FROM TABLE(GENERATOR(ROWCOUNT => ${bind(total)}))`,
  );
  await provider.execute(`CREATE SCHEMA IF NOT EXISTS ${LAKE}.NAIVE`);
  for (const t of tables) {
    const raw = qualified(LAKE, "RAW", t.name);
    // One INSERT per event index k: subject i's k-th event (the same USER_ID expression as the identities').
    for (let k = 0; k < perTable; k++)
      await run(
        sql`INSERT INTO ${raw} (ID, APP_GROUP_ID, USER_ID, TIME) SELECT ${bind(`bench-${t.name}-${k}-`)} || TO_VARCHAR(SEQ4()), ${bind(WS)}, 'bench-u-' || TO_VARCHAR(SEQ4()), ${bind(1764547200 + k * total)} + SEQ4() FROM TABLE(GENERATOR(ROWCOUNT => ${bind(total)}))`,
      );
    // Text event fields get a value (the others stay NULL): enough for a row to exist and to be deleted.
    const eventFields = t.columns.filter((c) => isEventFieldColumn(c) && /^(VARCHAR|STRING|TEXT)/i.test(c.type));
    if (eventFields.length > 0)
      await run(
        sql`INSERT INTO ${qualified(LAKE, "PERSONAL", "EVENT_FIELDS")} (TABLE_NAME, ID, APP_GROUP_ID, USER_ID, ${sqlJoin(eventFields.map((c) => quoteIdent(c.name)))}) SELECT ${bind(t.name)}, ID, APP_GROUP_ID, USER_ID, ${sqlJoin(eventFields.map(() => sql`'bench personal value'`))} FROM ${raw} WHERE ID LIKE 'bench-%'`,
      );
  }
  // The emulator has no CREATE TABLE … AS: the catalog's columns, then the _ALL view's join inserted.
  for (const t of tables) {
    const naive = qualified(LAKE, "NAIVE", t.name);
    const defs = sqlJoin(t.columns.map((c) => sql`${quoteIdent(c.name)} ${sqlDataType(c.type)}`));
    await run(sql`CREATE OR REPLACE TABLE ${naive} (${defs})`);
    await run(sql`INSERT INTO ${naive} ${personalViewSource({ database: LAKE }, t, qualified(LAKE, "RAW", t.name))}`);
  }
  const setupSeconds = (performance.now() - t0) / 1000;

  // Row widths (bytes per row image), per table, measured once on the loaded tables.
  const widths = new Map<string, number>();
  const measure = async (name: string) => {
    const rows = await provider.execute<Record<string, unknown>>(`SELECT * FROM ${name} LIMIT 200`);
    const bytes = rows.map((r) =>
      Object.values(r).reduce<number>((s, v) => s + (v === null ? 0 : Buffer.byteLength(String(v), "utf8")), 0),
    );
    widths.set(name, bytes.length ? bytes.reduce((a, b) => a + b, 0) / bytes.length : 0);
  };
  for (const t of ["IDENTITIES", "EVENT_FIELDS", "ERASED_SUBJECTS"]) await measure(`${LAKE}.PERSONAL.${t}`);
  for (const t of tables) await measure(`${LAKE}.NAIVE.${t.name}`);
  if ((widths.get(`${LAKE}.PERSONAL.ERASED_SUBJECTS`) ?? 0) === 0)
    widths.set(`${LAKE}.PERSONAL.ERASED_SUBJECTS`, WS.length + 12 + 23 + 25); // key + timestamp + request id
  const width = (name: string) => widths.get(name) ?? 0;

  type Side = { rows: number; bytes: number; statements: number; wallMs: number; perTable: Record<string, number> };
  const results: { size: number; rep: number; floe: Side; naive: Side }[] = [];
  let next = 0;
  for (let rep = 0; rep < reps; rep++) {
    for (const size of sizes) {
      const ids = Array.from({ length: size }, (_, i) => next + i);
      next += size;
      const floe = async (): Promise<Side> => {
        const { subjects } = prepareSubjects(ids.map((i) => `bench-x-${i}`));
        const { id } = await submitErasureRequest({
          organizationId: acme.id,
          workspaceId: workspace.id,
          source: "API",
          subjects,
          duplicates: 0,
        });
        const tally = newTally();
        const counted: Executors = {
          forAccount: async (accountId) => counting(await executors.forAccount(accountId), tally, width),
        };
        const t = performance.now();
        await runErasure(id, counted);
        const wallMs = performance.now() - t;
        const done = await db.erasureRequest.findUniqueOrThrow({ where: { id } });
        if (done.matchedCount !== size) throw new Error(`Floe matched ${done.matchedCount} of ${size} subjects`);
        return { ...tally, wallMs };
      };
      const naive = async (): Promise<Side> => {
        const tally = newTally();
        const lake = counting(await executors.forAccount(account.id), tally, width);
        const t = performance.now();
        for (const tbl of tables) {
          const personal = tbl.columns.filter((c) => c.pii);
          const set = sqlJoin(personal.map((c) => sql`${quoteIdent(c.name)} = NULL`));
          for (let i = 0; i < ids.length; i += NAIVE_BATCH) {
            const keys = sqlJoin(ids.slice(i, i + NAIVE_BATCH).map((k) => sql`${bind(`bench-u-${k}`)}`));
            await lake.run(
              sql`UPDATE ${qualified(LAKE, "NAIVE", tbl.name)} SET ${set} WHERE APP_GROUP_ID = ${bind(WS)} AND USER_ID IN (${keys})`.toStatement(),
            );
          }
        }
        return { ...tally, wallMs: performance.now() - t };
      };
      // Alternate which side goes first, so neither always meets a warmer emulator.
      const first = (rep + sizes.indexOf(size)) % 2 === 0;
      const a = first ? await floe() : await naive();
      const b = first ? await naive() : await floe();
      results.push({ size, rep, floe: first ? a : b, naive: first ? b : a });
    }
  }

  const rowsFor = (size: number) => results.filter((r) => r.size === size);
  const ratio = (n: number, d: number) => (d > 0 ? n / d : NaN);
  const lines = sizes.map((size) => {
    const rs = rowsFor(size);
    const f = (pick: (r: (typeof rs)[number]) => number) => summarize(rs.map(pick));
    return [
      size.toLocaleString("en"),
      `${fmt(f((r) => r.floe.rows))} / ${fmt(f((r) => r.naive.rows))}`,
      fmt(
        f((r) => ratio(r.naive.rows, r.floe.rows)),
        1,
        "×",
      ),
      `${fmt(
        f((r) => r.floe.bytes / 1024),
        1,
      )} / ${fmt(
        f((r) => r.naive.bytes / 1024),
        1,
      )}`,
      fmt(
        f((r) => ratio(r.naive.bytes, r.floe.bytes)),
        1,
        "×",
      ),
      `${fmt(f((r) => r.floe.wallMs))} / ${fmt(f((r) => r.naive.wallMs))}`,
      fmt(
        f((r) => ratio(r.naive.wallMs, r.floe.wallMs)),
        2,
        "×",
      ),
      `${fmt(f((r) => r.floe.statements))} / ${fmt(f((r) => r.naive.statements))}`,
    ];
  });
  notes.push(
    `Floe's wall time is the whole runErasure (identity read, Postgres bookkeeping, tombstones, deletes, the verify read, receipts); the naive side's is its UPDATEs alone and is handed the subjects' USER_IDs (no lookup, no verify), which favours it.`,
  );
  const markdown = [
    `### GDPR erasure (US lake, ${tables.length} personal event tables, ${perTable} events per subject per table, ${reps} rep(s), median (min–max); Floe / naive)`,
    "",
    table(
      [
        "subjects",
        "rows written",
        "naive/Floe rows",
        "kB written (estimate)",
        "naive/Floe bytes",
        "wall ms",
        "naive/Floe wall",
        "DML statements",
      ],
      lines,
    ),
    "",
    `Rows: the DML statements' own counts (number of rows inserted/updated/deleted). Bytes: rows × the mean row width of each statement's table (UTF-8 bytes of the values of up to 200 rows read through the driver): an emulator estimate of the row images changed, not Snowflake's micro-partition rewrites (bench/README.md). Setup (${total.toLocaleString("en")} synthetic subjects on both layouts) took ${setupSeconds.toFixed(0)} s; emulator without injected latency.`,
    "",
  ].join("\n");
  return {
    title: "GDPR erasure",
    settings: { sizes, reps, eventsPerSubjectPerTable: perTable, tables: tables.map((t) => t.name), latencyMs: 0 },
    data: { widths: Object.fromEntries(widths), results, setupSeconds },
    markdown,
  };
};

export async function stopErasureBench() {
  for (const fn of cleanup) await fn().catch(() => {});
  cleanup = [];
}

if (isMain(import.meta.url)) {
  await main("erasure", erasureBench, async () => {
    await stopErasureBench();
    await stopBenchPostgres();
  });
}
