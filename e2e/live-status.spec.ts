import { expect, test, type Locator, type Page } from "@playwright/test";
import { testDb } from "./support/database";
import { connectConsumer, emulatorAdmin, emulatorUrl } from "./support/emulator";
import { approveRequest, createPendingRequest, shareNamePrefix } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Issue 18, item 1: an open request page follows every state change within 2 s, without a reload — the
// approval, each provisioning step, activation, and after "Remove share" the removal through to Revoked
// (which used to freeze on "Revoking"). The real path: lib/ commands, the worker, the emulator. Each
// "within 2 s" is measured from the moment the test sees the change committed in PostgreSQL.
// Item 2 and 3 on the cross-region page: what it says about the copy, and mount SQL whose every copy
// button holds one statement that runs alone in the consumer account.

test.describe.configure({ timeout: 180_000 });

const LIVE = { timeout: 2_000 };

type DbStatus = { state: string; done: number; total: number };

async function dbStatus(requestId: string): Promise<DbStatus> {
  const request = await testDb().shareRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      state: true,
      runs: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { steps: { select: { state: true } } },
      },
    },
  });
  const steps = request.runs[0]?.steps ?? [];
  return {
    state: request.state,
    done: steps.filter((s) => s.state === "SUCCEEDED" || s.state === "SKIPPED").length,
    total: steps.length,
  };
}

