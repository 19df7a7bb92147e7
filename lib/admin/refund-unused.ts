// The provider takes the unused bundle back before Stripe refunds. The eSIM row is claimed first, so of two
// clicks only one asks the provider; the Stripe key is the one "Refund in full" uses, so no path refunds twice.
import { writeAudit } from "@/lib/audit";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { esims, orders } from "@/lib/db/schema";
import { recordStep } from "@/lib/orders/lifecycle";
import { providerFor } from "@/lib/providers";
import type { EsimProvider } from "@/lib/providers/types";
import { formatMoney } from "@/lib/format";
import type { ActionResult } from "./action-result";
import { refundInFull } from "./order-refund";
import type { Actor } from "./guard";

const done = (message: string): ActionResult => ({ outcome: "applied", message });
const noChange = (message: string): ActionResult => ({ outcome: "no_change", message });
const refused = (message: string): ActionResult => ({ outcome: "refused", message });

export function offersUnusedRefund(
  order: { status: string; kind: string; refundedAt: Date | null; stripePaymentIntentId: string | null },
  provider: string,
  providers: (name: string) => EsimProvider = providerFor,
): boolean {
  if (order.status !== "delivered" || order.kind !== "new" || order.refundedAt || !order.stripePaymentIntentId)
    return false;
  try {
    return typeof providers(provider).revokeUnusedBundle === "function";
  } catch {
    return false;
  }
}

export async function refundUnusedDelivered(
  db: Db,
  orderId: string,
  confirmation: string,
  actor: Actor,
  providers: (name: string) => EsimProvider = providerFor,
): Promise<ActionResult> {
  let result: ActionResult;
  try {
    result = await run(db, orderId, confirmation, actor, providers);
  } catch (err) {
    await writeAudit(db, actor, {
      action: "order.refund_unused",
      targetType: "order",
      targetId: orderId,
      outcome: "refused",
      detail: { error: err instanceof Error ? err.message : String(err) },
    });
    throw err;
  }
  await writeAudit(db, actor, {
    action: "order.refund_unused",
    targetType: "order",
    targetId: orderId,
    outcome: result.outcome,
    detail: { message: result.message },
  });
  return result;
}

async function run(
  db: Db,
  orderId: string,
  confirmation: string,
  actor: Actor,
  providers: (name: string) => EsimProvider,
): Promise<ActionResult> {
  if (confirmation.trim() !== orderId) return refused("Type the order id exactly to confirm the refund.");
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return refused("No such order.");
  if (order.refundedAt) return noChange("Already refunded.");
  if (order.kind !== "new") return refused("Only a first eSIM can be taken back; refund a top-up in full instead.");
  if (!order.stripePaymentIntentId) return refused("This order was not paid by card, so there is nothing to refund.");
  if (order.status === "installed") return refused("The customer has installed this eSIM; it is not unused.");
  if (order.status !== "delivered")
    return refused(`An order that is ${order.status} has no delivered eSIM to take back.`);
  const [esim] = await db.select().from(esims).where(eq(esims.orderId, orderId)).limit(1);
  if (!esim) return refused("No eSIM was issued for this order.");
  const provider = providers(esim.provider);
  if (!provider.revokeUnusedBundle)
    return refused(`${esim.provider} cannot take a bundle back; "Refund in full" refunds and leaves it paid.`);

  if (esim.status !== "revoked") {
    const [claimed] = await db
      .update(esims)
      .set({ status: "revoking" })
      .where(and(eq(esims.iccid, esim.iccid), inArray(esims.status, ["issued", "suspended"])))
      .returning({ iccid: esims.iccid });
    if (!claimed) {
      const [now] = await db.select({ status: esims.status }).from(esims).where(eq(esims.iccid, esim.iccid));
      if (now?.status !== "revoked") return noChange("Someone is taking this eSIM back right now.");
    } else {
      let answer: Awaited<ReturnType<NonNullable<EsimProvider["revokeUnusedBundle"]>>>;
      try {
        answer = await provider.revokeUnusedBundle(esim.iccid, order.bundleName);
      } catch (err) {
        // We do not know whether the provider acted: the bundle stays claimed and a retry asks again.
        await db.update(esims).set({ status: esim.status }).where(eq(esims.iccid, esim.iccid));
        throw err;
      }
      if (answer.state === "refused") {
        await db.update(esims).set({ status: esim.status }).where(eq(esims.iccid, esim.iccid));
        return refused(answer.reason);
      }
      await db.update(esims).set({ status: "revoked" }).where(eq(esims.iccid, esim.iccid));
      await recordStep(db, orderId, "esim.revoked", {
        iccid: esim.iccid,
        bundle: order.bundleName,
        refundConfirmed: answer.refundConfirmed,
        by: actor.email,
      });
    }
  }

  const created = await refundInFull(db, order, actor, "unused eSIM taken back by the provider, then refunded");
  if (!created) return noChange("Already refunded.");
  return done(
    `Took the unused eSIM back from ${esim.provider} and refunded ${formatMoney(created.amount, order.currency)} (${created.id}).`,
  );
}
