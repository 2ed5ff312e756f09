// SIMULATED_DATA_SHARING_CONSUMER: "To enable validating secure views that will be shared with other accounts,
// Snowflake provides a session parameter … Set this session parameter to the name of the consumer account you
// wish to simulate access for. You can then query the view and see the results that a user in the consumer
// account will see." (docs.snowflake.com/user-guide/data-sharing-secure-views, "Validate the tables and secure
// view"). The docs name secure views only, so only a secure view of the session's own account, read directly
// (not through a mounted share), is evaluated as the consumer: tables, non-secure views and secure UDFs called
// at top level are not (see emulator/README.md, "Simulated data sharing consumer", for what the docs leave open).
import { findAccount, type Account, type AccountState, type Share } from "./catalog";
import type { ExecCtx } from "./context";
import { lookupAccount } from "./accounts-lookup";
import { shareAllows } from "./privileges";
import type { Relation } from "./resolve";

type ViewRelation = Extract<Relation, { kind: "view" }>;

export const SIMULATED_CONSUMER_PARAMETER = "SIMULATED_DATA_SHARING_CONSUMER";

/** How a secure view is evaluated under the parameter: the consumer's context values, the share that reaches it. */
export type SimulatedRead = { ctx: ExecCtx; share: Share | null };

/**
 * The context to expand `view` in when the session simulates a consumer, or null (no simulation: the parameter is
 * unset, the view is not secure, it is read through a share, it belongs to another account, or the session is
 * already inside a simulated view — a view read by a view is reached by that view, not by a share).
 */
export function simulatedRead(ctx: ExecCtx, rel: ViewRelation): SimulatedRead | null {
  const raw = ctx.session.parameters?.[SIMULATED_CONSUMER_PARAMETER];
  if (!raw || !rel.view.secure || rel.where.share || ctx.simulatedAccount) return null;
  if (rel.where.owner.account.locator !== ctx.me.account.locator) return null;
  const consumer = consumerAccount(ctx, raw);
  const account: Account = consumer?.account ?? { ...ctx.me.account, locator: raw.toUpperCase() };
  const share = consumer ? reachingShare(ctx.me, consumer, rel) : null;
  return { ctx: { ...ctx, simulatedAccount: account }, share };
}

/** The consumer named by the parameter: a locator, ORG.ACCOUNT / ORG-ACCOUNT, or an account name of the provider's organisation. */
function consumerAccount(ctx: ExecCtx, raw: string): AccountState | undefined {
  return lookupAccount(ctx.catalog, raw) ?? findAccount(ctx.catalog, ctx.me.account.organization, raw.trim());
}

/**
 * INVOKER_SHARE() inside the simulated view: the one share of the provider that lists the consumer and grants the
 * view (directly or through a database role); none or several → NULL (the docs are silent; emulator's choice).
 */
function reachingShare(provider: AccountState, consumer: AccountState, rel: ViewRelation): Share | null {
  const db = rel.where.db.name;
  const parts = [db, rel.schema.name, rel.view.name];
  const reaching = Object.values(provider.shares).filter(
    (share) =>
      share.accounts.some((a) => a.locator === consumer.account.locator) &&
      share.grants.some((g) => g.grantedOn === "DATABASE" && g.privilege === "USAGE" && g.parts[0] === db) &&
      shareAllows(provider, share)("VIEW", parts, rel.view.owner),
  );
  return reaching.length === 1 ? reaching[0] : null;
}
