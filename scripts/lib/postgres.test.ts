// `npm run dev` on a fixed port: a PostgreSQL already there is reused only when it serves this checkout's
// data directory; the data directory's parent stays reachable for PostgreSQL's own user under root.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { assertServesDirectory, ensureTraversable } from "./postgres";
import { StartError } from "./start-error";

const url = inject("databaseUrl");
const port = Number(new URL(url).port || 5432);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "floe-pg-dirs-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function servedDirectory(): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return String((await client.query("SHOW data_directory")).rows[0].data_directory);
  } finally {
    await client.end();
  }
}

describe("a PostgreSQL already on the dev port", () => {
  it("is reused when it serves this checkout's data directory", async () => {
    await expect(assertServesDirectory(url, await servedDirectory(), port)).resolves.toBeUndefined();
  });

  it("is refused, in one sentence naming its directory, when it belongs to another checkout", async () => {
    const error = await assertServesDirectory(url, path.join(scratch, "other-checkout/.data/postgres"), port).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartError);
    expect((error as Error).message).toBe(
      `Port ${port} is served by the embedded PostgreSQL of another checkout (${await servedDirectory()}): stop the \`npm run dev\` running there, or set DATABASE_URL to use a database of your own.`,
    );
  });

  it("is refused when something else answers on the port", async () => {
    const wrong = new URL(url);
    wrong.password = "not-the-password";
    const error = await assertServesDirectory(wrong.toString(), scratch, port).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Port ${port} is taken by something that is not this checkout's PostgreSQL \\(.+\\): stop it, or set DATABASE_URL`,
      ),
    );
  });
});

describe("the data directory's parent", () => {
  it("is created traversable, and one left 0700 is opened up for PostgreSQL's own user when running as root", () => {
    const fresh = path.join(scratch, "fresh/.data");
    ensureTraversable(fresh);
    expect(fs.statSync(fresh).mode & 0o005).toBe(0o005);

    const closed = path.join(scratch, "closed");
    fs.mkdirSync(closed, { mode: 0o700 });
    fs.chmodSync(closed, 0o700);
    ensureTraversable(closed);
    const expected = process.getuid?.() === 0 ? 0o705 : 0o700;
    expect(fs.statSync(closed).mode & 0o777).toBe(expected);
  });
});
