// Zod schemas for the share-request form, shared by the browser form and the server action. Messages are
// written for a brand user; they come from the parsers so the form and the server say the same thing.

import "@/lib/zod-without-eval";
import { z } from "zod";
import { parseConsumerAccount } from "./account-identifier";
import { normaliseRegionId, regionLabel } from "./regions";

/** A Snowflake region id from the region list (accepts lower case and `PUBLIC.` prefixes; outputs the id). */
export const snowflakeRegionSchema = z
  .string({ error: "Choose the Snowflake region your account is in." })
  .transform((value, ctx) => {
    const region = normaliseRegionId(value);
    if (region) return region;
    ctx.addIssue({ code: "custom", message: "Choose the Snowflake region your account is in from the list." });
    return z.NEVER;
  });

/** The account identifier alone, normalised to ORG.ACCOUNT or LOCATOR. */
export const consumerAccountSchema = z
  .string({ error: "Enter your Snowflake account identifier." })
  .transform((value, ctx) => {
    const parsed = parseConsumerAccount(value);
    if (parsed.ok) return parsed.value.identifier;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });

/**
 * Identifier and region together: region segments typed after a locator must agree with the chosen region,
 * and the error lands on the identifier field where the user typed them.
 */
export const consumerTargetSchema = z
  .object({
    consumerAccount: z.string({ error: "Enter your Snowflake account identifier." }),
    consumerRegion: snowflakeRegionSchema,
  })
  .transform((value, ctx) => {
    const parsed = parseConsumerAccount(value.consumerAccount, { region: value.consumerRegion });
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", path: ["consumerAccount"], message: parsed.message });
      return z.NEVER;
    }
    return {
      consumerAccount: parsed.value.identifier,
      consumerRegion: value.consumerRegion,
      consumerRegionLabel: regionLabel(value.consumerRegion),
    };
  });
