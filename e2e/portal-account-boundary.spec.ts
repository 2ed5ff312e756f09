import { expect, test } from "@playwright/test";
import { createTestBrand, testDb } from "./support/database";
import { connectConsumer, emulatorUrl } from "./support/emulator";
import { approveRequest, createPendingRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// Issue 10 in the browser: one identity per consumer account (a locator-form request), the region enforced
// by the pasted CURRENT_REGION(), withdrawing a failed request, and the proof of account control (a wrong
// code, the right code, a waiver by staff). The worker and the Snowflake emulator run beside the app.

test("a request for the locator AR40001 ends ACTIVE as ACMERETAIL.ANALYTICS, and a request for that name is the same account", async ({
  page,
}) => {
  test.setTimeout(180_000);
  emulatorUrl();
  await signIn(page, "olivia@acme.example");
  await page.goto("/o/acme/requests/new?dataset=changelogs");
  await page.getByRole("checkbox", { name: /Acme Web/ }).check();
  await page.getByLabel("Account identifier").fill("ar40001");
  await expect(page.getByText("Will be shared with AR40001.")).toBeVisible();
  const region = page.getByRole("combobox", { name: "Snowflake region" });
  await region.fill("aws_us_east_1");
  await region.press("Enter");
  await page.getByRole("button", { name: "Request share" }).click();
  await expect(page).toHaveURL(/\/o\/acme\/requests\/[a-z0-9]+$/);
  const requestId = page.url().split("/").pop() as string;

  await approveRequest(requestId);
  const progress = page.getByRole("region", { name: "Progress" });
  await expect(progress.getByText("Active", { exact: true })).toBeVisible({ timeout: 90_000 });
  // SHOW SHARES named the account: the request now carries its ORG.ACCOUNT identity.
  await expect(page.locator("body")).toContainText("ACMERETAIL.ANALYTICS");
  expect(
    await testDb().shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { consumerAccount: true, consumerLocator: true },
    }),
  ).toEqual({
    consumerAccount: "ACMERETAIL.ANALYTICS",
    consumerLocator: "AR40001",
  });

  await page.goto("/o/acme/requests/new?dataset=changelogs");
  await page.getByRole("checkbox", { name: /Acme Web/ }).check();
  await page.getByLabel("Account identifier").fill("acmeretail-analytics");
  await region.fill("aws_us_east_1");
  await region.press("Enter");
  await page.getByRole("button", { name: "Request share" }).click();
  const notice = page.getByRole("status").filter({ hasText: "You already asked for this share" });
  await expect(notice).toBeVisible();
  await notice.getByRole("link", { name: "Open the existing request" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${requestId}$`));
});

test("a pasted CURRENT_REGION() that disagrees with the chosen region blocks submit, and editing the region re-checks", async ({
  page,
}) => {
  const brand = await createTestBrand({ slugPrefix: "e2e-region" });
  await signIn(page, brand.owner.email);
  await page.goto(`/o/${brand.organization.slug}/requests/new?dataset=changelogs`);
  await page.getByLabel("Paste the query result (optional)").fill("RG12345\tAWS_US_EAST_1\tREGIONORG\tPROD");
  await page.getByRole("button", { name: "Fill in and check" }).click();
  await expect(page.getByLabel("Account identifier")).toHaveValue("REGIONORG.PROD");

  const region = page.getByRole("combobox", { name: "Snowflake region" });
  await region.fill("aws_us_west_2");
  await region.press("Enter");
  await expect(region).toHaveValue(/AWS_US_WEST_2/);
  await expect(region).toHaveAccessibleDescription(
    /CURRENT_REGION\(\) is AWS_US_EAST_1, but you chose .*AWS_US_WEST_2/,
  );
  await page.getByRole("button", { name: "Request share" }).click();
  await expect(region).toBeFocused();
  await expect(page).toHaveURL(/\/requests\/new/);
  expect(await testDb().shareRequest.count({ where: { organizationId: brand.organization.id } })).toBe(0);

  await region.fill("aws_us_east_1");
  await region.press("Enter");
  await expect(region).not.toHaveAccessibleDescription(/CURRENT_REGION/);
  await page.getByRole("button", { name: "Request share" }).click();
  await expect(page).toHaveURL(/\/requests\/[a-z0-9]+$/);
  const stored = await testDb().shareRequest.findFirstOrThrow({
    where: { organizationId: brand.organization.id },
    select: { consumerAccount: true, consumerLocator: true, consumerRegion: true },
  });
  expect(stored).toEqual({
    consumerAccount: "REGIONORG.PROD",
    consumerLocator: "RG12345",
    consumerRegion: "AWS_US_EAST_1",
  });
});

test("a failed request for an account that does not exist is withdrawn by the brand and ends REVOKED", async ({
  page,
}) => {
  test.setTimeout(180_000);
  emulatorUrl();
  const { requestId, organization, requester } = await createPendingRequest({
    slugPrefix: "e2e-withdraw",
    consumerAccount: "NOSUCHORG.NOWHERE",
    datasetKeys: ["changelogs"],
  });
  await approveRequest(requestId);
  await signIn(page, requester.email);
  await page.goto(`/o/${organization.slug}/requests/${requestId}`);
  const live = page.getByTestId("live-status");
  await expect(live).toContainText("Status: failed.", { timeout: 90_000 });

  await page.getByRole("button", { name: "Withdraw request" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, withdraw" }).click();
  await expect(live).toContainText("Status: revoked.", { timeout: 90_000 });
  const steps = await testDb().provisioningStep.findMany({
    where: { run: { requestId, kind: "REVOKE" } },
    select: { state: true },
  });
  expect(steps.every((s) => s.state === "SUCCEEDED" || s.state === "SKIPPED")).toBe(true);
});

test("an account new to the brand gets only a one-time code until the brand enters it; a wrong code is refused", async ({
  page,
}) => {
  test.setTimeout(180_000);
  emulatorUrl();
  const { requestId, organization, requester } = await createPendingRequest({
    slugPrefix: "e2e-proof",
    consumerAccount: "NORDLICHT.DWH",
    consumerRegion: "AWS_EU_CENTRAL_1",
    workspaceRegion: "AWS_EU_CENTRAL_1",
    datasetKeys: ["changelogs"],
    accountProven: false,
  });
  await approveRequest(requestId);
  await signIn(page, requester.email);
  await page.goto(`/o/${organization.slug}/requests/${requestId}`);
  const progress = page.getByRole("region", { name: "Progress" });
  await expect(progress.getByText("Awaiting proof of account", { exact: true })).toBeVisible({ timeout: 90_000 });
  const card = page.getByRole("region", { name: "Confirm your Snowflake account" });
  const proofSql = await card.getByTestId("proof-sql").innerText();
  const [create, select] = proofSql.trim().split("\n");
  expect(create).toMatch(/^CREATE DATABASE \S+ FROM SHARE FLOEDATA\.LAKE_EU\.FLOE_/);
  expect(select).toMatch(/^SELECT CODE FROM \S+\.SHARED\.FLOE_ACCOUNT_PROOF;$/);

  const consumer = await connectConsumer("NORDLICHT-DWH");
  try {
    // The brand runs exactly what the page shows.
    await consumer.run(create.replace(/;$/, ""));
    const rows = await consumer.run(select.replace(/;$/, ""));
    expect(rows).toHaveLength(1);
    const code = String(rows[0].CODE);

    const field = card.getByLabel("One-time code");
    await field.fill("WRNG-CODE-2222");
    await card.getByRole("button", { name: "Confirm account" }).click();
    await expect(field).toHaveAccessibleDescription(/That code is not right/);
    await expect(progress.getByText("Awaiting proof of account", { exact: true })).toBeVisible();

    await field.fill(code);
    await card.getByRole("button", { name: "Confirm account" }).click();
    await expect(progress.getByText("Active", { exact: true })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId("mount-sql").first()).toContainText("CREATE DATABASE");
    // The code is gone from the share; the pair is proven.
    expect(await consumer.run(select.replace(/;$/, ""))).toEqual([]);
    expect(
      await testDb().consumerAccountProof.findFirst({
        where: { organizationId: organization.id, consumerAccount: "NORDLICHT.DWH" },
        select: { method: true },
      }),
    ).toEqual({ method: "CODE" });
  } finally {
    await consumer.close();
  }
});

test("an account manager sees that control is not proven and waives the proof with a reason", async ({ page }) => {
  test.setTimeout(180_000);
  emulatorUrl();
  const { requestId } = await createPendingRequest({
    slugPrefix: "e2e-waive",
    consumerAccount: "NORDLICHT.DWH",
    consumerRegion: "AWS_EU_CENTRAL_1",
    workspaceRegion: "AWS_EU_CENTRAL_1",
    datasetKeys: ["changelogs"],
    accountProven: false,
  });
  await signIn(page, "amelia@floe.example");
  await page.goto(`/console/requests/${requestId}`);
  const control = page.getByRole("region", { name: "Account control" });
  await expect(control.getByTestId("account-control")).toContainText("not proven");
  await approveRequest(requestId);
  await page.reload();
  await expect(page.getByTestId("runs-panel")).toHaveAttribute("data-request-state", "AWAITING_PROOF", {
    timeout: 90_000,
  });
  await page.reload();
  const reason = control.getByLabel("Reason for waiving the proof (kept in the audit log)");
  await control.getByRole("button", { name: "Waive proof and share the data" }).click();
  await expect(reason).toHaveAccessibleDescription(/Give a reason/);
  await reason.fill("Confirmed with the brand's Snowflake admin on a call");
  await control.getByRole("button", { name: "Waive proof and share the data" }).click();
  await expect(page.getByTestId("runs-panel")).toHaveAttribute("data-request-state", "ACTIVE", { timeout: 90_000 });
  await page.reload();
  await expect(control.getByTestId("account-control")).toContainText("waived");
  const waived = await testDb().auditEvent.findFirstOrThrow({
    where: { requestId, type: "request.proof_waived" },
    select: { details: true },
  });
  expect(waived.details).toMatchObject({ reason: "Confirmed with the brand's Snowflake admin on a call" });
});
