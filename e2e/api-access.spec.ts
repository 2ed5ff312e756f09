import { expect, test } from "@playwright/test";
import { createTestBrand, testDb } from "./support/database";
import { expectFitsPhone, expectNoAxeViolations, PHONE } from "./support/page-checks";
import { signIn } from "./support/sign-in";

// The API page on a phone: an owner creates a token (shown once), the API answers it, revoking it stops it;
// and the request form's optional end date reaches the request page.

test("an owner creates an API token on a phone, the API accepts it, and revoking it stops it", async ({ page }) => {
  const brand = await createTestBrand({ slugPrefix: "api" });
  await page.setViewportSize(PHONE);
  await signIn(page, brand.owner.email);
  await page.goto(`/o/${brand.organization.slug}/settings/api`);
  await expect(page.getByRole("heading", { level: 1, name: "API and webhooks" })).toBeVisible();

  await page.getByLabel("Token name").fill("Nightly sync");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-api-token");
  await expect(shown).toContainText("floe_pat_");
  const token = ((await shown.textContent()) ?? "").trim();
  expect(token).toMatch(/^floe_pat_[A-Za-z0-9_-]{43}$/);
  const stored = await testDb().apiToken.findFirstOrThrow({ where: { organizationId: brand.organization.id } });
  expect(stored.tokenHash).not.toContain(token.slice(9)); // only the hash is kept
  await expectNoAxeViolations(page, "API page");
  await expectFitsPhone(page, "API page", page.getByRole("button", { name: "Create token" }));

  const ok = await page.request.get("/api/v1/workspaces", { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).items.map((w: { name: string }) => w.name)).toEqual(["Main"]);

  await page.getByRole("button", { name: "Revoke Nightly sync" }).click();
  await expect(page.getByText(/· revoked /).first()).toBeVisible();
  const refused = await page.request.get("/api/v1/workspaces", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("INVALID_TOKEN");
});

test("a request made with an end date shows it on the request page", async ({ page }) => {
  const brand = await createTestBrand({ slugPrefix: "ends" });
  await page.setViewportSize(PHONE);
  await signIn(page, brand.owner.email);
  await page.goto(`/o/${brand.organization.slug}/requests/new?dataset=changelogs`);
  await page.getByLabel("Account identifier").fill("ENDSORG.ANALYTICS");
  const region = page.getByRole("combobox", { name: "Snowflake region" });
  await region.fill("aws_us_east_1");
  await region.press("Enter");
  const endsAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel(/End date/).fill(endsAt);
  await page.getByRole("button", { name: "Request share" }).click();
  await expect(page).toHaveURL(/\/requests\/[a-z0-9]+$/);
  const requestId = page.url().split("/").pop() as string;
  await expect(page.getByText(`The share ends on ${endsAt} at 00:00 UTC`)).toBeVisible();
  expect(
    (await testDb().shareRequest.findUniqueOrThrow({ where: { id: requestId }, select: { endsAt: true } })).endsAt,
  ).toEqual(new Date(`${endsAt}T00:00:00.000Z`));
  await expectFitsPhone(page, "request page with an end date");
});
