import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test("a brand owner signs in and sees the Acme home with its workspaces", async ({ page }) => {
  await signIn(page, "olivia@acme.example");
  await expect(page).toHaveURL(/\/o\/acme$/);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Retail" })).toBeVisible();
  const workspaces = page.getByRole("list", { name: "Workspaces" });
  for (const name of ["Acme Web", "Acme Mobile", "Acme Europe"]) {
    await expect(workspaces.getByText(name, { exact: true })).toBeVisible();
  }
  await expect(workspaces.getByText("AWS_EU_CENTRAL_1")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Brand portal navigation" }).getByRole("link", { name: "Catalog" }),
  ).toBeVisible();
});

test("a brand user opening another brand's portal gets a 404", async ({ page }) => {
  await signIn(page, "olivia@acme.example");
  const response = await page.goto("/o/nordlicht");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Nordlicht")).toHaveCount(0);
});

test("a signed-out visit to a brand portal lands on the sign-in page", async ({ page }) => {
  await page.goto("/o/acme");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fo%2Facme$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Acme Web")).toHaveCount(0);
});

test("after signing in, a signed-out visitor is taken back to the page they asked for", async ({ page }) => {
  await page.goto("/o/acme/catalog");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fo%2Facme%2Fcatalog/);
  await page
    .getByRole("list", { name: "Demo users" })
    .getByRole("button")
    .filter({ hasText: "olivia@acme.example" })
    .click();
  await expect(page).toHaveURL(/\/o\/acme\/catalog$/);
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
});

test("an unknown email is refused with a readable message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Or any existing user's email").fill("nobody@nowhere.example");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "No Floe user has that email address" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
