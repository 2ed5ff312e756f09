// Issue 18, item 6: every requester e-mail links to the request's page by its absolute URL, and says what
// that page says in the same state (the failure mail used to promise a retry while the page asked the
// brand to fix its values). Each template is reached through the real commands; the page's words come
// from the page's own read model (getRequestStatus), never copied into the test.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getConfig, parseConfig } from "@/lib/config";
import { getRequestStatus } from "@/lib/portal/request-status";
import { createBrand, latestRunId, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { emailContent, requestPageUrl, type RequestEmailKind } from "./emails";
import { markFailed } from "./mark-failed";
import { markProvisioning } from "./mark-provisioning";

let brand: Brand;

beforeAll(async () => {
  brand = await createBrand();
});

async function mailOf(requestId: string, kind: RequestEmailKind) {
  return db.outboxEmail.findFirstOrThrow({ where: { requestId, kind } });
}

async function pageOf(requestId: string) {
  const status = await getRequestStatus({ organizationId: brand.organization.id, requestId });
  if (!status) throw new Error("no status");
  return status;
}

function expectLinksToPage(text: string, requestId: string) {
  const url = new URL(
    `/o/${brand.organization.slug}/requests/${requestId}`,
    getConfig().NEXTAUTH_URL ?? "http://localhost:3000",
  ).toString();
  expect(text).toContain(`Open the request: ${url}`);
}

describe("requester e-mails", () => {
  it("approved: links to the page, which then shows the steps being set up", async () => {
    const { requestId } = await requestInState(brand, "APPROVED");
    const mail = await mailOf(requestId, "request.approved");
    expectLinksToPage(mail.text, requestId);
    expect(mail.text).toContain("setting up the share");
    expect((await pageOf(requestId)).timeline.map((e) => e.title)).toContain(`Approved by ${brand.manager.name}`);
  });

  it("rejected: carries the reason the page's timeline shows", async () => {
    const { requestId } = await requestInState(brand, "REJECTED");
    const mail = await mailOf(requestId, "request.rejected");
    expectLinksToPage(mail.text, requestId);
    const entry = (await pageOf(requestId)).timeline.find((e) => e.title.startsWith("Declined by"));
    expect(entry?.detail).toBe("Reason: Not in the contract");
    expect(mail.text).toContain(entry?.detail);
  });

  it("awaiting proof: the page's instruction, word for word", async () => {
    const { requestId } = await requestInState(brand, "AWAITING_PROOF");
    const mail = await mailOf(requestId, "request.awaiting_proof");
    expectLinksToPage(mail.text, requestId);
    const entry = (await pageOf(requestId)).timeline.find((e) => e.title === "Waiting for you to confirm the account");
    expect(entry?.detail).toBeTruthy();
    expect(mail.text).toContain(`${entry?.title}: ${entry?.detail}`);
  });

  it("active and revoked: the page's timeline entries", async () => {
    const { requestId } = await requestInState(brand, "REVOKED");
    const timeline = (await pageOf(requestId)).timeline;
    const active = await mailOf(requestId, "request.active");
    expectLinksToPage(active.text, requestId);
    expect(active.text).toContain(timeline.find((e) => e.title === "Share active")?.detail);
    const revoked = await mailOf(requestId, "request.revoked");
    expectLinksToPage(revoked.text, requestId);
    expect(revoked.text).toContain(timeline.find((e) => e.title === "Share removed")?.detail);
  });

  it("failed because Snowflake refused the account: asks to fix the values like the page, and does not promise a retry", async () => {
    const { requestId } = await requestInState(brand, "PROVISIONING");
    await markFailed({
      runId: await latestRunId(requestId),
      stepKey: "add-accounts",
      errorCode: "002003",
      errorMessage: "Account does not exist",
    });
    const mail = await mailOf(requestId, "request.failed");
    const failure = (await pageOf(requestId)).failure;
    expect(failure?.nextStep).toMatch(/submit a new one with the right values/);
    expect(mail.text).toContain(failure?.title);
    expect(mail.text).toContain(failure?.explanation);
    expect(mail.text).toContain(failure?.nextStep);
    expect(mail.text).not.toMatch(/has been told and will retry it\./);
    expect(mail.text).not.toContain("Account does not exist");
    expectLinksToPage(mail.text, requestId);
  });

  it("failed while removing: the page's removal explanation", async () => {
    const { requestId } = await requestInState(brand, "REVOKING");
    const runId = await latestRunId(requestId);
    await markProvisioning({ runId, workerId: "w" });
    await markFailed({ runId, stepKey: "drop_share", errorCode: "090001", errorMessage: "Warehouse suspended" });
    const mail = await mailOf(requestId, "request.failed");
    const failure = (await pageOf(requestId)).failure;
    expect(mail.subject).toBe("Removing your data share hit a problem");
    expect(mail.text).toContain(failure?.explanation);
    expect(mail.text).toContain(failure?.nextStep);
  });
});

describe("emailContent", () => {
  const facts = {
    requestId: "r1",
    consumerAccount: "PACIFICOUTFIT.PROD",
    consumerRegion: "AWS_US_WEST_2",
    pageUrl: "https://floe.example.com/o/pacific/requests/r1",
  };

  it("says a cross-region share is a replica refreshed on the plan's schedule, and an in-region one is live", () => {
    const cross = emailContent("request.active", {
      ...facts,
      run: {
        kind: "PROVISION",
        failedStepKey: null,
        errorCode: null,
        plan: { crossRegion: true, replication: { schedule: "10 MINUTE" } },
      },
    });
    expect(cross.text).toContain("replicated to a secondary database in your region");
    expect(cross.text).toContain("every 10 minutes");
    expect(cross.text).not.toMatch(/no copy|live data/);
    const local = emailContent("request.active", {
      ...facts,
      run: { kind: "PROVISION", failedStepKey: null, errorCode: null, plan: { crossRegion: false, replication: null } },
    });
    expect(local.text).toContain("queries read the live data, with no copy and no lag");
  });
});

describe("requestPageUrl", () => {
  it("builds the absolute URL from the public base and escapes the path", () => {
    expect(requestPageUrl("acme", "r/1", "https://floe.example.com/")).toBe(
      "https://floe.example.com/o/acme/requests/r%2F1",
    );
    expect(requestPageUrl("acme", "r1", "https://floe.example.com/base/ignored")).toBe(
      "https://floe.example.com/o/acme/requests/r1",
    );
  });

  it("refuses a base that is not http(s), here and already at start", () => {
    expect(() => requestPageUrl("acme", "r1", "ftp://floe.example.com")).toThrow(/http\(s\)/);
    expect(() =>
      parseConfig({ DATABASE_URL: "postgresql://u:p@localhost/floe", NEXTAUTH_URL: "ftp://floe.example.com" }),
    ).toThrow(/NEXTAUTH_URL must be the app's public http\(s\) URL/);
  });
});
