import type { RunKind } from "@/lib/generated/prisma/enums";
import type { FailureExplanation } from "./request-status.types";

// Turns a failed run into words a brand can act on. The Snowflake error code is read to choose the
// explanation but never echoed: the raw error is the account manager's (console). Pure.
//
// Only documented codes choose an explanation: 002003 is Snowflake's "… does not exist or not authorized"
// (shown as "002003 (42S02)" in release-notes/bcr-bundles/un-bundled/bcr-1858). Snowflake documents no code for
// refusing an account of another region in ALTER SHARE … ADD ACCOUNTS (the emulator's 003135 is its own choice,
// see emulator/README.md), so such a refusal gets the generic reason; staff read the raw text in the console.
const DOES_NOT_EXIST = "002003";

export function explainFailure(input: {
  runKind: RunKind;
  stepKey: string | null;
  errorCode: string | null;
  consumerAccount: string;
  consumerRegion: string;
}): FailureExplanation {
  const target = `${input.consumerAccount} (${input.consumerRegion})`;
  const told = "Your account manager has been told and will retry or follow up with you.";

  if (input.runKind === "REVOKE") {
    return {
      title: "Removing the share did not finish",
      explanation: `We could not finish removing the share for ${target}. It may still be visible in your account for now.`,
      nextStep: `${told} You do not need to do anything.`,
    };
  }
  if (input.stepKey === "add-accounts") {
    const reason =
      input.errorCode === DOES_NOT_EXIST
        ? "Snowflake could not find an account with that identifier."
        : "Snowflake refused to add the account to the share.";
    return {
      title: "Snowflake did not accept your account",
      explanation: `The share was created, but adding ${target} to it failed. ${reason} This is usually a mistyped account identifier or the wrong region.`,
      nextStep:
        "Run SELECT CURRENT_ACCOUNT(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME() in your Snowflake account. If the values differ from this request, ask for this request to be removed and submit a new one with the right values; otherwise your account manager will retry it.",
    };
  }
  if (input.stepKey === "verify") {
    return {
      title: "The final check found a difference",
      explanation:
        "The share was set up, but reading it back showed it does not match what was approved, so we did not switch it on.",
      nextStep: told,
    };
  }
  if (input.stepKey && /replica|replication/.test(input.stepKey)) {
    return {
      title: "Copying the data to your region did not finish",
      explanation: `Your account is in another region than the data, so the data is copied there first. That copy did not complete.`,
      nextStep: told,
    };
  }
  return {
    title: "Setting up the share did not finish",
    explanation: `A step of setting up the share for ${target} did not complete.`,
    nextStep: told,
  };
}
