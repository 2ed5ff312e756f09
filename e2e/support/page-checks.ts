import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

// The two checks every page gets (e2e/every-page.spec.ts, e2e/portal-a11y.spec.ts): axe with no violations
// of any impact, and a phone-width layout (390 × 844, an iPhone 12–15) without horizontal page scroll and
// with the page's primary action on screen. Failures are soft, so one run lists every page's problems.

export const PHONE = { width: 390, height: 844 };

/** axe's WCAG 2.x A/AA rules plus its best practices (heading order, landmarks): every impact counts. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}) — ${v.help}: ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
}

export async function expectNoAxeViolations(page: Page, what: string) {
  expect.soft(await axeViolations(page), `axe on ${what}`).toEqual([]);
}

/** At phone width: the page does not scroll sideways, and `primary` (if any) is fully on screen once scrolled to. */
export async function expectFitsPhone(page: Page, what: string, primary?: Locator) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  // Names the elements that reach past the screen (outside a box that scrolls them), so a failure says where.
  const offenders =
    width <= PHONE.width
      ? []
      : await page.evaluate((limit) => {
          const clipped = (el: Element) => {
            for (let p = el.parentElement; p; p = p.parentElement)
              if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX)) return true;
            return false;
          };
          return [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !clipped(el))
            .slice(0, 5)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}" right=${Math.round(el.getBoundingClientRect().right)}`,
            );
        }, PHONE.width);
  expect
    .soft(
      width,
      `${what}: document.documentElement.scrollWidth at ${PHONE.width} px; too wide: ${offenders.join("; ")}`,
    )
    .toBeLessThanOrEqual(PHONE.width);
  if (primary) {
    await primary.scrollIntoViewIfNeeded();
    await expect.soft(primary, `${what}: primary action fully in the viewport`).toBeInViewport({ ratio: 1 });
  }
}
