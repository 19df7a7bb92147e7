// Fixed windows in Postgres, one conditional upsert per bucket (hits < max), so two racing requests never both
// take the last slot; a refused attempt rolls back, so hammering never extends a lock.
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";

export interface Limit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const LIMITS = {
  checkout: { perIp: { max: 30, windowMs: 10 * MINUTE }, perEmail: { max: 10, windowMs: 10 * MINUTE } },
  signIn: { perIp: { max: 20, windowMs: 15 * MINUTE }, perEmail: { max: 5, windowMs: 15 * MINUTE } },
  lostLink: { perIp: { max: 20, windowMs: 15 * MINUTE }, perEmail: { max: 5, windowMs: 15 * MINUTE } },
  signInConfirm: { perIp: { max: 30, windowMs: 15 * MINUTE } },
  orderStatus: { perIp: { max: 240, windowMs: MINUTE }, perOrder: { max: 90, windowMs: MINUTE } },
} satisfies Record<string, Record<string, Limit>>;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateCheck {
  bucket: string;
  limit: Limit;
}

class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate limited");
  }
}

export async function takeRateLimit(db: Db, checks: RateCheck[], now = new Date()): Promise<RateLimitResult> {
  if (checks.length === 0) return { ok: true };
  try {
    await db.transaction(async (tx) => {
      // A fixed order, so two requests sharing buckets never deadlock.
      for (const { bucket, limit } of [...checks].sort((a, b) => a.bucket.localeCompare(b.bucket))) {
        const start = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
        const [row] = await tx
          .insert(rateLimits)
          .values({ bucket, windowStart: new Date(start), hits: 1 })
          .onConflictDoUpdate({
            target: [rateLimits.bucket, rateLimits.windowStart],
            set: { hits: sql`${rateLimits.hits} + 1` },
            setWhere: sql`${rateLimits.hits} < ${limit.max}`,
          })
          .returning({ hits: rateLimits.hits });
        if (!row) throw new Refused(Math.max(1, Math.ceil((start + limit.windowMs - now.getTime()) / 1000)));
      }
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, retryAfterSeconds: err.retryAfterSeconds };
    throw err;
  }
  return { ok: true };
}

/** Control characters escaped: PostgreSQL text cannot hold a NUL, and hostile input must not fail the request. */
export function bucket(action: string, kind: "ip" | "email" | "order", value: string | null | undefined): string {
  const safe = (value ?? "unknown").toLowerCase().replace(/[\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
  return `${action}:${kind}:${safe}`;
}

export async function purgeRateLimits(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - 2 * 24 * 60 * MINUTE)))
    .returning({ bucket: rateLimits.bucket });
  return rows.length;
}

export function waitPhrase(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
