import { and, gt, isNotNull, lte, or, isNull, lt, sql, notInArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { getDb } from "@/lib/db";
import { esimUsage } from "@/lib/db/schema";
import { recordDueAlerts, sendPendingAlerts } from "./alerts";
import { refreshStale } from "./refresh";
import { log } from "@/lib/observability/logger";

const DAY_MS = 86_400_000;
const JOB_REFRESH_AFTER_MS = 60 * 60 * 1000;

export async function runUsageAlerts(
  db: Db,
  now = new Date(),
): Promise<{ endingSoon: number; recorded: number; refreshed: number; sent: number; failed: number }> {
  const ending = await db
    .select()
    .from(esimUsage)
    .where(
      and(
        isNotNull(esimUsage.endTime),
        gt(esimUsage.endTime, now),
        lte(esimUsage.endTime, new Date(now.getTime() + DAY_MS)),
      ),
    );
  let recorded = 0;
  for (const usage of ending) recorded += (await recordDueAlerts(db, usage, undefined, now)).length;

  const stale = await db
    .select({ iccid: esimUsage.iccid })
    .from(esimUsage)
    .where(
      and(
        or(isNull(esimUsage.bundleState), notInArray(esimUsage.bundleState, ["expired", "revoked", "lapsed"])),
        or(isNull(esimUsage.refreshedAt), lt(esimUsage.refreshedAt, new Date(now.getTime() - JOB_REFRESH_AFTER_MS))),
      ),
    )
    .orderBy(sql`${esimUsage.refreshedAt} asc nulls first`)
    .limit(20);
  const refreshed = await refreshStale(
    db,
    stale.map((s) => s.iccid),
    JOB_REFRESH_AFTER_MS,
  );

  const { sent, failed } = await sendPendingAlerts(db, { limit: 200 });
  return { endingSoon: ending.length, recorded, refreshed, sent, failed };
}

let timer: NodeJS.Timeout | undefined;

export function startUsageAlertsTimer(intervalMs = 15 * 60 * 1000): () => void {
  if (timer) return () => undefined;
  timer = setInterval(() => {
    getDb()
      .then((db) => runUsageAlerts(db))
      .catch((err: unknown) => log.error({ err, job: "usage-alerts" }, "usage alerts job failed"));
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    timer = undefined;
  };
}
