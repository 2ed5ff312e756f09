// The names Floe gives a reader account: chosen by Floe (never brand text), unique in the vendor organisation, and
// recognisable in SHOW MANAGED ACCOUNTS. Pure: the form, the planner and the submit path all read it.
import { READER_ACCOUNT_NAME_PATTERN } from "@/lib/limits";

/** `FLOE_R_` + 10 upper-case hex digits (40 random bits): ReaderAccount_names_check. */
export function readerAccountNameFrom(randomHex: string): string {
  const name = `FLOE_R_${randomHex.slice(0, 10).toUpperCase()}`;
  if (!READER_ACCOUNT_NAME_PATTERN.test(name)) throw new Error("A reader account name needs 10 hex digits");
  return name;
}

/** The consumer identity a share uses for the reader account: ORG.NAME in the vendor's own organisation. */
export function readerConsumerAccount(vendorOrganization: string, accountName: string): string {
  return `${vendorOrganization}.${accountName}`;
}

/** Whether an ORG.ACCOUNT identity names a Floe-hosted reader account (ShareRequest_consumer_kind_check). */
export function isReaderAccountIdentity(account: string): boolean {
  const name = account.split(".")[1];
  return name !== undefined && READER_ACCOUNT_NAME_PATTERN.test(name);
}
