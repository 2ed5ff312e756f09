import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalisedConsumerAccountPattern, parseConsumerAccount } from "./account-identifier";
import { consumerAccountSchema } from "./account-identifier.schema";
import { hostileInputs, type HostileCategory } from "./testing/hostile-inputs";
import { parsePastedAccountDetails } from "./pasted-account-details";

// The parser's guarantee, checked on every input below: reject, or return a value of the strict form.
function assertRejectsOrStrict(input: string, region?: string): void {
  const result = parseConsumerAccount(input, { region });
  if (result.ok) {
    expect(result.value.identifier).toMatch(normalisedConsumerAccountPattern);
  } else {
    expect(result.message.length).toBeGreaterThan(0);
    // Messages may quote a safe character back, never an invisible or direction-changing one.
    expect(result.message).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
  }
}

describe("hostile input corpus", () => {
  it("has at least 200 labelled cases covering every category", () => {
    expect(hostileInputs.length).toBeGreaterThanOrEqual(200);
    const categories = new Set(hostileInputs.map((h) => h.category));
    const expected: HostileCategory[] = [
      "empty",
      "whitespace",
      "quote",
      "semicolon",
      "comment",
      "sql-injection",
      "lookalike",
      "fullwidth",
      "bidi",
      "zero-width",
      "control",
      "nul",
      "overlong",
      "format",
      "url",
      "path",
    ];
    expect([...categories].sort()).toEqual([...expected].sort());
    expect(new Set(hostileInputs.map((h) => h.label)).size).toBe(hostileInputs.length);
  });

  it("every case is rejected by the account parser and the form schema", () => {
    for (const h of hostileInputs) {
      expect(parseConsumerAccount(h.value).ok, `${h.category}: ${h.label}`).toBe(false);
      expect(consumerAccountSchema.safeParse(h.value).success, `${h.category}: ${h.label}`).toBe(false);
    }
  });

  it("every case pasted as a query result is rejected or yields strictly shaped values", () => {
    for (const h of hostileInputs) {
      const result = parsePastedAccountDetails(`${h.value}\tAWS_US_EAST_1`);
      if (!result.ok) continue;
      const { locator, organization, accountName } = result.value.details;
      for (const v of [locator, organization, accountName])
        if (v !== undefined) expect(v, h.label).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });
});

describe("account parser properties", () => {
  const fragments = fc.constantFrom(
    "A",
    "z",
    "9",
    "_",
    ".",
    "-",
    "ACME",
    "xy12345",
    ".us-east-2",
    ".aws",
    ".azure",
    '"',
    "'",
    ";",
    "--",
    "/*",
    "*/",
    " ",
    "\t",
    "\u00A0",
    "\u0000",
    "\u0007",
    "\u202E",
    "\u2066",
    "\u200B",
    "\uFEFF",
    "\u0410",
    "\u0391",
    "\uFF21",
    "\u3000",
    "é",
    "\uD83D\uDE00",
  );
  const builtFromFragments = fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join(""));
  const region = fc.option(fc.constantFrom("AWS_US_EAST_1", "AWS_US_EAST_2", "AZURE_WESTUS2", "GCP_US_EAST4"), {
    nil: undefined,
  });

  it("arbitrary unicode: rejected or strict", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 600 }), region, assertRejectsOrStrict), {
      numRuns: 3000,
    });
  });

  it("near-miss strings assembled from valid and hostile fragments: rejected or strict", () => {
    fc.assert(fc.property(builtFromFragments, region, assertRejectsOrStrict), { numRuns: 5000 });
  });

  it("hostile fragments spliced into valid identifiers are always rejected", () => {
    const hostile = fc.constantFrom(
      '"',
      "'",
      ";",
      "--",
      "/*",
      " x",
      "\u0000",
      "\u202E",
      "\u200B",
      "\u0410",
      "\uFF21",
      "\u0085",
    );
    const valid = fc.constantFrom("ACME.ANALYTICS", "XY12345", "acme-analytics", "xy12345.us-east-2.aws");
    fc.assert(
      fc.property(valid, hostile, fc.nat(), (base, bad, at) => {
        const i = 1 + (at % (base.length - 1));
        expect(parseConsumerAccount(base.slice(0, i) + bad + base.slice(i)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
