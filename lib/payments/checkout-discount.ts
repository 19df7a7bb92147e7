import { eq } from "drizzle-orm";
import type { getDb, Tx } from "@/lib/db";
import { orderDiscounts } from "@/lib/db/schema";
import { planDiscount, PromotionRefused, type DiscountPlan } from "@/lib/promotions/apply";
import type { Charge } from "@/lib/currency/charge";
import { stripe } from "./stripe";
import { CheckoutError, PromotionCheckoutError } from "./checkout-errors";

// Taken in the order's transaction with the code's row locked: concurrent checkouts for a code's last use
// queue here and only one gets it.
export async function reserveDiscount(
  tx: Tx,
  charge: Charge,
  countries: string[],
  input: { promotionCode?: string; customerId?: string; email?: string; expectedMinor?: number },
): Promise<DiscountPlan> {
  let plan: DiscountPlan;
  try {
    plan = await planDiscount(
      tx,
      {
        code: input.promotionCode,
        buyer: { customerId: input.customerId, email: input.email },
        listMinor: charge.priceMinor,
        currency: charge.currency,
        countries,
      },
      { lock: true },
    );
  } catch (err) {
    if (err instanceof PromotionRefused) throw new PromotionCheckoutError(err.reason, err.message);
    throw err;
  }
  // The price the buyer saw is the price we charge, or nothing.
  if (input.expectedMinor !== undefined && input.expectedMinor !== plan.finalMinor)
    throw new CheckoutError(
      409,
      "price_changed",
      "This plan's price has changed. Please check the new price and try again.",
    );
  return plan;
}

// The exact amount off, so Checkout charges to the cent what we computed (a percent coupon leaves rounding to
// Stripe).
export async function createDiscountCoupon(
  db: Awaited<ReturnType<typeof getDb>>,
  orderId: string,
  plan: DiscountPlan,
): Promise<string | null> {
  const off = plan.discountMinor + plan.creditMinor;
  if (off === 0) return null;
  const name = [plan.promotion?.code, plan.creditMinor > 0 ? "referral credit" : null].filter(Boolean).join(" + ");
  const coupon = await stripe().coupons.create(
    {
      amount_off: off,
      currency: plan.currency.toLowerCase(),
      duration: "once",
      max_redemptions: 1,
      name: name.slice(0, 40),
      metadata: { order_id: orderId, promotion_code: plan.promotion?.code ?? "" },
    },
    { idempotencyKey: `coupon/${orderId}` },
  );
  await db.update(orderDiscounts).set({ stripeCouponId: coupon.id }).where(eq(orderDiscounts.orderId, orderId));
  return coupon.id;
}
