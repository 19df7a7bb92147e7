import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { bundles, esimInventory, stockLevels } from "@/lib/db/schema";
import { writeAudit, type Actor } from "@/lib/audit";
import { logInTx } from "./log";
import { clearLowStock } from "./alerts";
import { closeStockPurchase } from "./lost-prebuys";

export type StockActionResult = { ok: string } | { error: string };

export async function setStockLevels(
  db: Db,
  input: { bundleName: string; targetLevel: number; lowThreshold: number },
  actor: Actor,
): Promise<StockActionResult> {
  const [bundle] = await db.select({ name: bundles.name }).from(bundles).where(eq(bundles.name, input.bundleName));
  if (!bundle) return { error: `Unknown bundle ${input.bundleName}.` };
  await db.transaction(async (tx) => {
    await tx
      .insert(stockLevels)
      .values(input)
      .onConflictDoUpdate({
        target: stockLevels.bundleName,
        set: { targetLevel: input.targetLevel, lowThreshold: input.lowThreshold },
      });
    await writeAudit(tx, actor, {
      action: "stock.levels",
      targetType: "bundle",
      targetId: input.bundleName,
      outcome: "applied",
      detail: { targetLevel: input.targetLevel, lowThreshold: input.lowThreshold },
    });
  });
  await clearLowStock(db, input.bundleName);
  return { ok: `Saved: restock to ${input.targetLevel}, alert below ${input.lowThreshold}.` };
}

export async function retireStock(db: Db, id: number, reason: string, actor: Actor): Promise<StockActionResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(esimInventory)
      .set({ status: "retired", retiredAt: sql`now()`, retiredReason: `by an admin: ${reason}` })
      .where(and(eq(esimInventory.id, id), eq(esimInventory.status, "available")))
      .returning({ id: esimInventory.id, iccid: esimInventory.iccid, bundleName: esimInventory.bundleName });
    await writeAudit(tx, actor, {
      action: "stock.retire",
      targetType: "bundle",
      targetId: row?.bundleName ?? String(id),
      outcome: row ? "applied" : "refused",
      detail: { inventoryId: id, reason },
    });
    if (!row) return { error: "Only an available eSIM can be retired (reserved and assigned ones belong to orders)." };
    await logInTx(tx, {
      inventoryId: id,
      source: "stock",
      action: "retire",
      outcome: "retired",
      payload: { reason, by: actor.email },
    });
    return { ok: `Retired ${row.iccid}.` };
  });
}

export async function closePurchase(db: Db, id: number, actor: Actor): Promise<StockActionResult> {
  const closed = await closeStockPurchase(db, id);
  await writeAudit(db, actor, {
    action: "stock.close_purchase",
    targetType: "bundle",
    targetId: String(id),
    outcome: closed ? "applied" : "no_change",
  });
  return closed
    ? { ok: `Pre-buy ${id} closed; it no longer counts toward the target.` }
    : { error: "Nothing open to close." };
}
