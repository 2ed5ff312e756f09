// The live pages' cache (components/live/live-store.ts), no browser. The first test is the race behind a live
// page stuck on an older status (e2e/live-status.spec.ts "runs panel follows approval to Active live"): a poll
// started while the stream connected, the stream pushed the settled status and ended, then the poll's older
// answer arrived.
import { expect, test } from "vitest";
import { fetchWithRetry, LiveStore } from "./live-store";

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test("a status pushed by the stream is not overwritten by an older poll that lands after it", async () => {
  const store = new LiveStore();
  const key = ["runs", "r1"];
  const answer = deferred<{ state: string }>();
  let aborted = false;
  const poll = store.fetch(key, (signal) => {
    signal.addEventListener("abort", () => (aborted = true));
    return answer.promise;
  });
  store.set(key, { state: "ACTIVE" });
  answer.resolve({ state: "PROVISIONING" });
  expect(await poll).toBe("superseded");
  expect(aborted).toBe(true);
  expect(store.get(key).data).toEqual({ state: "ACTIVE" });
});

test("a poll that starts after the pushed status is used as usual", async () => {
  const store = new LiveStore();
  const key = ["runs", "r2"];
  store.set(key, { state: "PROVISIONING" });
  expect(await store.fetch(key, async () => ({ state: "ACTIVE" }))).toBe("stored");
  expect(store.get(key).data).toEqual({ state: "ACTIVE" });
});

test("of two fetches, an older answer arriving last is dropped", async () => {
  const store = new LiveStore();
  const key = ["status", "r3"];
  const slow = deferred<string>();
  const first = store.fetch(key, () => slow.promise);
  const second = store.fetch(key, async () => "newer");
  slow.resolve("older");
  expect(await Promise.all([first, second])).toEqual(["superseded", "stored"]);
  expect(store.get(key).data).toBe("newer");
});

test("seed keeps data already there; subscribers hear every change", async () => {
  const store = new LiveStore();
  const key = ["status", "r4"];
  store.seed(key, "server render");
  store.seed(key, "a later render");
  expect(store.get(key).data).toBe("server render");
  let heard = 0;
  const unsubscribe = store.subscribe(key, () => (heard += 1));
  store.set(key, "pushed");
  await store.fetch(key, async () => "fetched");
  unsubscribe();
  store.set(key, "unheard");
  expect(heard).toBe(2);
});

test("invalidate refetches the followed entries under a key prefix, and only those", async () => {
  const store = new LiveStore();
  const refetched: string[] = [];
  const follow = (key: string[]) => store.follow(key, async () => void refetched.push(key.join("/")));
  follow(["portal", "org", "acme", "requests", "r1", "status"]);
  follow(["portal", "org", "acme", "requests", "r2", "status"]);
  const unfollow = follow(["portal", "org", "acme", "requests", "r1", "other"]);
  unfollow();
  await store.invalidate(["portal", "org", "acme", "requests", "r1"]);
  expect(refetched).toEqual(["portal/org/acme/requests/r1/status"]);
});

test("fetchWithRetry retries while allowed, then records the error and keeps the data", async () => {
  const store = new LiveStore();
  const key = ["status", "r5"];
  store.seed(key, "last known");
  const waits: number[] = [];
  let calls = 0;
  await fetchWithRetry(
    store,
    key,
    async () => {
      calls += 1;
      throw new Error(`blip ${calls}`);
    },
    (failures) => failures < 3,
    () => false,
    async (ms) => void waits.push(ms),
  );
  expect(calls).toBe(4);
  expect(waits).toEqual([1000, 2000, 4000]);
  expect(store.get(key)).toEqual({ data: "last known", error: new Error("blip 4") });
  await fetchWithRetry(
    store,
    key,
    async () => "back",
    () => false,
    () => false,
  );
  expect(store.get(key)).toEqual({ data: "back", error: null });
});

test("a 404-style refusal is not retried", async () => {
  const store = new LiveStore();
  const key = ["status", "r6"];
  let calls = 0;
  await fetchWithRetry(
    store,
    key,
    async () => {
      calls += 1;
      throw new Error("gone");
    },
    (_failures, error) => error.message !== "gone",
    () => false,
  );
  expect(calls).toBe(1);
  expect(store.get(key).error?.message).toBe("gone");
});
