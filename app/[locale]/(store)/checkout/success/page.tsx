// /checkout/success?session_id=cs_… — where Stripe sends the buyer after paying.
//
// The page confirms the payment itself by retrieving the Checkout Session (Stripe's advice: a late or lost
// webhook must not keep a paying customer waiting). The session id shows progress only — it sits in URLs,
// history and Stripe's logs; the eSIM appears for the browser that started this checkout (its checkout
// cookie), the signed-in owner, or via the emailed private link, and each showing is recorded in the eSIM's
// access log. Anything unknown is a plain 404. No loading.tsx here: streaming would send a 200 before that
// check could answer 404.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { requestMeta } from "@/lib/http/client-ip";
import { getOrderView, recordEsimShown } from "@/lib/orders/queries";
import { CHECKOUT_COOKIE, readBrowserKey } from "@/lib/payments/checkout-cookie";
import { confirmCheckoutSession } from "@/lib/payments/confirm";
import { OrderStatusPanel } from "@/components/checkout/order-status-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checkout.status");
  return {
    title: t("pageTitle"),
    robots: { index: false, follow: false },
    // The URL is a credential for this order; don't hand it to the sites our links point at.
    referrer: "no-referrer",
  };
}

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
  const [user, jar] = await Promise.all([currentUser(), cookies()]);
  const order = await getOrderView(confirmed.orderId, {
    checkoutSessionId: sessionId,
    browserKey: readBrowserKey(jar.get(CHECKOUT_COOKIE)?.value),
    customerId: user?.id,
  });
  if (!order) notFound();

  if (order.esim) await recordEsimShown(order, user, await requestMeta());
  const userAgent = (await headers()).get("user-agent");
  const statusUrl = `/api/orders/${encodeURIComponent(order.id)}/status?session_id=${encodeURIComponent(sessionId)}`;
  return <OrderStatusPanel order={order} statusUrl={statusUrl} userAgent={userAgent} />;
}
