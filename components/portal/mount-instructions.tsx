import { CodeBlock } from "@/components/ui/code-block";
import type { MountInstructions as Mount } from "@/lib/provisioning/mount-instructions";

/** The SQL that mounts an active share in the brand's account, and queries to try it. */
export function MountInstructions({ mount, consumerAccount }: { mount: Mount; consumerAccount: string }) {
  const mountSql = mount.statements.join("\n") + "\n";
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        Run this in Snowflake account <code className="font-mono text-ink">{consumerAccount}</code> as ACCOUNTADMIN (or a role granted CREATE DATABASE and IMPORT SHARE).
        It creates database <code className="font-mono text-ink">{mount.localDatabase}</code> from the share and lets role{" "}
        <code className="font-mono text-ink">{mount.role}</code> read it. Nothing is copied: queries read the live data.
      </p>
      <CodeBlock code={mountSql} label="Mount the share" copyLabel="Copy mount SQL" testId="mount-sql" />
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
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Everything as one script</summary>
        <div className="mt-2">
          <CodeBlock code={mount.sql} label="Full script" copyLabel="Copy script" />
        </div>
      </details>
    </div>
  );
}
