"use client";

import Link from "next/link";
import {
  startTransition,
  useActionState,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { cx } from "@/components/ui/cx";
import type { ActionResult } from "@/lib/actions/safe-action";
import { regionNotice } from "@/lib/portal/cross-region";
import type { RequestFormOptions } from "@/lib/portal/request-form-options";
import { REQUEST_NOTE_MAX_LENGTH } from "@/lib/limits";
import { shareRequestFields, type SubmitShareRequestOutcome } from "@/lib/portal/share-request-form-fields";
import type { PasteConflicts } from "@/lib/snowflake/account-identifier";
import { ConsumerKindChoice } from "./consumer-kind-choice";
import { PasteAccountDetails } from "./paste-account-details";
import { RegionCombobox } from "./region-combobox";
import { RegionNotice } from "./region-notice";
import { DatasetFieldset, WorkspaceFieldset } from "./selection-fieldsets";
import { useAccountChecks } from "./use-account-checks";

export type SubmitRequestResult = ActionResult<SubmitShareRequestOutcome>;
type SubmitAction = (previous: SubmitRequestResult | null, formData: FormData) => Promise<SubmitRequestResult>;

/**
 * The share request form. Every field is controlled, and the form is submitted from onSubmit rather than
 * `action=`, so what the user typed survives a refused submit (React resets `action` forms). The server
 * action validates with the same schema and redirects to the new request on success. `accountHelp` (the
 * static "where do I find my account" help, components/portal/account-help.tsx) is rendered by the page on
 * the server, so its text is not part of the form's JavaScript.
 */
export function RequestForm({
  orgSlug,
  options,
  initialDatasetKeys,
  action,
  accountHelp,
}: {
  orgSlug: string;
  options: RequestFormOptions;
  initialDatasetKeys: string[];
  action: SubmitAction;
  accountHelp: ReactNode;
}) {
  const [state, submit, pending] = useActionState(action, null);
  const [workspaceIds, setWorkspaceIds] = useState<string[]>(
    options.workspaces.length === 1 ? [options.workspaces[0].id] : [],
  );
  const [datasetKeys, setDatasetKeys] = useState<string[]>(initialDatasetKeys);
  const [includePii, setIncludePii] = useState(false);
  const [consumerAccount, setConsumerAccount] = useState("");
  const [consumerRegion, setConsumerRegion] = useState("");
  const [note, setNote] = useState("");
  const [pasted, setPasted] = useState("");
  // The live account checks load when the user enters the account fields (use-account-checks.ts).
  const [enteredAccount, setEnteredAccount] = useState(false);
  const checks = useAccountChecks(enteredAccount || consumerAccount.trim() !== "" || pasted.trim() !== "");
  // Server errors of a field disappear once the user changes that field.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    setEdited(new Set());
  }
  const touch = (field: string) => setEdited((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));

  const ids = { form: useId(), account: useId(), region: useId(), regionLabel: useId(), note: useId() };
  const errorId = (field: string) => `${ids.form}-${field}-error`;
  const serverErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errorsFor = (field: string) => (edited.has(field) ? undefined : serverErrors[field]);
  const formMessage = state && !state.ok ? state.message : null;
  const duplicate = state?.ok ? state.data : null;

  const notice = regionNotice({
    workspaceRegions: options.workspaces.filter((w) => workspaceIds.includes(w.id)).map((w) => w.region),
    consumerRegion,
  });
  const typedAccount = checks && consumerAccount.trim() ? checks.parseConsumerAccount(consumerAccount) : null;
  // Re-checked on every edit of the paste, the identifier or the region: a contradiction blocks submit.
  const pastedDetails = checks && pasted.trim() ? checks.parsePastedAccountDetails(pasted) : null;
  const conflicts: PasteConflicts =
    checks && pastedDetails?.ok
      ? checks.pasteConflicts(
          typedAccount?.ok ? typedAccount.value : undefined,
          consumerRegion || undefined,
          pastedDetails.value.details,
        )
      : {};
  // The one identity the request will carry: a typed locator becomes ORG.ACCOUNT when the paste names it.
  const sharedWith =
    checks && typedAccount?.ok
      ? checks.consumerIdentity(typedAccount.value, pastedDetails?.ok ? pastedDetails.value.details : {}).account
      : null;
  const fieldMessages = (field: "consumerAccount" | "consumerRegion") =>
    errorsFor(field) ?? (conflicts[field] ? [conflicts[field]] : undefined);

  // After a refused submit, move focus to the first field with an error (or the message), for keyboard users.
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!state) return;
    const first = shareRequestFields.find((f) => serverErrors[f]?.length);
    const target = first
      ? formRef.current?.querySelector<HTMLElement>(
          `[data-field="${first}"] input:not([type=hidden]), [data-field="${first}"] textarea`,
        )
      : null;
    (target ?? summaryRef.current)?.focus();
    // Only when a new result arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (conflicts.consumerRegion || conflicts.consumerAccount) {
      const field = conflicts.consumerRegion ? "consumerRegion" : "consumerAccount";
      formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"] input:not([type=hidden])`)?.focus();
      return;
    }
    const formData = new FormData(event.currentTarget);
    startTransition(() => submit(formData));
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="space-y-6"
      aria-describedby={formMessage || duplicate ? `${ids.form}-summary` : undefined}
    >
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <div ref={summaryRef} tabIndex={-1} id={`${ids.form}-summary`} className="focus:outline-none">
        {duplicate ? (
          <Notice tone="warning" title="You already asked for this share" live>
            {duplicate.message}{" "}
            <Link
              href={`/o/${orgSlug}/requests/${duplicate.existingRequestId}`}
              className="font-medium text-accent-strong underline"
            >
              Open the existing request
            </Link>
          </Notice>
        ) : formMessage ? (
          <Notice tone="danger" title="The request was not sent" live>
            {formMessage}
          </Notice>
        ) : null}
      </div>

      <div data-field="workspaceIds">
        <WorkspaceFieldset
          workspaces={options.workspaces}
          value={workspaceIds}
          onChange={(v) => (setWorkspaceIds(v), touch("workspaceIds"))}
          errors={errorsFor("workspaceIds")}
          errorId={errorId("workspaceIds")}
        />
      </div>
      <div data-field="datasetKeys">
        <DatasetFieldset
          datasets={options.datasets}
          value={datasetKeys}
          onChange={(v) => (setDatasetKeys(v), touch("datasetKeys"))}
          includePii={includePii}
          onIncludePiiChange={setIncludePii}
          errors={errorsFor("datasetKeys")}
          errorId={errorId("datasetKeys")}
        />
      </div>

      {/* prettier-ignore */}
      <ConsumerKindChoice regionErrors={errorsFor("consumerRegion")} regionErrorId={errorId("consumerRegion")}>
      <fieldset
        className="space-y-4 rounded-md border border-border px-4 pb-4 pt-2"
        onFocus={() => setEnteredAccount(true)}
      >
        <legend className="px-1 text-sm font-semibold">Your Snowflake account</legend>
        {accountHelp}
        <div data-field="pastedAccountDetails">
          <PasteAccountDetails
            consumerAccount={consumerAccount}
            consumerRegion={consumerRegion}
            text={pasted}
            onTextChange={(text) => (setPasted(text), touch("pastedAccountDetails"))}
            errors={errorsFor("pastedAccountDetails")}
            errorId={errorId("pastedAccountDetails")}
            onFill={(values) => {
              if (values.consumerAccount) {
                setConsumerAccount(values.consumerAccount);
                touch("consumerAccount");
              }
              if (values.consumerRegion) {
                setConsumerRegion(values.consumerRegion);
                touch("consumerRegion");
              }
            }}
          />
        </div>
        <div data-field="consumerAccount">
          <label htmlFor={ids.account} className="block text-sm font-medium">
            Account identifier
          </label>
          <p id={`${ids.account}-hint`} className="text-sm text-muted">
            <code className="font-mono">ORGNAME.ACCOUNT_NAME</code> (preferred) or your account locator, e.g.{" "}
            <code className="font-mono">XY12345</code>.
          </p>
          <input
            id={ids.account}
            name="consumerAccount"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={consumerAccount}
            onChange={(event) => (setConsumerAccount(event.target.value), touch("consumerAccount"))}
            aria-invalid={fieldMessages("consumerAccount") ? true : undefined}
            aria-describedby={cx(
              `${ids.account}-hint`,
              fieldMessages("consumerAccount") && errorId("consumerAccount"),
              typedAccount?.ok && `${ids.account}-normalised`,
            )}
            className={cx(
              "mt-1 h-10 w-full rounded-md border bg-surface px-3 font-mono text-sm",
              fieldMessages("consumerAccount") ? "border-danger" : "border-border",
            )}
          />
          <FieldError id={errorId("consumerAccount")} messages={fieldMessages("consumerAccount")} />
          {typedAccount?.ok && !fieldMessages("consumerAccount") ? (
            <p id={`${ids.account}-normalised`} className="mt-1 text-sm text-muted">
              Will be shared with <code className="font-mono text-ink">{sharedWith}</code>.
            </p>
          ) : null}
        </div>
        <div data-field="consumerRegion">
          <label id={ids.regionLabel} htmlFor={ids.region} className="block text-sm font-medium">
            Snowflake region
          </label>
          <div className="mt-1">
            <RegionCombobox
              name="consumerRegion"
              inputId={ids.region}
              labelId={ids.regionLabel}
              value={consumerRegion}
              onChange={(v) => (setConsumerRegion(v), touch("consumerRegion"))}
              invalid={Boolean(fieldMessages("consumerRegion"))}
              describedBy={fieldMessages("consumerRegion") ? errorId("consumerRegion") : undefined}
            />
          </div>
          <FieldError id={errorId("consumerRegion")} messages={fieldMessages("consumerRegion")} />
        </div>
      </fieldset>
      </ConsumerKindChoice>

      <RegionNotice notice={notice} />

      <div data-field="endsAt">
        <label htmlFor={`${ids.form}-endsAt`} className="block text-sm font-medium">
          End date <span className="font-normal text-muted">(optional)</span>
        </label>
        <input
          id={`${ids.form}-endsAt`}
          name="endsAt"
          type="date"
          onChange={() => touch("endsAt")}
          aria-invalid={errorsFor("endsAt") ? true : undefined}
          aria-describedby={`${ids.form}-endsAt-hint${errorsFor("endsAt") ? ` ${errorId("endsAt")}` : ""}`}
          className="mt-1 h-10 w-full rounded-md border border-border bg-surface px-3 text-sm sm:w-56"
        />
        <p id={`${ids.form}-endsAt-hint`} className="mt-1 text-xs text-muted">
          Floe removes the share at 00:00 UTC that day; you get reminders before and can ask for a renewal.
        </p>
        <FieldError id={errorId("endsAt")} messages={errorsFor("endsAt")} />
      </div>

      <div data-field="note">
        <label htmlFor={ids.note} className="block text-sm font-medium">
          Note for your account manager <span className="font-normal text-muted">(optional)</span>
        </label>
        <textarea
          id={ids.note}
          name="note"
          rows={3}
          maxLength={REQUEST_NOTE_MAX_LENGTH}
          value={note}
          onChange={(event) => (setNote(event.target.value), touch("note"))}
          aria-invalid={errorsFor("note") ? true : undefined}
          aria-describedby={errorsFor("note") ? errorId("note") : undefined}
          className="mt-1 w-full rounded-md border border-border bg-surface px-3 py-2 text-sm"
        />
        <FieldError id={errorId("note")} messages={errorsFor("note")} />
      </div>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending request…" : "Request share"}
        </Button>
        <p className="text-sm text-muted">Your account manager reviews every request before anything is shared.</p>
      </div>
    </form>
  );
}
