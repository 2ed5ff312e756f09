import { expect, type Page } from "@playwright/test";

/**
 * Signs in through the app's own sign-in page, as a person would: open it, click the seeded person's
 * button (or type any existing user's email), and wait until the app has left the sign-in page.
 */
export async function signIn(page: Page, email: string, options: { callbackUrl?: string } = {}): Promise<void> {
  const url = options.callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(options.callbackUrl)}` : "/signin";
  await page.goto(url);
  const demoUsers = page.getByRole("list", { name: "Demo users" });
  const seeded = demoUsers.getByRole("button").filter({ hasText: email });
  if ((await seeded.count()) > 0) {
    await seeded.first().click();
  } else {
    await page.getByLabel("Or any existing user's email").fill(email);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  }
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByTestId("signed-in-user")).toContainText(email);
}
