import { BlockList, isIP } from "node:net";

// Where a webhook may point. In production: https only, no credentials in the URL, and never an address on
// a private, loopback, link-local or otherwise non-public network — checked when the endpoint is saved (the
// literal host) and again on every delivery against the addresses DNS returns (deliver-webhooks.ts resolves
// through guardedLookup, so a name that later resolves to 10.0.0.1 or 169.254.169.254 is refused at
// connect time: no DNS-rebinding window). Outside production (dev, tests) http and local addresses are
// allowed, so a receiver on 127.0.0.1 works.

export { WEBHOOK_URL_MAX_LENGTH } from "@/lib/limits";
import { WEBHOOK_URL_MAX_LENGTH } from "@/lib/limits";

export type WebhookUrlPolicy = { allowPrivateNetwork: boolean };

export function webhookUrlPolicy(nodeEnv: string | undefined): WebhookUrlPolicy {
  return { allowPrivateNetwork: nodeEnv !== "production" };
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3], // multicast and reserved, up to 255.255.255.255
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: embeds an IPv4 address
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** True for any address a public webhook must not reach (IPv4-mapped IPv6 is checked as its IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], "ipv4");
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true; // not an address at all: refuse rather than guess
}

/** null when `raw` may be a webhook URL under `policy`, else the sentence to show. */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): string | null {
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) return `The URL can be at most ${WEBHOOK_URL_MAX_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, e.g. https://hooks.example.com/floe.";
  }
  if (url.protocol !== "https:" && !(policy.allowPrivateNetwork && url.protocol === "http:"))
    return "The webhook URL must use https.";
  if (url.username || url.password) return "Put credentials in your receiver's check of the signature, not in the URL.";
  if (url.hash) return "The URL cannot have a #fragment.";
  if (policy.allowPrivateNetwork) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))
    return "The webhook URL must be a public address, not a local or internal name.";
  if (isIP(host) && isNonPublicAddress(host)) return "The webhook URL must be a public address, not a private network.";
  if (!isIP(host) && !host.includes(".")) return "The webhook URL must name a public host (with a domain).";
  return null;
}
