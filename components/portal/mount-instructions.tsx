import { CodeBlock } from "@/components/ui/code-block";
import { mountRouteText, type MountInstructions as Mount } from "@/lib/provisioning/mount-instructions";

/**
 * The SQL that mounts an active share in the brand's account: one block (and copy button) per statement,
 * because a driver — and a worksheet's Run on a selection — runs one statement per call unless told
 * otherwise; the whole script is offered too, marked as several statements.
 */
export function MountInstructions({ mount, consumerAccount }: { mount: Mount; consumerAccount: string }) {
  const count = mount.statements.length + mount.sampleQueries.length;
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        Run these in Snowflake account <code className="font-mono text-ink">{consumerAccount}</code> as ACCOUNTADMIN (or
        a role granted CREATE DATABASE and IMPORT SHARE), one at a time. They create database{" "}
        <code className="font-mono text-ink">{mount.localDatabase}</code> from the share and let role{" "}
        <code className="font-mono text-ink">{mount.role}</code> read it.
      </p>
      <p className="text-sm" data-testid="mount-route">
        {mountRouteText(mount.route)}
      </p>
      <ol className="space-y-3">
        {mount.statements.map((statement, index) => (
          <li key={statement} data-testid="mount-statement">
            <CodeBlock
              code={statement}
              label={`Statement ${index + 1} of ${mount.statements.length}`}
              copyLabel={`Copy statement ${index + 1}`}
              testId="mount-sql"
            />
          </li>
        ))}
      </ol>
      {/* Where Marketplace users already look. Wording from https://docs.snowflake.com/en/user-guide/data-share-consumers (Viewing available shares). */}
      <p className="text-sm text-muted">
        Prefer Snowsight? Open <span className="font-medium text-ink">Data sharing » Private sharing</span> (older
        versions: Data Products or Data » Private Sharing), choose{" "}
        <span className="font-medium text-ink">Shared With You</span>, select the share{" "}
        <code className="font-mono text-ink">{mount.shareRef}</code> among the direct shares ready to get, and choose{" "}
        <span className="font-medium text-ink">Get</span>. Name the database{" "}
        <code className="font-mono text-ink">{mount.localDatabase}</code> to match the queries below.
      </p>
      <div>
        <h3 className="text-sm font-semibold">Try it</h3>
        <ul className="mt-2 space-y-3">
          {mount.sampleQueries.map((query, index) => (
            <li key={query}>
              <CodeBlock code={query} label={`Sample query ${index + 1}`} copyLabel="Copy query" />
            </li>
          ))}
        </ul>
      </div>
      <div data-testid="mount-purge">
        <h3 className="text-sm font-semibold">Purge erased subjects from your copies</h3>
        <p className="mt-1 text-sm text-muted">
          The share&apos;s <code className="font-mono text-ink">SHARED.ERASURES</code> view lists the subjects erased
          (GDPR) from its workspaces, by <code className="font-mono text-ink">APP_GROUP_ID</code> and{" "}
          <code className="font-mono text-ink">USER_ID</code> with the time. The shared views already hide their
          personal data; run this on every table you copied the data into, in its schema (replace{" "}
          <code className="font-mono text-ink">MY_COPY</code> with the table&apos;s name). The first time, keep
          1970-01-01 to purge everyone erased so far; afterwards put the time of your last purge (UTC). The query
          reaches back a few minutes before it, so a subject erased while you purged is not missed; deleting a row twice
          is harmless.
        </p>
        <div className="mt-2">
          <CodeBlock
            code={mount.purgeQuery}
            label="Purge query"
            copyLabel="Copy purge query"
            testId="mount-purge-sql"
          />
        </div>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Everything as one script</summary>
        <p className="mt-2 text-muted">
          {count} statements in one text. In a worksheet, use Run All. From a driver or connector, send it with the
          statement parameter <code className="font-mono text-ink">MULTI_STATEMENT_COUNT=0</code> (or {count}): with the
          default of 1, Snowflake refuses it (error 000008, &ldquo;Actual statement count {count} did not match the
          desired statement count 1&rdquo;).
        </p>
        <div className="mt-2">
          <CodeBlock
            code={mount.sql}
            label="Full script (multi-statement)"
            copyLabel="Copy script"
            testId="mount-script"
          />
        </div>
      </details>
    </div>
  );
}
