// Parses the consumer account identifier a brand user types into the request form. Pure and browser-safe:
// the form validates as the user types, the server action re-validates with the same code, and the planner
// re-checks the stored value with `isNormalisedConsumerAccount` before it reaches SQL.
//
// Formats (docs.snowflake.com user-guide/admin-account-identifier):
// - preferred `ORGNAME.ACCOUNT_NAME` (the data-sharing form); `ORGNAME-ACCOUNT_NAME` is how it appears in
//   URLs, where underscores of the account name may also be written as hyphens.
// - legacy account locator `XY12345`, optionally followed by region segments (`xy12345.us-east-2.aws`).
// Limits: Snowflake documents 255 characters as the maximum for any identifier and no tighter limit for
// organisation or account names, so each part is capped at 255. Locators are short generated codes
// (letters then digits, e.g. XY12345); 20 characters is far above any issued and stops pasted junk early.

import { CONSUMER_ACCOUNT_MAX_LENGTH } from "@/lib/limits";
import { findBadCharacter } from "./identifier-characters";
import { findRegion, regionFromLocatorSegments, regionLabel } from "./regions";

export const MAX_NAME_PART_LENGTH = 255;
export const MAX_LOCATOR_LENGTH = 20;
const MAX_INPUT_LENGTH = MAX_NAME_PART_LENGTH * 2 + 1;

const orgPattern = /^[A-Z][A-Z0-9]*$/;
const accountNamePattern = /^[A-Z][A-Z0-9_]*$/;
const locatorPattern = /^[A-Z]{1,4}[0-9][A-Z0-9]*$/;

/** Every value this module returns as `identifier` matches this; SQL builders re-check it. */
export const normalisedConsumerAccountPattern =
  /^(?:[A-Z][A-Z0-9]{0,254}\.[A-Z][A-Z0-9_]{0,254}|(?=[A-Z0-9]{2,20}$)[A-Z]{1,4}[0-9][A-Z0-9]*)$/;

export type ConsumerAccount =
  | { kind: "account-name"; organization: string; accountName: string; identifier: string }
  | {
      kind: "locator";
      locator: string;
      identifier: string;
      /** Region id implied by typed region segments (xy12345.us-east-2.aws), when there were any. */
      regionFromSegments?: string;
    };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function isNormalisedConsumerAccount(value: unknown): value is string {
  return typeof value === "string" && normalisedConsumerAccountPattern.test(value);
}

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
const prefix = "The account identifier";

/**
 * @param options.region the Snowflake region the user selected; when given, region segments typed after a
 * locator must name that same region.
 */
