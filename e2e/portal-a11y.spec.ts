import { expect, test, type Locator, type Page } from "@playwright/test";
import { createTestBrand } from "./support/database";
import { axeViolations } from "./support/page-checks";
import { signIn } from "./support/sign-in";

// No axe violations of any impact on the brand pages in the states a keyboard user passes through (the
// filled form, the confirmation dialog), and the request form works with the keyboard alone. Every route's
// first view is checked in every-page.spec.ts. A fresh brand per test: its requests never collide with
// another test's as duplicates.

async function expectNoViolations(page: Page, what: string) {
  expect((await axeViolations(page)).map((v) => `${what}: ${v}`)).toEqual([]);
}

/** Presses Tab until `target` has focus: keyboard-only navigation, without knowing the exact tab order. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  const handle = await target.elementHandle();
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Could not reach the element with Tab");
}

test("brand pages have no axe violations in their keyboard states, and the request form works by keyboard alone", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const brand = await createTestBrand();
  const base = `/o/${brand.organization.slug}`;
  await signIn(page, brand.owner.email);

  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: brand.organization.name })).toBeVisible();
  await expectNoViolations(page, "home");

  await page.goto(`${base}/catalog?q=campaign`);
  await expect(page.getByRole("region", { name: "Search results" })).toBeVisible();
  await expectNoViolations(page, "catalog");

  await page.goto(`${base}/catalog/changelogs`);
  await expect(page.getByRole("heading", { level: 1, name: "Campaign and Canvas changelogs" })).toBeVisible();
  await expectNoViolations(page, "schema preview");

  await page.goto(`${base}/requests/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Request a share" })).toBeVisible();
  await expectNoViolations(page, "request form");

  // Keyboard only from here: Tab to move, Space to tick, typing, arrows and Enter in the region list.
  await tabTo(page, page.getByRole("checkbox", { name: /Campaign and Canvas changelogs/ }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByLabel("Account identifier"));
  await page.keyboard.type("kbdorg.warehouse");
  const region = page.getByRole("combobox", { name: "Snowflake region" });
  await tabTo(page, region);
  await page.keyboard.type("frankfurt");
  await expect(page.getByRole("listbox")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await expect(region).toHaveValue(/AWS_EU_CENTRAL_1/);
  await expect(page.getByRole("listbox")).toBeHidden();
  // The only workspace is in the US: the form says so before submitting.
  await expect(page.getByTestId("region-notice")).toContainText("Cross-region share");
  await expectNoViolations(page, "request form (filled)");
  await tabTo(page, page.getByRole("button", { name: "Request share" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`${base}/requests/[a-z0-9]+$`));
  await expect(
    page.getByRole("region", { name: "Progress" }).getByText("Pending approval", { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId("consumer-account")).toHaveText("KBDORG.WAREHOUSE");
  await expectNoViolations(page, "request detail");

  // The confirmation dialog is reachable and dismissible by keyboard too.
  await tabTo(page, page.getByRole("button", { name: "Cancel request" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Cancel this request?" });
  await expect(dialog).toBeVisible();
  await expectNoViolations(page, "cancel dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
