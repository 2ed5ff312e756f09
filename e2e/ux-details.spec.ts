import { expect, test } from "@playwright/test";
import lake from "../lib/catalog/engagement-lake.json" with { type: "json" };
import { createTestBrand, testDb } from "./support/database";
import { approveRequest, createPendingRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Issue 18's small things and the data dictionary: the audit filter offers every event type the log holds,
// focus lands on the new page's heading after client navigation, the dataset page shows one collapsed
// summary per table, and every column has a real description on the page, in search and in both downloads.

const isRealDescription = (name: string, description: unknown) =>
  typeof description === "string" &&
  description.trim().length >= 20 &&
  description.trim().length <= 400 &&
  description.trim().toUpperCase() !== name;

test("the console audit filter offers every event type in the log, run.started included", async ({ page }) => {
  test.setTimeout(300_000);
  // run.started is recorded when a revoke (or retried) run starts: provision, then revoke from the console.
  const { requestId, organization, consumerAccount } = await createPendingRequest({ slugPrefix: "auditf" });
  await approveRequest(requestId);
  const state = () =>
    testDb()
      .shareRequest.findUniqueOrThrow({ where: { id: requestId }, select: { state: true } })
      .then((r) => r.state);
  await expect.poll(state, { timeout: 180_000 }).toBe("ACTIVE");
  await signIn(page, "amelia@floe.example");
  await page.goto(`/console/shares?org=${organization.slug}`);
  await page.getByTestId("share-row").getByRole("button", { name: "Revoke…" }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke access for ${consumerAccount}?` });
  await dialog.getByLabel(`Type ${consumerAccount} to confirm`).fill(consumerAccount);
  await dialog.getByRole("button", { name: "Revoke share" }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => testDb().auditEvent.count({ where: { requestId, type: "run.started" } }), { timeout: 120_000 })
    .toBeGreaterThan(0);
  const inLog = (await testDb().auditEvent.findMany({ distinct: ["type"], select: { type: true } })).map((e) => e.type);

  await page.goto("/console/audit");
  const offered = await page
    .getByLabel("Event type")
    .locator("option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(inLog).toContain("run.started");
  expect(inLog.filter((type) => !offered.includes(type))).toEqual([]);

  await page.getByLabel("Event type").selectOption("run.started");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/type=run\.started/);
  await expect(page.getByRole("cell", { name: "run.started" }).first()).toBeVisible();
});

test("after client-side navigation focus moves to the new page's heading", async ({ page }) => {
  test.setTimeout(90_000);
  const brand = await createTestBrand({ slugPrefix: "focus" });
  await signIn(page, brand.owner.email);
  await page.goto(`/o/${brand.organization.slug}`);
  const nav = page.getByRole("navigation", { name: "Brand portal navigation" });
  await nav.getByRole("link", { name: "Catalog" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeFocused();
  await nav.getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeFocused();
});

test("the dataset page collapses each table to a summary row, opened by keyboard, and every column is described", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const brand = await createTestBrand({ slugPrefix: "dict" });
  await signIn(page, brand.owner.email);
  await page.goto(`/o/${brand.organization.slug}/catalog/messaging-email`);
  const views = page.getByTestId("preview-view");
  await expect(views.first()).toBeVisible();
  const count = await views.count();
  expect(count).toBeGreaterThan(1);

  // Collapsed: every table's summary row is there, no column list is, and the page is short.
  for (let i = 0; i < count; i++) {
    const toggle = views.nth(i).locator("summary");
    await expect(toggle).toHaveText(/Columns and sample rows/);
    await expect(toggle).toBeVisible();
    await expect(views.nth(i).getByRole("table")).toBeHidden();
  }
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);

  // Keyboard: Tab to the first summary, Enter opens it.
  const first = views.first();
  await first.locator("summary").focus();
  await page.keyboard.press("Enter");
  const columns = first.getByRole("table", { name: /^Columns of / });
  await expect(columns).toBeVisible();
  const rows = columns.locator("tbody tr");
  const n = await rows.count();
  expect(n).toBeGreaterThan(10);
  for (let i = 0; i < n; i++) {
    const name = (await rows.nth(i).locator("td").nth(0).innerText()).replace(/\s*PII$/, "").trim();
    const description = (await rows.nth(i).locator("td").nth(3).innerText()).trim();
    expect.soft(isRealDescription(name, description), `${name}: "${description}"`).toBe(true);
  }

  // A search hit that links to a table opens it.
  await page.goto(`/o/${brand.organization.slug}/catalog/messaging-email#USERS_MESSAGES_EMAIL_BOUNCE_SHARED`);
  await expect(page.getByRole("table", { name: "Columns of USERS_MESSAGES_EMAIL_BOUNCE_SHARED" })).toBeVisible();

  // Both downloads carry a description for every column.
  for (const format of ["csv", "json"] as const) {
    const response = await page.request.get(
      `/api/orgs/${brand.organization.slug}/catalog/messaging-email/dictionary?format=${format}`,
    );
    expect(response.status()).toBe(200);
    const body = await response.text();
    if (format === "json") {
      const json = JSON.parse(body) as { columns: { column: string; description: unknown }[] };
      expect(json.columns.length).toBeGreaterThan(100);
      expect(json.columns.filter((c) => !isRealDescription(c.column, c.description)).map((c) => c.column)).toEqual([]);
    } else {
      const lines = body.trim().split(/\r\n/).slice(1);
      expect(lines.length).toBeGreaterThan(100);
      // The description is the last field: a line ending in a comma has none.
      expect(lines.filter((line) => line.endsWith(","))).toEqual([]);
    }
  }
});

test("every catalog column has a description, and search finds columns by description", async ({ page }) => {
  for (const dataset of lake.datasets) {
    for (const table of dataset.tables) {
      for (const column of table.columns as { name: string; description?: string }[]) {
        expect.soft(isRealDescription(column.name, column.description), `${table.name}.${column.name}`).toBe(true);
      }
    }
  }
  const brand = await createTestBrand({ slugPrefix: "search" });
  await signIn(page, brand.owner.email);
  // "Unix epoch" occurs in the TIME columns' descriptions only, never in a column name.
  await page.goto(`/o/${brand.organization.slug}/catalog?q=${encodeURIComponent("unix epoch seconds")}`);
  const results = page.getByRole("region", { name: "Search results" });
  await expect(results.getByText("TIME", { exact: true }).first()).toBeVisible();
});
