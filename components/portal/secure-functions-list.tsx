import { Badge } from "@/components/ui/badge";
import { CodeBlock } from "@/components/ui/code-block";
import type { SecureFunctionCard } from "@/lib/catalog/secure-function-cards";

/**
 * The secure functions a share of this dataset carries beside its views: each one's signature, what it
 * computes, its arguments and an example call to copy. Consumers call them through the mounted database;
 * Snowflake keeps their bodies hidden from them.
 */
export function SecureFunctionsList({ functions }: { functions: SecureFunctionCard[] }) {
  if (functions.length === 0) return null;
  return (
    <section aria-labelledby="secure-functions-title" className="mb-8 space-y-4" data-testid="secure-functions">
      <div>
        <h2 id="secure-functions-title" className="text-base font-semibold">
          Secure functions
        </h2>
        <p className="mt-1 text-sm text-muted">
          Shares of this dataset include these functions. Call them in your mounted database; they return only your
          workspaces&apos; rows, read no personal data, and their code stays private (Snowflake shows consumers the
          signature, never the body).
        </p>
      </div>
      {functions.map((f) => (
        <article
          key={f.name}
          aria-labelledby={`fn-${f.name}`}
          className="rounded-lg border border-border bg-surface px-5 py-4 shadow-sm"
        >
          <h3 id={`fn-${f.name}`} className="flex flex-wrap items-center gap-2 font-mono text-sm font-semibold">
            {f.name}
            <Badge tone="info">{f.kind === "table" ? "table function" : "scalar function"}</Badge>
          </h3>
          <p className="mt-2 font-mono text-xs break-all" data-testid="function-signature">
            {f.signature}
          </p>
          <p className="mt-2 text-sm">{f.description}</p>
          {/* Collapsed like the tables' columns: the signature and purpose stay in view, the details open on demand. */}
          <details className="mt-3 group">
            <summary className="inline-flex min-h-6 cursor-pointer items-center gap-2 text-sm font-medium text-accent-strong [&::-webkit-details-marker]:hidden hover:underline">
              <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
                ▸
              </span>
              Arguments, result and an example call
              <span className="sr-only"> of {f.name}</span>
            </summary>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs">
              {f.args.map((a) => (
                <div key={a.name} className="contents">
                  <dt className="font-mono">
                    {a.name} {a.type}
                  </dt>
                  <dd className="text-muted">{a.description}</dd>
                </div>
              ))}
              {f.columns.map((c) => (
                <div key={c.name} className="contents">
                  <dt className="font-mono">→ {c.name}</dt>
                  <dd className="text-muted">{c.description}</dd>
                </div>
              ))}
            </dl>
            <div className="mt-3">
              <CodeBlock code={f.example} label={`Example call of ${f.name}`} copyLabel="Copy example" />
            </div>
          </details>
        </article>
      ))}
    </section>
  );
}
