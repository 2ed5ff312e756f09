// The race behind a live page stuck on an older status (e2e/live-status.spec.ts "runs panel follows approval to
// Active live"): a poll started while the stream connected, the stream pushed the settled status and ended, then
// the poll's older answer arrived. Real react-query cache, no browser.
import { QueryClient } from "@tanstack/react-query";
import { expect, test } from "vitest";
import { applyStreamStatus } from "./apply-stream-status";

test("a status pushed by the stream is not overwritten by an older poll that lands after it", async () => {
  const client = new QueryClient();
  const queryKey = ["runs", "r1"];
  let answerPoll: (value: { state: string }) => void = () => {};
  const poll = client.fetchQuery({
    queryKey,
    queryFn: () => new Promise<{ state: string }>((resolve) => (answerPoll = resolve)),
  });
  applyStreamStatus(client, queryKey, { state: "ACTIVE" });
  answerPoll({ state: "PROVISIONING" });
  await poll.catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(client.getQueryData(queryKey)).toEqual({ state: "ACTIVE" });
  client.clear();
});

test("a poll that starts after the pushed status is used as usual", async () => {
  const client = new QueryClient();
  const queryKey = ["runs", "r2"];
  applyStreamStatus(client, queryKey, { state: "PROVISIONING" });
  await client.fetchQuery({ queryKey, queryFn: async () => ({ state: "ACTIVE" }), staleTime: 0 });
  expect(client.getQueryData(queryKey)).toEqual({ state: "ACTIVE" });
  client.clear();
});
