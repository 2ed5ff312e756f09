import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createPendingRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Every console page and route handler refuses brand users (404, as for an unknown URL) and signed-out
// visitors (sign-in page for pages, 401 for routes). The actions have the same matrix in vitest
// (lib/console/console-actions.test.ts), through the action factory.

let requestId: string;
test.beforeAll(async () => {
  ({ requestId } = await createPendingRequest({ slugPrefix: "e2e-authz" }));
});

const pages = () => [
  "/console",
  "/console/shares",
  "/console/pipeline",
  "/console/audit",
  "/console/admin",
  `/console/requests/${requestId}`,
];
const routes = () => [`/api/console/requests/${requestId}/runs`, "/api/console/audit/export"];

test("signed-out visitors are sent to sign in, and routes answer 401", async ({ page }) => {
  for (const path of pages()) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/signin\?callbackUrl=/);
  }
  for (const path of routes()) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(401);
  }
});

test("brand users get 404 from every console page and route", async ({ page }) => {
  await signIn(page, "olivia@acme.example");
  for (const path of pages()) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  for (const path of routes()) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain("ACMERETAIL"); // nothing about the request leaks
  }
});

test("account managers use the console but not admin; admins use admin", async ({ page, browser }) => {
  await signIn(page, "amelia@floe.example");
  for (const path of pages().filter((p) => p !== "/console/admin")) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  expect((await page.goto("/console/admin"))?.status()).toBe(404);
  const runs = await page.request.get(routes()[0]);
  expect(runs.status()).toBe(200);
  expect(await runs.json()).toMatchObject({ requestId, state: "PENDING_APPROVAL", runs: [] });

  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, "ada@floe.example");
  expect((await adminPage.goto("/console/admin"))?.status()).toBe(200);
  await expect(adminPage.getByTestId("provider-account")).toHaveCount(3);
  // Connection references are shown; there is no secret to show.
  await expect(adminPage.getByLabel("Secret reference").first()).toHaveValue(/^(env|file):/);
});

test("console pages have no serious accessibility violations", async ({ page }) => {
  // axe on every console page in one test: past the default 30 s at load average 20+ (every-page.spec.ts
  // checks the same pages for violations of any impact).
  test.setTimeout(90_000);
  await signIn(page, "ada@floe.example");
  for (const path of pages()) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      path,
    ).toEqual([]);
  }
});

test("the audit log filters by type and exports the same selection as CSV", async ({ page }) => {
  await signIn(page, "amelia@floe.example");
  await page.goto("/console/audit");
  await page.getByLabel("Event type").selectOption("request.submitted");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/type=request\.submitted/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.locator("td:nth-child(2)").allTextContents()) expect(text).toBe("request.submitted");

  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toBe("/api/console/audit/export?type=request.submitted");
  const csv = await page.request.get(href!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe(
    "id,created_at,type,actor_type,actor_email,actor_name,organization,request_id,share_id,details",
  );
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.split(",")[2] === "request.submitted")).toBe(true);
});
