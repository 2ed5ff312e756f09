// The signature scheme and URL policy, pure: what a receiver's verify must accept and refuse.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookBody, verifyWebhookSignature } from "./signature";
import { isNonPublicAddress, webhookUrlPolicy, webhookUrlProblem } from "./url-policy";
import { retryDelayMs } from "./retry-schedule";

const secret = "whsec_test";
const body = '{"type":"webhook.test"}';

describe("webhook signatures", () => {
  it("is HMAC-SHA256 of `<t>.<body>` in hex, as documented", () => {
    const header = signWebhookBody(secret, body, 1_800_000_000);
    const expected = createHmac("sha256", secret).update(`1800000000.${body}`).digest("hex");
    expect(header).toBe(`t=1800000000,v1=${expected}`);
  });

  it("verifies within the tolerance and refuses outside it, tampering and bad headers", () => {
    const header = signWebhookBody(secret, body, 1_800_000_000);
    expect(verifyWebhookSignature({ secret, header, body, nowSeconds: 1_800_000_299 })).toEqual({
      ok: true,
      timestamp: 1_800_000_000,
    });
    expect(verifyWebhookSignature({ secret, header, body, nowSeconds: 1_800_000_301 })).toMatchObject({
      reason: "timestamp_out_of_tolerance",
    });
    expect(verifyWebhookSignature({ secret, header, body: body + " ", nowSeconds: 1_800_000_000 })).toMatchObject({
      reason: "signature_mismatch",
    });
    expect(verifyWebhookSignature({ secret: "other", header, body, nowSeconds: 1_800_000_000 })).toMatchObject({
      reason: "signature_mismatch",
    });
    expect(verifyWebhookSignature({ secret, header: undefined, body })).toMatchObject({ reason: "missing_header" });
    expect(verifyWebhookSignature({ secret, header: "v1=abc", body })).toMatchObject({ reason: "malformed_header" });
    // A rotated secret: either of two v1 entries may match.
    const other = signWebhookBody("old", body, 1_800_000_000).split(",")[1];
    expect(verifyWebhookSignature({ secret, header: `${header},${other}`, body, nowSeconds: 1_800_000_000 }).ok).toBe(
      true,
    );
  });
});

describe("webhook URL policy", () => {
  const production = webhookUrlPolicy("production");
  it.each([
    ["http://hooks.example.com/x", "https"],
    ["https://localhost/x", "public"],
    ["https://10.1.2.3/x", "private"],
    ["https://169.254.169.254/latest", "private"],
    ["https://[::1]/x", "private"],
    ["https://[fd00::1]/x", "private"],
    ["https://user:pw@hooks.example.com/x", "credentials"],
    ["https://intranet/x", "domain"],
    ["not a url", "full URL"],
  ])("production refuses %s", (url, word) => {
    expect(webhookUrlProblem(url, production)).toContain(word);
  });

  it("production accepts a public https URL; development also local http", () => {
    expect(webhookUrlProblem("https://hooks.example.com/floe?x=1", production)).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:4000/hook", webhookUrlPolicy("development"))).toBeNull();
  });

  it("classifies addresses, IPv4-mapped IPv6 included", () => {
    expect(isNonPublicAddress("8.8.8.8")).toBe(false);
    expect(isNonPublicAddress("2606:4700::1111")).toBe(false);
    expect(isNonPublicAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isNonPublicAddress("192.168.1.1")).toBe(true);
    expect(isNonPublicAddress("100.64.0.1")).toBe(true);
  });
});

describe("retry schedule", () => {
  it("doubles from 30 s and caps at one hour (jitter at its midpoint)", () => {
    expect([1, 2, 3, 8, 20].map((n) => retryDelayMs(n, () => 0.5))).toEqual([
      30_000, 60_000, 120_000, 3_600_000, 3_600_000,
    ]);
  });
});
