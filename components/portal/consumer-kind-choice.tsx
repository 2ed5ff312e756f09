"use client";

import { useId, useState, type ReactNode } from "react";
import { FieldError } from "@/components/ui/field-error";
import { RegionCombobox } from "./region-combobox";

/**
 * "Our Snowflake account" (the children: identifier, region, paste; proof of control follows) or "We don't have
 * Snowflake": Floe hosts a reader account, so only the region is asked and nothing is proven. The choice is sent as
 * `consumerKind`; the own-account fields are unmounted while the reader option is chosen, so they are not sent.
 */
export function ConsumerKindChoice({
  children,
  regionErrors,
  regionErrorId,
}: {
  children: ReactNode;
  regionErrors?: string[];
  regionErrorId: string;
}) {
  const [kind, setKind] = useState<"OWN_ACCOUNT" | "READER_ACCOUNT">("OWN_ACCOUNT");
  const [region, setRegion] = useState("");
  const ids = { name: useId(), region: useId(), regionLabel: useId(), hint: useId() };
  return (
    <div className="space-y-4">
      <input type="hidden" name="consumerKind" value={kind} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Where should the data go?</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={`${ids.name}-kind`}
            checked={kind === "OWN_ACCOUNT"}
            onChange={() => setKind("OWN_ACCOUNT")}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Our Snowflake account</span>
            <span className="block text-muted">You give its identifier and region and prove you control it.</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={`${ids.name}-kind`}
            checked={kind === "READER_ACCOUNT"}
            onChange={() => setKind("READER_ACCOUNT")}
            className="mt-1"
          />
          <span>
            <span className="font-medium">We don&apos;t have Snowflake — Floe hosts a reader account</span>
            <span className="block text-muted">
              Floe creates a Snowflake reader account for you, shares the data into it and sends you a single-use link
              to its address and admin login. Its compute is paid by your vendor, within a credit cap.
            </span>
          </span>
        </label>
      </fieldset>
      {kind === "OWN_ACCOUNT" ? (
        children
      ) : (
        <div data-field="consumerRegion" className="rounded-md border border-border px-4 py-3">
          <label id={ids.regionLabel} htmlFor={ids.region} className="block text-sm font-medium">
            Region for the reader account
          </label>
          <p id={ids.hint} className="text-sm text-muted">
            Pick the region closest to the people who will query the data.
          </p>
          <div className="mt-1">
            <RegionCombobox
              name="consumerRegion"
              inputId={ids.region}
              labelId={ids.regionLabel}
              value={region}
              onChange={setRegion}
              invalid={Boolean(regionErrors?.length)}
              describedBy={regionErrors?.length ? `${ids.hint} ${regionErrorId}` : ids.hint}
            />
          </div>
          <FieldError id={regionErrorId} messages={regionErrors} />
        </div>
      )}
    </div>
  );
}
