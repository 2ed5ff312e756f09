import { expect, test } from "@playwright/test";
import { createTestBrand, testDb } from "./support/database";
import { submitRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// The request form's helpers: the paste box fills and cross-checks the account fields, and a duplicate of
// a live request is refused with a link to it (nothing new is stored).

const paste = [
  "CURRENT_ACCOUNT()\tCURRENT_REGION()\tCURRENT_ORGANIZATION_NAME()\tCURRENT_ACCOUNT_NAME()",
  "DP12345\tAWS_US_EAST_1\tDUPORG\tPROD",
].join("\n");

test("the paste box fills and cross-checks the account, and a duplicate links to the existing request", async ({
  page,
}) => {
  const brand = await createTestBrand();
  const { id: existingId } = await submitRequest({
    organizationId: brand.organization.id,
    requestedById: brand.owner.id,
    workspaceIds: [brand.workspaces[0].id],
    datasetKeys: ["changelogs"],
    consumerAccount: "DUPORG.PROD",
    consumerRegion: "AWS_US_EAST_1",
    includePii: false,
  });
  await signIn(page, brand.owner.email);
  await page.goto(`/o/${brand.organization.slug}/requests/new?dataset=changelogs`);
  // A single workspace is preselected.
  await expect(page.getByRole("checkbox", { name: /Main/ })).toBeChecked();

  await page.getByText("Where do I find my account identifier and region?").click();
  await expect(page.getByRole("figure").filter({ hasText: "Query to run" })).toContainText(
    "SELECT CURRENT_ACCOUNT(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME()",
  );

  const pasteBox = page.getByLabel("Paste the query result (optional)");
  await pasteBox.fill(paste);
  await page.getByRole("button", { name: "Fill in and check" }).click();
  await expect(page.getByText("Filled in account DUPORG.PROD and region AWS_US_EAST_1 from the paste.")).toBeVisible();
  await expect(page.getByLabel("Account identifier")).toHaveValue("DUPORG.PROD");
  await expect(page.getByRole("combobox", { name: "Snowflake region" })).toHaveValue(/AWS_US_EAST_1/);

  // A typed value that disagrees with the paste is flagged, never overwritten silently.
  await page.getByLabel("Account identifier").fill("DUPORG.OTHER");
  await page.getByRole("button", { name: "Fill in and check" }).click();
  // Shown in the paste's notice and under the field (it blocks submit until resolved).
  await expect(
    page.getByText("Your account's CURRENT_ACCOUNT_NAME() is PROD, but you entered OTHER.", { exact: false }).first(),
  ).toBeVisible();
  await expect(page.getByLabel("Account identifier")).toHaveValue("DUPORG.OTHER");
  await page.getByRole("button", { name: "Use the pasted values" }).click();
  await expect(page.getByLabel("Account identifier")).toHaveValue("DUPORG.PROD");

  await page.getByRole("button", { name: "Request share" }).click();
  const notice = page.getByRole("status").filter({ hasText: "You already asked for this share" });
  await expect(notice).toBeVisible();
  expect(await testDb().shareRequest.count({ where: { organizationId: brand.organization.id } })).toBe(1);
  await notice.getByRole("link", { name: "Open the existing request" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${existingId}$`));
});
