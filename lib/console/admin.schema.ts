// Inputs of the admin actions, shared by the forms and the actions. No server imports.
import "@/lib/zod-without-eval";
import { z } from "zod";
import { EMAIL_MAX_LENGTH, ID_MAX_LENGTH, MAX_CONCURRENCY } from "@/lib/limits";

const id = z.string().trim().min(1).max(ID_MAX_LENGTH);
const concurrencyMessage = `Enter a whole number from ${MAX_CONCURRENCY.min} to ${MAX_CONCURRENCY.max}.`;

export const providerAccountSchema = z.object({
  providerAccountId: id,
  // Unquoted Snowflake identifiers only: the connection layer passes the name as is.
  username: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_$]{0,254}$/,
      "Use a Snowflake user name: letters, digits, _ and $, starting with a letter or _.",
    ),
  // Where the secret lives, never the secret itself: a pasted key has spaces or line breaks and is refused.
  secretRef: z
    .string()
    .trim()
    .regex(
      /^(env:[A-Z_][A-Z0-9_]{0,127}|file:[^\s]{1,1024})$/,
      "Use env:VARIABLE_NAME or file:/path/to/key.p8 — a reference to the secret, not the secret.",
    ),
  // Text from the form or a number from code; anything else (true, [5]) would coerce to a number by accident.
  maxConcurrency: z
    .union([z.string(), z.number()], { error: concurrencyMessage })
    .transform(Number)
    .pipe(
      z
        .number({ error: concurrencyMessage })
        .int(concurrencyMessage)
        .min(MAX_CONCURRENCY.min, concurrencyMessage)
        .max(MAX_CONCURRENCY.max, concurrencyMessage),
    ),
});

export const grantStaffRoleSchema = z.object({
  email: z
    .email("Enter the email address of an existing Floe user.")
    .max(EMAIL_MAX_LENGTH, "Enter the email address of an existing Floe user.")
    .trim()
    .toLowerCase(),
});

export const revokeStaffRoleSchema = z.object({ userId: id });

export const allowSsoLinkSchema = z.object({ userId: id });

export type ProviderAccountInput = z.infer<typeof providerAccountSchema>;
