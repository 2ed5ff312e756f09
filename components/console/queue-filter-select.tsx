"use client";

import { inputClasses } from "@/components/ui/form-field";

/**
 * One labelled <select> of the queue's filter form. A client component only so that its options (the
 * region list: every Snowflake region with its count) travel as a short list of [value, label] pairs in the
 * page's server-component payload instead of as one element description per <option> (issue 15: ≤ 60 kB).
 */
export function QueueFilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string;
  options: [value: string, label: string][];
}) {
  const id = `queue-filter-${name}`;
  return (
    <div className="flex w-full flex-col gap-1 sm:w-auto">
      <label htmlFor={id} className="text-xs font-medium text-muted">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={inputClasses}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}
