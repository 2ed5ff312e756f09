import { expect, test, type Locator, type Page } from "@playwright/test";
import { proveConsumerAccountForTest } from "../lib/testing/account-proofs";
import { createTestBrand, testDb } from "./support/database";
import { approveRequest, submitRequest } from "./support/lifecycle";
import { expectFitsPhone, expectNoAxeViolations, PHONE } from "./support/page-checks";
import { signIn } from "./support/sign-in";

// Every route of the brand portal, the console and the signed-out pages, with data in them (a brand with an
// active and a pending request): axe reports nothing at all, and at 390 × 844 no page scrolls sideways and
// each page's primary action is on screen. Soft assertions: one run names every page that fails.

type PageCase = { what: string; path: string; heading: string | RegExp; primary?: (page: Page) => Locator };

async function checkPages(page: Page, cases: PageCase[]) {
  for (const c of cases) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(c.path);
    await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
    await expectNoAxeViolations(page, c.what);
    // The layout is CSS only (no width-dependent rendering), so resizing the same page is a phone's view.
    await page.setViewportSize(PHONE);
    await expectFitsPhone(page, c.what, c.primary?.(page));
  }
}

/** A brand with one ACTIVE share (email events) and one request waiting for approval (two datasets). */
async function brandWithRequests() {
  const brand = await createTestBrand({
    slugPrefix: "pages",
    workspaces: [{ name: "Web", region: "AWS_US_EAST_1" }],
    members: [{ role: "OWNER" }],
    accountManagerEmail: "amelia@floe.example",
  });
  const pair = {
    organizationId: brand.organization.id,
    consumerAccount: "ACMERETAIL.ANALYTICS",
    consumerRegion: "AWS_US_EAST_1",
  };
  await proveConsumerAccountForTest(testDb(), pair);
  const common = {
    ...pair,
    requestedById: brand.owner.id,
    workspaceIds: brand.workspaces.map((w) => w.id),
    includePii: false,
  };
  const active = await submitRequest({ ...common, datasetKeys: ["messaging-email"] });
  await approveRequest(active.id);
  const pending = await submitRequest({
    ...common,
    datasetKeys: ["changelogs", "user-behaviors"],
    note: "For the Q3 churn model",
  });
  await expect
    .poll(
      async () =>
        (await testDb().shareRequest.findUniqueOrThrow({ where: { id: active.id }, select: { state: true } })).state,
      { timeout: 180_000 },
    )
    .toBe("ACTIVE");
  return { brand, activeId: active.id, pendingId: pending.id };
}

test.describe.configure({ timeout: 300_000 });

test("signed-out pages: no axe violations, and they fit a 390 px phone", async ({ page }) => {
  await checkPages(page, [
    {
      what: "sign-in",
      path: "/signin",
      heading: /Sign in/,
      primary: (p) => p.getByRole("button", { name: "Sign in", exact: true }),
    },
    { what: "check-email", path: "/signin/check-email", heading: /Check your email/i },
  ]);
});

test("every brand page: no axe violations, and it fits a 390 px phone with its primary action on screen", async ({
  page,
}) => {
  const { brand, activeId, pendingId } = await brandWithRequests();
  const base = `/o/${brand.organization.slug}`;
  await signIn(page, brand.owner.email);
  await checkPages(page, [
    {
      what: "brand home",
      path: base,
      heading: brand.organization.name,
      primary: (p) => p.getByRole("link", { name: "Request a share" }),
    },
    {
      what: "catalog",
      path: `${base}/catalog`,
      heading: "Catalog",
      primary: (p) => p.getByRole("link", { name: "Request a share" }),
    },
    {
      what: "catalog search",
      path: `${base}/catalog?q=campaign`,
      heading: "Catalog",
      primary: (p) => p.getByRole("button", { name: "Search" }),
    },
    {
      what: "dataset page",
      path: `${base}/catalog/messaging-email`,
      heading: "Email messaging events",
      primary: (p) => p.getByRole("link", { name: "Request this dataset" }),
    },
    {
      what: "requests list",
      path: `${base}/requests`,
      heading: "Share requests",
      primary: (p) => p.getByRole("link", { name: "Request a share" }),
    },
    {
      what: "request form",
      path: `${base}/requests/new`,
      heading: "Request a share",
      primary: (p) => p.getByRole("button", { name: "Request share" }),
    },
    {
      what: "pending request",
      path: `${base}/requests/${pendingId}`,
      heading: "Share request",
      primary: (p) => p.getByRole("button", { name: "Cancel request" }),
    },
    { what: "active request", path: `${base}/requests/${activeId}`, heading: "Share request" },
    { what: "brand audit", path: `${base}/audit`, heading: "Audit trail" },
    { what: "not found", path: `${base}/no-such-page`, heading: "Page not found" },
  ]);
});

test("every console page: no axe violations, and it fits a 390 px phone with its primary action on screen", async ({
  page,
}) => {
  const { brand, activeId, pendingId } = await brandWithRequests();
  await signIn(page, "ada@floe.example");
  const review = `Request from ${brand.organization.name}`;
  await checkPages(page, [
    {
      what: "console queue",
      path: "/console",
      heading: "Request queue",
      primary: (p) => p.getByRole("link", { name: "ACMERETAIL.ANALYTICS" }).first(),
    },
    { what: "console queue (active)", path: "/console?state=ACTIVE", heading: "Request queue" },
    {
      what: "console review (pending)",
      path: `/console/requests/${pendingId}`,
      heading: review,
      primary: (p) => p.getByRole("button", { name: "Approve…" }),
    },
    { what: "console review (active)", path: `/console/requests/${activeId}`, heading: review },
    { what: "console shares", path: "/console/shares", heading: "Shares" },
    { what: "console pipeline", path: "/console/pipeline", heading: "Pipeline" },
    {
      what: "console audit",
      path: "/console/audit",
      heading: "Audit trail",
      primary: (p) => p.getByRole("button", { name: "Apply filters" }),
    },
    { what: "console admin", path: "/console/admin", heading: "Admin" },
  ]);
});
