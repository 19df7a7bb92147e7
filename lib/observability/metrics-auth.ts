import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export function metricsAuthorised(authorization: string | null): boolean {
  const token = env().observability.metricsToken;
  if (!token || !authorization) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
