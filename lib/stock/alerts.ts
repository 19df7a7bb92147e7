// The fall is recorded first (`low_since`), the email after; restock re-sends one that failed.
import { and, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { esimInventory, stockLevels } from "@/lib/db/schema";
import { sendAdminAlert } from "@/lib/delivery/email";
import { env } from "@/lib/env";
import { log } from "@/lib/observability/logger";

async function availableCount(db: Db, bundleName: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(esimInventory)
    .where(and(eq(esimInventory.bundleName, bundleName), eq(esimInventory.status, "available")));
  return row?.n ?? 0;
}

export async function checkLowStock(db: Db, bundleName: string): Promise<void> {
  try {
    const [level] = await db.select().from(stockLevels).where(eq(stockLevels.bundleName, bundleName));
    if (!level || level.lowThreshold <= 0 || level.lowSince) return;
    const available = await availableCount(db, bundleName);
    if (available >= level.lowThreshold) return;
    // Conditional: of two workers that both saw the fall, one records it and sends.
    const [fell] = await db
      .update(stockLevels)
      .set({ lowSince: sql`now()` })
      .where(and(eq(stockLevels.bundleName, bundleName), isNull(stockLevels.lowSince)))
      .returning();
    if (fell) await sendLowStock(db, fell.bundleName, fell.lowSince!, available, fell.lowThreshold);
  } catch (err) {
    log.error({ err, bundleName }, "low-stock check failed");
  }
}

async function sendLowStock(db: Db, bundleName: string, since: Date, available: number, threshold: number) {
  try {
    await sendAdminAlert(
      {
        subject: `[Tern] Low stock: ${bundleName}`,
        text: [
          `Available stock of ${bundleName} is ${available}, below its threshold of ${threshold}.`,
          "Orders fall back to the provider when it runs out. Import or pre-buy more:",
          `${env().appUrl}/admin/stock`,
        ].join("\n"),
      },
      `stock-low/${bundleName}/${since.getTime()}`,
    );
    await db
      .update(stockLevels)
      .set({ lowAlertSentAt: sql`now()` })
      .where(eq(stockLevels.bundleName, bundleName));
  } catch (err) {
    log.error({ err, bundleName }, "low-stock alert not sent yet; the restock job retries it");
  }
}

export async function sendOwedLowStockAlerts(db: Db): Promise<number> {
  const owed = await db
    .select()
    .from(stockLevels)
    .where(and(isNotNull(stockLevels.lowSince), isNull(stockLevels.lowAlertSentAt)));
  for (const level of owed)
    await sendLowStock(
      db,
      level.bundleName,
      level.lowSince!,
      await availableCount(db, level.bundleName),
      level.lowThreshold,
    );
  return owed.length;
}

export async function clearLowStock(db: Db, bundleName: string): Promise<void> {
  const [level] = await db.select().from(stockLevels).where(eq(stockLevels.bundleName, bundleName));
  if (!level?.lowSince) return;
  if ((await availableCount(db, bundleName)) < level.lowThreshold) return;
  await db
    .update(stockLevels)
    .set({ lowSince: null, lowAlertSentAt: null })
    .where(eq(stockLevels.bundleName, bundleName));
}
