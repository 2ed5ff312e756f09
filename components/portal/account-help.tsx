import { CodeBlock } from "@/components/ui/code-block";

export const accountQuery =
  "SELECT CURRENT_ACCOUNT(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME(), CURRENT_ACCOUNT_NAME();";

/** How to read the account identifier and region in Snowflake: the most common failure is a wrong account id. */
export function AccountHelp({ id }: { id: string }) {
  return (
    <details id={id} className="rounded-md border border-border bg-canvas px-4 py-3 text-sm">
      <summary className="cursor-pointer font-medium">Where do I find my account identifier and region?</summary>
      <div className="mt-3 space-y-3 text-muted">
        <p>In your own Snowflake account (Snowsight worksheet or SnowSQL), run:</p>
        <CodeBlock code={accountQuery} label="Query to run in your Snowflake account" />
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong className="text-ink">CURRENT_ORGANIZATION_NAME()</strong> and{" "}
            <strong className="text-ink">CURRENT_ACCOUNT_NAME()</strong> together make the preferred identifier:{" "}
            <code className="font-mono">ORGNAME.ACCOUNT_NAME</code>.
          </li>
          <li>
            <strong className="text-ink">CURRENT_ACCOUNT()</strong> is the account locator (such as{" "}
            <code className="font-mono">XY12345</code>), which also works.
          </li>
          <li>
            <strong className="text-ink">CURRENT_REGION()</strong> is the region, such as{" "}
            <code className="font-mono">AWS_US_EAST_1</code>.
          </li>
        </ul>
        <p>
          Copy the result row and paste it in the box below: we fill in the fields and check them against what you
          typed.
        </p>
      </div>
    </details>
  );
}
