// Inputs of the admin actions, shared by the forms and the actions. No server imports.
import "@/lib/zod-without-eval";
import { z } from "zod";

const id = z.string().trim().min(1).max(100);

export const providerAccountSchema = z.object({
  providerAccountId: id,
  // Unquoted Snowflake identifiers only: the connection layer passes the name as is.
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_$]{0,254}$/, "Use a Snowflake user name: letters, digits, _ and $, starting with a letter or _."),
  // Where the secret lives, never the secret itself: a pasted key has spaces or line breaks and is refused.
  secretRef: z
    .string()
    .trim()
    .regex(/^(env:[A-Z_][A-Z0-9_]{0,127}|file:[^\s]{1,1024})$/, "Use env:VARIABLE_NAME or file:/path/to/key.p8 — a reference to the secret, not the secret."),
  // Text from the form or a number from code; anything else (true, [5]) would coerce to a number by accident.
  maxConcurrency: z
    .union([z.string(), z.number()], { error: "Enter a whole number from 1 to 64." })
    .transform(Number)
    .pipe(z.number({ error: "Enter a whole number from 1 to 64." }).int("Enter a whole number from 1 to 64.").min(1, "Enter a whole number from 1 to 64.").max(64, "Enter a whole number from 1 to 64.")),
});

export const grantStaffRoleSchema = z.object({ email: z.email("Enter the email address of an existing Floe user.").trim().toLowerCase() });

export const revokeStaffRoleSchema = z.object({ userId: id });

export const allowSsoLinkSchema = z.object({ userId: id });

export type ProviderAccountInput = z.infer<typeof providerAccountSchema>;
