// Row access policies at query time: a table or view with an attached policy is read as
// `(SELECT * FROM <relation> AS _floe_rapN WHERE <policy body>)`, the body's arguments bound to the attached
// columns of each row. The body is rewritten by the caller in the policy's naming context (owner's rights:
// its tables resolve in the account that owns the protected object), with INVOKER_SHARE() = the share that
// reached the protected object directly (docs.snowflake.com/en/sql-reference/functions/invoker_share).
import type { AccountState, PolicyAttachment, RowAccessPolicyMeta } from "./catalog";
import { errors } from "./errors";
import { identValue, qualified } from "./identifiers";
import { significant, tokenize, type Token } from "./tokenizer";

export function policyOf(owner: AccountState, attachment: PolicyAttachment): RowAccessPolicyMeta {
  const [db, schema, name] = attachment.policy;
  const policy = owner.databases[db]?.schemas[schema]?.rowAccessPolicies?.[name];
  // Snowflake refuses to drop an attached policy, so this only happens when the policy's database is not
  // where the object is (e.g. not replicated with it).
  if (!policy) throw errors.doesNotExist("Row access policy", qualified(db, schema, name));
  return policy;
}

/**
 * The policy body's tokens with every reference to an argument replaced by `"<alias>"."<column>"`. An
 * argument reference is an unqualified name equal to the argument's (not after a `.`, not before `.` or `(`),
 * also inside sub-queries of the body: the emulator lets arguments shadow columns of the body's own tables
 * (Snowflake's documentation is silent on that case; see emulator/README.md).
 */
export function boundPolicyBody(policy: RowAccessPolicyMeta, columns: string[], alias: string): Token[] {
  const byArg = new Map(policy.args.map((a, k) => [a.name, columns[k]]));
  const tokens = significant(tokenize(policy.body));
  const out: Token[] = [];
  tokens.forEach((t, k) => {
    const isName = t.kind === "ident" || t.kind === "qident";
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const qualifiedPart = prev?.kind === "op" && prev.value === ".";
    const qualifier = next?.kind === "op" && (next.value === "." || next.value === "(");
    const column = isName && !qualifiedPart && !qualifier ? byArg.get(identValue(t)) : undefined;
    if (column === undefined) {
      out.push(t);
      return;
    }
    out.push(
      { ...t, kind: "qident", value: alias },
      { ...t, kind: "op", value: "." },
      { ...t, kind: "qident", value: column },
    );
  });
  return out;
}
