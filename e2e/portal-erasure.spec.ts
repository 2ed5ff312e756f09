import { expect, test } from "@playwright/test";
import { createTestBrand, testDb } from "./support/database";
import { expectNoAxeViolations } from "./support/page-checks";
import { signIn } from "./support/sign-in";

// The brand's GDPR erasure journey in the browser: the empty list, a form refusal that keeps the typed text, a filed
// request that the worker runs in every lake region, and the verified receipt with its counts. A fresh brand holds
// no lake data, so its identifiers are all "unknown" (counted, not errors) and no other test's lake rows change.

test.describe.configure({ timeout: 180_000 });

test("a brand owner files an erasure, sees a bad line named, and follows it to a verified receipt", async ({
  page,
}) => {
  const brand = await createTestBrand({ slugPrefix: "erase", members: [{ role: "OWNER" }] });
  const base = `/o/${brand.organization.slug}`;
  await signIn(page, brand.owner.email);

  await page.goto(`${base}/erasures`);
  await expect(page.getByRole("heading", { level: 1, name: "Erasures" })).toBeVisible();
  await expect(page.getByText("No erasure requests yet")).toBeVisible();
  await expectNoAxeViolations(page, "erasures list");
  await page.getByRole("link", { name: "Request an erasure" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Request an erasure" })).toBeVisible();

  const identifiers = page.getByLabel("Identifiers to erase");
  await identifiers.fill("user-4711\nnot an e-mail@\nPerson@Example.com");
  await page.getByRole("button", { name: "Erase these subjects" }).click();
  await expect(page.getByText("The request was not filed")).toBeVisible();
  await expect(identifiers).toHaveValue(/not an e-mail@/); // nothing typed is lost
  expect(await testDb().erasureRequest.count({ where: { organizationId: brand.organization.id } })).toBe(0);

  await identifiers.fill("user-4711\nPerson@Example.com\nperson@example.com");
  await page.getByRole("button", { name: "Erase these subjects" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Erasure receipt" })).toBeVisible();
  // The worker runs it; the receipt refreshes itself until it is verified.
  const summary = page.locator("dl").first();
  await expect(summary.getByText("Verified", { exact: true })).toBeVisible({ timeout: 150_000 });
  await expect(summary).toContainText(/Identifiers requested\s*2/);
  await expect(summary).toContainText(/Duplicates in the submission\s*1/);
  await expect(summary).toContainText(/Unknown \(no data held\)\s*2/);
  // The fresh brand has no share yet, so each region read no share as its consumer.
  await expect(page.getByRole("table", { name: "Erasure per region" })).toContainText("0 verified");
  await expectNoAxeViolations(page, "erasure receipt");

  const stored = await testDb().erasureRequest.findFirstOrThrow({ where: { organizationId: brand.organization.id } });
  expect(stored.state).toBe("VERIFIED");
  await page.goto(`${base}/erasures`);
  await expect(page.locator(`a[href="${base}/erasures/${stored.id}"]`)).toBeVisible();
});
