// When the order's provider refuses for good before anything was bought, the same plan from the other
// provider (the bundle's `fallback_bundle`, synced but not listed) is bought instead of refunding: same retail
// price for the customer, recorded in the timeline. Once per order, so two providers never ping-pong.
import { and, eq, inArray } from "drizzle-orm";
import { orderEvents, orders, type Order } from "@/lib/db/schema";
import { fallbackBundleFor } from "@/lib/catalogue/fallback";
import { lockOrder, recordStep } from "@/lib/orders/lifecycle";
import { somethingBought } from "./parked-orders";
import type { Run } from "./run";

/** Timeline steps that mean the order already moved to another provider (here, or at checkout). */
const FALLBACK_STEPS = ["purchase.fallback", "order.fallback"];

/** Moves the order to the fallback bundle; false when it cannot (bought something, already moved, none). */
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
        // What the customer bought (title, price) is unchanged; who fulfils it is not.
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
