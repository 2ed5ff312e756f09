import { expect, test } from "@playwright/test";
import { shareFacts } from "./support/database";
import { connectConsumer, emulatorUrl } from "./support/emulator";
import { createPendingRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Revocation end to end: the brand's Snowflake account reads the share, the manager revokes it from the
// shares list (confirming the consumer account by name), and the same query then fails in the consumer.

test("a manager revokes a share and the consumer loses access", async ({ page }) => {
  test.setTimeout(180_000);
  emulatorUrl(); // fails now, not after provisioning, when the emulator is missing
  const { requestId, organization, consumerAccount } = await createPendingRequest({ slugPrefix: "e2e-revoke" });
  await signIn(page, "amelia@floe.example");
  await page.goto(`/console/requests/${requestId}`);
  await page.getByRole("button", { name: "Approve…" }).click();
  await page
    .getByRole("dialog", { name: "Approve this share?" })
    .getByRole("button", { name: "Approve and provision" })
    .click();
  await expect(page.getByTestId("runs-panel")).toHaveAttribute("data-request-state", "ACTIVE", { timeout: 90_000 });

  const { shareName, shareRef, view } = await shareFacts(requestId);
  const consumer = await connectConsumer();
  const mount = `E2E_MOUNT_${shareName.slice(-12)}`;
  try {
    await consumer.run(`CREATE DATABASE ${mount} FROM SHARE ${shareRef}`);
    await consumer.run(`SELECT COUNT(*) AS N FROM ${mount}.SHARED.${view}`);

    await page.goto(`/console/shares?org=${organization.slug}`);
    const row = page.getByTestId("share-row").filter({ hasText: shareName });
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: "Revoke…" }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke access for ${consumerAccount}?` });
    await expect(dialog).toContainText(`Consumer account ${consumerAccount} loses access to share ${shareName}`);
    const confirm = dialog.getByLabel(`Type ${consumerAccount} to confirm`);
    await confirm.fill("SOMEONE.ELSE");
    await dialog.getByRole("button", { name: "Revoke share" }).click();
    await expect(dialog.getByText(`Type ${consumerAccount} exactly to confirm`)).toBeVisible();
    await confirm.fill(consumerAccount);
    await dialog.getByRole("button", { name: "Revoke share" }).click();
    await expect(dialog).toBeHidden();

    await page.goto(`/console/requests/${requestId}`);
    await expect(page.getByTestId("runs-panel")).toHaveAttribute("data-request-state", "REVOKED", { timeout: 90_000 });
    await expect(consumer.run(`SELECT COUNT(*) AS N FROM ${mount}.SHARED.${view}`)).rejects.toThrow();
  } finally {
    await consumer.close();
  }
});
