import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { testDb } from "./support/database";
import { emulatorUrl, runAsConsumer, splitStatements } from "./support/emulator";
import { approveRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// The brand journey of issue 5, on the seeded Acme world (its workspace ids have rows in the emulator's
// lake): preview, dictionary, a refused then corrected request, approval, live provisioning, mount SQL that
// works in the consumer account. This combination (Acme Mobile × push events) is used by no other test, so
// the duplicate rule never refuses it.

test.describe.configure({ timeout: 180_000 });

test("a brand owner previews, requests, follows provisioning live and mounts the share", async ({ page, context }) => {
  emulatorUrl(); // fails now, not after provisioning, when the emulator is missing
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "olivia@acme.example");

  // Catalog → schema preview with masked samples.
  await page
    .getByRole("navigation", { name: "Brand portal navigation" })
    .getByRole("link", { name: "Catalog" })
    .click();
  await page.getByRole("link", { name: "Preview Push notification events" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Push notification events" })).toBeVisible();
  await expect(page.getByTestId("preview-status").first()).toBeVisible();
  const allView = page
    .getByTestId("preview-view")
    .filter({ has: page.getByRole("heading", { name: /_ALL$/ }) })
    .first();
  await allView.getByText("Columns and sample rows").click(); // each table is collapsed to its summary row
  await expect(allView.getByRole("columnheader", { name: /EXTERNAL_USER_ID.*masked/ })).toBeVisible();
  await expect(allView.getByTestId("sample-rows")).toContainText("•••");

  // Data dictionary download.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download dictionary (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("messaging-push-data-dictionary.csv");
  const csv = fs.readFileSync((await download.path()) as string, "utf8");
  expect(csv.split(/\r?\n/)[0]).toBe("dataset,view,column,type,nullable,pii,description");
  expect(csv).toContain("USERS_MESSAGES_PUSHNOTIFICATION_SEND_SHARED,");

  // The request form, first with the account's URL instead of its identifier.
  await page.getByRole("link", { name: "Request this dataset" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Request a share" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Push notification events/ })).toBeChecked();
  await page.getByRole("checkbox", { name: /Acme Mobile/ }).check();
  const account = page.getByLabel("Account identifier");
  await account.fill("https://acmeretail-analytics.snowflakecomputing.com");
  const region = page.getByRole("combobox", { name: "Snowflake region" });
  await region.fill("aws_us_east_1");
  await region.press("Enter");
  await expect(region).toHaveValue(/AWS_US_EAST_1/);
  const before = await testDb().shareRequest.count({ where: { organization: { slug: "acme" } } });
  await page.getByRole("button", { name: "Request share" }).click();

  await expect(account).toHaveAccessibleDescription(/not the URL\. For this URL, enter ACMERETAIL\.ANALYTICS/);
  await expect(account).toHaveAttribute("aria-invalid", "true");
  await expect(account).toHaveValue("https://acmeretail-analytics.snowflakecomputing.com");
  await expect(page.getByRole("checkbox", { name: /Acme Mobile/ })).toBeChecked();
  await expect(region).toHaveValue(/AWS_US_EAST_1/);
  expect(await testDb().shareRequest.count({ where: { organization: { slug: "acme" } } })).toBe(before);

  // Corrected: same region as the lake, so no replication.
  await account.fill("ACMERETAIL.ANALYTICS");
  await expect(page.getByText("Will be shared with ACMERETAIL.ANALYTICS.")).toBeVisible();
  await expect(page.getByTestId("region-notice")).toContainText("Same region");
  await page.getByRole("button", { name: "Request share" }).click();
  await expect(page).toHaveURL(/\/o\/acme\/requests\/[a-z0-9]+$/);
  const requestId = page.url().split("/").pop() as string;
  const progress = page.getByRole("region", { name: "Progress" });
  await expect(progress.getByText("Pending approval", { exact: true })).toBeVisible();

  // An account manager approves (lifecycle API); the page follows the worker live, without a reload.
  await approveRequest(requestId);
  await expect(progress.getByTestId("provisioning-step").first()).toBeVisible({ timeout: 30_000 });
  const stepCount = await progress.getByTestId("provisioning-step").count();
  expect(stepCount).toBeGreaterThanOrEqual(4);
  await expect(progress.getByText("Active", { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(progress.getByTestId("step-count")).toHaveText(`${stepCount} of ${stepCount} steps done`);
  await expect(page.getByRole("region", { name: "Timeline" }).getByText("Approved by Amelia Manager")).toBeVisible();

  // The mount SQL: one copy button per statement, and each copied text runs alone (one statement per
  // call, a driver's default) in the consumer account; then the sample query returns rows.
  const mountSql = page.getByTestId("mount-sql");
  await expect(mountSql).toHaveCount(2);
  await expect(mountSql.nth(0)).toContainText("CREATE DATABASE");
  await expect(mountSql.nth(1)).toContainText("GRANT IMPORTED PRIVILEGES");
  const copied: string[] = [];
  for (const n of [1, 2]) {
    await page.getByRole("button", { name: `Copy statement ${n}` }).click();
    await expect(page.getByRole("button", { name: new RegExp(`Copy statement ${n}`) }).getByRole("status")).toHaveText(
      "Copied",
    );
    copied.push(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied[n - 1]).toBe((await mountSql.nth(n - 1).textContent())?.trim());
    expect(splitStatements(copied[n - 1])).toHaveLength(1);
  }

  const sampleQuery = (await page
    .getByRole("figure")
    .filter({ hasText: "Sample query 1" })
    .locator("code")
    .textContent()) as string;
  const results = await runAsConsumer([...copied, sampleQuery]);
  const rows = results[results.length - 1];
  expect(rows.length).toBeGreaterThan(0);
  expect(Object.keys(rows[0])).toContain("APP_GROUP_ID");

  // The README's screenshot, refreshed on demand (UPDATE_SCREENSHOTS=1) so ordinary runs leave the tree clean.
  if (process.env.UPDATE_SCREENSHOTS === "1")
    await page.screenshot({ path: "docs/screenshots/brand-request-active.png", fullPage: true });

  // Notifications (the development outbox stands in for SMTP) and the audit trail tell the same story.
  await page.goto("/dev/outbox");
  await expect(
    page
      .getByTestId("outbox-email")
      .filter({ hasText: requestId })
      .getByRole("heading", { name: "Your data share is ready" }),
  ).toBeVisible();
  await page.goto("/o/acme/audit");
  await expect(page.getByTestId("audit-event").filter({ hasText: "Share active" }).first()).toBeVisible();

  // Asking for removal (confirmation dialog); the worker removes the share and the page follows.
  await page.goto(`/o/acme/requests/${requestId}`);
  await page.getByRole("button", { name: "Remove share" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove this share?" });
  await dialog.getByLabel(/Reason/).fill("End of the pilot");
  await dialog.getByRole("button", { name: "Yes, remove share" }).click();
  await expect(dialog).toBeHidden();
  await expect(progress.getByText("Revoked", { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("region", { name: "Timeline" }).getByText("Reason: End of the pilot")).toBeVisible();
  await expect(page.getByTestId("mount-sql")).toHaveCount(0);
});
