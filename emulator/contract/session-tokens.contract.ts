// Invalid and expired tokens as the driver meets them. Snowflake's documentation does not describe the session
// protocol's statuses; what is followed here is the driver's own contract with Snowflake:
// - snowflake-sdk lib/services/sf.js: a non-200 answer is a request failure, except HTTP 401 with body code 390104,
//   which becomes ERR_SF_RESPONSE_INVALID_TOKEN (401004); codes 390112 (renew with the master token), 390111/390104
//   (session lost) and 390114 (master token expired: disconnected) are read from HTTP 200 bodies with success:false.
// - snowflake-connector-nodejs test/integration/testStatement.js "with an invalid token": against a real account a
//   statement sent with an unknown session token fails with ERR_SF_RESPONSE_INVALID_TOKEN.
// - Session and master token lifetimes (1 h / 4 h; 390114 once the master token expired): the driver maintainers'
//   explanation in https://github.com/snowflakedb/gosnowflake/issues/160, and the Node.js driver's keep-alive option
//   https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-options (clientSessionKeepAlive).
import snowflake from "snowflake-sdk";
import { describe, expect } from "vitest";
import { contractTest, refusal, using, type ContractContext } from "./support";

/** A connection that never logged in and carries a session token Snowflake never issued. */
function connectionWithForgedToken(endpoint: { account: string; accessUrl?: string }): snowflake.Connection {
  return snowflake.createConnection({
    ...endpoint,
    sessionToken: "floe-contract-forged-token",
  } as snowflake.ConnectionOptions);
}

const execute = (connection: snowflake.Connection, sqlText: string) =>
  new Promise<unknown[]>((resolve, reject) =>
    connection.execute({ sqlText, complete: (err, _stmt, rows) => (err ? reject(err) : resolve(rows ?? [])) }),
  );

export function sessionTokensContract(ctx: ContractContext): void {
  describe("session tokens", () => {
    contractTest(
      ctx,
      null,
      "a statement sent with an unknown session token fails with ERR_SF_RESPONSE_INVALID_TOKEN (HTTP 401, 390104)",
      async () => {
        const forged = connectionWithForgedToken(ctx.target().provider.endpoint());
        const err = await refusal(execute(forged, "SELECT 1 AS C1"));
        expect(Number(err.code)).toBe(snowflake.ErrorCode.ERR_SF_RESPONSE_INVALID_TOKEN);
      },
    );

    describe.skipIf(ctx.spec.kind !== "emulator")("emulator only: token expiry", () => {
      contractTest(
        ctx,
        null,
        "an expired session token (390112) is renewed with the master token and the statement runs once",
        async () => {
          const emu = ctx.target().emulator!.current();
          await using(ctx.target().provider, async (p) => {
            expect(await p.execute("SELECT 'TOKEN_RENEW_PROBE_1' AS X")).toEqual([{ X: "TOKEN_RENEW_PROBE_1" }]);
            const renewals = emu.sessions.renewals();
            emu.sessions.expireSessionTokens();
            expect(await p.execute("SELECT 'TOKEN_RENEW_PROBE_2' AS X")).toEqual([{ X: "TOKEN_RENEW_PROBE_2" }]);
            expect(emu.sessions.renewals()).toBe(renewals + 1);
            expect(p.connection.isUp()).toBe(true);
          });
          expect(emu.queryLog.list().filter((e) => e.sqlText.includes("TOKEN_RENEW_PROBE_2"))).toHaveLength(1);
        },
      );

      contractTest(
        ctx,
        null,
        "when the master token has expired too (390114) the driver disconnects and the statement fails, unrun",
        async () => {
          const emu = ctx.target().emulator!.current();
          await using(ctx.target().provider, async (p) => {
            emu.sessions.expireSessionTokens();
            emu.sessions.expireMasterTokens();
            await refusal(p.execute("SELECT 'TOKEN_LOST_PROBE' AS X"));
            expect(p.connection.isUp()).toBe(false);
          });
          expect(emu.queryLog.list().filter((e) => e.sqlText.includes("TOKEN_LOST_PROBE"))).toHaveLength(0);
        },
      );
    });
  });
}
