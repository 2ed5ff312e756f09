import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createTestBrand } from "./support/database";
import { emulatorAdmin } from "./support/emulator";
import { signIn } from "./support/sign-in";

// A schema preview whose read from Snowflake fails says when and why in customer words (never Snowflake's
// own message) and offers a refresh, which recovers once Snowflake answers. The emulator fails the next
// schema read of the EU lake account once; no other portal test reads the EU lake's schema.

test("a failed preview shows when and why, and a refresh recovers", async ({ page }) => {
  const admin = emulatorAdmin();
  const brand = await createTestBrand({ workspaces: [{ name: "Europe", region: "AWS_EU_CENTRAL_1" }] });
  await signIn(page, brand.owner.email);

  const ruleId = `portal-preview-${randomUUID()}`;
  await admin.addFaultRule({
    id: ruleId,
    kind: "snowflake_error",
    account: "FD20001",
    sqlPattern: "INFORMATION_SCHEMA",
    times: 1,
    code: "002003",
    sqlState: "02000",
    message: "Database 'ENGAGEMENT_LAKE_EU' internal detail that customers must not see",
  });
  const status = page.getByTestId("preview-status");
  try {
    // Nobody has read this dataset from the EU lake yet, so the page's own read is the one that fails.
    await page.goto(`/o/${brand.organization.slug}/catalog/user-behaviors`);
    await expect(status).toHaveAttribute("data-status", "error");
    await expect(status).toContainText(
      /The last refresh failed at .* UTC: We could not refresh this preview from Snowflake/,
    );
    await expect(page.getByText("No schema to show yet")).toBeVisible();
    await expect(page.getByText("internal detail")).toHaveCount(0);
  } finally {
    await admin.removeFaultRule(ruleId).catch(() => undefined); // used up already: nothing to remove
  }
  await page.getByRole("button", { name: "Refresh from Snowflake" }).click();
  await expect(status).toHaveAttribute("data-status", "fresh");
  await expect(page.getByRole("heading", { name: "USERS_BEHAVIORS_PURCHASE_SHARED", exact: true })).toBeVisible();
});
