// /checkout/success?session_id=cs_… — where Stripe sends the buyer after paying.
//
// The page confirms the payment itself by retrieving the Checkout Session (Stripe's advice: a late or lost
// webhook must not keep a paying customer waiting), then shows the order through the same access check as
// every order read: the session id is the credential. Anything unknown is a plain 404. No loading.tsx here:
// streaming would send a 200 before that check could answer 404.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getOrderView } from "@/lib/orders/queries";
import { confirmCheckoutSession } from "@/lib/payments/confirm";
import { OrderStatusPanel } from "@/components/checkout/order-status-panel";

export const metadata: Metadata = {
  title: "Your order",
  robots: { index: false, follow: false },
  // The URL is a credential for this order; don't hand it to the sites our links point at.
  referrer: "no-referrer",
};

const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,200}$/;

export default async function CheckoutSuccessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { session_id: sessionId } = await searchParams;
  // Malformed ids never reach Stripe.
  if (typeof sessionId !== "string" || !SESSION_ID.test(sessionId)) notFound();

  const confirmed = await confirmCheckoutSession(sessionId);
  if (!confirmed) notFound();
  const order = await getOrderView(confirmed.orderId, { checkoutSessionId: sessionId });
  if (!order) notFound();

  const userAgent = (await headers()).get("user-agent");
  const statusUrl = `/api/orders/${encodeURIComponent(order.id)}/status?session_id=${encodeURIComponent(sessionId)}`;
  return <OrderStatusPanel order={order} statusUrl={statusUrl} userAgent={userAgent} />;
}
