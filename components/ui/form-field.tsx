import type { ReactNode } from "react";

/**
 * A label, its control, a hint and the field's error, wired for screen readers: the control gets
 * aria-describedby / aria-invalid from `describedBy(id)` and `invalid`.
 */
export function FormField({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-danger">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** aria-describedby for a control inside FormField. */
export function describedBy(id: string, options: { hint?: boolean; errors?: string[] }): string | undefined {
  const ids = [options.hint ? `${id}-hint` : null, options.errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export const inputClasses =
  "h-10 rounded-md border border-border bg-surface px-3 text-sm text-ink aria-[invalid=true]:border-danger disabled:opacity-60";
export const textareaClasses =
  "min-h-24 rounded-md border border-border bg-surface px-3 py-2 text-sm text-ink aria-[invalid=true]:border-danger";
