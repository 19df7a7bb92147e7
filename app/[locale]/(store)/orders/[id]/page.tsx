// /orders/<id>?t=<token> — the private order page linked from the delivery email.
//
// The token (or a signed-in owner) is the only way in; anything else is a 404 that looks exactly like an
// order that does not exist, so the page gives no hint about which order ids are real. A link that really was
// this order's but expired or was revoked says so; every dead end offers a fresh link (/orders/lost).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getOrderView } from "@/lib/orders/queries";
import { getOrderLinkProblem } from "@/lib/orders/links";
import { OrderLinkProblem } from "@/components/checkout/order-link-problem";
import { currentUser } from "@/lib/auth";
import { OrderStatusPanel } from "@/components/checkout/order-status-panel";
import { CreateAccountOffer } from "@/components/account/create-account-offer";
import { ReceiptLink } from "@/components/receipt/receipt-link";
import { recordOrderPageView } from "@/lib/accounts/pages";
import { requestMeta } from "@/lib/http/client-ip";

interface Props {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "checkout.order" });
  return {
    title: t("metaTitle"),
    robots: { index: false, follow: false },
    // The token in the URL opens this order: keep it out of Referer headers sent to the install links.
    referrer: "no-referrer",
  };
}

export default async function OrderPage({ params, searchParams }: Props) {
  await pageLocale(params);
  const [{ id }, { t }] = await Promise.all([params, searchParams]);
  const token = typeof t === "string" && t.length > 0 && t.length <= 200 ? t : undefined;
  const user = await currentUser();
  if (!token && !user) notFound();

  const order = await getOrderView(id, { token, customerId: user?.id });
  if (!order) {
    const problem = token ? await getOrderLinkProblem(id, token) : null;
    if (problem) return <OrderLinkProblem reason={problem} />;
    notFound();
  }

  // Showing the activation details is logged, whoever opens them (the eSIM's access log).
  if (order.esim) await recordOrderPageView(order.esim.iccid, user, await requestMeta());
  const userAgent = (await headers()).get("user-agent");
  const statusUrl = `/api/orders/${encodeURIComponent(order.id)}/status${token ? `?t=${encodeURIComponent(token)}` : ""}`;
  return (
    <>
      <OrderStatusPanel order={order} statusUrl={statusUrl} userAgent={userAgent} />
      <div className="container-page max-w-3xl pb-12">
        <ReceiptLink orderId={order.id} paid={Boolean(order.paidAt)} token={token} />
        <CreateAccountOffer email={order.email} />
      </div>
    </>
  );
}
