// The hostile-input corpus (lib/snowflake's 276 strings, wrong types, forged ids) on every field of every
// form, action and route that takes user input, through the real actions and route handlers as a signed-in
// user. Each value is refused with a specific message (or, for free text, searches and filters, handled as
// plain data), nothing is stored by a refusal, and nothing hostile reaches Snowflake. Then one valid
// request is approved and provisioned, to show user text reaches Snowflake only as validated identifiers or binds.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => {
  const { session } = await import("./support/session");
  // No session context: memberships are then read by findMembership, for the injected user.
  return { getSessionUser: async () => session.user, getSessionContext: async () => null };
});

import { db } from "@/lib/db";
import { executeRun } from "@/lib/provisioning/execute-run";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import { stopBoss } from "@/lib/provisioning/queue";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import { latestRunId } from "@/lib/testing/request-fixtures";
import * as consoleActions from "@/app/(console)/console/actions";
import * as newRequestActions from "@/app/(portal)/o/[orgSlug]/requests/new/actions";
import { hostileCorpus, tracers } from "./support/hostile-corpus";
import { hostileFields, type Field } from "./support/hostile-fields";
import { createHostileWorld, type HostileWorld } from "./support/hostile-world";
import { rowCounts } from "./support/fingerprint";
import { writeResult } from "./support/results";
import { signInAs } from "./support/session";
import type { Verdict } from "./support/verdict";

// Free text (a note, a reason) may hold quotes, SQL, look-alikes, even bidi marks: it is data, stored with
// binds, rendered escaped, never sent to Snowflake. Only what PostgreSQL cannot store (NUL) must be refused.
const refusedInText = new Set(["nul"]);

// The API's fields send a few hundred calls with one token: the per-token limit is not what is under test.
process.env.FLOE_API_RATE_LIMIT_PER_MINUTE = "100000";

let harness: Harness;
let world: HostileWorld;
let logStart = 0;
type Row = {
  field: string;
  policy: string;
  category: string;
  label: string;
  refused: boolean;
  ok: boolean;
  message: string;
};
const rows: Row[] = [];
const durations: Record<string, number> = {};

beforeAll(async () => {
  harness = await startProvisioningHarness();
  world = await createHostileWorld();
  logStart = harness.emulator.queryLog.list().at(-1)?.seq ?? 0;
}, 120_000);

afterAll(async () => {
  await stopBoss();
  await harness?.stop();
  await db.$disconnect();
});

function judge(field: Field, category: string, label: string, v: Verdict, stored: boolean): boolean {
  if (v.generic) return false;
  if (field.accepts?.includes(label)) return !v.refused;
  if (v.refused && (!v.specific || stored)) return false;
  if (field.policy === "refuse") return v.refused;
  if (field.policy === "text" || field.policy === "default")
    return refusedInText.has(category) ? v.refused : field.policy === "text" || !v.refused;
  return true; // inert: answered, or refused with a specific message (e.g. a NUL in the URL)
}

async function storedIncludePii(v: Verdict): Promise<boolean | null> {
  const id = /\/requests\/([^/\s]+)$/.exec(v.message)?.[1];
  if (!id) return null;
  return (await db.shareRequest.findUniqueOrThrow({ where: { id }, select: { includePii: true } })).includePii;
}

