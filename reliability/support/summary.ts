// reliability/results/summary.md from the figures the tests wrote and vitest's JSON report. Pure.
import path from "node:path";

type Assertion = { title: string; fullName: string; status: string; duration?: number | null };
type FileResult = { name: string; startTime: number; endTime: number; assertionResults: Assertion[] };
export type VitestReport = {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: FileResult[];
};
type Figures = Record<string, Record<string, unknown> | undefined>;

const num = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en") : "—");

function fileRows(report: VitestReport | null): string[] {
  if (!report) return ["| (vitest did not write a report) | | | |"];
  return report.testResults.map((f) => {
    const passed = f.assertionResults.filter((a) => a.status === "passed").length;
    const failed = f.assertionResults.filter((a) => a.status === "failed").length;
    return `| ${path.relative(process.cwd(), f.name)} | ${passed} | ${failed} | ${((f.endTime - f.startTime) / 1000).toFixed(1)} s |`;
  });
}

function faultFigures(report: VitestReport | null, faultSuites: string[]) {
  const tests = (report?.testResults ?? [])
    .filter((f) => faultSuites.some((s) => f.name.endsWith(s)))
    .flatMap((f) => f.assertionResults);
  // Titles read "provision: <path> <step> <mode>[ + revoke <step> <mode>]": each phase's mode is its own part.
  const phase = (t: Assertion, prefix: string) =>
    prefix === "provision:" ? t.title.split(" + ")[0] : (t.title.split(" + revoke ")[1] ?? "");
  const count = (prefix: string, mode?: string) =>
    tests.filter((t) => t.title.startsWith(prefix) && (!mode || phase(t, prefix).endsWith(mode)));
  const passed = (list: Assertion[]) => `${list.filter((t) => t.status === "passed").length}/${list.length}`;
  return {
    provision: passed(count("provision:")),
    provisionTransient: passed(count("provision:", "transient")),
    provisionPermanent: passed(count("provision:", "permanent")),
    revoke: passed(count("revoke:")),
    revokeTransient: passed(count("revoke:", "transient")),
    revokePermanent: passed(count("revoke:", "permanent")),
    crash: passed(tests.filter((t) => t.fullName.includes("worker killed"))),
    reconcile: passed(tests.filter((t) => /reconciliation|exactly as Postgres/.test(t.title))),
  };
}

