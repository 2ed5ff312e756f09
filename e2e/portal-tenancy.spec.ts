import { expect, test, type Page } from "@playwright/test";
import { createTestBrand, testDb, type TestBrand } from "./support/database";
import { submitRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Brand B must not see or change brand A's request by URL, by the status route, or by replaying its own
// server action with A's ids: every answer is "not found", and A's request is untouched.

async function pendingRequest(brand: TestBrand, consumerAccount: string) {
  const { id } = await submitRequest({
    organizationId: brand.organization.id,
    requestedById: brand.owner.id,
    workspaceIds: [brand.workspaces[0].id],
    datasetKeys: ["changelogs"],
    consumerAccount,
    consumerRegion: "AWS_US_EAST_1",
    includePii: false,
  });
  return id;
}

/** Rewrites the next server action call's arguments on the wire, as a hand-crafted request would. */
async function tamperWithNextAction(page: Page, replace: [string, string]) {
  let used = false;
  await page.route("**/o/**", async (route) => {
    const request = route.request();
    if (used || request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
    used = true;
    const body = request.postData() ?? "";
    expect(body).toContain(replace[0]);
    await route.continue({ postData: body.replaceAll(replace[0], replace[1]) });
  });
}

test("another brand's request is a 404 everywhere and its actions change nothing", async ({ page }) => {
  const [a, b] = await Promise.all([createTestBrand(), createTestBrand()]);
  const requestA = await pendingRequest(a, "BRANDA.PROD");
  const requestB = await pendingRequest(b, "BRANDB.PROD");
  await signIn(page, b.owner.email);

  for (const url of [
    `/o/${a.organization.slug}/requests/${requestA}`,
    `/o/${b.organization.slug}/requests/${requestA}`,
  ]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("BRANDA.PROD")).toHaveCount(0);
  }
  for (const slug of [a.organization.slug, b.organization.slug]) {
    const response = await page.request.get(`/api/orgs/${slug}/requests/${requestA}/status`);
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain("BRANDA");
  }
  expect((await page.request.get(`/api/orgs/${b.organization.slug}/requests/${requestB}/status`)).status()).toBe(200);

  // B's own cancel button, with A's request id swapped in on the wire.
  await page.goto(`/o/${b.organization.slug}/requests/${requestB}`);
  await tamperWithNextAction(page, [requestB, requestA]);
  await page.getByRole("button", { name: "Cancel request" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this request?" });
  await dialog.getByRole("button", { name: "Yes, cancel request" }).click();
  await expect(dialog.getByRole("alert")).toContainText("does not exist or you do not have access to it");

  // And with A's organisation named instead: B is not a member there.
  await tamperWithNextAction(page, [`"${b.organization.slug}"`, `"${a.organization.slug}"`]);
  await dialog.getByRole("button", { name: "Yes, cancel request" }).click();
  await expect(dialog.getByRole("alert")).toContainText("We could not find that organisation");

  const states = await testDb().shareRequest.findMany({
    where: { id: { in: [requestA, requestB] } },
    select: { id: true, state: true },
  });
  expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
    [requestA]: "PENDING_APPROVAL",
    [requestB]: "PENDING_APPROVAL",
  });
  expect(await testDb().auditEvent.count({ where: { requestId: requestA, type: "request.cancelled" } })).toBe(0);
});

test("a viewer reads requests but cannot request or act", async ({ page }) => {
  const brand = await createTestBrand();
  const requestId = await pendingRequest(brand, "VIEWERTEST.PROD");
  await signIn(page, brand.viewer.email);
  await page.goto(`/o/${brand.organization.slug}/requests/new`);
  await expect(page.getByText("Viewers cannot request shares")).toBeVisible();
  await expect(page.getByRole("button", { name: "Request share" })).toHaveCount(0);
  await page.goto(`/o/${brand.organization.slug}/requests/${requestId}`);
  await expect(
    page.getByRole("region", { name: "Progress" }).getByText("Pending approval", { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel request" })).toHaveCount(0);
});

test("a dataset outside the brand's contract is a 404 on the page and the dictionary route", async ({ page }) => {
  // Nordlicht's contract has no changelogs (prisma/seed/demo-tenants.ts).
  await signIn(page, "nora@nordlicht.example");
  expect((await page.goto("/o/nordlicht/catalog/changelogs"))?.status()).toBe(404);
  expect((await page.request.get("/api/orgs/nordlicht/catalog/changelogs/dictionary?format=json")).status()).toBe(404);
  expect((await page.request.get("/api/orgs/acme/catalog/messaging-email/dictionary")).status()).toBe(404);
  // Its own catalog answers (the list reads Postgres only: no EU lake read to race portal-preview-failure's fault).
  expect((await page.goto("/o/nordlicht/catalog"))?.status()).toBe(200);
});