describe("hostile input corpus", () => {
  it("is refused (or handled as plain data) on every field, stores nothing when refused, and never reaches Snowflake", async () => {
    const fields = hostileFields(world);
    for (const field of fields) {
      // Fields that store what they accept are checked call by call; the others over the whole batch.
      const perCase = field.policy === "text" || field.policy === "default" || field.accepts !== undefined;
      const started = Date.now();
      const batchBefore = await rowCounts();
      const purposeBefore = (await field.countedOnPurpose?.()) ?? {};
      for (const c of field.cases) {
        const before = perCase ? await rowCounts() : null;
        const v = await field.run(c.value);
        const stored = before !== null && v.refused && JSON.stringify(before) !== JSON.stringify(await rowCounts());
        let ok = judge(field, c.category, c.label, v, stored);
        if (ok && field.policy === "default" && !v.refused) ok = (await storedIncludePii(v)) === false;
        rows.push({
          field: field.name,
          policy: field.policy,
          category: c.category,
          label: c.label,
          refused: v.refused,
          ok,
          message: v.message.slice(0, 160),
        });
      }
      // Rows the field adds on purpose (a counted wrong proof code's audit event) are taken off before comparing.
      const purposeAfter = (await field.countedOnPurpose?.()) ?? {};
      const batchAfter = await rowCounts();
      for (const [table, n] of Object.entries(purposeAfter)) batchAfter[table] -= n - (purposeBefore[table] ?? 0);
      if (!perCase && JSON.stringify(batchAfter) !== JSON.stringify(batchBefore)) {
        rows.push({
          field: field.name,
          policy: field.policy,
          category: "batch",
          label: "row counts after the field's refusals",
          refused: true,
          ok: false,
          message: "a refusal stored something",
        });
      }
      await field.cleanup?.();
      durations[field.name] = Date.now() - started;
    }

    const sent = harness.emulator.queryLog.list().filter((e) => e.seq > logStart);
    const texts = tracers(hostileCorpus).filter((t) => t.length <= 10_000);
    const leaked = sent.filter((e) =>
      texts.some((t) => e.sqlText.includes(t) || (e.binds ?? []).some((b) => String(b.value).includes(t))),
    );

    const failures = rows.filter((r) => !r.ok);
    const byField = Object.fromEntries(
      fields.map((f) => {
        const mine = rows.filter((r) => r.field === f.name);
        return [
          f.name,
          {
            policy: f.policy,
            cases: mine.length,
            refused: mine.filter((r) => r.refused).length,
            handledAsData: mine.filter((r) => !r.refused).length,
            ms: durations[f.name],
          },
        ];
      }),
    );
    const summary = {
      corpus: hostileCorpus.length,
      categories: [...new Set(hostileCorpus.map((c) => c.category))].length + 1,
      fields: fields.length,
      calls: rows.length,
      refused: rows.filter((r) => r.refused).length,
      handledAsData: rows.filter((r) => !r.refused).length,
      failures: failures.length,
      snowflakeStatementsDuringHostilePhase: sent.length,
      hostileStringsSeenBySnowflake: leaked.length,
      byField,
    };
    console.log(
      `hostile inputs: ${rows.length} calls (${hostileCorpus.length}-case corpus + forged ids × ${fields.length} fields): ${summary.refused} refused, ${summary.handledAsData} handled as data, ${failures.length} wrong; ${sent.length} Snowflake statements meanwhile, ${leaked.length} with hostile text`,
    );
    const failureGroups: Record<string, string[]> = {};
    for (const f of failures)
      (failureGroups[`${f.field} · ${f.category}`] ??= []).push(
        `${f.label} → ${f.refused ? "refused" : "accepted"}: ${f.message.slice(0, 100)}`,
      );
    writeResult("hostile-inputs", { ...summary, failureGroups });
    expect(failures.slice(0, 40)).toEqual([]);
    expect(leaked.map((e) => e.sqlText.slice(0, 200))).toEqual([]);
    // 47 fields × 300 cases: over 180 s twice at load average 20+ on 2 cores, 211 s at 10-15 (2026-12-01); 57 fields
    // since (share preview, erasures): 134 s idle for 52, and a clean-clone CI run at load ~10 ran past 420 s. The bound
    // is a hang guard, not a speed target (the per-field times are in the report).
  }, 900_000);

  it("sends a valid request's user text to Snowflake only as the validated, quoted account identifier — never its note", async () => {
    const note = `Tracer ${Date.now()}: O'Brien said "hi"; DROP SHARE X; -- /* end */`;
    signInAs(world.brand.owner);
    let requestId = "";
    try {
      await newRequestActions.submitShareRequestAction({
        orgSlug: world.brand.organization.slug,
        workspaceIds: [world.brand.web.id],
        datasetKeys: ["messaging-email"],
        consumerAccount: "acmeretail-analytics",
        consumerRegion: "AWS_US_EAST_1",
        note,
      });
    } catch (error) {
      requestId = /\/requests\/([^;]+);/.exec(String((error as { digest?: string }).digest))?.[1] ?? "";
    }
    expect(requestId).not.toBe("");
    signInAs(world.brand.manager);
    expect(await consoleActions.approveRequestAction({ requestId })).toMatchObject({ ok: true });
    signInAs(null);
    const since = harness.emulator.queryLog.list().at(-1)?.seq ?? 0;
    const executors = createProviderExecutors();
    try {
      expect(await executeRun({ runId: await latestRunId(requestId), workerId: "reliability", executors })).toBe(
        "succeeded",
      );
    } finally {
      await executors.close();
    }
    const sent = harness.emulator.queryLog.list().filter((e) => e.seq > since);
    expect(sent.length).toBeGreaterThan(0);
    const text = (e: (typeof sent)[number]) => [e.sqlText, ...(e.binds ?? []).map((b) => String(b.value))].join("\n");
    expect(
      sent.filter((e) => text(e).includes("Tracer")),
      "the note never reaches Snowflake",
    ).toEqual([]);
    // The account as typed ("acmeretail-analytics") never appears; only its normalised form, quoted or bound.
    expect(sent.filter((e) => text(e).toLowerCase().includes("acmeretail-analytics"))).toEqual([]);
    const inSql = sent.filter((e) => /ACMERETAIL/i.test(e.sqlText));
    for (const e of inSql)
      expect(e.sqlText.match(/\S*ACMERETAIL\S*/gi)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^"ACMERETAIL"\."ANALYTICS"[;,]?$/)]),
      );
    writeResult("hostile-valid-request", {
      statements: sent.length,
      boundStatements: sent.filter((e) => e.binds?.length).length,
      accountAsQuotedIdentifier: inSql.length,
    });
  }, 60_000);
});
