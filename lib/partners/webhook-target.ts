// https to public addresses only, else our webhooks forge requests into our own network; checked on save and
// again by each delivery's own DNS lookup, against rebinding.
import dns, { type LookupAddress, type LookupAllOptions } from "node:dns";
import net from "node:net";
import { env } from "@/lib/env";

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT, often internal
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3], // multicast, reserved, broadcast
] as const)
  blocked.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: an IPv4 address in disguise
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(prefix, bits, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIP(ip);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return blocked.check(ip, family === 4 ? "ipv4" : "ipv6");
}

export const allowPrivateTargets = () => env().partnerWebhooks.allowPrivate;

export function staticTargetProblem(url: string, allowPrivate = allowPrivateTargets()): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "That is not a URL.";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "Use an https URL.";
  if (parsed.username || parsed.password) return "Put no credentials in the URL; verify our signature instead.";
  if (allowPrivate) return null;
  if (parsed.protocol !== "https:") return "Use an https URL: webhooks carry signed order data.";
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && isPrivateAddress(host)) return `${host} is a private address; use a public host.`;
  if (host === "localhost" || host.endsWith(".localhost")) return "localhost is not reachable from our servers.";
  return null;
}

/** One message for every name, never with an address: else a partner could map our DNS. */
const notPublicProblem = (host: string) => `${host} must resolve to a public address; use a public host.`;

async function resolveAll(hostname: string): Promise<LookupAddress[] | null> {
  return new Promise((resolve) =>
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => resolve(err ? null : addresses)),
  );
}

export async function webhookTargetProblem(url: string, allowPrivate = allowPrivateTargets()): Promise<string | null> {
  const problem = staticTargetProblem(url, allowPrivate);
  if (problem || allowPrivate) return problem;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) return null;
  const addresses = await resolveAll(host);
  if (!addresses || addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address)))
    return notPublicProblem(host);
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The socket connects to the addresses checked here, so the name cannot resolve elsewhere for the request. */
export function publicOnlyLookup(hostname: string, options: LookupAllOptions | object, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err || addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      const refused: NodeJS.ErrnoException = new Error(`refused: ${notPublicProblem(hostname)}`);
      refused.code = "EPRIVATETARGET";
      return callback(refused, "");
    }
    if ((options as LookupAllOptions).all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** Node's socket messages carry the address they reached: anything not ours is logged by its code only. */
export function deliveryErrorText(err: unknown): string {
  if (!(err instanceof Error)) return "the request failed";
  if (err.name === "AbortError" || err.name === "TimeoutError") return "no answer in time";
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EPRIVATETARGET" || (!code && err.message.startsWith("refused: "))) return err.message;
  return code && /^[A-Z0-9_]+$/.test(code) ? `the request failed (${code})` : "the request failed";
}
