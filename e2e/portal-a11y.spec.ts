import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createTestBrand } from "./support/database";
import { signIn } from "./support/sign-in";

// No serious or critical axe violations on the brand pages, and the request form works with the keyboard
// alone. A fresh brand per test: its requests never collide with another test's as duplicates.

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${what}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
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

test("brand pages have no serious accessibility violations, and the request form works by keyboard alone", async ({ page }) => {
  test.setTimeout(120_000);
  const brand = await createTestBrand();
  const base = `/o/${brand.organization.slug}`;
  await signIn(page, brand.owner.email);

  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: brand.organization.name })).toBeVisible();
  await expectNoSeriousViolations(page, "home");

  await page.goto(`${base}/catalog?q=campaign`);
  await expect(page.getByRole("region", { name: "Search results" })).toBeVisible();
  await expectNoSeriousViolations(page, "catalog");

  await page.goto(`${base}/catalog/changelogs`);
  await expect(page.getByRole("heading", { level: 1, name: "Campaign and Canvas changelogs" })).toBeVisible();
  await expectNoSeriousViolations(page, "schema preview");

  await page.goto(`${base}/requests/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Request a share" })).toBeVisible();
  await expectNoSeriousViolations(page, "request form");

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
  await expectNoSeriousViolations(page, "request form (filled)");
  await tabTo(page, page.getByRole("button", { name: "Request share" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`${base}/requests/[a-z0-9]+$`));
  await expect(page.getByRole("region", { name: "Progress" }).getByText("Pending approval", { exact: true })).toBeVisible();
  await expect(page.getByTestId("consumer-account")).toHaveText("KBDORG.WAREHOUSE");
  await expectNoSeriousViolations(page, "request detail");

  // The confirmation dialog is reachable and dismissible by keyboard too.
  await tabTo(page, page.getByRole("button", { name: "Cancel request" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Cancel this request?" });
  await expect(dialog).toBeVisible();
  await expectNoSeriousViolations(page, "cancel dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
