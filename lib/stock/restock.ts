import { ne } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { stockLevels } from "@/lib/db/schema";
import { safeError } from "@/lib/observability/redact";
import { log } from "@/lib/observability/logger";
import { sendOwedLowStockAlerts } from "./alerts";
import { resolveLostPrebuys } from "./lost-prebuys";
import { restockToTarget, type PrebuyDeps } from "./prebuy";
import { releaseAbandonedReservations } from "./reserve";

export async function runRestock(db: Db, deps: PrebuyDeps = {}) {
  const levels = await db
    .select({ bundleName: stockLevels.bundleName })
    .from(stockLevels)
    .where(ne(stockLevels.targetLevel, 0));
  const resolved = await resolveLostPrebuys(db, deps);
  const results: Record<string, string> = {};
  for (const { bundleName } of levels) {
    try {
      const r = await restockToTarget(db, bundleName, deps);
      results[bundleName] = r.outcome === "bought" ? `bought ${r.quantity}` : r.outcome;
    } catch (err) {
      log.error({ err, bundleName }, "restock failed");
      results[bundleName] = `error: ${safeError(err)}`;
    }
  }
  const released = await releaseAbandonedReservations(db);
  const alerts = await sendOwedLowStockAlerts(db);
  return { resolved, restocked: results, released, alertsRetried: alerts };
}
