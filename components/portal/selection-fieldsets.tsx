import { Badge } from "@/components/ui/badge";
import { FieldError } from "@/components/ui/field-error";
import { RegionLabel } from "@/components/ui/region-label";
import type { RequestFormOptions } from "@/lib/portal/request-form-options";

const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
const fieldsetClass = "rounded-md border border-border px-4 pb-4 pt-2";
const legendClass = "px-1 text-sm font-semibold";

export function WorkspaceFieldset({
  workspaces,
  value,
  onChange,
  errors,
  errorId,
}: {
  workspaces: RequestFormOptions["workspaces"];
  value: string[];
  onChange: (ids: string[]) => void;
  errors?: string[];
  errorId: string;
}) {
  return (
    <fieldset
      className={fieldsetClass}
      aria-describedby={errors?.length ? errorId : undefined}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend className={legendClass}>Workspaces</legend>
      <p className="mb-2 text-sm text-muted">
        Whose events to share. Each workspace&apos;s data lives in one region; one share carries one region.
      </p>
      <ul className="space-y-2">
        {workspaces.map((workspace) => (
          <li key={workspace.id}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="workspaceIds"
                value={workspace.id}
                checked={value.includes(workspace.id)}
                onChange={(event) => onChange(toggle(value, workspace.id, event.target.checked))}
                className="mt-1 size-4 accent-accent"
              />
              <span>
                <span className="font-medium">{workspace.name}</span>
                <span className="block text-muted">
                  Data in <RegionLabel id={workspace.region} />
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <FieldError id={errorId} messages={errors} />
    </fieldset>
  );
}

export function DatasetFieldset({
  datasets,
  value,
  onChange,
  includePii,
  onIncludePiiChange,
  errors,
  errorId,
}: {
  datasets: RequestFormOptions["datasets"];
  value: string[];
  onChange: (keys: string[]) => void;
  includePii: boolean;
  onIncludePiiChange: (on: boolean) => void;
  errors?: string[];
  errorId: string;
}) {
  const anyPii = datasets.some((d) => value.includes(d.key) && d.hasPiiVariants);
  return (
    <fieldset
      className={fieldsetClass}
      aria-describedby={errors?.length ? errorId : undefined}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend className={legendClass}>Datasets</legend>
      <ul className="space-y-2">
        {datasets.map((dataset) => (
          <li key={dataset.key}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="datasetKeys"
                value={dataset.key}
                checked={value.includes(dataset.key)}
                onChange={(event) => onChange(toggle(value, dataset.key, event.target.checked))}
                className="mt-1 size-4 accent-accent"
              />
              <span>
                <span className="font-medium">{dataset.title}</span>{" "}
                <Badge>
                  {dataset.tableCount} {dataset.tableCount === 1 ? "table" : "tables"}
                </Badge>
                {dataset.description ? <span className="block text-muted">{dataset.description}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <FieldError id={errorId} messages={errors} />
      <label className="mt-3 flex items-start gap-2 border-t border-border pt-3 text-sm">
        <input
          type="checkbox"
          name="includePii"
          checked={includePii}
          onChange={(event) => onIncludePiiChange(event.target.checked)}
          className="mt-1 size-4 accent-accent"
        />
        <span>
          <span className="font-medium">Include personal data columns</span>
          <span className="block text-muted">
            Adds the <code className="font-mono">_ALL</code> views with columns such as external user ids and email
            addresses.
            {anyPii ? " Your account manager checks your contract before approving." : ""}
          </span>
        </span>
      </label>
    </fieldset>
  );
}
