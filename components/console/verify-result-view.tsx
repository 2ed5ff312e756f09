import { Badge } from "@/components/ui/badge";
import type { VerifyReport } from "@/lib/provisioning/verify-share";

/** The share as read back from Snowflake at the last verify, against what the plan promised. */
export function VerifyResultView({ report }: { report: VerifyReport | null }) {
  if (!report)
    return (
      <p className="text-sm text-muted">
        Not verified yet: the provisioning run reads the share back as its last step.
      </p>
    );
  const problems = [
    ...report.missingGrants.map((g) => `Missing grant: ${g}`),
    ...report.extraGrants.map((g) => `Unexpected grant: ${g}`),
    ...report.missingAccounts.map((a) => `Account not added: ${a}`),
    ...report.extraAccounts.map((a) => `Unexpected account: ${a}`),
  ];
  return (
    <div className="text-sm" data-testid="verify-result">
      <p className="flex flex-wrap items-center gap-2">
        {problems.length === 0 ? (
          <Badge tone="success">Matches the plan</Badge>
        ) : (
          <Badge tone="danger">Differs from the plan</Badge>
        )}
        <span className="text-xs text-muted">
          Checked {new Date(report.checkedAt).toUTCString()} on {report.shareName}
        </span>
      </p>
      {problems.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-danger">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <List title="Grants in Snowflake" items={report.actual.grants} />
        <List title="Consumer accounts in Snowflake" items={report.actual.accounts} />
      </div>
    </div>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      {/* h3: the view sits in a card (h2) on the review page and in the shares list. */}
      <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">{title}</h3>
      {items.length === 0 ? (
        <p className="mt-1 text-muted">None</p>
      ) : (
        <ul className="mt-1 space-y-0.5 font-mono text-xs">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
