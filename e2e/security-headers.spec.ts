import { expect, test, type Page } from "@playwright/test";
import { createPendingRequest } from "./support/lifecycle";
import { signIn } from "./support/sign-in";

// The production build's security headers, seen from a real browser: a nonce-based CSP whose script-src
// has no 'unsafe-inline' (or 'unsafe-eval'), and no CSP violation on the main pages — Chromium reports
// each blocked script or style as a `securitypolicyviolation` event and a console error. Plus the favicon,
// and a session cookie copied before sign-out that no longer opens anything.

type Violation = { directive: string; blocked: string };

/** Console errors about CSP from now on; violations are collected in the page and read by violationsOn. */
async function watchCsp(page: Page): Promise<{ consoleErrors: string[] }> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string }[] = [];
    (window as unknown as { __csp: typeof seen }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push({ directive: e.violatedDirective, blocked: e.blockedURI }),
    );
  });
  return { consoleErrors };
}

const violationsOn = (page: Page) => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp ?? []);

function expectStrictCsp(csp: string | null | undefined) {
  expect(csp, "a Content-Security-Policy header").toBeTruthy();
  const scriptSrc = csp!
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src "));
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=_-]{16,}'/);
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
}

const brandPages = [
  "/o/acme",
  "/o/acme/catalog",
  "/o/acme/catalog/messaging-email",
  "/o/acme/requests",
  "/o/acme/requests/new",
  "/o/acme/audit",
];
const consolePages = ["/console", "/console/shares", "/console/audit", "/console/admin"];

/**
 * `live`: the pages hold a live status stream open (server-sent events), so the network never goes idle;
 * wait for the stream to be answered instead, which also shows CSP's connect-src lets it through.
 */
async function expectCleanPages(page: Page, who: string, paths: string[], options: { live?: boolean } = {}) {
  const watch = await watchCsp(page);
  const signInResponse = await page.goto("/signin");
  expectStrictCsp(signInResponse?.headers()["content-security-policy"]);
  await signIn(page, who);
  const nonces = new Set<string>();
  for (const path of paths) {
    const stream = options.live
      ? page.waitForResponse((r) => (r.request().headers()["accept"] ?? "").includes("text/event-stream"))
      : null;
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const csp = response!.headers()["content-security-policy"];
    expectStrictCsp(csp);
    nonces.add(/'nonce-([^']+)'/.exec(csp)![1]);
    if (stream) expect((await stream).headers()["content-type"], path).toMatch(/^text\/event-stream/);
    else await page.waitForLoadState("networkidle");
    expect(await violationsOn(page), path).toEqual([]);
  }
  expect(nonces.size, "a fresh nonce per response").toBe(paths.length);
  expect(watch.consoleErrors).toEqual([]);
}

test("no CSP violation and a strict nonce CSP on the brand portal's main pages", async ({ page }) => {
  // Six pages, the dataset page with a cold Snowflake read: 31.6 s of the default 30 at load average 20+.
  test.setTimeout(60_000);
  await expectCleanPages(page, "olivia@acme.example", brandPages);
});

test("no CSP violation and a strict nonce CSP on the console's main pages", async ({ page }) => {
  await expectCleanPages(page, "ada@floe.example", consolePages);
});

test("no CSP violation on a request's pages (live status, decision panel, runs)", async ({ browser }) => {
  const { requestId, organization, requester } = await createPendingRequest({ slugPrefix: "e2e-csp" });
  const brandPage = await (await browser.newContext()).newPage();
  await expectCleanPages(brandPage, requester.email, [`/o/${organization.slug}/requests/${requestId}`], { live: true });
  const consolePage = await (await browser.newContext()).newPage();
  // Still pending: no run yet, so the console page has no runs panel and no stream to wait for.
  await expectCleanPages(consolePage, "amelia@floe.example", [`/console/requests/${requestId}`]);
});

test("the other security headers: no HSTS over plain http, no framing, no sniffing; a favicon", async ({
  page,
  request,
}) => {
  const response = await page.goto("/signin");
  const headers = response!.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // NEXTAUTH_URL is http://127.0.0.1 here; HSTS (and Secure cookies) only when it is https (unit-tested).
  expect(headers["strict-transport-security"]).toBeUndefined();
  const icon = page.locator('head link[rel="icon"]');
  await expect(icon.first()).toHaveAttribute("href", /icon/);
  const href = await icon.first().getAttribute("href");
  const iconResponse = await request.get(href!);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()["content-type"]).toMatch(/image\//);
  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
});

test("a session cookie copied before sign-out opens nothing afterwards", async ({ page, browser }) => {
  await signIn(page, "nora@nordlicht.example");
  const copied = (await page.context().cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(copied).toHaveLength(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const other = await browser.newContext();
  await other.addCookies(copied);
  const stolen = await other.newPage();
  await stolen.goto("/o/nordlicht");
  await expect(stolen).toHaveURL(/\/signin\?callbackUrl=%2Fo%2Fnordlicht$/);
  const status = await stolen.request.get("/api/orgs/nordlicht/requests/anything/status");
  expect(status.status()).toBe(401);
  await other.close();
});
