"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { loadAccountChecks } from "./use-account-checks";

type Result = {
  tone: "success" | "warning" | "danger";
  lines: string[];
  replace?: { consumerAccount?: string; consumerRegion?: string };
};

/**
 * Optional: paste the output of the account query. Empty fields are filled in; fields that disagree with
 * the paste are flagged, with a button to take the pasted values (we never overwrite silently).
 */
export function PasteAccountDetails({
  consumerAccount,
  consumerRegion,
  text,
  onTextChange,
  onFill,
  errors,
  errorId,
}: {
  consumerAccount: string;
  consumerRegion: string;
  text: string;
  onTextChange: (text: string) => void;
  onFill: (values: { consumerAccount?: string; consumerRegion?: string }) => void;
  errors?: string[];
  errorId: string;
}) {
  const [result, setResult] = useState<Result | null>(null);
  const id = useId();

  async function check() {
    const { parseConsumerAccount, parsePastedAccountDetails } = await loadAccountChecks();
    const typed = parseConsumerAccount(consumerAccount);
    const parsed = parsePastedAccountDetails(text, {
      region: consumerRegion || undefined,
      consumerAccount: typed.ok ? typed.value.identifier : undefined,
    });
    if (!parsed.ok) return setResult({ tone: "danger", lines: [parsed.message] });
    const { details, suggestedIdentifier, warnings } = parsed.value;
    const fill: { consumerAccount?: string; consumerRegion?: string } = {};
    if (!consumerAccount.trim() && suggestedIdentifier) fill.consumerAccount = suggestedIdentifier;
    if (!consumerRegion && details.region) fill.consumerRegion = details.region;
    if (Object.keys(fill).length > 0) onFill(fill);
    if (warnings.length > 0) {
      return setResult({
        tone: "warning",
        lines: warnings,
        replace: { consumerAccount: suggestedIdentifier, consumerRegion: details.region },
      });
    }
    const filled = [
      fill.consumerAccount && `account ${fill.consumerAccount}`,
      fill.consumerRegion && `region ${fill.consumerRegion}`,
    ].filter(Boolean);
    setResult({
      tone: "success",
      lines: [
        filled.length > 0 ? `Filled in ${filled.join(" and ")} from the paste.` : "The paste matches what you entered.",
      ],
    });
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        Paste the query result <span className="font-normal text-muted">(optional)</span>
      </label>
      {/* Submitted with the form: the server parses it again and refuses a region or name that disagrees. */}
      <textarea
        id={id}
        name="pastedAccountDetails"
        rows={3}
        value={text}
        onChange={(event) => onTextChange(event.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        placeholder={"AR40001\tAWS_US_EAST_1\tACMERETAIL\tANALYTICS"}
        className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs"
      />
      <FieldError id={errorId} messages={errors} />
      <Button variant="secondary" size="sm" onClick={check} disabled={text.trim() === ""}>
        Fill in and check
      </Button>
      {result ? (
        <Notice tone={result.tone} live>
          <ul className="space-y-1">
            {result.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {result.replace ? (
            <Button
              variant="secondary"
              size="sm"
              className="mt-2"
              onClick={() => {
                onFill(result.replace ?? {});
                setResult({ tone: "success", lines: ["Replaced with the pasted values."] });
              }}
            >
              Use the pasted values
            </Button>
          ) : null}
        </Notice>
      ) : null}
    </div>
  );
}
