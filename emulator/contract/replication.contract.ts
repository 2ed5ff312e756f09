// The cross-region path: replicate the provider database to the vendor's own account in the consumer's
// region (replication group + REFRESH), share it from there, the consumer in that region mounts it.
import { describe, expect, it } from "vitest";
import {
  createScopedDatabase,
  entitle,
  identity,
  provisionShare,
  refusal,
  rowsOf,
  runAll,
  using,
  type ContractContext,
} from "./support";

export function replicationContract(ctx: ContractContext): void {
  describe.skipIf(!ctx.spec.hasReplication)(
    "replication to the other region (needs the vendor's account there)",
    () => {
      it("replication group → REFRESH → share from the replica → the other region's consumer sees its rows after the next REFRESH", async () => {
        const t = ctx.target();
        const { provider: replicaConnector, consumer: farConnector } = t.replication!;
        const db = `${t.prefix}_REPL`;
        const group = `${t.prefix}_RG`;
        const share = `${t.prefix}_REPL_SHARE`;
        const mount = `${t.prefix}_MNT_REPL`;

        await using(t.provider, async (src) => {
          await using(replicaConnector, async (replica) => {
            await using(farConnector, async (far) => {
              const source = await identity(src);
              const target = await identity(replica);
              const consumer = await identity(far);
              expect(target.region).not.toBe(source.region);
              expect(consumer.region).toBe(target.region);

              await createScopedDatabase(src, db);
              // A direct share from the source cannot reach that consumer…
              await provisionShare(src, `${share}_DIRECT`, db);
              expect(
                (await refusal(src.execute(`ALTER SHARE ${share}_DIRECT ADD ACCOUNTS = ${consumer.identifier}`))).code,
              ).toMatch(/^\d{6}$/);

              // …so the database is replicated to the vendor's account in the consumer's region.
              await src.execute(
                `CREATE REPLICATION GROUP ${group} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${db} ` +
                  `ALLOWED_ACCOUNTS = ${target.identifier} REPLICATION_SCHEDULE = '10 MINUTE'`,
              );
              expect(
                await src.execute(
                  `CREATE REPLICATION GROUP IF NOT EXISTS ${group} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${db} ALLOWED_ACCOUNTS = ${target.identifier}`,
                ),
              ).toHaveLength(1);
              expect(
                (
                  await refusal(
                    far.execute(`CREATE REPLICATION GROUP ${group} AS REPLICA OF ${source.identifier}.${group}`),
                  )
                ).code,
              ).toBe("002003");
              await runAll(replica, [
                `CREATE REPLICATION GROUP ${group} AS REPLICA OF ${source.identifier}.${group}`,
                `ALTER REPLICATION GROUP ${group} REFRESH`,
              ]);

              const groups = await replica.execute<Record<string, string>>(`SHOW REPLICATION GROUPS LIKE '${group}'`);
              expect(groups.find((g) => g.name === group && g.account_locator === target.locator)).toMatchObject({
                is_primary: "false",
                primary: `${source.identifier}.${group}`,
              });
              const copies = await replica.execute<{ name: string }>(`SHOW DATABASES LIKE '${db}'`);
              expect(copies.map((d) => d.name)).toEqual([db]);
              expect(await replica.execute(`SELECT COUNT(*) AS N FROM ${db}.PRIVATE.EVENTS`)).toEqual([
                { N: rowsOf("alpha").length + rowsOf("beta").length + rowsOf("gamma").length },
              ]);
              // The replica is read-only: entitlements are written in the source.
              expect(
                (await refusal(replica.execute(`INSERT INTO ${db}.PRIVATE.ENTITLEMENTS VALUES ('X', 'gamma')`))).code,
              ).toMatch(/^\d{6}$/);

              await provisionShare(replica, share, db, [consumer.identifier]);
              await entitle(src, db, consumer.locator, "gamma");
              await far.execute(`CREATE DATABASE ${mount} FROM SHARE ${target.identifier}.${share}`);
              const q = `SELECT TENANT, ID, AMOUNT FROM ${mount}.SHARED.EVENTS_V ORDER BY ID`;
              // The entitlement was written after the last refresh: not there yet (the cross-region lag).
              expect(await far.execute(q)).toEqual([]);
              await replica.execute(`ALTER REPLICATION GROUP ${group} REFRESH`);
              expect(await far.execute(q)).toEqual(rowsOf("gamma"));
            });
          });
        });
      });
    },
  );
}
