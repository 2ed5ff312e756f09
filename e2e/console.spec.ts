import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test("an account manager signs in and sees the console queue", async ({ page }) => {
  await signIn(page, "amelia@floe.example");
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole("heading", { level: 1, name: "Request queue" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Console navigation" });
  await expect(nav.getByRole("link", { name: "Queue" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Shares" })).toBeVisible();
  // Admin is for admins only.
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("a brand user opening the console is refused and sees no console content", async ({ page }) => {
  await signIn(page, "olivia@acme.example");
  const response = await page.goto("/console");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Request queue")).toHaveCount(0);
});

test("an account manager cannot open the admin page", async ({ page }) => {
  await signIn(page, "amelia@floe.example");
  const response = await page.goto("/console/admin");
  expect(response?.status()).toBe(404);
});