export function renderSummary(input: {
  report: VitestReport | null;
  figures: Figures;
  seconds: number;
  faultSuites: string[];
}): string {
  const { report, figures: f, seconds } = input;
  const authz = f.authorization ?? {};
  const hostile = f["hostile-inputs"] ?? {};
  const valid = f["hostile-valid-request"] ?? {};
  const restart = f["database-restart"] ?? {};
  const boundary = f["share-boundary"] ?? {};
  const conc = (f.concurrency ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const limits = f["request-limits"] ?? {};
  const rate = (limits.rateLimit ?? {}) as Record<string, unknown>;
  const signIn = f["sign-in"] ?? {};
  const setup = f["setup-input"] ?? {};
  const faults = faultFigures(report, input.faultSuites);
  const status = report ? (report.success ? "all passed" : `${report.numFailedTests} FAILED`) : "no report";
  return [
    "# Reliability report",
    "",
    `Produced by \`npm run test:reliability\` on ${new Date().toISOString()} in ${seconds} s: ${num(report?.numPassedTests)} tests passed, ${num(report?.numFailedTests)} failed (${status}).`,
    "",
    "| Area | Figure |",
    "| --- | --- |",
    `| Authorization matrix | ${num(authz.cells)} cells checked (${num(authz.endpoints)} endpoints discovered from app/ × ${num(authz.personas)} personas): ${num(authz.allowed)} allowed, ${num(authz.denied)} denied, ${num(authz.wrong)} wrong; ${num(authz.deniedWithDatabaseUnchanged)} denials left every table unchanged |`,
    `| Hostile inputs | ${num(hostile.corpus)}-case corpus (${num(hostile.categories)} categories, plus forged ids) × ${num(hostile.fields)} fields = ${num(hostile.calls)} calls: ${num(hostile.refused)} refused with a specific message, ${num(hostile.handledAsData)} handled as plain data (free text, searches, filters, checkbox), ${num(hostile.failures)} wrong |`,
    `| Hostile inputs → Snowflake | ${num(hostile.snowflakeStatementsDuringHostilePhase)} statements sent during the hostile phase, ${num(hostile.hostileStringsSeenBySnowflake)} containing hostile text; a valid request's ${num(valid.statements)} statements carried its account only as the quoted identifier (${num(valid.accountAsQuotedIdentifier)}) or binds, its note never |`,
    `| Faults per provisioning step | provision ${faults.provision} scenarios passed (transient ${faults.provisionTransient}, permanent ${faults.provisionPermanent}); revoke ${faults.revoke} (transient ${faults.revokeTransient}, permanent ${faults.revokePermanent}); reconciliation checks ${faults.reconcile} (lib/provisioning/fault-matrix.test.ts) |`,
    `| Share boundary (generated worlds) | ${num(boundary.worlds)} worlds (${num(boundary.brands)} brands, ${num(boundary.shares)} shares into shared consumer accounts, ${num(boundary.revoked)} revoked, ${num(boundary.regranted)} re-granted) through the run executor: ${num(boundary.viewChecks)} mounted views compared row-for-row and column-for-column with the model (${num(boundary.rowsCompared)} rows), ${num(boundary.absentViewChecks)} ungranted views absent, ${num(boundary.revokedMountChecks)} revoked mounts refused, ${num(boundary.leaks)} leaks (reliability/share-boundary.test.ts) |`,
    `| Worker SIGKILL after a step | ${faults.crash} passed (lib/provisioning/worker-crash.test.ts) |`,
    `| Database restarted mid-run | ${num(restart.requests)} requests, ${num(restart.stepsInFlightAtRestart)} steps in flight, database down ${num(restart.databaseDownMs)} ms: ${num(restart.active)} ACTIVE, ${num(restart.failedWithReason)} FAILED with a reason, ${num(restart.runsPerRequest)} run per request, ${num(restart.resumedSteps)} steps resumed after the outage, ${num(restart.queueBookkeepingForgiven)} lost queue acknowledgements recovered, ${num(restart.reconciliationProblems)} reconciliation problems, worker process survived: ${String(restart.workerSurvived ?? "—")} |`,
    `| Racing approvals | ${num(conc.racingApprovals?.callers)} managers at once: ${num(conc.racingApprovals?.approved)} approval, ${num(conc.racingApprovals?.runs)} run, ${num(conc.racingApprovals?.auditApproved)} audit event |`,
    `| Approve vs cancel | ${num(conc.approveVsCancel?.races)} races: ${num(conc.approveVsCancel?.approved)} approved, ${num(conc.approveVsCancel?.cancelled)} cancelled, never both |`,
    `| Revoke during provisioning | ${num(conc.revokeDuringProvisioning?.refusedWhileProvisioning)} refused while provisioning; then ${num(conc.revokeDuringProvisioning?.thenRacingRevocations)} racing revocations → ${num(conc.revokeDuringProvisioning?.accepted)} accepted, ${num(conc.revokeDuringProvisioning?.revokeRuns)} revoke run |`,
    `| Hostile setup input (npm run setup) | ${num(setup.corpus)}-case corpus × ${num(setup.fields)} fields of the setup file = ${num(setup.calls)} parses: ${num(setup.refused)} refused naming the field's path, ${num(setup.accepted)} accepted as values the database CHECKs accept, ${num(setup.wrong)} wrong |`,
    `| Sessions after sign-out | ${num(signIn.personasSignedOut)} personas signed out, ${num(signIn.guardsChecked)} guard checks of their copied tokens: ${num(signIn.copiedTokensAcceptedAfterSignOut)} accepted; ${num(signIn.roleChanges)} role changes: ${num(signIn.staleTokensAcceptedAfterRoleChange)} older tokens accepted |`,
    `| SSO (real OIDC round trips) | ${num(signIn.ssoUnverifiedValues)} email_verified values other than true with an admin's email: ${num(signIn.ssoUnverifiedRefused)} refused; verified but no admin permission: ${num(signIn.ssoRefusedWithoutPermission)} refused; with permission: ${num(signIn.ssoLinkedWithPermission)} linked; ${num(signIn.ssoLinksCreated)} link created in all |`,
    `| Retry vs retry | ${num(conc.retryVsRetry?.callers)} at once: ${num(conc.retryVsRetry?.resumed)} resumed the run, ${num(conc.retryVsRetry?.refused)} refused, ${num(conc.retryVsRetry?.auditRetried)} audit event |`,
    `| Request limits | ${num(limits.routes)} route handlers discovered: ${num(limits.declaredRefused)} refused a declared oversized body with 413 (signed out: before the session or any query), ${num(limits.streamedRefused)} cut off a streamed one with 413; ${num(limits.overlongFieldsRefused)} overlong e-mail → 400; magic links ${num(rate.perAddress)} per address and ${num(rate.perClient)} per client per ${num(rate.windowMinutes)} min: address ${JSON.stringify(rate.addressOutcomes ?? [])}, client ${JSON.stringify(rate.clientOutcomes ?? [])} |`,
    "",
    "## Test files",
    "",
    "| File | Passed | Failed | Duration |",
    "| --- | --- | --- | --- |",
    ...fileRows(report),
    "",
    "Raw figures: `reliability/results/*.json` (the full authorization matrix is in `authorization.json`).",
    "",
  ].join("\n");
}
