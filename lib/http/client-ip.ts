// The client's address, for rate limits and the access log. Only what our own infrastructure wrote counts:
// every proxy appends the address it received the request from to X-Forwarded-For, so the trustworthy
// entries are the rightmost ones and anything to their left is whatever the client chose to send.
//
// `next start` exposes no socket to route handlers, and fills X-Forwarded-For with the peer only when the
// client sent none (`??=` in Next's base server) — a client could then name any address. So the Node server
// appends the TCP peer to X-Forwarded-For itself, like a proxy would (installPeerAddressHook, called from
// instrumentation.ts), and the last entry is always the peer. TRUSTED_PROXY_HOPS counts the proxies in
// front of us, each of which appended one entry: the client is that many entries left of the peer.
import { isIP } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";

function normalise(address: string): string | null {
  let a = address.trim();
  // "[::1]:1234", "1.2.3.4:5678" from some proxies; IPv4-mapped IPv6 from Node's dual-stack sockets.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

/** The client address from request headers, or null when our own chain does not say. */
export function clientIpFrom(h: Headers, trustedHops = env().http.trustedProxyHops): string | null {
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  // Fewer entries than trusted hops: the request skipped a proxy we were told about; the leftmost is the best
  // guess, and the deployment note says to let only the proxy reach the app.
  const entry = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
  return normalise(entry);
}

/** For server components and actions, which have no Request object. */
export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: h.get("user-agent")?.slice(0, 400) ?? null };
}
