// The total is checked against the order's amount; this puts a subtotal or discount not ours on the order's timeline.
import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { recordStep } from "@/lib/orders/lifecycle";
import { discountOfOrder } from "./apply";

export async function verifySessionDiscount(
  tx: Tx,
  orderId: string,
  session: Stripe.Checkout.Session,
): Promise<boolean> {
  if (session.payment_status !== "paid") return true;
  const discount = await discountOfOrder(tx, orderId);
  const expectedOff = discount ? discount.discountMinor + discount.creditMinor : 0;
  const paidOff = session.total_details?.amount_discount ?? 0;
  if (!discount && paidOff === 0) return true;
  const ok = paidOff === expectedOff && (!discount || session.amount_subtotal === discount.listMinor);
  await recordStep(
    tx,
    orderId,
    ok ? "payment.discount_verified" : "payment.discount_mismatch",
    {
      session: session.id,
      amountSubtotal: session.amount_subtotal,
      amountDiscount: paidOff,
      amountTotal: session.amount_total,
      expectedDiscount: expectedOff,
      expectedSubtotal: discount?.listMinor ?? null,
    },
    ok ? "step" : "error",
  );
  return ok;
}
