// Only entries our own infrastructure appended count: the rightmost of X-Forwarded-For. `next start` lets a
// client name any address, so the server appends the TCP peer itself (installPeerAddressHook); the client is
// TRUSTED_PROXY_HOPS entries left of it.
import { isIP } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";

function normalise(address: string): string | null {
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

export function clientIpFrom(h: Headers, trustedHops = env().http.trustedProxyHops): string | null {
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  // Fewer entries than trusted hops: a request that skipped a proxy; the leftmost is the best guess.
  const entry = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
  return normalise(entry);
}

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: h.get("user-agent")?.slice(0, 400) ?? null };
}
