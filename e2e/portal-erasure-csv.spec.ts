import { expect, test } from "@playwright/test";
import { createTestBrand, testDb } from "./support/database";
import { expectNoAxeViolations } from "./support/page-checks";
import { signIn } from "./support/sign-in";

// The erasure CSV upload in the browser: a file with a bad row is refused with that line named and nothing filed;
// the owner then files the valid rows, lands on the receipt, and the request is listed. A fresh brand holds no
// lake data, so no other test's lake rows change.

test.describe.configure({ timeout: 120_000 });

test("a brand owner uploads a CSV with a bad row, sees the line, files the valid rows", async ({ page }) => {
  const brand = await createTestBrand({ slugPrefix: "erasecsv", members: [{ role: "OWNER" }] });
  const base = `/o/${brand.organization.slug}`;
  await signIn(page, brand.owner.email);
  await page.goto(`${base}/erasures/new`);
  await expect(page.getByRole("heading", { level: 2, name: "Upload a CSV" })).toBeVisible();

  const csv = ["email", "ana@example.com", "not-an-email@", "cust-9", "ANA@example.com"].join("\n");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "erase.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and erase" }).click();
  const rejected = page.getByRole("list", { name: "Rejected lines" });
  await expect(rejected).toContainText("Line 3: Identifier is not a valid e-mail address.");
  await expect(page.getByText("1 row(s) need fixing; nothing was filed")).toBeVisible();
  await expectNoAxeViolations(page, "erasure CSV report");
  expect(await testDb().erasureRequest.count({ where: { organizationId: brand.organization.id } })).toBe(0);

  await page.getByRole("button", { name: "File the 2 valid identifier(s)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Erasure receipt" })).toBeVisible();
  const stored = await testDb().erasureRequest.findFirstOrThrow({ where: { organizationId: brand.organization.id } });
  expect(stored).toMatchObject({ source: "CSV", requestedCount: 2, duplicateCount: 1 });
  await page.goto(`${base}/erasures`);
  await expect(page.locator(`a[href="${base}/erasures/${stored.id}"]`)).toBeVisible();
});
