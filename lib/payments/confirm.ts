import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { kickWorker } from "@/lib/jobs/worker";
import { applyPaidSession, orderIdOfSession } from "./paid";
import { stripe } from "./stripe";
import { log } from "@/lib/observability/logger";

// Applies exactly what the webhook would (whichever comes second changes nothing), so a late webhook never
// keeps a paying customer waiting.
export async function confirmCheckoutSession(sessionId: string): Promise<{ orderId: string } | null> {
  const db = await getDb();
  const [known] = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(eq(orders.stripeCheckoutSessionId, sessionId));
  if (known && known.status !== "pending_payment" && known.status !== "expired") return { orderId: known.id };

  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.retrieve(sessionId);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404 || (err as { code?: string }).code === "resource_missing")
      return null;
    log.warn({ err }, `could not retrieve session ${sessionId}`);
    return known ? { orderId: known.id } : null;
  }
  // The process may have died between creating the session and saving its id.
  const orderId = known?.id ?? orderIdOfSession(session);
  if (!orderId) return null;
  if (!known) {
    const [order] = await db
      .select({ id: orders.id, sessionId: orders.stripeCheckoutSessionId })
      .from(orders)
      .where(eq(orders.id, orderId));
    if (!order || (order.sessionId && order.sessionId !== sessionId)) return null;
    if (!order.sessionId)
      await db.update(orders).set({ stripeCheckoutSessionId: sessionId }).where(eq(orders.id, orderId));
  }
  if (session.payment_status === "paid") {
    const result = await db.transaction((tx) => applyPaidSession(tx, session, "success page"));
    if (result.kick) kickWorker();
  }
  return { orderId };
}
