import { expect, test } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator";
import { createPendingRequest, shareNamePrefix } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// A run made to fail by the emulator's fault injection: the manager sees Snowflake's own error code and
// text on the failing step, retries from that step, and the run finishes.

test("a failed run shows the Snowflake error and succeeds on retry from the failed step", async ({ page }) => {
  test.setTimeout(150_000);
  const admin = emulatorAdmin();
  const { requestId, organization } = await createPendingRequest({ slugPrefix: "e2e-fail" });
  // Only this test's share: the name starts with the brand's slug. Permanent error code, so no auto-retry.
  const rule = await admin.addFaultRule({
    kind: "snowflake_error",
    sqlPattern: `GRANT SELECT ON VIEW .* TO SHARE "?${shareNamePrefix(organization.slug)}`,
    code: "003001",
    sqlState: "42501",
    message: "SQL access control error: Insufficient privileges to operate on view (injected by the e2e test).",
    times: 1,
  });

  try {
    await signIn(page, "amelia@floe.example");
    await page.goto(`/console/requests/${requestId}`);
    await page.getByRole("button", { name: "Approve…" }).click();
    await page
      .getByRole("dialog", { name: "Approve this share?" })
      .getByRole("button", { name: "Approve and provision" })
      .click();

    const runs = page.getByTestId("runs-panel");
    await expect(runs).toHaveAttribute("data-request-state", "FAILED", { timeout: 90_000 });
    const failedStep = runs.locator('[data-testid="run-step"][data-step-state="FAILED"]');
    await expect(failedStep).toHaveAttribute("data-step-key", "grant-select");
    await expect(failedStep.getByTestId("step-error")).toContainText("003001 (42501)");
    await expect(failedStep.getByTestId("step-error")).toContainText(
      "Insufficient privileges to operate on view (injected by the e2e test)",
    );
    await expect(failedStep.getByText("GRANT SELECT ON VIEW").first()).toBeVisible();

    await runs.getByRole("button", { name: "Retry from grant-select" }).click();
    await expect(runs).toHaveAttribute("data-request-state", "ACTIVE", { timeout: 90_000 });
    const run = runs.getByTestId("run").first();
    await expect(run).toHaveAttribute("data-run-state", "SUCCEEDED");
    await expect(run.getByText("attempt 2")).toBeVisible();
    await expect(run.locator('[data-step-key="grant-select"]')).toHaveAttribute("data-step-state", "SUCCEEDED");
  } finally {
    await admin.removeFaultRule(rule.id).catch(() => {});
  }
});
