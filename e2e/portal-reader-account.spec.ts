import { expect, test } from "@playwright/test";
import { createTestBrand, testDb } from "./support/database";
import { emulatorUrl } from "./support/emulator";
import { approveRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Issue 20 item 5, the brand's path in the browser: "We don't have Snowflake" asks only for a region, the approved
// request provisions a Floe-hosted reader account, and its login is shown exactly once.

test.describe.configure({ timeout: 180_000 });

test("a brand without Snowflake requests a reader account and sees its login once", async ({ page }) => {
  emulatorUrl();
  const brand = await createTestBrand({ slugPrefix: "reader", datasetKeys: ["changelogs"] });
  await signIn(page, brand.owner.email);
  await page.goto(`/o/${brand.organization.slug}/requests/new?dataset=changelogs`);
  await expect(page.getByRole("checkbox", { name: /Main/ })).toBeChecked();

  // The reader option replaces the identifier, the paste and the proof with a region.
  await expect(page.getByLabel("Account identifier")).toBeVisible();
  await page.getByRole("radio", { name: /We don.t have Snowflake/ }).check();
  await expect(page.getByLabel("Account identifier")).toHaveCount(0);
  const region = page.getByRole("combobox", { name: "Region for the reader account" });
  await region.fill("aws_us_east_1");
  await region.press("Enter");
  await expect(region).toHaveValue(/AWS_US_EAST_1/);
  await page.getByRole("button", { name: "Request share" }).click();
  await expect(page).toHaveURL(/\/requests\/[a-z0-9]+$/);
  const requestId = page.url().split("/").pop() as string;
  const request = await testDb().shareRequest.findUniqueOrThrow({ where: { id: requestId } });
  expect(request.consumerKind).toBe("READER_ACCOUNT");
  await expect(page.getByRole("heading", { name: "Your Floe-hosted reader account" })).toBeVisible();

  await approveRequest(requestId);
  await expect
    .poll(async () => (await testDb().shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state, {
      timeout: 60_000,
    })
    .toBe("ACTIVE");
  await page.reload();
  await page.getByRole("link", { name: "open it here" }).click();
  await page.getByRole("button", { name: "Show the login once" }).click();
  await expect(page.getByTestId("reader-login")).toContainText("FLOE_READER_ADMIN");
  await expect(page.getByTestId("reader-password")).toHaveText(/^\S{20,}$/);

  // A second open: already used, and how to get help.
  await page.reload();
  await page.getByRole("button", { name: "Show the login once" }).click();
  await expect(page.getByText("This login was already shown")).toBeVisible();
});
