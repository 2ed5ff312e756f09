// Reads what a brand user pastes after running
//   SELECT CURRENT_ACCOUNT(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME(), CURRENT_ACCOUNT_NAME();
// in Snowsight (tab separated, with or without the header row), SnowSQL (a |-bordered table) or a CSV
// export, and cross-checks it with what they typed. Asking for this paste is how the form avoids the classic
// failure of sharing to a locator from the wrong region. Pure and browser-safe.

import { parseNormalisedConsumerAccount, pasteConflicts, type ParseResult } from "./account-identifier";
import { findBadCharacter } from "./identifier-characters";
import { normaliseRegionId } from "./regions";

export type PastedAccountDetails = { locator?: string; region?: string; organization?: string; accountName?: string };

export type PastedAccountParse = {
  details: PastedAccountDetails;
  /** ORG.ACCOUNT when both parts were pasted (preferred by Snowflake for sharing), else the locator. */
  suggestedIdentifier?: string;
  warnings: string[];
};

type Field = keyof PastedAccountDetails;

const MAX_PASTE_LENGTH = 10_000;
// Without a header row the values are in the order of the SELECT we ask users to run.
const positionalFields: Field[] = ["locator", "region", "organization", "accountName"];
const headerFields: Record<string, Field> = {
  CURRENT_ACCOUNT: "locator",
  CURRENT_REGION: "region",
  CURRENT_ORGANIZATION_NAME: "organization",
  CURRENT_ACCOUNT_NAME: "accountName",
};
const fieldLabels: Record<Field, string> = {
  locator: "CURRENT_ACCOUNT()",
  region: "CURRENT_REGION()",
  organization: "CURRENT_ORGANIZATION_NAME()",
  accountName: "CURRENT_ACCOUNT_NAME()",
};

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

export function parsePastedAccountDetails(
  text: unknown,
  selection: { region?: string; consumerAccount?: string } = {},
): ParseResult<PastedAccountParse> {
  if (typeof text !== "string" || text.trim() === "") return fail("Paste the result of the query first.");
  if (text.length > MAX_PASTE_LENGTH) return fail("That paste is too long: copy just the result row of the query.");

  const rows = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^[+\-|=\s]+$/.test(line)) // SnowSQL borders: +----+ and |----|
    .map(splitCells);
  if (rows.length === 0) return fail("Paste the result of the query first.");

  const header = rows[0].some((cell) => /CURRENT_/i.test(cell)) ? rows[0] : undefined;
  const dataRows = header ? rows.slice(1) : rows;
  if (dataRows.length === 0) return fail("The paste has the header row only; copy the result row too.");
  if (dataRows.length > 1) return fail("The paste has several rows; copy the single result row of the query.");

  const fields = header ? header.map(headerField) : positionalFields;
  const details: PastedAccountDetails = {};
  for (const [i, cell] of dataRows[0].entries()) {
    const field = fields[i];
    if (!field || cell === "" || /^NULL$/i.test(cell)) continue;
    const parsed = parseField(field, cell);
    if (!parsed.ok) return parsed;
    details[field] = parsed.value;
  }
  if (Object.keys(details).length === 0)
    return fail("No account details found in the paste; run the query shown and copy its result.");

  const suggestedIdentifier =
    details.organization && details.accountName ? `${details.organization}.${details.accountName}` : details.locator;
  return { ok: true, value: { details, suggestedIdentifier, warnings: crossCheck(details, selection) } };
}

function splitCells(line: string): string[] {
  let cells: string[];
  if (line.includes("\t")) cells = line.split("\t");
  else if (line.includes("|")) cells = line.replace(/^\|/, "").replace(/\|$/, "").split("|");
  else if (line.includes(",")) cells = line.split(",");
  else cells = line.split(/\s+/);
  return cells.map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
}

function headerField(cell: string): Field | undefined {
  const key = cell.toUpperCase().replace(/[\s"()]/g, "");
  return headerFields[key];
}

function parseField(field: Field, raw: string): ParseResult<string> {
  const label = fieldLabels[field];
  if (raw.length > 255) return fail(`The pasted ${label} value is too long.`);
  const bad = findBadCharacter(raw, field === "region" ? /[A-Za-z0-9_.]/ : /[A-Za-z0-9_]/);
  if (bad) return fail(`The pasted ${label} value ${bad}.`);
  const value = raw.toUpperCase();
  if (field === "region") {
    const region = normaliseRegionId(value);
    return region
      ? { ok: true, value: region }
      : fail(`The pasted ${label} value ${value.slice(0, 60)} is not a Snowflake region we can share to.`);
  }
  const pattern = {
    locator: /^[A-Z]{1,4}[0-9][A-Z0-9]{0,15}$/,
    organization: /^[A-Z][A-Z0-9]*$/,
    accountName: /^[A-Z][A-Z0-9_]*$/,
  }[field];
  return pattern.test(value)
    ? { ok: true, value }
    : fail(
        `The pasted ${label} value ${value.slice(0, 60)} does not look right; run the query again and copy its result.`,
      );
}

function crossCheck(details: PastedAccountDetails, selection: { region?: string; consumerAccount?: string }): string[] {
  const typed = selection.consumerAccount ? parseNormalisedConsumerAccount(selection.consumerAccount) : undefined;
  return Object.values(pasteConflicts(typed, selection.region, details));
}
