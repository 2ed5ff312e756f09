import { expect, test, type Page } from "@playwright/test";
import { createAccountManager } from "./support/database";
import { createPendingRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// The account manager's journey: find a request in the queue, read it and its plan, decide it.

async function approveOnPage(page: Page) {
  await page.getByRole("button", { name: "Approve…" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this share?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Approve and provision" }).click();
}

test("a manager filters the queue, opens a request, reads the plan, approves it and watches the run reach ACTIVE", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { requestId, organization, consumerAccount } = await createPendingRequest({
    slugPrefix: "e2e-review",
    accountManagerEmail: "amelia@floe.example",
  });
  await signIn(page, "amelia@floe.example");

  await page.goto("/console");
  // The brand filter is a search (combobox): type, Enter chooses the match. Enter comes at once, before the
  // search has answered (a fast typist): it used to fall through and submit the form with no brand while
  // the list still said "No brand matches …" (the flake); it now waits for the answer and takes the match.
  const brandFilter = page.getByRole("combobox", { name: "Brand" });
  await brandFilter.fill(organization.slug);
  await brandFilter.press("Enter");
  await expect(brandFilter).toHaveValue(organization.name);
  await expect(page).toHaveURL(/\/console$/); // chosen in the field, not submitted yet
  await page.getByLabel("Assigned to me").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`org=${organization.slug}.*mine=1`));
  await expect(page.getByRole("link", { name: "Pending approval 1" })).toHaveAttribute("aria-current", "page");
  const rows = page.getByTestId("queue-row");
  await expect(rows).toHaveCount(1);
  await rows.getByRole("link", { name: consumerAccount }).click();

  await expect(page).toHaveURL(`/console/requests/${requestId}`);
  await expect(page.getByRole("heading", { level: 1, name: `Request from ${organization.name}` })).toBeVisible();
  await expect(page.getByTestId("consumer-account")).toHaveText(consumerAccount);
  await expect(
    page.getByText("In-region (direct share from the lake in AWS · US East (N. Virginia) · AWS_US_EAST_1)"),
  ).toBeVisible();
  const plan = page.getByRole("region", { name: "Provisioning plan" }).getByTestId("plan-sql");
  await expect(plan).toContainText("CREATE SHARE IF NOT EXISTS");
  await expect(plan).toContainText(`ALTER SHARE`);
  await expect(plan).toContainText("ACMERETAIL");
  await expect(page.getByRole("region", { name: "Revocation plan" }).getByTestId("plan-sql")).toContainText(
    "DROP SHARE",
  );
  await page.getByRole("region", { name: "Provisioning plan" }).scrollIntoViewIfNeeded();
  // The README's screenshot, refreshed on demand (UPDATE_SCREENSHOTS=1) so ordinary runs leave the tree clean.
  if (process.env.UPDATE_SCREENSHOTS === "1")
    await page.screenshot({ path: "docs/screenshots/console-review.png", fullPage: true });

  await approveOnPage(page);
  const runs = page.getByTestId("runs-panel");
  await expect(runs).toBeVisible();
  await expect(runs).toHaveAttribute("data-request-state", "ACTIVE", { timeout: 90_000 });
  await expect(runs.getByTestId("run-step").filter({ has: page.locator('[data-step-state="FAILED"]') })).toHaveCount(0);
  await expect(runs.getByTestId("run").first()).toHaveAttribute("data-run-state", "SUCCEEDED");
  await expect(page.getByTestId("verify-result")).toContainText("Matches the plan");
  await expect(
    page.getByRole("heading", { level: 1 }).locator("..").getByText("Active", { exact: true }),
  ).toBeVisible();
});

test("a manager rejects a request, and must give a reason", async ({ page }) => {
  const { requestId } = await createPendingRequest({ slugPrefix: "e2e-reject" });
  await signIn(page, "amelia@floe.example");
  await page.goto(`/console/requests/${requestId}`);

  await page.getByRole("button", { name: "Reject request" }).click();
  const reason = page.getByLabel("Reason (sent to the requester)");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Give a reason of 3 to 1000 characters")).toBeVisible();

  await reason.fill("The consumer account belongs to another company.");
  await page.getByRole("button", { name: "Reject request" }).click();
  await expect(page.getByText("Rejected by Amelia Manager")).toBeVisible();
  await expect(page.getByText("Reason: The consumer account belongs to another company.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve…" })).toHaveCount(0);
});

test("a manager cannot approve their own request", async ({ page }) => {
  const staff = await createAccountManager();
  const { requestId } = await createPendingRequest({ slugPrefix: "e2e-self", requesterEmail: staff.email });
  await signIn(page, staff.email);
  await page.goto(`/console/requests/${requestId}`);
  await expect(
    page.getByText("You submitted this request, so another account manager has to approve it."),
  ).toBeVisible();
  await approveOnPage(page);
  await expect(
    page.getByRole("alert").filter({ hasText: "You cannot approve a request you submitted yourself" }),
  ).toBeVisible();
});

test("when two managers decide at once, the second is told who approved it", async ({ browser }) => {
  test.setTimeout(60_000);
  const { requestId } = await createPendingRequest({ slugPrefix: "e2e-race" });
  const amelia = await (await browser.newContext()).newPage();
  const marco = await (await browser.newContext()).newPage();
  await signIn(amelia, "amelia@floe.example");
  await signIn(marco, "marco@floe.example");
  await amelia.goto(`/console/requests/${requestId}`);
  await marco.goto(`/console/requests/${requestId}`);

  await approveOnPage(amelia);
  await expect(amelia.getByTestId("runs-panel")).toBeVisible();
  await approveOnPage(marco);
  await expect(
    marco.getByRole("alert").filter({ hasText: "This request was already approved by Amelia Manager." }),
  ).toBeVisible();
});
