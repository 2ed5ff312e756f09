// The account checks the request form runs as the user types or pastes (parsing the identifier and the
// pasted query result, and comparing them). One module so the form can load them on demand
// (components/portal/use-account-checks.ts): about 3 kB gzip that a visitor who never reaches the account
// fields does not need. The server runs the same functions on submit whatever the browser did.
export { consumerIdentity, parseConsumerAccount, pasteConflicts } from "@/lib/snowflake/account-identifier";
export { parsePastedAccountDetails } from "@/lib/snowflake/pasted-account-details";
