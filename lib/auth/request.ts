// What we know about the caller from request headers, for rate limits and the activation access log.
import { headers } from "next/headers";

/** The client's address: the first X-Forwarded-For hop (set by Next and by proxies in front of it). */
export function clientIpFrom(h: Headers): string | null {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip")?.trim() || null;
}

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: h.get("user-agent") };
}
