// A real HTTP server that receives Floe webhooks in tests, verifies each signature with the same helper a
// customer would use, and keeps what it got. `failFirst` answers 500 to that many posts, to test retries.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { appNow } from "@/lib/time/clock";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
  type SignatureCheck,
} from "../signature";

export type ReceivedWebhook = {
  path: string;
  event: string | undefined;
  deliveryId: string | undefined;
  signatureHeader: string | undefined;
  body: string;
  /** verifyWebhookSignature with the secret given for this path (or no secret: missing_header/mismatch). */
  check: SignatureCheck;
  status: number;
};

export async function startWebhookReceiver(options: { failFirst?: number } = {}) {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  let failuresLeft = options.failFirst ?? 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = request.url ?? "/";
      const header = request.headers[SIGNATURE_HEADER] as string | undefined;
      const check = verifyWebhookSignature({
        secret: secrets.get(path) ?? "",
        header,
        body,
        // The sender signs by the app clock, which tests move; the receiver shares the process and its clock.
        nowSeconds: Math.floor(appNow().getTime() / 1000),
      });
      const status = failuresLeft > 0 ? 500 : check.ok ? 204 : 400;
      if (failuresLeft > 0) failuresLeft--;
      received.push({
        path,
        event: request.headers[EVENT_HEADER] as string | undefined,
        deliveryId: request.headers[DELIVERY_HEADER] as string | undefined,
        signatureHeader: header,
        body,
        check,
        status,
      });
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 500 ? "receiver is down" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    /** A URL on this receiver; posts to it are verified with `secret` once it is known. */
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    expectSecret(path: string, secret: string) {
      secrets.set(path, secret);
    },
    failNext(count: number) {
      failuresLeft = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
