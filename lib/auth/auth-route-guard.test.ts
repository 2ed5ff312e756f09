// The guard in front of next-auth's route, driven through the real route handler against real PostgreSQL:
// what it bounds must be bounded after the same normalisation next-auth applies, or input that looks short
// enough grows past a database limit and answers 500.
import { afterAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db";
import { EMAIL_MAX_LENGTH } from "@/lib/limits";
import { Browser } from "@/lib/testing/next-auth-driver";

const handler = ((request, context) =>
  (request.method === "POST" ? POST : GET)(request, context as never)) as ConstructorParameters<typeof Browser>[0];

afterAll(async () => {
  await db.$disconnect();
});

describe("auth route guard", () => {
  it("refuses with 400 an email that only becomes too long when lower-cased (İ → i̇)", async () => {
    const browser = new Browser(handler);
    const email = `${"İ".repeat(200)}@floe.example`;
    expect(email.length).toBeLessThanOrEqual(EMAIL_MAX_LENGTH);
    expect(email.toLowerCase().length).toBeGreaterThan(EMAIL_MAX_LENGTH);
    const response = await browser.auth("signin/email", {
      method: "POST",
      form: { csrfToken: await browser.csrfToken(), email, callbackUrl: "/", json: "true" },
    });
    expect(response.status).toBe(400);
  });

  it("refuses with 400 a sign-in field carrying a NUL (PostgreSQL text cannot hold one: the rate-limit key would)", async () => {
    const browser = new Browser(handler);
    const response = await browser.auth("signin/email", {
      method: "POST",
      form: { csrfToken: await browser.csrfToken(), email: "ada\u0000@floe.example", callbackUrl: "/", json: "true" },
    });
    expect(response.status).toBe(400);
  });
});
