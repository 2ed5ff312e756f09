// POST /session/v1/login-request — password and key-pair (SNOWFLAKE_JWT) logins.
import type { LoginIdentity, SessionContext } from "../engine/types";
import { SnowflakeError } from "../engine/types";
import { normaliseParameter, SESSION_PARAMETERS } from "../engine/session-parameters";
import { verifyLoginJwt } from "./jwt-auth";
import { delay, readJson, type RequestContext } from "./request";
import type { ServerState } from "./state";
import { applyTransportFault } from "./transport-faults";
import { answerParameters, AuthErrors, failure, ok, sendJson } from "./wire";

type LoginData = {
  ACCOUNT_NAME?: unknown;
  LOGIN_NAME?: unknown;
  PASSWORD?: unknown;
  AUTHENTICATOR?: unknown;
  TOKEN?: unknown;
  SESSION_PARAMETERS?: unknown;
};

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Connect-string names (role, database…) become identifiers in a USE statement: quote anything unusual. */
const ident = (name: string) => (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

async function authenticate(state: ServerState, data: LoginData): Promise<LoginIdentity | readonly [string, string]> {
  const account = str(data.ACCOUNT_NAME);
  const user = str(data.LOGIN_NAME);
  const authenticator = str(data.AUTHENTICATOR).toUpperCase();
  if (!account || !user) return AuthErrors.badPassword;
  if (authenticator === "SNOWFLAKE_JWT") {
    const keys = await state.engine.publicKeysFor(account, user);
    if (!keys) return AuthErrors.jwtInvalid;
    const check = verifyLoginJwt(str(data.TOKEN), {
      accounts: [account, keys.identity.accountLocator],
      user,
      publicKeysPem: keys.publicKeysPem,
    });
    if (!check.ok) {
      state.log.warn(`JWT login refused for ${account}/${user}: ${check.reason}`);
      return AuthErrors.jwtInvalid;
    }
    return keys.identity;
  }
  if (authenticator && authenticator !== "SNOWFLAKE") {
    return ["390190", `The authenticator ${authenticator} is not supported by the Floe Snowflake emulator.`] as const;
  }
  const identity = await state.engine.loginWithPassword(account, user, str(data.PASSWORD));
  return identity ?? AuthErrors.badPassword;
}

/** Applies roleName/databaseName/schemaName/warehouse from the login URL, as Snowflake does at login. */
async function applyConnectParams(
  state: ServerState,
  ctx: SessionContext,
  url: URL,
): Promise<readonly [string, string] | null> {
  const run = (sql: string) => state.engine.execute(ctx, sql, undefined);
  const role = url.searchParams.get("roleName");
  if (role) {
    try {
      await run(`USE ROLE ${ident(role)}`);
    } catch (e) {
      if (!(e instanceof SnowflakeError)) throw e;
      return [
        AuthErrors.roleNotAllowed[0],
        `Role '${role.toUpperCase()}' specified in the connect string does not exist or not authorized. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
      ];
    }
  }
  // A missing database/schema/warehouse does not fail a real login; the session just has none.
  for (const [param, kind] of [
    ["warehouse", "WAREHOUSE"],
    ["databaseName", "DATABASE"],
    ["schemaName", "SCHEMA"],
  ] as const) {
    const name = url.searchParams.get(param);
    if (!name) continue;
    try {
      const [result] = await run(`USE ${kind} ${ident(name)}`);
      if (result)
        Object.assign(ctx, {
          database: result.finalDatabase,
          schema: result.finalSchema,
          warehouse: result.finalWarehouse,
        });
    } catch (e) {
      if (!(e instanceof SnowflakeError)) throw e;
    }
  }
  return null;
}

/**
 * SESSION_PARAMETERS of the login body (the driver sends CLIENT_SESSION_KEEP_ALIVE, JS_TREAT_INTEGER_AS_BIGINT…
 * when configured) become the session's values; names Snowflake does not know as session parameters are the
 * driver's own and are ignored, as is a value of the wrong type.
 */
function loginSessionParameters(sent: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) {
    if (!SESSION_PARAMETERS[name] || value === null || value === undefined || typeof value === "object") continue;
    try {
      out[name] = normaliseParameter(name, String(value), typeof value === "number" ? "number" : "string");
    } catch {
      /* ignored, see above */
    }
  }
  return out;
}

export async function handleLogin(state: ServerState, rc: RequestContext): Promise<void> {
  const body = (await readJson(rc.req)) as { data?: LoginData };
  const data = body?.data ?? {};
  const account = str(data.ACCOUNT_NAME);

  // The injected latency was charged by the HTTP front (every request pays it); rules are matched here on the body.
  const rule = state.faults.take({ target: "login", accounts: [account] });
  if (await applyTransportFault(rule, rc)) return;
  if (rule?.kind === "latency") await delay(rule.ms, rc.signal);
  if (rule?.kind === "snowflake_error") return sendJson(rc.res, 200, failure(rule.code, rule.message));

  const identity = await authenticate(state, data);
  if (Array.isArray(identity)) {
    const [code, message] = identity as readonly [string, string];
    return sendJson(rc.res, 200, failure(code, message));
  }
  const who = identity as LoginIdentity;
  const context: SessionContext = {
    accountLocator: who.accountLocator,
    user: who.user,
    role: who.defaultRole,
    database: null,
    schema: null,
    warehouse: null,
  };
  const refused = await applyConnectParams(state, context, rc.url);
  if (refused) return sendJson(rc.res, 200, failure(refused[0], refused[1]));

  const params = data.SESSION_PARAMETERS && typeof data.SESSION_PARAMETERS === "object" ? data.SESSION_PARAMETERS : {};
  const parameters = Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toUpperCase(), v]));
  context.parameters = loginSessionParameters(parameters);
  const session = state.sessions.create(who, context, account, parameters);
  sendJson(
    rc.res,
    200,
    ok({
      token: session.token,
      masterToken: session.masterToken,
      validityInSeconds: state.sessions.validity.sessionTokenSeconds,
      masterValidityInSeconds: state.sessions.validity.masterTokenSeconds,
      sessionId: session.id,
      displayUserName: who.user,
      serverVersion: state.serverVersion,
      firstLogin: false,
      remMeToken: null,
      remMeValidityInSeconds: 0,
      healthCheckInterval: 45,
      newClientForUpgrade: null,
      parameters: answerParameters(context.parameters, state.timezone),
      sessionInfo: {
        databaseName: context.database,
        schemaName: context.schema,
        warehouseName: context.warehouse,
        roleName: context.role,
      },
    }),
  );
}
