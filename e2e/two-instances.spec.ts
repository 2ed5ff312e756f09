import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../scripts/lib/free-port";
import { startService, waitForHttp, type Service } from "../scripts/lib/processes";
import { createTestBrand } from "./support/database";
import { createApiTokenFor, createPendingRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Scale-out (issue 15): a second `next start` of the same build against the same PostgreSQL, beside the one
// the test run started. What one instance does, the other sees: a session signed in on one is valid on the
// other (stateless JWT under the shared NEXTAUTH_SECRET), an API token's rate limit is one count across
// both (RateLimitBucket in PostgreSQL), and a request page served by one follows, live, an approval made
// on the other (PostgreSQL NOTIFY reaches every instance's listener). Cookies ignore the port, so one
// browser context is signed in on both 127.0.0.1 instances at once.

test.describe.configure({ mode: "serial", timeout: 120_000 });

const SECOND_LIMIT = 5;
let second: Service | null = null;
let secondUrl = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  // The test runner's NODE_OPTIONS carry `--conditions=react-server` (for lib/ imports); a server must not.
  second = startService(
    "web-2",
    path.resolve("node_modules/.bin/next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        NODE_OPTIONS: undefined,
        NEXTAUTH_URL: secondUrl,
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: "1",
        FLOE_API_RATE_LIMIT_PER_MINUTE: String(SECOND_LIMIT),
      },
      quiet: true,
    },
  );
  await waitForHttp(`${secondUrl}/api/health`, second, 150_000);
});

test.afterAll(async () => {
  await second?.stop();
});

test("a session signed in on one instance is the same session on the other", async ({ page }) => {
  const { organization, requester } = await createPendingRequest({ slugPrefix: "e2e-scale-session" });
  await signIn(page, requester.email);
  await page.goto(`${secondUrl}/o/${organization.slug}/requests`);
  await expect(page).toHaveURL(`${secondUrl}/o/${organization.slug}/requests`);
  await expect(page.getByTestId("signed-in-user")).toContainText(requester.email);
});

test("an API token's rate limit is one count across both instances", async ({ request, baseURL }) => {
  const brand = await createTestBrand({ slugPrefix: "e2e-scale-limit" });
  const { token } = await createApiTokenFor({
    organizationId: brand.organization.id,
    actorId: brand.owner.id,
    scopes: ["read"],
  });
  const headers = { authorization: `Bearer ${token}` };
  // The first instance allows the default 120 calls a minute, the second SECOND_LIMIT. Calls made on the
  // first count on the second: counted per process, the second would see its first call and answer 200.
  for (let call = 1; call <= SECOND_LIMIT; call++) {
    const answer = await request.get(`${baseURL}/api/v1/workspaces`, { headers });
    expect(answer.status(), `call ${call} on the first instance`).toBe(200);
  }
  const refused = await request.get(`${secondUrl}/api/v1/workspaces`, { headers });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  const stillAllowed = await request.get(`${baseURL}/api/v1/workspaces`, { headers });
  expect(stillAllowed.status()).toBe(200); // the first instance's own limit is not reached
});

test("a request page on one instance follows an approval made on the other, live", async ({ browser }) => {
  const { requestId, organization, requester } = await createPendingRequest({ slugPrefix: "e2e-scale-live" });
  const brandContext = await browser.newContext();
  const managerContext = await browser.newContext();
  try {
    const brandPage = await brandContext.newPage();
    await signIn(brandPage, requester.email);
    await brandPage.goto(`${secondUrl}/o/${organization.slug}/requests/${requestId}`);
    const progress = brandPage.getByRole("region", { name: "Progress" });
    await expect(progress.getByText("Pending approval", { exact: true })).toBeVisible();
    await brandPage.evaluate(() => Object.assign(window, { __sameDocument: true }));

    const managerPage = await managerContext.newPage();
    await signIn(managerPage, "amelia@floe.example");
    await managerPage.goto(`/console/requests/${requestId}`);
    await managerPage.getByRole("button", { name: "Approve…" }).click();
    await managerPage
      .getByRole("dialog", { name: "Approve this share?" })
      .getByRole("button", { name: "Approve and provision" })
      .click();

    // Served by the second instance, told by PostgreSQL: no reload (the mark survives).
    await expect(progress.getByText("Pending approval", { exact: true })).toBeHidden({ timeout: 5_000 });
    expect(await brandPage.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  } finally {
    await brandContext.close();
    await managerContext.close();
  }
});
