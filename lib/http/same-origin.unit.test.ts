// The CSRF rule of cookie-authenticated state-changing routes (lib/http/same-origin.ts).
import { describe, expect, it } from "vitest";
import { crossSiteProblem } from "./same-origin";

const post = (headers: Record<string, string>) =>
  new Request("http://floe.example/api/orgs/acme/erasures/upload", { method: "POST", headers });

describe("crossSiteProblem", () => {
  it("accepts a page of the same host (Host or X-Forwarded-Host)", () => {
    expect(crossSiteProblem(post({ origin: "http://floe.example", host: "floe.example" }))).toBeNull();
    expect(
      crossSiteProblem(
        post({
          origin: "https://portal.floe.example",
          host: "10.0.0.5:3000",
          "x-forwarded-host": "portal.floe.example",
        }),
      ),
    ).toBeNull();
    expect(crossSiteProblem(post({ origin: "http://floe.example", "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("refuses another site, no Origin, a null Origin and a browser saying cross-site", () => {
    expect(crossSiteProblem(post({ origin: "https://evil.example", host: "floe.example" }))).toMatch(/another site/);
    expect(crossSiteProblem(post({ host: "floe.example" }))).toMatch(/no Origin/);
    expect(crossSiteProblem(post({ origin: "null", host: "floe.example" }))).toMatch(/no Origin/);
    expect(crossSiteProblem(post({ origin: "not a url", host: "floe.example" }))).toMatch(/not a URL/);
    expect(
      crossSiteProblem(post({ origin: "http://floe.example", host: "floe.example", "sec-fetch-site": "cross-site" })),
    ).toMatch(/cross-site/);
    expect(crossSiteProblem(post({ origin: "http://floe.example:8080", host: "floe.example" }))).toMatch(
      /another site/,
    );
  });
});
