// Abuse limits in Postgres, so they hold across instances. Fixed windows: one row per (bucket, window) whose
// counter is raised by a single conditional upsert — `... DO UPDATE SET hits = hits + 1 WHERE hits < max` —
// so two racing requests can never both take the last slot. An attempt that is refused is not counted
// (the whole take rolls back), so hammering a locked bucket never extends the lock: it opens when its window
// ends, whatever a stranger does meanwhile.
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";

export interface Limit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** Per action, per IP and per email (or per order for status polls). */
export const LIMITS = {
  checkout: { perIp: { max: 30, windowMs: 10 * MINUTE }, perEmail: { max: 10, windowMs: 10 * MINUTE } },
  signIn: { perIp: { max: 20, windowMs: 15 * MINUTE }, perEmail: { max: 5, windowMs: 15 * MINUTE } },
  lostLink: { perIp: { max: 20, windowMs: 15 * MINUTE }, perEmail: { max: 5, windowMs: 15 * MINUTE } },
  signInConfirm: { perIp: { max: 30, windowMs: 15 * MINUTE } },
  // The poller asks every 1.5 s for a minute, then slower: 40 a minute per open tab.
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

/** Counts one attempt in every bucket, or in none when any bucket is full. */
export async function takeRateLimit(db: Db, checks: RateCheck[], now = new Date()): Promise<RateLimitResult> {
  if (checks.length === 0) return { ok: true };
  try {
    await db.transaction(async (tx) => {
      // A fixed order, so two requests sharing buckets never wait on each other's rows in opposite orders.
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

/** Buckets named the same way everywhere; the value is lower-cased (emails are normalised already). Control
 *  characters are escaped: PostgreSQL text cannot hold a NUL, and hostile input must name a bucket, not fail. */
export function bucket(action: string, kind: "ip" | "email" | "order", value: string | null | undefined): string {
  const safe = (value ?? "unknown").toLowerCase().replace(/[\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
  return `${action}:${kind}:${safe}`;
}

/** Deletes counters whose window ended over a day ago (no limit is longer). For the cron / timer. */
export async function purgeRateLimits(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - 2 * 24 * 60 * MINUTE)))
    .returning({ bucket: rateLimits.bucket });
  return rows.length;
}

/** "4 minutes" / "30 seconds", for forms that cannot send a Retry-After header. */
export function waitPhrase(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
