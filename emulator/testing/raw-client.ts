// Bare HTTP calls to the emulator for protocol tests that need to see the wire (exact codes, tokens,
// gzip handling) rather than what snowflake-sdk makes of it.
import { request } from "node:http";
import { gzipSync } from "node:zlib";

// Tests poke at arbitrary wire JSON; a precise type per endpoint would only restate the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawResponse = { status: number; body: any; text: string };

export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    gzip?: boolean;
    contentEncodingHeader?: boolean;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  const json = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const payload = json && options.gzip ? gzipSync(json) : json;
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/snowflake" };
  if (options.token) headers.Authorization = `Snowflake Token="${options.token}"`;
  if (options.contentEncodingHeader) headers["Content-Encoding"] = "gzip";
  Object.assign(headers, options.headers);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        resolve({ status: res.statusCode ?? 0, body, text });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

export async function rawLogin(baseUrl: string, account: string, user: string, password: string) {
  const res = await rawRequest(baseUrl, "POST", "/session/v1/login-request?requestId=1", {
    body: { data: { ACCOUNT_NAME: account, LOGIN_NAME: user, PASSWORD: password, CLIENT_APP_ID: "JavaScript" } },
  });
  if (!res.body?.success) throw new Error(`login failed: ${res.text}`);
  return res.body.data as {
    token: string;
    masterToken: string;
    validityInSeconds: number;
    masterValidityInSeconds: number;
    sessionId: number;
  };
}
