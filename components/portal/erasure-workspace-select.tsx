import { FormField, inputClasses } from "@/components/ui/form-field";

/** The workspace an erasure covers (empty: every workspace of the brand); shared by the form and the CSV upload. */
export function ErasureWorkspaceSelect({
  id,
  workspaces,
  value,
  onChange,
  disabled,
}: {
  id: string;
  workspaces: { id: string; name: string }[];
  value: string;
  onChange: (workspaceId: string) => void;
  disabled?: boolean;
}) {
  return (
    <FormField id={id} label="Workspace">
      <select
        id={id}
        name="workspaceId"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClasses} w-full sm:w-80`}
      >
        <option value="">Every workspace</option>
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </FormField>
  );
}