export function parseConsumerAccount(input: unknown, options: { region?: string } = {}): ParseResult<ConsumerAccount> {
  if (typeof input !== "string") return fail("Enter your Snowflake account identifier.");
  const trimmed = input.trim();
  if (trimmed === "") return fail("Enter your Snowflake account identifier, e.g. MYORG.MY_ACCOUNT.");
  if (trimmed.length > MAX_INPUT_LENGTH)
    return fail(`${prefix} is too long (at most ${MAX_NAME_PART_LENGTH} characters per part).`);
  if (/^[a-z]+:\/\//i.test(trimmed) || /snowflakecomputing\.(com|cn)/i.test(trimmed)) return fail(urlMessage(trimmed));

  const bad = findBadCharacter(trimmed, /[A-Za-z0-9_.\-]/);
  if (bad) return fail(`${prefix} ${bad}.`);

  const upper = trimmed.toUpperCase();
  const parts = upper.split(".");
  if (parts.some((p) => p === "")) return fail(`${prefix} has an empty part; check the dots (e.g. MYORG.MY_ACCOUNT).`);

  if (parts.length === 1) return parseSinglePart(parts[0]);
  if (parts.length === 2 && !parts[1].includes("-")) return parseOrgAccount(parts[0], parts[1]);
  if (parts.length <= 3) return parseLocatorWithRegion(parts, options.region);
  return fail(`${prefix} has too many dots. Use MYORG.MY_ACCOUNT, or your account locator such as XY12345.`);
}

function parseSinglePart(part: string): ParseResult<ConsumerAccount> {
  const hyphen = part.indexOf("-");
  if (hyphen >= 0) {
    // URL form ORG-ACCOUNT: organisation names contain no hyphen, so the first one separates; later hyphens
    // stand for the account name's underscores, which URLs may write as hyphens.
    return parseOrgAccount(part.slice(0, hyphen), part.slice(hyphen + 1).replace(/-/g, "_"));
  }
  if (locatorPattern.test(part)) return parseLocator(part);
  if (accountNamePattern.test(part)) {
    return fail(
      `${prefix} needs your organization name too: enter ORGNAME.${part.slice(0, 40)} (SELECT CURRENT_ORGANIZATION_NAME() shows it), or your account locator.`,
    );
  }
  return fail(
    `${prefix} is not in a format Snowflake uses. Enter MYORG.MY_ACCOUNT, or your account locator such as XY12345.`,
  );
}

function parseOrgAccount(org: string, account: string): ParseResult<ConsumerAccount> {
  if (org === "" || account === "") return fail(`${prefix} has an empty part; use MYORG.MY_ACCOUNT.`);
  if (org.length > MAX_NAME_PART_LENGTH)
    return fail(`The organization name is too long (at most ${MAX_NAME_PART_LENGTH} characters).`);
  if (account.length > MAX_NAME_PART_LENGTH)
    return fail(`The account name is too long (at most ${MAX_NAME_PART_LENGTH} characters).`);
  if (!orgPattern.test(org)) {
    return fail(
      /^[A-Z]/.test(org)
        ? "The organization name may contain only letters A–Z and digits."
        : "The organization name must start with a letter A–Z.",
    );
  }
  if (!accountNamePattern.test(account)) {
    return fail(
      /^[A-Z]/.test(account)
        ? "The account name may contain only letters A–Z, digits and _."
        : "The account name must start with a letter A–Z.",
    );
  }
  // Stored as ORG.ACCOUNT under the database's bound (lib/limits.ts), tighter than the two parts' own limits.
  if (org.length + 1 + account.length > CONSUMER_ACCOUNT_MAX_LENGTH) {
    return fail(
      `${prefix} is too long: at most ${CONSUMER_ACCOUNT_MAX_LENGTH} characters in all (organization name, dot and account name).`,
    );
  }
  return {
    ok: true,
    value: { kind: "account-name", organization: org, accountName: account, identifier: `${org}.${account}` },
  };
}

function parseLocator(locator: string): ParseResult<ConsumerAccount> {
  if (locator.length > MAX_LOCATOR_LENGTH)
    return fail(`The account locator is too long (at most ${MAX_LOCATOR_LENGTH} characters).`);
  if (!locatorPattern.test(locator)) {
    return fail(
      "The account locator is not valid: it is letters followed by digits, such as XY12345 (SELECT CURRENT_ACCOUNT() shows it).",
    );
  }
  return { ok: true, value: { kind: "locator", locator, identifier: locator } };
}

function parseLocatorWithRegion(parts: string[], selectedRegion: string | undefined): ParseResult<ConsumerAccount> {
  const [locatorPart, regionSegment, cloudSegment] = parts;
  const located = parseLocator(locatorPart);
  if (!located.ok) return located;
  const locator = located.value.identifier;
  if (cloudSegment !== undefined && !["AWS", "GCP", "AZURE"].includes(cloudSegment)) {
    return fail(
      `${prefix} ends in '${cloudSegment.toLowerCase().slice(0, 20)}', which is not a cloud (aws, gcp or azure).`,
    );
  }
  const region = regionFromLocatorSegments(regionSegment, cloudSegment);
  const typed = [regionSegment, cloudSegment].filter(Boolean).join(".").toLowerCase().slice(0, 60);
  if (!region)
    return fail(
      `'${typed}' after the account locator is not a Snowflake region. Enter just the locator (e.g. XY12345) and pick the region from the list.`,
    );
  if (selectedRegion !== undefined && selectedRegion !== region.id) {
    const selected = findRegion(selectedRegion) ? regionLabel(selectedRegion) : "the selected region";
    return fail(
      `Your locator says ${typed} (${region.id}), but you selected ${selected}. Choose the region your account is in.`,
    );
  }
  return { ok: true, value: { kind: "locator", locator, identifier: locator, regionFromSegments: region.id } };
}

function urlMessage(input: string): string {
  const host = input.replace(/^[a-z]+:\/\//i, "").split(/[/:?#]/)[0] ?? "";
  const beforeDomain = host.replace(/\.snowflakecomputing\.(com|cn)$/i, "").replace(/\.privatelink$/i, "");
  const suggestion = beforeDomain && beforeDomain !== host ? parseConsumerAccount(beforeDomain) : undefined;
  const hint = suggestion?.ok ? ` For this URL, enter ${suggestion.value.identifier}.` : "";
  return `Enter the account identifier, not the URL.${hint}`;
}

/** Parses a value already stored in normalised form (ORG.ACCOUNT or LOCATOR); anything else is rejected. */
export function parseNormalisedConsumerAccount(value: string): ConsumerAccount | undefined {
  if (!isNormalisedConsumerAccount(value)) return undefined;
  const dot = value.indexOf(".");
  if (dot < 0) return { kind: "locator", locator: value, identifier: value };
  return {
    kind: "account-name",
    organization: value.slice(0, dot),
    accountName: value.slice(dot + 1),
    identifier: value,
  };
}

/**
 * One consumer account, one identity. Snowflake names an account two ways (docs: user-guide/
 * admin-account-identifier): ORGNAME.ACCOUNT_NAME, which SHOW SHARES reports in its `to` column, and the
 * legacy locator, unique only within a region. `account` is the canonical form — ORG.ACCOUNT whenever it
 * is known, else the locator — and `locator` is kept beside it when known, so the same account typed either
 * way is recognised as one (duplicates, verify, revocation, the console).
 */
export type ConsumerIdentity = { account: string; locator: string | null };

/** What the brand pasted from SELECT CURRENT_ACCOUNT(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME(), CURRENT_ACCOUNT_NAME(). */
export type PastedIdentity = { locator?: string; region?: string; organization?: string; accountName?: string };

/** A disagreement between the paste and the form, keyed by the form field it concerns. Blocks submit. */
export type PasteConflicts = { consumerAccount?: string; consumerRegion?: string };

export function consumerIdentity(typed: ConsumerAccount, pasted: PastedIdentity = {}): ConsumerIdentity {
  if (typed.kind === "account-name") return { account: typed.identifier, locator: pasted.locator ?? null };
  const named = pasted.organization && pasted.accountName ? `${pasted.organization}.${pasted.accountName}` : undefined;
  return { account: named ?? typed.locator, locator: typed.locator };
}

/**
 * The paste is the brand's own Snowflake telling us where the account is: a region or name that
 * disagrees with the form means the share would go to the wrong place (or be refused at ADD ACCOUNTS —
 * with no documented error code — after a cross-region replication was built for nothing), so it is an
 * error, not a hint.
 */
export function pasteConflicts(
  typed: ConsumerAccount | undefined,
  region: string | undefined,
  pasted: PastedIdentity,
): PasteConflicts {
  const conflicts: PasteConflicts = {};
  if (pasted.region && region && pasted.region !== region) {
    const chosen = findRegion(region) ? regionLabel(region) : region;
    conflicts.consumerRegion = `Your account's CURRENT_REGION() is ${pasted.region}, but you chose ${chosen}. Choose ${pasted.region}: a share can only be delivered to the region your account is in.`;
  }
  if (typed?.kind === "locator" && pasted.locator && typed.locator !== pasted.locator) {
    conflicts.consumerAccount = `Your account's CURRENT_ACCOUNT() is ${pasted.locator}, but you entered the locator ${typed.locator}. Enter the account you pasted the details of.`;
  }
  if (typed?.kind === "account-name") {
    if (pasted.organization && typed.organization !== pasted.organization) {
      conflicts.consumerAccount = `Your account's CURRENT_ORGANIZATION_NAME() is ${pasted.organization}, but you entered ${typed.organization}. Enter the account you pasted the details of.`;
    } else if (pasted.accountName && typed.accountName !== pasted.accountName) {
      conflicts.consumerAccount = `Your account's CURRENT_ACCOUNT_NAME() is ${pasted.accountName}, but you entered ${typed.accountName}. Enter the account you pasted the details of.`;
    }
  }
  return conflicts;
}

/**
 * Whether `reported` (an entry of SHOW SHARES `to`, ORG.ACCOUNT) is the consumer `identity`. A bare
 * locator cannot be compared with a name by the provider (it has no way to look up another organisation's
 * accounts); callers handle that case explicitly (see lib/provisioning/verify-share.ts).
 */
export function sameConsumerAccount(identity: ConsumerIdentity, reported: string): boolean {
  const value = reported.replace(/"/g, "").trim().toUpperCase();
  return value === identity.account || (identity.locator !== null && value === identity.locator);
}

/** True when the identity is only a locator: its ORG.ACCOUNT name is not known yet. */
export function isUnresolvedLocator(identity: ConsumerIdentity): boolean {
  return !identity.account.includes(".");
}