/** Polls PostgreSQL (every 50 ms) until `accept` holds; returns the status that satisfied it. */
async function committed(requestId: string, accept: (s: DbStatus) => boolean, timeout = 90_000): Promise<DbStatus> {
  const until = Date.now() + timeout;
  for (;;) {
    const status = await dbStatus(requestId);
    if (accept(status)) return status;
    if (Date.now() > until)
      throw new Error(`Request ${requestId} never reached the awaited state (last: ${JSON.stringify(status)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stepsDone(progress: Locator) {
  return async () =>
    Number(
      /^(\d+) of/.exec(
        (await progress
          .getByTestId("step-count")
          .textContent()
          .catch(() => "")) ?? "",
      )?.[1] ?? -1,
    );
}

/**
 * Marks the loaded document; the returned check tells whether it is still the same one. A reload (or any
 * full navigation) replaces the window and loses the mark; Next's client-side refreshes keep it.
 */
async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => Object.assign(window, { __liveStatusMark: true }));
  return async () =>
    page.evaluate(() => (window as unknown as { __liveStatusMark?: boolean }).__liveStatusMark === true);
}

test("the brand's request page follows approval, every step, activation and removal live", async ({ page }) => {
  emulatorUrl();
  const admin = emulatorAdmin();
  const { requestId, organization, requester } = await createPendingRequest({ slugPrefix: "e2e-live" });
  // This share's statements take a while, so every step is on screen long enough to be seen (and a
  // page that polled every few seconds would visibly lag).
  const rule = await admin.addFaultRule({ kind: "latency", ms: 1200, sqlPattern: shareNamePrefix(organization.slug) });
  try {
    await signIn(page, requester.email);
    await page.goto(`/o/${organization.slug}/requests/${requestId}`);
    const progress = page.getByRole("region", { name: "Progress" });
    await expect(progress.getByText("Pending approval", { exact: true })).toBeVisible();
    const sameDocument = await markDocument(page);

    // Approval (the account manager's command): the page leaves "Pending approval" within 2 s.
    await approveRequest(requestId);
    await expect(progress.getByText("Pending approval", { exact: true })).toBeHidden(LIVE);

    // Each step: once PostgreSQL records k steps done, the page shows at least k within 2 s.
    let seen = 0;
    for (;;) {
      const status = await committed(requestId, (s) =>
        s.state !== "PROVISIONING" && s.state !== "APPROVED" ? true : s.done > seen,
      );
      if (status.state !== "PROVISIONING") break;
      seen = status.done;
      await expect.poll(stepsDone(progress), LIVE).toBeGreaterThanOrEqual(seen);
    }
    expect(seen).toBeGreaterThanOrEqual(2);
    await committed(requestId, (s) => s.state === "ACTIVE");
    await expect(progress.getByText("Active", { exact: true })).toBeVisible(LIVE);
    await expect(page.getByTestId("mount-sql").first()).toBeVisible(LIVE);
    await expect(page.getByText("Nothing is copied")).toHaveCount(0);
    await expect(page.getByTestId("mount-route")).toContainText("no copy");

    // Remove share: Revoking, then Revoked within 2 s of the commit, with the mount SQL and the button gone.
    await page.getByRole("button", { name: "Remove share" }).click();
    await page
      .getByRole("dialog", { name: "Remove this share?" })
      .getByRole("button", { name: "Yes, remove share" })
      .click();
    await committed(requestId, (s) => s.state === "REVOKED");
    await expect(progress.getByText("Revoked", { exact: true })).toBeVisible(LIVE);
    await expect(page.getByTestId("mount-sql")).toHaveCount(0, LIVE);
    await expect(page.getByRole("button", { name: "Remove share" })).toHaveCount(0, LIVE);
    expect(await sameDocument()).toBe(true);
  } finally {
    await admin.removeFaultRule(rule.id).catch(() => {});
  }
});

test("the console's runs panel follows approval to Active live", async ({ page }) => {
  emulatorUrl();
  const { requestId } = await createPendingRequest({ slugPrefix: "e2e-live-console" });
  await signIn(page, "amelia@floe.example");
  await page.goto(`/console/requests/${requestId}`);
  const sameDocument = await markDocument(page);
  await page.getByRole("button", { name: "Approve…" }).click();
  await page
    .getByRole("dialog", { name: "Approve this share?" })
    .getByRole("button", { name: "Approve and provision" })
    .click();
  await committed(requestId, (s) => s.state === "ACTIVE");
  await expect(page.getByTestId("runs-panel")).toHaveAttribute("data-request-state", "ACTIVE", LIVE);
  await expect(page.getByTestId("run").first()).toHaveAttribute("data-run-state", "SUCCEEDED", LIVE);
  expect(await sameDocument()).toBe(true);
});

test("a cross-region share says it is replicated, its mount statements each run alone, and removal reaches Revoked live", async ({
  page,
  context,
}) => {
  emulatorUrl();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { requestId, organization, requester } = await createPendingRequest({
    slugPrefix: "e2e-live-x",
    consumerAccount: "PACIFICOUTFIT.PROD",
    consumerRegion: "AWS_US_WEST_2",
  });
  await signIn(page, requester.email);
  await page.goto(`/o/${organization.slug}/requests/${requestId}`);
  const progress = page.getByRole("region", { name: "Progress" });
  const sameDocument = await markDocument(page);
  await approveRequest(requestId);
  await committed(requestId, (s) => s.state === "ACTIVE");
  await expect(progress.getByText("Active", { exact: true })).toBeVisible(LIVE);

  // Item 2: the truth about this route — a replica in the consumer's region, refreshed every 10 minutes.
  const route = page.getByTestId("mount-route");
  await expect(route).toContainText("replicated");
  await expect(route).toContainText("every 10 minutes");
  await expect(page.getByText("Nothing is copied")).toHaveCount(0);

  // Item 3: one copy button per statement; each copied text is one statement that runs alone.
  const statements = page.getByTestId("mount-statement");
  const count = await statements.count();
  expect(count).toBe(2);
  const copied: string[] = [];
  for (let i = 0; i < count; i++) {
    await statements
      .nth(i)
      .getByRole("button", { name: /^Copy statement/ })
      .click();
    copied.push(await page.evaluate(() => navigator.clipboard.readText()));
  }
  expect(copied[0]).toMatch(/^CREATE DATABASE \S+ FROM SHARE \S+;$/);
  expect(copied[1]).toMatch(/^GRANT IMPORTED PRIVILEGES ON DATABASE \S+ TO ROLE \S+;$/);
  await page.getByText("Everything as one script").click();
  await expect(page.getByTestId("mount-script")).toContainText("MULTI_STATEMENT_COUNT");
  await page.getByRole("button", { name: "Copy script" }).click();
  const script = await page.evaluate(() => navigator.clipboard.readText());

  const consumer = await connectConsumer("PACIFICOUTFIT-PROD");
  try {
    // As one call the script is refused, exactly as a driver refuses it (000008), unless it says how many.
    await expect(consumer.run(script)).rejects.toThrow(/000008|statement count/i);
    for (const statement of copied) await consumer.run(statement);
    const database = /^CREATE DATABASE (\S+)/.exec(copied[0])?.[1] as string;
    await consumer.run(`DROP DATABASE ${database}`);
    await consumer.run(script, { MULTI_STATEMENT_COUNT: 0 });
    const sample = (await page
      .getByRole("figure")
      .filter({ hasText: "Sample query 1" })
      .locator("code")
      .textContent()) as string;
    await consumer.run(sample);
    await consumer.run(`DROP DATABASE ${database}`);
  } finally {
    await consumer.close();
  }

  await page.getByRole("button", { name: "Remove share" }).click();
  await page
    .getByRole("dialog", { name: "Remove this share?" })
    .getByRole("button", { name: "Yes, remove share" })
    .click();
  await committed(requestId, (s) => s.state === "REVOKED");
  await expect(progress.getByText("Revoked", { exact: true })).toBeVisible(LIVE);
  await expect(page.getByTestId("mount-sql")).toHaveCount(0, LIVE);
  expect(await sameDocument()).toBe(true);
});
