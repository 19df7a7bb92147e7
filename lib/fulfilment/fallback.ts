// A permanent refusal before anything was bought switches once to the other provider's plan at the same price.
import { and, eq, inArray } from "drizzle-orm";
import { orderEvents, orders, type Order } from "@/lib/db/schema";
import { fallbackBundleFor } from "@/lib/catalogue/fallback";
import { lockOrder, recordStep } from "@/lib/orders/lifecycle";
import { somethingBought } from "./parked-orders";
import type { Run } from "./run";

const FALLBACK_STEPS = ["purchase.fallback", "order.fallback"];

export async function switchToFallback(run: Run, order: Order, reason: string): Promise<boolean> {
  const { db } = run.deps;
  if (!["paid", "provisioning", "needs_attention"].includes(order.status)) return false;
  // An open or unknown attempt may have bought: only a provider that certainly sold nothing is left.
  if (await somethingBought(run, order.id)) return false;
  const fallback = await fallbackBundleFor(db, order.bundleName, order);
  if (!fallback) return false;
  return db.transaction(async (tx) => {
    const current = await lockOrder(tx, order.id);
    if (!current || current.provider !== order.provider || current.bundleName !== order.bundleName) return false;
    const [moved] = await tx
      .select({ id: orderEvents.id })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), inArray(orderEvents.step, FALLBACK_STEPS)))
      .limit(1);
    if (moved) return false;
    await tx
      .update(orders)
      .set({
        provider: fallback.provider,
        bundleName: fallback.name,
        wholesaleMinor: fallback.wholesaleMinor,
        wholesaleCurrency: fallback.wholesaleCurrency,
        bundleSnapshot: { ...current.bundleSnapshot, provider: fallback.provider },
      })
      .where(eq(orders.id, order.id));
    await recordStep(tx, order.id, "purchase.fallback", {
      from: { provider: order.provider, bundle: order.bundleName },
      to: { provider: fallback.provider, bundle: fallback.name },
      reason,
      amountMinor: order.amountMinor,
      currency: order.currency,
    });
    return true;
  });
}
