// The grant-functions step: USAGE on the secure functions of the share's datasets (lib/catalog/secure-functions.ts,
// created by lake migration 6). Its own step, after the views' SELECT, so a share of datasets without functions
// has none. Pure. Docs: GRANT <privilege> … TO SHARE (USAGE ON FUNCTION <name>(<arg types>)):
// https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-share; only secure functions can be shared
// (https://docs.snowflake.com/en/developer-guide/secure-udf-procedure).
import { argumentTypes, secureFunctionNamed, secureFunctionsOf } from "@/lib/catalog/secure-functions";
import { lakeSchemas } from "@/lib/snowflake/object-names";
import { qualified, quoteIdent, sql, sqlDataType, sqlJoin } from "@/lib/snowflake/sql-identifiers";
import type { ChosenDataset } from "./plan-route";
import type { GrantRef, PlanStep, ProviderAccount } from "./plan-types";

/** USAGE on each function of the chosen datasets, named DB.SHARED.NAME (the signature is in the statement). */
export function functionGrantsFor(database: string, datasets: ChosenDataset[]): GrantRef[] {
  const names = new Set(datasets.flatMap((d) => secureFunctionsOf(d.key).map((f) => f.name)));
  return [...names]
    .sort()
    .map((n) => ({ privilege: "USAGE", grantedOn: "FUNCTION", name: `${database}.${lakeSchemas.shared}.${n}` }));
}

/** `GRANT USAGE ON FUNCTION DB.SHARED.F(NUMBER, NUMBER) TO SHARE S` for one function grant. */
function grantStatement(g: GrantRef, shareName: string) {
  const [database, schema, name] = g.name.split(".");
  const f = secureFunctionNamed(name);
  if (!f) throw new Error(`grant-functions: ${name} is not a catalog secure function`);
  const types = sqlJoin(f.args.map((a) => sql`${sqlDataType(a.type)}`));
  return sql`GRANT USAGE ON FUNCTION ${qualified(database, schema, f.name)}(${types}) TO SHARE ${quoteIdent(shareName)}`;
}

/** The step (none when the grants hold no function), so plan builders can spread it in. */
export function grantFunctionsSteps(account: ProviderAccount, shareName: string, grants: GrantRef[]): PlanStep[] {
  const functionGrants = grants.filter((g) => g.grantedOn === "FUNCTION");
  if (functionGrants.length === 0) return [];
  const statements = functionGrants.map((g) => grantStatement(g, shareName));
  return [
    {
      key: "grant-functions",
      title: `Grant USAGE on ${functionGrants.length} secure function${functionGrants.length === 1 ? "" : "s"}`,
      accountId: account.id,
      statements: statements.map((s) => s.toStatement()),
      batch: statements.length > 1,
      check: {
        description: "SHOW GRANTS TO SHARE lists USAGE on every secure function of the datasets",
        statement: sql`SHOW GRANTS TO SHARE ${quoteIdent(shareName)}`.toStatement(),
        expect: { kind: "grants-include", grants: functionGrants },
      },
    },
  ];
}

/** For describing a function grant to people: `EMAIL_CLICK_RATE(VARCHAR, NUMBER, NUMBER)`. */
export function functionGrantLabel(g: GrantRef): string {
  const name = g.name.split(".").pop() ?? g.name;
  const f = secureFunctionNamed(name);
  return f ? `${f.name}(${argumentTypes(f)})` : name;
}
