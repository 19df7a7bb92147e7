// Rate limits kept in the database, so they hold across instances and restarts. Each request is recorded
// first and then counted, so two racing requests cannot both slip under the limit on a stale count.
import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { authThrottle } from "@/lib/db/schema";

export interface Limit {
  max: number;
  windowMs: number;
}

/** Records one request in each bucket; true when every bucket is still within its limit. */
export async function takeThrottle(
  db: Db,
  buckets: { bucket: string; limit: Limit }[],
  now = new Date(),
): Promise<boolean> {
  if (buckets.length === 0) return true;
  await db.insert(authThrottle).values(buckets.map(({ bucket }) => ({ bucket, createdAt: now })));
  let allowed = true;
  for (const { bucket, limit } of buckets) {
    const since = new Date(now.getTime() - limit.windowMs);
    const [row] = await db
      .select({ n: count() })
      .from(authThrottle)
      .where(and(eq(authThrottle.bucket, bucket), gt(authThrottle.createdAt, since)));
    if ((row?.n ?? 0) > limit.max) allowed = false;
  }
  // Keep the table small: a bucket's rows older than a day can never matter again.
  for (const { bucket } of buckets) {
    await db
      .delete(authThrottle)
      .where(and(eq(authThrottle.bucket, bucket), lt(authThrottle.createdAt, new Date(now.getTime() - 86_400_000))));
  }
  return allowed;
}
